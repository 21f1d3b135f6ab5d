/*
 * sessions.c — the session table of `mpbox serve`: ids, owners, exclusive
 * use of a worker, eviction to snapshots on disk and transparent restore,
 * time-to-live, and the memory budget (sessions.h).
 *
 * One mutex guards the table and every session's bookkeeping. A session's
 * worker is used only by the thread that claimed the session (in_use), so
 * slow worker calls (runs, saves, spawns) happen outside the mutex. s->w
 * changes only under the mutex and only by the claimant, so that
 * sess_interrupt may reach a running worker from another thread.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "sessions.h"
#include "spool.h"
#include "store.h"

enum { FREE = 0, BY_REQUEST = 1, BY_JANITOR = 2 };

struct sess {
    char id[SESS_ID_LEN + 1];
    int owner, kind;
    int64_t limits[MPBOX_LIMIT_COUNT_];
    char **mounts, **sqlites;
    int nmounts, nsqlites;

    struct wk *w;  /* NULL when evicted or lost */
    int evicted;   /* its snapshot is on disk */
    uint64_t snap_bytes; /* its size, taken from the state directory's budget */
    int no_evict;  /* the last eviction failed: not again until it is used */
    int lost;
    char lost_reason[160];
    int in_use;    /* FREE, BY_REQUEST, BY_JANITOR */
    int running;   /* the claimant is running code */
    int removed;   /* no longer in the table */
    int refs;
    pthread_cond_t released; /* in_use went back to FREE */
    int64_t created_ms;      /* CLOCK_REALTIME */
    int64_t used_mono;       /* CLOCK_MONOTONIC of the last use */
    uint64_t runs;

    /* --store: an API session kept in the store. It is live here (s->w)
     * only while lease[] holds this replica's lease; otherwise "evicted"
     * means "in the store". */
    int stored;
    char lease[STORE_LEASE_MAX];
    int64_t renewed_mono;    /* the lease's last renewal */
    int release_wanted;      /* another replica waits for the lease */
    struct store_chain chain; /* the store's chain as of our last load or commit */
};

struct sess_table {
    pthread_mutex_t lock;
    struct sess **v;
    size_t n, cap;
    int reserved; /* sessions being created */
    int reserved_owner[TOK_MAX_OWNERS]; /* the same by owner number */
    struct sess_table_config cfg;
    char *state_dir;
    struct wk_pool *pool;
    struct srv_metrics *metrics;
    struct budget disk; /* bytes in the state directory (--state-dir-budget) */

    pthread_t janitor;
    int janitor_started, stopping;
    int closing; /* sess_shutdown was called */
    pthread_cond_t wake;
};

static int64_t now_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_err(char *err, size_t cap, const char *msg)
{
    if (cap)
        snprintf(err, cap, "%s", msg);
}

/* Resident memory of a process from /proc (0 if unknown). Read by pid so
 * that no worker pointer is used outside its claimant. */
static uint64_t rss_of(pid_t pid)
{
    char path[64], buf[128];
    if (pid <= 0)
        return 0;
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    unsigned long long size, resident;
    if (sscanf(buf, "%llu %llu", &size, &resident) != 2)
        return 0;
    return (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

static void snapshot_path(const struct sess_table *t, const struct sess *s, const char *suffix, char *out,
                          size_t cap)
{
    snprintf(out, cap, "%s/%s%s", t->state_dir, s->id, suffix);
}

/* Remove a session's files in the state directory (snapshot, description). */
static void remove_files(const struct sess_table *t, const struct sess *s)
{
    char path[4200];
    snapshot_path(t, s, ".snap", path, sizeof path);
    unlink(path);
    snapshot_path(t, s, ".meta", path, sizeof path);
    unlink(path);
}

/* ---- table bookkeeping (under the lock) --------------------------------- */

static void table_remove(struct sess_table *t, struct sess *s)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i] == s) {
            t->v[i] = t->v[--t->n];
            break;
        }
    }
    s->removed = 1;
    pthread_cond_broadcast(&s->released); /* waiters see "removed" */
}

static struct sess *table_lookup(struct sess_table *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (memcmp(t->v[i]->id, id, SESS_ID_LEN + 1) == 0)
            return t->v[i];
    return NULL;
}

static void sess_destroy(struct sess *s)
{
    for (int i = 0; s->mounts && i < s->nmounts; i++)
        free(s->mounts[i]);
    for (int i = 0; s->sqlites && i < s->nsqlites; i++)
        free(s->sqlites[i]);
    free(s->mounts);
    free(s->sqlites);
    pthread_cond_destroy(&s->released);
    free(s);
}

static void release_use(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    s->in_use = FREE;
    s->running = 0;
    pthread_cond_broadcast(&s->released);
    pthread_mutex_unlock(&t->lock);
}

/* ---- snapshots on disk -------------------------------------------------- */

static int write_file(const char *tmp, const char *path, const void *data, size_t len)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -1;
    const char *p = data;
    while (len > 0) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            int e = errno;
            close(fd);
            unlink(tmp);
            errno = k < 0 ? e : EIO;
            return -1;
        }
        p += k;
        len -= (size_t)k;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return 0;
}

static int read_file(const char *path, void **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0 || st.st_size < 0) {
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size, got = 0;
    char *buf = malloc(n ? n : 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return -1;
    }
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            free(buf);
            close(fd);
            errno = k < 0 ? errno : EIO;
            return -1;
        }
        got += (size_t)k;
    }
    close(fd);
    *data = buf;
    *len = n;
    return 0;
}

/* ---- sessions that outlive the server (cfg.persist) -------------------- */

static int copy_strings(const char *const *src, int n, char ***out);

#define META_FORMAT 1

/* ID.meta, next to ID.snap: what the snapshot does not hold. JSON:
 * {"format", "id", "owner" (the owner's key: a hash of its token, never
 * the token), "created_ms", "runs", "limits" [MPBOX_LIMIT_COUNT_ numbers],
 * "mounts" ["HOSTDIR:/GUESTDIR"], "sqlite" [NAME]}. Only API sessions get
 * one: an MCP client starts a new session when its id is unknown. */
static int meta_json(struct sess_table *t, const struct sess *s, struct mpb_buf *out)
{
    char key[TOK_KEY_HEX + 1], num[64];
    tok_owner_key(t->cfg.tokens, s->owner, key);
    struct mpb_buf b = {0};
    snprintf(num, sizeof num, "{\"format\":%d,\"id\":", META_FORMAT);
    mpb_json_put(&b, num);
    mpb_json_put_str(&b, s->id, strlen(s->id));
    mpb_json_put(&b, ",\"owner\":");
    mpb_json_put_str(&b, key, strlen(key));
    snprintf(num, sizeof num, ",\"created_ms\":%lld,\"runs\":%llu,\"limits\":[", (long long)s->created_ms,
             (unsigned long long)s->runs);
    mpb_json_put(&b, num);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++) {
        snprintf(num, sizeof num, "%s%lld", i ? "," : "", (long long)s->limits[i]);
        mpb_json_put(&b, num);
    }
    mpb_json_put(&b, "],\"mounts\":[");
    for (int i = 0; i < s->nmounts; i++) {
        mpb_json_put(&b, i ? "," : "");
        mpb_json_put_str(&b, s->mounts[i], strlen(s->mounts[i]));
    }
    mpb_json_put(&b, "],\"sqlite\":[");
    for (int i = 0; i < s->nsqlites; i++) {
        mpb_json_put(&b, i ? "," : "");
        mpb_json_put_str(&b, s->sqlites[i], strlen(s->sqlites[i]));
    }
    if (mpb_json_put(&b, "]}\n") < 0 || !b.data) {
        mpb_buf_free(&b);
        errno = ENOMEM;
        return -1;
    }
    *out = b;
    return 0;
}

