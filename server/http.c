/*
 * http.c — the HTTP side of `mpbox serve`, on libmicrohttpd.
 *
 * Threading: one thread per connection (MHD_USE_THREAD_PER_CONNECTION).
 * A run blocks its request for as long as the guest runs (up to its
 * timeout), so a handler must be free to block: with a fixed pool of
 * polling threads, one long run would stall every other connection of its
 * thread. With a thread per connection, a keep-alive client costs one
 * thread that sleeps in poll() between requests, requests on a connection
 * go straight from read to handler to write without any hand-off between
 * threads, and runs in different sessions proceed in parallel. The number
 * of connections (and so of threads) is capped by --max-connections.
 *
 * Every client byte is hostile: headers are bounded by MHD's per-connection
 * memory (MHD answers 431 past it), bodies by --max-request (413, decided
 * from Content-Length before any byte of the body is read when the client
 * sends one) and by --max-request-memory all together (503), idle or slow
 * connections are closed after --connection-timeout, bearer tokens are
 * compared in constant time, and an unauthenticated request gets 401
 * before its body is read.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "guard.h"
#include "mcp_http.h"
#include "playground.h"
#include "serve.h"
#include "spool.h"

#define HEADER_MEMORY (64u << 10) /* per connection: request line and headers */
#define FILE_BLOCK (64u << 10)     /* bytes read at a time from a file answer */
#define GUARD_HEADROOM 16          /* connections MHD accepts beyond the guard's cap */
/* At shutdown: how long requests in flight get to finish after their runs
 * were interrupted, before the workers still holding them up are killed
 * (and as long again for the answers after that). */
#define SHUTDOWN_GRACE_MS 2000

struct srv_http {
    struct MHD_Daemon *daemon;
    int fd;
    struct srv *srv;
    int check_host; /* no tokens: only Host names of this machine (DNS rebinding) */
    atomic_int in_flight; /* requests begun and not yet completed */
    struct guard *guard; /* deadlines, rates, per-client caps (guard.h) */
};

/* Per request: the body so far and what was decided before it arrived. */
struct request {
    struct mpb_buf body;
    uint64_t cap;  /* bytes of body accepted */
    int owner;     /* token index */
    int answered;  /* a response was queued before the body */
    unsigned reject; /* 413 or 503: answer that once the body has passed */
    uint64_t discarded; /* bytes dropped since */
    uint64_t reserved;  /* bytes of the server's body budget held */
    unsigned weight;    /* budget bytes per body byte: 2 for JSON (the body and its parsed copy) */
    struct guard_conn *conn; /* the connection's record in the guard */
    /* for --log-requests */
    struct timespec start;
    char method[16], path[160];
    unsigned status;
    size_t sent;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Take n more bytes of the body budget for rq. -1 when it is spent. */
static int reserve_body(struct srv_http *h, struct request *rq, uint64_t n)
{
    if (budget_take(&h->srv->memory, n) < 0)
        return -1;
    rq->reserved += n;
    return 0;
}

/* ---- responses ---------------------------------------------------------- */

void srv_response_header(struct srv_response *r, const char *name, const char *value)
{
    if (r->nheaders >= SRV_MAX_HEADERS)
        return;
    r->headers[r->nheaders].name = name;
    snprintf(r->headers[r->nheaders].value, sizeof r->headers[0].value, "%s", value);
    r->nheaders++;
}

void srv_error(struct srv_response *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    free(r->body);
    r->body = NULL;
    r->body_len = 0;
    spool_free(r->file);
    r->file = NULL;
    struct mpb_buf b = {0};
    mpb_json_put(&b, "{\"error\":{\"code\":");
    mpb_json_put_str(&b, code, strlen(code));
    mpb_json_put(&b, ",\"message\":");
    mpb_json_put_str(&b, msg, strlen(msg));
    mpb_json_put(&b, "}}");
    r->status = status;
    r->content_type = "application/json";
    if (b.data) {
        r->body = b.data;
        r->body_len = b.len;
    }
}

/* An answer sent from a spool (a snapshot): read a block at a time as the
 * client takes it, held to --min-rate by the guard. */
struct file_body {
    struct spool *sp;
    struct srv_http *h;
    struct guard_conn *conn;
};

static ssize_t read_file_body(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct file_body *f = cls;
    ssize_t n = pread(f->sp->fd, buf, max, (off_t)pos);
    if (n <= 0)
        return MHD_CONTENT_READER_END_WITH_ERROR; /* never short: its size was known */
    guard_progress(f->h->guard, f->conn, (uint64_t)n);
    return n;
}

static void free_file_body(void *cls)
{
    struct file_body *f = cls;
    spool_free(f->sp);
    free(f);
}

static struct MHD_Response *file_response(struct srv_http *h, struct request *rq, struct srv_response *r)
{
    struct file_body *f = malloc(sizeof *f);
    if (!f) {
        spool_free(r->file);
        r->file = NULL;
        return NULL;
    }
    *f = (struct file_body){r->file, h, rq ? rq->conn : NULL};
    r->file = NULL; /* f's now */
    struct MHD_Response *m = MHD_create_response_from_callback(r->file_len, FILE_BLOCK, read_file_body, f,
                                                                free_file_body);
    if (!m) {
        free_file_body(f);
        return NULL;
    }
    if (rq)
        guard_phase(h->guard, rq->conn, GUARD_SENDING);
    return m;
}

/* A streamed answer (stream.h): sent as the producer writes it. While
 * produce runs the connection has no deadline (a run may be silent); once
 * it returned, the rest is held to --min-rate by the guard, so that a
 * client that never reads does not keep the connection and the answer's
 * bytes for ever. */
struct stream_body {
    struct srv_stream *st;
    struct srv_http *h;
    struct guard_conn *conn;
};

static void stream_produced(void *cls)
{
    struct stream_body *b = cls;
    guard_phase(b->h->guard, b->conn, GUARD_SENDING);
}

static ssize_t read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct stream_body *b = cls;
    ssize_t n = srv_stream_read(b->st, buf, max);
    if (n > 0)
        guard_progress(b->h->guard, b->conn, (uint64_t)n);
    return n == -1 ? MHD_CONTENT_READER_END_OF_STREAM : n < 0 ? MHD_CONTENT_READER_END_WITH_ERROR : n;
}

