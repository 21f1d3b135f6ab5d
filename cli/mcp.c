/*
 * mcp.c — `mpbox mcp`: a Model Context Protocol server over stdio.
 *
 * Transport: newline-delimited JSON-RPC 2.0 on stdin/stdout, one message a
 * line; logs on stderr. Protocol revisions: 2025-06-18 (latest), also
 * 2025-03-26 and 2024-11-05 when the client asks for them. Batches (JSON
 * arrays) are refused with -32600 whatever the revision: 2025-06-18 removed
 * them and the SDKs never send them.
 *
 * The messages are handled by the transport-agnostic core (mcpcore.c,
 * mcp.h); this file reads lines, writes replies and is the core's backend
 * with one in-process mpbox_session per connection (= per process):
 * variables, imports and files persist across calls. See docs/mcp.md.
 *
 * Two threads. The main thread handles one message at a time and runs the
 * code. A reader thread reads stdin all the time, so that while a call
 * runs, notifications/cancelled for it can stop it at once
 * (mpbox_session_interrupt, the one call allowed from another thread),
 * and every MCP_TICK_MS it gives the running call a tick for its progress
 * notifications; the other lines wait in a queue for the main thread.
 * Standard output is written under a lock (replies, notifications).
 *
 * Every byte from the client is untrusted: lines are capped at
 * MCP_MAX_LINE, the queue at MCP_MAX_QUEUED bytes, JSON is parsed strictly
 * (json.c), types are checked before use.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "clip.h"
#include "mcp.h"

#define MCP_MAX_LINE (8u << 20)
#define MCP_MAX_QUEUED (64u << 20) /* bytes of lines read ahead of the main thread */
#define MCP_EARLY_CANCELS 16       /* cancelled ids remembered before their request runs */

/* A line read, waiting for the main thread. */
struct line {
    struct line *next;
    int too_long; /* longer than MCP_MAX_LINE: answered with -32600 */
    size_t len;
    char data[]; /* NUL-terminated */
};

struct mcp_stdio {
    const struct mcp_server *srv;
    struct mcp_conn conn;
    struct mcp_backend be;
    mpbox_runtime *rt;
    const struct cli_config *cfg;
    mpbox_session *s; /* NULL until the first run, and after a reset */

    pthread_mutex_t out_lock; /* stdout */
    pthread_mutex_t lock;     /* all below */
    pthread_cond_t changed;   /* a line queued or taken, end of input */
    struct line *head, *tail;
    size_t queued;            /* bytes in the queue */
    int eof;
    /* the request being handled, for cancellation and ticks */
    struct mpb_buf current_id;      /* its id as JSON text; len 0: none */
    const struct mcp_call *running; /* its run going on, or NULL */
    int cancelled;                  /* it was cancelled: no reply */
    char *early[MCP_EARLY_CANCELS]; /* ids (JSON text) cancelled while not running */
    int next_early;
};

/* ---- output ------------------------------------------------------------ */

static int send_line(struct mcp_stdio *m, const char *p, size_t n)
{
    pthread_mutex_lock(&m->out_lock);
    int rc = app_write_all(1, p, n) < 0 || app_write_all(1, "\n", 1) < 0 ? -1 : 0;
    pthread_mutex_unlock(&m->out_lock);
    if (rc < 0)
        fprintf(stderr, "mpbox mcp: cannot write to stdout: %s\n", strerror(errno));
    return rc;
}

static void send_error(struct mcp_stdio *m, int code, const char *msg)
{
    struct mpb_buf b = {0};
    if (mcp_put_error(&b, NULL, code, msg) < 0)
        fputs("mpbox mcp: out of memory for a reply\n", stderr);
    else
        send_line(m, b.data, b.len);
    mpb_buf_free(&b);
}

/* ---- the backend: the connection's session, in this process ------------ */

/* A fresh session with the command line's limits and files. */
static int new_session(struct mcp_stdio *m)
{
    mpbox_session_free(m->s);
    m->s = NULL;
    int rc = mpbox_session_new(m->rt, &m->s);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox mcp: cannot create a session: %s\n", mpbox_errstr(rc));
        return -1;
    }
    if (cli_files_setup(m->s, m->cfg) != 0) {
        mpbox_session_free(m->s);
        m->s = NULL;
        return -1;
    }
    return 0;
}

static void live_output(void *user, int fd, const char *data, size_t len)
{
    const struct mcp_call *call = user;
    call->live(call->live_ctx, fd, data, len);
}

