/*
 * api.c — the JSON API of `mpbox serve` (docs/serve.md):
 *
 *   POST   /v1/run                          one-shot run
 *   POST   /v1/sessions                     create (limits, mounts, sqlite, snapshot)
 *   GET    /v1/sessions                     the caller's sessions
 *   GET    /v1/sessions/ID                  one session
 *   DELETE /v1/sessions/ID
 *   POST   /v1/sessions/ID/run              run code in it
 *   POST   /v1/sessions/ID/interrupt        interrupt its run
 *   POST   /v1/sessions/ID/snapshot         its snapshot (bytes)
 *   GET    /v1/sessions/ID/files            list its files
 *   GET    /v1/sessions/ID/files/PATH       read a file (bytes)
 *   PUT    /v1/sessions/ID/files/PATH       write a file (bytes)
 *   GET    /healthz, /metrics
 *   GET    /, /NAME                         the playground page (--playground: playground.h)
 *
 * Request bodies are hostile: strict JSON (json.c), unknown or repeated
 * members refused with a 400 that names them, every type and range
 * checked, limits never above the server's own.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cliptext.h"
#include "json.h"
#include "limit_names.h"
#include "playground.h"
#include "sessions.h"
#include "spool.h"

#define MAX_MOUNTS 16
#define MAX_GUEST_PATH 4096

const char *srv_run_status_name(int k)
{
    if (k < SRV_RUN_WORKER_DIED)
        return mpbox_status_name(k); /* the library's names */
    return k == SRV_RUN_WORKER_DIED ? "worker_died" : "unknown";
}

void srv_count_run(struct srv_metrics *m, int status)
{
    int k = status >= 0 && status <= SRV_RUN_WORKER_DIED ? status : SRV_RUN_UNKNOWN;
    atomic_fetch_add(&m->runs[k], 1);
}

/* ---- small helpers ------------------------------------------------------ */

/* The server is out of memory: one answer everywhere, 503 (the condition
 * passes; the request may be retried), docs/serve.md "Errors". */
static void no_memory(struct srv_response *r)
{
    srv_error(r, 503, "out_of_memory", "the server is out of memory");
}

static int take_buf(struct srv_response *r, struct mpb_buf *b, unsigned status, const char *type)
{
    if (!b->data) {
        no_memory(r);
        return -1;
    }
    r->status = status;
    r->content_type = type;
    r->body = b->data;
    r->body_len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return 0;
}

static void put_u64(struct mpb_buf *b, uint64_t v)
{
    char num[32];
    snprintf(num, sizeof num, "%llu", (unsigned long long)v);
    mpb_json_put(b, num);
}

static void put_i64(struct mpb_buf *b, int64_t v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)v);
    mpb_json_put(b, num);
}

static void put_time(struct mpb_buf *b, int64_t ms)
{
    char when[40];
    time_t sec = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(when + strlen(when), sizeof when - strlen(when), ".%03dZ", (int)(ms % 1000));
    mpb_json_put_str(b, when, strlen(when));
}

static int is_hex_id(const char *s, size_t n)
{
    if (n != SESS_ID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* ---- limits ------------------------------------------------------------- */

/* A JSON integer in [0, INT64_MAX], or -1. */
static int64_t json_uint(const struct mpb_json *v)
{
    if (!v || v->type != MPB_JSON_NUMBER || !v->integer || v->str[0] == '-')
        return -1;
    errno = 0;
    char *end;
    long long x = strtoll(v->str, &end, 10);
    if (errno || *end)
        return -1;
    return x;
}

/* Members of obj must be among names[0..n), each at most once. Returns NULL
 * or the offending name (sets *dup when it was repeated). */
static const char *check_members(const struct mpb_json *obj, const char *const *names, size_t n, int *dup)
{
    *dup = 0;
    for (size_t i = 0; i < obj->n; i++) {
        size_t k = 0;
        while (k < n && strcmp(obj->keys[i], names[k]) != 0)
            k++;
        if (k == n)
            return obj->keys[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(obj->keys[j], obj->keys[i]) == 0) {
                *dup = 1;
                return obj->keys[i];
            }
    }
    return NULL;
}

static int refuse_members(struct srv_response *r, const struct mpb_json *obj, const char *where,
                          const char *const *names, size_t n)
{
    int dup;
    const char *bad = check_members(obj, names, n, &dup);
    if (!bad)
        return 0;
    if (dup) {
        srv_error(r, 400, "bad_request", "%s: member \"%.100s\" given twice", where, bad);
    } else {
        char list[400] = "";
        for (size_t k = 0; k < n; k++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "", names[k]);
        srv_error(r, 400, "bad_request", "%s: unknown member \"%.100s\" (expected: %s)", where, bad, list);
    }
    return -1;
}

/* Fill out[] from the server's limits and the client's "limits" object
 * (may be NULL): members named and checked by the library's limit table
 * (app/limit_names.h); caps may not exceed the server's. */
static int parse_limits(const struct srv *srv, const struct mpb_json *obj, int64_t out[MPBOX_LIMIT_COUNT_],
                        struct srv_response *r)
{
    const int64_t *max = srv->cfg->limits;
    memcpy(out, max, sizeof(int64_t) * MPBOX_LIMIT_COUNT_);
    if (!obj)
        return 0;
    char msg[1024];
    int rc = app_limits_from_json(obj, max, out, msg, sizeof msg);
    if (rc == APP_LIMITS_OK)
        return 0;
    srv_error(r, 400, rc == APP_LIMITS_TOO_HIGH ? "limit_too_high" : "bad_request", "%s", msg);
    return -1;
}

static void put_limits(struct mpb_buf *b, const int64_t *l)
{
    app_limits_to_json(b, l);
}

/* ---- request bodies ----------------------------------------------------- */

static int is_json_type(const char *ct)
{
    static const char want[] = "application/json";
    if (!ct || strncasecmp(ct, want, sizeof want - 1) != 0)
        return 0;
    const char *rest = ct + sizeof want - 1;
    while (*rest == ' ')
        rest++;
    return *rest == '\0' || *rest == ';';
}

/* The body as a JSON object. An empty body is an empty object when
 * allow_empty. The Content-Type must say JSON: a browser cannot send that
 * cross-origin without a CORS preflight, which this server never grants. */
static int parse_body(const struct srv_request *rq, struct srv_response *r, int allow_empty, struct mpb_json **out)
{
    *out = NULL;
    if (rq->body_len == 0 && allow_empty) {
        const char *err;
        *out = mpb_json_parse("{}", 2, &err);
        if (!*out) {
            no_memory(r);
            return -1;
        }
        return 0;
    }
    if (!is_json_type(rq->content_type)) {
        srv_error(r, 415, "unsupported_media_type", "the body must be JSON, sent with Content-Type: application/json");
        return -1;
    }
    if (rq->body_len == 0) {
        srv_error(r, 400, "bad_json", "empty body: expected a JSON object");
        return -1;
    }
    const char *err = NULL;
    struct mpb_json *v = mpb_json_parse(rq->body, rq->body_len, &err);
    if (!v) {
        if (err == mpb_json_nomem)
            no_memory(r);
        else
            srv_error(r, 400, "bad_json", "the body is not valid JSON: %s", err ? err : "syntax error");
        return -1;
    }
    if (v->type != MPB_JSON_OBJECT) {
        mpb_json_free(v);
        srv_error(r, 400, "bad_json", "the body must be a JSON object");
        return -1;
    }
    *out = v;
    return 0;
}

/* What a run request asks for besides its code. */
struct run_opts {
    unsigned flags;   /* MPBOX_RUN_* */
    uint64_t clip;    /* bytes of stdout and stderr each kept in the answer (0: all) */
};

/* Code and options of a run request: "code" (string, required),
 * "return_value" (boolean), "clip_output" (bytes; default --clip-output
 * when given, else all). */
static int parse_run_fields(const struct srv *srv, const struct mpb_json *body, struct srv_response *r,
                            const char **code, size_t *len, struct run_opts *o)
{
    const struct mpb_json *c = mpb_json_get(body, "code"), *rv = mpb_json_get(body, "return_value");
    const struct mpb_json *clip = mpb_json_get(body, "clip_output");
    if (!c || c->type != MPB_JSON_STRING) {
        srv_error(r, 400, "bad_request", c ? "code: expected a string" : "code: missing (the Python source to run)");
        return -1;
    }
    if (rv && rv->type != MPB_JSON_BOOL) {
        srv_error(r, 400, "bad_request", "return_value: expected true or false");
        return -1;
    }
    o->clip = srv->cfg->clip_given ? srv->cfg->clip_output : 0;
    if (clip) {
        int64_t n = json_uint(clip);
        if (n < 0) {
            srv_error(r, 400, "bad_request", "clip_output: expected a whole number of bytes (0: all)");
            return -1;
        }
        o->clip = (uint64_t)n;
    }
    *code = c->str;
    *len = c->len;
    o->flags = rv && rv->b ? MPBOX_RUN_RETURN_VALUE : 0;
    return 0;
}

/* The answer to a run: the worker's result JSON as it is, or clipped. */
static void run_answer(const struct run_opts *o, char *json, size_t len, struct srv_response *r)
{
    struct mpb_buf b = {0};
    if (o->clip) {
        int rc = app_clip_result_json(json, len, (size_t)o->clip, &b);
        free(json);
        if (rc < 0) {
            mpb_buf_free(&b);
            if (rc == -1)
                no_memory(r);
            else
                srv_error(r, 500, "worker_error", "the worker sent a malformed result");
            return;
        }
        take_buf(r, &b, 200, "application/json");
        return;
    }
    r->status = 200;
    r->content_type = "application/json";
    r->body = json;
    r->body_len = len;
}

/* A guest path: absolute, components neither empty nor "." nor "..", no
 * control characters, valid UTF-8 (the URL decoder turns %00 into an
 * invalid byte). NULL or what is wrong. */
static const char *check_guest_path(const char *p, size_t n)
{
    if (n == 0 || p[0] != '/')
        return "must be absolute";
    if (n > MAX_GUEST_PATH)
        return "too long";
    if (n == 1)
        return "must name a file, not /";
    size_t start = 1;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && p[i] != '/')
            continue;
        size_t len = i - start;
        if (len == 0)
            return "empty component (// or a trailing /)";
        if ((len == 1 && p[start] == '.') || (len == 2 && p[start] == '.' && p[start + 1] == '.'))
            return "'.' and '..' are not allowed";
        start = i + 1;
    }
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c < 0x20 || c == 0x7f)
            return "control character";
        size_t k = c < 0x80 ? 1 : (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                                   : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
        if (k == 0 || i + k > n)
            return "invalid UTF-8";
        for (size_t j = 1; j < k; j++)
            if ((u[i + j] & 0xc0) != 0x80)
                return "invalid UTF-8";
        i += k;
    }
    return NULL;
}

