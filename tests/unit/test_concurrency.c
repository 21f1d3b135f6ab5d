/*
 * test_concurrency.c — sessions running at the same time in different
 * threads of one process: independent output and state, timeouts and hard
 * stops that hit only their own session, and guest recursion on a thread
 * with a small native stack.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "mpbox.h"
#include "session.h"

static mpbox_runtime *rt;

#define THREADS 8
#define RUNS 25

struct worker {
    int id;
    int kind; /* 0 = compute, 1 = soft timeout, 2 = hard stop */
    int ok;
    char why[160];
};

static void *work(void *arg)
{
    struct worker *w = arg;
    mpbox_session *s;
    w->ok = 1;
    if (mpbox_session_new(rt, &s) != MPBOX_OK) {
        w->ok = 0;
        snprintf(w->why, sizeof w->why, "session_new failed");
        return NULL;
    }
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(100));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, STRESS_MS(100));
    char src[256], want[64];
    snprintf(src, sizeof src, "me = %d\ntotal = 0\n", w->id);
    mpbox_result *r;
    mpbox_run(s, src, strlen(src), &r);
    mpbox_result_free(r);
    for (int i = 0; i < RUNS && w->ok; i++) {
        if (w->kind == 1 && i % 5 == 0) {
            const char *loop = "while True: total += 0";
            mpbox_run(s, loop, strlen(loop), &r);
            if (mpbox_result_status(r) != MPBOX_STATUS_TIMEOUT || mpbox_result_session_lost(r)) {
                w->ok = 0;
                snprintf(w->why, sizeof w->why, "worker %d: soft timeout gave %s", w->id,
                         mpbox_status_name(mpbox_result_status(r)));
            }
            mpbox_result_free(r);
            continue;
        }
        if (w->kind == 2 && i == RUNS / 2) {
            /* hard stop in C-level work: the session goes back to its
             * state before this run */
            const char *big = "total += 1000\nx = 3 ** 5000000";
            mpbox_run(s, big, strlen(big), &r);
            if (mpbox_result_status(r) != MPBOX_STATUS_TIMEOUT ||
                mpbox_result_session_state(r) != MPBOX_SESSION_ROLLED_BACK) {
                w->ok = 0;
                snprintf(w->why, sizeof w->why, "worker %d: hard stop gave %s/%s", w->id,
                         mpbox_status_name(mpbox_result_status(r)),
                         mpbox_session_state_name(mpbox_result_session_state(r)));
            }
            mpbox_result_free(r);
            continue;
        }
        snprintf(src, sizeof src, "total += %d\nprint(me, total, sum(range(%d)))", i, 1000 * (i + 1));
        int expected_total = i * (i + 1) / 2;
        if (w->kind == 1) /* runs 0, 5, 10... were timeouts */
            for (int k = 0; k <= i; k += 5)
                expected_total -= k;
        if (w->kind == 2 && i > RUNS / 2) /* that run was rolled back */
            expected_total -= RUNS / 2;
        long long n = 1000LL * (i + 1);
        snprintf(want, sizeof want, "%d %d %lld\n", w->id, expected_total, n * (n - 1) / 2);
        if (mpbox_run(s, src, strlen(src), &r) != MPBOX_OK) {
            w->ok = 0;
            snprintf(w->why, sizeof w->why, "worker %d: run %d failed", w->id, i);
            break;
        }
        if (strcmp(mpbox_result_stdout(r, NULL), want) != 0) {
            w->ok = 0;
            snprintf(w->why, sizeof w->why, "worker %d run %d: got '%.40s' want '%.40s' (%s)", w->id, i,
                     mpbox_result_stdout(r, NULL), want, mpbox_status_name(mpbox_result_status(r)));
        }
        mpbox_result_free(r);
    }
    mpbox_session_free(s);
    return NULL;
}

static void run_workers(int kinds[THREADS])
{
    pthread_t t[THREADS];
    struct worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (struct worker){.id = i, .kind = kinds[i]};
        CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        if (!w[i].ok)
            printf("    %s\n", w[i].why);
        CHECK(w[i].ok);
    }
}

static void parallel_compute(void)
{
    int kinds[THREADS] = {0};
    run_workers(kinds);
}

static void parallel_with_timeouts_and_hard_stops(void)
{
    int kinds[THREADS] = {0, 1, 2, 0, 1, 2, 0, 0};
    run_workers(kinds);
}

static void *recurse(void *arg)
{
    int *status = arg;
    mpbox_result *r = NULL;
    const char *src = "def f(n):\n    if n % 10 == 0:\n        print(n)\n    return f(n + 1) + 1\nf(0)\n";
    if (mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK)
        *status = mpbox_result_status(r);
    mpbox_result_free(r);
    return NULL;
}

/* On a thread whose native stack is smaller than the guest's recursion
 * needs, the host notices before the stack runs out (or the guard page
 * traps): a trap or the guest's RecursionError, never a crash. */
static void small_native_stack(void)
{
    size_t sizes[] = {64 * 1024, 96 * 1024, 192 * 1024, 8u << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, sizes[i]);
        pthread_t t;
        int status = -1;
        CHECK(pthread_create(&t, &attr, recurse, &status) == 0);
        pthread_join(t, NULL);
        pthread_attr_destroy(&attr);
        if (getenv("MPB_VERBOSE"))
            printf("    stack %zu KiB: %s\n", sizes[i] / 1024, mpbox_status_name(status));
        CHECK(status == MPBOX_STATUS_TRAP || status == MPBOX_STATUS_ERROR);
    }
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(parallel_compute);
    RUN(parallel_with_timeouts_and_hard_stops);
    RUN(small_native_stack);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
