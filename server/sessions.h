/*
 * sessions.h — the session table of `mpbox serve`.
 *
 * A session is a worker process (worker.h) plus what is needed to rebuild
 * it: its mounts and databases. It belongs to the token that created it.
 * A session is in one of three states:
 *
 *   live     a worker holds it
 *   evicted  idle for --idle-timeout (or chosen to fit --memory-budget):
 *            its snapshot is on disk in the state directory and its worker
 *            is gone; the next request that needs it restores it
 *   lost     its worker died (killed, crashed, or a run lost the session);
 *            requests that need it fail with SESS_LOST until it is deleted
 *   empty    emptied by sess_discard (MCP reset_context): a fresh worker
 *            starts at the next claim
 *
 * Use: sess_find (a reference), sess_claim (exclusive use of the worker:
 * one request at a time; restores an evicted session), sess_worker,
 * sess_unclaim, sess_put. A janitor thread evicts idle sessions, deletes
 * those idle past --session-ttl and keeps the workers' memory under the
 * budget.
 *
 * Locking: one mutex for the table; a session's worker is used only by the
 * thread that claimed it. Thread-safe throughout.
 */
#ifndef MPBOX_SERVER_SESSIONS_H
#define MPBOX_SERVER_SESSIONS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "serve.h"

enum {
    SESS_OK = 0,
    SESS_NOTFOUND = -1, /* no such id, or another owner's */
    SESS_BUSY = -2,     /* in use and the caller asked not to wait */
    SESS_LOST = -3,     /* the session's worker died earlier */
    SESS_FULL = -4,     /* --max-sessions reached */
    SESS_FAILED = -5,   /* could not start or restore a worker (see err) */
    SESS_NOMEM = -6,
    SESS_CLOSING = -7,  /* the server is shutting down */
    SESS_OWNER_FULL = -8, /* the owner holds --max-sessions-per-token */
    SESS_UNAVAILABLE = -9, /* --store: the session store cannot be reached (err) */
    SESS_ELSEWHERE = -10,  /* --store: another replica holds the session and did not release it (err) */
    SESS_BAD_SNAPSHOT = -11, /* sess_create: the worker refused the snapshot (err says why) */
    SESS_MOUNT_FAILED = -12  /* sess_create: a mount failed (err) */
};

#define SESS_ID_LEN 32 /* hex digits of a 128-bit random id */

enum sess_kind { SESS_API = 0, SESS_MCP = 1 };

/* What a session is made of (copied by sess_create). */
struct sess_params {
    int64_t limits[MPBOX_LIMIT_COUNT_]; /* -1: the pool's default */
    const char *const *mounts;          /* "HOSTDIR:/GUESTDIR" */
    int nmounts;
    const char *const *sqlites; /* NAMEs */
    int nsqlites;
    const void *snapshot; /* restore from these bytes, or NULL */
    size_t snapshot_len;
    const struct wk_file *snapshot_file; /* or from this file, streamed */
};

/* A copy of a session's state for listings. */
struct sess_info {
    char id[SESS_ID_LEN + 1];
    int kind;
    const char *state; /* "live", "evicted", "lost", "empty" */
    int busy;          /* a request is using it */
    int running;       /* a run is in progress */
    int64_t created_ms, last_used_ms; /* CLOCK_REALTIME */
    int64_t idle_ms;
    uint64_t runs;
    pid_t pid;    /* 0 when not live */
    uint64_t rss; /* bytes, 0 when not live */
    int64_t limits[MPBOX_LIMIT_COUNT_];
    char lost_reason[160];
    /* The session's mounts ("HOSTDIR:/GUESTDIR") and database names: they
     * never change, and stay valid while the session is referenced (the
     * caller's reference, or the ones sess_list takes). */
    const char *const *mounts;
    int nmounts;
    const char *const *sqlites;
    int nsqlites;
    struct sess *ref; /* sess_list's reference (sess_list_free) */
};

struct sess;

struct sess_table_config {
    int max_sessions;
    int max_per_owner; /* 0: no limit but max_sessions */
    int64_t idle_ms, ttl_ms;
    uint64_t memory_budget;
    const char *state_dir; /* existing, private */
    /* The state directory outlives the server (--state-dir): next to each
     * API session's snapshot, ID.meta records its id, owner key (tokens.h),
     * limits, mounts and databases; sess_table_load takes them back after a
     * restart, and sess_table_free saves live sessions there instead of
     * dropping them. */
    int persist;
    struct srv_tokens *tokens;
    /* The server's session limits: a session taken back from the state
     * directory gets none above them (the options may have changed). */
    const int64_t *ceilings;
    uint64_t state_budget; /* bytes the state directory may hold (0: no limit) */
    /* --store (store.h): API sessions live in the session store, shared
     * by replicas; a session is live here only while this replica holds
     * its lease, and its state reaches the store after every change
     * (sess_commit). Eviction then just gives the lease back; persist is
     * not used. store_wait_ms: how long a claim waits for another replica
     * to release a session. */
    struct store *store;
    int64_t store_wait_ms;
    int64_t store_lease_ms; /* the store's lease expiry (renewed every third of it) */
};

int sess_table_new(const struct sess_table_config *cfg, struct wk_pool *pool, struct srv_metrics *m,
                   struct sess_table **out, char *err, size_t errcap);
/* With cfg->persist: take in the sessions an earlier server left in the
 * state directory (evicted; restored at their next claim). Files that do
 * not form a session (no or a damaged ID.meta, MCP sessions, temporary
 * files) are removed. Returns the number of sessions taken in. */