static int write_meta(struct sess_table *t, const struct sess *s)
{
    if (!t->cfg.persist || s->kind != SESS_API)
        return 0;
    struct mpb_buf b = {0};
    if (meta_json(t, s, &b) < 0)
        return -1;
    char tmp[4200], path[4200];
    snapshot_path(t, s, ".meta.tmp", tmp, sizeof tmp);
    snapshot_path(t, s, ".meta", path, sizeof path);
    int rc = write_file(tmp, path, b.data, b.len);
    mpb_buf_free(&b);
    return rc;
}

static int is_session_id(const char *id, size_t n)
{
    if (n != SESS_ID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            return 0;
    return 1;
}

/* A number of a meta file, in [lo, INT64_MAX]; -2 when it is not one. */
static int64_t meta_int(const struct mpb_json *v, int64_t lo)
{
    if (!v || v->type != MPB_JSON_NUMBER || !v->integer)
        return -2;
    errno = 0;
    char *end;
    long long x = strtoll(v->str, &end, 10);
    return errno || *end || x < lo ? -2 : x;
}

/* n strings of a meta array into *out (copies); -1 when malformed. */
static int meta_strings(const struct mpb_json *v, size_t max, char ***out, int *n)
{
    if (!v || v->type != MPB_JSON_ARRAY || v->n > max)
        return -1;
    *n = (int)v->n;
    const char *tmp[64];
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i]->type != MPB_JSON_STRING || strlen(v->items[i]->str) != v->items[i]->len)
            return -1;
        tmp[i] = v->items[i]->str;
    }
    return copy_strings(tmp, *n, out);
}

/* Limits no higher than the server's now: every cap of the library's
 * limit table (not the settings: clock mode, seed, rollback, output
 * policy) at most its own, one where 0 means none only 0 when the server's
 * is 0 too. */
static void clamp_limits(int64_t *l, const int64_t *ceil)
{
    for (int id = 0; id < MPBOX_LIMIT_COUNT_; id++) {
        const mpbox_limit_desc *d = mpbox_limit_info(id);
        if (d->flags & MPBOX_LIMIT_SETTING)
            continue;
        if (d->flags & MPBOX_LIMIT_ZERO_IS_NONE) {
            if (ceil[id] > 0 && (l[id] <= 0 || l[id] > ceil[id]))
                l[id] = ceil[id];
        } else if (ceil[id] >= 0 && l[id] > ceil[id]) {
            l[id] = ceil[id];
        }
    }
}

/* A session (evicted) from its description (meta_json's), or NULL when
 * it is not a valid one. */
static struct sess *parse_meta(struct sess_table *t, const char *id, const char *data, size_t len)
{
    const char *jerr;
    struct mpb_json *m = len <= (1u << 20) ? mpb_json_parse(data, len, &jerr) : NULL;
    struct sess *s = calloc(1, sizeof *s);
    const struct mpb_json *idv = mpb_json_get(m, "id"), *owner = mpb_json_get(m, "owner"),
                          *lim = mpb_json_get(m, "limits");
    int ok = s && m && m->type == MPB_JSON_OBJECT && meta_int(mpb_json_get(m, "format"), 0) == META_FORMAT &&
             idv && idv->type == MPB_JSON_STRING && strcmp(idv->str, id) == 0 && owner &&
             owner->type == MPB_JSON_STRING && lim && lim->type == MPB_JSON_ARRAY && lim->n <= MPBOX_LIMIT_COUNT_;
    if (s)
        pthread_cond_init(&s->released, NULL);
    if (ok) {
        memcpy(s->id, id, SESS_ID_LEN + 1);
        s->kind = SESS_API;
        s->owner = tok_owner_of_key(t->cfg.tokens, owner->str);
        int64_t created = meta_int(mpb_json_get(m, "created_ms"), 0), runs = meta_int(mpb_json_get(m, "runs"), 0);
        ok = s->owner >= 0 && created >= 0 && runs >= 0;
        s->created_ms = created;
        s->runs = (uint64_t)runs;
        /* by id; ids added since it was written: the pool's default */
        for (int i = 0; ok && i < MPBOX_LIMIT_COUNT_; i++)
            ok = (s->limits[i] = (size_t)i < lim->n ? meta_int(lim->items[i], -1) : -1) >= -1;
        ok = ok && meta_strings(mpb_json_get(m, "mounts"), 16, &s->mounts, &s->nmounts) == 0 &&
             meta_strings(mpb_json_get(m, "sqlite"), SRV_MAX_LIST, &s->sqlites, &s->nsqlites) == 0;
    }
    mpb_json_free(m);
    if (!ok) {
        if (s)
            sess_destroy(s);
        return NULL;
    }
    if (t->cfg.ceilings)
        clamp_limits(s->limits, t->cfg.ceilings);
    s->evicted = 1;
    s->used_mono = now_ms(CLOCK_MONOTONIC);
    return s;
}

/* A session from ID.meta in the state directory. */
static struct sess *load_meta(struct sess_table *t, const char *id)
{
    char path[4200];
    void *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s.meta", t->state_dir, id);
    if (read_file(path, &data, &len) < 0)
        return NULL;
    struct sess *s = parse_meta(t, id, data, len);
    free(data);
    return s;
}

/* Names of a state directory: "ID" plus one of our suffixes. */
static const char *our_suffix(const char *name, char id[SESS_ID_LEN + 1])
{
    static const char *const suffixes[] = {".snap", ".meta", ".tmp", ".meta.tmp"};
    size_t n = strlen(name);
    if (n <= SESS_ID_LEN || !is_session_id(name, SESS_ID_LEN))
        return NULL;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        if (strcmp(name + SESS_ID_LEN, suffixes[i]) == 0) {
            memcpy(id, name, SESS_ID_LEN);
            id[SESS_ID_LEN] = '\0';
            return suffixes[i];
        }
    }
    return NULL;
}

int sess_table_load(struct sess_table *t)
{
    if (!t->cfg.persist)
        return 0;
    int taken = 0;
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: sessions (ID.meta with its ID.snap); pass 1: remove our
         * files that belong to no session taken in. */
        DIR *d = opendir(t->state_dir);
        if (!d) {
            srv_log(SRV_ERROR, "state_dir", "cannot read the state directory %s: %s", t->state_dir, strerror(errno));
            return taken;
        }
        struct dirent *e;
        char id[SESS_ID_LEN + 1], path[4200];
        while ((e = readdir(d))) {
            const char *suffix = our_suffix(e->d_name, id);
            if (!suffix)
                continue;
            pthread_mutex_lock(&t->lock);
            int known = table_lookup(t, id) != NULL;
            int room = t->cfg.max_sessions <= 0 || t->n < (size_t)t->cfg.max_sessions;
            pthread_mutex_unlock(&t->lock);
            snprintf(path, sizeof path, "%s/%s", t->state_dir, e->d_name);
            if (pass == 1) {
                if (!known)
                    unlink(path);
                continue;
            }
            if (strcmp(suffix, ".meta") != 0 || known)
                continue;
            struct stat st;
            char snap[4200];
            snprintf(snap, sizeof snap, "%s/%s.snap", t->state_dir, id);
            struct sess *s = NULL;
            if (!room) {
                srv_log(SRV_WARN, "state_dir", "--max-sessions reached: session %.8s... in the state directory "
                        "is dropped", id);
            } else if (lstat(snap, &st) == 0 && S_ISREG(st.st_mode) && (s = load_meta(t, id))) {
                /* on disk already: counted even past the budget */
                s->snap_bytes = (uint64_t)st.st_size;
                atomic_fetch_add(&t->disk.used, s->snap_bytes);
                pthread_mutex_lock(&t->lock);
                if (t->n == t->cap) {
                    size_t cap = t->cap ? t->cap * 2 : 64;
                    struct sess **v = realloc(t->v, cap * sizeof *v);
                    if (v) {
                        t->v = v;
                        t->cap = cap;
                    }
                }
                if (t->n < t->cap) {
                    t->v[t->n++] = s;
                    taken++;
                } else {
                    budget_give(&t->disk, s->snap_bytes);
                    sess_destroy(s);
                }
                pthread_mutex_unlock(&t->lock);
            } else {
                srv_log(SRV_WARN, "state_dir", "session %.8s... in the state directory is damaged; dropped", id);
            }
        }
        closedir(d);
    }
    return taken;
}

