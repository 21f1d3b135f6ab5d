/*
 * mpbox.h — run untrusted Python (MicroPython 1.27 compiled to WebAssembly,
 * translated to C) inside the calling process, with hard limits.
 *
 * Objects
 *   mpbox_runtime  the compiled guest, a pre-initialised start-up image, a pool
 *                  of memory reservations and default limits. Thread-safe: any
 *                  number of threads may create sessions from one runtime.
 *   mpbox_session  one MicroPython instance. State (variables, imports,
 *                  functions, classes) persists across runs. A session is used
 *                  by one thread at a time; mpbox_session_interrupt() is the
 *                  only call that may come from another thread.
 *   mpbox_result   the outcome of one run: status, captured output, error,
 *                  statistics. Owned by the caller; free with mpbox_result_free.
 *
 * Errors are values. Calls that can fail return an mpbox_rc (MPBOX_OK = 0).
 * A Python exception is not a call failure: mpbox_run() returns MPBOX_OK and
 * the result's status says what the guest did.
 *
 * Signals: the library handles SIGSEGV and SIGBUS raised by guest code (and
 * passes on any other to the previous handler) and uses one extra signal,
 * MPBOX_STOP_SIGNAL (SIGRTMIN+3 by default), to stop guest code that ignores
 * a soft interrupt. Threads that run guest code get an alternate signal stack.
 */
#ifndef MPBOX_H
#define MPBOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(MPBOX_STATIC_BUILD)
#define MPBOX_API __attribute__((visibility("default")))
#else
#define MPBOX_API
#endif

/* The version: these three numbers are its only home (the Makefile reads
 * them for mpbox.pc and the Debian package; see CHANGELOG.md). */
#define MPBOX_VERSION_MAJOR 0
#define MPBOX_VERSION_MINOR 4
#define MPBOX_VERSION_PATCH 0
#define MPBOX_STRINGIFY_(x) #x
#define MPBOX_VERSION_STRING_(a, b, c) MPBOX_STRINGIFY_(a) "." MPBOX_STRINGIFY_(b) "." MPBOX_STRINGIFY_(c)
#define MPBOX_VERSION MPBOX_VERSION_STRING_(MPBOX_VERSION_MAJOR, MPBOX_VERSION_MINOR, MPBOX_VERSION_PATCH)
#define MPBOX_VERSION_NUMBER (MPBOX_VERSION_MAJOR * 1000000 + MPBOX_VERSION_MINOR * 1000 + MPBOX_VERSION_PATCH)
#define MPBOX_GUEST_VERSION "MicroPython 1.27.0 (webassembly, pyscript variant)"

/* The version of the library linked at run time (the header's MPBOX_VERSION
 * and MPBOX_VERSION_NUMBER are those it was compiled against). */
MPBOX_API const char *mpbox_libversion(void);
MPBOX_API int mpbox_libversion_number(void);

/* ---- Return codes of API calls ----------------------------------------- */
typedef enum mpbox_rc {
    MPBOX_OK = 0,
    MPBOX_ERROR = 1,   /* a host-side failure (mmap, thread creation, ...) */
    MPBOX_NOMEM = 2,   /* the host could not allocate memory */
    MPBOX_MISUSE = 3,  /* bad argument: NULL handle, unknown limit id, ... */
    MPBOX_LOST = 4,    /* the session was hard-stopped or trapped earlier and
                          refuses further runs; destroy it */
    MPBOX_BUSY = 5,    /* a run is already in progress on this session */
    MPBOX_GUEST = 6,   /* the guest image failed to start (corrupt build) */
    MPBOX_SNAPSHOT = 7 /* a snapshot was refused: truncated, corrupted, of
                          another format version or of another guest build,
                          larger than the limits, or not authenticated */
} mpbox_rc;

/* A static English description of rc. Never NULL. */
MPBOX_API const char *mpbox_errstr(int rc);

