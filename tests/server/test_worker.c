/*
 * test_worker.c — sessions in worker processes (server/worker.h): runs,
 * state, parallel workers, deaths and their reports, timeouts, the memory
 * cap, files, snapshots, one-shot runs, and the confinement of a worker
 * (descriptors, environment, seccomp).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/check.h"
#include "sandbox.h"
#include "worker.h"

static struct wk_pool *pool;
static char mount_root[64];

/* The value of "key": in a result's JSON, as a string (a small scan: the
 * fields tested are plain). */
static int json_has(const char *json, const char *fragment)
{
    return json && strstr(json, fragment) != NULL;
}

static struct wk *spawn_plain(void)
{
    struct wk *w = NULL;
    char err[256] = "";
    int rc = wk_spawn(pool, NULL, &w, err, sizeof err);
    if (rc != WK_OK)
        printf("    spawn: %d %s\n", rc, err);
    CHECK(rc == WK_OK && w);
    return w;
}

static char *run(struct wk *w, const char *code, int *rc)
{
    char *json = NULL;
    size_t len = 0;
    *rc = wk_run(w, code, strlen(code), 0, &json, &len);
    if (*rc == WK_OK)
        CHECK(json && strlen(json) == len);
    return json;
}

static void state_persists(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    int rc;
    char *j = run(w, "x = 40\nprint('set')", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"ok\""));
    CHECK(json_has(j, "\"stdout\":\"set\\n\""));
    free(j);
    j = run(w, "print(x + 2)", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"stdout\":\"42\\n\""));
    free(j);
    /* a Python error is a result, not a call failure */
    j = run(w, "1/0", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"error\""));
    CHECK(json_has(j, "ZeroDivisionError"));
    free(j);
    /* return values (MPBOX_RUN_RETURN_VALUE) */
    char *json = NULL;
    CHECK(wk_run(w, "x * 2", 5, MPBOX_RUN_RETURN_VALUE, &json, NULL) == WK_OK);
    CHECK(json_has(json, "\"return_value\":80"));
    free(json);
    CHECK(wk_pid(w) > 0 && wk_pid(w) != getpid());
    CHECK(wk_rss(w) > 0);
    CHECK(wk_death(w) == NULL);
    wk_free(w);
}

struct par {
    struct wk *w;
    int n;
    int ok;
};

static void *par_main(void *arg)
{
    struct par *a = arg;
    char code[128];
    snprintf(code, sizeof code, "import time\ntime.sleep_ms(300)\nprint(%d * 2)", a->n);
    char want[64];
    snprintf(want, sizeof want, "\"stdout\":\"%d\\n\"", a->n * 2);
    int rc;
    char *j = run(a->w, code, &rc);
    a->ok = rc == WK_OK && json_has(j, want);
    free(j);
    return NULL;
}

static void parallel_workers(void)
{
    struct par a[2] = {{spawn_plain(), 21, 0}, {spawn_plain(), 50, 0}};
    if (!a[0].w || !a[1].w) {
        wk_free(a[0].w);
        wk_free(a[1].w);
        return;
    }
    CHECK(wk_pid(a[0].w) != wk_pid(a[1].w));
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, par_main, &a[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK(a[0].ok && a[1].ok);
    wk_free(a[0].w);
    wk_free(a[1].w);
}

struct killer {
    pid_t pid;
};

static void *killer_main(void *arg)
{
    struct killer *k = arg;
    usleep(300 * 1000);
    kill(k->pid, SIGKILL);
    return NULL;
}

static void killed_mid_run(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    struct killer k = {wk_pid(w)};
    pthread_t t;
    pthread_create(&t, NULL, killer_main, &k);
    int rc;
    char *j = run(w, "while True:\n    pass\n", &rc);
    pthread_join(t, NULL);
    CHECK(rc == WK_DEAD);
    CHECK(j == NULL);
    const struct wk_death *d = wk_death(w);
    CHECK(d != NULL);
    if (d) {
        CHECK(!d->exited && d->status == SIGKILL);
        CHECK_STR(d->what, "killed by SIGKILL");
    }
    /* further calls fail at once, and the pool keeps working */
    j = run(w, "print(1)", &rc);
    CHECK(rc == WK_DEAD);
    free(j);
    wk_free(w);
    w = spawn_plain();
    if (w) {
        j = run(w, "print(7)", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"7\\n\""));
        free(j);
        wk_free(w);
    }
}

static void timeout_and_memory(void)
{
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    limits[MPBOX_LIMIT_TIMEOUT_MS] = 300;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
    limits[MPBOX_LIMIT_MEMORY] = 32 << 20;
    struct wk_session_spec spec = {.limits = limits};
    struct wk *w = NULL;
    char err[256];
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (!w)
        return;
    int rc;
    char *j = run(w, "n = 0\nwhile True:\n    n += 1\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"timeout\""));
    free(j);
    j = run(w, "x = bytearray(64 * 1024 * 1024)", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"out_of_memory\""));
    free(j);
    j = run(w, "b = []\nwhile True:\n    b.append('x' * 1000000)\n", &rc);
    CHECK(rc == WK_OK);
    if (!json_has(j, "\"status\":\"out_of_memory\"")) printf("    %s\n", j ? j : "(null)");
    CHECK(json_has(j, "\"status\":\"out_of_memory\""));
    free(j);
    /* a trap: runaway recursion in C code */
    j = run(w, "def f():\n    f()\nf()\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"error\"") || json_has(j, "\"status\":\"trap\""));
    free(j);
    /* the session still works after all that */
    j = run(w, "print('alive')", &rc);
    CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"alive\\n\""));
    free(j);
    CHECK(wk_death(w) == NULL);
    wk_free(w);
}

