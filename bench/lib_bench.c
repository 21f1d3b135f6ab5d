/*
 * lib_bench — what the compatibility library costs (docs/compatibility.md,
 * "Cost"): the start-up image and fresh sessions, and `import X` in a fresh
 * session.
 *
 *   build/lib_bench [MODULE ...]
 *
 * Prints, one per line:
 *   runtime_new_ms       mpbox_runtime_new (copies the image made at build
 *                        time, tools/mkimage.c: the preloads cost nothing here)
 *   cycle_p50_us         session new + run "print(1+1)" + free (2000 times)
 *   create_p50_us        session new + free (2000 times)
 *   fresh_snapshot_kib   size of a fresh session's snapshot (the image's
 *                        non-zero pages, plus headers)
 *   run_pass_us          mpbox_run("pass") in a fresh session (median of 200)
 *   import X ... us      mpbox_run("import X") in a fresh session, minus the
 *                        above (median of 200)
 *
 * Compare two preload lists by editing lib/python/_preload.txt and
 * rebuilding. Uses the public API only. Build:
 *   cc -O2 -Iinclude bench/lib_bench.c build/libmpbox.a -lsqlite3 -lpthread -lm -o build/lib_bench
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mpbox.h"

#define CYCLES 2000
#define RUNS 200

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

static mpbox_session *new_session(mpbox_runtime *rt)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK) {
        fprintf(stderr, "lib_bench: cannot create a session\n");
        exit(1);
    }
    return s;
}

/* Median time of running src in a fresh session; exits on a failed run. */
static double fresh_run_us(mpbox_runtime *rt, const char *src)
{
    static double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        mpbox_session *s = new_session(rt);
        mpbox_result *r = NULL;
        double t0 = now_us();
        int rc = mpbox_run(s, src, strlen(src), &r);
        t[i] = now_us() - t0;
        if (rc != MPBOX_OK || mpbox_result_status(r) != MPBOX_STATUS_OK) {
            fprintf(stderr, "lib_bench: %s failed: %s\n", src, r ? mpbox_result_traceback(r) : mpbox_errstr(rc));
            exit(1);
        }
        mpbox_result_free(r);
        mpbox_session_free(s);
    }
    return median(t, RUNS);
}

int main(int argc, char **argv)
{
    static double t[CYCLES];
    double t0 = now_us();
    mpbox_runtime *rt = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        fprintf(stderr, "lib_bench: no runtime\n");
        return 1;
    }
    printf("runtime_new_ms=%.1f\n", (now_us() - t0) / 1000);
    for (int round = 0; round < 2; round++) /* the first round warms up */
        for (int i = 0; i < CYCLES; i++) {
            double a = now_us();
            mpbox_session *s = new_session(rt);
            mpbox_result *r = NULL;
            mpbox_run(s, "print(1+1)", 10, &r);
            mpbox_result_free(r);
            mpbox_session_free(s);
            t[i] = now_us() - a;
        }
    printf("cycle_p50_us=%.1f\n", median(t, CYCLES));
    for (int i = 0; i < CYCLES; i++) {
        double a = now_us();
        mpbox_session_free(new_session(rt));
        t[i] = now_us() - a;
    }
    printf("create_p50_us=%.1f\n", median(t, CYCLES));
    mpbox_session *s = new_session(rt);
    void *snap = NULL;
    size_t len = 0;
    if (mpbox_session_save(s, &snap, &len) == MPBOX_OK)
        printf("fresh_snapshot_kib=%zu\n", len / 1024);
    mpbox_free(snap);
    mpbox_session_free(s);
    double base = fresh_run_us(rt, "pass");
    printf("run_pass_us=%.1f\n", base);
    char src[300];
    for (int i = 1; i < argc; i++) {
        if (strlen(argv[i]) > 200)
            continue;
        snprintf(src, sizeof src, "import %s", argv[i]);
        printf("import %-12s %9.1f us\n", argv[i], fresh_run_us(rt, src) - base);
    }
    mpbox_runtime_free(rt);
    return 0;
}