/* ---- Outcome of a run -------------------------------------------------- */
typedef enum mpbox_status {
    MPBOX_STATUS_OK = 0,               /* finished; SystemExit(0) included */
    MPBOX_STATUS_ERROR = 1,            /* an uncaught Python exception
                                          (SystemExit with a non-zero code too) */
    MPBOX_STATUS_TIMEOUT = 2,          /* the wall-clock limit was reached */
    MPBOX_STATUS_OUT_OF_MEMORY = 3,    /* the memory cap was reached */
    MPBOX_STATUS_OUTPUT_TRUNCATED = 4, /* output passed its cap and the output
                                          policy is "stop" */
    MPBOX_STATUS_TRAP = 5,             /* the guest trapped (invalid memory
                                          access, stack exhausted, abort, ...) */
    MPBOX_STATUS_INTERRUPTED = 6,      /* stopped by mpbox_session_interrupt */
    MPBOX_STATUS_OUT_OF_FUEL = 7       /* the run used its fuel budget */
} mpbox_status;

/* "ok", "error", "timeout", "out_of_memory", "output_truncated", "trap",
 * "interrupted", "out_of_fuel". Never NULL ("unknown" for other values). */
MPBOX_API const char *mpbox_status_name(int status);

/* ---- Limits ------------------------------------------------------------ */
/* Limits are identified by number, SQLite style: a new limit is a new id. */
typedef enum mpbox_limit_id {
    MPBOX_LIMIT_MEMORY = 0,      /* bytes of guest linear memory (cap);
                                    rounded down to 64 KiB pages */
    MPBOX_LIMIT_TIMEOUT_MS = 1,  /* wall-clock ms per run; 0 = none */
    MPBOX_LIMIT_GRACE_MS = 2,    /* ms between the soft interrupt
                                    (KeyboardInterrupt) and the hard stop */
    MPBOX_LIMIT_STDOUT = 3,      /* bytes of stdout kept per run */
    MPBOX_LIMIT_STDERR = 4,      /* bytes of stderr kept per run */
    MPBOX_LIMIT_OUTPUT_STOP = 5, /* 0: output past a cap is dropped and
                                    flagged; 1: the run is stopped with
                                    MPBOX_STATUS_OUTPUT_TRUNCATED (by a
                                    KeyboardInterrupt at the guest's next
                                    branch, then the hard stop after the
                                    grace period); from the moment a cap is
                                    passed no more output is kept */
    MPBOX_LIMIT_ROLLBACK = 6,    /* 1 (default): checkpoint before each run;
                                    a run ending in a hard stop, a trap or
                                    out_of_memory leaves the session as it
                                    was before the run ("rolled_back").
                                    0: such a run loses the session */
    MPBOX_LIMIT_FUEL = 7,        /* fuel per run: units of guest work counted
                                    at function entries and loop headers,
                                    plus the host work the guest causes
                                    (files, output, host calls, SQL:
                                    docs/fuel.md), the same on every
                                    machine; 0 = no limit.
                                    Exhaustion: MPBOX_STATUS_OUT_OF_FUEL
                                    (rolled back). Needs a build with fuel
                                    (mpbox_has_fuel()); otherwise only 0 is
                                    accepted */
    MPBOX_LIMIT_DETERMINISTIC = 8, /* 1: a fixed virtual clock (time.time()
                                    starts at MPBOX_DETERMINISTIC_EPOCH_MS,
                                    ticks advance 1 ms per clock read) and
                                    random numbers from MPBOX_LIMIT_SEED, so
                                    that a run is reproducible bit for bit */
    MPBOX_LIMIT_SEED = 9,        /* seed of the guest's random source in
                                    deterministic mode (setting it re-seeds) */
    MPBOX_LIMIT_FILES_BYTES = 10, /* bytes of file data in the scratch area
                                     (default 64 MiB) */
    MPBOX_LIMIT_FILES_COUNT = 11, /* files and directories in the scratch
                                     area (default 1000) */
    MPBOX_LIMIT_HOST_ARG_BYTES = 12, /* JSON bytes of one host call's
                                        arguments (default 1 MiB) */
    MPBOX_LIMIT_HOST_RESULT_BYTES = 13, /* JSON bytes of one host call's
                                           result (default 16 MiB) */
    MPBOX_LIMIT_HOST_DEPTH = 14, /* nesting depth of those JSON values
                                    (default 64) */
    MPBOX_LIMIT_HOST_CALLS = 15, /* host calls per run (default 10000) */
    MPBOX_LIMIT_COUNT_ = 16
} mpbox_limit_id;