static void end_stream(void *cls)
{
    struct stream_body *b = cls;
    srv_stream_end(b->st);
    free(b);
}

static struct MHD_Response *stream_response(struct srv_http *h, struct MHD_Connection *c, struct request *rq,
                                            struct srv_response *r)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct stream_body *b = malloc(sizeof *b);
    if (!b) {
        if (r->stream.done)
            r->stream.done(r->stream.arg);
        memset(&r->stream, 0, sizeof r->stream);
        return NULL;
    }
    *b = (struct stream_body){NULL, h, rq ? rq->conn : NULL};
    b->st = srv_stream_start(&r->stream, ci ? ci->connect_fd : -1, stream_produced, b);
    memset(&r->stream, 0, sizeof r->stream); /* st's now, or done */
    if (!b->st) {
        free(b);
        return NULL;
    }
    struct MHD_Response *m = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, FILE_BLOCK, read_stream, b,
                                                                end_stream);
    if (!m) {
        end_stream(b);
        return NULL;
    }
    /* The run may be silent for longer than the idle timeout: the stream
     * ends with the run (its own limits); on_completed sets it back. */
    MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, 0u);
    return m;
}

static enum MHD_Result send_response(struct srv_http *h, struct MHD_Connection *c, struct request *rq,
                                     struct srv_response *r)
{
    if (rq) {
        rq->status = r->status;
        rq->sent = r->file ? r->file_len : r->body ? r->body_len : 0;
    }
    struct MHD_Response *m;
    int streamed = r->stream.produce != NULL;
    if (streamed) {
        free(r->body);
        r->body = NULL;
        m = stream_response(h, c, rq, r);
    } else if (r->file) {
        free(r->body);
        r->body = NULL;
        m = file_response(h, rq, r);
    } else if (r->body)
        m = MHD_create_response_from_buffer(r->body_len, r->body, MHD_RESPMEM_MUST_FREE);
    else
        m = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!m) {
        free(r->body);
        r->body = NULL;
        return MHD_NO;
    }
    r->body = NULL; /* MHD frees it */
    if (r->content_type && r->status != 204)
        MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
    MHD_add_response_header(m, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    /* An idle connection is closed after --header-timeout (guard.h): say
     * so, so that clients retire it before and never send into a close. */
    char keep[32];
    snprintf(keep, sizeof keep, "timeout=%d", h->srv->cfg->header_timeout_ms >= 2000
                                                   ? (int)(h->srv->cfg->header_timeout_ms / 1000) - 1 : 1);
    MHD_add_response_header(m, "Keep-Alive", keep);
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(m, r->headers[i].name, r->headers[i].value);
    if (r->status == 401)
        MHD_add_response_header(m, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"mpbox\"");
    /* A long run may outlast the idle timeout: restart its clock (setting
     * it from 0 resets the timer). */
    if (!streamed) {
        MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, 0u);
        MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)h->srv->cfg->conn_timeout_s);
    }
    enum MHD_Result ret = MHD_queue_response(c, r->status, m);
    MHD_destroy_response(m);
    if (r->status < 600)
        atomic_fetch_add(&h->srv->metrics.http_by_code[r->status], 1);
    return ret;
}

