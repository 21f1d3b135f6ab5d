/*
 * stream.c — an answer written by one thread and sent by another
 * (stream.h): a byte queue with a lock, a condition and an end.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* POLLRDHUP */
#endif
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stream.h"

struct srv_stream {
    struct srv_stream_spec spec;
    int client_fd; /* watched for a hang-up while nothing is written */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    char *data; /* bytes written, not yet read: data[off..len) */
    size_t off, len, cap;
    int produced; /* produce returned: the end once data is read */
    int gone;     /* the client went away: writes fail */
    void (*on_produced)(void *);
    void *ctx;
};

int srv_stream_write(struct srv_stream *st, const char *p, size_t n)
{
    pthread_mutex_lock(&st->lock);
    int rc = st->gone ? -1 : 0;
    if (rc == 0 && n) {
        if (st->off && st->off == st->len)
            st->off = st->len = 0;
        if (n > st->cap - st->len && st->off) { /* reuse the read part first */
            memmove(st->data, st->data + st->off, st->len - st->off);
            st->len -= st->off;
            st->off = 0;
        }
        if (n > st->cap - st->len) {
            size_t cap = st->cap ? st->cap : 4096;
            while (cap - st->len < n)
                cap *= 2;
            char *d = realloc(st->data, cap);
            if (!d)
                rc = -1;
            else {
                st->data = d;
                st->cap = cap;
            }
        }
        if (rc == 0) {
            memcpy(st->data + st->len, p, n);
            st->len += n;
            pthread_cond_broadcast(&st->changed);
        }
    }
    pthread_mutex_unlock(&st->lock);
    return rc;
}

static void *producer_main(void *arg)
{
    struct srv_stream *st = arg;
    st->spec.produce(st, st->spec.arg);
    if (st->on_produced)
        st->on_produced(st->ctx);
    pthread_mutex_lock(&st->lock);
    st->produced = 1;
    pthread_cond_broadcast(&st->changed);
    pthread_mutex_unlock(&st->lock);
    return NULL;
}

struct srv_stream *srv_stream_start(const struct srv_stream_spec *spec, int client_fd, void (*produced)(void *),
                                    void *ctx)
{
    struct srv_stream *st = calloc(1, sizeof *st);
    if (!st) {
        if (spec->done)
            spec->done(spec->arg);
        return NULL;
    }
    st->spec = *spec;
    st->client_fd = client_fd;
    st->on_produced = produced;
    st->ctx = ctx;
    pthread_mutex_init(&st->lock, NULL);
    pthread_cond_init(&st->changed, NULL);
    if (pthread_create(&st->thread, NULL, producer_main, st) != 0) {
        pthread_mutex_destroy(&st->lock);
        pthread_cond_destroy(&st->changed);
        if (spec->done)
            spec->done(spec->arg);
        free(st);
        return NULL;
    }
    return st;
}

/* The client closed its end (a silent run would not notice otherwise:
 * nothing is written to the socket while it waits). */
static int client_gone(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLRDHUP};
    return fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

ssize_t srv_stream_read(struct srv_stream *st, char *buf, size_t max)
{
    pthread_mutex_lock(&st->lock);
    while (st->off == st->len && !st->produced) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 500 * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        if (pthread_cond_timedwait(&st->changed, &st->lock, &ts) == ETIMEDOUT && client_gone(st->client_fd)) {
            pthread_mutex_unlock(&st->lock);
            return -2;
        }
    }
    size_t n = st->len - st->off;
    if (n > max)
        n = max;
    memcpy(buf, st->data + st->off, n);
    st->off += n;
    pthread_mutex_unlock(&st->lock);
    return n ? (ssize_t)n : -1;
}

void srv_stream_end(struct srv_stream *st)
{
    pthread_mutex_lock(&st->lock);
    st->gone = 1;
    int running = !st->produced;
    pthread_mutex_unlock(&st->lock);
    if (running && st->spec.stop)
        st->spec.stop(st->spec.arg);
    pthread_join(st->thread, NULL);
    if (st->spec.done)
        st->spec.done(st->spec.arg);
    pthread_mutex_destroy(&st->lock);
    pthread_cond_destroy(&st->changed);
    free(st->data);
    free(st);
}