static void set_no_evict(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    s->no_evict = 1;
    pthread_mutex_unlock(&t->lock);
}

/* Remove an evicted session's snapshot (lock not held; the caller took
 * s->evicted away): its room goes back to the budget. */
static void drop_snapshot(struct sess_table *t, struct sess *s)
{
    remove_files(t, s);
    budget_give(&t->disk, s->snap_bytes);
    s->snap_bytes = 0;
}

/* Room in the state directory for an eviction's snapshot (wk_save_to). */
struct room {
    struct budget *disk;
    uint64_t taken;
};
static int take_room(void *arg, uint64_t len)
{
    struct room *r = arg;
    if (budget_take(r->disk, len) < 0)
        return -1;
    r->taken = len;
    return 0;
}

/* The claimant (in_use set) saves a live session to disk and stops its
 * worker. The snapshot streams from the worker into the file (the server
 * holds a chunk at a time); when the state directory's budget has no room
 * for it, the session stays live (and is not tried again until used).
 * Returns 0, or -1 when the session stays live (or was lost: its worker
 * had died). */
static void drop_live(struct sess_table *t, struct sess *s, int give_back);

static int evict(struct sess_table *t, struct sess *s)
{
    if (s->stored) { /* its state is in the store already */
        drop_live(t, s, 1);
        atomic_fetch_add(&t->metrics->evictions, 1);
        return 0;
    }
    char tmp[4200], path[4200];
    snapshot_path(t, s, ".tmp", tmp, sizeof tmp);
    snapshot_path(t, s, ".snap", path, sizeof path);
    int fd = write_meta(t, s) == 0 ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600) : -1;
    if (fd < 0) {
        srv_log(SRV_ERROR, "evict_failed", "cannot write %s: %s; session kept in memory", tmp, strerror(errno));
        set_no_evict(t, s);
        return -1;
    }
    struct room room = {&t->disk, 0};
    uint64_t len = 0;
    int rc = wk_save_to(s->w, fd, take_room, &room, &len);
    int crc = close(fd);
    if (rc == WK_OK && crc == 0 && rename(tmp, path) == 0) {
        pthread_mutex_lock(&t->lock);
        struct wk *w = s->w;
        s->w = NULL;
        s->evicted = 1;
        s->snap_bytes = room.taken;
        pthread_mutex_unlock(&t->lock);
        wk_free(w);
        atomic_fetch_add(&t->metrics->evictions, 1);
        return 0;
    }
    int e = errno;
    unlink(tmp);
    budget_give(&t->disk, room.taken);
    if (rc == WK_DEAD || rc == WK_TIMEOUT) {
        const struct wk_death *d = wk_death(s->w);
        char why[160];
        snprintf(why, sizeof why, "its worker process died while idle (%s)", d ? d->what : "unknown cause");
        sess_mark_lost(t, s, why, 1);
        return -1;
    }
    if (rc == WK_FULL)
        atomic_fetch_add(&t->metrics->evictions_no_room, 1);
    else
        srv_log(SRV_ERROR, "evict_failed", "cannot save session %.8s... for eviction: %s", s->id,
                rc == WK_OK ? strerror(e) : wk_last_error(s->w)[0] ? wk_last_error(s->w) : "worker error");
    set_no_evict(t, s);
    return -1;
}

/* A worker for session s that starts from the snapshot in `file`: with
 * the session's own limits (the worker would otherwise put the pool's over
 * the snapshot's), but not the clock mode and seed: setting them would
 * restart the clock and random state the snapshot carries (which are this
 * session's). Mounts are not in snapshots. `limits` is the caller's array
 * the spec points into. */
static struct wk_session_spec snapshot_spec(const struct sess *s, const struct wk_file *file,
                                            int64_t limits[MPBOX_LIMIT_COUNT_])
{
    memcpy(limits, s->limits, sizeof(int64_t) * MPBOX_LIMIT_COUNT_);
    limits[MPBOX_LIMIT_DETERMINISTIC] = -1;
    limits[MPBOX_LIMIT_SEED] = -1;
    return (struct wk_session_spec){
        .limits = limits,
        .mounts = (const char *const *)s->mounts,
        .nmounts = s->nmounts,
        .sqlites = (const char *const *)s->sqlites,
        .nsqlites = s->nsqlites,
        .snapshot_file = file,
    };
}

/* The claimant brings an evicted session back from disk, the snapshot
 * streamed from the file to the new worker. */