static int stdio_run(void *user, const struct mcp_call *call, const char *code, size_t len, unsigned flags,
                     char **json, size_t *json_len, char *err, size_t errcap)
{
    struct mcp_stdio *m = user;
    if ((!m->s || mpbox_session_is_lost(m->s)) && new_session(m) < 0) {
        snprintf(err, errcap, "cannot create a Python session");
        return MCP_BACKEND_ERROR;
    }
    pthread_mutex_lock(&m->lock);
    int cancelled = m->cancelled;
    m->running = cancelled ? NULL : call;
    pthread_mutex_unlock(&m->lock);
    if (cancelled) { /* between the runs of one call: no reply is sent */
        snprintf(err, errcap, "cancelled");
        return MCP_BACKEND_ERROR;
    }
    mpbox_session_set_output(m->s, call->live ? live_output : NULL, (void *)call);
    mpbox_result *r = NULL;
    int rc = mpbox_run_ex(m->s, code, len, flags, &r);
    mpbox_session_set_output(m->s, NULL, NULL);
    pthread_mutex_lock(&m->lock);
    m->running = NULL;
    pthread_mutex_unlock(&m->lock);
    if (rc != MPBOX_OK) {
        snprintf(err, errcap, "the run could not start: %s", mpbox_errstr(rc));
        return MCP_BACKEND_ERROR;
    }
    size_t n = 0;
    char *text = mpbox_result_json(r, &n);
    mpbox_result_free(r);
    /* the core frees with free(): a copy, whatever allocator the library uses */
    *json = text ? malloc(n + 1) : NULL;
    if (*json) {
        memcpy(*json, text, n + 1);
        *json_len = n;
    }
    mpbox_free(text);
    if (!*json) {
        snprintf(err, errcap, "out of memory");
        return MCP_BACKEND_ERROR;
    }
    return MCP_BACKEND_OK;
}

static int stdio_reset(void *user, char *err, size_t errcap)
{
    struct mcp_stdio *m = user;
    (void)err;
    (void)errcap;
    mpbox_session_free(m->s);
    m->s = NULL;
    return MCP_BACKEND_OK;
}

static void list_one(void *user, const char *path, size_t size)
{
    struct mpb_buf *b = user;
    char num[32];
    snprintf(num, sizeof num, ",\"size\":%zu}", size);
    mpb_json_put(b, b->len > 1 ? ",{\"path\":" : "{\"path\":");
    mpb_json_put_str(b, path, strlen(path));
    mpb_json_put(b, num);
}

static int stdio_list_files(void *user, char **json, size_t *json_len, char *err, size_t errcap)
{
    struct mcp_stdio *m = user;
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, "[") < 0;
    if (m->s && !fail)
        fail = mpbox_session_list_files(m->s, list_one, &b) < 0;
    fail |= mpb_json_put(&b, "]") < 0;
    if (fail) {
        mpb_buf_free(&b);
        snprintf(err, errcap, "cannot list the session's files");
        return MCP_BACKEND_ERROR;
    }
    *json = b.data;
    *json_len = b.len;
    return MCP_BACKEND_OK;
}

static int stdio_read_file(void *user, const char *path, char **data, size_t *len, char *err, size_t errcap)
{
    struct mcp_stdio *m = user;
    void *p = NULL;
    size_t n = 0;
    if (!m->s || mpbox_session_get_file(m->s, path, &p, &n) != MPBOX_OK)
        return MCP_BACKEND_NOFILE;
    *data = malloc(n + 1); /* the core frees with free() */
    if (*data) {
        memcpy(*data, p, n);
        *len = n;
    }
    mpbox_free(p);
    if (!*data) {
        snprintf(err, errcap, "out of memory");
        return MCP_BACKEND_ERROR;
    }
    return MCP_BACKEND_OK;
}

static int stdio_notify(void *user, const char *msg, size_t len)
{
    return send_line(user, msg, len);
}

/* ---- the reader thread ---------------------------------------------------- */

/* notifications/cancelled: stop the run it names, or remember the id for
 * when its request comes up. 1 when line was one. */
static int take_cancel(struct mcp_stdio *m, const char *line, size_t len)
{
    if (!memmem(line, len, "notifications/cancelled", 23))
        return 0;
    struct mpb_json *msg = mpb_json_parse(line, len, NULL);
    const struct mpb_json *method = mpb_json_get(msg, "method"), *params = mpb_json_get(msg, "params");
    const struct mpb_json *rid = params && params->type == MPB_JSON_OBJECT ? mpb_json_get(params, "requestId") : NULL;
    int is = mcp_message_kind(msg) == MCP_MSG_NOTIFICATION && strcmp(method->str, "notifications/cancelled") == 0;
    struct mpb_buf id = {0};
    if (is && rid && (rid->type == MPB_JSON_STRING || rid->type == MPB_JSON_NUMBER) && mpb_json_write(&id, rid) == 0) {
        pthread_mutex_lock(&m->lock);
        if (m->current_id.len == id.len && memcmp(m->current_id.data, id.data, id.len) == 0) {
            m->cancelled = 1;
            if (m->running)
                mpbox_session_interrupt(m->s);
        } else {
            free(m->early[m->next_early]);
            m->early[m->next_early] = id.data;
            m->next_early = (m->next_early + 1) % MCP_EARLY_CANCELS;
            id.data = NULL;
        }
        pthread_mutex_unlock(&m->lock);
    }
    mpb_buf_free(&id);
    mpb_json_free(msg);
    return is;
}

