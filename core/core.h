/*
 * core.h — runtime, session and result internals shared by the core files.
 * Callers: core/ only (the public face is include/mpbox.h).
 */
#ifndef MPB_CORE_H
#define MPB_CORE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "host.h"
#include "hostfn.h"
#include "sha256.h"
#include "utf8.h"
#include "mpbox.h"

#define MPB_POOL_MAX 32      /* spare memory reservations kept per runtime */
#define MPB_HOST_PAGE 4096u  /* granularity of the start-up image */
#define MPB_NEVER UINT64_MAX

/* Why the watchdog (or a caller) asked a run to stop. */
enum mpb_stop { MPB_STOP_NONE, MPB_STOP_TIMEOUT, MPB_STOP_OUTPUT, MPB_STOP_USER };

typedef struct mpb_watchdog {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    int started, quit;
    pid_t owner; /* the process the thread runs in (see fork in watchdog.c) */
    uint64_t next_wake; /* when the thread wakes next by itself (MPB_NEVER) */
    struct mpbox_session *armed; /* runs with a deadline or a stop request */
} mpb_watchdog;

struct mpbox_runtime {
    _Atomic int64_t limits[MPBOX_LIMIT_COUNT_];

    /* The start-up image: the instance state right after initialisation. */
    Z_micropython_instance_t image_inst; /* globals (memory/table unused) */
    uint32_t image_pages;                /* linear memory size in wasm pages */
    uint32_t image_count;                /* non-zero host pages stored */
    const uint32_t *image_index;         /* their page numbers */
    const uint8_t *image_data;           /* their contents */
    int image_embedded;                  /* index/data are the built-in image's (not freed) */
    wasm_rt_funcref_t *image_table;
    uint32_t table_size, table_max;
    uint32_t sigs[MPB_SIG_COUNT];
    uint32_t kbd_pending_addr;           /* mp_pending_exception's word */
    uint32_t sched_state_addr;           /* the scheduler state (u16) */
    uint32_t kbd_exc_addr;               /* the KeyboardInterrupt object */
    uint32_t gc_area_addr;               /* MicroPython's first heap area (host/gc.c) */
    uint64_t image_id;                   /* identifies this guest build and image */

    int32_t *image_slot;                 /* host page -> index in image, or -1 */
    int restore_in_place;                /* see pool.c (off when swap exists) */

    pthread_mutex_t pool_lock;
    struct {
        uint8_t *base;
        int clean; /* already in the image state */
    } pool[MPB_POOL_MAX];
    int pool_count;

    mpb_watchdog wd;
    _Atomic uint64_t session_counter;
    uint64_t seed;

    pthread_mutex_t host_lock; /* guards host_reg */
    mpb_hostreg host_reg;      /* host functions and SQL databases */

    /* mpbox_runtime_snapshot_key: snapshots carry an HMAC-SHA256 under
     * this key and loads require it (0 bytes: no authentication). */
    uint8_t snap_key[MPBOX_SNAPSHOT_KEY_MAX];
    size_t snap_key_len;
};

struct mpbox_session {
    Z_micropython_instance_t inst; /* generated instance: globals, memory, table */
    mpb_host host;                 /* what the imports see */
    mpbox_runtime *rt;
    int64_t limits[MPBOX_LIMIT_COUNT_];
    int lost;
    atomic_int busy;

    /* Checkpoint of the state before the current run (rollback). */
    mpb_track track;
    Z_micropython_instance_t ckpt_inst;
    mpb_state_mark ckpt_state;
    int ckpt_valid;
    int pristine; /* no run has changed it yet: its checkpoint is the image */

    /* Incremental snapshots (delta.c): the id of the state the last save,
     * load, delta save or delta applied left (none: has_id 0). Pages
     * changed since are those the track marked dirty and those at or past
     * delta_pages (64 KiB pages then), or any page when delta_all (a run
     * without write tracking came since). */
    uint8_t delta_id[MPB_SHA256_LEN];
    int delta_has_id;
    int delta_all;
    int delta_changed; /* a run or a file put came since: a delta can no longer apply */
    uint32_t delta_pages;

