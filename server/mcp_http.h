/*
 * mcp_http.h — MCP over the streamable HTTP transport (protocol revisions
 * 2025-06-18 and 2025-03-26), for the /mcp endpoint of `mpbox serve`.
 *
 * This file is the contract between the MCP transport (server/mcp_http.c,
 * helper "mcp") and the HTTP server (server/http.c, api.c, sessions.c,
 * helper "http"):
 *
 *   - the HTTP server authenticates the request (bearer token: 401 is its
 *     job, before this code is reached), reads the body (at most
 *     MCP_HTTP_MAX_BODY bytes: answer 413 itself when it is longer, without
 *     buffering the rest), fills a struct mcp_http_request and calls
 *     mcp_http_handle() for every request whose path is /mcp, whatever its
 *     method;
 *   - it sends back what struct mcp_http_response says: the status, the
 *     Content-Type (when not NULL), the headers Mcp-Session-Id and Allow
 *     (when set), and the body (none when body_len is 0 and content_type is
 *     NULL), then calls mcp_http_response_free();
 *   - it implements struct mcp_http_backend on its session table: one
 *     session (one worker process) per MCP session id.
 *
 * mcp_http_handle() is a pure function of the request, the configuration
 * and what the backend answers: no global state, no I/O of its own. It is
 * thread-safe (a struct mcp_http is immutable once made) and blocks while
 * the backend runs code, i.e. up to a session's timeout plus grace: the
 * HTTP server needs a thread per connection (or a pool big enough), and
 * runs in different sessions then proceed in parallel.
 *
 * What it does (see docs/mcp.md):
 *   - Origin (DNS rebinding protection): a request with an Origin header
 *     that is not http(s)://localhost, 127.0.0.1 or [::1] (any port) and
 *     not one of cfg.allowed_origins gets 403. No Origin header: allowed
 *     (non-browser clients).
 *   - POST: Content-Type must be application/json (415), Accept must allow
 *     application/json or text/event-stream (406); the body is one JSON-RPC
 *     message (or, with protocol revision 2025-03-26, a batch).
 *       * initialize without Mcp-Session-Id: the backend creates a session,
 *         200 with the InitializeResult and "Mcp-Session-Id: <id>";
 *       * any other message without Mcp-Session-Id: 400;
 *       * an Mcp-Session-Id that backend.find does not know for this
 *         owner: 404 (the client must initialize again);
 *       * MCP-Protocol-Version not supported: 400 (absent: 2025-03-26);
 *       * only notifications or responses: 202 Accepted, no body;
 *       * requests: 200 with the JSON-RPC response(s) as application/json,
 *         or as one SSE event (text/event-stream) when the client accepts
 *         only that; a tools/call with a progressToken, from a client that
 *         accepts text/event-stream: an SSE stream of its progress
 *         notifications and its response (resp.stream);
 *       * malformed JSON: 400 with a JSON-RPC error -32700 (id null).
 *   - notifications/cancelled: backend.cancel interrupts the run it names.
 *   - DELETE with Mcp-Session-Id: backend.remove, 200 (404 if unknown,
 *     400 without the header).
 *   - GET (a server-initiated SSE stream, which this server does not
 *     offer) and any other method: 405 with "Allow: POST, DELETE".
 */
#ifndef MPBOX_SERVER_MCP_HTTP_H
#define MPBOX_SERVER_MCP_HTTP_H

#include <stddef.h>

#include "mcp.h"

#define MCP_HTTP_MAX_BODY (8u << 20) /* bytes of a request body */
#define MCP_HTTP_ID_MAX 64           /* session ids: at most 63 characters + NUL */

/* The sessions of MCP clients, implemented by the HTTP server.
 *
 * Owner: the id of the bearer token that authenticated the request, as the
 * HTTP server names it (never the secret itself), or "" when the server
 * runs without authentication. A session belongs to the owner that created
 * it: every function below acts only on a session whose id AND owner
 * match, and treats any other as unknown (MCP_BACKEND_GONE), so that one
 * token cannot even learn that another token's session exists.
 *
 * Every function may be called from several threads at once (for the same
 * session too: run must then either wait for the other call or return
 * MCP_BACKEND_BUSY, as the server is configured). Each call counts as
 * activity for the idle timeout. A session evicted to a snapshot is
 * restored transparently by run. Return values are MCP_BACKEND_* (mcp.h);
 * err gets a NUL-terminated message of at most errcap bytes on failure;
 * the model or the client may see it, so it must not hold secrets or host
 * paths. */
struct mcp_http_backend {
    void *user; /* passed back as the first argument */

    /* A new session owned by owner, with the server's default limits (the
     * ones given in mcp_http_config.mcp) and the databases and mounts
     * listed there. The worker may be started now or at the first run.
     * Writes its id to id (NUL-terminated, at most idcap = MCP_HTTP_ID_MAX
     * bytes with the NUL): at least 128 bits from getrandom(2), only the
     * characters [A-Za-z0-9_-] (the spec allows visible ASCII; mcp_http.c
     * refuses any other id with a 500). Returns MCP_BACKEND_OK, or
     * MCP_BACKEND_ERROR (e.g. "too many sessions"; then mcp_http.c answers
     * 503 with that message). */
    int (*create)(void *user, const char *owner, char *id, size_t idcap, char *err, size_t errcap);

    /* MCP_BACKEND_OK when the session exists for this owner, else
     * MCP_BACKEND_GONE. Called for every request that carries an
     * Mcp-Session-Id. */
    int (*find)(void *user, const char *id, const char *owner);