/* Standard base64 (padding optional, no whitespace), decoded into the
 * spool sp a piece at a time (room is taken for the whole first). 0; -1
 * not base64; -2 no room in the state directory's budget; -3 a write
 * failed. */
static int base64_to_spool(const char *s, size_t n, struct spool *sp, uint64_t *outlen)
{
    while (n > 0 && s[n - 1] == '=' && n % 4 != 1)
        n--;
    if (n % 4 == 1)
        return -1;
    uint64_t total = (uint64_t)n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
    if (spool_room(sp, total) < 0)
        return -2;
    unsigned char out[48 << 10];
    size_t k = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
              : c == '+' ? 62 : c == '/' ? 63 : -1;
        if (v < 0)
            return -1;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)(acc >> bits);
        }
        if (k == sizeof out || (i + 1 == n && k > 0)) {
            for (size_t w = 0; w < k;) {
                ssize_t m = write(sp->fd, out + w, k - w);
                if (m <= 0 && !(m < 0 && errno == EINTR))
                    return -3;
                w += m > 0 ? (size_t)m : 0;
            }
            k = 0;
        }
    }
    *outlen = total;
    return 0;
}

/* ---- session JSON ------------------------------------------------------- */

static void put_info(struct mpb_buf *b, const struct sess_info *in)
{
    mpb_json_put(b, "{\"id\":");
    mpb_json_put_str(b, in->id, strlen(in->id));
    mpb_json_put(b, in->kind == SESS_MCP ? ",\"kind\":\"mcp\"" : ",\"kind\":\"api\"");
    mpb_json_put(b, ",\"state\":");
    mpb_json_put_str(b, in->state, strlen(in->state));
    mpb_json_put(b, in->busy ? ",\"busy\":true" : ",\"busy\":false");
    mpb_json_put(b, in->running ? ",\"running\":true" : ",\"running\":false");
    mpb_json_put(b, ",\"created_at\":");
    put_time(b, in->created_ms);
    mpb_json_put(b, ",\"last_used_at\":");
    put_time(b, in->last_used_ms);
    mpb_json_put(b, ",\"idle_ms\":");
    put_i64(b, in->idle_ms);
    mpb_json_put(b, ",\"runs\":");
    put_u64(b, in->runs);
    mpb_json_put(b, ",\"pid\":");
    if (in->pid > 0)
        put_i64(b, in->pid);
    else
        mpb_json_put(b, "null");
    mpb_json_put(b, ",\"rss_bytes\":");
    if (in->pid > 0)
        put_u64(b, in->rss);
    else
        mpb_json_put(b, "null");
    mpb_json_put(b, ",\"limits\":");
    put_limits(b, in->limits);
    mpb_json_put(b, ",\"mounts\":[");
    for (int i = 0; i < in->nmounts; i++) {
        const char *spec = in->mounts[i], *sep = strrchr(spec, ':');
        if (!sep)
            continue;
        mpb_json_put(b, i ? ",{\"source\":" : "{\"source\":");
        mpb_json_put_str(b, spec, (size_t)(sep - spec));
        mpb_json_put(b, ",\"target\":");
        mpb_json_put_str(b, sep + 1, strlen(sep + 1));
        mpb_json_put(b, "}");
    }
    mpb_json_put(b, "],\"sqlite\":[");
    for (int i = 0; i < in->nsqlites; i++) {
        if (i)
            mpb_json_put(b, ",");
        mpb_json_put_str(b, in->sqlites[i], strlen(in->sqlites[i]));
    }
    mpb_json_put(b, "]");
    mpb_json_put(b, ",\"lost_reason\":");
    if (in->lost_reason[0])
        mpb_json_put_str(b, in->lost_reason, strlen(in->lost_reason));
    else
        mpb_json_put(b, "null");
    mpb_json_put(b, "}");
}