    /* Watchdog fields, guarded by rt->wd.lock. */
    struct mpbox_session *wd_next, *wd_prev;
    int wd_armed;
    mpb_rt_call *wd_call;
    uint64_t soft_at, hard_at; /* CLOCK_MONOTONIC ns; MPB_NEVER = none */
    uint64_t probe_at;         /* next liveness probe after a refused growth */
    int probe_sent;
    int stop_reason;

    /* Host functions: copied from the runtime at creation, then this
     * session's own; host_unbound = names not yet bound in the guest. */
    mpb_hostreg host_reg;
    int host_unbound;
};

struct mpbox_result {
    mpbox_status status;
    char *out[2];
    size_t out_len[2];
    int out_truncated[2];
    uint64_t out_attempted[2];
    char *error_type, *error_message, *traceback;
    char *return_value; /* canonical JSON (MPBOX_RUN_RETURN_VALUE) or NULL */
    char *hint;         /* advice on a known MicroPython difference, or NULL */
    int has_exit, exit_code;
    const char *trap_reason;
    double wall_ms;
    uint64_t peak_memory;
    int lost;
    int session_state;
    uint64_t checkpoint_pages;
    double cpu_ms;
    uint64_t fuel_used;
    double host_ms;
    uint64_t host_calls;
};

/* clock.c */
uint64_t mpb_now_ns(void);        /* CLOCK_MONOTONIC */
double mpb_thread_cpu_ms(void);   /* this thread's CPU time */
/* limits.c: the limit table. Non-zero when `value` is not acceptable for
 * limit `id`; a new runtime's limits. */
int mpb_limit_invalid(int id, int64_t value);
void mpb_limit_defaults(int64_t out[MPBOX_LIMIT_COUNT_]);

/* watchdog.c */
void mpb_watchdog_init(mpb_watchdog *wd);
void mpb_watchdog_shutdown(mpb_watchdog *wd);
int mpb_watchdog_arm(mpbox_session *s, mpb_rt_call *call);   /* 0 or -1 */
void mpb_watchdog_disarm(mpbox_session *s);                  /* returns stop reason via s */
void mpb_watchdog_request_stop(mpbox_session *s, int reason);
/* The memory cap refused a growth: watch whether the guest still runs. */
void mpb_watchdog_oom(mpbox_session *s);
/* A collection ran: the guest is alive (clears a pending liveness probe). */
void mpb_watchdog_alive(mpbox_session *s);

/* pool.c: reservations in the image state */
uint8_t *mpb_pool_take(mpbox_runtime *rt);
void mpb_pool_give(mpbox_runtime *rt, uint8_t *base, uint32_t used_pages);
void mpb_pool_drain(mpbox_runtime *rt);

/* guest.c: the only calls of the guest's exports in core/ (see there). */
void mpb_guest_init_module(void);
void mpb_guest_instantiate(mpbox_session *s);
void mpb_guest_start(mpbox_session *s, uint32_t pystack_words, uint32_t heap_bytes);
int mpb_guest_stack_globals_ok(mpbox_session *s);
uint32_t mpb_guest_malloc(mpbox_session *s, uint32_t len); /* 0: no memory */
void mpb_guest_free(mpbox_session *s, uint32_t p);
void mpb_guest_exec(mpbox_session *s, uint32_t code, uint32_t len, uint32_t slot);
void mpb_guest_release_object(mpbox_session *s, uint32_t ref);
void mpb_guest_interrupt(mpbox_session *s);
void mpb_guest_set_fuel(mpbox_session *s, int64_t v);
int64_t mpb_guest_fuel(mpbox_session *s);

/* The start-up image made at build time: tools/mkimage.c builds a runtime
 * the slow way and writes its image as $(BUILD)/gen/image.c, which the
 * library is linked with (tools/noimage.c, in the tool itself and builds
 * without one, sets mpb_embedded_image to NULL). The guest's scalar
 * globals are kept as the bytes of the instance struct between the import
 * pointers and the memory; the function table is rebuilt by instantiation. */
typedef struct mpb_image {
    uint64_t fingerprint;        /* mpb_image_fingerprint() of the build that made it */
    uint64_t image_id;
    uint32_t pages, count;       /* as image_pages, image_count */
    const uint32_t *index;       /* count page numbers */
    const uint8_t *data;         /* count * MPB_HOST_PAGE bytes */
    const uint8_t *globals;      /* MPB_GLOBALS_SIZE bytes */
} mpb_image;
extern const mpb_image *const mpb_embedded_image;