/* 2026-01-01T00:00:00Z, the virtual clock's start in deterministic mode. */
#define MPBOX_DETERMINISTIC_EPOCH_MS 1767225600000.0

/* 1 when the library was built with fuel metering (the default). */
MPBOX_API int mpbox_has_fuel(void);

/* Defaults (also what `mpbox --help` prints). */
#define MPBOX_DEFAULT_MEMORY (256u * 1024 * 1024)
#define MPBOX_DEFAULT_TIMEOUT_MS 30000
#define MPBOX_DEFAULT_GRACE_MS 500
/* Largest timeout or grace period accepted: about 31 years. */
#define MPBOX_MAX_TIMEOUT_MS 1000000000000ll
#define MPBOX_DEFAULT_OUTPUT (1u * 1024 * 1024)
/* Smallest memory cap: the start-up image needs this much linear memory. */
#define MPBOX_MIN_MEMORY (259u * 65536)
/* Largest memory cap: the guest declares at most 2 GiB. */
#define MPBOX_MAX_MEMORY (32768ull * 65536)

/* The limits as a table, for front ends that set them by name (the flags of
 * the mpbox command and server, the JSON of the server's API): one row per
 * id, 0 .. mpbox_limit_count() - 1. Get and set them by id with
 * mpbox_runtime_limit and mpbox_session_limit, which accept exactly the
 * values from min to max. */
typedef enum mpbox_limit_unit {
    MPBOX_UNIT_BYTES = 0,  /* a size in bytes */
    MPBOX_UNIT_MS = 1,     /* a duration in milliseconds (front ends: the JSON
                              name ends in "_ms"; flags take seconds) */
    MPBOX_UNIT_COUNT = 2,  /* a number of things */
    MPBOX_UNIT_BOOL = 3,   /* 0 or 1 */
    MPBOX_UNIT_CHOICE = 4  /* 0 or 1, named by values[0] and values[1] */
} mpbox_limit_unit;

#define MPBOX_LIMIT_ZERO_IS_NONE 1u /* 0 means "no limit" */
#define MPBOX_LIMIT_SETTING 2u      /* a choice, not a cap: a server lets
                                       clients pick any value */

typedef struct mpbox_limit_desc {
    int id;                  /* MPBOX_LIMIT_* */
    const char *name;        /* lower case with '_': the JSON member and, with
                                '-' for '_', the flag */
    int unit;                /* mpbox_limit_unit */
    int64_t default_value;   /* a new runtime's default */
    int64_t min, max;        /* the accepted values, inclusive */
    unsigned flags;          /* MPBOX_LIMIT_ZERO_IS_NONE, MPBOX_LIMIT_SETTING */
    const char *values[2];   /* MPBOX_UNIT_CHOICE: the names of 0 and 1 */
    int also;                /* an id that front ends set to the same value
                                with this one (max_output: stderr too), or -1 */
    const char *help;        /* one line of English */
} mpbox_limit_desc;

MPBOX_API int mpbox_limit_count(void);
/* The row of limit `id`, or NULL for an unknown id. Static: never freed. */
MPBOX_API const mpbox_limit_desc *mpbox_limit_info(int id);
/* The id of the limit named `name`, or -1. */
MPBOX_API int mpbox_limit_find(const char *name);

typedef struct mpbox_runtime mpbox_runtime;
typedef struct mpbox_session mpbox_session;
typedef struct mpbox_result mpbox_result;

/* ---- Runtime ----------------------------------------------------------- */
/* Create a runtime: translate nothing (the guest is compiled in), start one
 * guest instance, and keep its memory as the start-up image for sessions.
 * *out is always written (NULL on failure). Fails: nomem, error, guest. */
MPBOX_API int mpbox_runtime_new(mpbox_runtime **out);

/* Destroy a runtime. All its sessions must have been destroyed. NULL is a
 * no-op. */
MPBOX_API void mpbox_runtime_free(mpbox_runtime *rt);

/* Set the default for limit `id` used by sessions created afterwards (and by
 * mpbox_run_once). value < 0 only queries. Returns the old value, or -1 for
 * an unknown id or out-of-range value (then nothing changes). */
