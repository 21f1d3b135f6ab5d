/*
 * serve.h — the pieces of `mpbox serve` and how they talk to each other.
 *
 *   serve.c     options, start-up order (zygote before threads), signals,
 *               shutdown
 *   http.c      the libmicrohttpd daemon: request bodies (capped), bearer
 *               tokens, responses; hands each request to api.c or /mcp
 *   api.c       the JSON API (/v1/..., /healthz, /metrics)
 *   sessions.c  the session table: owners, busy rule, idle eviction to
 *               snapshots on disk, restore, TTL, memory budget (sessions.h)
 *   mcpback.c   the sessions of /mcp (mcp_http.h's backend) on that table
 *   tokens.c    bearer tokens as hashes, owners, reload (tokens.h)
 *   log.c       the server's messages on stderr, as text or JSON lines
 *
 * Workers (server/worker.h) hold the sessions; this layer never runs guest
 * code itself. See docs/serve.md.
 */
#ifndef MPBOX_SERVER_SERVE_H
#define MPBOX_SERVER_SERVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "mpbox.h"
#include "budget.h"
#include "guard.h"
#include "tokens.h"
#include "stream.h"
#include "worker.h"

#define SRV_MAX_LIST 64 /* --token, --sqlite, --allow-mount: each */

/* Defaults of the options (documented in docs/serve.md and --help). */
#define SRV_DEFAULT_MAX_SESSIONS 1000
#define SRV_DEFAULT_IDLE_MS (300 * 1000)
#define SRV_DEFAULT_TTL_MS (24ll * 3600 * 1000)
#define SRV_DEFAULT_MAX_REQUEST (32u << 20)
#define SRV_DEFAULT_BODY_BUDGET (256u << 20)
#define SRV_DEFAULT_MAX_CONNECTIONS 512
#define SRV_DEFAULT_CONN_TIMEOUT_S 60
#define SRV_DEFAULT_MAX_ONESHOT 32
#define SRV_DEFAULT_HEADER_TIMEOUT_MS 10000
#define SRV_DEFAULT_MIN_RATE 1024 /* bytes per second */
#define SRV_DEFAULT_STATE_BUDGET (4ull << 30)
#define SRV_DEFAULT_STORE_LEASE_MS 10000
/* --store: a new base after this many deltas, or when the deltas would
 * hold more than this percentage of the base's bytes */
#define SRV_STORE_COMPACT_DELTAS 64
#define SRV_STORE_COMPACT_PERCENT 100

/* What the command line asked for. */
struct srv_config {
    const char *listen; /* HOST:PORT or [V6]:PORT */
    const char *tokens[SRV_MAX_LIST]; /* --token */
    int ntokens;
    int has_tokens;    /* client tokens at start (--token, --token-file): a
                          reload never leaves such a server without */
    const char *token_file;         /* --token-file, read again on SIGHUP */
    const char *metrics_token_file; /* --metrics-token-file, likewise */
    int metrics_loopback; /* --metrics-loopback: /metrics for loopback clients */
    int log_json;         /* --log-format=json */
    int insecure;      /* listen beyond loopback without tokens */
    int max_sessions;
    int max_per_token; /* --max-sessions-per-token (0: none) */
    int max_oneshot;   /* one-shot runs at once (more wait) */
    int64_t idle_ms;  /* evict after this long idle (0 = never) */
    int64_t ttl_ms;   /* delete after this long idle (0 = never) */
    uint64_t memory_budget; /* bytes of worker RSS (0 = no budget) */
    const char *state_dir;  /* NULL: a private temporary directory */
    const char *snapshot_key_file; /* NULL: STATE_DIR/snapshot.key (snapkey.c) */
    uint64_t state_budget;  /* bytes the state directory may hold (0: no limit) */
    int busy_refuse;        /* --busy=refuse */
    uint64_t max_request;   /* bytes of a request body */
    uint64_t body_budget;   /* bytes of bodies in memory at once */
    int max_connections;
    int max_per_client; /* connections per client address (0: a quarter of max_connections) */
    int conn_timeout_s;
    int64_t header_timeout_ms; /* a request head must arrive within this */
    uint64_t min_rate;         /* bytes/s of a body or streamed answer */
    /* Session limits: defaults and, for clients, maxima (MPBOX_LIMIT_*;
     * -1 = the library's default, which clients may only lower). */
    int64_t limits[MPBOX_LIMIT_COUNT_];
    const char *sqlites[SRV_MAX_LIST]; /* NAME=PATH */
    int nsqlites;
    const char *mount_roots[SRV_MAX_LIST]; /* canonical absolute paths */
    int nmount_roots;
    int seccomp;
    int oneshot_reuse;
    const char *origins[SRV_MAX_LIST]; /* --allow-origin, for /mcp */
    int norigins;
    int mcp_json; /* --mcp-return-mode=json */
    /* --clip-output: bytes of each output kept in results (head and tail,
     * app/clip.h); given: also the JSON API's default, else that keeps
     * all and MCP keeps CLIP_DEFAULT_MCP */
    uint64_t clip_output;
    int clip_given;
    int log_requests; /* --log-requests */
    int playground;   /* --playground: the page at / (playground.h) */
    const char *store;      /* --store redis://... (NULL: sessions live in this process) */
    const char *store_password_file; /* --store-password-file: Redis's AUTH password */
    int64_t store_lease_ms; /* --store-lease */
};