#define MPB_GLOBALS_START (offsetof(Z_micropython_instance_t, Z_wasi_snapshot_preview1_instance) + sizeof(void *))
#define MPB_GLOBALS_SIZE (offsetof(Z_micropython_instance_t, w2c_memory) - MPB_GLOBALS_START)

/* runtime.c: mpbox_runtime_new with the choice made explicit (for
 * tools/mkimage.c and tests): use_embedded = 0 always builds the image at
 * run time; 1 copies the embedded image when there is one and it matches
 * this build, else builds it. */
int mpb_runtime_create(mpbox_runtime **out, int use_embedded);

/* startup.c */
/* Build rt's image at run time: MPBOX_OK, or an error (rt's image unset). */
int mpb_image_build(mpbox_runtime *rt);
/* Find in rt's image the words the host uses (interrupt, scheduler state,
 * first heap area). MPBOX_OK or MPBOX_GUEST. */
int mpb_image_locate(mpbox_runtime *rt);
/* A checksum of the start-up parameters and code's name (its text is in
 * the embedded library's digest). */
uint64_t mpb_startup_checksum(void);

/* image.c */
/* What an image depends on besides the library's C code: the start-up code,
 * the guest (its instance layout, initial globals, data segments, table)
 * and the embedded library files. 0 when the guest cannot be instantiated. */
uint64_t mpb_image_fingerprint(mpbox_runtime *rt);
/* Make rt's image from img (which must have been made by a build with the
 * same fingerprint): MPBOX_OK, or an error and rt unchanged. */
int mpb_image_load(mpbox_runtime *rt, const mpb_image *img);
/* Once image_pages/count/index/data and the table are set: the page ->
 * slot map and image_id (which snapshots name). MPBOX_OK or MPBOX_NOMEM. */
int mpb_image_finish(mpbox_runtime *rt);
void mpb_image_release(mpbox_runtime *rt);
/* Copy the image into a memory whose image pages are zero. */
void mpb_image_fill(const mpbox_runtime *rt, uint8_t *base);
/* Whether memories may be restored in place (no swap: see image.c). */
int mpb_image_can_restore(void);
/* Put a memory back into the image state: 1 done (contents equal the
 * image), 0 emptied to zeros (only when !refill), -1 failed. */
int mpb_image_restore(const mpbox_runtime *rt, uint8_t *base, uint32_t used_pages, int refill);

/* session.c */
int mpb_session_create(mpbox_runtime *rt, mpbox_session **out, int from_image);
/* Take s for a call between runs: MPBOX_OK (then clear s->busy when done),
 * MPBOX_LOST or MPBOX_BUSY. */
int mpb_session_acquire(mpbox_session *s);

/* run.c: the offsets the watchdog may write from its own thread, whose
 * pages stay writable under write tracking. */
#define MPB_HOT_COUNT 4
void mpb_hot_addrs(const mpbox_runtime *rt, uint32_t out[MPB_HOT_COUNT]);

/* snapshot.c: the pieces of the snapshot format that deltas (delta.c)
 * share. Both end in a trailer: an HMAC-SHA256 under the runtime's key
 * (when it has one) then a u64 checksum of everything before. */
#define MPB_SNAP_MAC_BYTES 32u
#define MPB_SNAP_LIMIT_RECORD 16u /* u32 id, u32 0, i64 value */
#define MPB_SNAP_GLOBALS_AT offsetof(Z_micropython_instance_t, w2c_g0)
#define MPB_SNAP_GLOBALS_BYTES (offsetof(Z_micropython_instance_t, w2c_memory) - MPB_SNAP_GLOBALS_AT)
size_t mpb_snap_trailer_bytes(const mpbox_runtime *rt);
/* Write the trailer after the first `body` bytes of buf; id (the state's
 * name in a chain of deltas) gets the MAC, or without a key the checksum
 * followed by zeros. */
void mpb_snap_seal(const mpbox_runtime *rt, uint8_t *buf, size_t body, uint8_t id[MPB_SHA256_LEN]);
/* NULL when the MAC of data[0, len) is right (with a key a MAC is
 * required; has_mac says whether the data claims one), or the checksum;
 * else why not. mpb_snap_id: the id mpb_snap_seal gave data. */