MPBOX_API int64_t mpbox_runtime_limit(mpbox_runtime *rt, int id, int64_t value);

/* ---- Sessions ---------------------------------------------------------- */
/* Create a session from the runtime's start-up image with the runtime's
 * default limits. *out is always written. Fails: nomem, error. */
MPBOX_API int mpbox_session_new(mpbox_runtime *rt, mpbox_session **out);

/* Destroy a session and give its memory back. NULL is a no-op. Must not be
 * called while a run is in progress on it. */
MPBOX_API void mpbox_session_free(mpbox_session *s);

/* Set limit `id` for the following runs of this session; value < 0 only
 * queries. Returns the old value, or -1 for a bad id or value. A memory cap
 * below the memory the session already uses applies to further growth only. */
MPBOX_API int64_t mpbox_session_limit(mpbox_session *s, int id, int64_t value);

/* Non-zero once the session is lost (hard stop, trap): runs are refused. */
MPBOX_API int mpbox_session_is_lost(const mpbox_session *s);

/* Stop the current run of s, if any: a KeyboardInterrupt at once, then a hard
 * stop after the grace period if the run has not ended. The result's status
 * is MPBOX_STATUS_INTERRUPTED. Safe to call from any thread (not from a
 * signal handler: it takes the runtime's watchdog lock). */
MPBOX_API void mpbox_session_interrupt(mpbox_session *s);

/* Optional live output: called during a run, on the running thread, with
 * each chunk the guest writes (fd 1 = stdout, 2 = stderr) that fits within
 * the caps (the same bytes the result captures). NULL removes it. The
 * callback must not call into this session. */
typedef void (*mpbox_output_fn)(void *user, int fd, const char *data, size_t len);
MPBOX_API void mpbox_session_set_output(mpbox_session *s, mpbox_output_fn fn, void *user);

/* ---- Host functions ---------------------------------------------------- */
/* A host function receives its arguments as one JSON text, the object
 * {"args": [...], "kwargs": {...}} (values are None/null, bools, ints of any
 * size, finite floats, str, list, dict with str keys), and answers with
 * mpbox_reply_json (the result, one JSON value) or mpbox_reply_error (a
 * Python exception type name and message). It runs on the thread of the
 * run that called it, while that run waits; it must not call into the same
 * session. Return value: 0 (it replied), non-zero (the guest gets
 * RuntimeError "host function failed"). */
typedef struct mpbox_call mpbox_call;
typedef int (*mpbox_host_fn)(void *user, const char *args_json, size_t len, mpbox_call *call);
MPBOX_API int mpbox_reply_json(mpbox_call *call, const char *json, size_t len);
MPBOX_API int mpbox_reply_error(mpbox_call *call, const char *type, const char *message);
/* Charge `units` of the run's fuel (MPBOX_LIMIT_FUEL, docs/fuel.md) for work
 * the host function does for the guest, so that fuel bounds it too (the
 * library charges only the JSON it converts). Charged when the call returns.
 * Returns MPBOX_OK, or MPBOX_ERROR once the call has charged more than the
 * run had left: stop working and return; the run then ends out_of_fuel.
 * Fails: misuse (NULL call), error. */
MPBOX_API int mpbox_call_charge(mpbox_call *call, uint64_t units);

/* Register `name` (a Python identifier) on the runtime (for sessions created
 * afterwards) or on one session. In the guest it is `from host import name`
 * and also a global of __main__. Registering a name again replaces it.
 * Fails: misuse (bad name), nomem. */
MPBOX_API int mpbox_runtime_register(mpbox_runtime *rt, const char *name, mpbox_host_fn fn, void *user);
MPBOX_API int mpbox_session_register(mpbox_session *s, const char *name, mpbox_host_fn fn, void *user);

