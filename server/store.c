/*
 * store.c — see store.h. Every step that reads and writes more than one
 * key is one Lua script (EVAL), so that Redis applies it atomically: the
 * lease check and the write it guards cannot be separated.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "store.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "redis.h"
#include "io.h"

/* States up to this size go to Redis in one command; larger ones in
 * pieces of this size (appended to a key of their own, then moved into
 * place by the fenced script), so the server never holds a large one. */
#define PIECE (1u << 20)
#define TMP_MS 60000  /* a state written in pieces must be committed within this */
#define DELTAS_PER_READ 16 /* deltas read per command when restoring */

struct store {
    struct store_config cfg;
    struct rd *rd;
    char replica[17];
    pthread_t listener;
    int listening;
    atomic_int stopping;
    atomic_int closing; /* store_cancel_waits */
    void (*on_release)(void *, const char *);
    void (*on_interrupt)(void *, const char *);
    void *ctx;
};

/* ---- the scripts ---------------------------------------------------------- */

/* KEYS: all-set, owner-set, meta, chain. ARGV: id, max_all, max_owner,
 * meta, ttl. Members whose meta expired are pruned before a count refuses. */
static const char CREATE[] =
    "local function prune(set)\n"
    "  for _, m in ipairs(redis.call('SMEMBERS', set)) do\n"
    "    if redis.call('EXISTS', 'mpbox:s:' .. m .. ':meta') == 0 then redis.call('SREM', set, m) end\n"
    "  end\n"
    "end\n"
    "local max_all, max_owner = tonumber(ARGV[2]), tonumber(ARGV[3])\n"
    "if max_all > 0 and redis.call('SCARD', KEYS[1]) >= max_all then\n"
    "  prune(KEYS[1])\n"
    "  if redis.call('SCARD', KEYS[1]) >= max_all then return -1 end\n"
    "end\n"
    "if max_owner > 0 and redis.call('SCARD', KEYS[2]) >= max_owner then\n"
    "  prune(KEYS[2])\n"
    "  if redis.call('SCARD', KEYS[2]) >= max_owner then return -2 end\n"
    "end\n"
    "redis.call('SADD', KEYS[1], ARGV[1])\n"
    "redis.call('SADD', KEYS[2], ARGV[1])\n"
    "redis.call('SET', KEYS[3], ARGV[4])\n"
    "redis.call('HSET', KEYS[4], 'base', 0, 'deltas', 0, 'delta_bytes', 0, 'commits', 0)\n"
    "if tonumber(ARGV[5]) > 0 then\n"
    "  redis.call('PEXPIRE', KEYS[3], ARGV[5]); redis.call('PEXPIRE', KEYS[4], ARGV[5])\n"
    "end\n"
    "return 1\n";

/* KEYS: lease, epoch, want, meta. ARGV: replica, lease_ms, ttl.
 * {1, lease} taken; {0, holder} not ("" when another waiter is first in
 * line); {-2} no such session. A lease of this replica's own is one it
 * could not give back (Redis was down): taken over. A waiter takes its
 * place in line ("want", 1.5 s unless renewed by its next attempt), so
 * that the holder's next local request does not take the lease back
 * before it. */
static const char ACQUIRE[] =
    "if redis.call('EXISTS', KEYS[4]) == 0 then return {-2, ''} end\n"
    "local cur = redis.call('GET', KEYS[1])\n"
    "local w = redis.call('GET', KEYS[3])\n"
    "if cur and string.sub(cur, 1, #ARGV[1] + 1) ~= ARGV[1] .. ' ' then\n"
    "  if not w then redis.call('SET', KEYS[3], ARGV[1], 'PX', 1500)\n"
    "  elseif w == ARGV[1] then redis.call('PEXPIRE', KEYS[3], 1500) end\n"
    "  return {0, cur}\n"
    "end\n"
    "if w and w ~= ARGV[1] then return {0, ''} end\n"
    "if w then redis.call('DEL', KEYS[3]) end\n"
    "local e = redis.call('INCR', KEYS[2])\n"
    "if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end\n"
    "local v = ARGV[1] .. ' ' .. e\n"
    "redis.call('SET', KEYS[1], v, 'PX', ARGV[2])\n"
    "return {1, v}\n";

/* KEYS: lease, want. ARGV: lease value, lease_ms. -1 not ours; 1 ours and
 * another replica waits; 0 ours. */
