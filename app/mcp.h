/*
 * mcp.h — the Model Context Protocol server, independent of its transport.
 *
 *   mcpcore.c   one JSON-RPC message in, its reply out: initialize, ping,
 *               tools/list, tools/call (run_python_code and its result
 *               envelope), errors, notifications/cancelled
 *   mcplive.c   notifications/progress while a call runs
 *   mcp.c       `mpbox mcp`: the stdio transport, sessions in process
 *   server/mcp_http.c  the streamable HTTP transport of `mpbox serve`,
 *               sessions in worker processes
 *
 * The core never touches a session itself: it asks a backend to run code
 * in "the session of this connection" and gets back the result as the JSON
 * object mpbox_result_json makes (the only form a worker process can send),
 * from which it builds the envelope. Both transports thus share one code
 * path from the message to the reply.
 *
 * Thread safety: a struct mcp_server is immutable once made and may be used
 * by many threads at once; a struct mcp_conn belongs to one connection and
 * is used by one thread at a time.
 */
#ifndef MPBOX_APP_MCP_H
#define MPBOX_APP_MCP_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"

#define MCP_LATEST_VERSION "2025-06-18"

/* What the tool description and the limit messages say. These must be the
 * limits the backend's sessions really have. */
struct mcp_config {
    uint64_t memory;     /* bytes per session */
    int64_t timeout_ms;  /* per call; 0 = none */
    uint64_t max_output; /* bytes per stream */
    uint64_t fuel;       /* units per call; 0 = none */
    int has_mounts;      /* sessions see read-only host directories */
    /* SQLite databases the sessions have for read_only_sql_query, each
     * "NAME=PATH" or "NAME" (only the name is shown to the model). */
    const char *const *sqlites;
    int nsqlites;
    int json_mode; /* the tool result text as JSON instead of tagged text */
    /* bytes of output kept in a tool result, its head and its tail
     * (clip.h); 0 = all. Callers default it to CLIP_DEFAULT_MCP. */
    uint64_t clip_output;
};

/* What a backend call returns. */
enum {
    MCP_BACKEND_OK = 0,
    MCP_BACKEND_ERROR = -1, /* host failure; err says what (JSON-RPC -32603) */
    MCP_BACKEND_LOST = -2,  /* the session died during the run without a
                               result (its worker was killed); err says how.
                               The next run starts in a fresh session. The
                               model sees a tool error with status "lost". */
    MCP_BACKEND_BUSY = -3,  /* the session is running another call and the
                               server does not wait (JSON-RPC -32000) */
    MCP_BACKEND_GONE = -4,  /* the session no longer exists (expired,
                               deleted): over HTTP, 404 Not Found */
    MCP_BACKEND_NOFILE = -5 /* read_file: no such file (-32002) */
};

/* The tools/call a run belongs to, as the backend sees it. */
struct mcp_call {
    const struct mpb_json *id; /* the request's id: notifications/cancelled names it */
    /* NULL, or a sink the backend feeds while the code runs (progress, see
     * mcplive.c): each chunk of output the guest writes (fd 1 or 2), and
     * (data NULL, fd 0) a tick at least every MCP_TICK_MS. Called on any
     * thread, never twice at once. */
    void (*live)(void *ctx, int fd, const char *data, size_t len);
    void *live_ctx;
};
#define MCP_TICK_MS 250

/* The session of one connection. Functions return MCP_BACKEND_*; err
 * (NUL-terminated, at most errcap bytes) is set on failure. */
struct mcp_backend {
    void *user;
    /* Run code (flags: MPBOX_RUN_*) for call in the connection's session,
     * first creating a fresh session when there is none or the last one was
     * lost. On MCP_BACKEND_OK, *json is the result as mpbox_result_json
     * makes it, malloc'd (the caller frees it with free()), *json_len its
     * length. */
    int (*run)(void *user, const struct mcp_call *call, const char *code, size_t len, unsigned flags, char **json,
               size_t *json_len, char *err, size_t errcap);
    /* Discard the session (variables, imports, files); the next run starts
     * from a fresh interpreter. Called for reset_context, and by the core
     * itself after a result whose "session" is "lost". */
    int (*reset)(void *user, char *err, size_t errcap);
    /* Optional (NULL: the transport cannot). Send a notification (one
     * JSON-RPC message, no newline) to the client now, while a request is
     * being handled; from any thread. Returns 0 or -1. */
    int (*notify)(void *user, const char *msg, size_t len);
    /* Optional. notifications/cancelled for request_id: stop its run if it
     * is the one going on in the session (as a KeyboardInterrupt, then a
     * hard stop after the grace period). */
    void (*cancel)(void *user, const struct mpb_json *request_id);
    /* Optional (NULL: no resources). The files of the session's scratch
     * area, for resources/list: *json a JSON array of {"path": ..., "size":
     * ...}, malloc'd (free()); "[]" when there is no session yet. */
    int (*list_files)(void *user, char **json, size_t *json_len, char *err, size_t errcap);
    /* For resources/read: one file's bytes, malloc'd (free()), or
     * MCP_BACKEND_NOFILE. */
    int (*read_file)(void *user, const char *path, char **data, size_t *len, char *err, size_t errcap);
};