/* Details of host functions (docs/host-functions.md):
 * - args_json is NUL-terminated canonical JSON: no whitespace, strings as
 *   UTF-8 (only '"', '\' and control characters escaped). Keyword order is
 *   the guest dict's, which MicroPython does not keep.
 * - In the guest, arguments of other types raise TypeError ("Object of type
 *   set is not JSON serializable"; bytes too; dict keys must be str); NaN
 *   and infinities ValueError ("Out of range float values are not JSON
 *   compliant"); cycles ValueError ("Circular reference detected"); a str
 *   with a lone surrogate, an int of more than 4300 digits, arguments
 *   nested deeper than MPBOX_LIMIT_HOST_DEPTH (max 1000) or longer than
 *   MPBOX_LIMIT_HOST_ARG_BYTES ValueError. Calls past MPBOX_LIMIT_HOST_CALLS
 *   in one run raise RuntimeError; the callback is not called.
 * - mpbox_reply_json checks the reply the same way and refuses (returns
 *   MPBOX_MISUSE) invalid JSON, NaN/Infinity, lone surrogates (\ud800),
 *   ints of more than 4300 digits, floats that overflow, more nesting than
 *   the depth cap and more bytes than MPBOX_LIMIT_HOST_RESULT_BYTES; if
 *   the callback then returns 0 without a valid reply the guest gets
 *   RuntimeError "host function 'f' returned invalid JSON: ...". Returning
 *   0 without any reply returns None. Only one reply counts.
 * - mpbox_reply_error: `type` is raised when it names one of ValueError,
 *   TypeError, KeyError, IndexError, LookupError, RuntimeError, NameError,
 *   AttributeError, NotImplementedError, OSError, OverflowError,
 *   ZeroDivisionError, ArithmeticError, AssertionError, EOFError,
 *   ImportError, UnicodeError, Exception; any other name raises
 *   RuntimeError("Type: message").
 * - An unknown name (e.g. a function bound before a snapshot was loaded
 *   into a runtime without it) raises NameError.
 * - Registrations are host state: a rollback does not undo them, nor the
 *   effects of calls already made. Forks keep them; a loaded snapshot has
 *   the registrations of the runtime it is loaded into.
 * - Time spent in callbacks and their number are in the run's statistics
 *   (mpbox_result_host_ms, mpbox_result_host_calls). */

/* The built-in SQL helper: registers the host function
 *     read_only_sql_query(database, sql, params=None)
 * and makes the SQLite file at `path` available to it as `database` name
 * (a Python identifier). The file is opened read-only for each query;
 * an authorizer allows only reading statements (SELECT, WITH, read-only
 * PRAGMA functions): no writes, ATTACH, PRAGMA settings or
 * load_extension. params: a list for ? placeholders or a dict for :name
 * ones. Returns {"columns": [...], "rows": [[...], ...], "truncated": bool}
 * with at most MPBOX_SQL_MAX_ROWS rows, or {"error": "..."} (errors are
 * values, not exceptions), also when the query runs longer than
 * MPBOX_SQL_TIME_LIMIT_MS. BLOB values come as {"$base64": true,
 * "encoded": "..."}; non-finite floats as null. Fails: misuse, nomem. */
#define MPBOX_SQL_MAX_ROWS 1000
#define MPBOX_SQL_TIME_LIMIT_MS 1000
MPBOX_API int mpbox_runtime_add_sqlite(mpbox_runtime *rt, const char *name, const char *path);
MPBOX_API int mpbox_session_add_sqlite(mpbox_session *s, const char *name, const char *path);

/* ---- Files ---------------------------------------------------------------- */
/* Each session has an in-memory file system: a writable scratch area (the
 * working directory starts at "/"), bounded by MPBOX_LIMIT_FILES_BYTES and
 * MPBOX_LIMIT_FILES_COUNT (a write past them fails in the guest with
 * OSError 28, ENOSPC, and writes nothing), and read-only mounts of host
 * directories. The scratch area is session state: it persists across runs,
 * is rolled back with the session, copied by mpbox_session_fork and saved
 * by mpbox_session_save. Mounts are copied by a fork but not saved: a loaded
 * session has none until mounted again. These calls are for use between
 * runs (MPBOX_BUSY during one). Names are at most 255 bytes, paths 4095;
 * control characters are refused.
 *
 * Put a file into the scratch area before a run (path absolute, parents are
 * created). Fails: misuse (bad path), nomem, error (quota). */
MPBOX_API int mpbox_session_put_file(mpbox_session *s, const char *path, const void *data, size_t len);
/* Read a file of the scratch area into a malloc'd buffer (free with
 * mpbox_free). Fails: misuse, nomem, error (no such file). */
