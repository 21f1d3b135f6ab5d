/*
 * python_bench — the C side of bench/python_bench.py: the same workloads the
 * Python script runs through `import mpbox`, here through the C API, so that
 * the difference is what the Python package adds per run.
 *
 *   build/bench/python_bench N
 *
 * Prints one line per workload, `name p50_us`, each the median of N:
 *   oneshot   session new + run "print(1+1)" + result free + session free
 *             (what mpbox.run() does)
 *   run_pass  mpbox_run("pass") + result free in one warm session
 *   run_print mpbox_run("print(1+1)") + reading stdout + result free
 *   host_call mpbox_run("noop()") where noop is a host function replying null
 * Public API only. Build (bench/python_bench.py does it):
 *   cc -std=c11 -O2 -Iinclude bench/python_bench.c build/libmpbox.a -lsqlite3 -lpthread -lm
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mpbox.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return v[n / 2];
}

static int noop(void *user, const char *args, size_t len, mpbox_call *call)
{
    return mpbox_reply_json(call, "null", 4);
}

static void check(int rc, mpbox_result *r, const char *what)
{
    if (rc != MPBOX_OK || mpbox_result_status(r) != MPBOX_STATUS_OK) {
        fprintf(stderr, "python_bench: %s failed\n", what);
        exit(1);
    }
}

/* Median time of running src n times in session s (NULL: a fresh session
 * per run, as mpbox.run does). */
static double measure(mpbox_runtime *rt, mpbox_session *s, const char *src, int n, double *t)
{
    for (int i = 0; i < n; i++) {
        mpbox_result *r = NULL;
        double a = now_us();
        mpbox_session *one = s;
        if (!s && mpbox_session_new(rt, &one) != MPBOX_OK) {
            fprintf(stderr, "python_bench: no session\n");
            exit(1);
        }
        int rc = mpbox_run(one, src, strlen(src), &r);
        size_t len;
        volatile const char *out = mpbox_result_stdout(r, &len);
        (void)out;
        check(rc, r, src);
        mpbox_result_free(r);
        if (!s)
            mpbox_session_free(one);
        t[i] = now_us() - a;
    }
    return median(t, n);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    if (n < 1 || n > 10000000)
        n = 2000;
    double *t = malloc(sizeof *t * (size_t)n);
    mpbox_runtime *rt = NULL;
    mpbox_session *s = NULL;
    if (!t || mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_session_new(rt, &s) != MPBOX_OK ||
        mpbox_session_register(s, "noop", noop, NULL) != MPBOX_OK) {
        fprintf(stderr, "python_bench: set-up failed\n");
        return 1;
    }
    measure(rt, NULL, "print(1+1)", n, t); /* warm-up */
    printf("oneshot %.2f\n", measure(rt, NULL, "print(1+1)", n, t));
    measure(rt, s, "noop()", n, t);
    printf("run_pass %.2f\n", measure(rt, s, "pass", n, t));
    printf("run_print %.2f\n", measure(rt, s, "print(1+1)", n, t));
    printf("host_call %.2f\n", measure(rt, s, "noop()", n, t));
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
    free(t);
    return 0;
}