static int restore(struct sess_table *t, struct sess *s, char *err, size_t errcap)
{
    char path[4200];
    snapshot_path(t, s, ".snap", path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        if (errcap)
            snprintf(err, errcap, "cannot read the session's snapshot from disk: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        atomic_fetch_add(&t->metrics->restore_failures, 1);
        return SESS_FAILED;
    }
    struct wk_file file = {fd, (uint64_t)st.st_size};
    int64_t limits[MPBOX_LIMIT_COUNT_];
    struct wk_session_spec spec = snapshot_spec(s, &file, limits);
    struct wk *w = NULL;
    char why[256] = "";
    int rc = wk_spawn(t->pool, &spec, &w, why, sizeof why);
    close(fd);
    if (rc != WK_OK) {
        if (errcap)
            snprintf(err, errcap, "cannot restore the evicted session: %s", why[0] ? why : "worker failed");
        atomic_fetch_add(&t->metrics->restore_failures, 1);
        return SESS_FAILED;
    }
    pthread_mutex_lock(&t->lock);
    s->w = w;
    s->evicted = 0;
    pthread_mutex_unlock(&t->lock);
    drop_snapshot(t, s);
    atomic_fetch_add(&t->metrics->restores, 1);
    return SESS_OK;
}


/* ---- the session store (--store) -------------------------------------------- */

int sess_stored(const struct sess *s) { return s->stored; }

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Drop the copy of a stored session held here: kill its worker first,
 * then (give_back) hand the lease back, so that two copies never run. The
 * caller has the session in use; lock not held. */
static void drop_live(struct sess_table *t, struct sess *s, int give_back)
{
    char lease[STORE_LEASE_MAX];
    pthread_mutex_lock(&t->lock);
    struct wk *w = s->w;
    memcpy(lease, s->lease, sizeof lease);
    s->w = NULL;
    s->lease[0] = '\0';
    s->evicted = 1;
    s->release_wanted = 0;
    pthread_mutex_unlock(&t->lock);
    wk_free(w);
    if (give_back && lease[0])
        store_release(t->cfg.store, s->id, lease);
}

static int store_error(int rc, const char *why, char *err, size_t errcap)
{
    set_err(err, errcap, why);
    switch (rc) {
    case STORE_NOTFOUND: return SESS_NOTFOUND;
    case STORE_BUSY:
    case STORE_LOST: return SESS_ELSEWHERE;
    case STORE_FULL: return SESS_FULL;
    case STORE_OWNER_FULL: return SESS_OWNER_FULL;
    case STORE_BROKEN: return SESS_FAILED;
    default: return SESS_UNAVAILABLE;
    }
}

/* The claimant, holding `lease`, rebuilds the session from the store in
 * a new worker: the chain (base and deltas) goes into a spool, which
 * streams into the worker as an evicted session's snapshot does; the
 * worker applies the deltas, and its next commit is a delta after them. */
static int store_restore(struct sess_table *t, struct sess *s, const char *lease, char *err, size_t errcap)
{
    struct spool *a = NULL;
    if (spool_new(t->state_dir, &t->disk, &a) < 0) {
        if (errcap)
            snprintf(err, errcap, "cannot make a file in the state directory: %s", strerror(errno));
        return SESS_FAILED;
    }
    uint64_t len = 0;
    struct store_chain chain;
    char why[256] = "";
    int rc = store_load(t->cfg.store, s->id, lease, a->fd, &len, &chain, why, sizeof why);
    if (rc != STORE_OK) {
        spool_free(a);
        atomic_fetch_add(&t->metrics->restore_failures, rc == STORE_BROKEN);
        return store_error(rc, why, err, errcap);
    }
    struct wk_file file = {a->fd, len};
    int64_t limits[MPBOX_LIMIT_COUNT_];
    struct wk_session_spec spec = snapshot_spec(s, &file, limits);
    spec.chain = 1;
    struct wk *w = NULL;
    rc = wk_spawn(t->pool, &spec, &w, why, sizeof why);
    spool_free(a);
    if (rc != WK_OK) {
        if (errcap)
            snprintf(err, errcap, "cannot restore the session from the store: %s", why[0] ? why : "worker failed");
        atomic_fetch_add(&t->metrics->restore_failures, 1);
        return SESS_FAILED;
    }
    pthread_mutex_lock(&t->lock);
    s->w = w;
    s->evicted = 0;
    s->chain = chain;
    memcpy(s->lease, lease, STORE_LEASE_MAX);
    s->renewed_mono = now_ms(CLOCK_MONOTONIC);
    pthread_mutex_unlock(&t->lock);
    atomic_fetch_add(&t->metrics->restores, 1);
    return SESS_OK;
}

/* The claimant makes sure this replica holds the lease and a live copy:
 * a lease held is renewed (lost: the copy here is stale and dropped);
 * else the lease is taken, waiting for another replica to release it,
 * and the session rebuilt from the store. */
static int store_claim(struct sess_table *t, struct sess *s, unsigned flags, char *err, size_t errcap)
{
    char lease[STORE_LEASE_MAX], why[256] = "";
    pthread_mutex_lock(&t->lock);
    memcpy(lease, s->lease, sizeof lease);
    pthread_mutex_unlock(&t->lock);
    if (lease[0]) {
        int wanted;
        int rc = store_renew(t->cfg.store, s->id, lease, &wanted, why, sizeof why);
        if (rc == STORE_OK) {
            pthread_mutex_lock(&t->lock);
            s->renewed_mono = now_ms(CLOCK_MONOTONIC);
            pthread_mutex_unlock(&t->lock);
            return SESS_OK;
        }
        if (rc != STORE_LOST)
            return store_error(rc, why, err, errcap);
        drop_live(t, s, 0);
    }
    int64_t wait = (flags & SESS_WAIT) ? t->cfg.store_wait_ms : 0;
    int rc = store_acquire(t->cfg.store, s->id, lease, wait, why, sizeof why);
    if (rc != STORE_OK)
        return store_error(rc, why, err, errcap);
    rc = store_restore(t, s, lease, err, errcap);
    if (rc != SESS_OK)
        store_release(t->cfg.store, s->id, lease);
    return rc;
}

int sess_commit(struct sess_table *t, struct sess *s, char *err, size_t errcap)
{
    if (!s->stored || !s->w)
        return SESS_OK;
    struct spool *sp;
    char why[256] = "";
    int src = STORE_BROKEN;
    int64_t t0 = now_us(), t1 = t0;
    uint64_t len = 0;
    int is_delta = 0;
    if (spool_new(t->state_dir, &t->disk, &sp) < 0) {
        snprintf(why, sizeof why, "cannot make a file in the state directory: %s", strerror(errno));
    } else {
        uint64_t max = store_max_delta(t->cfg.store, &s->chain);
        int rc = wk_commit_to(s->w, sp->fd, max == 0, max, spool_room, sp, &len, &is_delta);
        t1 = now_us();
        if (rc == WK_OK)
            src = store_commit(t->cfg.store, s->id, s->lease, sp->fd, len, is_delta, &s->chain, why, sizeof why);
        else if (rc == WK_FULL)
            snprintf(why, sizeof why, "no room in the state directory for the session's state (--state-dir-budget)");
        else if (rc == WK_DEAD || rc == WK_TIMEOUT)
            snprintf(why, sizeof why, "the worker died while saving the session (%s)",
                     wk_death(s->w) ? wk_death(s->w)->what : "unknown cause");
        else
            snprintf(why, sizeof why, "cannot save the session: %s", wk_last_error(s->w));
        spool_free(sp);
    }
    int64_t t2 = now_us();
    if (src == STORE_OK) {
        atomic_fetch_add(&t->metrics->store_commits, 1);
        atomic_fetch_add(&t->metrics->store_bases, !is_delta);
        atomic_fetch_add(&t->metrics->store_bytes, len);
        atomic_fetch_add(&t->metrics->store_base_bytes, is_delta ? 0 : len);
        atomic_fetch_add(&t->metrics->store_worker_us, (uint64_t)(t1 - t0));
        atomic_fetch_add(&t->metrics->store_redis_us, (uint64_t)(t2 - t1));
        return SESS_OK;
    }
    atomic_fetch_add(&t->metrics->store_failures, 1);
    /* The copy here is ahead of the store: drop it; the session goes on
     * from its last stored state. */
    drop_live(t, s, src != STORE_LOST);
    return store_error(src == STORE_BROKEN ? STORE_DOWN : src, why, err, errcap);
}

/* A session of the store not known here yet, owned by owner. */
static int store_import(struct sess_table *t, const char *id, int owner, struct sess **out, char *err, size_t errcap)
{
    char *meta = NULL, why[256];
    size_t len = 0;
    int rc = store_meta(t->cfg.store, id, &meta, &len, why, sizeof why);
    if (rc != STORE_OK)
        return store_error(rc, why, err, errcap);
    struct sess *s = parse_meta(t, id, meta, len);
    free(meta);
    if (!s)
        return SESS_NOTFOUND;
    if (s->owner != owner) {
        sess_destroy(s);
        return SESS_NOTFOUND;
    }
    s->stored = 1;
    s->refs = 1;
    pthread_mutex_lock(&t->lock);
    struct sess *known = table_lookup(t, id); /* imported by another thread meanwhile */
    int added = 0;
    if (known && known->owner == owner) {
        known->refs++;
    } else if (!known) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            struct sess **v = realloc(t->v, cap * sizeof *v);
            if (v) {
                t->v = v;
                t->cap = cap;
            }
        }
        if (t->n < t->cap) {
            t->v[t->n++] = s;
            added = 1;
        }
    }
    pthread_mutex_unlock(&t->lock);
    if (!added) {
        int nomem = !known;
        sess_destroy(s);
        s = known && known->owner == owner ? known : NULL;
        if (!s)
            return nomem ? SESS_NOMEM : SESS_NOTFOUND;
    }
    *out = s;
    return SESS_OK;
}