static enum MHD_Result send_error(struct srv_http *h, struct MHD_Connection *c, struct request *rq, unsigned status,
                                  const char *code, const char *msg)
{
    struct srv_response r = {0};
    srv_error(&r, status, code, "%s", msg);
    return send_response(h, c, rq, &r);
}

/* ---- requests ----------------------------------------------------------- */

static enum MHD_Result count_length_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind, (void)value;
    if (key && strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
        ++*(int *)cls;
    return MHD_YES;
}

/* A body whose length two headers could disagree on: more than one
 * Content-Length, or Content-Length with Transfer-Encoding (RFC 9112,
 * 6.3). libmicrohttpd takes the first value; a proxy in front might take
 * another, so such a request is refused and its connection closed rather
 * than framed one way here and another way there. */
static int ambiguous_framing(struct MHD_Connection *c)
{
    int lengths = 0;
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_length_header, &lengths);
    return lengths > 1 ||
           (lengths == 1 && MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING));
}

static int is_loopback(const struct sockaddr *sa);

/* Who may read /metrics: with --metrics-loopback any client on a loopback
 * address; with metrics tokens (--metrics-token-file) the bearer of one;
 * with neither, like any other path. 0: allowed; else the HTTP status
 * of the refusal (401, 403) with its message. */