/* ---- sessions: create, list ---------------------------------------------- */

/* "mounts": [{"source": HOSTDIR, "target": "/GUEST"}] -> "REAL:/GUEST"
 * specs, each under an --allow-mount root. */
static int parse_mounts(const struct srv *srv, const struct mpb_json *v, char **specs, int *n,
                        struct srv_response *r)
{
    *n = 0;
    if (!v)
        return 0;
    if (v->type != MPB_JSON_ARRAY) {
        srv_error(r, 400, "bad_request", "mounts: expected an array of {\"source\", \"target\"}");
        return -1;
    }
    if (v->n > 0 && srv->cfg->nmount_roots == 0) {
        srv_error(r, 403, "mounts_not_allowed", "mounts: this server allows no mounts (see --allow-mount)");
        return -1;
    }
    if (v->n > MAX_MOUNTS) {
        srv_error(r, 400, "bad_request", "mounts: at most %d", MAX_MOUNTS);
        return -1;
    }
    static const char *const names[] = {"source", "target"};
    for (size_t i = 0; i < v->n; i++) {
        const struct mpb_json *m = v->items[i];
        char where[32];
        snprintf(where, sizeof where, "mounts[%zu]", i);
        if (m->type != MPB_JSON_OBJECT) {
            srv_error(r, 400, "bad_request", "%s: expected an object {\"source\", \"target\"}", where);
            return -1;
        }
        if (refuse_members(r, m, where, names, 2) < 0)
            return -1;
        const struct mpb_json *src = mpb_json_get(m, "source"), *dst = mpb_json_get(m, "target");
        if (!src || src->type != MPB_JSON_STRING || src->str[0] != '/' || strlen(src->str) != src->len) {
            srv_error(r, 400, "bad_request", "%s.source: expected an absolute host path", where);
            return -1;
        }
        const char *target = "/input";
        if (dst) {
            const char *why = dst->type != MPB_JSON_STRING || strlen(dst->str) != dst->len
                                  ? "expected a string"
                                  : check_guest_path(dst->str, dst->len);
            if (why) {
                srv_error(r, 400, "bad_request", "%s.target: %s", where, why);
                return -1;
            }
            target = dst->str;
        }
        char *real = realpath(src->str, NULL);
        int allowed = 0;
        for (int k = 0; real && k < srv->cfg->nmount_roots; k++) {
            const char *root = srv->cfg->mount_roots[k];
            size_t rl = strlen(root);
            if (strncmp(real, root, rl) == 0 && (real[rl] == '\0' || real[rl] == '/' || strcmp(root, "/") == 0))
                allowed = 1;
        }
        if (!allowed || strchr(real, ':')) {
            /* The same answer for "missing" and "outside": no probing of
             * the host's file system. */
            srv_error(r, 403, "mount_not_allowed", "%s.source: not a directory under an allowed mount root",
                      where);
            free(real);
            return -1;
        }
        for (int k = 0; k < *n; k++) {
            const char *other = strrchr(specs[k], ':') + 1;
            if (strcmp(other, target) == 0) {
                srv_error(r, 400, "bad_request", "%s.target: %.200s is mounted twice", where, target);
                free(real);
                return -1;
            }
        }
        size_t len = strlen(real) + 1 + strlen(target) + 1;
        specs[*n] = malloc(len);
        if (!specs[*n]) {
            free(real);
            no_memory(r);
            return -1;
        }
        snprintf(specs[*n], len, "%s:%s", real, target);
        free(real);
        (*n)++;
    }
    return 0;
}

/* "sqlite": [NAME, ...] among the server's --sqlite names. */
static int parse_sqlite(const struct srv *srv, const struct mpb_json *v, const char **names, int *n,
                        struct srv_response *r)
{
    *n = 0;
    if (!v)
        return 0;
    if (v->type != MPB_JSON_ARRAY) {
        srv_error(r, 400, "bad_request", "sqlite: expected an array of database names");
        return -1;
    }
    for (size_t i = 0; i < v->n; i++) {
        const struct mpb_json *s = v->items[i];
        if (s->type != MPB_JSON_STRING) {
            srv_error(r, 400, "bad_request", "sqlite[%zu]: expected a string", i);
            return -1;
        }
        const char *found = NULL;
        for (int k = 0; k < srv->cfg->nsqlites; k++) {
            const char *spec = srv->cfg->sqlites[k], *eq = strchr(spec, '=');
            if ((size_t)(eq - spec) == s->len && memcmp(spec, s->str, s->len) == 0)
                found = s->str;
        }
        if (!found) {
            srv_error(r, 400, "unknown_database", "sqlite[%zu]: \"%.100s\" is not a database of this server", i,
                      s->str);
            return -1;
        }
        for (int k = 0; k < *n; k++)
            if (strcmp(names[k], found) == 0) {
                srv_error(r, 400, "bad_request", "sqlite[%zu]: \"%.100s\" given twice", i, found);
                return -1;
            }
        if (*n >= SRV_MAX_LIST) {
            srv_error(r, 400, "bad_request", "sqlite: too many names");
            return -1;
        }
        names[(*n)++] = found;
    }
    return 0;
}

static unsigned sess_error_status(int rc)
{
    switch (rc) {
    case SESS_NOTFOUND: return 404;
    case SESS_BUSY: return 409;
    case SESS_LOST: return 410;
    case SESS_FULL: return 503;
    case SESS_NOMEM: return 503;
    case SESS_CLOSING: return 503;
    case SESS_OWNER_FULL: return 429;
    case SESS_UNAVAILABLE: return 503;
    case SESS_ELSEWHERE: return 409;
    default: return 500;
    }
}

