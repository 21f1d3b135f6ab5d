/*
 * stream.h — answers made while they are sent: a run's output as it
 * happens (NDJSON for the JSON API, server-sent events for MCP).
 *
 * A handler that wants one fills srv_response.stream (srv_stream_answer):
 * the HTTP server sends the status and headers at once, runs `produce` on
 * a thread of its own, and sends what it writes (chunked) as it comes.
 * When the client goes away first, `stop` is called (it must make produce
 * return soon, e.g. by interrupting the run) and further writes fail.
 * `done` is called last, on whichever thread ends the answer. produce
 * runs on its own thread: what it takes from the worker pool's answer
 * budget it gives back itself (wk_release_answers).
 *
 * What produce writes is held until sent: its size is bounded by what
 * produce writes (a run's output is bounded by its output caps).
 */
#ifndef MPBOX_SERVER_STREAM_H
#define MPBOX_SERVER_STREAM_H

#include <stddef.h>
#include <sys/types.h>

struct srv_stream;

struct srv_stream_spec {
    void (*produce)(struct srv_stream *st, void *arg);
    void (*stop)(void *arg); /* may be NULL */
    void (*done)(void *arg); /* may be NULL: frees arg */
    void *arg;
};

/* Append bytes to the answer. 0, or -1 once the client is gone (n = 0
 * only asks). */
int srv_stream_write(struct srv_stream *st, const char *p, size_t n);

/* For http.c: start produce on its thread (NULL when that fails: then
 * done has been called; produced(ctx), when not NULL, is called on that
 * thread once produce returned: what is left must now be taken by the
 * client at a minimum rate), read what it wrote (blocking until there is some;
 * the MHD content reader: -1 at the end, -2 when client_fd, the client's
 * socket, was closed meanwhile), and end it (the MHD free callback: stop
 * if it still runs, wait for it, done). */
struct srv_stream *srv_stream_start(const struct srv_stream_spec *spec, int client_fd, void (*produced)(void *),
                                    void *ctx);
ssize_t srv_stream_read(struct srv_stream *st, char *buf, size_t max);
void srv_stream_end(struct srv_stream *st);

#endif /* MPBOX_SERVER_STREAM_H */