/* Counters for /metrics (updated from any thread). */
/* Runs are counted by status: the 8 of mpbox_status, then: */
enum { SRV_RUN_WORKER_DIED = 8, SRV_RUN_UNKNOWN = 9, SRV_RUN_STATUSES = 10 };
const char *srv_run_status_name(int k); /* a metrics label */
struct srv_metrics {
    atomic_uint_least64_t http_by_code[600]; /* index: HTTP status */
    atomic_uint_least64_t runs[SRV_RUN_STATUSES]; /* by srv_run_status_name */
    atomic_uint_least64_t oneshot_runs;
    atomic_uint_least64_t sessions_created, sessions_deleted, sessions_expired;
    atomic_uint_least64_t evictions, evictions_for_memory, restores, restore_failures;
    atomic_uint_least64_t evictions_no_room; /* the state directory's budget had no room */
    atomic_uint_least64_t snapshots_no_room; /* snapshot downloads/uploads refused for it (503) */
    atomic_uint_least64_t busy_rejected, worker_deaths;
    /* --store: states written after changes (of which bases), their bytes,
     * and the time they took in the worker (save and delta) and in Redis */
    atomic_uint_least64_t store_commits, store_bases, store_bytes, store_base_bytes, store_worker_us, store_redis_us;
    atomic_uint_least64_t store_failures; /* changes not stored (Redis down, lease lost) */
    atomic_uint_least64_t connections_cut[GUARD_CUT_REASONS]; /* guard.h */
};
/* Count one run whose result JSON is json (NULL: the worker died). */
/* Count a run by its status (mpbox_status, or SRV_RUN_WORKER_DIED). */
void srv_count_run(struct srv_metrics *m, int status);

struct sess_table;
struct mcp_http;
struct spool;

/* The server: everything a request handler needs. */
struct srv {
    const struct srv_config *cfg;
    struct srv_tokens *tokens;
    struct wk_pool *pool;
    struct sess_table *sessions;
    struct srv_metrics metrics;
    int64_t started_ms; /* CLOCK_REALTIME at start */
    struct mcp_http *mcp;
    void *mcp_backend; /* mcpback.c's state */
    /* One-shot runs in progress, at most cfg->max_oneshot (api.c). */
    pthread_mutex_t oneshot_lock;
    pthread_cond_t oneshot_free;
    int oneshot_running;
    atomic_int closing; /* SIGTERM/SIGINT: answering what is in flight, taking nothing new */
    /* Request bodies and workers' answers held in memory, all requests
     * together (--max-request-memory): without it --max-connections
     * clients could each hold --max-request bytes, or a file's worth. */
    struct budget memory;
};

