/*
 * session_bench — in-process latency of mpbox sessions.
 *
 *   build/session_bench [N]      N iterations per case (default 2000)
 *
 * One runtime is created (not timed), then three cases are timed one
 * iteration at a time with clock_gettime(CLOCK_MONOTONIC):
 *
 *   cycle    mpbox_session_new + mpbox_run("print(1+1)") + check that stdout
 *            is "2\n" + mpbox_result_free + mpbox_session_free
 *   create   mpbox_session_new + mpbox_session_free
 *   run      mpbox_run("print(1+1)") + check + mpbox_result_free on one warm
 *            session
 *
 * Each case is warmed up first. For each case one line is printed:
 *
 *   case=cycle n=2000 p50=... p90=... p99=... max=... mean=...   (microseconds)
 *
 * Any run that does not finish with status ok and stdout exactly "2\n" makes
 * the program print what it got and exit with status 1.
 *
 * Uses only the public API (include/mpbox.h). Build:
 *   cc -O2 -Iinclude bench/session_bench.c build/libmpbox.a -lpthread -lm \
 *      -o build/session_bench
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mpbox.h"

static const char SRC[] = "print(1+1)";
#define SRC_LEN (sizeof SRC - 1)

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die_rc(const char *what, int rc)
{
    fprintf(stderr, "session_bench: %s failed: %s (rc %d)\n", what, mpbox_errstr(rc), rc);
    exit(1);
}

/* Check a result of print(1+1); on anything but status ok + "2\n", report
 * everything we know and exit. Frees the result. */
static void check_and_free(mpbox_result *r, const char *where, long iter)
{
    size_t len = 0, elen = 0;
    const char *out = mpbox_result_stdout(r, &len);
    int st = mpbox_result_status(r);
    if (st != MPBOX_STATUS_OK || out == NULL || len != 2 || memcmp(out, "2\n", 2) != 0) {
        const char *err = mpbox_result_stderr(r, &elen);
        const char *et = mpbox_result_error_type(r);
        const char *tb = mpbox_result_traceback(r);
        const char *trap = mpbox_result_trap_reason(r);
        fprintf(stderr,
                "session_bench: FAIL in case %s, iteration %ld: status %s, stdout %zu bytes: \"",
                where, iter, mpbox_status_name(st), len);
        for (size_t i = 0; out && i < len && i < 200; i++) {
            unsigned char c = (unsigned char)out[i];
            if (c >= 32 && c < 127 && c != '"' && c != '\\')
                fputc(c, stderr);
            else
                fprintf(stderr, "\\x%02x", c);
        }
        fprintf(stderr, "\" (expected \"2\\n\")\n");
        if (err && elen)
            fprintf(stderr, "  stderr: %.*s\n", (int)(elen > 500 ? 500 : elen), err);
        if (et)
            fprintf(stderr, "  error type: %s\n", et);
        if (tb)
            fprintf(stderr, "  traceback: %s\n", tb);
        if (trap)
            fprintf(stderr, "  trap: %s\n", trap);
        mpbox_result_free(r);
        exit(1);
    }
    mpbox_result_free(r);
}

static void cycle_once(mpbox_runtime *rt, long iter)
{
    mpbox_session *s = NULL;
    mpbox_result *r = NULL;
    int rc = mpbox_session_new(rt, &s);
    if (rc != MPBOX_OK)
        die_rc("mpbox_session_new", rc);
    rc = mpbox_run(s, SRC, SRC_LEN, &r);
    if (rc != MPBOX_OK)
        die_rc("mpbox_run", rc);
    check_and_free(r, "cycle", iter);
    mpbox_session_free(s);
}

static void create_once(mpbox_runtime *rt)
{
    mpbox_session *s = NULL;
    int rc = mpbox_session_new(rt, &s);
    if (rc != MPBOX_OK)
        die_rc("mpbox_session_new", rc);
    mpbox_session_free(s);
}

static void run_once(mpbox_session *s, long iter)
{
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, SRC, SRC_LEN, &r);
    if (rc != MPBOX_OK)
        die_rc("mpbox_run", rc);
    check_and_free(r, "run", iter);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double pct(const double *v, long n, double p)
{
    long k = (long)(p / 100.0 * (double)n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

static void report(const char *name, double *v, long n)
{
    double sum = 0;
    for (long i = 0; i < n; i++)
        sum += v[i];
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    printf("case=%-6s n=%ld p50=%.2f p90=%.2f p99=%.2f max=%.2f mean=%.2f\n", name, n,
           pct(v, n, 50), pct(v, n, 90), pct(v, n, 99), v[n - 1], sum / (double)n);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    long n = 2000;
    if (argc > 2 || (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))) {
        fprintf(stderr, "usage: %s [ITERATIONS]   (default 2000)\n", argv[0]);
        return 2;
    }
    if (argc == 2) {
        char *end;
        errno = 0;
        n = strtol(argv[1], &end, 10);
        if (errno || *end || n < 1 || n > 100000000) {
            fprintf(stderr, "session_bench: bad iteration count '%s'\n", argv[1]);
            return 2;
        }
    }
    long warm = n / 10 < 100 ? 100 : n / 10;

    double *t = malloc((size_t)n * sizeof *t);
    if (!t) {
        fprintf(stderr, "session_bench: out of memory\n");
        return 1;
    }

    mpbox_runtime *rt = NULL;
    double t0 = now_us();
    int rc = mpbox_runtime_new(&rt);
    if (rc != MPBOX_OK)
        die_rc("mpbox_runtime_new", rc);
    printf("runtime_new_us=%.1f\n", now_us() - t0);

    /* cycle: fresh session + print(1+1) + destroy */
    for (long i = 0; i < warm; i++)
        cycle_once(rt, -1 - i);
    for (long i = 0; i < n; i++) {
        double a = now_us();
        cycle_once(rt, i);
        t[i] = now_us() - a;
    }
    report("cycle", t, n);

    /* create: fresh session + destroy, no run */
    for (long i = 0; i < warm; i++)
        create_once(rt);
    for (long i = 0; i < n; i++) {
        double a = now_us();
        create_once(rt);
        t[i] = now_us() - a;
    }
    report("create", t, n);

    /* run: print(1+1) on one warm session */
    mpbox_session *s = NULL;
    rc = mpbox_session_new(rt, &s);
    if (rc != MPBOX_OK)
        die_rc("mpbox_session_new", rc);
    for (long i = 0; i < warm; i++)
        run_once(s, -1 - i);
    for (long i = 0; i < n; i++) {
        double a = now_us();
        run_once(s, i);
        t[i] = now_us() - a;
    }
    report("run", t, n);
    mpbox_session_free(s);

    mpbox_runtime_free(rt);
    free(t);
    return 0;
}