/* Another replica waits for a session leased here: release it now when
 * idle, else when its request ends (sess_unclaim). */
static void on_release(void *ctx, const char *id)
{
    struct sess_table *t = ctx;
    pthread_mutex_lock(&t->lock);
    struct sess *s = table_lookup(t, id);
    int now = 0;
    if (s && s->stored && s->lease[0]) {
        if (s->in_use == FREE) {
            s->refs++;
            s->in_use = BY_JANITOR;
            now = 1;
        } else {
            s->release_wanted = 1;
        }
    }
    pthread_mutex_unlock(&t->lock);
    if (now) {
        drop_live(t, s, 1);
        release_use(t, s);
        sess_put(t, s);
    }
}

static void on_interrupt(void *ctx, const char *id)
{
    struct sess_table *t = ctx;
    pthread_mutex_lock(&t->lock);
    struct sess *s = table_lookup(t, id);
    if (s && s->running && s->w)
        wk_interrupt(s->w);
    pthread_mutex_unlock(&t->lock);
}

/* Renew the leases held here every third of their life; give back those
 * another replica waits for when idle, and drop copies whose lease was
 * lost (expired while Redis was out of reach, or taken over). */
static void janitor_leases(struct sess_table *t)
{
    int64_t mono = now_ms(CLOCK_MONOTONIC);
    struct due {
        struct sess *s;
        char lease[STORE_LEASE_MAX];
    } *v;
    size_t n = 0;
    pthread_mutex_lock(&t->lock);
    v = calloc(t->n ? t->n : 1, sizeof *v);
    for (size_t i = 0; v && i < t->n; i++) {
        struct sess *s = t->v[i];
        if (s->stored && s->lease[0] && mono - s->renewed_mono >= t->cfg.store_lease_ms / 3) {
            s->refs++;
            v[n].s = s;
            memcpy(v[n++].lease, s->lease, STORE_LEASE_MAX);
        }
    }
    pthread_mutex_unlock(&t->lock);
    for (size_t i = 0; i < n; i++) {
        struct sess *s = v[i].s;
        int wanted = 0;
        char why[256];
        int rc = store_renew(t->cfg.store, s->id, v[i].lease, &wanted, why, sizeof why);
        pthread_mutex_lock(&t->lock);
        int same = strcmp(s->lease, v[i].lease) == 0;
        if (rc == STORE_OK && same)
            s->renewed_mono = mono;
        int act = same && s->in_use == FREE && (rc == STORE_LOST || (rc == STORE_OK && wanted));
        if (act)
            s->in_use = BY_JANITOR;
        else if (same && rc == STORE_OK && wanted)
            s->release_wanted = 1;
        else if (same && rc == STORE_LOST && s->running && s->w)
            wk_interrupt(s->w); /* another replica took it over: this run cannot be stored anyway */
        pthread_mutex_unlock(&t->lock);
        if (act) {
            drop_live(t, s, rc == STORE_OK);
            release_use(t, s);
        }
        sess_put(t, s);
    }
    free(v);
}

int sess_spool_new(struct sess_table *t, struct spool **out)
{
    return spool_new(t->state_dir, &t->disk, out);
}

uint64_t sess_disk_used(struct sess_table *t)
{
    return atomic_load(&t->disk.used);
}

/* ---- the table ---------------------------------------------------------- */

int sess_table_new(const struct sess_table_config *cfg, struct wk_pool *pool, struct srv_metrics *m,
                   struct sess_table **out, char *err, size_t errcap)
{
    struct sess_table *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t || !(t->state_dir = strdup(cfg->state_dir))) {
        free(t);
        set_err(err, errcap, "out of memory");
        return SESS_NOMEM;
    }
    t->cfg = *cfg;
    t->cfg.state_dir = t->state_dir;
    t->pool = pool;
    t->metrics = m;
    t->disk.cap = cfg->state_budget;
    pthread_mutex_init(&t->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&t->wake, &ca);
    pthread_condattr_destroy(&ca);
    *out = t;
    return SESS_OK;
}

static int copy_strings(const char *const *src, int n, char ***out)
{
    *out = NULL;
    if (n <= 0)
        return 0;
    char **v = calloc((size_t)n, sizeof *v);
    if (!v)
        return -1;
    *out = v;
    for (int i = 0; i < n; i++)
        if (!(v[i] = strdup(src[i])))
            return -1;
    return 0;
}