static void sess_error(struct srv_response *r, int rc, const char *err)
{
    switch (rc) {
    case SESS_NOTFOUND: srv_error(r, 404, "session_not_found", "no such session"); break;
    case SESS_BUSY:
        srv_error(r, 409, "busy", "another request is using this session (the server runs with --busy=refuse)");
        break;
    case SESS_LOST: srv_error(r, 410, "session_lost", "the session is lost: %s; delete it and create a new one", err);
        break;
    case SESS_FULL:
        srv_error(r, 503, "too_many_sessions", "%s", err);
        srv_response_header(r, "Retry-After", "10");
        break;
    case SESS_OWNER_FULL: srv_error(r, 429, "too_many_sessions", "%s", err); break;
    case SESS_NOMEM: no_memory(r); break;
    case SESS_CLOSING: srv_error(r, 503, "shutting_down", "the server is shutting down"); break;
    case SESS_FAILED: srv_error(r, 500, "worker_failed", "%s", err); break;
    case SESS_BAD_SNAPSHOT: srv_error(r, 400, "bad_snapshot", "%s", err); break;
    case SESS_MOUNT_FAILED: srv_error(r, 400, "mount_failed", "%s", err); break;
    case SESS_UNAVAILABLE:
        srv_error(r, 503, "store_unavailable", "the session store cannot be reached: %s", err);
        srv_response_header(r, "Retry-After", "1");
        break;
    case SESS_ELSEWHERE: srv_error(r, 409, "busy", "%s", err); break;
    default: srv_error(r, sess_error_status(rc), "internal", "%s", err); break;
    }
}

/* 503: the state directory's budget has no room for a snapshot now. */
static void no_room(struct srv *srv, struct srv_response *r)
{
    atomic_fetch_add(&srv->metrics.snapshots_no_room, 1);
    srv_error(r, 503, "state_dir_full",
              "the server's state directory has no room for this snapshot now (--state-dir-budget); try again");
    srv_response_header(r, "Retry-After", "5");
}

static void create_session(struct srv *srv, const struct srv_request *rq, struct srv_response *r)
{
    struct mpb_json *body;
    if (parse_body(rq, r, 1, &body) < 0)
        return;
    static const char *const names[] = {"limits", "mounts", "sqlite", "snapshot"};
    char *mounts[MAX_MOUNTS] = {0};
    const char *sqlites[SRV_MAX_LIST];
    int nmounts = 0, nsqlites = 0;
    struct spool *snap = NULL;
    struct wk_file snap_file = {-1, 0};
    struct sess_params p;
    memset(&p, 0, sizeof p);

    if (refuse_members(r, body, "body", names, 4) < 0 || parse_limits(srv, mpb_json_get(body, "limits"), p.limits, r) < 0 ||
        parse_mounts(srv, mpb_json_get(body, "mounts"), mounts, &nmounts, r) < 0 ||
        parse_sqlite(srv, mpb_json_get(body, "sqlite"), sqlites, &nsqlites, r) < 0)
        goto done;
    const struct mpb_json *sn = mpb_json_get(body, "snapshot");
    if (sn) {
        /* Decoded into a spool in the state directory and streamed from
         * there to the worker: the server never holds it decoded. */
        int brc = -1;
        if (sn->type == MPB_JSON_STRING) {
            if (sess_spool_new(srv->sessions, &snap) < 0) {
                srv_error(r, 503, "state_dir_error", "cannot make a file in the state directory: %s", strerror(errno));
                goto done;
            }
            brc = base64_to_spool(sn->str, sn->len, snap, &snap_file.len);
            snap_file.fd = snap->fd;
        }
        if (brc == -2) {
            no_room(srv, r);
            goto done;
        }
        if (brc == -3) {
            srv_error(r, 503, "state_dir_error", "cannot write to the state directory: %s", strerror(errno));
            goto done;
        }
        if (brc < 0) {
            srv_error(r, 400, "bad_request", "snapshot: expected the bytes of a snapshot in base64");
            goto done;
        }
        p.snapshot_file = &snap_file;
        /* The snapshot's own limits are the client's: enforce ours, but
         * keep its random state unless the client set one. */
        const struct mpb_json *lim = mpb_json_get(body, "limits");
        if (!mpb_json_get(lim, "deterministic"))
            p.limits[MPBOX_LIMIT_DETERMINISTIC] = -1;
        if (!mpb_json_get(lim, "seed"))
            p.limits[MPBOX_LIMIT_SEED] = -1;
    }
    p.mounts = (const char *const *)mounts;
    p.nmounts = nmounts;
    p.sqlites = sqlites;
    p.nsqlites = nsqlites;

    struct sess *s;
    char err[300] = "";
    int rc = sess_create(srv->sessions, rq->owner, SESS_API, &p, &s, err, sizeof err);
    if (rc != SESS_OK) {
        sess_error(r, rc, err);
        goto done;
    }
    struct sess_info info;
    sess_get_info(srv->sessions, s, &info);
    struct mpb_buf b = {0};
    put_info(&b, &info);
    sess_put(srv->sessions, s);
    if (take_buf(r, &b, 201, "application/json") == 0) {
        char loc[80];
        snprintf(loc, sizeof loc, "/v1/sessions/%s", info.id);
        srv_response_header(r, "Location", loc);
    }
done:
    for (int i = 0; i < nmounts; i++)
        free(mounts[i]);
    spool_free(snap);
    mpb_json_free(body);
}

static void list_sessions(struct srv *srv, const struct srv_request *rq, struct srv_response *r)
{
    struct sess_info *v;
    size_t n;
    int rc = sess_list(srv->sessions, rq->owner, &v, &n);
    if (rc != SESS_OK) {
        sess_error(r, rc, "no answer from Redis");
        return;
    }
    struct mpb_buf b = {0};
    mpb_json_put(&b, "{\"sessions\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            mpb_json_put(&b, ",");
        put_info(&b, &v[i]);
    }
    mpb_json_put(&b, "]}");
    sess_list_free(srv->sessions, v, n);
    take_buf(r, &b, 200, "application/json");
}

/* ---- one session ---------------------------------------------------------- */

static unsigned claim_flags(const struct srv *srv, unsigned flags)
{
    return flags | (srv->cfg->busy_refuse ? 0 : SESS_WAIT);
}

/* The worker died under a request: the session is lost. */
static void worker_died(struct srv *srv, struct sess *s, int rc, struct srv_response *r)
{
    if (atomic_load(&srv->closing)) { /* killed by the shutdown, not by itself */
        srv_error(r, 503, "shutting_down", "the server is shutting down; the request was stopped");
        return;
    }
    const struct wk_death *d = wk_death(sess_worker(s));
    char why[160];
    if (rc == WK_TIMEOUT)
        snprintf(why, sizeof why, "its worker process stopped answering and was killed");
    else
        snprintf(why, sizeof why, "its worker process died (%s)", d && d->what[0] ? d->what : "unknown cause");
    int stored = sess_stored(s);
    sess_mark_lost(srv->sessions, s, why, 1);
    srv_error(r, 500, "worker_died", "%s; %s", why,
              stored ? "this request is lost, the session goes on from its last stored state" : "the session is lost");
}

static void worker_error(struct wk *w, int rc, const char *what, struct srv_response *r)
{
    const char *why = w ? wk_last_error(w) : "";
    if (rc == WK_NOMEM) {
        no_memory(r);
    } else if (rc == WK_FULL) {
        srv_error(r, 503, "overloaded",
                  "the bodies and answers of requests under way fill the server's memory budget "
                  "(--max-request-memory): the answer to %s was dropped; try again", what);
        srv_response_header(r, "Retry-After", "1");
    } else {
        srv_error(r, 500, "worker_error", "%s failed in the worker%s%s", what, why[0] ? ": " : "", why);
    }
}

