/*
 * test_limits.c — timeouts (soft and hard stop), the memory cap, user
 * interrupts, traps, and lost sessions.
 */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

/* These tests are about stopping runs; rollback (test_rollback.c) is off
 * so that a hard stop shows as a lost session. */
static mpbox_session *limited(int64_t timeout_ms, int64_t memory)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    if (!s)
        return NULL;
    mpbox_session_limit(s, MPBOX_LIMIT_ROLLBACK, 0);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(timeout_ms));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, STRESS_MS(100));
    if (memory)
        CHECK(mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, memory) >= 0);
    return s;
}

static int still_works(mpbox_session *s)
{
    mpbox_result *r = run_in(s, "print('alive')");
    int ok = r && mpbox_result_status(r) == MPBOX_STATUS_OK && strcmp(mpbox_result_stdout(r, NULL), "alive\n") == 0;
    mpbox_result_free(r);
    return ok;
}

static void expect_lost(mpbox_session *s)
{
    CHECK(mpbox_session_is_lost(s));
    mpbox_result *r = (mpbox_result *)1;
    CHECK(mpbox_run(s, "print(1)", 8, &r) == MPBOX_LOST);
    CHECK(r == NULL);
}

/* A Python loop: KeyboardInterrupt at the deadline, session kept. */
static void timeout_soft(void)
{
    mpbox_session *s = limited(200, 0);
    mpbox_result *r = run_in(s, "n = 0\nwhile True:\n    n += 1\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK_STR(mpbox_result_error_type(r), "KeyboardInterrupt");
    CHECK(!mpbox_result_session_lost(r));
    mpbox_result_free(r);
    CHECK(!mpbox_session_is_lost(s));
    /* state from before the interrupt is there, and no interrupt is left */
    r = run_in(s, "print(n > 0)\nfor i in range(200000): pass\nprint('no stale interrupt')");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "True\nno stale interrupt\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* A program that swallows KeyboardInterrupt is hard-stopped after grace. */
static void timeout_hard_swallowed(void)
{
    mpbox_session *s = limited(150, 0);
    mpbox_result *r = run_in(s, "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n"
                                "        pass\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK(mpbox_result_session_lost(r));
    CHECK_STR(mpbox_result_trap_reason(r), "hard stop");
    mpbox_result_free(r);
    expect_lost(s);
    mpbox_session_free(s);
}

/* Long C-level work never looks at KeyboardInterrupt: hard stop. Also in
 * the host's big-integer loops (host/bignum.c), which look for it between
 * rows: this division would take many minutes. */
static void timeout_hard_c_level(void)
{
    const char *progs[] = {"x = 7 ** 5000000\n", "import time\ntime.sleep(30)\n",
                           "x = (1 << 40000000) // ((1 << 20000000) + 1)\n"};
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        mpbox_session *s = limited(150, 0);
        mpbox_result *r = run_in(s, progs[i]);
        CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
        CHECK(mpbox_result_session_lost(r));
        mpbox_result_free(r);
        expect_lost(s);
        mpbox_session_free(s);
    }
}

/* An allocation with the heap locked raises MemoryError, and reporting it
 * raises again where no handler is left: MicroPython spins in
 * nlr_jump_fail; mpbox ends the run there with a trap, long before its
 * time limit (the session is lost: rollback is off). */
static void heap_locked_allocation_traps(void)
{
    mpbox_session *s = limited(20000, 0);
    mpbox_result *r = run_in(s, "import micropython\nmicropython.heap_lock()\nx = [1] * 10\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TRAP);
    CHECK_STR(mpbox_result_trap_reason(r), "an exception was raised where nothing could catch it");
    CHECK(mpbox_result_session_lost(r));
    mpbox_result_free(r);
    expect_lost(s);
    mpbox_session_free(s);
}

/* A fresh session after a lost one works (nothing shared is corrupted). */
static void after_hard_stop_others_work(void)
{
    mpbox_session *s = limited(100, 0);
    mpbox_result *r = run_in(s, "x = 3 ** 4000000");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    mpbox_result_free(r);
    mpbox_session_free(s);
    s = limited(1000, 0);
    CHECK(still_works(s));
    mpbox_session_free(s);
}

static void memory_single_allocation(void)
{
    mpbox_session *s = limited(5000, 32u << 20);
    mpbox_result *r = run_in(s, "b = bytearray(64 * 1024 * 1024)");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK_STR(mpbox_result_error_type(r), "MemoryError");
    CHECK(mpbox_result_peak_memory(r) <= (32u << 20));
    CHECK(!mpbox_result_session_lost(r));
    mpbox_result_free(r);
    /* caught by the program: the run succeeds */
    r = run_in(s, "try:\n    b = bytearray(10**9)\nexcept MemoryError:\n    print('caught')\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "caught\n");
    mpbox_result_free(r);
    CHECK(still_works(s));
    mpbox_session_free(s);
}

/* Many small allocations until the cap: never past the cap, never a hang
 * (an uncaught MemoryError with a full heap ends in the guest's
 * nlr_jump_fail loop, which the watchdog's liveness probe detects). Under
 * collection stress 2000 times fewer (still below a large allocation). */
static void memory_bomb(void)
{
    const int64_t cap = 48u << 20;
    mpbox_session *s = limited(20000, cap);
    char src[80];
    snprintf(src, sizeof src, "l = []\nwhile True:\n    l.append(str(len(l)) * %d)\n", UNDER_GC_STRESS(10, 20000));
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK(mpbox_result_peak_memory(r) <= (uint64_t)cap);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* After a refused growth a live program is left alone. */
static void memory_caught_then_compute(void)
{
    mpbox_session *s = limited(20000, 32u << 20);
    mpbox_result *r = run_in(s, "try:\n    b = bytearray(10**8)\nexcept MemoryError:\n    pass\n"
                                "x = 0\nfor i in range(2000000):\n    x ^= i\nprint('done')\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "done\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

struct interrupter {
    mpbox_session *s;
    int delay_ms;
};

static void *interrupt_later(void *arg)
{
    struct interrupter *it = arg;
    struct timespec ts = {0, it->delay_ms * 1000000L};
    nanosleep(&ts, NULL);
    mpbox_session_interrupt(it->s);
    return NULL;
}

static void user_interrupt(void)
{
    mpbox_session *s = limited(0, 0); /* no timeout at all */
    struct interrupter it = {s, 100};
    pthread_t t;
    pthread_create(&t, NULL, interrupt_later, &it);
    mpbox_result *r = run_in(s, "while True: pass");
    pthread_join(t, NULL);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_INTERRUPTED);
    CHECK_STR(mpbox_result_error_type(r), "KeyboardInterrupt");
    mpbox_result_free(r);
    CHECK(still_works(s));

    /* Interrupting C-level work escalates to a hard stop. */
    pthread_create(&t, NULL, interrupt_later, &it);
    r = run_in(s, "x = 5 ** 6000000");
    pthread_join(t, NULL);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_INTERRUPTED);
    CHECK(mpbox_result_session_lost(r));
    mpbox_result_free(r);
    mpbox_session_free(s);

    /* An interrupt with no run in progress does nothing. */
    s = limited(0, 0);
    mpbox_session_interrupt(s);
    CHECK(still_works(s));
    mpbox_session_free(s);
}

/* Deep recursion inside C code of the guest (repr of a deeply nested
 * list) is stopped by the guest's own check or trapped, never a crash.
 * The nest is built without collections (each would walk all of it:
 * minutes under collection stress); repr collects. */
static void deep_c_recursion(void)
{
    mpbox_session *s = limited(5000, 0);
    mpbox_result *r = run_in(s, "import gc\nl = []\ngc.disable()\nfor i in range(200000):\n    l = [l]\n"
                                "gc.enable()\nprint(len(repr(l)))\n");
    mpbox_status st = mpbox_result_status(r);
    CHECK(st == MPBOX_STATUS_ERROR || st == MPBOX_STATUS_TRAP);
    if (st == MPBOX_STATUS_ERROR)
        CHECK_STR(mpbox_result_error_type(r), "RecursionError");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static void limits_apply_per_session(void)
{
    int64_t old = mpbox_runtime_limit(rt, MPBOX_LIMIT_TIMEOUT_MS, 120);
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_TIMEOUT_MS, old);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, -1) == 120);
    mpbox_result *r = run_in(s, "while True: pass");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(timeout_soft);
    RUN(timeout_hard_swallowed);
    RUN(timeout_hard_c_level);
    RUN(heap_locked_allocation_traps);
    RUN(after_hard_stop_others_work);
    RUN(memory_single_allocation);
    RUN(memory_bomb);
    RUN(memory_caught_then_compute);
    RUN(user_interrupt);
    RUN(deep_c_recursion);
    RUN(limits_apply_per_session);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