MPBOX_API int mpbox_session_get_file(mpbox_session *s, const char *path, void **data, size_t *len);
/* List the scratch area: calls fn for every regular file with its absolute
 * path and size, depth first with names sorted bytewise. Returns the number of files or -1. */
typedef void (*mpbox_file_fn)(void *user, const char *path, size_t size);
MPBOX_API int mpbox_session_list_files(mpbox_session *s, mpbox_file_fn fn, void *user);
/* Mount host directory `host_dir` read-only at `guest_dir` (default
 * "/input" when NULL). The guest can read below it and nothing else of the
 * host: symlinks that leave it, "..", and magic links are refused by the
 * kernel (openat2 RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS). Writes there
 * fail with EACCES. Fails: misuse (guest_dir not absolute, "/", or mounted
 * already; more than 16 mounts), error (not a directory, or a kernel
 * without openat2: nothing is mounted then). */
MPBOX_API int mpbox_session_mount(mpbox_session *s, const char *host_dir, const char *guest_dir);

/* ---- Snapshots ------------------------------------------------------- */
/* Serialise the session (linear memory without its zero pages, the guest's
 * globals, the host-side session state and the limits) into a malloc'd
 * buffer the caller frees with mpbox_free. The format is versioned and
 * checksummed and tied to this guest build. Fails: misuse, busy, lost,
 * nomem. */
MPBOX_API int mpbox_session_save(mpbox_session *s, void **out, size_t *len);

/* A new session from a snapshot made by mpbox_session_save with the same
 * guest build; it continues exactly where the saved one stopped. *out is
 * always written. A snapshot that is truncated, corrupted, foreign or of
 * another format version is refused with MPBOX_SNAPSHOT and, when `why` is
 * not NULL, a static reason. The input is untrusted: nothing in it can make
 * the host misbehave (docs/sessions.md, "Threat model").
 * The session gets the snapshot's limits, except that its memory and file
 * caps (MPBOX_LIMIT_MEMORY, _FILES_BYTES, _FILES_COUNT) are never above the
 * runtime's: a snapshot whose linear memory or files do not fit them is
 * refused (MPBOX_SNAPSHOT) before anything is allocated for it. To load a
 * larger session, raise the runtime's limits first.
 * With a snapshot key (mpbox_runtime_snapshot_key), a snapshot without a
 * valid MAC under that key is refused before anything else is read.
 * Fails: misuse, nomem, error, snapshot. */
MPBOX_API int mpbox_session_load(mpbox_runtime *rt, const void *data, size_t len, mpbox_session **out,
                                 const char **why);

/* Authenticate snapshots: from now on mpbox_session_save adds an
 * HMAC-SHA256 of the snapshot under `key` (MPBOX_SNAPSHOT_KEY_MIN to
 * MPBOX_SNAPSHOT_KEY_MAX bytes, kept secret by the embedder), and
 * mpbox_session_load refuses any snapshot without a valid one. len 0
 * removes the key. Set it before the runtime is shared between threads.
 * Fails: misuse (bad length). */
#define MPBOX_SNAPSHOT_KEY_MIN 16
#define MPBOX_SNAPSHOT_KEY_MAX 64
MPBOX_API int mpbox_runtime_snapshot_key(mpbox_runtime *rt, const void *key, size_t len);

/* Incremental snapshots. A session remembers the state its last
 * mpbox_session_save, mpbox_session_load, mpbox_session_save_delta or
 * mpbox_session_apply_delta left; a delta holds what changed since: the
 * memory pages written since (write tracking finds them, so its size and
 * cost follow what the runs wrote, not the session's size), the globals,
 * the limits and the host state (random source, clock, scratch files: all
 * of them). A run without write tracking (the first run of a new session,
 * or any run with MPBOX_LIMIT_ROLLBACK 0) makes the next delta hold every
 * non-zero page. A delta names the state it applies to, under its checksum
 * and, with a snapshot key, its MAC: a chain (a snapshot, then its deltas
 * in the order they were made) rebuilds the session with
 * mpbox_session_load then mpbox_session_apply_delta for each delta, and a
 * delta is refused anywhere else (another state, out of order, twice).
 * Buffers as mpbox_session_save's. Fails: misuse (s has no saved or loaded
 * state yet: a new session or a fork), busy, lost, nomem. */