/* The end of a run in a claimed session: the answer into r (a result or
 * an error), the metrics, a lost session marked. */
static void run_ended(struct srv *srv, struct sess *s, const struct run_opts *o, int rc, char *json, size_t jlen,
                      const struct wk_outcome *outcome, struct srv_response *r)
{
    if (rc == WK_OK) {
        char err[300] = "";
        srv_count_run(&srv->metrics, outcome->status);
        if (outcome->session == MPBOX_SESSION_LOST) {
            sess_mark_lost(srv->sessions, s, "a run lost the session (a hard stop or trap with rollback off)", 0);
        } else if ((rc = sess_commit(srv->sessions, s, err, sizeof err)) != SESS_OK) {
            /* --store: the run's state did not reach the store, so the run
             * does not count: the session goes on from the state before it */
            free(json);
            sess_error(r, rc, err);
            srv_response_header(r, "X-Mpbox-Run", "not-stored");
            return;
        }
        run_answer(o, json, jlen, r);
    } else if (rc == WK_DEAD || rc == WK_TIMEOUT) {
        srv_count_run(&srv->metrics, SRV_RUN_WORKER_DIED);
        worker_died(srv, s, rc, r);
        free(json);
    } else {
        worker_error(sess_worker(s), rc, "the run", r);
        free(json);
    }
}

/* A run streamed as NDJSON ("stream": true): a line {"stdout": TEXT} or
 * {"stderr": TEXT} for each piece of output as it is written, then
 * {"result": RESULT} (what the plain request answers), or {"error": ...}
 * when the worker failed.
 *
 * A client that goes away interrupts the run, and only this run: the
 * session's next run may begin as soon as this one unclaims it, so an
 * interrupt is sent only while `running` (under `lock`), which the
 * producer clears before it unclaims. One that comes before the run's
 * request reached the worker would name the run before it; the producer
 * repeats it from live_line once the run is under way. */
struct live_run {
    struct srv *srv;
    struct sess *s; /* a reference of its own, claimed until the run ends */
    int claimed;
    char *code;
    size_t len;
    struct run_opts o;
    struct srv_stream *st;
    pthread_mutex_t lock;
    int running;     /* this run still holds the session (under lock) */
    int interrupted; /* the producer interrupted it for a client gone */
};

static void live_interrupt(struct live_run *lr)
{
    pthread_mutex_lock(&lr->lock);
    if (lr->running)
        sess_interrupt(lr->srv->sessions, lr->s);
    pthread_mutex_unlock(&lr->lock);
}

static void live_line(void *ctx, int fd, const char *data, size_t len)
{
    struct live_run *lr = ctx;
    int gone;
    if (!data) {
        gone = srv_stream_write(lr->st, NULL, 0) < 0; /* a tick: nothing to say */
    } else {
        struct mpb_buf b = {0};
        int fail = mpb_json_put(&b, fd == 2 ? "{\"stderr\":" : "{\"stdout\":") < 0;
        fail |= mpb_json_put_str(&b, data, len) < 0;
        fail |= mpb_json_put(&b, "}\n") < 0;
        gone = !fail && srv_stream_write(lr->st, b.data, b.len) < 0;
        mpb_buf_free(&b);
    }
    if (gone && !lr->interrupted) { /* the run's request has reached the worker by now */
        lr->interrupted = 1;
        live_interrupt(lr);
    }
}

static void live_produce(struct srv_stream *st, void *arg)
{
    struct live_run *lr = arg;
    struct srv *srv = lr->srv;
    lr->st = st;
    char *json = NULL;
    size_t jlen = 0;
    struct wk_outcome outcome;
    int rc = wk_run_live(sess_worker(lr->s), lr->code, lr->len, lr->o.flags, live_line, lr, &json, &jlen, &outcome);
    pthread_mutex_lock(&lr->lock);
    lr->running = 0; /* from now on a client gone interrupts nothing */
    pthread_mutex_unlock(&lr->lock);
    struct srv_response r = {0};
    run_ended(srv, lr->s, &lr->o, rc, json, jlen, &outcome, &r);
    sess_unclaim(srv->sessions, lr->s);
    lr->claimed = 0;
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, r.status == 200 ? "{\"result\":" : "") < 0;
    fail |= mpb_buf_append(&b, r.body ? r.body : "{}", r.body ? r.body_len : 2) < 0;
    fail |= mpb_json_put(&b, r.status == 200 ? "}\n" : "\n") < 0;
    if (!fail)
        srv_stream_write(st, b.data, b.len);
    mpb_buf_free(&b);
    free(r.body);
    wk_release_answers(srv->pool); /* this thread's */
}

static void live_stop(void *arg)
{
    live_interrupt(arg);
}

static void live_done(void *arg)
{
    struct live_run *lr = arg;
    if (lr->claimed)
        sess_unclaim(lr->srv->sessions, lr->s);
    sess_put(lr->srv->sessions, lr->s);
    pthread_mutex_destroy(&lr->lock);
    free(lr->code);
    free(lr);
}

/* Hand a claimed session's run to a stream. */
static void run_streamed(struct srv *srv, struct sess *s, const char *id, int owner, const char *code, size_t len,
                         const struct run_opts *o, struct srv_response *r)
{
    struct live_run *lr = calloc(1, sizeof *lr);
    struct sess *ref = NULL;
    if (lr)
        lr->code = malloc(len + 1);
    if (!lr || !lr->code || sess_find(srv->sessions, id, owner, &ref) != SESS_OK) {
        if (lr)
            free(lr->code);
        free(lr);
        sess_unclaim(srv->sessions, s);
        no_memory(r);
        return;
    }
    memcpy(lr->code, code, len);
    *lr = (struct live_run){.srv = srv, .s = ref, .claimed = 1, .code = lr->code, .len = len, .o = *o, .running = 1};
    pthread_mutex_init(&lr->lock, NULL);
    r->status = 200;
    r->content_type = "application/x-ndjson";
    r->stream = (struct srv_stream_spec){live_produce, live_stop, live_done, lr};
}

