/*
 * run.c — the run pipeline: checks and per-run settings, a checkpoint, the
 * exec (core/exec.c), the outcome (status, output, statistics), then the
 * session kept, rolled back or lost.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "gmem.h"

static void clear_stale_interrupt(mpbox_session *s)
{
    uint32_t addr = s->rt->kbd_pending_addr;
    if (addr && mpb_g_ok(&s->inst.w2c_memory, addr, 4))
        mpb_g_put_u32(&s->inst.w2c_memory, addr, 0);
}

/* The status of a run the host asked to stop (a hard stop without a
 * recorded reason came from the timeout). */
static mpbox_status stop_status(int reason)
{
    if (reason == MPB_STOP_OUTPUT)
        return MPBOX_STATUS_OUTPUT_TRUNCATED;
    if (reason == MPB_STOP_USER)
        return MPBOX_STATUS_INTERRUPTED;
    return MPBOX_STATUS_TIMEOUT;
}

static mpbox_status status_of(mpbox_session *s, mpbox_result *r, int trap)
{
    int reason = s->stop_reason;
    if (trap == MPB_TRAP_HARD_STOP) /* e.g. stuck in C code after OOM */
        return s->host.oom ? MPBOX_STATUS_OUT_OF_MEMORY : stop_status(reason);
    /* nothing could catch the MemoryError or the KeyboardInterrupt of a
     * stop (raised again while the first was reported) */
    if (trap == MPB_TRAP_UNHANDLED && (s->host.oom || reason != MPB_STOP_NONE))
        return s->host.oom ? MPBOX_STATUS_OUT_OF_MEMORY : stop_status(reason);
    if (trap)
        return trap == MPB_TRAP_OUT_OF_FUEL ? MPBOX_STATUS_OUT_OF_FUEL : MPBOX_STATUS_TRAP;
    /* a MemoryError ended the run, whatever else was asked meanwhile */
    if (r->error_type && strcmp(r->error_type, "MemoryError") == 0)
        return MPBOX_STATUS_OUT_OF_MEMORY;
    if (reason != MPB_STOP_NONE)
        return stop_status(reason);
    if (!r->error_type)
        return MPBOX_STATUS_OK;
    if (r->has_exit)
        return r->exit_code == 0 ? MPBOX_STATUS_OK : MPBOX_STATUS_ERROR;
    return MPBOX_STATUS_ERROR;
}

void mpb_hot_addrs(const mpbox_runtime *rt, uint32_t out[MPB_HOT_COUNT])
{
    out[0] = rt->kbd_pending_addr;
    out[1] = rt->sched_state_addr;
    out[2] = rt->kbd_exc_addr;
    out[3] = rt->kbd_exc_addr + 12;
}

/* Remember the session's state before a run: globals and host state are
 * copied, memory pages are saved as they are first written (rt/track.c).
 * Returns 1 when a checkpoint is in place, 0 when none (rollback off, or it
 * could not be set up), -1 when the memory could not be made writable. */
static int checkpoint(mpbox_session *s)
{
    s->ckpt_valid = 0;
    if (!s->limits[MPBOX_LIMIT_ROLLBACK]) {
        /* was on before: the memory must be fully writable again */
        if (s->track.base && mpb_track_release(&s->track) != 0)
            return -1;
        return 0;
    }
    const mpbox_runtime *rt = s->rt;
    s->ckpt_inst = s->inst;
    mpb_state_checkpoint(&s->host.state, &s->ckpt_state);
    if (s->pristine) {
        /* Nothing to save: rolling back means going back to the image.
         * One-shot sessions never pay for tracking. */
        s->ckpt_valid = 1;
        return 1;
    }
    uint32_t hot[MPB_HOT_COUNT];
    mpb_hot_addrs(rt, hot);
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    if (mpb_track_begin(&s->track, m->data, (size_t)m->pages * MPB_WASM_PAGE, hot, MPB_HOT_COUNT) != 0)
        return mpb_track_release(&s->track) == 0 ? 0 : -1;
    s->ckpt_valid = 1;
    return 1;
}

/* Put the session back to its checkpoint. Returns 0, or -1 when that
 * failed (the session must then be considered lost). */