static const char RENEW[] =
    "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end\n"
    "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
    "if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end\n"
    "return 0\n";

/* KEYS: lease. ARGV: lease value. */
static const char RELEASE[] =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end\n"
    "return 0\n";

/* KEYS: lease, base, deltas, chain, meta, epoch, tmp. ARGV: lease value,
 * mode ("base", "delta", or the same with "tmp": the bytes are in the tmp
 * key), bytes, ttl. {1, base, deltas, delta_bytes, commits}, or {0} when
 * the lease is not the caller's (nothing written), {-1} no tmp key. */
static const char COMMIT[] =
    "if redis.call('GET', KEYS[1]) ~= ARGV[1] then redis.call('DEL', KEYS[7]); return {0} end\n"
    "local mode, data = ARGV[2], ARGV[3]\n"
    "if mode == 'basetmp' then\n"
    "  if redis.call('EXISTS', KEYS[7]) == 0 then return {-1} end\n"
    "  redis.call('RENAME', KEYS[7], KEYS[2]); mode = 'base'\n"
    "  redis.call('DEL', KEYS[3])\n"
    "  redis.call('HSET', KEYS[4], 'base', redis.call('STRLEN', KEYS[2]), 'deltas', 0, 'delta_bytes', 0)\n"
    "elseif mode == 'base' then\n"
    "  redis.call('SET', KEYS[2], data); redis.call('DEL', KEYS[3])\n"
    "  redis.call('HSET', KEYS[4], 'base', #data, 'deltas', 0, 'delta_bytes', 0)\n"
    "else\n"
    "  if mode == 'deltatmp' then\n"
    "    data = redis.call('GET', KEYS[7])\n"
    "    if not data then return {-1} end\n"
    "    redis.call('DEL', KEYS[7])\n"
    "  end\n"
    "  redis.call('RPUSH', KEYS[3], data)\n"
    "  redis.call('HINCRBY', KEYS[4], 'deltas', 1)\n"
    "  redis.call('HINCRBY', KEYS[4], 'delta_bytes', #data)\n"
    "end\n"
    "redis.call('HINCRBY', KEYS[4], 'commits', 1)\n"
    "if tonumber(ARGV[4]) > 0 then\n"
    "  for i = 2, 6 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end\n"
    "end\n"
    "local c = redis.call('HMGET', KEYS[4], 'base', 'deltas', 'delta_bytes', 'commits')\n"
    "return {1, tonumber(c[1]), tonumber(c[2]), tonumber(c[3]), tonumber(c[4])}\n";

/* KEYS: lease, base, deltas, chain. ARGV: lease value. {1, base length,
 * deltas, delta_bytes, commits}; {0} not the caller's lease; {-2} no
 * state stored (a session whose creation did not finish). */
static const char LOAD[] =
    "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0} end\n"
    "if redis.call('EXISTS', KEYS[2]) == 0 then return {-2} end\n"
    "local c = redis.call('HMGET', KEYS[4], 'delta_bytes', 'commits')\n"
    "return {1, redis.call('STRLEN', KEYS[2]), redis.call('LLEN', KEYS[3]), tonumber(c[1]) or 0,\n"
    "        tonumber(c[2]) or 0}\n";

/* KEYS: meta, base, deltas, chain, lease, epoch, want, all-set, owner-set.
 * ARGV: id. The lease value that was there ("" none). */
static const char DELETE[] =
    "local lease = redis.call('GET', KEYS[5])\n"
    "redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])\n"
    "redis.call('SREM', KEYS[8], ARGV[1]); redis.call('SREM', KEYS[9], ARGV[1])\n"
    "return lease or ''\n";

/* KEYS: owner-set. The members whose meta still exists (others pruned). */
static const char LIST[] =
    "local out = {}\n"
    "for _, m in ipairs(redis.call('SMEMBERS', KEYS[1])) do\n"
    "  if redis.call('EXISTS', 'mpbox:s:' .. m .. ':meta') == 1 then out[#out + 1] = m\n"
    "  else redis.call('SREM', KEYS[1], m) end\n"
    "end\n"
    "return out\n";

/* ---- commands --------------------------------------------------------------- */

struct keys {
    char v[10][120];
};

