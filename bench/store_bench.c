/*
 * store_bench.c — what storing a session's state after a run costs in the
 * worker under `mpbox serve --store` (docs/benchmarks.md, "Replicas"):
 * after each small run, mpbox_session_save_delta with a snapshot key (as
 * the server's workers do, the delta's size), mpbox_session_apply_delta of
 * it on a copy (what a restore pays per delta), and for comparison
 * mpbox_session_save of the whole session (a base). bench/serve compiles
 * and runs it.
 *
 *   store_bench [RUNS]     median and p90 over RUNS (default 200) runs
 */
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

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return v[(int)(p * (n - 1) + 0.5)];
}

static void run_ok(mpbox_session *s, const char *code)
{
    mpbox_result *r = NULL;
    if (mpbox_run(s, code, strlen(code), &r) != MPBOX_OK || mpbox_result_status(r) != MPBOX_STATUS_OK) {
        fprintf(stderr, "store_bench: run failed: %s\n", code);
        exit(1);
    }
    mpbox_result_free(r);
}

static void *save_or_die(mpbox_session *s, int delta, size_t *len)
{
    void *data = NULL;
    if ((delta ? mpbox_session_save_delta(s, &data, len) : mpbox_session_save(s, &data, len)) != MPBOX_OK)
        exit(1);
    return data;
}

/* One session prepared with setup and saved, a copy loaded from that, then
 * `runs` times: a small run, its delta, the delta applied to the copy; a
 * whole save (on a fork, which leaves the chain alone) every tenth run. */
static void measure(mpbox_runtime *rt, const char *what, const char *setup, int runs)
{
    mpbox_session *s = NULL, *copy = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        exit(1);
    run_ok(s, setup);
    size_t len = 0;
    void *snap = save_or_die(s, 0, &len);
    if (mpbox_session_load(rt, snap, len, &copy, NULL) != MPBOX_OK)
        exit(1);
    mpbox_free(snap);
    int nfull = runs / 10;
    double *dsave = malloc(sizeof(double) * (size_t)runs), *apply = malloc(sizeof(double) * (size_t)runs),
           *dbytes = malloc(sizeof(double) * (size_t)runs), *full = malloc(sizeof(double) * (size_t)nfull);
    size_t full_len = 0;
    for (int i = 0; i < runs; i++) {
        run_ok(s, "n = n + 1 if 'n' in dir() else 0");
        double t0 = now_us();
        void *d = save_or_die(s, 1, &len);
        double t1 = now_us();
        if (mpbox_session_apply_delta(copy, d, len, NULL) != MPBOX_OK)
            exit(1);
        double t2 = now_us();
        dsave[i] = t1 - t0;
        apply[i] = t2 - t1;
        dbytes[i] = (double)len;
        mpbox_free(d);
        if (i % 10 == 0 && i / 10 < nfull) {
            mpbox_session *f = NULL;
            if (mpbox_session_fork(s, &f) != MPBOX_OK)
                exit(1);
            double t3 = now_us();
            void *whole = save_or_die(f, 0, &full_len);
            full[i / 10] = now_us() - t3;
            mpbox_free(whole);
            mpbox_session_free(f);
        }
    }
    printf("| %s | %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |\n", what, (double)full_len,
           pct(full, nfull, .5), pct(full, nfull, .9), pct(dsave, runs, .5), pct(dsave, runs, .9),
           pct(dbytes, runs, .5), pct(dbytes, runs, .9), pct(apply, runs, .5), pct(apply, runs, .9));
    free(dsave);
    free(apply);
    free(dbytes);
    free(full);
    mpbox_session_free(s);
    mpbox_session_free(copy);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 10)
        runs = 10;
    mpbox_runtime *rt = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_runtime_snapshot_key(rt, "0123456789abcdef0123456789abcdef", 32))
        return 1;
    printf("| session | snapshot bytes | whole save µs p50 / p90 | delta save µs | delta bytes | delta apply µs |\n"
           "|---|---|---|---|---|---|\n");
    measure(rt, "fresh (`x = 1`)", "x = 1", runs);
    measure(rt, "30,000-item list", "data = [i * 2 for i in range(30000)]", runs);
    measure(rt, "1 MiB of bytes", "blob = bytes(range(256)) * 4096", runs);
    mpbox_runtime_free(rt);
    return 0;
}
