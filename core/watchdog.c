/*
 * watchdog.c — wall-clock limits and interrupts.
 *
 * One thread per runtime (started with the first run that needs it) watches
 * the deadlines of all running sessions. At a session's deadline it raises
 * KeyboardInterrupt in the guest (the soft stop: Python code unwinds and the
 * session stays usable); if the run has not ended a grace period later, it
 * hard-stops the thread with a signal, which unwinds guest code at once
 * (even inside long C-level work or MicroPython's nlr_jump_fail loop) and
 * never lands in host code.
 *
 * Lock order: wd.lock only. Every field of a session's watchdog section is
 * guarded by it; a run registers its mpb_rt_call here and unregisters it
 * before the call's stack frame dies, so the watchdog never signals a thread
 * for a run that is over.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "gmem.h"

void mpb_watchdog_init(mpb_watchdog *wd)
{
    memset(wd, 0, sizeof *wd);
    wd->next_wake = MPB_NEVER;
    pthread_mutex_init(&wd->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wd->wake, &attr);
    pthread_condattr_destroy(&attr);
}

static mpb_watchdog *wd_of(mpbox_session *s)
{
    return &s->rt->wd;
}

static void link_armed(mpb_watchdog *wd, mpbox_session *s)
{
    if (s->wd_armed)
        return;
    s->wd_armed = 1;
    s->wd_prev = NULL;
    s->wd_next = wd->armed;
    if (wd->armed)
        wd->armed->wd_prev = s;
    wd->armed = s;
}

static void unlink_armed(mpb_watchdog *wd, mpbox_session *s)
{
    if (!s->wd_armed)
        return;
    if (s->wd_prev)
        s->wd_prev->wd_next = s->wd_next;
    else
        wd->armed = s->wd_next;
    if (s->wd_next)
        s->wd_next->wd_prev = s->wd_prev;
    s->wd_armed = 0;
    s->wd_next = s->wd_prev = NULL;
}

static uint64_t grace_ns(mpbox_session *s)
{
    return (uint64_t)s->limits[MPBOX_LIMIT_GRACE_MS] * 1000000u;
}

/* Time between liveness probes: the grace period, at least 50 ms. */
static uint64_t probe_gap_ns(mpbox_session *s)
{
    uint64_t g = grace_ns(s);
    return g < 50000000u ? 50000000u : g;
}

/* A refused growth usually ends in a MemoryError the program handles or
 * that ends the run at once. But when memory runs out again while the
 * guest reports that error, MicroPython ends in nlr_jump_fail(), an endless
 * loop. To tell the two apart, the watchdog marks the scheduler "pending"
 * (with nothing scheduled, the VM just marks it idle again at its next
 * branch: no effect on the program). A mark still there one grace period
 * later means the VM has stopped running bytecode: hard stop, reported as
 * out_of_memory. (Long C-level work after a refused growth, e.g. a huge
 * power, looks the same and is stopped too.) */
#define MPB_SCHED_IDLE 1
#define MPB_SCHED_PENDING 0
static void probe(mpbox_session *s, uint64_t now)
{
    uint32_t addr = s->rt->sched_state_addr;
    uint16_t *word = (uint16_t *)(s->inst.w2c_memory.data + addr);
    s->probe_at = now + probe_gap_ns(s);
    if (!s->probe_sent) {
        uint16_t idle = MPB_SCHED_IDLE;
        s->probe_sent = __atomic_compare_exchange_n(word, &idle, MPB_SCHED_PENDING, 0, __ATOMIC_RELAXED,
                                                    __ATOMIC_RELAXED);
        return;
    }
    if (__atomic_load_n(word, __ATOMIC_RELAXED) == MPB_SCHED_PENDING) {
        s->probe_at = MPB_NEVER;
        mpb_rt_hard_stop(s->wd_call);
        return;
    }
    s->probe_sent = 0; /* alive: probe again later */
}

/* wd.lock held. */
static void fire(mpbox_session *s, uint64_t now)
{
    if (s->probe_at <= now)
        probe(s, now);
    if (s->soft_at <= now) {
        s->soft_at = MPB_NEVER;
        if (!s->stop_reason)
            s->stop_reason = MPB_STOP_TIMEOUT;
        mpb_guest_interrupt(s);
        s->hard_at = now + grace_ns(s);
    }
    if (s->hard_at <= now) {
        s->hard_at = MPB_NEVER;
        mpb_rt_hard_stop(s->wd_call);
    }
}

static void *watchdog_main(void *arg)
{
    mpb_watchdog *wd = arg;
    pthread_mutex_lock(&wd->lock);
    while (!wd->quit) {
        uint64_t now = mpb_now_ns(), next = MPB_NEVER;
        for (mpbox_session *s = wd->armed; s; s = s->wd_next) {
            fire(s, now);
            uint64_t t = s->soft_at < s->hard_at ? s->soft_at : s->hard_at;
            if (s->probe_at < t)
                t = s->probe_at;
            if (t < next)
                next = t;
        }
        wd->next_wake = next;
        if (next == MPB_NEVER) {
            pthread_cond_wait(&wd->wake, &wd->lock);
        } else {
            struct timespec ts = {(time_t)(next / 1000000000u), (long)(next % 1000000000u)};
            pthread_cond_timedwait(&wd->wake, &wd->lock, &ts);
        }
    }
    pthread_mutex_unlock(&wd->lock);
    return NULL;
}