const char *mpb_snap_check_mac(const mpbox_runtime *rt, const uint8_t *data, size_t len, uint32_t has_mac);
const char *mpb_snap_check_sum(const uint8_t *data, size_t len);
void mpb_snap_id(const uint8_t *data, size_t len, uint32_t has_mac, uint8_t id[MPB_SHA256_LEN]);
/* The start of mpbox_session_save and _save_delta: the arguments checked,
 * the outputs cleared, s acquired (busy). MPBOX_OK or the error. */
int mpb_snap_begin(mpbox_session *s, void **out, size_t *len);
/* Their end: the host state at p, the trailer sealed (s then holds the
 * state it names), s released, buf (total bytes) handed out. */
int mpb_snap_finish(mpbox_session *s, uint8_t *buf, uint8_t *p, size_t total, void **out, size_t *len);
/* Page i of m as a page record (u32 number + 4 KiB) at p; returns the end. */
uint8_t *mpb_snap_put_page(const wasm_rt_memory_t *m, size_t i, uint8_t *p);
/* The limits as MPBOX_LIMIT_COUNT_ records at p; returns the end. */
uint8_t *mpb_snap_put_limits(const int64_t limits[MPBOX_LIMIT_COUNT_], uint8_t *p);
/* The limits a session gets from `count` records of `record` bytes (16, or
 * 8: version 3's values in id order) over the runtime's, the resource caps
 * never above the runtime's. NULL or why not. */
const char *mpb_snap_read_limits(const mpbox_runtime *rt, const uint8_t *rec, uint32_t count, uint32_t record,
                                 int64_t lim[MPBOX_LIMIT_COUNT_]);
/* Page records (u32 page number + 4 KiB): NULL when their numbers
 * increase and stay below `limit`, else why not; then copied into mem. */
const char *mpb_snap_check_pages(const uint8_t *rec, uint32_t count, uint64_t limit);
void mpb_snap_put_pages(uint8_t *mem, const uint8_t *rec, uint32_t count);
/* Which 4 KiB pages of m may hold data (malloc'd, one byte each), NULL
 * when out of memory. */
unsigned char *mpb_snap_candidates(const mpbox_runtime *rt, const wasm_rt_memory_t *m);
/* Grow s's memory to `pages` wasm pages, whatever its cap. 0 or -1. */
int mpb_snap_grow_to(mpbox_session *s, uint32_t pages);
/* s now holds the state named id: the changes a delta saves count from
 * here (delta.c). */
void mpb_delta_mark(mpbox_session *s, const uint8_t id[MPB_SHA256_LEN]);

/* exec.c: run source in the guest's __main__ inside a guest call, as a
 * run does (flags: MPBOX_RUN_*) and as the start-up does (0). Returns 0 or
 * a trap code; Python's outcome is in res. */
int mpb_session_exec(mpbox_session *s, const char *src, size_t len, mpbox_result *res, unsigned flags);

/* internal.c: the channel of the library's own Python (mpb_host.internal) */
char *mpb_internal_message(mpb_host *h, const char *name, size_t name_len, const char *payload, size_t len,
                           size_t *out_len);

/* hostfn.c */
int mpb_hostfn_session_init(mpbox_session *s); /* copy the runtime's registrations */
void mpb_hostfn_host_init(mpb_host *h);
int mpb_hostfn_bind(mpbox_session *s);          /* 0 or a trap code */

static inline mpbox_session *mpb_session_of(mpb_host *h)
{
    return (mpbox_session *)((char *)h - offsetof(mpbox_session, host));
}

/* checksum.c */
uint64_t mpb_checksum(const void *data, size_t len, uint64_t seed);

/* SHA-256, HMAC-SHA256: util/sha256.h (included above). */

/* result.c */
mpbox_result *mpb_result_new(void);
void mpb_result_set_exception(mpbox_result *r, const char *text, size_t len, int strip_echo_frames);

/* hint.c: advice for an error that is a known MicroPython difference, as a
 * malloc'd string, or NULL. src is the run's source (for the failing line). */
char *mpb_hint_for(const char *type, const char *message, const char *traceback, const char *src,
                   size_t src_len);

#endif