/* ---- http.c ------------------------------------------------------------ */
/* A request as api.c sees it: method, decoded path, body, and the caller
 * (index of its token; 0 when the server has no tokens). */
struct srv_request {
    const char *method;
    const char *path;
    const char *content_type; /* NULL when absent */
    const char *body;
    size_t body_len;
    int owner;
};

#define SRV_MAX_HEADERS 4
struct srv_response {
    unsigned status;
    const char *content_type; /* static */
    char *body;               /* malloc'd (free()), may be NULL */
    size_t body_len;
    struct spool *file;       /* or the body is this file (spool.h; sent and freed by http.c) */
    uint64_t file_len;
    struct srv_stream_spec stream; /* or, with produce set, made while sent (stream.h) */
    struct {
        const char *name; /* static */
        char value[160];
    } headers[SRV_MAX_HEADERS];
    int nheaders;
};
/* Add a header to a response (dropped when there are too many). */
void srv_response_header(struct srv_response *r, const char *name, const char *value);
/* JSON error body {"error": {"code": code, "message": msg}}. */
void srv_error(struct srv_response *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

struct srv_http;
/* Listen on cfg->listen (port 0 picks a free port) and serve requests on
 * threads. *bound receives "HOST:PORT" as bound. */
int srv_http_start(struct srv *srv, struct srv_http **out, char *bound, size_t boundcap, char *err, size_t errcap);
void srv_http_stop(struct srv_http *h);

/* ---- api.c ------------------------------------------------------------- */
/* Answer one authenticated request (everything but /mcp). */
void srv_api_handle(struct srv *srv, const struct srv_request *rq, struct srv_response *resp);

/* ---- mcpback.c --------------------------------------------------------- */
/* The MCP transport of /mcp, its sessions in srv->sessions. */
int srv_mcp_start(struct srv *srv, char *err, size_t errcap);
void srv_mcp_stop(struct srv *srv);
/* The owner name the MCP transport sees for a token index ("" without
 * tokens). */
void srv_owner_name(const struct srv *srv, int owner, char *out, size_t cap);

/* ---- log.c ------------------------------------------------------------- */
enum { SRV_INFO = 0, SRV_WARN = 1, SRV_ERROR = 2 };
struct mpb_buf;
void srv_log_set_json(int on);
int srv_log_is_json(void);
/* A message of the running server: "mpbox serve: MESSAGE" (warnings with
 * "warning: "), or {"time", "level", "event", "message"} with
 * --log-format=json. */
void srv_log(int level, const char *event, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A JSON line with more members: srv_log_begin opens it with time, level
 * and event, the caller adds ",\"name\":value" members, srv_log_end closes,
 * writes and frees it. */
void srv_log_begin(struct mpb_buf *b, int level, const char *event);
void srv_log_end(struct mpb_buf *b);
/* Now, as "2026-11-27T08:05:48.972Z". */
void srv_log_time(char out[32]);

/* ---- serve.c ----------------------------------------------------------- */
/* `mpbox serve [OPTION]...` (argv[0] is "serve"); returns the exit status. */
int serve_main(int argc, char **argv);

/* snapkey.c: the snapshot key (--snapshot-key-file, or made in the state
 * directory). 0, or -1 with err set. */
int srv_snapshot_key(const char *key_file, const char *state_dir, uint8_t *key, size_t *len, char *err,
                     size_t errcap);
/* A secret of up to max bytes (at most SRV_SECRET_MAX) from a private
 * file, as a NUL-terminated string in out (max + 1 bytes): one trailing
 * newline dropped, no NUL inside. 0, or -1 with err. */
#define SRV_SECRET_MAX 512
int srv_read_secret(const char *path, const char *what, char *out, size_t max, char *err, size_t errcap);

#endif /* MPBOX_SERVER_SERVE_H */