    /* Run code with flags (MPBOX_RUN_*) for call (mcp.h: its id, and its
     * live sink to feed while it runs, if any) in the session, as wk_run: on
     * MCP_BACKEND_OK, *json is the result JSON of mpbox_result_json (the
     * worker's text as it is, malloc'd: mcp_http.c frees it with free()),
     * *json_len its length. When the session has no live worker (first
     * run, after reset, after a worker died) a fresh one is spawned first.
     * Returns:
     *   MCP_BACKEND_LOST  the worker died during this run (WK_DEAD,
     *                     WK_TIMEOUT): err = wk_death()->what or similar;
     *                     the next run must start a fresh worker;
     *   MCP_BACKEND_BUSY  another run is in progress and the server is
     *                     configured not to wait;
     *   MCP_BACKEND_GONE  no such session for this owner (expired,
     *                     deleted meanwhile);
     *   MCP_BACKEND_ERROR anything else (cannot spawn a worker, ...). */
    int (*run)(void *user, const char *id, const char *owner, const struct mcp_call *call, const char *code,
               size_t len, unsigned flags,
               char **json, size_t *json_len, char *err, size_t errcap);

    /* Discard the session's state (kill its worker, drop its snapshot) but
     * keep its id: the next run starts from a fresh interpreter. Called for
     * reset_context, and after a run whose result says "session": "lost".
     * Returns MCP_BACKEND_OK, MCP_BACKEND_GONE or MCP_BACKEND_ERROR. */
    int (*reset)(void *user, const char *id, const char *owner, char *err, size_t errcap);

    /* Delete the session (DELETE /mcp): kill its worker, forget its id.
     * Returns MCP_BACKEND_OK or MCP_BACKEND_GONE. */
    int (*remove)(void *user, const char *id, const char *owner);

    /* Optional (NULL: cancellation does nothing). notifications/cancelled
     * for request_id: interrupt the session's run if it is that request's
     * (struct mcp_call.id of run). */
    void (*cancel)(void *user, const char *id, const char *owner, const struct mpb_json *request_id);

    /* Optional (NULL: no resources). The session's files, as mcp.h's
     * list_files and read_file (MCP_BACKEND_NOFILE, MCP_BACKEND_GONE). */
    int (*list_files)(void *user, const char *id, const char *owner, char **json, size_t *json_len, char *err,
                      size_t errcap);
    int (*read_file)(void *user, const char *id, const char *owner, const char *path, char **data, size_t *len,
                     char *err, size_t errcap);
};

struct mcp_http_config {
    /* The limits, databases and mounts of the sessions create() makes, as
     * the tool description and the limit messages should state them;
     * json_mode: the tool result text as JSON (mcp-run-python's
     * --return-mode=json). Copied by mcp_http_new. */
    struct mcp_config mcp;
    /* Origins accepted besides the local ones, exactly as browsers send
     * them ("https://app.example.com"); "*" accepts any Origin. May be
     * NULL. The strings must outlive the struct mcp_http. */
    const char *const *allowed_origins;
    int nallowed_origins;
    struct mcp_http_backend backend; /* copied */
};

struct mcp_http;

/* Returns 0, or -1 with a message in err (out of memory, a backend without
 * one of its functions). */
int mcp_http_new(const struct mcp_http_config *cfg, struct mcp_http **out, char *err, size_t errcap);
void mcp_http_free(struct mcp_http *h);

/* One HTTP request to /mcp. Header values as received (NULL when the
 * header is absent); when a header is repeated, pass its values joined by
 * ", " as RFC 9110 allows (libmicrohttpd gives the first one: good enough). */
struct mcp_http_request {
    const char *method;           /* "POST", "GET", "DELETE", ... */
    const char *accept;           /* Accept */
    const char *content_type;     /* Content-Type */
    const char *session_id;       /* Mcp-Session-Id */
    const char *protocol_version; /* MCP-Protocol-Version */
    const char *origin;           /* Origin */
    const char *owner;            /* the authenticated token id, "" without authentication */
    const char *body;             /* may hold any bytes; NULL when body_len is 0 */
    size_t body_len;
};

struct mcp_http_response {
    int status;                       /* HTTP status code */
    const char *content_type;         /* a static string, or NULL when there is no body */
    char *body;                       /* malloc'd, or NULL */
    size_t body_len;
    char session_id[MCP_HTTP_ID_MAX]; /* non-empty: send "Mcp-Session-Id: <session_id>" */
    const char *allow;                /* non-NULL: send "Allow: <allow>" (with 405) */
    /* Non-NULL: the answer is a stream of server-sent events made while
     * the call runs (a tools/call with a progressToken from a client that
     * accepts text/event-stream: its notifications/progress, then its
     * response). status is 200, content_type text/event-stream, no body:
     * the HTTP server sends the head, then calls mcp_http_stream on a
     * thread of its own, mcp_http_stream_stop if the client goes away
     * meanwhile, and mcp_http_stream_free at the end. */
    struct mcp_http_stream *stream;
};

struct mcp_http_stream;
/* Handle the call, sending each event (whole "event: message\ndata:
 * ...\n\n" texts) through emit as it is made. */
void mcp_http_stream(const struct mcp_http *h, struct mcp_http_stream *st,
                     int (*emit)(void *ctx, const char *data, size_t len), void *ctx);
/* Interrupt the run of the call (from any thread). */
void mcp_http_stream_stop(const struct mcp_http *h, struct mcp_http_stream *st);
void mcp_http_stream_free(struct mcp_http_stream *st);

/* Handle one request. Always fills *resp (on out of memory: status 500,
 * no body); never fails otherwise. */
void mcp_http_handle(const struct mcp_http *h, const struct mcp_http_request *req, struct mcp_http_response *resp);
/* Free resp->body and resp->stream (and reset them); safe to call twice. */
void mcp_http_response_free(struct mcp_http_response *resp);

#endif /* MPBOX_SERVER_MCP_HTTP_H */