static void run_in_session(struct srv *srv, struct sess *s, const struct srv_request *rq, const char *id,
                           struct srv_response *r)
{
    struct mpb_json *body;
    if (parse_body(rq, r, 0, &body) < 0)
        return;
    static const char *const names[] = {"code", "return_value", "clip_output", "stream"};
    const char *code;
    size_t len;
    struct run_opts o;
    if (refuse_members(r, body, "body", names, 4) < 0 || parse_run_fields(srv, body, r, &code, &len, &o) < 0) {
        mpb_json_free(body);
        return;
    }
    const struct mpb_json *stream = mpb_json_get(body, "stream");
    if (stream && stream->type != MPB_JSON_BOOL) {
        srv_error(r, 400, "bad_request", "stream: expected true or false");
        mpb_json_free(body);
        return;
    }
    char err[300] = "";
    int rc = sess_claim(srv->sessions, s, claim_flags(srv, SESS_RUNNING), err, sizeof err);
    if (rc != SESS_OK) {
        sess_error(r, rc, err);
        mpb_json_free(body);
        return;
    }
    if (stream && stream->b) {
        run_streamed(srv, s, id, rq->owner, code, len, &o, r);
        mpb_json_free(body);
        return;
    }
    char *json = NULL;
    size_t jlen = 0;
    struct wk_outcome outcome;
    rc = wk_run(sess_worker(s), code, len, o.flags, &json, &jlen, &outcome);
    mpb_json_free(body);
    run_ended(srv, s, &o, rc, json, jlen, &outcome, r);
    sess_unclaim(srv->sessions, s);
}

static void session_files(struct srv *srv, struct sess *s, const struct srv_request *rq, const char *path,
                          struct srv_response *r)
{
    int put = strcmp(rq->method, "PUT") == 0;
    if (path) {
        const char *why = check_guest_path(path, strlen(path));
        if (why) {
            srv_error(r, 400, "bad_path", "file path: %s", why);
            return;
        }
    }
    char err[300] = "";
    int rc = sess_claim(srv->sessions, s, claim_flags(srv, 0), err, sizeof err);
    if (rc != SESS_OK) {
        sess_error(r, rc, err);
        return;
    }
    struct wk *w = sess_worker(s);
    if (!path) {
        char *json = NULL;
        size_t len = 0;
        rc = wk_list_files(w, &json, &len);
        if (rc == WK_OK) {
            struct mpb_buf b = {0};
            mpb_json_put(&b, "{\"files\":");
            mpb_buf_append(&b, json, len);
            mpb_json_put(&b, "}");
            take_buf(r, &b, 200, "application/json");
        }
        free(json);
    } else if (put) {
        rc = wk_put_file(w, path, rq->body, rq->body_len, err, sizeof err);
        int crc = rc == WK_OK ? sess_commit(srv->sessions, s, err, sizeof err) : SESS_OK;
        if (crc != SESS_OK) {
            sess_error(r, crc, err);
            sess_unclaim(srv->sessions, s);
            return;
        }
        if (rc == WK_OK) {
            struct mpb_buf b = {0};
            mpb_json_put(&b, "{\"path\":");
            mpb_json_put_str(&b, path, strlen(path));
            mpb_json_put(&b, ",\"size\":");
            put_u64(&b, rq->body_len);
            mpb_json_put(&b, "}");
            take_buf(r, &b, 201, "application/json");
        } else if (rc == WK_ERROR) {
            srv_error(r, 400, "file_refused",
                      "the session refused the file (%s): a directory in the way, a name over 255 bytes, or "
                      "its file quota (files_bytes, files_count)",
                      err[0] ? err : "no reason given");
        }
    } else {
        void *data = NULL;
        size_t len = 0;
        rc = wk_get_file(w, path, &data, &len);
        if (rc == WK_OK) {
            r->status = 200;
            r->content_type = "application/octet-stream";
            r->body = data;
            r->body_len = len;
        } else if (rc == WK_NOTFOUND) {
            srv_error(r, 404, "file_not_found", "no file %.200s in this session", path);
        }
        if (rc != WK_OK)
            free(data);
    }
    if (rc == WK_DEAD || rc == WK_TIMEOUT)
        worker_died(srv, s, rc, r);
    else if (rc != WK_OK && rc != WK_NOTFOUND && !(put && rc == WK_ERROR))
        worker_error(w, rc, "the file operation", r);
    sess_unclaim(srv->sessions, s);
}

/* The snapshot streams from the worker into a spool, and from the spool to
 * the client (http.c): the server holds a chunk of it at a time. */
static void session_snapshot(struct srv *srv, struct sess *s, struct srv_response *r)
{
    struct spool *sp;
    if (sess_spool_new(srv->sessions, &sp) < 0) {
        srv_error(r, 503, "state_dir_error", "cannot make a file in the state directory: %s", strerror(errno));
        return;
    }
    char err[300] = "";
    int rc = sess_claim(srv->sessions, s, claim_flags(srv, 0), err, sizeof err);
    if (rc != SESS_OK) {
        spool_free(sp);
        sess_error(r, rc, err);
        return;
    }
    uint64_t len = 0;
    rc = wk_save_to(sess_worker(s), sp->fd, spool_room, sp, &len);
    if (rc == WK_OK) {
        r->status = 200;
        r->content_type = "application/octet-stream";
        r->file = sp;
        r->file_len = len;
        sp = NULL;
    } else if (rc == WK_FULL) {
        no_room(srv, r);
    } else if (rc == WK_DEAD || rc == WK_TIMEOUT) {
        worker_died(srv, s, rc, r);
    } else {
        worker_error(sess_worker(s), rc, "saving the session", r);
    }
    spool_free(sp);
    sess_unclaim(srv->sessions, s);
}

static void one_session(struct srv *srv, const struct srv_request *rq, const char *id, size_t idlen,
                        const char *rest, struct srv_response *r)
{
    char idbuf[SESS_ID_LEN + 1];
    struct sess *s;
    if (!is_hex_id(id, idlen)) {
        sess_error(r, SESS_NOTFOUND, "");
        return;
    }
    memcpy(idbuf, id, SESS_ID_LEN);
    idbuf[SESS_ID_LEN] = '\0';

    /* Route and method first: a wrong method says 405 whoever asks. */
    const char *m = rq->method, *allow = NULL;
    const char *file = NULL;
    enum { INFO, RUN, INTERRUPT, SNAPSHOT, FILES, FILE_ } what;
    if (*rest == '\0') {
        what = INFO;
        allow = strcmp(m, "GET") == 0 || strcmp(m, "DELETE") == 0 ? NULL : "GET, DELETE";
    } else if (strcmp(rest, "/run") == 0) {
        what = RUN;
        allow = strcmp(m, "POST") == 0 ? NULL : "POST";
    } else if (strcmp(rest, "/interrupt") == 0) {
        what = INTERRUPT;
        allow = strcmp(m, "POST") == 0 ? NULL : "POST";
    } else if (strcmp(rest, "/snapshot") == 0) {
        what = SNAPSHOT;
        allow = strcmp(m, "POST") == 0 ? NULL : "POST";
    } else if (strcmp(rest, "/files") == 0) {
        what = FILES;
        allow = strcmp(m, "GET") == 0 ? NULL : "GET";
    } else if (strncmp(rest, "/files/", 7) == 0) {
        what = FILE_;
        file = rest + 6; /* keeps the leading slash */
        allow = strcmp(m, "GET") == 0 || strcmp(m, "PUT") == 0 ? NULL : "GET, PUT";
    } else {
        srv_error(r, 404, "not_found", "no such endpoint");
        return;
    }
    if (allow) {
        srv_error(r, 405, "method_not_allowed", "%.20s is not allowed here (allowed: %s)", m, allow);
        srv_response_header(r, "Allow", allow);
        return;
    }
    char why[256] = "no answer from Redis";
    int frc = sess_find_why(srv->sessions, idbuf, rq->owner, &s, why, sizeof why);
    if (frc != SESS_OK) {
        sess_error(r, frc == SESS_UNAVAILABLE ? frc : SESS_NOTFOUND, why);
        return;
    }
    struct mpb_buf b = {0};
    struct sess_info info;
    switch (what) {
    case INFO:
        if (strcmp(m, "DELETE") == 0) {
            if (sess_delete(srv->sessions, s) == SESS_OK)
                r->status = 204;
            else
                sess_error(r, SESS_UNAVAILABLE, "no answer from Redis; nothing was deleted");
            break;
        }
        sess_get_info(srv->sessions, s, &info);
        put_info(&b, &info);
        take_buf(r, &b, 200, "application/json");
        break;
    case RUN: run_in_session(srv, s, rq, idbuf, r); break;
    case INTERRUPT:
        if (rq->body_len > 0) {
            srv_error(r, 400, "bad_request", "interrupt takes no body");
            break;
        }
        mpb_json_put(&b, sess_interrupt(srv->sessions, s) ? "{\"interrupted\":true}" : "{\"interrupted\":false}");
        take_buf(r, &b, 200, "application/json");
        break;
    case SNAPSHOT:
        if (rq->body_len > 0)
            srv_error(r, 400, "bad_request", "snapshot takes no body");
        else
            session_snapshot(srv, s, r);
        break;
    case FILES:
    case FILE_: session_files(srv, s, rq, file, r); break;
    }
    sess_put(srv->sessions, s);
}