static void tick(struct mcp_stdio *m)
{
    pthread_mutex_lock(&m->lock);
    /* a cancellation that came just before the library began the run did
     * not reach it: again (repeats are no-ops once the stop is under way) */
    if (m->running && m->cancelled)
        mpbox_session_interrupt(m->s);
    if (m->running && m->running->live)
        m->running->live(m->running->live_ctx, 0, NULL, 0);
    pthread_mutex_unlock(&m->lock);
}

/* Queue a line (or the note that one was too long). */
static void queue_line(struct mcp_stdio *m, const char *p, size_t n, int too_long)
{
    struct line *l = malloc(sizeof *l + n + 1);
    if (!l) {
        fputs("mpbox mcp: out of memory for a message\n", stderr);
        return;
    }
    l->next = NULL;
    l->too_long = too_long;
    l->len = n;
    memcpy(l->data, p, n);
    l->data[n] = '\0';
    pthread_mutex_lock(&m->lock);
    while (m->queued > MCP_MAX_QUEUED) { /* the main thread is behind: wait, ticking */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += MCP_TICK_MS * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        if (pthread_cond_timedwait(&m->changed, &m->lock, &ts) == ETIMEDOUT && m->running && m->running->live)
            m->running->live(m->running->live_ctx, 0, NULL, 0);
    }
    if (m->tail)
        m->tail->next = l;
    else
        m->head = l;
    m->tail = l;
    m->queued += n;
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->lock);
}

/* A complete line: surrounding blanks are not part of the message. */
static void got_line(struct mcp_stdio *m, const char *p, size_t n)
{
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    if (n && !take_cancel(m, p, n))
        queue_line(m, p, n, 0);
}