MPBOX_API int mpbox_session_save_delta(mpbox_session *s, void **out, size_t *len);

/* Bring s forward by a delta made by mpbox_session_save_delta from the
 * state s holds. Everything is checked before anything changes: a delta
 * that is truncated, corrupted, foreign, unauthenticated (with a snapshot
 * key) or meant for another state (s ran or had a file put since its last
 * save or load, or the delta is out of order) is refused with
 * MPBOX_SNAPSHOT (`why` as for mpbox_session_load) and s is unchanged. Limits as
 * mpbox_session_load; mounts stay, descriptors into them are closed.
 * Fails: misuse, busy, lost, snapshot, error (memory could not be mapped:
 * s is lost). */
MPBOX_API int mpbox_session_apply_delta(mpbox_session *s, const void *data, size_t len, const char **why);

/* A new session that is a copy of s (memory, globals, host state, limits).
 * *out is always written. Fails: misuse, busy, lost, nomem, error. */
MPBOX_API int mpbox_session_fork(mpbox_session *s, mpbox_session **out);

/* ---- Running code ------------------------------------------------------ */
/* Run Python source (UTF-8, need not be NUL-terminated) as a module body in
 * the session's __main__. *out receives a result unless the call fails
 * (then *out is NULL). Fails: misuse, nomem, lost, busy. */
MPBOX_API int mpbox_run(mpbox_session *s, const char *src, size_t len, mpbox_result **out);

/* Run flags for mpbox_run_ex. */
#define MPBOX_RUN_ECHO 1u /* interactive mode: the value of each expression
                             statement is printed, as at the REPL prompt */
#define MPBOX_RUN_RETURN_VALUE 2u /* notebook mode: when the source ends
                             with an expression statement, its value is
                             kept as the result's return value
                             (mpbox_result_return_value); nothing is
                             printed. The last top-level statement is the
                             last line that starts at column 0 outside
                             strings, brackets and continuations; when it
                             is not an expression (or is `a; b`), there is
                             no value. MPBOX_RUN_ECHO takes precedence. */
MPBOX_API int mpbox_run_ex(mpbox_session *s, const char *src, size_t len, unsigned flags,
                           mpbox_result **out);

/* One shot: a new session with the runtime's default limits, one run, and
 * the session destroyed. Fails: as mpbox_session_new and mpbox_run. */
MPBOX_API int mpbox_run_once(mpbox_runtime *rt, const char *src, size_t len, mpbox_result **out);

/* ---- Results ----------------------------------------------------------- */
MPBOX_API void mpbox_result_free(mpbox_result *r);
MPBOX_API mpbox_status mpbox_result_status(const mpbox_result *r);

/* Captured output as bytes (not NUL-terminated guaranteed: a NUL is appended
 * but the guest may write NULs too; use *len). Valid until mpbox_result_free.
 * len may be NULL. */
MPBOX_API const char *mpbox_result_stdout(const mpbox_result *r, size_t *len);
MPBOX_API const char *mpbox_result_stderr(const mpbox_result *r, size_t *len);
MPBOX_API int mpbox_result_stdout_truncated(const mpbox_result *r);
MPBOX_API int mpbox_result_stderr_truncated(const mpbox_result *r);

/* For MPBOX_STATUS_ERROR (and OUT_OF_MEMORY / TIMEOUT / INTERRUPTED when the
 * guest raised MemoryError / KeyboardInterrupt): the exception's type name,
 * its message and the full traceback text. NULL when there is none. Strings
 * are NUL-terminated, valid UTF-8 (invalid bytes become U+FFFD) and live
 * until mpbox_result_free. */
MPBOX_API const char *mpbox_result_error_type(const mpbox_result *r);
MPBOX_API const char *mpbox_result_error_message(const mpbox_result *r);
MPBOX_API const char *mpbox_result_traceback(const mpbox_result *r);

