/*
 * liveout.c — the worker's channel writer and its flusher (liveout.h).
 *
 * Two locks: `chan_lock` is held while bytes go to the channel (one
 * writer at a time, frames whole and in order); `lock` guards the
 * gathered frames, so that the running thread adds to them while the
 * flusher sends the ones before. A sender takes chan_lock first and then
 * what is gathered (under lock): two batches cannot pass each other.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "liveout.h"
#include "proto.h"

struct lo {
    int chan;
    pthread_mutex_t chan_lock;
    pthread_mutex_t lock;
    pthread_cond_t wake;     /* for the flusher: output came, none before */
    struct mpb_buf gathered; /* whole PR_OUTPUT frames, the last one growing */
    struct mpb_buf sending;  /* the batch on its way (under chan_lock) */
    size_t open;             /* where the growing frame's header is */
    int64_t oldest_ns;       /* when gathered's first byte came */
};

/* What is gathered, to the channel; with chan_lock held. */
static int send_gathered(struct lo *q)
{
    pthread_mutex_lock(&q->lock);
    struct mpb_buf batch = q->gathered;
    q->gathered = q->sending; /* empty */
    pthread_mutex_unlock(&q->lock);
    int rc = batch.len ? pr_send_more(q->chan, batch.data, batch.len, 0) : PR_DONE;
    mpb_buf_reset(&batch);
    q->sending = batch;
    return rc;
}

int lo_send(struct lo *q, uint32_t type, uint32_t arg, const void *data, size_t len)
{
    pthread_mutex_lock(&q->chan_lock);
    int rc = send_gathered(q);
    if (rc == PR_DONE)
        rc = pr_send(q->chan, type, arg, data, len, NULL, 0, 0);
    pthread_mutex_unlock(&q->chan_lock);
    return rc;
}

static void flush(struct lo *q)
{
    pthread_mutex_lock(&q->chan_lock);
    int rc = send_gathered(q);
    pthread_mutex_unlock(&q->chan_lock);
    if (rc != PR_DONE)
        _exit(0); /* the server is gone */
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void lo_output(void *user, int fd, const char *data, size_t len)
{
    struct lo *q = user;
    if (len == 0)
        return;
    uint32_t arg = fd == 2 ? 2 : 1;
    struct pr_hdr h = {PR_OUTPUT, arg, 0};
    pthread_mutex_lock(&q->lock);
    struct mpb_buf *g = &q->gathered;
    int was_empty = g->len == 0;
    if (!was_empty)
        memcpy(&h, g->data + q->open, sizeof h);
    int new_frame = was_empty || h.arg != arg; /* the first, or the other stream's turn */
    /* a large write goes as a frame of its own, not copied; so does one
     * there is no memory to gather */
    char *at = len < PR_OUTPUT_PIECE ? mpb_buf_room(g, len + (new_frame ? sizeof h : 0)) : NULL;
    if (!at) {
        pthread_mutex_unlock(&q->lock);
        if (lo_send(q, PR_OUTPUT, arg, data, len) != PR_DONE)
            _exit(0);
        return;
    }
    if (new_frame) {
        q->open = g->len;
        h = (struct pr_hdr){PR_OUTPUT, arg, 0};
        at += sizeof h;
        mpb_buf_commit(g, sizeof h);
    }
    memcpy(at, data, len);
    mpb_buf_commit(g, len);
    h.len += len;
    memcpy(g->data + q->open, &h, sizeof h);
    if (was_empty) {
        q->oldest_ns = now_ns();
        pthread_cond_signal(&q->wake);
    }
    int full = g->len >= PR_OUTPUT_PIECE;
    pthread_mutex_unlock(&q->lock);
    if (full)
        flush(q);
}

void *lo_flusher_main(void *arg)
{
    struct lo *q = arg;
    pthread_mutex_lock(&q->lock);
    for (;;) {
        if (q->gathered.len == 0) {
            pthread_cond_wait(&q->wake, &q->lock);
            continue;
        }
        int64_t due = q->oldest_ns + LO_FLUSH_MS * 1000000LL;
        if (now_ns() < due) {
            struct timespec ts = {(time_t)(due / 1000000000), (long)(due % 1000000000)};
            pthread_cond_timedwait(&q->wake, &q->lock, &ts);
            continue; /* look again: the running thread may have sent it */
        }
        pthread_mutex_unlock(&q->lock);
        flush(q);
        pthread_mutex_lock(&q->lock);
    }
    return NULL;
}

struct lo *lo_new(int chan)
{
    struct lo *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->chan = chan;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&q->chan_lock, NULL);
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->wake, &ca);
    pthread_condattr_destroy(&ca);
    return q;
}