/* ---- one-shot, health, metrics --------------------------------------------- */

static void run_once(struct srv *srv, const struct srv_request *rq, struct srv_response *r)
{
    struct mpb_json *body;
    if (parse_body(rq, r, 0, &body) < 0)
        return;
    static const char *const names[] = {"code", "return_value", "limits", "clip_output"};
    const char *code;
    size_t len;
    struct run_opts o;
    int64_t limits[MPBOX_LIMIT_COUNT_];
    if (refuse_members(r, body, "body", names, 4) < 0 || parse_run_fields(srv, body, r, &code, &len, &o) < 0 ||
        parse_limits(srv, mpb_json_get(body, "limits"), limits, r) < 0) {
        mpb_json_free(body);
        return;
    }
    char *json = NULL;
    size_t jlen = 0;
    /* Each one-shot run holds a worker process: bound them, so that many
     * connections cannot fork many workers at once. */
    pthread_mutex_lock(&srv->oneshot_lock);
    while (srv->oneshot_running >= srv->cfg->max_oneshot && !atomic_load(&srv->closing))
        pthread_cond_wait(&srv->oneshot_free, &srv->oneshot_lock);
    if (atomic_load(&srv->closing)) {
        pthread_mutex_unlock(&srv->oneshot_lock);
        mpb_json_free(body);
        srv_error(r, 503, "shutting_down", "the server is shutting down");
        return;
    }
    srv->oneshot_running++;
    pthread_mutex_unlock(&srv->oneshot_lock);
    struct wk_outcome outcome;
    int rc = wk_run_once(srv->pool, limits, code, len, o.flags, &json, &jlen, &outcome);
    mpb_json_free(body);
    /* Counted before the slot is given back: whoever takes the slot next
     * sees this run in /metrics. */
    atomic_fetch_add(&srv->metrics.oneshot_runs, 1);
    srv_count_run(&srv->metrics, rc == WK_OK ? outcome.status : SRV_RUN_WORKER_DIED);
    pthread_mutex_lock(&srv->oneshot_lock);
    srv->oneshot_running--;
    pthread_cond_signal(&srv->oneshot_free);
    pthread_mutex_unlock(&srv->oneshot_lock);
    if (rc == WK_OK) {
        run_answer(&o, json, jlen, r);
        return;
    }
    free(json);
    if (rc == WK_CLOSING || ((rc == WK_DEAD || rc == WK_TIMEOUT) && atomic_load(&srv->closing))) {
        srv_error(r, 503, "shutting_down", "the server is shutting down; the run was stopped");
    } else if (rc == WK_DEAD || rc == WK_TIMEOUT) {
        atomic_fetch_add(&srv->metrics.worker_deaths, 1);
        srv_error(r, 500, "worker_died",
                  rc == WK_TIMEOUT ? "the worker process stopped answering and was killed"
                                   : "the worker process died during the run");
    } else {
        worker_error(NULL, rc, "the run", r);
    }
}

static void metric(struct mpb_buf *b, const char *name, const char *type, const char *help)
{
    char line[300];
    snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
    mpb_json_put(b, line);
}

static void sample(struct mpb_buf *b, const char *name, const char *labels, uint64_t v)
{
    char line[300];
    snprintf(line, sizeof line, "%s%s %llu\n", name, labels, (unsigned long long)v);
    mpb_json_put(b, line);
}

