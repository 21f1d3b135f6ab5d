/*
 * playground.c — serves the embedded files of the playground page
 * (playground.h, docs/playground.md).
 */
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "playground.h"

/* Generated from web/playground by tools/embed (build/gen/playground.c). */
extern const mpb_vfs_lib srv_playground_files;

/* Everything the page loads comes from this origin; nothing inline runs
 * (the HTML has no inline script or style), no plugin, no form posts
 * elsewhere, no framing (clickjacking), no <base> rewriting. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
_Static_assert(sizeof csp <= sizeof((struct srv_response *)0)->headers[0].value,
               "the policy must fit a response header whole");

static int by_path(const void *key, const void *e)
{
    return strcmp(key, ((const mpb_vfs_lib_entry *)e)->path);
}

static const mpb_vfs_lib_entry *find(const char *path)
{
    if (path[0] != '/')
        return NULL;
    const char *name = path[1] ? path + 1 : "index.html";
    const mpb_vfs_lib_entry *e = bsearch(name, srv_playground_files.entries, srv_playground_files.count,
                                         sizeof *srv_playground_files.entries, by_path);
    return e && !e->is_dir ? e : NULL;
}

int srv_playground_has(const char *path)
{
    return find(path) != NULL;
}

static const char *content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t k = strlen(types[i].ext);
        if (n > k && strcmp(name + n - k, types[i].ext) == 0)
            return types[i].type;
    }
    return "application/octet-stream";
}

void srv_playground_serve(const struct srv_request *rq, struct srv_response *r)
{
    const mpb_vfs_lib_entry *e = find(rq->path);
    if (!e) {
        srv_error(r, 404, "not_found", "no such endpoint");
        return;
    }
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        srv_error(r, 405, "method_not_allowed", "%.20s is not allowed here (allowed: GET, HEAD)", rq->method);
        srv_response_header(r, "Allow", "GET, HEAD");
        return;
    }
    /* http.c frees the body: a copy of the constant bytes (a few KiB). */
    char *body = malloc(e->len ? e->len : 1);
    if (!body) {
        srv_error(r, 503, "out_of_memory", "the server is out of memory"); /* as every endpoint */
        return;
    }
    memcpy(body, e->data, e->len);
    r->status = 200;
    r->content_type = content_type(e->path);
    r->body = body;
    r->body_len = e->len;
    srv_response_header(r, "Content-Security-Policy", csp);
    srv_response_header(r, "Referrer-Policy", "no-referrer");
    srv_response_header(r, "X-Frame-Options", "DENY");
    srv_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
}