int sess_table_load(struct sess_table *t);
/* Start the janitor thread. */
int sess_janitor_start(struct sess_table *t, char *err, size_t errcap);
/* At shutdown, before the HTTP daemon stops: interrupt every run in
 * progress and refuse new claims and sessions (SESS_CLOSING), so that no
 * connection thread stays blocked in a run. */
void sess_shutdown(struct sess_table *t);
/* Stop the janitor, kill every worker, remove the snapshots written (with
 * cfg->persist: save the API sessions and keep their files instead). */
void sess_table_free(struct sess_table *t);

/* A new live session owned by owner. On SESS_OK *out holds a reference
 * (sess_put). SESS_FULL, SESS_OWNER_FULL, SESS_FAILED (err says why),
 * SESS_NOMEM. */
int sess_create(struct sess_table *t, int owner, int kind, const struct sess_params *p, struct sess **out, char *err,
                size_t errcap);
/* The session with this id owned by owner (a reference), or SESS_NOTFOUND
 * (with --store, also SESS_UNAVAILABLE: a session not known here is
 * looked up in the store). */
int sess_find(struct sess_table *t, const char *id, int owner, struct sess **out);
/* The same, with why the store could not be reached in err. */
int sess_find_why(struct sess_table *t, const char *id, int owner, struct sess **out, char *err, size_t errcap);
void sess_put(struct sess_table *t, struct sess *s);
/* Count as activity for --idle-timeout and --session-ttl. */
void sess_touch(struct sess_table *t, struct sess *s);
const char *sess_id(const struct sess *s);

/* Exclusive use of the session's worker. flags: SESS_WAIT (wait for
 * another request using it, else SESS_BUSY), SESS_RUNNING (this is a run:
 * for interrupt and listings), SESS_RENEW_LOST (a lost session gets a fresh
 * worker instead of SESS_LOST), SESS_AS_IS (neither restore nor start a
 * worker: sess_worker may then be NULL). Restores an evicted session and
 * starts a worker for an emptied one (sess_discard). SESS_OK,
 * SESS_BUSY, SESS_NOTFOUND (deleted meanwhile), SESS_LOST (err: what
 * happened), SESS_FAILED (a restore or spawn failed: err). */
enum { SESS_WAIT = 1u, SESS_RUNNING = 2u, SESS_RENEW_LOST = 4u, SESS_AS_IS = 8u };
int sess_claim(struct sess_table *t, struct sess *s, unsigned flags, char *err, size_t errcap);
/* While claimed: replace the session by a fresh one with the same limits,
 * mounts and databases (its worker killed, its snapshot removed). On
 * failure the session is lost. SESS_OK or SESS_FAILED (err). */
int sess_renew(struct sess_table *t, struct sess *s, char *err, size_t errcap);
/* The worker, between sess_claim and sess_unclaim. */
struct wk *sess_worker(struct sess *s);
/* While claimed: the worker died (died = 1, counted in the metrics) or a
 * run lost the session (died = 0): kill the worker, remember why; later
 * claims give SESS_LOST. */
void sess_mark_lost(struct sess_table *t, struct sess *s, const char *why, int died);
void sess_unclaim(struct sess_table *t, struct sess *s);

/* While claimed, after a change of the session (a run, a file written):
 * with --store, write its state to the store (a delta or a new base) and
 * return only when it is there. SESS_OK (also without a store, and for
 * MCP sessions); SESS_UNAVAILABLE or SESS_ELSEWHERE (err): the change is
 * not stored, so the copy here is dropped and the session continues from
 * its last stored state at its next claim. */
int sess_commit(struct sess_table *t, struct sess *s, char *err, size_t errcap);
/* 1 if the session lives in the store (a lost worker costs only the
 * change in progress, not the session). */
int sess_stored(const struct sess *s);

/* While claimed: kill the worker and drop the snapshot but keep the id;
 * the next claim starts a fresh worker ("empty" until then). */
void sess_discard(struct sess_table *t, struct sess *s);

/* Interrupt the run in progress; 1 if there was one. */
int sess_interrupt(struct sess_table *t, struct sess *s);
/* Delete: interrupt a run in progress, wait for it, kill the worker,
 * remove its snapshot (with --store: from the store; SESS_UNAVAILABLE when
 * it cannot be reached, and nothing is deleted). The reference stays valid
 * until sess_put. */
int sess_delete(struct sess_table *t, struct sess *s);

void sess_get_info(struct sess_table *t, struct sess *s, struct sess_info *out);
/* The sessions of owner, each with a reference: free with sess_list_free
 * (with --store, those of every replica; SESS_UNAVAILABLE when the store
 * cannot be reached). */
int sess_list(struct sess_table *t, int owner, struct sess_info **out, size_t *n);
void sess_list_free(struct sess_table *t, struct sess_info *v, size_t n);

struct spool;
/* A spool (spool.h) in the state directory, counted against its budget:
 * for snapshots on their way between a worker and a client. 0 or -1
 * (errno). */
int sess_spool_new(struct sess_table *t, struct spool **out);
/* Bytes the state directory holds now (evicted sessions and spools). */
uint64_t sess_disk_used(struct sess_table *t);

/* Figures for /metrics. */
struct sess_stats {
    int live, evicted, lost, busy;
    uint64_t rss; /* sum over live workers */
};
void sess_get_stats(struct sess_table *t, struct sess_stats *out);

#endif /* MPBOX_SERVER_SESSIONS_H */