/* The state of one connection (= one MCP session). */
struct mcp_conn {
    int initialized; /* an initialize request was answered */
};

struct mcp_server; /* the configuration and the tool description */

/* Returns NULL when out of memory. cfg's strings are read here only. */
struct mcp_server *mcp_server_new(const struct mcp_config *cfg);
void mcp_server_free(struct mcp_server *srv);

/* What a message is (msg: a parsed JSON value). */
enum mcp_kind {
    MCP_MSG_REQUEST,      /* "jsonrpc": "2.0", a string method, a string or integer id */
    MCP_MSG_NOTIFICATION, /* the same without id: never answered */
    MCP_MSG_RESPONSE,     /* no method, a result or error: a reply to us (we send no request) */
    MCP_MSG_INVALID       /* anything else: answered with -32600 when it has a method or an id */
};
enum mcp_kind mcp_message_kind(const struct mpb_json *msg);
/* 1 when msg is a request whose method is "initialize". */
int mcp_is_initialize(const struct mpb_json *msg);

/* Handle one message that is not a batch (not a JSON array). The reply
 * (one JSON-RPC response object, no newline) is appended to out; nothing is
 * appended for notifications and responses. Returns MCP_BACKEND_OK, or
 * MCP_BACKEND_GONE when the backend said the session no longer exists (then
 * nothing was appended), or -1 when out of memory (out may hold a partial
 * reply: discard it). */
int mcp_handle(const struct mcp_server *srv, struct mcp_conn *conn, const struct mcp_backend *be,
               const struct mpb_json *msg, struct mpb_buf *out);

/* ---- mcpfiles.c: the session's files as resources ------------------------ */
/* The URI of a file of the session: MCP_FILE_URI_PREFIX then its path
 * (without the leading '/'), percent-encoded but for / and unreserved
 * characters: mpbox://files/out/report.csv. */
#define MCP_FILE_URI_PREFIX "mpbox://files/"
/* resources/list and resources/read (the reply appended to out). */
int mcp_resources_list(const struct mcp_backend *be, const struct mpb_json *id, struct mpb_buf *out);
int mcp_resources_read(const struct mcp_backend *be, const struct mpb_json *id, const struct mpb_json *params,
                       struct mpb_buf *out);
/* A JSON-RPC result response (result: the JSON text of the "result"
 * member). -1 when out of memory. */
int mcp_put_result(struct mpb_buf *out, const struct mpb_json *id, const char *result, size_t len);

/* ---- mcplive.c: progress notifications ------------------------------------ */
/* Output a run wrote since the last notification, shown in the next one
 * (its head and tail: at most this many bytes). */
#define MCP_PROGRESS_MESSAGE 2000
#define MCP_PROGRESS_EVERY_MS 1000 /* the first one after a second, then each second */

/* The progress of one tools/call whose request carried a progressToken:
 * fed with its output and ticks (struct mcp_call.live), it sends
 * notifications/progress through the backend's notify, {"progressToken",
 * "progress": seconds since the run began, "message": the output since the
 * last one (or "running for N s")}. */
struct mcp_progress;
/* NULL when out of memory. token: the request's progressToken. */
struct mcp_progress *mcp_progress_new(const struct mpb_json *token, const struct mcp_backend *be);
void mcp_progress_free(struct mcp_progress *p);
/* The struct mcp_call.live function; ctx: the struct mcp_progress. */
void mcp_progress_live(void *ctx, int fd, const char *data, size_t len);
/* The token of a request's params (params._meta.progressToken: a string or
 * an integer), or NULL. */
const struct mpb_json *mcp_progress_token(const struct mpb_json *params);

/* Append a JSON-RPC error response (id NULL: "id": null). -1 when out of memory. */
int mcp_put_error(struct mpb_buf *out, const struct mpb_json *id, int code, const char *message);

#endif /* MPBOX_APP_MCP_H */
