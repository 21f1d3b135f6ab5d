/*
 * playground.h — the page of `mpbox serve --playground` (docs/playground.md).
 *
 * The files of web/playground (HTML, CSS, JavaScript, icon) are embedded in
 * the binary at build time by tools/embed and served at / and /NAME. They
 * are public (no token: the page asks the person for one and sends it to
 * the JSON API itself), the same bytes for everyone, and carry a strict
 * Content-Security-Policy: scripts, styles and requests from this origin
 * only, no inline script, no framing.
 */
#ifndef MPBOX_SERVER_PLAYGROUND_H
#define MPBOX_SERVER_PLAYGROUND_H

#include "serve.h"

/* 1 when path (as requested, "/" or "/NAME") is a file of the page. */
int srv_playground_has(const char *path);

/* Answer a request for such a path: the file (GET, HEAD) or 405. */
void srv_playground_serve(const struct srv_request *rq, struct srv_response *r);

#endif /* MPBOX_SERVER_PLAYGROUND_H */