static void metrics(struct srv *srv, struct srv_response *r)
{
    struct srv_metrics *m = &srv->metrics;
    struct sess_stats st;
    struct mpb_buf b = {0};
    char labels[64];
    sess_get_stats(srv->sessions, &st);

    metric(&b, "mpbox_sessions", "gauge", "Sessions by state.");
    sample(&b, "mpbox_sessions", "{state=\"live\"}", (uint64_t)st.live);
    sample(&b, "mpbox_sessions", "{state=\"evicted\"}", (uint64_t)st.evicted);
    sample(&b, "mpbox_sessions", "{state=\"lost\"}", (uint64_t)st.lost);
    metric(&b, "mpbox_sessions_busy", "gauge", "Sessions in use by a request.");
    sample(&b, "mpbox_sessions_busy", "", (uint64_t)st.busy);
    metric(&b, "mpbox_session_workers", "gauge", "Worker processes holding a session.");
    sample(&b, "mpbox_session_workers", "", (uint64_t)st.live);
    metric(&b, "mpbox_session_workers_rss_bytes", "gauge", "Resident memory of the session workers.");
    sample(&b, "mpbox_session_workers_rss_bytes", "", st.rss);
    metric(&b, "mpbox_memory_budget_bytes", "gauge", "The --memory-budget (0: none).");
    sample(&b, "mpbox_memory_budget_bytes", "", srv->cfg->memory_budget);

    metric(&b, "mpbox_runs_total", "counter", "Runs by result status (worker_died: no result).");
    for (int i = 0; i < SRV_RUN_STATUSES; i++) {
        snprintf(labels, sizeof labels, "{status=\"%s\"}", srv_run_status_name(i));
        sample(&b, "mpbox_runs_total", labels, atomic_load(&m->runs[i]));
    }
    metric(&b, "mpbox_oneshot_runs_total", "counter", "Runs of POST /v1/run.");
    sample(&b, "mpbox_oneshot_runs_total", "", atomic_load(&m->oneshot_runs));
    pthread_mutex_lock(&srv->oneshot_lock);
    int oneshot = srv->oneshot_running;
    pthread_mutex_unlock(&srv->oneshot_lock);
    metric(&b, "mpbox_oneshot_running", "gauge", "One-shot runs in progress (--max-oneshot).");
    sample(&b, "mpbox_oneshot_running", "", (uint64_t)oneshot);
    static const struct {
        const char *name, *help;
        size_t off;
    } counters[] = {
        {"mpbox_sessions_created_total", "Sessions created.", offsetof(struct srv_metrics, sessions_created)},
        {"mpbox_sessions_deleted_total", "Sessions deleted by their owner.",
         offsetof(struct srv_metrics, sessions_deleted)},
        {"mpbox_sessions_expired_total", "Sessions deleted after --session-ttl.",
         offsetof(struct srv_metrics, sessions_expired)},
        {"mpbox_evictions_total", "Sessions saved to disk and their worker stopped.",
         offsetof(struct srv_metrics, evictions)},
        {"mpbox_evictions_memory_total", "Evictions made to keep under --memory-budget.",
         offsetof(struct srv_metrics, evictions_for_memory)},
        {"mpbox_restores_total", "Evicted sessions restored.", offsetof(struct srv_metrics, restores)},
        {"mpbox_evictions_no_room_total", "Evictions not made: no room in --state-dir-budget.",
         offsetof(struct srv_metrics, evictions_no_room)},
        {"mpbox_snapshots_no_room_total", "Snapshot downloads and uploads refused: no room in --state-dir-budget.",
         offsetof(struct srv_metrics, snapshots_no_room)},
        {"mpbox_restore_failures_total", "Restores that failed.", offsetof(struct srv_metrics, restore_failures)},
        {"mpbox_busy_rejected_total", "Requests refused with 409 (--busy=refuse).",
         offsetof(struct srv_metrics, busy_rejected)},
        {"mpbox_worker_deaths_total", "Worker processes that died or were killed.",
         offsetof(struct srv_metrics, worker_deaths)},
        {"mpbox_store_commits_total", "--store: session states written after a change.",
         offsetof(struct srv_metrics, store_commits)},
        {"mpbox_store_bases_total", "--store: states written whole (the others are deltas).",
         offsetof(struct srv_metrics, store_bases)},
        {"mpbox_store_bytes_total", "--store: bytes of the states written.", offsetof(struct srv_metrics, store_bytes)},
        {"mpbox_store_base_bytes_total", "--store: bytes of the states written whole.",
         offsetof(struct srv_metrics, store_base_bytes)},
        {"mpbox_store_worker_microseconds_total", "--store: time workers took to save and diff states.",
         offsetof(struct srv_metrics, store_worker_us)},
        {"mpbox_store_redis_microseconds_total", "--store: time writing states to Redis took.",
         offsetof(struct srv_metrics, store_redis_us)},
        {"mpbox_store_failures_total", "--store: changes not stored (the session went back to its last state).",
         offsetof(struct srv_metrics, store_failures)},
    };
    for (size_t i = 0; i < sizeof counters / sizeof counters[0]; i++) {
        metric(&b, counters[i].name, "counter", counters[i].help);
        sample(&b, counters[i].name, "", atomic_load((atomic_uint_least64_t *)((char *)m + counters[i].off)));
    }
    metric(&b, "mpbox_http_requests_total", "counter", "HTTP requests answered, by status code.");
    for (int code = 100; code < 600; code++) {
        uint64_t v = atomic_load(&m->http_by_code[code]);
        if (v) {
            snprintf(labels, sizeof labels, "{code=\"%d\"}", code);
            sample(&b, "mpbox_http_requests_total", labels, v);
        }
    }
    metric(&b, "mpbox_http_connections_cut_total", "counter",
           "Connections cut by the guard: no request head in time, too slow, pushed out, refused.");
    for (int i = 0; i < GUARD_CUT_REASONS; i++) {
        snprintf(labels, sizeof labels, "{reason=\"%s\"}", guard_cut_names[i]);
        sample(&b, "mpbox_http_connections_cut_total", labels, atomic_load(&m->connections_cut[i]));
    }
    metric(&b, "mpbox_state_dir_bytes", "gauge",
           "Bytes in the state directory: evicted sessions and snapshots in transit (--state-dir-budget).");
    sample(&b, "mpbox_state_dir_bytes", "", sess_disk_used(srv->sessions));
    metric(&b, "mpbox_http_request_body_bytes", "gauge",
           "Request bodies and workers' answers held in memory (--max-request-memory).");
    sample(&b, "mpbox_http_request_body_bytes", "", atomic_load(&srv->memory.used));
    metric(&b, "mpbox_uptime_seconds", "gauge", "Seconds since the server started.");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    sample(&b, "mpbox_uptime_seconds", "", (uint64_t)(((int64_t)ts.tv_sec * 1000 - srv->started_ms) / 1000));
    take_buf(r, &b, 200, "text/plain; version=0.0.4; charset=utf-8");
}

/* ---- routing ------------------------------------------------------------- */

static int method_is(const struct srv_request *rq, const char *allow, struct srv_response *r)
{
    /* allow: "GET" or "GET, POST" */
    size_t n = strlen(rq->method);
    for (const char *p = allow; (p = strstr(p, rq->method)); p += n)
        if ((p == allow || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return 1;
    srv_error(r, 405, "method_not_allowed", "%.20s is not allowed here (allowed: %s)", rq->method, allow);
    srv_response_header(r, "Allow", allow);
    return 0;
}

void srv_api_handle(struct srv *srv, const struct srv_request *rq, struct srv_response *r)
{
    const char *p = rq->path;
    if (strcmp(p, "/healthz") == 0) {
        if (method_is(rq, "GET", r)) {
            struct mpb_buf b = {0};
            mpb_json_put(&b, "{\"status\":\"ok\"}");
            take_buf(r, &b, 200, "application/json");
        }
    } else if (strcmp(p, "/metrics") == 0) {
        if (method_is(rq, "GET", r))
            metrics(srv, r);
    } else if (strcmp(p, "/v1/run") == 0) {
        if (method_is(rq, "POST", r))
            run_once(srv, rq, r);
    } else if (strcmp(p, "/v1/sessions") == 0) {
        if (method_is(rq, "GET, POST", r)) {
            if (strcmp(rq->method, "GET") == 0)
                list_sessions(srv, rq, r);
            else
                create_session(srv, rq, r);
        }
    } else if (strncmp(p, "/v1/sessions/", 13) == 0) {
        const char *id = p + 13, *slash = strchr(id, '/');
        size_t idlen = slash ? (size_t)(slash - id) : strlen(id);
        one_session(srv, rq, id, idlen, id + idlen, r);
    } else if (srv->cfg->playground && srv_playground_has(p)) {
        srv_playground_serve(rq, r);
    } else {
        srv_error(r, 404, "not_found", "no such endpoint");
    }
}