static int new_id(char id[SESS_ID_LEN + 1])
{
    unsigned char r[SESS_ID_LEN / 2];
    static const char hex[] = "0123456789abcdef";
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t k = getrandom(r + got, sizeof r - got, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    for (size_t i = 0; i < sizeof r; i++) {
        id[2 * i] = hex[r[i] >> 4];
        id[2 * i + 1] = hex[r[i] & 15];
    }
    id[SESS_ID_LEN] = '\0';
    return 0;
}

/* A new stored session enters the store: counted and described, leased
 * to this replica, its first state written. */
static int store_begin(struct sess_table *t, struct sess *s, char *err, size_t errcap)
{
    struct mpb_buf b = {0};
    char key[TOK_KEY_HEX + 1], why[256] = "";
    if (meta_json(t, s, &b) < 0) {
        set_err(err, errcap, "out of memory");
        return SESS_NOMEM;
    }
    tok_owner_key(t->cfg.tokens, s->owner, key);
    int rc = store_create(t->cfg.store, s->id, key, b.data, b.len, why, sizeof why);
    mpb_buf_free(&b);
    if (rc != STORE_OK)
        return store_error(rc, why, err, errcap);
    rc = store_acquire(t->cfg.store, s->id, s->lease, 0, why, sizeof why);
    if (rc == STORE_OK) {
        s->renewed_mono = now_ms(CLOCK_MONOTONIC);
        rc = sess_commit(t, s, err, errcap);
    } else {
        rc = store_error(rc, why, err, errcap);
    }
    if (rc != SESS_OK)
        store_delete(t->cfg.store, s->id, key, why, sizeof why); /* best effort; else it expires */
    return rc;
}

int sess_create(struct sess_table *t, int owner, int kind, const struct sess_params *p, struct sess **out, char *err,
                size_t errcap)
{
    *out = NULL;
    pthread_mutex_lock(&t->lock);
    if (t->closing) {
        pthread_mutex_unlock(&t->lock);
        set_err(err, errcap, "the server is shutting down");
        return SESS_CLOSING;
    }
    /* With a store, the store counts the API sessions of every replica
     * (store_begin); the table here holds copies of some of them. */
    int counted_here = !(t->cfg.store && kind == SESS_API);
    if (counted_here && t->cfg.max_sessions > 0 && t->n + (size_t)t->reserved >= (size_t)t->cfg.max_sessions) {
        pthread_mutex_unlock(&t->lock);
        set_err(err, errcap, "the server holds its maximum number of sessions (--max-sessions)");
        return SESS_FULL;
    }
    if (counted_here && t->cfg.max_per_owner > 0 && owner >= 0 && owner < TOK_MAX_OWNERS) {
        int held = t->reserved_owner[owner];
        for (size_t i = 0; i < t->n; i++)
            held += t->v[i]->owner == owner;
        if (held >= t->cfg.max_per_owner) {
            pthread_mutex_unlock(&t->lock);
            set_err(err, errcap, "this token holds its maximum number of sessions (--max-sessions-per-token)");
            return SESS_OWNER_FULL;
        }
    }
    t->reserved++;
    if (owner >= 0 && owner < TOK_MAX_OWNERS)
        t->reserved_owner[owner]++;
    pthread_mutex_unlock(&t->lock);

    int rc = SESS_NOMEM;
    struct sess *s = calloc(1, sizeof *s);
    if (!s)
        goto unreserve;
    pthread_cond_init(&s->released, NULL);
    s->owner = owner;
    s->kind = kind;
    memcpy(s->limits, p->limits, sizeof s->limits);
    s->nmounts = p->nmounts;
    s->nsqlites = p->nsqlites;
    if (copy_strings(p->mounts, p->nmounts, &s->mounts) < 0 || copy_strings(p->sqlites, p->nsqlites, &s->sqlites) < 0)
        goto fail;
    if (new_id(s->id) < 0) {
        set_err(err, errcap, "no random bytes for a session id");
        rc = SESS_FAILED;
        goto fail;
    }
    struct wk_session_spec spec = {
        .limits = p->limits,
        .mounts = p->mounts,
        .nmounts = p->nmounts,
        .sqlites = p->sqlites,
        .nsqlites = p->nsqlites,
        .snapshot = p->snapshot,
        .snapshot_len = p->snapshot_len,
        .snapshot_file = p->snapshot_file,
    };
    char why[256] = "";
    int wrc = wk_spawn(t->pool, &spec, &s->w, why, sizeof why);
    if (wrc != WK_OK) {
        if (errcap)
            snprintf(err, errcap, "%s", why[0] ? why : wrc == WK_NOMEM ? "out of memory" : "cannot start a worker");
        rc = wrc == WK_NOMEM      ? SESS_NOMEM
             : wrc == WK_SNAPSHOT ? SESS_BAD_SNAPSHOT
             : wrc == WK_MOUNT    ? SESS_MOUNT_FAILED
                                  : SESS_FAILED;
        goto fail;
    }
    /* A loaded snapshot keeps its clock mode and seed unless the request
     * set them: report what the session has, not the request's -1. */
    for (int id = MPBOX_LIMIT_DETERMINISTIC; (p->snapshot_len || p->snapshot_file) && id <= MPBOX_LIMIT_SEED; id++)
        if (s->limits[id] < 0)
            s->limits[id] = wk_limit(s->w, id);
    s->created_ms = now_ms(CLOCK_REALTIME);
    s->used_mono = now_ms(CLOCK_MONOTONIC);
    s->refs = 1;
    if (!counted_here) {
        s->stored = 1;
        rc = store_begin(t, s, err, errcap);
        if (rc != SESS_OK) {
            wk_free(s->w);
            goto fail;
        }
    }

    pthread_mutex_lock(&t->lock);
    t->reserved--;
    if (owner >= 0 && owner < TOK_MAX_OWNERS)
        t->reserved_owner[owner]--;
    while (table_lookup(t, s->id)) /* 2^-128, but never two alike */
        new_id(s->id);
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct sess **v = realloc(t->v, cap * sizeof *v);
        if (!v) {
            pthread_mutex_unlock(&t->lock);
            wk_free(s->w);
            sess_destroy(s);
            set_err(err, errcap, "out of memory");
            return SESS_NOMEM;
        }
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = s;
    pthread_mutex_unlock(&t->lock);
    atomic_fetch_add(&t->metrics->sessions_created, 1);
    *out = s;
    return SESS_OK;

fail:
    if (s)
        sess_destroy(s);
    if (rc == SESS_NOMEM)
        set_err(err, errcap, "out of memory");
unreserve:
    pthread_mutex_lock(&t->lock);
    t->reserved--;
    if (owner >= 0 && owner < TOK_MAX_OWNERS)
        t->reserved_owner[owner]--;
    pthread_mutex_unlock(&t->lock);
    return rc;
}

const char *sess_id(const struct sess *s) { return s->id; }

void sess_touch(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    s->used_mono = now_ms(CLOCK_MONOTONIC);
    pthread_mutex_unlock(&t->lock);
}

int sess_find(struct sess_table *t, const char *id, int owner, struct sess **out)
{
    return sess_find_why(t, id, owner, out, NULL, 0);
}

int sess_find_why(struct sess_table *t, const char *id, int owner, struct sess **out, char *err, size_t errcap)
{
    *out = NULL;
    if (strlen(id) != SESS_ID_LEN)
        return SESS_NOTFOUND;
    pthread_mutex_lock(&t->lock);
    struct sess *s = table_lookup(t, id);
    if (s && s->owner == owner) {
        s->refs++;
        *out = s;
    }
    pthread_mutex_unlock(&t->lock);
    if (!s && t->cfg.store)
        return store_import(t, id, owner, out, err, errcap);
    return *out ? SESS_OK : SESS_NOTFOUND;
}

void sess_put(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    int last = --s->refs == 0 && s->removed;
    pthread_mutex_unlock(&t->lock);
    if (last)
        sess_destroy(s);
}

int sess_claim(struct sess_table *t, struct sess *s, unsigned flags, char *err, size_t errcap)
{
    pthread_mutex_lock(&t->lock);
    for (;;) {
        if (s->removed) {
            pthread_mutex_unlock(&t->lock);
            return SESS_NOTFOUND;
        }
        if (t->closing) {
            pthread_mutex_unlock(&t->lock);
            set_err(err, errcap, "the server is shutting down");
            return SESS_CLOSING;
        }
        if (s->in_use == FREE)
            break;
        /* The janitor holds a session only for a save: always wait for it. */
        if (!(flags & SESS_WAIT) && s->in_use == BY_REQUEST) {
            pthread_mutex_unlock(&t->lock);
            atomic_fetch_add(&t->metrics->busy_rejected, 1);
            return SESS_BUSY;
        }
        pthread_cond_wait(&s->released, &t->lock);
    }
    if (s->lost && !(flags & SESS_RENEW_LOST)) {
        set_err(err, errcap, s->lost_reason);
        pthread_mutex_unlock(&t->lock);
        return SESS_LOST;
    }
    s->in_use = BY_REQUEST;
    s->no_evict = 0;
    s->running = (flags & SESS_RUNNING) != 0;
    s->used_mono = now_ms(CLOCK_MONOTONIC);
    if (s->running)
        s->runs++;
    int evicted = s->w == NULL && s->evicted, empty = s->w == NULL && !s->evicted;
    pthread_mutex_unlock(&t->lock);
    int rc = SESS_OK;
    if (s->stored) {
        rc = store_claim(t, s, flags, err, errcap);
        pthread_mutex_lock(&t->lock);
        if (rc != SESS_OK && t->closing) { /* store_cancel_waits ended it */
            rc = SESS_CLOSING;
            set_err(err, errcap, "the server is shutting down");
        }
        pthread_mutex_unlock(&t->lock);
        if (rc == SESS_NOTFOUND) { /* deleted or expired in the store */
            pthread_mutex_lock(&t->lock);
            if (!s->removed)
                table_remove(t, s);
            pthread_mutex_unlock(&t->lock);
        }
    } else if (flags & SESS_AS_IS)
        rc = SESS_OK;
    else if (evicted)
        rc = restore(t, s, err, errcap);
    else if (empty) /* lost (with SESS_RENEW_LOST) or discarded */
        rc = sess_renew(t, s, err, errcap);
    if (rc != SESS_OK)
        release_use(t, s);
    return rc;
}

int sess_renew(struct sess_table *t, struct sess *s, char *err, size_t errcap)
{
    pthread_mutex_lock(&t->lock);
    struct wk *old = s->w;
    int evicted = s->evicted;
    s->w = NULL;
    s->evicted = 0;
    pthread_mutex_unlock(&t->lock);
    wk_free(old);
    if (evicted)
        drop_snapshot(t, s);
    struct wk_session_spec spec = {
        .limits = s->limits,
        .mounts = (const char *const *)s->mounts,
        .nmounts = s->nmounts,
        .sqlites = (const char *const *)s->sqlites,
        .nsqlites = s->nsqlites,
    };
    struct wk *w = NULL;
    char why[256] = "";
    int rc = wk_spawn(t->pool, &spec, &w, why, sizeof why);
    pthread_mutex_lock(&t->lock);
    if (rc == WK_OK) {
        s->w = w;
        s->lost = 0;
        s->lost_reason[0] = '\0';
    } else {
        s->lost = 1;
        snprintf(s->lost_reason, sizeof s->lost_reason, "cannot start a fresh worker: %.120s",
                 why[0] ? why : "worker failed");
        set_err(err, errcap, s->lost_reason);
    }
    pthread_mutex_unlock(&t->lock);
    return rc == WK_OK ? SESS_OK : SESS_FAILED;
}

struct wk *sess_worker(struct sess *s) { return s->w; }

void sess_discard(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    struct wk *w = s->w;
    int evicted = s->evicted;
    s->w = NULL;
    s->evicted = 0;
    s->lost = 0;
    s->lost_reason[0] = '\0';
    pthread_mutex_unlock(&t->lock);
    wk_free(w);
    if (evicted)
        drop_snapshot(t, s);
}

void sess_mark_lost(struct sess_table *t, struct sess *s, const char *why, int died)
{
    if (s->stored) { /* the store has its last state: only the change in progress is lost */
        drop_live(t, s, 1);
        if (died)
            atomic_fetch_add(&t->metrics->worker_deaths, 1);
        srv_log(SRV_WARN, "session_reset", "session %.8s...: %s; it goes on from its last stored state", s->id, why);
        return;
    }
    pthread_mutex_lock(&t->lock);
    struct wk *w = s->w;
    s->w = NULL;
    s->lost = 1;
    snprintf(s->lost_reason, sizeof s->lost_reason, "%s", why);
    pthread_mutex_unlock(&t->lock);
    wk_free(w);
    if (died)
        atomic_fetch_add(&t->metrics->worker_deaths, 1);
    srv_log(SRV_WARN, "session_lost", "session %.8s... lost: %s", s->id, why);
}

void sess_unclaim(struct sess_table *t, struct sess *s)
{
    pthread_mutex_lock(&t->lock);
    s->used_mono = now_ms(CLOCK_MONOTONIC);
    int give_back = s->stored && s->release_wanted && s->lease[0];
    pthread_mutex_unlock(&t->lock);
    if (give_back) /* another replica waits for it */
        drop_live(t, s, 1);
    release_use(t, s);
}

int sess_interrupt(struct sess_table *t, struct sess *s)
{
    int done = 0;
    pthread_mutex_lock(&t->lock);
    if (s->running && s->w) {
        wk_interrupt(s->w);
        done = 1;
    }
    pthread_mutex_unlock(&t->lock);
    if (!done && s->stored) /* running on another replica? */
        done = store_ask_interrupt(t->cfg.store, s->id);
    return done;
}

/* Take a session out of the table and free its worker and snapshot. held:
 * the caller has it in use already; else a run in progress is interrupted
 * and waited for. */
static void remove_session(struct sess_table *t, struct sess *s, int held)
{
    pthread_mutex_lock(&t->lock);
    if (!s->removed)
        table_remove(t, s);
    if (!held) {
        if (s->running && s->w)
            wk_interrupt(s->w);
        while (s->in_use != FREE)
            pthread_cond_wait(&s->released, &t->lock);
        s->in_use = BY_REQUEST;
    }
    struct wk *w = s->w;
    s->w = NULL;
    int evicted = s->evicted;
    s->evicted = 0;
    char lease[STORE_LEASE_MAX];
    memcpy(lease, s->lease, sizeof lease);
    s->lease[0] = '\0';
    pthread_mutex_unlock(&t->lock);
    wk_free(w);
    if (lease[0])
        store_release(t->cfg.store, s->id, lease);
    if (evicted && !s->stored)
        drop_snapshot(t, s);
    release_use(t, s);
}

int sess_delete(struct sess_table *t, struct sess *s)
{
    if (s->stored) {
        char key[TOK_KEY_HEX + 1], why[256];
        tok_owner_key(t->cfg.tokens, s->owner, key);
        if (store_delete(t->cfg.store, s->id, key, why, sizeof why) != STORE_OK) {
            srv_log(SRV_WARN, "store", "session %.8s... not deleted: %s", s->id, why);
            return SESS_UNAVAILABLE;
        }
    }
    remove_session(t, s, 0);
    atomic_fetch_add(&t->metrics->sessions_deleted, 1);
    return SESS_OK;
}

static void fill_info(const struct sess *s, int64_t mono, struct sess_info *o)
{
    memset(o, 0, sizeof *o);
    memcpy(o->id, s->id, sizeof o->id);
    o->kind = s->kind;
    o->state = s->lost ? "lost" : s->w ? "live" : s->evicted ? "evicted" : "empty";
    o->busy = s->in_use == BY_REQUEST;
    o->running = s->running;
    o->created_ms = s->created_ms;
    o->idle_ms = o->busy ? 0 : mono - s->used_mono;
    o->last_used_ms = now_ms(CLOCK_REALTIME) - (mono - s->used_mono);
    o->runs = s->runs;
    o->pid = s->w ? wk_pid(s->w) : 0;
    memcpy(o->limits, s->limits, sizeof o->limits);
    snprintf(o->lost_reason, sizeof o->lost_reason, "%s", s->lost ? s->lost_reason : "");
    o->mounts = (const char *const *)s->mounts;
    o->nmounts = s->nmounts;
    o->sqlites = (const char *const *)s->sqlites;
    o->nsqlites = s->nsqlites;
}

void sess_get_info(struct sess_table *t, struct sess *s, struct sess_info *out)
{
    int64_t mono = now_ms(CLOCK_MONOTONIC);
    pthread_mutex_lock(&t->lock);
    fill_info(s, mono, out);
    pthread_mutex_unlock(&t->lock);
    out->rss = rss_of(out->pid);
}

/* 1 if id is one of the n ids (STORE_ID_LEN + 1 bytes each). */
static int among(const char *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(ids + i * (STORE_ID_LEN + 1), id, STORE_ID_LEN) == 0)
            return 1;
    return 0;
}