static void files(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    char err[256];
    CHECK(wk_put_file(w, "/data/in.txt", "hello", 5, err, sizeof err) == WK_OK);
    int rc;
    char *j = run(w, "s = open('/data/in.txt').read()\nopen('/out.txt', 'w').write(s.upper())\n", &rc);
    CHECK(rc == WK_OK && json_has(j, "\"status\":\"ok\""));
    free(j);
    void *data = NULL;
    size_t len = 0;
    CHECK(wk_get_file(w, "/out.txt", &data, &len) == WK_OK);
    CHECK(len == 5 && data && memcmp(data, "HELLO", 5) == 0);
    free(data);
    CHECK(wk_get_file(w, "/missing", &data, &len) == WK_NOTFOUND);
    CHECK(data == NULL);
    char *list = NULL;
    CHECK(wk_list_files(w, &list, &len) == WK_OK);
    CHECK_STR(list, "[{\"path\":\"/data/in.txt\",\"size\":5},{\"path\":\"/out.txt\",\"size\":5}]");
    free(list);
    /* a bad path is refused by the library, not a dead worker */
    CHECK(wk_put_file(w, "relative", "x", 1, err, sizeof err) == WK_ERROR);
    CHECK(wk_death(w) == NULL);
    wk_free(w);
}

static void save_and_restore(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    char err[256];
    int rc;
    char *j = run(w, "def f(a):\n    return a * 3\nv = f(14)\n", &rc);
    free(j);
    CHECK(wk_put_file(w, "/keep.txt", "kept", 4, err, sizeof err) == WK_OK);
    void *snap = NULL;
    size_t len = 0;
    CHECK(wk_save(w, &snap, &len) == WK_OK);
    CHECK(snap && len > 0);
    wk_free(w);
    if (!snap)
        return;
    struct wk_session_spec spec = {.snapshot = snap, .snapshot_len = len};
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (w) {
        j = run(w, "print(v, f(2), open('/keep.txt').read())", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"42 6 kept\\n\""));
        free(j);
        wk_free(w);
    }
    /* a damaged snapshot is refused with a reason */
    ((char *)snap)[len / 2] ^= 0x55;
    w = NULL;
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_ERROR);
    CHECK(w == NULL);
    CHECK(strstr(err, "snapshot") != NULL);
    free(snap);
}

static void one_shot(void)
{
    for (int i = 0; i < 20; i++) {
        char *json = NULL;
        const char *code = "try:\n    print(seen)\nexcept NameError:\n    print('fresh')\nseen = 1\n";
        CHECK(wk_run_once(pool, NULL, code, strlen(code), 0, &json, NULL) == WK_OK);
        CHECK(json_has(json, "\"stdout\":\"fresh\\n\""));
        free(json);
    }
    char *json = NULL;
    CHECK(wk_run_once(pool, NULL, "1+1", 3, MPBOX_RUN_RETURN_VALUE, &json, NULL) == WK_OK);
    CHECK(json_has(json, "\"return_value\":2"));
    free(json);
    /* limits per run; a run that times out does not poison the next */
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    limits[MPBOX_LIMIT_TIMEOUT_MS] = 200;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
    const char *loop = "while True:\n    pass\n";
    CHECK(wk_run_once(pool, limits, loop, strlen(loop), 0, &json, NULL) == WK_OK);
    CHECK(json_has(json, "\"status\":\"timeout\""));
    free(json);
    CHECK(wk_run_once(pool, NULL, "print(3)", 8, 0, &json, NULL) == WK_OK);
    CHECK(json_has(json, "\"stdout\":\"3\\n\""));
    free(json);
}

struct once_par {
    int ok;
};

static void *once_main(void *arg)
{
    struct once_par *a = arg;
    a->ok = 1;
    for (int i = 0; i < 50; i++) {
        char *json = NULL;
        if (wk_run_once(pool, NULL, "print(1+1)", 10, 0, &json, NULL) != WK_OK || !json_has(json, "\"stdout\":\"2\\n\""))
            a->ok = 0;
        free(json);
    }
    return NULL;
}

static void one_shot_threads(void)
{
    struct once_par a[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, once_main, &a[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        CHECK(a[i].ok);
}

int main(void)
{
    snprintf(mount_root, sizeof mount_root, "/tmp/mpbox-wk-%d", (int)getpid());
    mkdir(mount_root, 0700);
    const char *roots[] = {mount_root};
    struct wk_config cfg;
    memset(&cfg, 0, sizeof cfg);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        cfg.limits[i] = -1;
    cfg.limits[MPBOX_LIMIT_TIMEOUT_MS] = 10000;
    cfg.mount_roots = roots;
    cfg.nmount_roots = 1;
    cfg.seccomp = 1;
    cfg.oneshot_reuse = 8;
    char err[256] = "";
    if (wk_pool_start(&cfg, &pool, err, sizeof err) != WK_OK) {
        printf("FAIL wk_pool_start: %s\n", err);
        return 1;
    }
    RUN(state_persists);
    RUN(parallel_workers);
    RUN(killed_mid_run);
    RUN(timeout_and_memory);
    RUN(files);
    RUN(save_and_restore);
    RUN(one_shot);
    RUN(one_shot_threads);
    wk_pool_stop(pool);
    rmdir(mount_root);
    CHECK_EXIT();
}