static unsigned metrics_refusal(struct srv_http *h, struct MHD_Connection *c, const char **why)
{
    const struct srv_config *cfg = h->srv->cfg;
    int tokens = tok_metrics_count(h->srv->tokens) > 0;
    if (!cfg->metrics_loopback && !tokens)
        return 0;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (cfg->metrics_loopback && ci && ci->client_addr && is_loopback(ci->client_addr))
        return 0;
    if (tokens && tok_metrics(h->srv->tokens, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization")))
        return 0;
    *why = tokens ? "/metrics needs a metrics token" : "/metrics answers loopback clients only";
    return tokens ? 401 : 403;
}

/* Without tokens the server trusts whoever can connect, which from a
 * browser includes any web page that points a DNS name at 127.0.0.1: only
 * Host names of the loopback interface are accepted. */
static int host_is_local(const char *host)
{
    if (!host)
        return 0;
    char name[256];
    size_t n = strlen(host);
    if (n >= sizeof name)
        return 0;
    memcpy(name, host, n + 1);
    if (name[0] == '[') {
        char *end = strchr(name, ']');
        if (!end)
            return 0;
        *end = '\0';
        return strcmp(name + 1, "::1") == 0;
    }
    char *colon = strchr(name, ':');
    if (colon)
        *colon = '\0';
    struct in_addr a;
    if (strcasecmp(name, "localhost") == 0)
        return 1;
    return inet_pton(AF_INET, name, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

/* A tools/call answered as a stream of events (mcp_http.h). */
struct mcp_live {
    struct srv *srv;
    struct mcp_http_stream *st;
};

static int mcp_emit(void *ctx, const char *data, size_t len)
{
    return srv_stream_write(ctx, data, len);
}

static void mcp_produce(struct srv_stream *out, void *arg)
{
    struct mcp_live *ml = arg;
    mcp_http_stream(ml->srv->mcp, ml->st, mcp_emit, out);
    wk_release_answers(ml->srv->pool); /* this thread's */
}

static void mcp_stop(void *arg)
{
    struct mcp_live *ml = arg;
    mcp_http_stream_stop(ml->srv->mcp, ml->st);
}

static void mcp_done(void *arg)
{
    struct mcp_live *ml = arg;
    mcp_http_stream_free(ml->st);
    free(ml);
}

/* /mcp: everything is mcp_http.c's to decide (mcp_http.h). */
static enum MHD_Result serve_mcp(struct srv_http *h, struct MHD_Connection *c, struct request *rq,
                                 const char *method)
{
    char owner[32];
    srv_owner_name(h->srv, rq->owner, owner, sizeof owner);
    struct mcp_http_request mr = {
        .method = method,
        .accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT),
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .session_id = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Mcp-Session-Id"),
        .protocol_version = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "MCP-Protocol-Version"),
        .origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin"),
        .owner = owner,
        .body = rq->body.len ? rq->body.data : NULL,
        .body_len = rq->body.len,
    };
    struct mcp_http_response mresp;
    memset(&mresp, 0, sizeof mresp);
    mcp_http_handle(h->srv->mcp, &mr, &mresp);
    struct srv_response resp = {
        .status = (unsigned)mresp.status,
        .content_type = mresp.content_type,
        .body = mresp.body,
        .body_len = mresp.body_len,
    };
    mresp.body = NULL; /* now resp's: send_response frees it */
    if (mresp.stream) {
        struct mcp_live *ml = malloc(sizeof *ml);
        if (ml) {
            *ml = (struct mcp_live){h->srv, mresp.stream};
            resp.stream = (struct srv_stream_spec){mcp_produce, mcp_stop, mcp_done, ml};
            mresp.stream = NULL; /* ml's */
        } else {
            srv_error(&resp, 503, "out_of_memory", "the server is out of memory"); /* as every endpoint */
        }
    }
    if (mresp.session_id[0])
        srv_response_header(&resp, "Mcp-Session-Id", mresp.session_id);
    if (mresp.allow)
        srv_response_header(&resp, "Allow", mresp.allow);
    mcp_http_response_free(&mresp);
    if (resp.status < 100 || resp.status > 599)
        srv_error(&resp, 500, "internal", "bad status from the MCP transport");
    rq->answered = 1;
    return send_response(h, c, rq, &resp);
}

/* 503: the bodies of other requests fill the server's memory for them. */
static enum MHD_Result send_overloaded(struct srv_http *h, struct MHD_Connection *c, struct request *rq)
{
    struct srv_response r = {0};
    rq->answered = 1;
    srv_error(&r, 503, "overloaded", "too many large requests at once; try again");
    srv_response_header(&r, "Retry-After", "1");
    return send_response(h, c, rq, &r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct srv_http *h = cls;
    const struct srv_config *cfg = h->srv->cfg;
    struct request *rq = *con_cls;

    if (!rq) { /* headers are in: decide what we can before the body */
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *con_cls = rq;
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        rq->conn = ci ? ci->socket_context : NULL;
        guard_phase(h->guard, rq->conn, GUARD_BODY);
        atomic_fetch_add(&h->in_flight, 1);
        clock_gettime(CLOCK_MONOTONIC, &rq->start);
        snprintf(rq->method, sizeof rq->method, "%s", method);
        snprintf(rq->path, sizeof rq->path, "%s", url);
        if (h->check_host && !host_is_local(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"))) {
            rq->answered = 1;
            return send_error(h, c, rq, 403, "forbidden_host",
                              "this server has no tokens and answers only to Host: localhost or a loopback address");
        }
        /* The playground's files are the same for everyone: the page asks
         * for the token itself. */
        int is_public = strcmp(url, "/healthz") == 0 || (cfg->playground && srv_playground_has(url));
        int is_metrics = strcmp(url, "/metrics") == 0;
        const char *why = NULL;
        unsigned refused = is_metrics ? metrics_refusal(h, c, &why) : 0;
        if (refused) {
            rq->answered = 1;
            return send_error(h, c, rq, refused, refused == 401 ? "unauthorized" : "forbidden", why);
        }
        /* /metrics past its own check (loopback or metrics token) needs no
         * client token, unless it has no own rule. */
        if (is_metrics && (cfg->metrics_loopback || tok_metrics_count(h->srv->tokens) > 0))
            is_public = 1;
        rq->owner = cfg->has_tokens ? -1 : 0; /* -1: anonymous, /healthz only */
        if (cfg->has_tokens && !is_public) {
            rq->owner = tok_client(h->srv->tokens, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"));
            if (rq->owner < 0) {
                rq->answered = 1;
                return send_error(h, c, rq, 401, "unauthorized", "missing or invalid bearer token");
            }
        }
        if (ambiguous_framing(c)) {
            struct srv_response r = {0};
            srv_error(&r, 400, "bad_request",
                      "%s", "conflicting body length: several Content-Length headers, or Content-Length with "
                            "Transfer-Encoding");
            srv_response_header(&r, MHD_HTTP_HEADER_CONNECTION, "close");
            rq->answered = 1;
            return send_response(h, c, rq, &r);
        }
        /* Every body but a file's (PUT) is JSON, parsed into a copy of its
         * strings: it counts twice against the budget. */
        rq->weight = strcmp(method, "PUT") == 0 ? 1 : 2;
        rq->cap = cfg->max_request;
        if (strcmp(url, "/mcp") == 0 && rq->cap > MCP_HTTP_MAX_BODY)
            rq->cap = MCP_HTTP_MAX_BODY;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            uint64_t len = 0;
            const char *p = cl;
            while (*p >= '0' && *p <= '9' && len <= rq->cap)
                len = len * 10 + (uint64_t)(*p++ - '0');
            if (len > rq->cap) {
                char msg[128];
                snprintf(msg, sizeof msg, "the request body is larger than this server's limit of %llu bytes",
                         (unsigned long long)rq->cap);
                rq->answered = 1;
                return send_error(h, c, rq, 413, "body_too_large", msg);
            }
            if (reserve_body(h, rq, len * rq->weight) < 0)
                return send_overloaded(h, c, rq);
        }
        return MHD_YES;
    }

    if (*upload_data_size > 0) { /* a piece of the body */
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        guard_progress(h->guard, rq->conn, n);
        if (rq->answered || rq->reject) {
            /* Read and drop the rest so that the client gets its answer;
             * one who keeps sending far past the cap is cut off. */
            rq->discarded += n;
            return rq->discarded > rq->cap ? MHD_NO : MHD_YES;
        }
        if (n > rq->cap - rq->body.len) /* chunked, past the cap */
            rq->reject = 413;
        else if ((rq->body.len + n) * rq->weight > rq->reserved &&
                 reserve_body(h, rq, (rq->body.len + n) * rq->weight - rq->reserved) < 0)
            rq->reject = 503;
        else if (mpb_buf_append(&rq->body, upload_data, n) < 0)
            rq->reject = 503;
        if (rq->reject)
            mpb_buf_free(&rq->body);
        return MHD_YES;
    }

    guard_phase(h->guard, rq->conn, GUARD_BUSY); /* the body is in */
    if (rq->answered)
        return MHD_YES;
    if (rq->reject == 413) {
        rq->answered = 1;
        return send_error(h, c, rq, 413, "body_too_large", "the request body is larger than this server's limit");
    }
    if (rq->reject)
        return send_overloaded(h, c, rq);

    if (strcmp(url, "/mcp") == 0)
        return serve_mcp(h, c, rq, method);

    struct srv_request req = {
        .method = method,
        .path = url,
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .body = rq->body.data ? rq->body.data : "",
        .body_len = rq->body.len,
        .owner = rq->owner,
    };
    struct srv_response resp = {0};
    srv_api_handle(h->srv, &req, &resp);
    rq->answered = 1;
    if (resp.status == 0)
        srv_error(&resp, 500, "internal", "no response");
    return send_response(h, c, rq, &resp);
}

/* One line per request on stderr (--log-requests): client, token index
 * (never the token), method, path (control bytes shown as '?'), status,
 * bytes of body sent, time, and how the request ended when not normally. */
static void log_request(const struct srv_http *h, struct MHD_Connection *c, const struct request *rq,
                        enum MHD_RequestTerminationCode why)
{
    char who[24] = "-";
    if (h->srv->cfg->has_tokens && rq->owner >= 0)
        snprintf(who, sizeof who, "token%d", rq->owner);
    char addr[INET6_ADDRSTRLEN] = "?", path[sizeof rq->path];
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof addr);
    size_t i = 0;
    for (; rq->path[i]; i++)
        path[i] = (unsigned char)rq->path[i] < 0x20 || (unsigned char)rq->path[i] >= 0x7f ? '?' : rq->path[i];
    path[i] = '\0';
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - rq->start.tv_sec) * 1e3 + (double)(now.tv_nsec - rq->start.tv_nsec) / 1e6;
    const char *how = why == MHD_REQUEST_TERMINATED_COMPLETED_OK      ? "ok"
                      : why == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timed out"
                      : why == MHD_REQUEST_TERMINATED_CLIENT_ABORT    ? "client went away"
                      : why == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "shutdown"
                                                                      : "connection error";
    if (!srv_log_is_json()) {
        int ok = why == MHD_REQUEST_TERMINATED_COMPLETED_OK;
        srv_log(SRV_INFO, "request", "%s %s \"%s %s\" %u %zu %.1fms%s%s%s", addr, who, rq->method, path, rq->status,
                rq->sent, ms, ok ? "" : " (", ok ? "" : how, ok ? "" : ")");
        return;
    }
    struct mpb_buf b = {0};
    char num[128];
    srv_log_begin(&b, SRV_INFO, "request");
    mpb_json_put(&b, ",\"client\":");
    mpb_json_put_str(&b, addr, strlen(addr));
    mpb_json_put(&b, ",\"token\":");
    mpb_json_put_str(&b, who, strlen(who));
    mpb_json_put(&b, ",\"method\":");
    mpb_json_put_str(&b, rq->method, strlen(rq->method));
    mpb_json_put(&b, ",\"path\":");
    mpb_json_put_str(&b, path, strlen(path));
    snprintf(num, sizeof num, ",\"status\":%u,\"bytes\":%zu,\"ms\":%.3f,\"end\":", rq->status, rq->sent, ms);
    mpb_json_put(&b, num);
    mpb_json_put_str(&b, how, strlen(how));
    srv_log_end(&b);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    struct srv_http *h = cls;
    struct request *rq = *con_cls;
    if (rq && h->srv->cfg->log_requests)
        log_request(h, c, rq, why);
    if (rq) {
        MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)h->srv->cfg->conn_timeout_s);
        guard_phase(h->guard, rq->conn, GUARD_HEAD); /* the next request's head, if any */
        atomic_fetch_sub(&h->in_flight, 1);
        budget_give(&h->srv->memory, rq->reserved);
        wk_release_answers(h->srv->pool); /* this thread's answers: sent */
        mpb_buf_free(&rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

/* Every connection is known to the guard from its opening to its close. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct srv_http *h = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *ad = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        *socket_context = fd ? guard_open(h->guard, fd->connect_fd, ad ? ad->client_addr : NULL) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        guard_close(h->guard, *socket_context);
        *socket_context = NULL;
    }
}

/* Percent-decoding of paths and query arguments in place. %00 becomes
 * 0xFF, a byte never valid in UTF-8, so that paths holding it are refused
 * instead of cut short. Invalid escapes stay as they are. */
static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 32);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    char *w = s;
    for (const char *p = s; *p; p++) {
        int hi = p[0] == '%' && p[1] ? hex_value(p[1]) : -1;
        int lo = hi >= 0 && p[2] ? hex_value(p[2]) : -1;
        if (lo < 0) {
            *w++ = *p;
            continue;
        }
        int v = hi << 4 | lo;
        *w++ = v ? (char)v : (char)0xff;
        p += 2;
    }
    *w = '\0';
    return (size_t)(w - s);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    srv_log(SRV_WARN, "http", "http: %s", msg);
}

/* ---- listening ---------------------------------------------------------- */

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(a))
            return 1;
        return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
    }
    return 0;
}

