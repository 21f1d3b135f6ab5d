/*
 * worker.h — sessions in worker processes (the isolation layer of
 * `mpbox serve`).
 *
 * A zygote process is started by fork and exec of the server's own program
 * (/proc/self/exe, an empty environment: nothing of the server's memory
 * reaches it; server/zygote.c). It builds the mpbox runtime (the start-up
 * image) once, then forks one worker per request of the server and hands
 * the server's end of a socketpair and a pidfd back over its control
 * socket (SCM_RIGHTS). If it dies, the next spawn starts a new one. A
 * worker holds
 * exactly one mpbox_session (or runs one-shot programs, each in a fresh
 * session). Before it runs any guest code it has an empty environment, no
 * descriptor but its channel (and what its session's mounts and databases
 * opened), resource limits (RLIMIT_AS, RLIMIT_CPU, RLIMIT_CORE=0,
 * RLIMIT_NOFILE, RLIMIT_NPROC), PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, no
 * capabilities, Landlock (files only below its mounts and its databases,
 * read-only) and a seccomp filter (libseccomp) that allows only what a
 * running session needs (docs/isolation.md). A worker that dies costs only its own session: every call on it
 * then fails with WK_DEAD and wk_death() says what happened.
 *
 * Threads: one wk may be used by one thread at a time (the server keeps a
 * lock per session); different wk run in parallel. wk_pool functions are
 * thread-safe.
 *
 * Errors are values: functions return WK_OK or a negative WK_* code and,
 * where there is room, a message in err (NUL-terminated, truncated to
 * errcap).
 */
#ifndef MPBOX_SERVER_WORKER_H
#define MPBOX_SERVER_WORKER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "mpbox.h"

struct budget;

enum {
    WK_OK = 0,
    WK_ERROR = -1,   /* bad argument or refused request (see err) */
    WK_NOMEM = -2,   /* out of memory in the server */
    WK_DEAD = -3,    /* the worker died or was killed (wk_death says how) */
    WK_TIMEOUT = -4, /* the worker did not answer within its deadline; it was killed */
    WK_NOTFOUND = -5, /* wk_get_file: no such file */
    WK_CLOSING = -6,  /* wk_pool_shutdown was called: no new one-shot run */
    WK_FULL = -7,     /* a budget (memory held, disk) has no room for the answer */
    WK_SNAPSHOT = -8, /* wk_spawn: the worker refused the snapshot (see err) */
    WK_MOUNT = -9     /* wk_spawn: a mount failed (see err) */
};

/* What the zygote and every worker are configured with. */
struct wk_config {
    /* Default limits for new sessions (MPBOX_LIMIT_* ids); a value < 0
     * keeps the library default. */
    int64_t limits[MPBOX_LIMIT_COUNT_];
    /* SQL databases sessions may attach, as NAME=PATH (read-only). */
    const char *const *sqlites;
    int nsqlites;
    /* Host directories sessions may mount read-only, by exact path. */
    const char *const *mount_roots;
    int nmount_roots;
    int seccomp;           /* 1: install the filter (default); 0 only for debugging */
    uint64_t rlimit_cpu_s; /* RLIMIT_CPU of a worker, seconds (0 = none) */
    int oneshot_reuse;     /* runs a one-shot worker serves before it is replaced (>= 1) */
    /* Answers over 64 KiB (run results, files, listings) are counted
     * against this while they are held (NULL: not counted); when it has no
     * room the answer is dropped and the call ends with WK_FULL. */
    struct budget *answers;
    /* mpbox_runtime_snapshot_key of the workers' runtime (0 bytes: none) */
    uint8_t snapshot_key[MPBOX_SNAPSHOT_KEY_MAX];
    size_t snapshot_key_len;
};

struct wk_pool; /* the zygote and the bookkeeping of live workers */
struct wk;      /* one worker process */

/* How a worker ended. */
struct wk_death {
    int exited;    /* 1: exit(status); 0: killed by signal */
    int status;    /* exit status or signal number */
    char what[96]; /* "killed by SIGKILL (memory limit)", "exited with status 70", ... */
};

/* Start the zygote and wait until its runtime is built. */
int wk_pool_start(const struct wk_config *cfg, struct wk_pool **out, char *err, size_t errcap);
/* Kill every worker and the zygote; free the pool. */
void wk_pool_stop(struct wk_pool *p);
/* At shutdown: interrupt every one-shot run in progress (it ends with
 * status "interrupted" and is answered) and refuse new ones (WK_CLOSING). */
void wk_pool_shutdown(struct wk_pool *p);
/* At shutdown, after a grace period: kill every worker a thread is still
 * waiting for (stopped, stuck), so that those calls end with WK_DEAD at
 * once. Idle workers are left alone (their sessions may be saved). */
void wk_pool_kill_all(struct wk_pool *p);

/* A new worker with a fresh session. mounts are "HOSTDIR:/GUESTDIR" specs
 * (each under one of cfg.mount_roots), sqlites are NAMEs from
 * cfg.sqlites; limits override the pool's defaults (< 0: keep). When
 * snapshot is not NULL the session is restored from it (mpbox_session_load)
 * instead. */
