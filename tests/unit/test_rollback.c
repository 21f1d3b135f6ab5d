/*
 * test_rollback.c — checkpoints before each run: runs that end in a hard
 * stop, a trap or out_of_memory leave the session exactly as it was before
 * them; runs that end normally or with a Python exception keep their
 * effects; with rollback off such runs lose the session.
 */
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static mpbox_session *session(int64_t timeout_ms, int64_t memory)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(timeout_ms));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, STRESS_MS(100));
    if (memory)
        mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, memory);
    return s;
}

static void expect_kept(mpbox_session *s, const char *src, const char *out)
{
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_KEPT);
    CHECK_STR(mpbox_result_stdout(r, NULL), out);
    mpbox_result_free(r);
}

static void expect_state(mpbox_session *s, const char *src, mpbox_status st, mpbox_session_state state)
{
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == st);
    CHECK(mpbox_result_session_state(r) == state);
    if (mpbox_result_status(r) != st)
        printf("    got %s\n", mpbox_status_name(mpbox_result_status(r)));
    mpbox_result_free(r);
}

static void kept_on_success_and_exception(void)
{
    mpbox_session *s = session(5000, 0);
    expect_kept(s, "a = 1", "");
    expect_state(s, "b = 2\nraise ValueError('x')", MPBOX_STATUS_ERROR, MPBOX_SESSION_KEPT);
    expect_kept(s, "print(a, b)", "1 2\n");
    mpbox_session_free(s);
}

static void hard_stop_rolls_back(void)
{
    mpbox_session *s = session(150, 0);
    expect_kept(s, "a = 'before'\nimport sys", "");
    expect_state(s, "a = 'during'\nimport json\nx = 7 ** 5000000", MPBOX_STATUS_TIMEOUT,
                 MPBOX_SESSION_ROLLED_BACK);
    CHECK(!mpbox_session_is_lost(s));
    expect_kept(s, "print(a, 'json' in sys.modules, 'x' in globals())", "before False False\n");
    /* and runs keep working, also after a second hard stop */
    expect_state(s, "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt: pass",
                 MPBOX_STATUS_TIMEOUT, MPBOX_SESSION_ROLLED_BACK);
    expect_kept(s, "print(a)", "before\n");
    mpbox_session_free(s);
}

static void soft_timeout_is_kept(void)
{
    mpbox_session *s = session(150, 0);
    expect_state(s, "n = 0\nwhile True:\n    n += 1", MPBOX_STATUS_TIMEOUT, MPBOX_SESSION_KEPT);
    expect_kept(s, "print(n > 0)", "True\n");
    mpbox_session_free(s);
}

/* A MemoryError with a full heap used to break every later run (the heap
 * is only collected between runs); rolled back, the session is healthy and
 * its memory is what it was. Under collection stress the heap fills with
 * 2000 times fewer strings, and the run after makes 10 times fewer. */
static void memory_error_with_full_heap(void)
{
    mpbox_session *s = session(20000, 48u << 20);
    expect_kept(s, "keep = list(range(100))", "");
    mpbox_result *r = run_in(s, "print('x')");
    uint64_t before = mpbox_result_peak_memory(r);
    mpbox_result_free(r);
    char bomb[80], big[96];
    snprintf(bomb, sizeof bomb, "l = []\nwhile True:\n    l.append(str(len(l)) * %d)", UNDER_GC_STRESS(10, 20000));
    for (int i = 0; i < 3; i++)
        expect_state(s, bomb, MPBOX_STATUS_OUT_OF_MEMORY, MPBOX_SESSION_ROLLED_BACK);
    int n = UNDER_GC_STRESS(20000, 2000);
    snprintf(big, sizeof big, "big = [str(i) for i in range(%d)]\nprint(len(big) == %d, len(keep), 'l' in globals())", n,
             n);
    r = run_in(s, big);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "True 100 False\n");
    mpbox_result_free(r);
    /* the grown heap was given back */
    r = run_in(s, "del big\nprint('y')");
    CHECK(mpbox_result_peak_memory(r) <= before + (8u << 20));
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static void uncaught_single_memory_error(void)
{
    mpbox_session *s = session(5000, 32u << 20);
    expect_kept(s, "v = 5", "");
    expect_state(s, "v = 6\nb = bytearray(100 * 1024 * 1024)", MPBOX_STATUS_OUT_OF_MEMORY,
                 MPBOX_SESSION_ROLLED_BACK);
    expect_kept(s, "print(v)", "5\n");
    mpbox_session_free(s);
}

static void trap_rolls_back(void)
{
    mpbox_session *s = session(5000, 0);
    expect_kept(s, "import uctypes\nt = 'kept'", "");
    expect_state(s, "t = 'changed'\nuctypes.bytearray_at(0x7FFFFFF0, 64)[0]", MPBOX_STATUS_TRAP,
                 MPBOX_SESSION_ROLLED_BACK);
    expect_kept(s, "print(t)", "kept\n");
    mpbox_session_free(s);
}

static void rollback_off_loses(void)
{
    mpbox_session *s = session(150, 0);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_ROLLBACK, 0) == 1);
    expect_state(s, "x = 7 ** 5000000", MPBOX_STATUS_TIMEOUT, MPBOX_SESSION_LOST);
    CHECK(mpbox_session_is_lost(s));
    mpbox_session_free(s);
}

/* Many runs: the checkpoint state is reset correctly each time. */
static void many_runs(void)
{
    mpbox_session *s = session(100, 0);
    expect_kept(s, "count = 0", "");
    uint64_t pages_max = 0;
    for (int i = 0; i < 60; i++) {
        if (i % 10 == 5) {
            expect_state(s, "count += 100\nx = 9 ** 5000000", MPBOX_STATUS_TIMEOUT, MPBOX_SESSION_ROLLED_BACK);
            continue;
        }
        mpbox_result *r = run_in(s, "count += 1\ndata = [count] * 100");
        CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_KEPT);
        if (mpbox_result_checkpoint_pages(r) > pages_max)
            pages_max = mpbox_result_checkpoint_pages(r);
        mpbox_result_free(r);
    }
    expect_kept(s, "print(count)", "54\n");
    CHECK(pages_max > 0); /* writes were tracked */
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(kept_on_success_and_exception);
    RUN(hard_stop_rolls_back);
    RUN(soft_timeout_is_kept);
    RUN(memory_error_with_full_heap);
    RUN(uncaught_single_memory_error);
    RUN(trap_rolls_back);
    RUN(rollback_off_loses);
    RUN(many_runs);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