static int roll_back(mpbox_session *s)
{
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t pages_now = m->pages, pages_then = s->ckpt_inst.w2c_memory.pages;
    if (s->pristine) {
        if (mpb_image_restore(s->rt, m->data, pages_now, 1) != 1)
            return -1;
    } else {
        if (mpb_track_end(&s->track, 1) != 0)
            return -1;
        if (pages_now > pages_then &&
            mpb_rt_reset(m->data + (size_t)pages_then * MPB_WASM_PAGE, 0, pages_now - pages_then) != 0)
            return -1;
    }
    uint32_t max_pages = m->max_pages;
    s->inst = s->ckpt_inst;
    s->inst.w2c_memory.max_pages = max_pages;
    mpb_state_rollback(&s->host.state, &s->ckpt_state);
    return 0;
}

/* C code that recurses without MicroPython's check (comparing dicts nested
 * tens of thousands deep, for example) can run the stack pointer past the
 * block's bottom into the heap below, where the build's own stack would
 * have trapped (below address 0). No write into the block's lowest
 * STACK_GUARD_BYTES is legitimate (they lie deep in the slack, and are
 * zero in the image): a run that left them non-zero overflowed. */
#define STACK_GUARD_BYTES 4096u

static int stack_overflowed(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t bottom = s->rt->image_inst.w2c_g2; /* not the guest's copy */
    const uint8_t *p = mpb_g_span(m, bottom, STACK_GUARD_BYTES);
    if (!p)
        return 1;
    for (uint32_t i = 0; i < STACK_GUARD_BYTES; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w)
            return 1;
    }
    return 0;
}

/* Runs that end like this are undone when a checkpoint exists: the guest
 * was stopped at an arbitrary point (hard stop, trap), or its heap is full
 * (MemoryError), which would make later runs fail too. */
static int needs_rollback(const mpbox_result *r, int trap)
{
    return trap || r->status == MPBOX_STATUS_OUT_OF_MEMORY;
}

/* Per-run host settings from the session's limits, and per-run counters
 * and buffers reset. */
static void prepare(mpbox_session *s)
{
    mpb_host *h = &s->host;
    mpb_capture_reset(&h->out[0], (uint64_t)s->limits[MPBOX_LIMIT_STDOUT]);
    mpb_capture_reset(&h->out[1], (uint64_t)s->limits[MPBOX_LIMIT_STDERR]);
    h->output_stop = s->limits[MPBOX_LIMIT_OUTPUT_STOP] != 0;
    h->output_overflowed = 0;
    h->oom = 0;
    h->gc_collections = 0;
    h->gc_grow = 0;
    h->host_arg_cap = (uint64_t)s->limits[MPBOX_LIMIT_HOST_ARG_BYTES];
    h->host_calls = h->host_ns = 0;
    free(h->retval);
    h->retval = NULL;
    h->retval_len = 0;
    h->retval_cap = (uint64_t)s->limits[MPBOX_LIMIT_STDOUT];
    s->stop_reason = MPB_STOP_NONE;
    h->state.vfs.work = 0; /* put_file between runs is not the guest's work */
}

/* The guest's part: fuel, host-function bindings, the program, and the
 * statistics of what it cost. Returns 0 or a trap code. */
static int execute(mpbox_session *s, const char *src, size_t len, unsigned flags, mpbox_result *r)
{
    mpb_host *h = &s->host;
    int64_t fuel = s->limits[MPBOX_LIMIT_FUEL] > 0 ? s->limits[MPBOX_LIMIT_FUEL] : INT64_MAX;
    mpb_guest_set_fuel(s, fuel);
    double cpu0 = mpb_thread_cpu_ms();
    int trap = mpb_hostfn_bind(s); /* names registered since the last run */
    if (!trap)
        trap = mpb_session_exec(s, src ? src : "", len, r, flags);
    if (!trap && stack_overflowed(s))
        trap = MPB_TRAP_EXHAUSTION; /* a trap, so that the run is undone */
    r->cpu_ms = mpb_thread_cpu_ms() - cpu0;
    r->host_ms = (double)h->host_ns / 1e6;
    r->host_calls = h->host_calls;
    /* unsigned: a host charge may leave the counter far below zero */
    r->fuel_used = mpbox_has_fuel() ? (uint64_t)fuel - (uint64_t)mpb_guest_fuel(s) : 0;
    return trap;
}

/* The captured output moves into the result (which takes the buffers). */
static void take_output(mpbox_session *s, mpbox_result *r)
{
    for (int i = 0; i < 2; i++) {
        mpb_capture *c = &s->host.out[i];
        r->out_len[i] = c->buf.len;
        r->out_truncated[i] = c->truncated;
        r->out_attempted[i] = c->attempted;
        r->out[i] = c->buf.data;
        c->buf = (struct mpb_buf){0};
    }
}