/* For MPBOX_STATUS_ERROR caused by a known difference between MicroPython
 * and CPython (a str method MicroPython lacks, a missing module, syntax it
 * does not have, a keyword argument a built-in refuses, ...): one or two
 * sentences naming the working alternative, e.g. for s.ljust(10) "MicroPython
 * str has no ljust(); use f'{s:<10}' or '{:<10}'.format(s) ...". NULL when
 * the error is not one of them (docs/compatibility.md lists the rules).
 * NUL-terminated UTF-8, lives until mpbox_result_free. */
MPBOX_API const char *mpbox_result_hint(const mpbox_result *r);

/* 1 and *code set when the run ended with SystemExit (code 0 for
 * sys.exit() / sys.exit(None), 1 for a non-integer argument); else 0. */
MPBOX_API int mpbox_result_exit_code(const mpbox_result *r, int *code);

/* With MPBOX_RUN_RETURN_VALUE: the value of the source's last expression
 * as JSON text (compact, canonical): the value itself when it is
 * JSON-serialisable (None, bool, int, finite float, str, and lists, tuples
 * and dicts with str keys of those), else a JSON string holding its repr().
 * A value whose JSON is longer than MPBOX_LIMIT_STDOUT becomes a JSON
 * string saying so. NULL when the source does not end with an expression
 * statement, without the flag, or when the run did not succeed. */
MPBOX_API const char *mpbox_result_return_value(const mpbox_result *r);

/* For MPBOX_STATUS_TRAP: a short reason ("out of bounds memory access",
 * "call stack exhausted", "hard stop", ...); else NULL. */
MPBOX_API const char *mpbox_result_trap_reason(const mpbox_result *r);

/* Statistics of the run. */
MPBOX_API double mpbox_result_wall_ms(const mpbox_result *r);
MPBOX_API uint64_t mpbox_result_peak_memory(const mpbox_result *r); /* bytes */
/* What the run left of the session. */
typedef enum mpbox_session_state {
    MPBOX_SESSION_KEPT = 0,        /* the run's effects are kept */
    MPBOX_SESSION_ROLLED_BACK = 1, /* back to its state before the run */
    MPBOX_SESSION_LOST = 2         /* unusable: further runs are refused */
} mpbox_session_state;
MPBOX_API mpbox_session_state mpbox_result_session_state(const mpbox_result *r);
/* "kept", "rolled_back", "lost". */
MPBOX_API const char *mpbox_session_state_name(int state);
/* Non-zero when the session was lost by this run. */
MPBOX_API int mpbox_result_session_lost(const mpbox_result *r);
/* Checkpoint statistics: 4 KiB pages saved during the run (first writes). */
MPBOX_API uint64_t mpbox_result_checkpoint_pages(const mpbox_result *r);
/* Time spent in host functions during the run, in ms, and their count. */
MPBOX_API double mpbox_result_host_ms(const mpbox_result *r);
MPBOX_API uint64_t mpbox_result_host_calls(const mpbox_result *r);
/* CPU time of the run's thread, in ms. */
MPBOX_API double mpbox_result_cpu_ms(const mpbox_result *r);
/* Fuel the run used (0 in a build without fuel). */
MPBOX_API uint64_t mpbox_result_fuel_used(const mpbox_result *r);

/* The result as one JSON object (UTF-8, NUL-terminated; guest bytes are
 * escaped, invalid UTF-8 becomes U+FFFD) with the fields status, stdout,
 * stderr, stdout_truncated, stderr_truncated, error {type, message,
 * traceback} or null, hint (string or null: mpbox_result_hint), exit_code
 * (int or null), return_value (the JSON
 * value, or null when none), trap (reason string or null), session ("kept", "rolled_back" or "lost"), stats {wall_ms, cpu_ms,
 * fuel_used, peak_memory_bytes, stdout_bytes, stderr_bytes,
 * checkpoint_pages, host_ms, host_calls} (the *_bytes count everything the guest wrote, kept or
 * dropped).
 * Returns a malloc'd string the caller frees with mpbox_free, or NULL when
 * out of memory. *len (if not NULL) receives its length. */
MPBOX_API char *mpbox_result_json(const mpbox_result *r, size_t *len);

/* Free memory the library returned (mpbox_result_json). */
MPBOX_API void mpbox_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* MPBOX_H */
