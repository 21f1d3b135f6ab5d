/*
 * mcp_http.c — MCP over streamable HTTP (revisions 2025-06-18 and
 * 2025-03-26): the checks the transport asks for, sessions by
 * Mcp-Session-Id through the HTTP server's backend, and the messages
 * themselves handed to the MCP core (app/mcpcore.c). What the HTTP server
 * must do around it is in mcp_http.h.
 *
 * Every request is hostile: headers are parsed defensively, the body is
 * bounded and parsed strictly, and a session is only ever reached through
 * its id together with the owner the HTTP server authenticated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mcp_http.h"

static const char *const http_versions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};
#define VERSION_DEFAULT "2025-03-26" /* what the spec says to assume without the header */

struct mcp_http {
    struct mcp_server *srv;
    struct mcp_http_backend be;
    const char *const *allowed_origins;
    int nallowed_origins;
};

int mcp_http_new(const struct mcp_http_config *cfg, struct mcp_http **out, char *err, size_t errcap)
{
    *out = NULL;
    const struct mcp_http_backend *be = &cfg->backend;
    if (!be->create || !be->find || !be->run || !be->reset || !be->remove) {
        snprintf(err, errcap, "the MCP backend lacks a function");
        return -1;
    }
    struct mcp_http *h = calloc(1, sizeof *h);
    if (h)
        h->srv = mcp_server_new(&cfg->mcp);
    if (!h || !h->srv) {
        free(h);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    h->be = *be;
    h->allowed_origins = cfg->allowed_origins;
    h->nallowed_origins = cfg->allowed_origins ? cfg->nallowed_origins : 0;
    *out = h;
    return 0;
}

void mcp_http_free(struct mcp_http *h)
{
    if (!h)
        return;
    mcp_server_free(h->srv);
    free(h);
}

void mcp_http_response_free(struct mcp_http_response *resp)
{
    free(resp->body);
    resp->body = NULL;
    resp->body_len = 0;
    mcp_http_stream_free(resp->stream);
    resp->stream = NULL;
}

/* ---- headers ------------------------------------------------------------- */

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* The media type of one element of a header list, lower-cased into buf
 * ("" when too long), and whether its parameters say q=0. */
static void media_type(const char *s, size_t n, char *buf, size_t cap, int *q_zero)
{
    size_t i = 0, k = 0;
    while (i < n && is_space(s[i]))
        i++;
    size_t start = i;
    while (i < n && s[i] != ';')
        i++;
    size_t end = i;
    while (end > start && is_space(s[end - 1]))
        end--;
    buf[0] = '\0';
    if (end - start < cap) {
        for (k = 0; k < end - start; k++) {
            char c = s[start + k];
            buf[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        buf[k] = '\0';
    }
    *q_zero = 0;
    while (i < n) { /* parameters: ;name=value */
        i++;
        while (i < n && is_space(s[i]))
            i++;
        if (i + 2 <= n && (s[i] == 'q' || s[i] == 'Q') && s[i + 1] == '=') {
            size_t j = i + 2;
            int zero = j < n && s[j] == '0';
            for (j++; j < n && s[j] != ';' && !is_space(s[j]); j++)
                if (s[j] != '.' && s[j] != '0')
                    zero = 0;
            *q_zero = zero;
        }
        while (i < n && s[i] != ';')
            i++;
    }
}

/* Whether an Accept header allows `type` ("application/json"). */
static int accepts(const char *accept, const char *type)
{
    const char *slash = strchr(type, '/');
    const char *p = accept;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char mt[128];
        int q_zero;
        media_type(p, n, mt, sizeof mt, &q_zero);
        if (!q_zero && (strcmp(mt, type) == 0 || strcmp(mt, "*/*") == 0 ||
                        (strncmp(mt, type, (size_t)(slash - type) + 1) == 0 && strcmp(mt + (slash - type) + 1, "*") == 0)))
            return 1;
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

static int is_json_content(const char *content_type)
{
    char mt[128];
    int q_zero;
    if (!content_type)
        return 0;
    media_type(content_type, strlen(content_type), mt, sizeof mt, &q_zero);
    return strcmp(mt, "application/json") == 0;
}

/* http(s)://localhost, 127.0.0.1 or [::1], with an optional port. */
static int is_local_origin(const char *o)
{
    static const char *const hosts[] = {"localhost", "127.0.0.1", "[::1]"};
    const char *p;
    if (strncasecmp(o, "http://", 7) == 0)
        p = o + 7;
    else if (strncasecmp(o, "https://", 8) == 0)
        p = o + 8;
    else
        return 0;
    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
        size_t n = strlen(hosts[i]);
        if (strncasecmp(p, hosts[i], n) != 0)
            continue;
        const char *q = p + n;
        if (*q == ':') {
            size_t digits = strspn(q + 1, "0123456789");
            if (digits == 0 || digits > 5)
                return 0;
            q += 1 + digits;
        }
        return *q == '\0';
    }
    return 0;
}

static int origin_allowed(const struct mcp_http *h, const char *origin)
{
    if (!origin)
        return 1; /* not a browser */
    if (is_local_origin(origin))
        return 1;
    for (int i = 0; i < h->nallowed_origins; i++)
        if (strcmp(h->allowed_origins[i], "*") == 0 || strcasecmp(h->allowed_origins[i], origin) == 0)
            return 1;
    return 0;
}

/* The protocol revision the request says, or NULL when it is not one we
 * speak (absent: the spec's default). */
static const char *request_version(const char *header)
{
    if (!header)
        return VERSION_DEFAULT;
    while (is_space(*header))
        header++;
    size_t n = strlen(header);
    while (n && is_space(header[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof http_versions / sizeof *http_versions; i++)
        if (n == strlen(http_versions[i]) && strncmp(header, http_versions[i], n) == 0)
            return http_versions[i];
    return NULL;
}

/* 1..63 characters of visible ASCII, as the spec allows for session ids. */
static int valid_session_id(const char *id)
{
    size_t n = 0;
    for (; id[n]; n++)
        if ((unsigned char)id[n] < 0x21 || (unsigned char)id[n] > 0x7e || n >= MCP_HTTP_ID_MAX - 1)
            return 0;
    return n > 0;
}

/* ---- responses ------------------------------------------------------------ */

static void set_body(struct mcp_http_response *resp, int status, const char *content_type, struct mpb_buf *b)
{
    resp->status = status;
    resp->content_type = content_type;
    resp->body = b->data;
    resp->body_len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
}

static void out_of_memory(struct mcp_http_response *resp)
{
    mcp_http_response_free(resp);
    resp->status = 500;
    resp->content_type = NULL;
    resp->session_id[0] = '\0';
}

/* An HTTP error with a JSON-RPC error body (id null), as the SDKs expect. */
static void http_error(struct mcp_http_response *resp, int status, int code, const char *message)
{
    struct mpb_buf b = {0};
    mcp_http_response_free(resp);
    if (mcp_put_error(&b, NULL, code, message) < 0) {
        mpb_buf_free(&b);
        out_of_memory(resp);
        resp->status = status;
        return;
    }
    set_body(resp, status, "application/json", &b);
}

/* One server-sent event holding a JSON-RPC message. -1 when out of memory. */
static int sse_event(struct mpb_buf *b, const char *json, size_t len)
{
    int fail = mpb_json_put(b, "event: message\ndata: ") < 0;
    for (size_t i = 0, run = 0; i <= len && !fail; i++) {
        if (i == len || json[i] == '\n' || json[i] == '\r') {
            fail |= mpb_buf_append(b, json + run, i - run) < 0;
            if (i < len)
                fail |= mpb_json_put(b, "\ndata: ") < 0;
            run = i + 1;
        }
    }
    fail |= mpb_json_put(b, "\n\n") < 0;
    return fail ? -1 : 0;
}

/* JSON-RPC replies, as JSON or as one server-sent event. */
static void reply(struct mcp_http_response *resp, int status, int sse, struct mpb_buf *json)
{
    if (!sse) {
        set_body(resp, status, "application/json", json);
        return;
    }
    struct mpb_buf b = {0};
    int fail = sse_event(&b, json->data ? json->data : "", json->len) < 0;
    if (fail) {
        mpb_buf_free(&b);
        out_of_memory(resp);
        return;
    }
    set_body(resp, status, "text/event-stream", &b);
}

/* ---- the session of a request, as the core's backend ---------------------- */

struct request_session {
    const struct mcp_http *h;
    const char *id, *owner;
    /* a streamed answer: where its events go */
    int (*emit)(void *ctx, const char *data, size_t len);
    void *ctx;
};

static void session_cancel(void *user, const struct mpb_json *request_id);
static int session_run(void *user, const struct mcp_call *call, const char *code, size_t len, unsigned flags,
                       char **json, size_t *json_len, char *err, size_t errcap);
static int session_reset(void *user, char *err, size_t errcap);

static int session_notify(void *user, const char *msg, size_t len)
{
    const struct request_session *rs = user;
    struct mpb_buf b = {0};
    int rc = sse_event(&b, msg, len) < 0 ? -1 : rs->emit(rs->ctx, b.data, b.len);
    mpb_buf_free(&b);
    return rc;
}

static int session_list_files(void *user, char **json, size_t *json_len, char *err, size_t errcap)
{
    const struct request_session *rs = user;
    return rs->h->be.list_files(rs->h->be.user, rs->id, rs->owner, json, json_len, err, errcap);
}

static int session_read_file(void *user, const char *path, char **data, size_t *len, char *err, size_t errcap)
{
    const struct request_session *rs = user;
    return rs->h->be.read_file(rs->h->be.user, rs->id, rs->owner, path, data, len, err, errcap);
}

/* The core's backend for the session of a request. */
static struct mcp_backend session_backend(const struct request_session *rs)
{
    const struct mcp_http_backend *be = &rs->h->be;
    return (struct mcp_backend){
        .user = (void *)rs,
        .run = session_run,
        .reset = session_reset,
        .notify = rs->emit ? session_notify : NULL,
        .cancel = session_cancel,
        .list_files = be->list_files ? session_list_files : NULL,
        .read_file = be->list_files && be->read_file ? session_read_file : NULL,
    };
}

static void session_cancel(void *user, const struct mpb_json *request_id)
{
    const struct request_session *rs = user;
    if (rs->h->be.cancel)
        rs->h->be.cancel(rs->h->be.user, rs->id, rs->owner, request_id);
}

static int session_run(void *user, const struct mcp_call *call, const char *code, size_t len, unsigned flags,
                       char **json, size_t *json_len, char *err, size_t errcap)
{
    const struct request_session *rs = user;
    return rs->h->be.run(rs->h->be.user, rs->id, rs->owner, call, code, len, flags, json, json_len, err, errcap);
}

static int session_reset(void *user, char *err, size_t errcap)
{
    const struct request_session *rs = user;
    return rs->h->be.reset(rs->h->be.user, rs->id, rs->owner, err, errcap);
}

/* ---- POST ------------------------------------------------------------------ */

static void stream_call(const struct mcp_http_request *req, struct mpb_json *msg, struct mcp_http_response *resp);

/* initialize without a session id: answer it, and when it succeeded create
 * the session whose id goes back in Mcp-Session-Id. */
static void post_initialize(const struct mcp_http *h, const struct mcp_http_request *req,
                            const struct mpb_json *msg, int sse, struct mcp_http_response *resp)
{
    struct mcp_conn conn = {0};
    struct mcp_backend none = {0}; /* initialize runs no code */
    struct mpb_buf b = {0};
    if (mcp_handle(h->srv, &conn, &none, msg, &b) < 0) {
        mpb_buf_free(&b);
        out_of_memory(resp);
        return;
    }
    if (!conn.initialized) { /* refused (bad params): no session */
        reply(resp, 200, sse, &b);
        mpb_buf_free(&b);
        return;
    }
    char id[MCP_HTTP_ID_MAX] = "", err[256] = "";
    int rc = h->be.create(h->be.user, req->owner, id, sizeof id, err, sizeof err);
    id[sizeof id - 1] = '\0';
    if (rc != MCP_BACKEND_OK) {
        char text[320];
        snprintf(text, sizeof text, "Service Unavailable: cannot create a session: %s",
                 err[0] ? err : "the server refused");
        http_error(resp, 503, -32000, text);
    } else if (strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(id) ||
               !valid_session_id(id)) {
        h->be.remove(h->be.user, id, req->owner);
        http_error(resp, 500, -32603, "Internal error: the server made an invalid session id");
    } else {
        reply(resp, 200, sse, &b);
        if (resp->status == 200)
            memcpy(resp->session_id, id, sizeof id);
        else
            h->be.remove(h->be.user, id, req->owner);
    }
    mpb_buf_free(&b);
}

static void post(const struct mcp_http *h, const struct mcp_http_request *req, struct mcp_http_response *resp)
{
    int want_json = req->accept && accepts(req->accept, "application/json");
    int want_sse = req->accept && accepts(req->accept, "text/event-stream");
    if (!want_json && !want_sse) {
        http_error(resp, 406, -32000, "Not Acceptable: the client must accept application/json or text/event-stream");
        return;
    }
    int sse = !want_json;
    if (!is_json_content(req->content_type)) {
        http_error(resp, 415, -32000, "Unsupported Media Type: Content-Type must be application/json");
        return;
    }
    if (req->body_len > MCP_HTTP_MAX_BODY) {
        http_error(resp, 413, -32000, "Payload Too Large: the body is limited to 8 MiB");
        return;
    }
    const char *perr;
    struct mpb_json *msg = mpb_json_parse(req->body ? req->body : "", req->body ? req->body_len : 0, &perr);
    if (!msg) {
        char text[128];
        snprintf(text, sizeof text, "Parse error: %s", perr);
        http_error(resp, 400, -32700, text);
        return;
    }
    int batch = msg->type == MPB_JSON_ARRAY;
    if (!batch && mcp_is_initialize(msg) && !req->session_id) {
        post_initialize(h, req, msg, sse, resp);
        mpb_json_free(msg);
        return;
    }
    const char *version = request_version(req->protocol_version);
    if (!req->session_id) {
        http_error(resp, 400, -32000, "Bad Request: Mcp-Session-Id header is required (send initialize first)");
    } else if (!version) {
        http_error(resp, 400, -32000, "Bad Request: unsupported MCP-Protocol-Version (supported: 2025-06-18, "
                                      "2025-03-26, 2024-11-05)");
    } else if (!valid_session_id(req->session_id) ||
               h->be.find(h->be.user, req->session_id, req->owner) != MCP_BACKEND_OK) {
        http_error(resp, 404, -32001, "Session not found (expired or deleted): initialize a new one");
    } else if (batch && strcmp(version, "2025-03-26") != 0) {
        http_error(resp, 400, -32600, "Invalid Request: batches are not supported in protocol revision 2025-06-18");
    } else if (batch && msg->n == 0) {
        http_error(resp, 400, -32600, "Invalid Request: empty batch");
    } else {
        if (!batch && want_sse && mcp_message_kind(msg) == MCP_MSG_REQUEST &&
            strcmp(mpb_json_get(msg, "method")->str, "tools/call") == 0 &&
            mcp_progress_token(mpb_json_get(msg, "params"))) {
            stream_call(req, msg, resp); /* msg is the stream's now */
            return;
        }
        struct request_session rs = {h, req->session_id, req->owner, NULL, NULL};
        struct mcp_backend be = session_backend(&rs);
        struct mcp_conn conn = {.initialized = 1}; /* the session exists: initialize was answered */
        struct mpb_buf b = {0};
        size_t n = batch ? msg->n : 1, replies = 0;
        int rc = 0, requests = 0;
        if (batch && mpb_json_put(&b, "[") < 0)
            rc = -1;
        for (size_t i = 0; i < n && rc == 0; i++) {
            const struct mpb_json *m = batch ? msg->items[i] : msg;
            size_t before = b.len;
            if (batch && replies && mpb_json_put(&b, ",") < 0) {
                rc = -1;
                break;
            }
            size_t start = b.len;
            requests += mcp_message_kind(m) == MCP_MSG_REQUEST;
            if (batch && mcp_is_initialize(m))
                rc = mcp_put_error(&b, mpb_json_get(m, "id"), -32600,
                                   "Invalid Request: initialize must not be part of a batch");
            else
                rc = mcp_handle(h->srv, &conn, &be, m, &b);
            if (b.len > start)
                replies++;
            else
                b.len = before; /* no reply: drop the comma */
        }
        if (rc == 0 && batch && mpb_json_put(&b, "]") < 0)
            rc = -1;
        if (rc == MCP_BACKEND_GONE)
            http_error(resp, 404, -32001, "Session not found (expired or deleted): initialize a new one");
        else if (rc < 0)
            out_of_memory(resp);
        else if (!replies && !batch && mcp_message_kind(msg) == MCP_MSG_INVALID)
            http_error(resp, 400, -32600, "Invalid Request: not a JSON-RPC 2.0 message");
        else if (!replies) {
            resp->status = 202; /* notifications and responses only */
        } else {
            /* a lone message that is not a request was refused */
            reply(resp, !batch && !requests ? 400 : 200, sse, &b);
        }
        mpb_buf_free(&b);
    }
    mpb_json_free(msg);
}

/* ---- a call streamed as server-sent events ---------------------------------- */

struct mcp_http_stream {
    struct mpb_json *msg; /* the tools/call request */
    char id[MCP_HTTP_ID_MAX], owner[64];
};

static void stream_call(const struct mcp_http_request *req, struct mpb_json *msg, struct mcp_http_response *resp)
{
    struct mcp_http_stream *st = calloc(1, sizeof *st);
    if (!st) {
        mpb_json_free(msg);
        out_of_memory(resp);
        return;
    }
    st->msg = msg;
    snprintf(st->id, sizeof st->id, "%s", req->session_id);
    snprintf(st->owner, sizeof st->owner, "%s", req->owner);
    resp->status = 200;
    resp->content_type = "text/event-stream";
    resp->stream = st;
}

void mcp_http_stream(const struct mcp_http *h, struct mcp_http_stream *st,
                     int (*emit)(void *ctx, const char *data, size_t len), void *ctx)
{
    struct request_session rs = {h, st->id, st->owner, emit, ctx};
    struct mcp_backend be = session_backend(&rs);
    struct mcp_conn conn = {.initialized = 1};
    struct mpb_buf b = {0};
    int rc = mcp_handle(h->srv, &conn, &be, st->msg, &b);
    if (rc != 0) { /* the status is sent: the error goes in the stream */
        b.len = 0;
        if (mcp_put_error(&b, mpb_json_get(st->msg, "id"), rc == MCP_BACKEND_GONE ? -32001 : -32603,
                          rc == MCP_BACKEND_GONE ? "Session not found (expired or deleted): initialize a new one"
                                                 : "out of memory") < 0)
            b.len = 0;
    }
    if (b.len)
        session_notify(&rs, b.data, b.len);
    mpb_buf_free(&b);
}

void mcp_http_stream_stop(const struct mcp_http *h, struct mcp_http_stream *st)
{
    if (h->be.cancel)
        h->be.cancel(h->be.user, st->id, st->owner, mpb_json_get(st->msg, "id"));
}

void mcp_http_stream_free(struct mcp_http_stream *st)
{
    if (!st)
        return;
    mpb_json_free(st->msg);
    free(st);
}

/* ---- DELETE ----------------------------------------------------------------- */

static void delete_session(const struct mcp_http *h, const struct mcp_http_request *req,
                           struct mcp_http_response *resp)
{
    if (!req->session_id)
        http_error(resp, 400, -32000, "Bad Request: Mcp-Session-Id header is required");
    else if (!request_version(req->protocol_version))
        http_error(resp, 400, -32000, "Bad Request: unsupported MCP-Protocol-Version");
    else if (!valid_session_id(req->session_id) ||
             h->be.remove(h->be.user, req->session_id, req->owner) != MCP_BACKEND_OK)
        http_error(resp, 404, -32001, "Session not found");
    else
        resp->status = 200;
}

void mcp_http_handle(const struct mcp_http *h, const struct mcp_http_request *in, struct mcp_http_response *resp)
{
    memset(resp, 0, sizeof *resp);
    struct mcp_http_request req = *in;
    if (!req.owner)
        req.owner = "";
    if (!req.method)
        req.method = "";
    if (!origin_allowed(h, req.origin)) {
        http_error(resp, 403, -32000, "Forbidden: Origin not allowed");
        return;
    }
    if (strcmp(req.method, "POST") == 0) {
        post(h, &req, resp);
    } else if (strcmp(req.method, "DELETE") == 0) {
        delete_session(h, &req, resp);
    } else {
        /* GET would open a stream for messages from the server: it has none */
        http_error(resp, 405, -32000, "Method Not Allowed: use POST (and DELETE to end a session)");
        resp->allow = "POST, DELETE";
    }
}
