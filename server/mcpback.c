/*
 * mcpback.c — the sessions of /mcp: mcp_http.h's backend on the session
 * table (sessions.h). An MCP session is an ordinary session of kind "mcp":
 * owned by the token that initialized it, evicted when idle and restored
 * on its next call, deleted after --session-ttl like the others. It has
 * the server's default limits and every --sqlite database, no mounts.
 *
 * Owners: the transport sees "token<N>" (the index of the bearer token,
 * never the secret) or "" without tokens.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "mcp_http.h"
#include "sessions.h"

/* A run going on for a tools/call: notifications/cancelled names its
 * request id. */
struct running {
    struct running *next;
    const struct sess *s;
    struct mpb_buf request_id; /* JSON text */
};

struct backend {
    struct srv *srv;
    char *db_names[SRV_MAX_LIST]; /* NAMEs of --sqlite NAME=PATH */
    int ndb;
    pthread_mutex_t lock; /* runs */
    struct running *runs;
};

void srv_owner_name(const struct srv *srv, int owner, char *out, size_t cap)
{
    if (!srv->cfg->has_tokens)
        snprintf(out, cap, "%s", "");
    else
        snprintf(out, cap, "token%d", owner);
}

static int owner_index(const char *owner)
{
    if (!owner || strncmp(owner, "token", 5) != 0)
        return 0;
    return atoi(owner + 5);
}

static int be_create(void *user, const char *owner, char *id, size_t idcap, char *err, size_t errcap)
{
    struct backend *b = user;
    struct sess_params p;
    memset(&p, 0, sizeof p);
    memcpy(p.limits, b->srv->cfg->limits, sizeof p.limits);
    p.sqlites = (const char *const *)b->db_names;
    p.nsqlites = b->ndb;
    struct sess *s;
    int rc = sess_create(b->srv->sessions, owner_index(owner), SESS_MCP, &p, &s, err, errcap);
    if (rc != SESS_OK)
        return MCP_BACKEND_ERROR;
    snprintf(id, idcap, "%s", sess_id(s));
    sess_put(b->srv->sessions, s);
    return MCP_BACKEND_OK;
}

static int be_find(void *user, const char *id, const char *owner)
{
    struct backend *b = user;
    struct sess *s;
    if (sess_find(b->srv->sessions, id, owner_index(owner), &s) != SESS_OK)
        return MCP_BACKEND_GONE;
    sess_touch(b->srv->sessions, s); /* a ping keeps a session from expiring */
    sess_put(b->srv->sessions, s);
    return MCP_BACKEND_OK;
}

static int claim_result(int rc)
{
    switch (rc) {
    case SESS_OK: return MCP_BACKEND_OK;
    case SESS_BUSY: return MCP_BACKEND_BUSY;
    case SESS_NOTFOUND: return MCP_BACKEND_GONE;
    default: return MCP_BACKEND_ERROR;
    }
}