static void *reader_main(void *arg)
{
    struct mcp_stdio *m = arg;
    struct mpb_buf line = {0};
    int skipping = 0; /* inside a line longer than MCP_MAX_LINE */
    static char chunk[65536];
    for (;;) {
        struct pollfd pfd = {.fd = 0, .events = POLLIN};
        int ready = poll(&pfd, 1, MCP_TICK_MS);
        if (ready == 0 || (ready < 0 && errno == EINTR)) {
            tick(m);
            continue;
        }
        ssize_t n = ready < 0 ? -1 : read(0, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        const char *p = chunk, *end = chunk + n;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t take = (size_t)((nl ? nl : end) - p);
            if (!skipping && (line.len + take > MCP_MAX_LINE || mpb_buf_append(&line, p, take) < 0)) {
                skipping = 1;
                line.len = 0;
            }
            p += take;
            if (!nl)
                break;
            p++; /* the newline */
            if (skipping)
                queue_line(m, "", 0, 1);
            else
                got_line(m, line.data, line.len);
            skipping = 0;
            line.len = 0;
        }
    }
    if (!skipping && line.len)
        got_line(m, line.data, line.len); /* a last message without newline */
    mpb_buf_free(&line);
    pthread_mutex_lock(&m->lock);
    m->eof = 1;
    pthread_cond_broadcast(&m->changed);
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

/* ---- the main thread ------------------------------------------------------- */

/* 1 when msg is a request whose id was cancelled before it ran (the id is
 * then forgotten). */
static int cancelled_early(struct mcp_stdio *m, const struct mpb_json *msg)
{
    if (mcp_message_kind(msg) != MCP_MSG_REQUEST)
        return 0;
    struct mpb_buf id = {0};
    int found = 0;
    if (mpb_json_write(&id, mpb_json_get(msg, "id")) == 0) {
        pthread_mutex_lock(&m->lock);
        for (int i = 0; i < MCP_EARLY_CANCELS && !found; i++)
            if (m->early[i] && strlen(m->early[i]) == id.len && memcmp(m->early[i], id.data, id.len) == 0) {
                free(m->early[i]);
                m->early[i] = NULL;
                found = 1;
            }
        pthread_mutex_unlock(&m->lock);
    }
    mpb_buf_free(&id);
    return found;
}

/* One message (a line). */
static void handle(struct mcp_stdio *m, const char *line, size_t len)
{
    const char *err;
    struct mpb_json *msg = mpb_json_parse(line, len, &err);
    if (!msg) {
        char text[128];
        snprintf(text, sizeof text, "Parse error: %s", err);
        send_error(m, -32700, text);
        return;
    }
    if (msg->type == MPB_JSON_ARRAY) {
        send_error(m, -32600, "Invalid Request: batches are not supported (MCP 2025-06-18 removed them)");
    } else if (!cancelled_early(m, msg)) {
        struct mpb_buf b = {0};
        if (mcp_message_kind(msg) == MCP_MSG_REQUEST) {
            pthread_mutex_lock(&m->lock);
            m->current_id.len = 0;
            if (mpb_json_write(&m->current_id, mpb_json_get(msg, "id")) < 0)
                m->current_id.len = 0; /* out of memory: it cannot be cancelled */
            pthread_mutex_unlock(&m->lock);
        }
        if (mcp_handle(m->srv, &m->conn, &m->be, msg, &b) == -1) {
            mpb_buf_free(&b);
            const struct mpb_json *id = mcp_message_kind(msg) == MCP_MSG_REQUEST ? mpb_json_get(msg, "id") : NULL;
            if (mcp_put_error(&b, id, -32603, "out of memory") < 0) {
                mpb_buf_free(&b);
                fputs("mpbox mcp: out of memory for a reply\n", stderr);
            }
        }
        pthread_mutex_lock(&m->lock);
        int cancelled = m->cancelled; /* the spec: no response to a cancelled request */
        m->cancelled = 0;
        m->current_id.len = 0;
        pthread_mutex_unlock(&m->lock);
        if (b.len && !cancelled)
            send_line(m, b.data, b.len);
        mpb_buf_free(&b);
    }
    mpb_json_free(msg);
}

int cli_mcp(mpbox_runtime *rt, const struct cli_config *cfg, int json_mode)
{
    struct mcp_config mc = {
        .memory = (uint64_t)cfg->limits[MPBOX_LIMIT_MEMORY],
        .timeout_ms = cfg->limits[MPBOX_LIMIT_TIMEOUT_MS],
        .max_output = (uint64_t)cfg->limits[MPBOX_LIMIT_STDOUT],
        .fuel = (uint64_t)cfg->limits[MPBOX_LIMIT_FUEL],
        .has_mounts = cfg->nmounts > 0,
        .sqlites = cfg->sqlites,
        .nsqlites = cfg->nsqlites,
        .json_mode = json_mode,
        .clip_output = cfg->clip_given ? cfg->clip_output : CLIP_DEFAULT_MCP,
    };
    struct mcp_stdio *m = calloc(1, sizeof *m);
    struct mcp_server *srv = m ? mcp_server_new(&mc) : NULL;
    if (!srv) {
        free(m);
        fputs("mpbox mcp: out of memory\n", stderr);
        return APP_EXIT_INTERNAL;
    }
    m->srv = srv;
    m->rt = rt;
    m->cfg = cfg;
    m->be = (struct mcp_backend){.user = m,
                                 .run = stdio_run,
                                 .reset = stdio_reset,
                                 .notify = stdio_notify,
                                 .list_files = stdio_list_files,
                                 .read_file = stdio_read_file};
    pthread_mutex_init(&m->out_lock, NULL);
    pthread_mutex_init(&m->lock, NULL);
    pthread_cond_init(&m->changed, NULL);
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, m) != 0) {
        fputs("mpbox mcp: cannot start the reader thread\n", stderr);
        mcp_server_free(srv);
        free(m);
        return APP_EXIT_INTERNAL;
    }
    for (;;) {
        pthread_mutex_lock(&m->lock);
        while (!m->head && !m->eof)
            pthread_cond_wait(&m->changed, &m->lock);
        struct line *l = m->head;
        if (l) {
            m->head = l->next;
            if (!m->head)
                m->tail = NULL;
            m->queued -= l->len;
            pthread_cond_broadcast(&m->changed);
        }
        pthread_mutex_unlock(&m->lock);
        if (!l)
            break;
        if (l->too_long) {
            char text[96];
            snprintf(text, sizeof text, "Invalid Request: message longer than %u bytes", MCP_MAX_LINE);
            send_error(m, -32600, text);
        } else {
            handle(m, l->data, l->len);
        }
        free(l);
    }
    pthread_join(reader, NULL);
    for (int i = 0; i < MCP_EARLY_CANCELS; i++)
        free(m->early[i]);
    mpb_buf_free(&m->current_id);
    mpbox_session_free(m->s);
    mcp_server_free(srv);
    pthread_mutex_destroy(&m->out_lock);
    pthread_mutex_destroy(&m->lock);
    pthread_cond_destroy(&m->changed);
    free(m);
    return APP_EXIT_OK;
}
