/*
 * output.c — capture of guest stdout/stderr with per-stream caps.
 */
#include <stdlib.h>
#include <string.h>

#include "host.h"

void mpb_capture_reset(mpb_capture *c, uint64_t cap)
{
    mpb_buf_reset(&c->buf);
    c->cap = cap;
    c->attempted = 0;
    c->truncated = 0;
}

void mpb_capture_free(mpb_capture *c)
{
    mpb_buf_free(&c->buf);
    memset(c, 0, sizeof *c);
}

/* Keep what fits; returns the number of bytes kept (0 when the host cannot
 * allocate: the output is then flagged as truncated rather than lost
 * silently). */
static size_t capture(mpb_capture *c, const char *data, size_t len)
{
    c->attempted += len;
    uint64_t room = c->cap > c->buf.len ? c->cap - c->buf.len : 0;
    size_t keep = len < room ? len : (size_t)room;
    if (keep < len)
        c->truncated = 1;
    if (!keep)
        return 0;
    if (mpb_buf_append(&c->buf, data, keep) < 0) {
        c->buf.failed = 0; /* nothing was appended: later output may fit */
        c->truncated = 1;
        return 0;
    }
    return keep;
}

void mpb_host_output(mpb_host *h, int fd, const char *data, size_t len)
{
    mpb_capture *c = &h->out[fd == 2];
    if (h->output_overflowed) {
        /* stop policy: once a cap is passed nothing more is kept, on either
         * stream, while the run winds down */
        c->attempted += len;
        if (len)
            c->truncated = 1;
        return;
    }
    size_t kept = capture(c, data, len);
    mpb_host_spend(h, (uint64_t)kept * MPB_FUEL_PER_OUTPUT_BYTE);
    /* Hand the callback the host's copy, never guest memory. */
    if (kept && h->output_fn)
        h->output_fn(h->output_user, fd, c->buf.data + c->buf.len - kept, kept);
    if (c->truncated && h->output_stop && !h->output_overflowed) {
        h->output_overflowed = 1;
        if (h->request_stop)
            h->request_stop(h);
    }
}