static void session_key(char *out, size_t cap, const char *id, const char *what)
{
    snprintf(out, cap, "mpbox:s:%s:%s", id, what);
}

static void owner_key_name(char *out, size_t cap, const char *owner_key)
{
    snprintf(out, cap, "mpbox:o:%s", owner_key);
}

/* EVAL script with nkeys keys then nargs arguments (args[i] of lens[i]
 * bytes; lens NULL: strings). */
static redisReply *eval(struct store *st, const char *script, int nkeys, const char *const *keys, int nargs,
                        const char *const *args, const size_t *lens, char *err, size_t errcap)
{
    const char *argv[24];
    size_t argl[24];
    char nk[16];
    snprintf(nk, sizeof nk, "%d", nkeys);
    int n = 0;
    argv[n] = "EVAL", argl[n++] = 4;
    argv[n] = script, argl[n++] = strlen(script);
    argv[n] = nk, argl[n++] = strlen(nk);
    for (int i = 0; i < nkeys; i++)
        argv[n] = keys[i], argl[n++] = strlen(keys[i]);
    for (int i = 0; i < nargs; i++)
        argv[n] = args[i], argl[n++] = lens ? lens[i] : strlen(args[i]);
    redisReply *r = rd_cmd(st->rd, n, argv, argl, err, errcap);
    if (r && r->type == REDIS_REPLY_ERROR) {
        snprintf(err, errcap, "Redis refused a command: %.200s", r->str);
        freeReplyObject(r);
        return NULL;
    }
    return r;
}

static long long elem_int(const redisReply *r, size_t i)
{
    if (!r || r->type != REDIS_REPLY_ARRAY || i >= r->elements)
        return -100;
    const redisReply *e = r->element[i];
    if (e->type == REDIS_REPLY_INTEGER)
        return e->integer;
    if (e->type == REDIS_REPLY_STRING)
        return strtoll(e->str, NULL, 10);
    return -100;
}

static int bad_answer(redisReply *r, char *err, size_t errcap)
{
    if (r && r->type == REDIS_REPLY_ERROR)
        snprintf(err, errcap, "Redis refused a command: %.200s", r->str);
    else
        snprintf(err, errcap, "Redis answered the session store unexpectedly");
    if (r)
        freeReplyObject(r);
    return STORE_DOWN;
}

/* A script whose answer is one integer: STORE_OK with it in *v, or
 * STORE_DOWN with the reason in err. */
static int eval_integer(struct store *st, const char *script, int nkeys, const char *const *keys, int nargs,
                        const char *const *args, const size_t *lens, long long *v, char *err, size_t errcap)
{
    redisReply *r = eval(st, script, nkeys, keys, nargs, args, lens, err, errcap);
    if (!r)
        return STORE_DOWN;
    if (r->type != REDIS_REPLY_INTEGER)
        return bad_answer(r, err, errcap);
    *v = r->integer;
    freeReplyObject(r);
    return STORE_OK;
}

static void fmt_i64(char *out, size_t cap, int64_t v) { snprintf(out, cap, "%lld", (long long)v); }

/* ---- sessions ------------------------------------------------------------- */

int store_create(struct store *st, const char *id, const char *owner_key, const char *meta, size_t meta_len, char *err,
                 size_t errcap)
{
    char all[] = "mpbox:sessions", owner[120], mkey[120], chain[120];
    owner_key_name(owner, sizeof owner, owner_key);
    session_key(mkey, sizeof mkey, id, "meta");
    session_key(chain, sizeof chain, id, "chain");
    char max_all[24], max_owner[24], ttl[24];
    fmt_i64(max_all, sizeof max_all, st->cfg.max_sessions);
    fmt_i64(max_owner, sizeof max_owner, st->cfg.max_per_owner);
    fmt_i64(ttl, sizeof ttl, st->cfg.ttl_ms);
    const char *keys[] = {all, owner, mkey, chain};
    const char *args[] = {id, max_all, max_owner, meta, ttl};
    size_t lens[] = {strlen(id), strlen(max_all), strlen(max_owner), meta_len, strlen(ttl)};
    long long v;
    int rc = eval_integer(st, CREATE, 4, keys, 5, args, lens, &v, err, errcap);
    if (rc != STORE_OK)
        return rc;
    if (v == -1) {
        snprintf(err, errcap, "the replicas hold their maximum number of sessions (--max-sessions)");
        return STORE_FULL;
    }
    if (v == -2) {
        snprintf(err, errcap, "this token holds its maximum number of sessions (--max-sessions-per-token)");
        return STORE_OWNER_FULL;
    }
    return STORE_OK;
}