static int be_run(void *user, const char *id, const char *owner, const struct mcp_call *call, const char *code,
                  size_t len, unsigned flags, char **json, size_t *json_len, char *err, size_t errcap)
{
    struct backend *b = user;
    struct srv *srv = b->srv;
    struct sess *s;
    *json = NULL;
    *json_len = 0;
    if (sess_find(srv->sessions, id, owner_index(owner), &s) != SESS_OK)
        return MCP_BACKEND_GONE;
    unsigned cf = SESS_RUNNING | SESS_RENEW_LOST | (srv->cfg->busy_refuse ? 0 : SESS_WAIT);
    int rc = claim_result(sess_claim(srv->sessions, s, cf, err, errcap));
    if (rc != MCP_BACKEND_OK) {
        if (rc == MCP_BACKEND_BUSY && errcap)
            snprintf(err, errcap, "the session is running another call");
        sess_put(srv->sessions, s);
        return rc;
    }
    struct wk *w = sess_worker(s);
    struct running me = {.s = s};
    if (mpb_json_write(&me.request_id, call->id) == 0) {
        pthread_mutex_lock(&b->lock);
        me.next = b->runs;
        b->runs = &me;
        pthread_mutex_unlock(&b->lock);
    }
    struct wk_outcome outcome;
    int wrc = call->live ? wk_run_live(w, code, len, flags, call->live, call->live_ctx, json, json_len, &outcome)
                         : wk_run(w, code, len, flags, json, json_len, &outcome);
    pthread_mutex_lock(&b->lock);
    for (struct running **p = &b->runs; *p; p = &(*p)->next)
        if (*p == &me) {
            *p = me.next;
            break;
        }
    pthread_mutex_unlock(&b->lock);
    mpb_buf_free(&me.request_id);
    if (wrc == WK_OK) {
        srv_count_run(&srv->metrics, outcome.status);
    } else if (wrc == WK_DEAD || wrc == WK_TIMEOUT) {
        const struct wk_death *d = wk_death(w);
        char why[160];
        if (wrc == WK_TIMEOUT)
            snprintf(why, sizeof why, "the worker process stopped answering and was killed");
        else
            snprintf(why, sizeof why, "the worker process died (%s)", d && d->what[0] ? d->what : "unknown cause");
        srv_count_run(&srv->metrics, SRV_RUN_WORKER_DIED);
        sess_mark_lost(srv->sessions, s, why, 1);
        if (errcap)
            snprintf(err, errcap, "%s", why);
        free(*json);
        *json = NULL;
        rc = MCP_BACKEND_LOST;
    } else {
        if (errcap)
            snprintf(err, errcap, "%s", wrc == WK_NOMEM ? "the server is out of memory" : wk_last_error(w));
        free(*json);
        *json = NULL;
        rc = MCP_BACKEND_ERROR;
    }
    sess_unclaim(srv->sessions, s);
    sess_put(srv->sessions, s);
    return rc;
}

static void be_cancel(void *user, const char *id, const char *owner, const struct mpb_json *request_id)
{
    struct backend *b = user;
    struct sess *s;
    struct mpb_buf rid = {0};
    if (mpb_json_write(&rid, request_id) < 0 || sess_find(b->srv->sessions, id, owner_index(owner), &s) != SESS_OK) {
        mpb_buf_free(&rid);
        return;
    }
    pthread_mutex_lock(&b->lock);
    for (struct running *r = b->runs; r; r = r->next)
        if (r->s == s && r->request_id.len == rid.len && memcmp(r->request_id.data, rid.data, rid.len) == 0)
            sess_interrupt(b->srv->sessions, s);
    pthread_mutex_unlock(&b->lock);
    sess_put(b->srv->sessions, s);
    mpb_buf_free(&rid);
}

/* The session's worker for a file request: claimed (waiting for a run
 * in progress), or an MCP_BACKEND_* code. */
static int claim_for_files(struct backend *b, const char *id, const char *owner, struct sess **s, char *err,
                           size_t errcap)
{
    struct srv *srv = b->srv;
    if (sess_find(srv->sessions, id, owner_index(owner), s) != SESS_OK)
        return MCP_BACKEND_GONE;
    int rc = claim_result(sess_claim(srv->sessions, *s, SESS_RENEW_LOST | (srv->cfg->busy_refuse ? 0 : SESS_WAIT),
                                     err, errcap));
    if (rc != MCP_BACKEND_OK)
        sess_put(srv->sessions, *s);
    return rc;
}

static int files_result(struct backend *b, struct sess *s, int wrc, char *err, size_t errcap)
{
    if (wrc == WK_OK)
        return MCP_BACKEND_OK;
    if (wrc == WK_NOTFOUND)
        return MCP_BACKEND_NOFILE;
    if (wrc == WK_DEAD || wrc == WK_TIMEOUT)
        sess_mark_lost(b->srv->sessions, s, "the worker process died", 1);
    snprintf(err, errcap, "%s", wrc == WK_FULL ? "the server has no memory for the answer now" : "the session's worker failed");
    return MCP_BACKEND_ERROR;
}

static int be_list_files(void *user, const char *id, const char *owner, char **json, size_t *json_len, char *err,
                         size_t errcap)
{
    struct backend *b = user;
    struct sess *s;
    int rc = claim_for_files(b, id, owner, &s, err, errcap);
    if (rc != MCP_BACKEND_OK)
        return rc;
    rc = files_result(b, s, wk_list_files(sess_worker(s), json, json_len), err, errcap);
    sess_unclaim(b->srv->sessions, s);
    sess_put(b->srv->sessions, s);
    return rc;
}