int sess_list(struct sess_table *t, int owner, struct sess_info **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* With a store: the owner's sessions there, known here or taken in;
     * a stored session the store no longer has is not listed. */
    char *ids = NULL;
    size_t nids = 0;
    if (t->cfg.store) {
        char key[TOK_KEY_HEX + 1], why[256];
        tok_owner_key(t->cfg.tokens, owner, key);
        if (store_owner_sessions(t->cfg.store, key, &ids, &nids, why, sizeof why) != STORE_OK)
            return SESS_UNAVAILABLE;
        for (size_t i = 0; i < nids; i++) {
            struct sess *s;
            if (sess_find(t, ids + i * (STORE_ID_LEN + 1), owner, &s) == SESS_OK)
                sess_put(t, s);
        }
    }
    int64_t mono = now_ms(CLOCK_MONOTONIC);
    pthread_mutex_lock(&t->lock);
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++)
        k += t->v[i]->owner == owner;
    struct sess_info *v = calloc(k ? k : 1, sizeof *v);
    if (!v) {
        pthread_mutex_unlock(&t->lock);
        free(ids);
        return SESS_NOMEM;
    }
    k = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i]->owner == owner && (!t->v[i]->stored || among(ids, nids, t->v[i]->id))) {
            fill_info(t->v[i], mono, &v[k]);
            v[k].ref = t->v[i];
            t->v[i]->refs++;
            k++;
        }
    }
    pthread_mutex_unlock(&t->lock);
    free(ids);
    for (size_t i = 0; i < k; i++)
        v[i].rss = rss_of(v[i].pid);
    *out = v;
    *n = k;
    return SESS_OK;
}