int store_meta(struct store *st, const char *id, char **meta, size_t *len, char *err, size_t errcap)
{
    *meta = NULL;
    *len = 0;
    char mkey[120];
    session_key(mkey, sizeof mkey, id, "meta");
    const char *argv[] = {"GET", mkey};
    redisReply *r = rd_cmd(st->rd, 2, argv, NULL, err, errcap);
    if (!r)
        return STORE_DOWN;
    if (r->type == REDIS_REPLY_NIL) {
        freeReplyObject(r);
        return STORE_NOTFOUND;
    }
    if (r->type != REDIS_REPLY_STRING)
        return bad_answer(r, err, errcap);
    *meta = malloc(r->len + 1);
    if (*meta) {
        memcpy(*meta, r->str, r->len);
        (*meta)[r->len] = '\0';
        *len = r->len;
    }
    freeReplyObject(r);
    if (!*meta) {
        snprintf(err, errcap, "out of memory");
        return STORE_DOWN;
    }
    return STORE_OK;
}

static int is_id(const char *s, size_t n)
{
    if (n != STORE_ID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int store_owner_sessions(struct store *st, const char *owner_key, char **ids, size_t *n, char *err, size_t errcap)
{
    *ids = NULL;
    *n = 0;
    char owner[120];
    owner_key_name(owner, sizeof owner, owner_key);
    const char *keys[] = {owner};
    redisReply *r = eval(st, LIST, 1, keys, 0, NULL, NULL, err, errcap);
    if (!r)
        return STORE_DOWN;
    if (r->type != REDIS_REPLY_ARRAY)
        return bad_answer(r, err, errcap);
    char *v = calloc(r->elements ? r->elements : 1, STORE_ID_LEN + 1);
    if (!v) {
        freeReplyObject(r);
        snprintf(err, errcap, "out of memory");
        return STORE_DOWN;
    }
    size_t k = 0;
    for (size_t i = 0; i < r->elements; i++) {
        const redisReply *e = r->element[i];
        if (e->type == REDIS_REPLY_STRING && is_id(e->str, e->len))
            memcpy(v + (STORE_ID_LEN + 1) * k++, e->str, STORE_ID_LEN);
    }
    freeReplyObject(r);
    *ids = v;
    *n = k;
    return STORE_OK;
}

/* The replica part of a lease value, into out (its channel's suffix). */
static int lease_replica(const char *lease, char out[17])
{
    const char *sp = strchr(lease, ' ');
    if (!sp || sp - lease != 16)
        return -1;
    memcpy(out, lease, 16);
    out[16] = '\0';
    return 0;
}

static void publish(struct store *st, const char *replica, const char *verb, const char *id)
{
    char chan[64], msg[80], err[200];
    snprintf(chan, sizeof chan, "mpbox:r:%s", replica);
    snprintf(msg, sizeof msg, "%s %s", verb, id);
    const char *argv[] = {"PUBLISH", chan, msg};
    redisReply *r = rd_cmd(st->rd, 3, argv, NULL, err, sizeof err);
    if (r)
        freeReplyObject(r);
}

int store_delete(struct store *st, const char *id, const char *owner_key, char *err, size_t errcap)
{
    char k[9][120];
    static const char *const what[] = {"meta", "base", "deltas", "chain", "lease", "epoch", "want"};
    for (int i = 0; i < 7; i++)
        session_key(k[i], sizeof k[i], id, what[i]);
    snprintf(k[7], sizeof k[7], "mpbox:sessions");
    owner_key_name(k[8], sizeof k[8], owner_key);
    const char *keys[9];
    for (int i = 0; i < 9; i++)
        keys[i] = k[i];
    const char *args[] = {id};
    redisReply *r = eval(st, DELETE, 9, keys, 1, args, NULL, err, errcap);
    if (!r)
        return STORE_DOWN;
    if (r->type != REDIS_REPLY_STRING)
        return bad_answer(r, err, errcap);
    char holder[17];
    if (lease_replica(r->str, holder) == 0 && strcmp(holder, st->replica) != 0)
        publish(st, holder, "release", id);
    freeReplyObject(r);
    return STORE_OK;
}

/* ---- leases ----------------------------------------------------------------- */

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int store_acquire(struct store *st, const char *id, char lease[STORE_LEASE_MAX], int64_t wait_ms, char *err,
                  size_t errcap)
{
    lease[0] = '\0';
    char k[4][120];
    session_key(k[0], sizeof k[0], id, "lease");
    session_key(k[1], sizeof k[1], id, "epoch");
    session_key(k[2], sizeof k[2], id, "want");
    session_key(k[3], sizeof k[3], id, "meta");
    const char *keys[] = {k[0], k[1], k[2], k[3]};
    char lease_ms[24], ttl[24];
    fmt_i64(lease_ms, sizeof lease_ms, st->cfg.lease_ms);
    fmt_i64(ttl, sizeof ttl, st->cfg.ttl_ms);
    const char *args[] = {st->replica, lease_ms, ttl};
    int64_t deadline = mono_ms() + wait_ms, pause = 1, last_ask = -1000000;
    char asked[STORE_LEASE_MAX] = "";
    for (;;) {
        redisReply *r = eval(st, ACQUIRE, 4, keys, 3, args, NULL, err, errcap);
        if (!r)
            return STORE_DOWN;
        long long got = elem_int(r, 0);
        if (got == -100 || r->elements < 2 || r->element[1]->type != REDIS_REPLY_STRING)
            return bad_answer(r, err, errcap);
        const char *v = r->element[1]->str;
        if (got == 1 && strlen(v) < STORE_LEASE_MAX) {
            snprintf(lease, STORE_LEASE_MAX, "%s", v);
            freeReplyObject(r);
            return STORE_OK;
        }
        if (got == -2) {
            freeReplyObject(r);
            return STORE_NOTFOUND;
        }
        /* Held: ask its holder to let go (again each second, or when the
         * holder changed), then wait a little longer each time. */
        char holder[17];
        int64_t now = mono_ms();
        if (v[0] && lease_replica(v, holder) == 0 && (strcmp(asked, v) != 0 || now - last_ask >= 1000)) {
            publish(st, holder, "release", id);
            snprintf(asked, sizeof asked, "%s", v);
            last_ask = now;
        }
        freeReplyObject(r);
        if (atomic_load(&st->closing)) {
            snprintf(err, errcap, "the server is shutting down");
            return STORE_DOWN;
        }
        if (now >= deadline) {
            snprintf(err, errcap, "the session is in use on another replica, which did not release it within %lld ms",
                     (long long)wait_ms);
            return STORE_BUSY;
        }
        sleep_ms(pause);
        if (pause < 20)
            pause *= 2;
    }
}

int store_renew(struct store *st, const char *id, const char *lease, int *wanted, char *err, size_t errcap)
{
    *wanted = 0;
    char k[2][120];
    session_key(k[0], sizeof k[0], id, "lease");
    session_key(k[1], sizeof k[1], id, "want");
    const char *keys[] = {k[0], k[1]};
    char lease_ms[24];
    fmt_i64(lease_ms, sizeof lease_ms, st->cfg.lease_ms);
    const char *args[] = {lease, lease_ms};
    long long v;
    int rc = eval_integer(st, RENEW, 2, keys, 2, args, NULL, &v, err, errcap);
    if (rc != STORE_OK)
        return rc;
    if (v < 0) {
        snprintf(err, errcap, "the session's lease expired or passed to another replica");
        return STORE_LOST;
    }
    *wanted = v == 1;
    return STORE_OK;
}

void store_cancel_waits(struct store *st) { atomic_store(&st->closing, 1); }

void store_release(struct store *st, const char *id, const char *lease)
{
    char k[120], err[200];
    session_key(k, sizeof k, id, "lease");
    const char *keys[] = {k};
    const char *args[] = {lease};
    redisReply *r = eval(st, RELEASE, 1, keys, 1, args, NULL, err, sizeof err);
    if (r)
        freeReplyObject(r);
}

int store_ask_interrupt(struct store *st, const char *id)
{
    char k[120], err[200];
    session_key(k, sizeof k, id, "lease");
    const char *argv[] = {"GET", k};
    redisReply *r = rd_cmd(st->rd, 2, argv, NULL, err, sizeof err);
    char holder[17];
    int asked = 0;
    if (r && r->type == REDIS_REPLY_STRING && lease_replica(r->str, holder) == 0 && strcmp(holder, st->replica) != 0) {
        publish(st, holder, "interrupt", id);
        asked = 1;
    }
    if (r)
        freeReplyObject(r);
    return asked;
}

/* ---- states ----------------------------------------------------------------- */


static int rewind_fd(int fd) { return ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0 ? 0 : -1; }

/* Before each part of a chain in a spool: its length (u64, host order: the
 * spool goes to this machine's workers only). */
static int put_length(int fd, uint64_t len) { return app_write_all(fd, (const char *)&len, sizeof len); }

int store_load(struct store *st, const char *id, const char *lease, int fd, uint64_t *len, struct store_chain *chain,
               char *err, size_t errcap)
{
    char k[4][120];
    static const char *const what[] = {"lease", "base", "deltas", "chain"};
    for (int i = 0; i < 4; i++)
        session_key(k[i], sizeof k[i], id, what[i]);
    const char *keys[] = {k[0], k[1], k[2], k[3]};
    const char *args[] = {lease};
    redisReply *r = eval(st, LOAD, 4, keys, 1, args, NULL, err, errcap);
    if (!r)
        return STORE_DOWN;
    long long ok = elem_int(r, 0);
    if (ok == 0 || ok == -2) {
        freeReplyObject(r);
        if (ok == 0)
            snprintf(err, errcap, "the session's lease expired or passed to another replica");
        return ok == 0 ? STORE_LOST : STORE_NOTFOUND;
    }
    long long base_len = elem_int(r, 1), ndeltas = elem_int(r, 2), dbytes = elem_int(r, 3), commits = elem_int(r, 4);
    freeReplyObject(r);
    if (ok != 1 || base_len < 0 || ndeltas < 0 || dbytes < 0 || commits < 0)
        return bad_answer(NULL, err, errcap);

    /* the base, a piece at a time */
    if (rewind_fd(fd) < 0 || put_length(fd, (uint64_t)base_len) < 0) {
        snprintf(err, errcap, "cannot rebuild the session's state: %s", strerror(errno));
        return STORE_BROKEN;
    }
    uint64_t total = 8 + (uint64_t)base_len;
    for (long long off = 0; off < base_len; off += PIECE) {
        char from[24], to[24];
        fmt_i64(from, sizeof from, off);
        fmt_i64(to, sizeof to, (off + PIECE < base_len ? off + PIECE : base_len) - 1);
        const char *argv[] = {"GETRANGE", k[1], from, to};
        r = rd_cmd(st->rd, 4, argv, NULL, err, errcap);
        if (!r)
            return STORE_DOWN;
        if (r->type != REDIS_REPLY_STRING || r->len == 0)
            return bad_answer(r, err, errcap);
        int w = app_write_all(fd, r->str, r->len);
        freeReplyObject(r);
        if (w < 0) {
            snprintf(err, errcap, "cannot rebuild the session's state: %s", strerror(errno));
            return STORE_BROKEN;
        }
    }
    /* then the deltas, in order (the worker applies them), a few per
     * command: one round trip each would dominate a long chain's restore */
    for (long long first = 0; first < ndeltas; first += DELTAS_PER_READ) {
        char from[24], to[24];
        fmt_i64(from, sizeof from, first);
        fmt_i64(to, sizeof to, first + DELTAS_PER_READ - 1);
        const char *argv[] = {"LRANGE", k[2], from, to};
        r = rd_cmd(st->rd, 4, argv, NULL, err, errcap);
        if (!r)
            return STORE_DOWN;
        if (r->type != REDIS_REPLY_ARRAY || r->elements == 0 || r->elements > DELTAS_PER_READ)
            return bad_answer(r, err, errcap);
        int w = 0;
        for (size_t i = 0; i < r->elements && w == 0; i++) {
            const redisReply *e = r->element[i];
            if (e->type != REDIS_REPLY_STRING)
                return bad_answer(r, err, errcap);
            w = put_length(fd, e->len) == 0 ? app_write_all(fd, e->str, e->len) : -1;
            total += 8 + e->len;
        }
        freeReplyObject(r);
        if (w < 0) {
            snprintf(err, errcap, "cannot rebuild the session's state: %s", strerror(errno));
            return STORE_BROKEN;
        }
    }
    *len = total;
    chain->base_len = (uint64_t)base_len;
    chain->deltas = (uint64_t)ndeltas;
    chain->delta_bytes = (uint64_t)dbytes;
    chain->commits = (uint64_t)commits;
    return STORE_OK;
}

int store_commit(struct store *st, const char *id, const char *lease, int fd, uint64_t len, int is_delta,
                 struct store_chain *chain, char *err, size_t errcap)
{
    char k[7][120];
    static const char *const what[] = {"lease", "base", "deltas", "chain", "meta", "epoch"};
    for (int i = 0; i < 6; i++)
        session_key(k[i], sizeof k[i], id, what[i]);
    /* the pieces' key is the lease's own: a stale holder appending to it
     * could not mix its bytes into the new holder's */
    const char *epoch = strchr(lease, ' ');
    snprintf(k[6], sizeof k[6], "mpbox:s:%s:tmp:%s", id, epoch ? epoch + 1 : "0");
    const char *keys[] = {k[0], k[1], k[2], k[3], k[4], k[5], k[6]};
    char ttl[24];
    fmt_i64(ttl, sizeof ttl, st->cfg.ttl_ms);
    char *data = NULL;
    const char *mode;
    size_t dlen = 0;
    if (len <= PIECE) {
        data = malloc(len ? (size_t)len : 1);
        if (!data || pread(fd, data, (size_t)len, 0) != (ssize_t)len) {
            snprintf(err, errcap, "cannot read the session's state: %s", data ? strerror(errno) : "out of memory");
            free(data);
            return STORE_BROKEN;
        }
        dlen = (size_t)len;
        mode = is_delta ? "delta" : "base";
    } else {
        char *buf = malloc(PIECE);
        if (!buf) {
            snprintf(err, errcap, "out of memory");
            return STORE_BROKEN;
        }
        const char *del[] = {"DEL", k[6]};
        redisReply *r = rd_cmd(st->rd, 2, del, NULL, err, errcap);
        for (uint64_t off = 0; r && off < len; off += PIECE) {
            freeReplyObject(r);
            size_t n = len - off < PIECE ? (size_t)(len - off) : PIECE;
            if (pread(fd, buf, n, (off_t)off) != (ssize_t)n) {
                snprintf(err, errcap, "cannot read the session's state: %s", strerror(errno));
                free(buf);
                return STORE_BROKEN;
            }
            const char *argv[] = {"APPEND", k[6], buf};
            size_t lens[] = {6, strlen(k[6]), n};
            r = rd_cmd(st->rd, 3, argv, lens, err, errcap);
            if (r && off == 0) {
                freeReplyObject(r);
                char ms[24];
                fmt_i64(ms, sizeof ms, TMP_MS);
                const char *px[] = {"PEXPIRE", k[6], ms};
                r = rd_cmd(st->rd, 3, px, NULL, err, errcap);
            }
        }
        free(buf);
        if (!r)
            return STORE_DOWN;
        freeReplyObject(r);
        mode = is_delta ? "deltatmp" : "basetmp";
    }
    const char *args[] = {lease, mode, data ? data : "", ttl};
    size_t lens[] = {strlen(lease), strlen(mode), dlen, strlen(ttl)};
    redisReply *r = eval(st, COMMIT, 7, keys, 4, args, lens, err, errcap);
    free(data);
    if (!r)
        return STORE_DOWN;
    long long ok = elem_int(r, 0);
    if (ok == 0) {
        freeReplyObject(r);
        snprintf(err, errcap, "the session's lease expired or passed to another replica");
        return STORE_LOST;
    }
    if (ok != 1 || r->elements != 5)
        return bad_answer(r, err, errcap);
    chain->base_len = (uint64_t)elem_int(r, 1);
    chain->deltas = (uint64_t)elem_int(r, 2);
    chain->delta_bytes = (uint64_t)elem_int(r, 3);
    chain->commits = (uint64_t)elem_int(r, 4);
    freeReplyObject(r);
    return STORE_OK;
}

uint64_t store_max_delta(const struct store *st, const struct store_chain *chain)
{
    if (chain->base_len == 0 || chain->deltas >= (uint64_t)st->cfg.compact_deltas)
        return 0;
    uint64_t budget = chain->base_len / 100 * st->cfg.compact_percent;
    return budget > chain->delta_bytes ? budget - chain->delta_bytes : 0;
}

/* ---- requests between replicas ------------------------------------------ */

static void dispatch(struct store *st, const redisReply *m)
{
    /* ["message", channel, "verb ID"] */
    if (m->type != REDIS_REPLY_ARRAY || m->elements != 3 || m->element[0]->type != REDIS_REPLY_STRING ||
        strcmp(m->element[0]->str, "message") != 0 || m->element[2]->type != REDIS_REPLY_STRING)
        return;
    const char *msg = m->element[2]->str;
    size_t n = m->element[2]->len;
    char id[STORE_ID_LEN + 1];
    if (n == 8 + STORE_ID_LEN && strncmp(msg, "release ", 8) == 0 && is_id(msg + 8, STORE_ID_LEN)) {
        memcpy(id, msg + 8, STORE_ID_LEN + 1);
        st->on_release(st->ctx, id);
    } else if (n == 10 + STORE_ID_LEN && strncmp(msg, "interrupt ", 10) == 0 && is_id(msg + 10, STORE_ID_LEN)) {
        memcpy(id, msg + 10, STORE_ID_LEN + 1);
        st->on_interrupt(st->ctx, id);
    }
}

static void *listen_main(void *arg)
{
    struct store *st = arg;
    char chan[64], err[200];
    snprintf(chan, sizeof chan, "mpbox:r:%s", st->replica);
    while (!atomic_load(&st->stopping)) {
        redisContext *c = rd_connect(st->rd, err, sizeof err);
        redisReply *r = c ? redisCommand(c, "SUBSCRIBE %s", chan) : NULL;
        if (r)
            freeReplyObject(r);
        /* Wait with poll, so that stopping is seen within 200 ms; read
         * only what has arrived. */
        while (r && !c->err && !atomic_load(&st->stopping)) {
            void *reply = NULL;
            if (redisGetReplyFromReader(c, &reply) != REDIS_OK)
                break;
            if (reply) {
                dispatch(st, reply);
                freeReplyObject(reply);
                continue;
            }
            struct pollfd p = {c->fd, POLLIN, 0};
            int k = poll(&p, 1, 200);
            if (k < 0 && errno != EINTR)
                break;
            if (k > 0 && redisBufferRead(c) != REDIS_OK)
                break;
        }
        if (c)
            redisFree(c);
        /* Redis is down or went away: try again shortly; leases still
         * expire, so a missed request only makes a waiter wait longer */
        for (int i = 0; i < 5 && !atomic_load(&st->stopping); i++)
            sleep_ms(100);
    }
    return NULL;
}

int store_listen(struct store *st, void (*on_release)(void *ctx, const char *id),
                 void (*on_interrupt)(void *ctx, const char *id), void *ctx, char *err, size_t errcap)
{
    st->on_release = on_release;
    st->on_interrupt = on_interrupt;
    st->ctx = ctx;
    int rc = pthread_create(&st->listener, NULL, listen_main, st);
    if (rc != 0) {
        snprintf(err, errcap, "cannot start the store's listener thread: %s", strerror(rc));
        return STORE_DOWN;
    }
    st->listening = 1;
    return STORE_OK;
}

/* ---- the store -------------------------------------------------------------- */

int store_open(const struct store_config *cfg, struct store **out, char *err, size_t errcap)
{
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errcap, "out of memory");
        return STORE_DOWN;
    }
    st->cfg = *cfg;
    if (rd_open(cfg->url, cfg->password, &st->rd, err, errcap) < 0) {
        free(st);
        return STORE_DOWN;
    }
    uint8_t r[8];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        snprintf(err, errcap, "no random bytes for the replica's name");
        rd_close(st->rd);
        free(st);
        return STORE_DOWN;
    }
    for (int i = 0; i < 8; i++)
        snprintf(st->replica + 2 * i, 3, "%02x", r[i]);
    *out = st;
    return STORE_OK;
}

void store_unlisten(struct store *st)
{
    atomic_store(&st->stopping, 1);
    if (st->listening)
        pthread_join(st->listener, NULL);
    st->listening = 0;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    store_unlisten(st);
    rd_close(st->rd);
    free(st);
}

const char *store_replica(const struct store *st) { return st->replica; }
const char *store_name(const struct store *st) { return rd_name(st->rd); }