/* Split "HOST:PORT" or "[V6]:PORT". */
static int split_listen(const char *spec, char *host, size_t hostcap, char *port, size_t portcap)
{
    const char *colon;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (!end || end[1] != ':')
            return -1;
        if ((size_t)(end - spec - 1) >= hostcap)
            return -1;
        snprintf(host, hostcap, "%.*s", (int)(end - spec - 1), spec + 1);
        colon = end + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= hostcap || memchr(spec, ':', (size_t)(colon - spec)))
            return -1;
        snprintf(host, hostcap, "%.*s", (int)(colon - spec), spec);
    }
    if (colon[1] == '\0' || strlen(colon + 1) >= portcap || strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
        atol(colon + 1) > 65535)
        return -1;
    snprintf(port, portcap, "%s", colon + 1);
    return host[0] ? 0 : -1;
}

static int open_listener(const struct srv_config *cfg, int *check_host, char *bound, size_t boundcap, char *err,
                         size_t errcap)
{
    char host[256], port[8];
    if (split_listen(cfg->listen, host, sizeof host, port, sizeof port) < 0) {
        snprintf(err, errcap, "--listen '%s': expected HOST:PORT or [IPV6]:PORT", cfg->listen);
        return -1;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *ai;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        snprintf(err, errcap, "--listen '%s': %s", cfg->listen, gai_strerror(rc));
        return -1;
    }
    int loop = is_loopback(ai->ai_addr);
    if (!loop && !cfg->has_tokens && !cfg->insecure) {
        freeaddrinfo(ai);
        snprintf(err, errcap,
                 "--listen '%s' is not a loopback address and no --token is configured: anyone who can reach it "
                 "could run code; add --token or --token-file (or --insecure if you really mean it)",
                 cfg->listen);
        return -1;
    }
    *check_host = !cfg->has_tokens && loop;
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 1024) < 0) {
        snprintf(err, errcap, "--listen '%s': %s", cfg->listen, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char addr[INET6_ADDRSTRLEN] = "?";
    int p = 0;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
        if (ss.ss_family == AF_INET) {
            inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof addr);
            p = ntohs(((struct sockaddr_in *)&ss)->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof addr);
            p = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
        }
    }
    snprintf(bound, boundcap, ss.ss_family == AF_INET6 ? "[%s]:%d" : "%s:%d", addr, p);
    return fd;
}