static int be_read_file(void *user, const char *id, const char *owner, const char *path, char **data, size_t *len,
                        char *err, size_t errcap)
{
    struct backend *b = user;
    struct sess *s;
    int rc = claim_for_files(b, id, owner, &s, err, errcap);
    if (rc != MCP_BACKEND_OK)
        return rc;
    void *p = NULL;
    rc = files_result(b, s, wk_get_file(sess_worker(s), path, &p, len), err, errcap);
    *data = p;
    sess_unclaim(b->srv->sessions, s);
    sess_put(b->srv->sessions, s);
    return rc;
}

static int be_reset(void *user, const char *id, const char *owner, char *err, size_t errcap)
{
    struct backend *b = user;
    struct srv *srv = b->srv;
    struct sess *s;
    if (sess_find(srv->sessions, id, owner_index(owner), &s) != SESS_OK)
        return MCP_BACKEND_GONE;
    /* Always wait: a reset must not be lost to a busy answer. A lost
     * session is taken as it is, and emptied all the same. */
    int rc = claim_result(sess_claim(srv->sessions, s, SESS_WAIT | SESS_AS_IS | SESS_RENEW_LOST, err, errcap));
    if (rc == MCP_BACKEND_OK) {
        sess_discard(srv->sessions, s);
        sess_unclaim(srv->sessions, s);
    }
    sess_put(srv->sessions, s);
    return rc;
}

static int be_remove(void *user, const char *id, const char *owner)
{
    struct backend *b = user;
    struct sess *s;
    if (sess_find(b->srv->sessions, id, owner_index(owner), &s) != SESS_OK)
        return MCP_BACKEND_GONE;
    sess_delete(b->srv->sessions, s);
    sess_put(b->srv->sessions, s);
    return MCP_BACKEND_OK;
}

int srv_mcp_start(struct srv *srv, char *err, size_t errcap)
{
    const struct srv_config *cfg = srv->cfg;
    struct backend *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    b->srv = srv;
    pthread_mutex_init(&b->lock, NULL);
    for (int i = 0; i < cfg->nsqlites; i++) {
        const char *eq = strchr(cfg->sqlites[i], '=');
        b->db_names[i] = strndup(cfg->sqlites[i], (size_t)(eq - cfg->sqlites[i]));
        if (!b->db_names[i]) {
            snprintf(err, errcap, "out of memory");
            srv->mcp_backend = b;
            srv_mcp_stop(srv);
            return -1;
        }
        b->ndb++;
    }
    struct mcp_http_config mc = {
        .mcp =
            {
                .memory = (uint64_t)cfg->limits[MPBOX_LIMIT_MEMORY],
                .timeout_ms = cfg->limits[MPBOX_LIMIT_TIMEOUT_MS],
                .max_output = (uint64_t)cfg->limits[MPBOX_LIMIT_STDOUT],
                .fuel = (uint64_t)cfg->limits[MPBOX_LIMIT_FUEL],
                .has_mounts = 0,
                .sqlites = cfg->sqlites,
                .nsqlites = cfg->nsqlites,
                .json_mode = cfg->mcp_json,
                .clip_output = cfg->clip_given ? cfg->clip_output : CLIP_DEFAULT_MCP,
            },
        .allowed_origins = cfg->origins,
        .nallowed_origins = cfg->norigins,
        .backend = {b, be_create, be_find, be_run, be_reset, be_remove, be_cancel, be_list_files, be_read_file},
    };
    srv->mcp_backend = b;
    if (mcp_http_new(&mc, &srv->mcp, err, errcap) < 0) {
        srv_mcp_stop(srv);
        return -1;
    }
    return 0;
}

void srv_mcp_stop(struct srv *srv)
{
    struct backend *b = srv->mcp_backend;
    mcp_http_free(srv->mcp);
    srv->mcp = NULL;
    if (b) {
        for (int i = 0; i < b->ndb; i++)
            free(b->db_names[i]);
        pthread_mutex_destroy(&b->lock);
        free(b);
    }
    srv->mcp_backend = NULL;
}