/* wd.lock held. Wake the thread only if it would sleep past `at`: most
 * runs end long before their deadline, and a wake-up per run would cost a
 * context switch. */
static void wake_for(mpb_watchdog *wd, uint64_t at)
{
    if (at < wd->next_wake) {
        wd->next_wake = at;
        pthread_cond_signal(&wd->wake);
    }
}

/* wd.lock held. A child made by fork() has the parent's watchdog state but
 * not its thread: it starts its own (the condition variable may still
 * count the parent's waiter, so it is made anew; no thread of this process
 * uses it). */
static int ensure_thread(mpb_watchdog *wd)
{
    pid_t self = getpid();
    if (wd->started && wd->owner == self)
        return 0;
    if (wd->started) {
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_cond_init(&wd->wake, &attr);
        pthread_condattr_destroy(&attr);
        wd->started = 0;
    }
    /* The watchdog must not take the process's signals meant for others. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&wd->thread, NULL, watchdog_main, wd);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return -1;
    wd->started = 1;
    wd->owner = self;
    return 0;
}

int mpb_watchdog_arm(mpbox_session *s, mpb_rt_call *call)
{
    mpb_watchdog *wd = wd_of(s);
    int64_t timeout = s->limits[MPBOX_LIMIT_TIMEOUT_MS];
    int rc = 0;
    pthread_mutex_lock(&wd->lock);
    s->wd_call = call;
    s->stop_reason = MPB_STOP_NONE;
    s->hard_at = s->probe_at = MPB_NEVER;
    s->probe_sent = 0;
    s->soft_at = timeout > 0 ? mpb_now_ns() + (uint64_t)timeout * 1000000u : MPB_NEVER;
    if (timeout > 0) {
        if (ensure_thread(wd) != 0) {
            s->wd_call = NULL;
            rc = -1;
        } else {
            link_armed(wd, s);
            wake_for(wd, s->soft_at);
        }
    }
    pthread_mutex_unlock(&wd->lock);
    return rc;
}

void mpb_watchdog_disarm(mpbox_session *s)
{
    mpb_watchdog *wd = wd_of(s);
    pthread_mutex_lock(&wd->lock);
    unlink_armed(wd, s);
    s->wd_call = NULL;
    s->soft_at = s->hard_at = s->probe_at = MPB_NEVER;
    pthread_mutex_unlock(&wd->lock);
}

void mpb_watchdog_oom(mpbox_session *s)
{
    mpb_watchdog *wd = wd_of(s);
    pthread_mutex_lock(&wd->lock);
    if (s->wd_call && s->rt->sched_state_addr && ensure_thread(wd) == 0) {
        s->probe_sent = 0;
        s->probe_at = mpb_now_ns() + probe_gap_ns(s);
        link_armed(wd, s);
        wake_for(wd, s->probe_at);
    }
    pthread_mutex_unlock(&wd->lock);
}

/* The guest is busy in a garbage collection, not stuck: take back a
 * liveness mark the VM has not cleared yet, as its next branch would (a
 * collection of a large heap after a refused growth can outlast the grace
 * period). Only the watchdog's own mark: not when an exception is pending. */
void mpb_watchdog_alive(mpbox_session *s)
{
    mpb_watchdog *wd = wd_of(s);
    pthread_mutex_lock(&wd->lock);
    uint32_t exc = 0;
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    if (s->probe_sent && s->rt->kbd_pending_addr && mpb_g_u32(m, s->rt->kbd_pending_addr, &exc) == 0 && exc == 0) {
        uint16_t *word = (uint16_t *)(m->data + s->rt->sched_state_addr);
        uint16_t pending = MPB_SCHED_PENDING;
        __atomic_compare_exchange_n(word, &pending, MPB_SCHED_IDLE, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
        s->probe_sent = 0;
    }
    pthread_mutex_unlock(&wd->lock);
}

void mpb_watchdog_request_stop(mpbox_session *s, int reason)
{
    mpb_watchdog *wd = wd_of(s);
    pthread_mutex_lock(&wd->lock);
    if (s->wd_call && !s->stop_reason) {
        s->stop_reason = reason;
        s->soft_at = mpb_now_ns(); /* fire() sends the soft stop now */
        if (ensure_thread(wd) == 0) {
            link_armed(wd, s);
            wake_for(wd, s->soft_at);
        } else {
            /* No watchdog thread: at least the soft stop. */
            s->soft_at = MPB_NEVER;
            mpb_guest_interrupt(s);
        }
    }
    pthread_mutex_unlock(&wd->lock);
}

void mpbox_session_interrupt(mpbox_session *s)
{
    if (s)
        mpb_watchdog_request_stop(s, MPB_STOP_USER);
}

void mpb_watchdog_shutdown(mpb_watchdog *wd)
{
    pthread_mutex_lock(&wd->lock);
    wd->quit = 1;
    pthread_cond_signal(&wd->wake);
    int started = wd->started && wd->owner == getpid();
    pthread_mutex_unlock(&wd->lock);
    if (started)
        pthread_join(wd->thread, NULL);
    pthread_cond_destroy(&wd->wake);
    pthread_mutex_destroy(&wd->lock);
}
