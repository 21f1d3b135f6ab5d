/*
 * rt.h — mpbox's own implementation of the wasm2c runtime (wasm-rt.h) plus
 * what the host needs around it: per-thread trap state, guard-page memory
 * reservations with a page cap, and the hard-stop signal.
 *
 * Callers: host/ and core/. Nothing here knows about Python.
 */
#ifndef MPB_RT_H
#define MPB_RT_H

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>

#include "wasm-rt.h"

#define MPB_WASM_PAGE 65536u
/* A 32-bit address plus a 32-bit constant offset reaches below 8 GiB, so an
 * 8 GiB reservation of inaccessible pages makes every out-of-bounds access
 * fault instead of needing a bounds check. */
#define MPB_RESERVATION (8ull << 30)

/* Why guest execution stopped abnormally (values > 0 so that they can travel
 * through siglongjmp). The first ones mirror wasm_rt_trap_t. */
enum mpb_trap {
    MPB_TRAP_NONE = 0,
    MPB_TRAP_OOB = 1,
    MPB_TRAP_INT_OVERFLOW,
    MPB_TRAP_DIV_BY_ZERO,
    MPB_TRAP_INVALID_CONVERSION,
    MPB_TRAP_UNREACHABLE,
    MPB_TRAP_CALL_INDIRECT,
    MPB_TRAP_UNCAUGHT_EXCEPTION,
    MPB_TRAP_EXHAUSTION,
    MPB_TRAP_HARD_STOP = 32, /* the watchdog's signal */
    MPB_TRAP_ABORT,          /* the guest called abort() */
    MPB_TRAP_BAD_LONGJMP,    /* longjmp with no setjmp frame */
    MPB_TRAP_HOST_NOMEM,     /* the host ran out of memory inside an import */
    MPB_TRAP_OUT_OF_FUEL = 36, /* the fuel counter went negative */
    MPB_TRAP_UNHANDLED,        /* the guest raised with no handler left (nlr_jump_fail) */
};

const char *mpb_trap_reason(int trap);

/* Write tracking for checkpoints (track.c). Between checkpoints a tracked
 * memory stays read-only except its writable set: code that writes guest
 * memory outside a run must call mpb_track_release first. */
typedef struct mpb_track {
    uint8_t *base;        /* tracked memory, NULL when not tracking */
    size_t bytes;         /* tracked range [base, base + bytes) */
    uint8_t *undo;        /* old page contents, at the same offsets */
    size_t capacity;      /* bytes the undo area and bitmaps can cover */
    uint8_t *saved_bits;  /* one bit per 4 KiB page: saved at this checkpoint */
    uint32_t *saved_list; /* the saved pages, in order */
    size_t saved_count;
    size_t presaved;      /* saved up front (the writable set) */
    uint8_t *rw_bits;     /* the writable set */
    uint32_t *rw_list;    /* ... as a list, the hot pages first */
    size_t rw_count, hot_count;
    uint8_t *idle;        /* per page: runs in a row that left it unchanged */
    uint8_t *dirty_bits;  /* pages kept runs changed since mpb_track_clean */
    size_t faults;        /* first writes that faulted during this run */
    volatile sig_atomic_t active;
} mpb_track;

void mpb_track_init(mpb_track *t);
void mpb_track_free(mpb_track *t);
/* Checkpoint [base, base + bytes): save the writable set, make sure the
 * rest is read-only. `hot` offsets (pages written by other threads) are
 * writable from the first checkpoint on. Returns 0 or -1 (then call
 * mpb_track_release). */
int mpb_track_begin(mpb_track *t, uint8_t *base, size_t bytes, const uint32_t *hot, int nhot);
/* From the fault handler: 1 when the fault was a first write to a tracked
 * page (now saved and writable: retry), else 0. */
