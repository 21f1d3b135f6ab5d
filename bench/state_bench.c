/*
 * state_bench.c — what session state costs: checkpoint per run (rollback on
 * vs off), save + load of a session holding about 2 MiB of Python heap, and
 * fork. Uses only include/mpbox.h. Prints p50/p99 in microseconds.
 *
 *   cc -std=c11 -O2 -Iinclude bench/state_bench.c build/libmpbox.a -lpthread -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mpbox.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    printf("| %s | %.1f | %.1f |\n", name, v[n / 2], v[n * 99 / 100]);
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "state_bench: %s failed: %s\n", what, mpbox_errstr(rc));
    exit(1);
}

static void run_ok(mpbox_session *s, const char *src)
{
    mpbox_result *r;
    int rc = mpbox_run(s, src, strlen(src), &r);
    if (rc != MPBOX_OK)
        die("run", rc);
    if (mpbox_result_status(r) != MPBOX_STATUS_OK) {
        fprintf(stderr, "state_bench: run of %.40s... gave %s\n", src, mpbox_status_name(mpbox_result_status(r)));
        exit(1);
    }
    mpbox_result_free(r);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    if (n < 10)
        n = 10;
    double *v = malloc(sizeof *v * (size_t)n);
    mpbox_runtime *rt;
    int rc = mpbox_runtime_new(&rt);
    if (rc != MPBOX_OK)
        die("runtime_new", rc);

    printf("| case | p50 µs | p99 µs |\n|---|---|---|\n");
    for (int rollback = 0; rollback <= 1; rollback++) {
        mpbox_session *s;
        if ((rc = mpbox_session_new(rt, &s)) != MPBOX_OK)
            die("session_new", rc);
        mpbox_session_limit(s, MPBOX_LIMIT_ROLLBACK, rollback);
        run_ok(s, "total = 0");
        for (int i = 0; i < n / 10; i++)
            run_ok(s, "total += 1");
        for (int i = 0; i < n; i++) {
            double t = now_us();
            run_ok(s, "total += 1");
            v[i] = now_us() - t;
        }
        report(rollback ? "warm run `total += 1`, rollback on (checkpoint)" : "warm run `total += 1`, rollback off",
               v, n);
        mpbox_session_free(s);
    }

    /* A session holding about 2 MiB of live Python objects. */
    mpbox_session *big;
    if ((rc = mpbox_session_new(rt, &big)) != MPBOX_OK)
        die("session_new", rc);
    run_ok(big, "data = [('row%d' % i) * 4 for i in range(30000)]\nimport gc\ngc.collect()");
    mpbox_result *r;
    mpbox_run(big, "print(len(data))", 16, &r);
    uint64_t peak = mpbox_result_peak_memory(r);
    mpbox_result_free(r);
    void *snap = NULL;
    size_t len = 0;
    int m = n / 10 < 50 ? 50 : n / 10;
    double *save = malloc(sizeof *save * (size_t)m), *load = malloc(sizeof *load * (size_t)m),
           *both = malloc(sizeof *both * (size_t)m), *fork = malloc(sizeof *fork * (size_t)m);
    for (int i = 0; i < m; i++) {
        double t0 = now_us();
        if ((rc = mpbox_session_save(big, &snap, &len)) != MPBOX_OK)
            die("save", rc);
        double t1 = now_us();
        mpbox_session *copy;
        if ((rc = mpbox_session_load(rt, snap, len, &copy, NULL)) != MPBOX_OK)
            die("load", rc);
        double t2 = now_us();
        save[i] = t1 - t0;
        load[i] = t2 - t1;
        both[i] = t2 - t0;
        if (i == 0)
            run_ok(copy, "assert len(data) == 30000");
        mpbox_session_free(copy);
        mpbox_free(snap);
        t0 = now_us();
        if ((rc = mpbox_session_fork(big, &copy)) != MPBOX_OK)
            die("fork", rc);
        fork[i] = now_us() - t0;
        mpbox_session_free(copy);
    }
    char name[160];
    snprintf(name, sizeof name, "save, session with a %.1f MiB snapshot (linear memory %.1f MiB)",
             (double)len / 1048576, (double)peak / 1048576);
    report(name, save, m);
    report("load of that snapshot", load, m);
    report("save + load", both, m);
    report("fork of that session", fork, m);
    mpbox_session_free(big);

    mpbox_session *fresh;
    mpbox_session_new(rt, &fresh);
    run_ok(fresh, "x = 1");
    for (int i = 0; i < m; i++) {
        mpbox_session *copy;
        double t0 = now_us();
        if ((rc = mpbox_session_fork(fresh, &copy)) != MPBOX_OK)
            die("fork", rc);
        fork[i] = now_us() - t0;
        mpbox_session_free(copy);
    }
    report("fork of a session that ran `x = 1`", fork, m);
    mpbox_session_free(fresh);
    mpbox_runtime_free(rt);
    free(v);
    free(save);
    free(load);
    free(both);
    free(fork);
    return 0;
}
