/*
 * session.h — what the tests of sessions share, on check.h and the public
 * API: a session, a run, an expected output. Include it instead of keeping
 * a copy of these in a test file (tests/README.md).
 */
#ifndef MPB_TEST_SESSION_H
#define MPB_TEST_SESSION_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mpbox.h"

/* Collection stress: make test-gc-stress builds the library and these
 * tests with MPBOX_GC_STRESS=1, a collection before every allocation
 * (under the sanitizers). Each allocation then scans everything live, so a
 * program that allocates a lot while holding a lot slows down with the
 * square of its size (a 20000-key dict built in 10 ms takes 85 s of CPU).
 * A test keeps its assertion there and shrinks its work with
 * UNDER_GC_STRESS(normal, smaller); a time limit set for a program that
 * should finish, or a grace period in which it should handle its
 * KeyboardInterrupt, is STRESS_MS(ms): the same, or 50 times longer. */
#if defined(MPBOX_GC_STRESS) && MPBOX_GC_STRESS > 0
#define GC_STRESS_BUILD 1
#else
#define GC_STRESS_BUILD 0
#endif
#define UNDER_GC_STRESS(normal, smaller) (GC_STRESS_BUILD ? (smaller) : (normal))
#define STRESS_MS(ms) UNDER_GC_STRESS((ms), (ms) * 50)

/* A new session of rt with the runtime's limits; without one nothing else
 * could be checked, so the test program stops. */
static inline mpbox_session *new_session(mpbox_runtime *rt)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK || !s) {
        printf("FAIL setup: cannot create a session\n");
        exit(1);
    }
    return s;
}

/* Under collection stress, the runtime's default timeout is STRESS_MS of
 * the usual one for the sessions made afterwards; a test program calls this
 * once after making its runtime. */
static inline void stress_timeouts(mpbox_runtime *rt)
{
    if (GC_STRESS_BUILD)
        mpbox_runtime_limit(rt, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(MPBOX_DEFAULT_TIMEOUT_MS));
}

/* Run src in s: the call itself must succeed (whatever the program does).
 * The result, or NULL when the call failed. */
static inline mpbox_result *run_in(mpbox_session *s, const char *src)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK && r);
    return r;
}

/* Run src in s: it must end normally and print exactly `out`; otherwise
 * the error is shown under the FAIL line. */
static inline void expect(mpbox_session *s, const char *src, const char *out)
{
    mpbox_result *r = run_in(s, src);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    if (r && mpbox_result_status(r) != MPBOX_STATUS_OK)
        printf("    %s: %s\n%s", mpbox_status_name(mpbox_result_status(r)),
               mpbox_result_error_message(r) ? mpbox_result_error_message(r) : "-",
               mpbox_result_traceback(r) ? mpbox_result_traceback(r) : "");
    CHECK_STR(r ? mpbox_result_stdout(r, NULL) : NULL, out);
    mpbox_result_free(r);
}

/* Run src in s: it must end normally and print exactly `out` (unless
 * NULL). Its fuel. */
static inline uint64_t expect_fuel(mpbox_session *s, const char *src, const char *out)
{
    mpbox_result *r = run_in(s, src);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    if (r && mpbox_result_error_message(r))
        printf("    %s: %s\n", mpbox_result_error_type(r), mpbox_result_error_message(r));
    if (out)
        CHECK_STR(r ? mpbox_result_stdout(r, NULL) : NULL, out);
    uint64_t fuel = r ? mpbox_result_fuel_used(r) : 0;
    mpbox_result_free(r);
    return fuel;
}

/* Run src in s with `fuel` to spend: it must run out (and so be rolled
 * back); the limit is lifted afterwards. */
static inline void expect_out_of_fuel(mpbox_session *s, const char *src, int64_t fuel)
{
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, fuel) >= 0);
    mpbox_result *r = run_in(s, src);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_FUEL);
    mpbox_result_free(r);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0) >= 0);
}

/* A fork of s in *fork, and a copy of s saved and loaded again in
 * *loaded (NULL, with a failed check, where that could not be made). */
static inline void fork_and_copy(mpbox_runtime *rt, mpbox_session *s, mpbox_session **fork, mpbox_session **loaded)
{
    *fork = *loaded = NULL;
    CHECK(mpbox_session_fork(s, fork) == MPBOX_OK);
    void *blob = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &blob, &len) == MPBOX_OK);
    CHECK(mpbox_session_load(rt, blob, len, loaded, NULL) == MPBOX_OK);
    mpbox_free(blob);
}

/* src in two fresh sessions of rt: it must print out in both, with the
 * same fuel (returned). */
static inline uint64_t expect_same_fuel_fresh(mpbox_runtime *rt, const char *src, const char *out)
{
    mpbox_session *a = new_session(rt), *b = new_session(rt);
    uint64_t f1 = expect_fuel(a, src, out), f2 = expect_fuel(b, src, out);
    CHECK(f1 == f2);
    CHECK(f1 > 0 || !mpbox_has_fuel());
    mpbox_session_free(a);
    mpbox_session_free(b);
    return f1;
}

/* src in s and in fork_and_copy's fork and loaded copy of it (either may
 * be NULL after a failed check): it must print out in each, with the same
 * fuel. Frees fork and loaded. */
static inline void expect_same_fuel_in_copies(mpbox_session *s, mpbox_session *fork, mpbox_session *loaded,
                                              const char *src, const char *out)
{
    uint64_t f1 = expect_fuel(s, src, out);
    uint64_t f2 = fork ? expect_fuel(fork, src, out) : 0;
    uint64_t f3 = loaded ? expect_fuel(loaded, src, out) : 0;
    CHECK(f1 == f2 && f1 == f3);
    mpbox_session_free(fork);
    mpbox_session_free(loaded);
}

/* The runtime a test file's cases share, with stress_timeouts set; exits
 * with a FAIL line when there is none. */
static inline mpbox_runtime *shared_runtime(void)
{
    mpbox_runtime *rt = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        exit(1);
    }
    stress_timeouts(rt);
    return rt;
}

#endif /* MPB_TEST_SESSION_H */