/* What the run leaves of the session: kept, rolled back to the checkpoint,
 * or lost (a trap without a checkpoint, or memory that cannot be made
 * writable again). Sets r->session_state and returns 1 when lost. */
static int settle(mpbox_session *s, mpbox_result *r, int trap, int have_checkpoint)
{
    int lost = trap != 0;
    r->session_state = MPBOX_SESSION_KEPT;
    if (have_checkpoint && needs_rollback(r, trap)) {
        if (roll_back(s) == 0) {
            r->session_state = MPBOX_SESSION_ROLLED_BACK;
            lost = 0;
            s->host_unbound = s->host_reg.nfns > 0; /* bind again */
        }
    } else if (have_checkpoint) {
        if (mpb_track_end(&s->track, 0) != 0)
            lost = 1; /* memory left read-only: unusable */
        s->pristine = 0;
    } else {
        s->pristine = 0;
    }
    mpb_state_commit(&s->host.state); /* drop what a kept run saved */
    clear_stale_interrupt(s);
    return lost;
}

/* The result's error, hint and return value, as the status says. */
static void finish_result(mpbox_session *s, mpbox_result *r, const char *src, size_t len, int trap)
{
    mpb_host *h = &s->host;
    int our_interrupt = r->status == MPBOX_STATUS_OUTPUT_TRUNCATED && r->error_type &&
                        strcmp(r->error_type, "KeyboardInterrupt") == 0;
    if ((r->status == MPBOX_STATUS_OK && r->has_exit) || our_interrupt) {
        /* sys.exit(0) is a success, not an error to report; and the
         * KeyboardInterrupt that stopped a run at the output cap is ours */
        free(r->error_type);
        free(r->error_message);
        free(r->traceback);
        r->error_type = r->error_message = r->traceback = NULL;
    }
    if (r->status == MPBOX_STATUS_ERROR && !r->has_exit)
        r->hint = mpb_hint_for(r->error_type, r->error_message, r->traceback, src, len);
    if (r->status == MPBOX_STATUS_OK && !r->error_type && !r->has_exit)
        r->return_value = h->retval; /* the result takes it */
    else
        free(h->retval);
    h->retval = NULL;
    h->retval_len = 0;
    if (trap)
        r->trap_reason = mpb_trap_reason(trap);
}

int mpbox_run_ex(mpbox_session *s, const char *src, size_t len, unsigned flags, mpbox_result **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!s || (!src && len) || len > UINT32_MAX / 2 - 64)
        return MPBOX_MISUSE;
    if (s->lost)
        return MPBOX_LOST;
    if (atomic_exchange(&s->busy, 1))
        return MPBOX_BUSY;
    mpbox_result *r = mpb_result_new();
    if (!r) {
        atomic_store(&s->busy, 0);
        return MPBOX_NOMEM;
    }
    prepare(s);
    uint64_t t0 = mpb_now_ns();
    int have_checkpoint = checkpoint(s);
    if (have_checkpoint < 0) {
        /* memory left read-only and cannot be fixed: nothing can run */
        s->lost = 1;
        atomic_store(&s->busy, 0);
        mpbox_result_free(r);
        return MPBOX_ERROR;
    }
    /* without write tracking, the next delta cannot know what changed */
    if (have_checkpoint == 0 || s->pristine)
        s->delta_all = 1;
    s->delta_changed = 1;
    int trap = execute(s, src, len, flags, r);
    r->wall_ms = (double)(mpb_now_ns() - t0) / 1e6;
    r->checkpoint_pages = have_checkpoint ? mpb_track_pages(&s->track) : 0;
    take_output(s, r);
    r->peak_memory = (uint64_t)s->inst.w2c_memory.pages * MPB_WASM_PAGE;
    r->status = status_of(s, r, trap);
    if (settle(s, r, trap, have_checkpoint)) {
        r->session_state = MPBOX_SESSION_LOST;
        r->lost = 1;
        s->lost = 1;
    }
    finish_result(s, r, src, len, trap);
    atomic_store(&s->busy, 0);
    *out = r;
    return MPBOX_OK;
}

int mpbox_run(mpbox_session *s, const char *src, size_t len, mpbox_result **out)
{
    return mpbox_run_ex(s, src, len, 0, out);
}

int mpbox_run_once(mpbox_runtime *rt, const char *src, size_t len, mpbox_result **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    mpbox_session *s;
    int rc = mpbox_session_new(rt, &s);
    if (rc != MPBOX_OK)
        return rc;
    rc = mpbox_run(s, src, len, out);
    mpbox_session_free(s);
    return rc;
}