int srv_http_start(struct srv *srv, struct srv_http **out, char *bound, size_t boundcap, char *err, size_t errcap)
{
    *out = NULL;
    struct srv_http *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    h->srv = srv;
    h->fd = open_listener(srv->cfg, &h->check_host, bound, boundcap, err, errcap);
    if (h->fd < 0) {
        free(h);
        return -1;
    }
    struct guard_config gcfg = {
        .max_connections = srv->cfg->max_connections,
        .per_client = srv->cfg->max_per_client,
        .head_ms = srv->cfg->header_timeout_ms,
        .min_rate = srv->cfg->min_rate,
        .cut = srv->metrics.connections_cut,
    };
    if (guard_new(&gcfg, &h->guard) < 0) {
        snprintf(err, errcap, "cannot start the connection guard");
        close(h->fd);
        free(h);
        return -1;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                     MHD_USE_ITC | MHD_USE_ERROR_LOG;
    h->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, h, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, h, MHD_OPTION_LISTEN_SOCKET, h->fd,
        /* The guard keeps to --max-connections by pushing out waiting
         * connections; MHD's cap leaves it room to accept the newcomer. */
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->cfg->max_connections + GUARD_HEADROOM,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, h, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv->cfg->conn_timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY, MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, h,
        /* strict HTTP: an HTTP/1.1 request needs Host, no spaces in URLs */
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_END);
    if (!h->daemon) {
        snprintf(err, errcap, "cannot start the HTTP daemon (libmicrohttpd)");
        guard_free(h->guard);
        close(h->fd);
        free(h);
        return -1;
    }
    *out = h;
    return 0;
}

void srv_http_stop(struct srv_http *h)
{
    if (!h)
        return;
    /* Take no new connection, and let the requests under way (their runs
     * interrupted by sess_shutdown and wk_pool_shutdown) send their
     * answers. A worker that does not answer an interrupt (stopped, stuck)
     * is killed after the grace period, which ends its request's wait. */
    MHD_quiesce_daemon(h->daemon);
    int64_t start = now_ms();
    while (atomic_load(&h->in_flight) > 0 && now_ms() - start < SHUTDOWN_GRACE_MS)
        usleep(10 * 1000);
    if (atomic_load(&h->in_flight) > 0) {
        wk_pool_kill_all(h->srv->pool);
        while (atomic_load(&h->in_flight) > 0 && now_ms() - start < 2 * SHUTDOWN_GRACE_MS)
            usleep(10 * 1000);
    }
    MHD_stop_daemon(h->daemon);
    guard_free(h->guard);
    close(h->fd);
    free(h);
}
