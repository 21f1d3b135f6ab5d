/*
 * store.h — the session store of `mpbox serve --store redis://...`: API
 * sessions kept in Redis, so that several replicas of the server serve
 * the same sessions (docs/serve.md, "Replicas").
 *
 * What Redis holds, per session ID (keys "mpbox:s:ID:..."):
 *   meta    its description (sessions.c's JSON: owner key, limits, mounts,
 *           databases)
 *   base    a snapshot; deltas: the list of deltas since, each made by
 *           mpbox_session_save_delta from the state before it (and bound
 *           to it: applied in any other order they are refused); chain: a
 *           hash of their sizes and of the number of commits
 *   lease   "REPLICA EPOCH": the replica that holds the session live, with
 *           an expiry (renewed while it is live); epoch: the counter that
 *           makes every lease value new (the fencing token)
 *   want    the replica waiting for the lease, first come first served
 * and the sets "mpbox:sessions" and "mpbox:o:OWNERKEY" (ids, for the
 * counts of --max-sessions and --max-sessions-per-token, across replicas).
 *
 * A replica runs a session only while it holds its lease. Every write of
 * a state (store_commit) is a Lua script that first checks the lease value
 * is still the writer's: a replica whose lease expired (stopped, cut off)
 * can never overwrite the state of the one that took over. A replica that
 * needs a session leased elsewhere asks the holder to release it (Redis
 * pub/sub, channel "mpbox:r:REPLICA") and waits; a holder that died
 * cannot answer, and its lease expires.
 *
 * Errors are values: STORE_DOWN means Redis could not be reached or did
 * not answer (err says how); nothing is retried here.
 *
 * Thread-safe; Redis I/O happens in the server process only.
 */
#ifndef MPBOX_SERVER_STORE_H
#define MPBOX_SERVER_STORE_H

#include <stddef.h>
#include <stdint.h>

enum {
    STORE_OK = 0,
    STORE_DOWN = -1,       /* Redis unreachable, or an unexpected answer */
    STORE_NOTFOUND = -2,   /* no such session (deleted, expired) */
    STORE_BUSY = -3,       /* leased by another replica past the wait */
    STORE_LOST = -4,       /* the caller's lease is no longer its own */
    STORE_FULL = -5,       /* --max-sessions across replicas */
    STORE_OWNER_FULL = -6, /* --max-sessions-per-token across replicas */
    STORE_BROKEN = -7      /* the stored state cannot be rebuilt (err) */
};

#define STORE_ID_LEN 32  /* a session id: 32 hex digits */
#define STORE_LEASE_MAX 64 /* "REPLICA EPOCH" with its NUL */

struct store_config {
    const char *url;       /* redis://HOST:PORT[/DB] */
    const char *password;  /* for AUTH, or NULL */
    int64_t lease_ms;      /* lease expiry; renewed every third of it */
    int64_t ttl_ms;        /* every key of a session expires this long after its last commit (0: never) */
    int max_sessions;      /* across replicas (0: none) */
    int max_per_owner;     /* likewise, per owner key (0: none) */
    int compact_deltas;    /* a base instead of a delta after this many deltas */
    unsigned compact_percent; /* ... or when the deltas would exceed this share of the base */
};

/* What the chain of a session holds. */
struct store_chain {
    uint64_t base_len;
    uint64_t deltas;      /* deltas after the base */
    uint64_t delta_bytes; /* their sizes added up */
    uint64_t commits;     /* states written since the session was created */
};

struct store;

int store_open(const struct store_config *cfg, struct store **out, char *err, size_t errcap);
void store_close(struct store *st);
/* This replica's name in leases (random, new at every start). */
const char *store_replica(const struct store *st);
/* "HOST:PORT/DB" */
const char *store_name(const struct store *st);

/* A new session: counted (STORE_FULL, STORE_OWNER_FULL) and described. */
int store_create(struct store *st, const char *id, const char *owner_key, const char *meta, size_t meta_len, char *err,
                 size_t errcap);
/* Its description (malloc'd) or STORE_NOTFOUND. */
int store_meta(struct store *st, const char *id, char **meta, size_t *len, char *err, size_t errcap);
/* The ids of an owner's sessions: *ids holds n ids of STORE_ID_LEN + 1
 * bytes each (malloc'd). */
int store_owner_sessions(struct store *st, const char *owner_key, char **ids, size_t *n, char *err, size_t errcap);
/* Delete everything of a session; its holder, if any, is told. */
int store_delete(struct store *st, const char *id, const char *owner_key, char *err, size_t errcap);

/* Take the lease of a session into lease[], waiting up to wait_ms for
 * another replica to release it (it is asked to). STORE_OK, STORE_BUSY,
 * STORE_NOTFOUND, STORE_DOWN. */
int store_acquire(struct store *st, const char *id, char lease[STORE_LEASE_MAX], int64_t wait_ms, char *err,
                  size_t errcap);
/* Extend a lease held. STORE_OK, STORE_LOST (another holder now, or
 * expired: the local copy is stale), STORE_DOWN. *wanted is set when
 * another replica waits for it. */
int store_renew(struct store *st, const char *id, const char *lease, int *wanted, char *err, size_t errcap);
/* At shutdown: store_acquire calls waiting for another replica end now
 * (STORE_DOWN), and later ones do not wait. */
void store_cancel_waits(struct store *st);
/* Give a lease back (when it is still the caller's). */
void store_release(struct store *st, const char *id, const char *lease);
/* Ask the replica running the session to interrupt its run: 1 if asked. */
int store_ask_interrupt(struct store *st, const char *id);

/* The session's chain into spool fd (*len bytes from offset 0): the base,
 * then each delta in order, each as a u64 length then its bytes (a worker
 * loads it with PR_MODE_CHAIN). The lease must be held. */
int store_load(struct store *st, const char *id, const char *lease, int fd, uint64_t *len, struct store_chain *chain,
               char *err, size_t errcap);
/* Write a new state: len bytes at offset 0 of fd, a base or a delta
 * against the last state written; fenced by the lease (STORE_LOST when it
 * is no longer the caller's: nothing is written). chain is updated. */
int store_commit(struct store *st, const char *id, const char *lease, int fd, uint64_t len, int is_delta,
                 struct store_chain *chain, char *err, size_t errcap);
/* The largest delta the next commit may write before a base is due
 * (compaction); 0 when the next must be a base. */
uint64_t store_max_delta(const struct store *st, const struct store_chain *chain);

/* Requests addressed to this replica: on_release(ctx, id) when another
 * replica waits for a session leased here, on_interrupt(ctx, id) when a
 * client asked another replica to interrupt its run. A thread listens
 * (reconnecting when Redis comes back) until store_close. */
int store_listen(struct store *st, void (*on_release)(void *ctx, const char *id),
                 void (*on_interrupt)(void *ctx, const char *id), void *ctx, char *err, size_t errcap);
/* Stop listening (the callbacks are not called after this returns). */
void store_unlisten(struct store *st);

#endif /* MPBOX_SERVER_STORE_H */
