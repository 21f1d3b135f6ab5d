/*
 * hostfn.c — host functions: registration, the bridge call behind
 * `js.mpbox_call(name, payload)` (reached through host/jsproxy.c), and the
 * binding of registered names into the guest.
 *
 * The guest side (the `host` module and its wrappers) lives in the start-up
 * image (lib/python/_mpbox_startup.py): a wrapper checks its arguments, makes the JSON payload
 * with json.dumps, calls the bridge and json.loads what comes back, which
 * is one of
 *     [value]                                 the function's result
 *     {"type": "ValueError", "message": "…"}  an exception to raise
 * The host never walks Python objects: it checks text. Anything may call
 * the bridge directly with anything, so every payload is checked here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "hostfn.h"

/* ---- registries ----------------------------------------------------------- */

int mpb_hostreg_add_fn(mpb_hostreg *r, const char *name, mpbox_host_fn fn, void *user)
{
    for (size_t i = 0; i < r->nfns; i++)
        if (strcmp(r->fns[i].name, name) == 0) {
            r->fns[i].fn = fn;
            r->fns[i].user = user;
            return MPBOX_OK;
        }
    if (r->nfns == r->capfns) {
        size_t cap = r->capfns ? r->capfns * 2 : 8;
        mpb_hostfn *v = realloc(r->fns, cap * sizeof *v);
        if (!v)
            return MPBOX_NOMEM;
        r->fns = v;
        r->capfns = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return MPBOX_NOMEM;
    r->fns[r->nfns++] = (mpb_hostfn){copy, fn, user};
    return MPBOX_OK;
}

int mpb_hostreg_add_db(mpb_hostreg *r, const char *name, const char *path)
{
    char *p = strdup(path);
    if (!p)
        return MPBOX_NOMEM;
    for (size_t i = 0; i < r->ndbs; i++)
        if (strcmp(r->dbs[i].name, name) == 0) {
            free(r->dbs[i].path);
            r->dbs[i].path = p;
            return MPBOX_OK;
        }
    if (r->ndbs == r->capdbs) {
        size_t cap = r->capdbs ? r->capdbs * 2 : 4;
        mpb_sqldb *v = realloc(r->dbs, cap * sizeof *v);
        if (!v) {
            free(p);
            return MPBOX_NOMEM;
        }
        r->dbs = v;
        r->capdbs = cap;
    }
    char *n = strdup(name);
    if (!n) {
        free(p);
        return MPBOX_NOMEM;
    }
    r->dbs[r->ndbs++] = (mpb_sqldb){n, p};
    return MPBOX_OK;
}

void mpb_hostreg_free(mpb_hostreg *r)
{
    for (size_t i = 0; i < r->nfns; i++)
        free(r->fns[i].name);
    for (size_t i = 0; i < r->ndbs; i++) {
        free(r->dbs[i].name);
        free(r->dbs[i].path);
    }
    free(r->fns);
    free(r->dbs);
    memset(r, 0, sizeof *r);
}

int mpb_hostreg_copy(mpb_hostreg *dst, const mpb_hostreg *src)
{
    for (size_t i = 0; i < src->nfns; i++)
        if (mpb_hostreg_add_fn(dst, src->fns[i].name, src->fns[i].fn, src->fns[i].user) != MPBOX_OK)
            return MPBOX_NOMEM;
    for (size_t i = 0; i < src->ndbs; i++)
        if (mpb_hostreg_add_db(dst, src->dbs[i].name, src->dbs[i].path) != MPBOX_OK)
            return MPBOX_NOMEM;
    return MPBOX_OK;
}

int mpbox_runtime_register(mpbox_runtime *rt, const char *name, mpbox_host_fn fn, void *user)
{
    if (!rt || !fn || !name || !mpb_hostfn_name_ok(name, strlen(name)))
        return MPBOX_MISUSE;
    pthread_mutex_lock(&rt->host_lock);
    int rc = mpb_hostreg_add_fn(&rt->host_reg, name, fn, user);
    pthread_mutex_unlock(&rt->host_lock);
    return rc;
}

int mpbox_session_register(mpbox_session *s, const char *name, mpbox_host_fn fn, void *user)
{
    if (!s || !fn || !name || !mpb_hostfn_name_ok(name, strlen(name)))
        return MPBOX_MISUSE;
    if (atomic_load(&s->busy))
        return MPBOX_BUSY; /* e.g. from inside one of its own callbacks */
    int rc = mpb_hostreg_add_fn(&s->host_reg, name, fn, user);
    if (rc == MPBOX_OK)
        s->host_unbound = 1;
    return rc;
}

/* ---- SQL databases (the function itself is in sql.c) --------------------- */

static int db_args_ok(const char *name, const char *path)
{
    return name && path && *path && mpb_hostfn_name_ok(name, strlen(name));
}

int mpbox_runtime_add_sqlite(mpbox_runtime *rt, const char *name, const char *path)
{
    if (!rt || !db_args_ok(name, path))
        return MPBOX_MISUSE;
    pthread_mutex_lock(&rt->host_lock);
    int rc = mpb_hostreg_add_db(&rt->host_reg, name, path);
    if (rc == MPBOX_OK)
        rc = mpb_hostreg_add_fn(&rt->host_reg, MPB_SQL_FN_NAME, mpb_sql_fn, NULL);
    pthread_mutex_unlock(&rt->host_lock);
    return rc;
}

int mpbox_session_add_sqlite(mpbox_session *s, const char *name, const char *path)
{
    if (!s || !db_args_ok(name, path))
        return MPBOX_MISUSE;
    if (atomic_load(&s->busy))
        return MPBOX_BUSY;
    int rc = mpb_hostreg_add_db(&s->host_reg, name, path);
    if (rc == MPBOX_OK)
        rc = mpb_hostreg_add_fn(&s->host_reg, MPB_SQL_FN_NAME, mpb_sql_fn, NULL);
    if (rc == MPBOX_OK)
        s->host_unbound = 1;
    return rc;
}

int mpb_hostfn_session_init(mpbox_session *s)
{
    mpbox_runtime *rt = s->rt;
    pthread_mutex_lock(&rt->host_lock);
    int rc = mpb_hostreg_copy(&s->host_reg, &rt->host_reg);
    pthread_mutex_unlock(&rt->host_lock);
    s->host_unbound = s->host_reg.nfns > 0;
    return rc;
}

/* ---- binding names in the guest ------------------------------------------ */

/* Make every registered name an attribute of the guest's `host` module and
 * a global of __main__ (through the image's __mpbox_bind), at the start of
 * the first run after a registration. It runs inside the run's checkpoint:
 * a rolled-back run binds again next time. Returns 0 or a trap code. */
int mpb_hostfn_bind(mpbox_session *s)
{
    if (!s->host_unbound)
        return 0;
    struct mpb_buf src = {0};
    mpb_json_put(&src, "__mpbox_bind(globals(),(");
    for (size_t i = 0; i < s->host_reg.nfns; i++) {
        mpb_json_put(&src, "'");
        mpb_json_put(&src, s->host_reg.fns[i].name); /* an identifier */
        mpb_json_put(&src, "',");
    }
    mpb_json_put(&src, "))\n");
    if (src.failed) {
        mpb_buf_free(&src);
        return MPB_TRAP_HOST_NOMEM;
    }
    mpbox_result *scratch = mpb_result_new();
    if (!scratch) {
        mpb_buf_free(&src);
        return MPB_TRAP_HOST_NOMEM;
    }
    int trap = mpb_session_exec(s, src.data, src.len, scratch, 0);
    /* an exception here can only come from a guest that replaced
     * __mpbox_bind: its own business */
    mpbox_result_free(scratch);
    mpb_buf_free(&src);
    if (!trap)
        s->host_unbound = 0;
    return trap;
}

/* ---- the call ------------------------------------------------------------- */

struct mpbox_call {
    mpbox_session *s;
    int replied;           /* 0 not yet, 1 value, 2 error */
    const char *refused;   /* why an attempted reply was refused */
    char refused_buf[128];
    struct mpb_buf env;          /* the envelope for the guest */
    uint64_t result_cap;
    unsigned depth_cap;
    int64_t fuel_left;     /* the run's fuel when the call began */
    uint64_t work;         /* fuel units charged for the call's work */
};

mpbox_session *mpb_call_session(mpbox_call *call) { return call ? call->s : NULL; }

int mpb_call_charge(mpbox_call *call, uint64_t units)
{
    call->work = units > UINT64_MAX - call->work ? UINT64_MAX : call->work + units;
    return call->work > (uint64_t)call->fuel_left ? -1 : 0;
}

int mpbox_call_charge(mpbox_call *call, uint64_t units)
{
    if (!call)
        return MPBOX_MISUSE;
    return mpb_call_charge(call, units) == 0 ? MPBOX_OK : MPBOX_ERROR;
}

int mpb_call_stopping(mpbox_call *call)
{
    return __atomic_load_n(&call->s->stop_reason, __ATOMIC_RELAXED) != 0 ||
           (call->s->host.call && atomic_load_explicit(&call->s->host.call->stop_requested, memory_order_relaxed));
}

static void error_env(struct mpb_buf *b, const char *type, const char *msg, size_t msg_len)
{
    b->len = 0;
    b->failed = 0;
    mpb_json_put(b, "{\"type\":");
    mpb_json_put_str(b, type, strlen(type));
    mpb_json_put(b, ",\"message\":");
    mpb_json_put_str(b, msg, msg_len);
    mpb_json_put(b, "}");
}

static void error_envf(struct mpb_buf *b, const char *type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void error_envf(struct mpb_buf *b, const char *type, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_env(b, type, msg, strlen(msg));
}

int mpbox_reply_json(mpbox_call *call, const char *json, size_t len)
{
    if (!call || (!json && len))
        return MPBOX_MISUSE;
    if (call->replied)
        return MPBOX_MISUSE;
    if (len > call->result_cap) {
        snprintf(call->refused_buf, sizeof call->refused_buf, "result too large (%zu bytes, limit %llu)", len,
                 (unsigned long long)call->result_cap);
        call->refused = call->refused_buf;
        return MPBOX_MISUSE;
    }
    call->env.len = 0;
    call->env.failed = 0;
    mpb_buf_append(&call->env, "[", 1);
    const char *why = mpb_json_canon(json ? json : "", len, call->depth_cap, &call->env);
    if (why) {
        if (strcmp(why, "nested too deeply") == 0)
            snprintf(call->refused_buf, sizeof call->refused_buf, "result nested too deeply (limit %u)",
                     call->depth_cap);
        else
            snprintf(call->refused_buf, sizeof call->refused_buf, "invalid JSON: %s", why);
        call->refused = call->refused_buf;
        return why[0] == 'o' && strcmp(why, "out of host memory") == 0 ? MPBOX_NOMEM : MPBOX_MISUSE;
    }
    mpb_buf_append(&call->env, "]", 1);
    if (call->env.failed)
        return MPBOX_NOMEM;
    call->replied = 1;
    return MPBOX_OK;
}

int mpbox_reply_error(mpbox_call *call, const char *type, const char *message)
{
    if (!call)
        return MPBOX_MISUSE;
    if (call->replied)
        return MPBOX_MISUSE;
    if (!type || !mpb_hostfn_name_ok(type, strlen(type)))
        type = "RuntimeError";
    if (!message)
        message = "";
    size_t n = strlen(message);
    if (n > 65536)
        n = 65536; /* a message, not a payload */
    error_env(&call->env, type, message, n);
    if (call->env.failed)
        return MPBOX_NOMEM;
    call->replied = 2;
    return MPBOX_OK;
}

static const mpb_hostfn *find_fn(const mpbox_session *s, const char *name, size_t n)
{
    for (size_t i = 0; i < s->host_reg.nfns; i++)
        if (strlen(s->host_reg.fns[i].name) == n && memcmp(s->host_reg.fns[i].name, name, n) == 0)
            return &s->host_reg.fns[i];
    return NULL;
}

/* The bridge (mpb_host.bridge): name and payload as copied from the guest
 * (payload NULL when it was longer than the argument cap, which jsproxy.c
 * checks before copying). Returns the malloc'd envelope and its length, or
 * NULL when out of host memory. */
static char *bridge(mpb_host *h, const char *name, size_t name_len, const char *payload, size_t len,
                    size_t *out_len)
{
    mpbox_session *s = mpb_session_of(h);
    mpbox_call call = {0};
    call.s = s;
    call.fuel_left = mpb_host_fuel_left(h);
    call.result_cap = (uint64_t)s->limits[MPBOX_LIMIT_HOST_RESULT_BYTES];
    int64_t depth = s->limits[MPBOX_LIMIT_HOST_DEPTH];
    call.depth_cap = depth > MPB_JSON_MAX_DEPTH ? MPB_JSON_MAX_DEPTH : (unsigned)depth;
    uint64_t arg_cap = (uint64_t)s->limits[MPBOX_LIMIT_HOST_ARG_BYTES];
    uint64_t call_cap = (uint64_t)s->limits[MPBOX_LIMIT_HOST_CALLS];
    struct mpb_buf args = {0};
    const mpb_hostfn *f = mpb_hostfn_name_ok(name, name_len) ? find_fn(s, name, name_len) : NULL;
    const char *why;

    if (!f) {
        error_envf(&call.env, "NameError", "no host function named '%.*s'",
                   (int)(name_len > MPB_HOSTFN_NAME_MAX ? MPB_HOSTFN_NAME_MAX : name_len), name);
    } else if (h->host_calls >= call_cap) {
        error_envf(&call.env, "RuntimeError", "too many host function calls in this run (limit %llu)",
                   (unsigned long long)call_cap);
    } else if (!payload || len > arg_cap) {
        error_envf(&call.env, "ValueError", "host function arguments too large (%zu bytes, limit %llu)", len,
                   (unsigned long long)arg_cap);
    } else if ((why = mpb_json_canon_args(payload, len, call.depth_cap, &args)) != NULL) {
        if (strcmp(why, "nested too deeply") == 0)
            error_envf(&call.env, "ValueError", "host function arguments nested too deeply (limit %u)",
                       call.depth_cap);
        else if (strcmp(why, "out of host memory") == 0)
            call.env.failed = 1;
        else
            error_envf(&call.env, "ValueError", "host function arguments: %s", why);
    } else {
        h->host_calls++;
        uint64_t t0 = mpb_now_ns();
        int rc = f->fn(f->user, args.data, args.len, &call);
        h->host_ns += mpb_now_ns() - t0;
        if (rc != 0 && call.replied != 2)
            error_envf(&call.env, "RuntimeError", "host function '%s' failed", f->name);
        else if (!call.replied && call.refused)
            error_envf(&call.env, "RuntimeError", "host function '%s' returned %s", f->name, call.refused);
        else if (!call.replied)
            mpb_json_put(&call.env, "[null]");
    }
    mpb_buf_free(&args);
    /* converting the arguments and the result, and the function's own
     * charges: jsproxy.c charges them once the guest has its answer */
    uint64_t json = (uint64_t)name_len + (payload ? len : 0) + call.env.len;
    h->bridge_work = json * MPB_FUEL_PER_JSON_BYTE + call.work;
    if (call.env.failed) {
        mpb_buf_free(&call.env);
        return NULL;
    }
    *out_len = call.env.len;
    return call.env.data;
}

void mpb_hostfn_host_init(mpb_host *h)
{
    h->bridge = bridge;
}
