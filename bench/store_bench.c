/*
 * store_bench.c — what storing a session's state after a run costs in the
 * worker under `mpbox serve --store` (docs/benchmarks.md, "Replicas"):
 * mpbox_session_save with a snapshot key (as the server's workers have),
 * indexing the snapshot's blocks for the next delta, and encoding the
 * delta of one small run, with the delta's size. bench/serve compiles and
 * runs it (with server/delta.c and server/proto.c, -Iutil -Iserver).
 *
 *   store_bench [RUNS]     median and p90 over RUNS (default 200) runs
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "delta.h"
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

/* One session prepared with setup, then `runs` times: a small run, save,
 * encode against the previous save, index. */
static void measure(mpbox_runtime *rt, const char *what, const char *setup, int runs)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        exit(1);
    run_ok(s, setup);
    void *snap = NULL;
    size_t len = 0;
    if (mpbox_session_save(s, &snap, &len) != MPBOX_OK)
        exit(1);
    struct dl_index *ix = dl_index_new(snap, len);
    mpbox_free(snap);
    double *save = malloc(sizeof *save * (size_t)runs), *enc = malloc(sizeof *enc * (size_t)runs),
           *idx = malloc(sizeof *idx * (size_t)runs), *bytes = malloc(sizeof *bytes * (size_t)runs);
    struct mpb_buf out = {0};
    for (int i = 0; i < runs; i++) {
        run_ok(s, "n = n + 1 if 'n' in dir() else 0");
        double t0 = now_us();
        if (mpbox_session_save(s, &snap, &len) != MPBOX_OK)
            exit(1);
        double t1 = now_us();
        mpb_buf_reset(&out);
        dl_encode(ix, snap, len, &out);
        double t2 = now_us();
        dl_index_free(ix);
        ix = dl_index_new(snap, len);
        double t3 = now_us();
        save[i] = t1 - t0;
        enc[i] = t2 - t1;
        idx[i] = t3 - t2;
        bytes[i] = (double)out.len;
        mpbox_free(snap);
    }
    printf("| %s | %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |\n", what, (double)len,
           pct(save, runs, .5), pct(save, runs, .9), pct(idx, runs, .5), pct(idx, runs, .9), pct(enc, runs, .5),
           pct(enc, runs, .9), pct(bytes, runs, .5), pct(bytes, runs, .9));
    mpb_buf_free(&out);
    dl_index_free(ix);
    free(save);
    free(enc);
    free(idx);
    free(bytes);
    mpbox_session_free(s);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 10)
        runs = 10;
    mpbox_runtime *rt = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_runtime_snapshot_key(rt, "0123456789abcdef0123456789abcdef", 32))
        return 1;
    printf("| session | snapshot bytes | save µs p50 / p90 | index µs | delta µs | delta bytes |\n"
           "|---|---|---|---|---|---|\n");
    measure(rt, "fresh (`x = 1`)", "x = 1", runs);
    measure(rt, "30,000-item list", "data = [i * 2 for i in range(30000)]", runs);
    measure(rt, "1 MiB of bytes", "blob = bytes(range(256)) * 4096", runs);
    mpbox_runtime_free(rt);
    return 0;
}
