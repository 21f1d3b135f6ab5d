/*
 * mcplive.c — notifications/progress for a tools/call whose request asked
 * for them (a progressToken in params._meta): the first after a second of
 * running, then one a second, each with the output written since the one
 * before (its head and tail when long) so that a client can show a long
 * run as it goes. Transports feed it through struct mcp_call.live: output
 * from the thread that runs the code, ticks from wherever they wait.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cliptext.h"
#include "mcp.h"

struct mcp_progress {
    pthread_mutex_t lock;
    const struct mcp_backend *be;
    struct mpb_buf token;   /* the token's JSON text */
    struct mpb_buf pending; /* output since the last notification */
    int64_t start_ms, last_ms;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct mpb_json *mcp_progress_token(const struct mpb_json *params)
{
    const struct mpb_json *meta = mpb_json_get(params, "_meta");
    const struct mpb_json *t = meta && meta->type == MPB_JSON_OBJECT ? mpb_json_get(meta, "progressToken") : NULL;
    if (!t || !(t->type == MPB_JSON_STRING || (t->type == MPB_JSON_NUMBER && t->integer)))
        return NULL;
    return t;
}

struct mcp_progress *mcp_progress_new(const struct mpb_json *token, const struct mcp_backend *be)
{
    struct mcp_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (mpb_json_write(&p->token, token) < 0) {
        mpb_buf_free(&p->token);
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    p->be = be;
    p->start_ms = p->last_ms = now_ms();
    return p;
}

void mcp_progress_free(struct mcp_progress *p)
{
    if (!p)
        return;
    pthread_mutex_destroy(&p->lock);
    mpb_buf_free(&p->token);
    mpb_buf_free(&p->pending);
    free(p);
}

/* Bytes at the end of s[0..n) that start a UTF-8 character not complete
 * yet: they wait for the next notification rather than become U+FFFD. */
static size_t incomplete_tail(const char *s, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = (unsigned char)s[n - k];
        if ((c & 0xc0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > k ? k : 0;
    }
    return 0;
}

/* The notification, when one is due; called with the lock held. */
static void send_due(struct mcp_progress *p)
{
    int64_t now = now_ms();
    if (now - p->last_ms < MCP_PROGRESS_EVERY_MS)
        return;
    p->last_ms = now;
    size_t keep = incomplete_tail(p->pending.data, p->pending.len);
    size_t n = p->pending.len - keep;
    struct mpb_buf msg = {0}, text = {0};
    char num[64];
    int fail = mpb_json_put(&msg, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                                  "{\"progressToken\":") < 0;
    fail |= mpb_buf_append(&msg, p->token.data, p->token.len) < 0;
    snprintf(num, sizeof num, ",\"progress\":%lld,\"message\":", (long long)((now - p->start_ms) / 1000));
    fail |= mpb_json_put(&msg, num) < 0;
    if (n) {
        fail |= app_clip_append(&text, p->pending.data, n, MCP_PROGRESS_MESSAGE) < 0;
    } else {
        snprintf(num, sizeof num, "running for %lld s", (long long)((now - p->start_ms) / 1000));
        fail |= mpb_json_put(&text, num) < 0;
    }
    fail |= mpb_json_put_str(&msg, text.data ? text.data : "", text.len) < 0;
    fail |= mpb_json_put(&msg, "}}") < 0;
    if (!fail && p->be->notify(p->be->user, msg.data, msg.len) == 0) {
        if (keep) /* pending.data is NULL while nothing was written */
            memmove(p->pending.data, p->pending.data + n, keep);
        p->pending.len = keep;
    }
    mpb_buf_free(&msg);
    mpb_buf_free(&text);
}

void mcp_progress_live(void *ctx, int fd, const char *data, size_t len)
{
    struct mcp_progress *p = ctx;
    (void)fd; /* stdout and stderr as they came */
    pthread_mutex_lock(&p->lock);
    if (data && len)
        (void)mpb_buf_append(&p->pending, data, len); /* bounded by the run's output caps */
    send_due(p);
    pthread_mutex_unlock(&p->lock);
}