int mpb_track_fault(mpb_track *t, uintptr_t addr);
/* End the checkpoint; with undo, put every saved page back. 0 or -1. */
int mpb_track_end(mpb_track *t, int undo);
/* Stop tracking: the whole range becomes writable. 0 or -1. */
int mpb_track_release(mpb_track *t);
size_t mpb_track_pages(const mpb_track *t);
/* Whether a page changed since mpb_track_clean, as far as checkpoints
 * saw: runs kept since left it different. Not seen: writes outside
 * checkpoints, to pages past the range tracked, and to the hot pages. */
int mpb_track_dirty(const mpb_track *t, size_t page);
void mpb_track_clean(mpb_track *t);
/* Whether a 4 KiB page holds only zeros. */
int mpb_page_is_zero(const uint8_t *p);

/*
 * One guest call in progress on this thread. It lives on the caller's stack
 * between MPB_RT_TRY and mpb_rt_leave. `in_guest` is 1 while generated code
 * runs and 0 while host code (an import) runs: signals only ever unwind
 * guest code, so host code (allocator, locks) is never interrupted midway.
 */
typedef struct mpb_rt_call {
    sigjmp_buf jmp;
    volatile sig_atomic_t in_guest;
    atomic_int stop_requested;   /* set by the watchdog before it signals */
    uint8_t *mem_base;           /* reservation of the running instance */
    uintptr_t stack_limit;       /* imports trap below this native address */
    pthread_t thread;
    mpb_track *track;            /* write tracking during this call, or NULL */
    struct mpb_rt_call *outer;   /* an earlier call on this thread, if any */
} mpb_rt_call;

/* Process-wide set-up (signal handlers). Idempotent and thread-safe.
 * Returns 0, or -1 when handlers cannot be installed. */
int mpb_rt_global_init(void);

/* Enter guest execution: returns 0 now, or a trap code (> 0) when the guest
 * trapped or was hard-stopped; in both cases call mpb_rt_leave afterwards. */
#define MPB_RT_TRY(c, base) (mpb_rt_enter((c), (base)), sigsetjmp((c)->jmp, 1))
void mpb_rt_enter(mpb_rt_call *c, uint8_t *mem_base);
void mpb_rt_leave(mpb_rt_call *c);

/* Unwind the current call with a trap. Only from host code running for a
 * guest call on this thread (imports), or from generated code. */
_Noreturn void mpb_rt_trap(mpb_rt_call *c, int trap);

/* Trap if a hard stop is pending or the native stack is nearly used up.
 * Imports call this on entry. */
static inline void mpb_rt_check(mpb_rt_call *c)
{
    if (atomic_load_explicit(&c->stop_requested, memory_order_relaxed))
        mpb_rt_trap(c, MPB_TRAP_HARD_STOP);
    if ((uintptr_t)__builtin_frame_address(0) < c->stack_limit)
        mpb_rt_trap(c, MPB_TRAP_EXHAUSTION);
}

/* Ask thread `c->thread` to stop the guest call `c` now: guest code unwinds
 * at once, host code at the next import boundary. Call it only while `c` is
 * known to be alive (the watchdog holds its lock). */
void mpb_rt_hard_stop(mpb_rt_call *c);

/* The signal used by mpb_rt_hard_stop. */
int mpb_rt_stop_signal(void);

/* ---- memory reservations -------------------------------------------- */
/* Map an 8 GiB inaccessible reservation and make its first `pages` pages
 * read-write. Returns the base or NULL. */
uint8_t *mpb_rt_reserve(uint32_t pages);
/* Give back the whole reservation. */
void mpb_rt_unreserve(uint8_t *base);
/* Drop the contents of pages [0, used) (they read as zero afterwards) and
 * make pages [keep, used) inaccessible again, so the reservation can be
 * reused with `keep` accessible pages. Returns 0 or -1. */
int mpb_rt_reset(uint8_t *base, uint32_t keep, uint32_t used);

/* Grow `mem` (whose data lies in a reservation) to `new_pages`, honouring
 * mem->max_pages as the cap. Returns 0 or -1. */
int mpb_rt_grow_to(wasm_rt_memory_t *mem, uint32_t new_pages);

#endif