void sess_list_free(struct sess_table *t, struct sess_info *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sess_put(t, v[i].ref);
    free(v);
}

void sess_get_stats(struct sess_table *t, struct sess_stats *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&t->lock);
    size_t n = t->n;
    pid_t *pids = calloc(n ? n : 1, sizeof *pids);
    for (size_t i = 0; i < n; i++) {
        struct sess *s = t->v[i];
        out->live += s->w != NULL;
        out->evicted += !s->w && s->evicted;
        out->lost += s->lost;
        out->busy += s->in_use == BY_REQUEST;
        if (pids && s->w)
            pids[i] = wk_pid(s->w);
    }
    pthread_mutex_unlock(&t->lock);
    for (size_t i = 0; pids && i < n; i++)
        out->rss += rss_of(pids[i]);
    free(pids);
}

/* ---- the janitor -------------------------------------------------------- */

/* Sessions to act on, each with a reference and in_use = BY_JANITOR. */
struct picks {
    struct sess **v;
    size_t n;
};

static void pick(struct sess_table *t, struct picks *p, struct sess *s)
{
    s->refs++;
    s->in_use = BY_JANITOR;
    p->v[p->n++] = s;
}

static void janitor_sweep(struct sess_table *t)
{
    int64_t mono = now_ms(CLOCK_MONOTONIC);
    struct picks expire = {0}, idle = {0};

    pthread_mutex_lock(&t->lock);
    expire.v = calloc(t->n ? t->n : 1, sizeof *expire.v);
    idle.v = calloc(t->n ? t->n : 1, sizeof *idle.v);
    for (size_t i = 0; expire.v && idle.v && i < t->n; i++) {
        struct sess *s = t->v[i];
        if (s->in_use != FREE)
            continue;
        int64_t quiet = mono - s->used_mono;
        if (t->cfg.ttl_ms > 0 && quiet >= t->cfg.ttl_ms)
            pick(t, &expire, s);
        else if (t->cfg.idle_ms > 0 && quiet >= t->cfg.idle_ms && s->w && !s->no_evict)
            pick(t, &idle, s);
    }
    pthread_mutex_unlock(&t->lock);

    for (size_t i = 0; i < expire.n; i++) {
        remove_session(t, expire.v[i], 1);
        atomic_fetch_add(&t->metrics->sessions_expired, 1);
        sess_put(t, expire.v[i]);
    }
    for (size_t i = 0; i < idle.n; i++) {
        evict(t, idle.v[i]);
        release_use(t, idle.v[i]);
        sess_put(t, idle.v[i]);
    }
    free(expire.v);
    free(idle.v);
}

/* Evict the least recently used idle live sessions while the workers'
 * memory is above the budget. */
static void janitor_budget(struct sess_table *t)
{
    if (t->cfg.memory_budget == 0)
        return;
    struct sess_stats st;
    sess_get_stats(t, &st);
    uint64_t total = st.rss;
    while (total > t->cfg.memory_budget) {
        struct sess *lru = NULL;
        pthread_mutex_lock(&t->lock);
        for (size_t i = 0; i < t->n; i++) {
            struct sess *s = t->v[i];
            if (s->in_use == FREE && s->w && !s->no_evict && (!lru || s->used_mono < lru->used_mono))
                lru = s;
        }
        pid_t pid = 0;
        if (lru) {
            lru->refs++;
            lru->in_use = BY_JANITOR;
            pid = wk_pid(lru->w);
        }
        pthread_mutex_unlock(&t->lock);
        if (!lru)
            break;
        uint64_t rss = rss_of(pid);
        int rc = evict(t, lru);
        release_use(t, lru);
        sess_put(t, lru);
        atomic_fetch_add(&t->metrics->evictions_for_memory, rc == 0);
        if (rc == 0) /* else it is marked no_evict or lost: the next one */
            total = total > rss ? total - rss : 0;
    }
}

static void *janitor_main(void *arg)
{
    struct sess_table *t = arg;
    int64_t tick = 1000;
    if (t->cfg.idle_ms > 0 && t->cfg.idle_ms / 4 < tick)
        tick = t->cfg.idle_ms / 4;
    if (t->cfg.ttl_ms > 0 && t->cfg.ttl_ms / 4 < tick)
        tick = t->cfg.ttl_ms / 4;
    if (t->cfg.store && t->cfg.store_lease_ms / 6 < tick)
        tick = t->cfg.store_lease_ms / 6;
    if (tick < 20)
        tick = 20;

    pthread_mutex_lock(&t->lock);
    while (!t->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += tick / 1000;
        ts.tv_nsec += (tick % 1000) * 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&t->wake, &t->lock, &ts);
        if (t->stopping)
            break;
        pthread_mutex_unlock(&t->lock);
        if (t->cfg.store)
            janitor_leases(t);
        janitor_sweep(t);
        janitor_budget(t);
        pthread_mutex_lock(&t->lock);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

int sess_janitor_start(struct sess_table *t, char *err, size_t errcap)
{
    if (t->cfg.store && store_listen(t->cfg.store, on_release, on_interrupt, t, err, errcap) != STORE_OK)
        return SESS_FAILED;
    int rc = pthread_create(&t->janitor, NULL, janitor_main, t);
    if (rc != 0) {
        if (errcap)
            snprintf(err, errcap, "cannot start the janitor thread: %s", strerror(rc));
        return SESS_FAILED;
    }
    t->janitor_started = 1;
    return SESS_OK;
}

void sess_shutdown(struct sess_table *t)
{
    if (t->cfg.store) /* claims waiting for another replica */
        store_cancel_waits(t->cfg.store);
    pthread_mutex_lock(&t->lock);
    t->closing = 1;
    for (size_t i = 0; i < t->n; i++) {
        struct sess *s = t->v[i];
        if (s->running && s->w)
            wk_interrupt(s->w);
        pthread_cond_broadcast(&s->released); /* waiters see "closing" */
    }
    pthread_mutex_unlock(&t->lock);
}

void sess_table_free(struct sess_table *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->stopping = 1;
    pthread_cond_broadcast(&t->wake);
    pthread_mutex_unlock(&t->lock);
    if (t->janitor_started)
        pthread_join(t->janitor, NULL);
    if (t->cfg.store)
        store_unlisten(t->cfg.store);
    /* No request is in flight any more (the HTTP daemon stopped first). */
    while (t->n > 0) {
        struct sess *s = t->v[t->n - 1];
        pthread_mutex_lock(&t->lock);
        s->refs++;
        int keep = t->cfg.persist && s->kind == SESS_API && !s->lost && (s->w || s->evicted);
        if (keep && s->w)
            s->in_use = BY_JANITOR;
        pthread_mutex_unlock(&t->lock);
        /* A session that outlives the server: saved like an eviction, its
         * files left for the next server (sess_table_load). */
        if (keep && s->w) {
            keep = evict(t, s) == 0;
            release_use(t, s);
        }
        if (keep) {
            pthread_mutex_lock(&t->lock);
            s->evicted = 0; /* not "remove the snapshot" below */
            pthread_mutex_unlock(&t->lock);
        }
        remove_session(t, s, 0);
        sess_put(t, s);
    }
    free(t->v);
    free(t->state_dir);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    free(t);
}