struct wk_file {
    int fd;       /* read with pread from offset 0 */
    uint64_t len; /* bytes */
};
struct wk_session_spec {
    const int64_t *limits; /* MPBOX_LIMIT_COUNT_ values, or NULL */
    const char *const *mounts;
    int nmounts;
    const char *const *sqlites;
    int nsqlites;
    const void *snapshot; /* a snapshot in memory, or */
    size_t snapshot_len;
    const struct wk_file *snapshot_file; /* one streamed from a file (the server holds a chunk at a time) */
    int chain; /* the snapshot is a store chain (PR_MODE_CHAIN): wk_commit_to's first commit may be a delta */
};
/* WK_OK, or WK_SNAPSHOT, WK_MOUNT, WK_NOMEM, WK_ERROR with err set. */
int wk_spawn(struct wk_pool *p, const struct wk_session_spec *spec, struct wk **out, char *err, size_t errcap);

/* What a run ended in, as the worker's library said it (typed: the
 * server never reads it back from the JSON). */
struct wk_outcome {
    int status;  /* mpbox_status */
    int session; /* mpbox_session_state: kept, rolled back, lost */
};

/* Run code in the worker's session (flags: MPBOX_RUN_*). On WK_OK,
 * *json is the result as mpbox_result_json made it (malloc'd, caller
 * frees) and *out (if not NULL) its outcome. A run that never answers is
 * killed after its session's timeout plus grace plus a margin
 * (WK_TIMEOUT). */
int wk_run(struct wk *w, const char *code, size_t len, unsigned flags, char **json, size_t *json_len,
           struct wk_outcome *out);
/* wk_run, with the guest's output passed to fn as it is written (fd 1 or
 * 2; pieces that arrive together are merged), and fn(ctx, 0, NULL, 0)
 * whenever nothing came for a quarter of a second: on the calling thread,
 * before wk_run_live returns. */
typedef void (*wk_output_fn)(void *ctx, int fd, const char *data, size_t len);
int wk_run_live(struct wk *w, const char *code, size_t len, unsigned flags, wk_output_fn fn, void *ctx, char **json,
                size_t *json_len, struct wk_outcome *out);
/* After WK_ERROR from a call on w: the worker's reason (e.g. "the session
 * was hard-stopped or trapped earlier ..."); "" when none. Valid until the
 * next call on w. */
const char *wk_last_error(const struct wk *w);
/* Interrupt the current run, as mpbox_session_interrupt (safe from any thread). */
void wk_interrupt(struct wk *w);

int wk_put_file(struct wk *w, const char *path, const void *data, size_t len, char *err, size_t errcap);
int wk_get_file(struct wk *w, const char *path, void **data, size_t *len);
/* The session's files as a JSON array of {"path": ..., "size": ...}. */
int wk_list_files(struct wk *w, char **json, size_t *json_len);
/* mpbox_session_save bytes (malloc'd). */
int wk_save(struct wk *w, void **data, size_t *len);
/* The same, streamed into fd (the server holds a chunk at a time). Before
 * any byte is written room(ctx, size) is asked (when room is not NULL):
 * non-zero refuses, and the call ends with WK_FULL (the worker's answer
 * is read and dropped; the session is unharmed). WK_ERROR with
 * wk_last_error when writing fails. On WK_OK *len is the size. */
int wk_save_to(struct wk *w, int fd, int (*room)(void *ctx, uint64_t len), void *ctx, uint64_t *len);

/* After a change of the session's state, its state for the session store
 * (store.h): a delta (mpbox_session_save_delta) against the state of the
 * previous commit (or the chain the worker was loaded from), or a whole
 * snapshot (a base) when force_base is set, when the worker has no such
 * state (new, or saved by wk_save since), or when the delta would be over
 * max_delta bytes. Streamed into fd as wk_save_to; *is_delta says which. */
int wk_commit_to(struct wk *w, int fd, int force_base, uint64_t max_delta, int (*room)(void *ctx, uint64_t len),
                 void *ctx, uint64_t *len, int *is_delta);

/* The session's limits as the worker reported them after set-up (for a
 * loaded snapshot: its own clock mode and seed where none was given). */
int64_t wk_limit(const struct wk *w, int id);

/* Give back what the answers this thread received took from
 * cfg.answers: call when the request that held them has ended. */
void wk_release_answers(struct wk_pool *p);

/* The worker's process id and resident memory (bytes, from /proc). */
pid_t wk_pid(const struct wk *w);
uint64_t wk_rss(const struct wk *w);
/* After WK_DEAD: how it ended. */
const struct wk_death *wk_death(const struct wk *w);

/* Kill (if alive) and free. */
void wk_free(struct wk *w);

/* One-shot runs (a fresh session per run) on a pool of reusable workers,
 * each replaced after cfg.oneshot_reuse runs or after any run that did not
 * end "ok"/"error". limits as in wk_session_spec. */
int wk_run_once(struct wk_pool *p, const int64_t *limits, const char *code, size_t len, unsigned flags,
                char **json, size_t *json_len, struct wk_outcome *out);
/* The same; after WK_DEAD or WK_TIMEOUT, *death (if not NULL) says how the
 * worker ended (the worker itself is gone). */
int wk_run_once_ex(struct wk_pool *p, const int64_t *limits, const char *code, size_t len, unsigned flags,
                   char **json, size_t *json_len, struct wk_outcome *out, struct wk_death *death);

#endif
