/*
 * test_worker.c — sessions in worker processes (server/worker.h): runs,
 * state, parallel workers, deaths and their reports, timeouts, the memory
 * cap, files, snapshots, one-shot runs, and the confinement of a worker
 * (descriptors, environment, seccomp).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <unistd.h>

#include "../unit/check.h"
#include "proto.h"
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
    *rc = wk_run(w, code, strlen(code), 0, &json, &len, NULL);
    if ((*rc == WK_DEAD || *rc == WK_TIMEOUT) && wk_death(w))
        printf("    (worker %s)\n", wk_death(w)->what); /* expected by some cases */
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
    CHECK(wk_run(w, "x * 2", 5, MPBOX_RUN_RETURN_VALUE, &json, NULL, NULL) == WK_OK);
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

static void timeout(void)
{
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    limits[MPBOX_LIMIT_TIMEOUT_MS] = 300;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
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
    CHECK(json_has(j, "\"session\":\"kept\""));
    free(j);
    j = run(w, "print(n > 0)", &rc);
    CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"True\\n\""));
    free(j);
    wk_free(w);
}

static void memory_and_traps(void)
{
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    /* long enough for the memory bomb on a loaded machine */
    limits[MPBOX_LIMIT_TIMEOUT_MS] = 3000;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
    limits[MPBOX_LIMIT_MEMORY] = 32 << 20;
    struct wk_session_spec spec = {.limits = limits};
    struct wk *w = NULL;
    char err[256];
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (!w)
        return;
    int rc;
    char *j = run(w, "x = bytearray(64 * 1024 * 1024)", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"out_of_memory\""));
    free(j);
    j = run(w, "b = []\nwhile True:\n    b.append('x' * 1000000)\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"out_of_memory\""));
    free(j);
    /* runaway recursion: RecursionError or a trap */
    j = run(w, "def f():\n    f()\nf()\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"error\"") || json_has(j, "\"status\":\"trap\""));
    free(j);
    /* a trap: a load outside linear memory (SIGSEGV in the guard region,
     * handled in the worker), rolled back */
    j = run(w, "import uctypes\nb = uctypes.bytearray_at(0x7FFFFFF0, 64)\nprint(b[0])\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"trap\""));
    CHECK(json_has(j, "\"trap\":\"out of bounds memory access\""));
    CHECK(json_has(j, "\"session\":\"rolled_back\""));
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
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_SNAPSHOT); /* typed, not only told */
    CHECK(w == NULL);
    CHECK(strstr(err, "snapshot") != NULL);
    free(snap);
}

/* Append part (len bytes of fd) to a store chain in fd out: its u64
 * length, then its bytes (store.h). */
static int chain_part(int out, int fd, uint64_t len, int damage)
{
    char *buf = malloc(len ? len : 1);
    int ok = buf && pread(fd, buf, len, 0) == (ssize_t)len;
    if (ok && damage)
        buf[len / 2] ^= 0x55;
    ok = ok && write(out, &len, sizeof len) == (ssize_t)sizeof len && write(out, buf, len) == (ssize_t)len;
    free(buf);
    return ok;
}

/* PR_COMMIT (the session store's chain): a base first, then deltas; a new
 * worker given the chain (PR_MODE_CHAIN) continues from its last state and
 * commits a delta at once; a chain with a damaged or misplaced delta is
 * refused. */
static void commit_chain(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    int rc, is_delta = 1;
    int a = memfd_create("base", MFD_CLOEXEC), b = memfd_create("delta", MFD_CLOEXEC),
        b2 = memfd_create("delta2", MFD_CLOEXEC);
    uint64_t blen = 0, dlen = 0, d2len = 0;
    free(run(w, "acc = [1]", &rc));
    CHECK(wk_commit_to(w, a, 0, 1u << 30, NULL, NULL, &blen, &is_delta) == WK_OK && !is_delta && blen > 0);
    free(run(w, "acc.append(2)", &rc));
    CHECK(wk_commit_to(w, b, 0, 1u << 30, NULL, NULL, &dlen, &is_delta) == WK_OK && is_delta);
    CHECK(dlen > 0 && dlen < blen / 4);
    free(run(w, "acc.append(3)", &rc));
    CHECK(wk_commit_to(w, b2, 0, 1u << 30, NULL, NULL, &d2len, &is_delta) == WK_OK && is_delta);
    /* over max_delta, or forced: a base */
    free(run(w, "acc.append(4)", &rc));
    uint64_t len2 = 0;
    int d = memfd_create("base2", MFD_CLOEXEC);
    CHECK(wk_commit_to(w, d, 0, 16, NULL, NULL, &len2, &is_delta) == WK_OK && !is_delta);
    CHECK(wk_commit_to(w, d, 1, 1u << 30, NULL, NULL, &len2, &is_delta) == WK_OK && !is_delta);
    close(d);
    wk_free(w);

    char err[256] = "";
    int c = memfd_create("chain", MFD_CLOEXEC);
    CHECK(chain_part(c, a, blen, 0) && chain_part(c, b, dlen, 0) && chain_part(c, b2, d2len, 0));
    struct wk_file file = {c, (uint64_t)lseek(c, 0, SEEK_CUR)};
    struct wk_session_spec spec = {.snapshot_file = &file, .chain = 1};
    w = NULL;
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (w) {
        char *j = run(w, "acc.append(5)\nprint(acc)", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"[1, 2, 3, 5]\\n\""));
        free(j);
        uint64_t next = 0;
        int e = memfd_create("next", MFD_CLOEXEC);
        CHECK(wk_commit_to(w, e, 0, 1u << 30, NULL, NULL, &next, &is_delta) == WK_OK && is_delta);
        close(e);
        wk_free(w);
    }
    /* refused: a damaged delta; the deltas out of order */
    for (int k = 0; k < 2; k++) {
        int bad = memfd_create("bad", MFD_CLOEXEC);
        CHECK(chain_part(bad, a, blen, 0));
        if (k == 0)
            CHECK(chain_part(bad, b, dlen, 1));
        else
            CHECK(chain_part(bad, b2, d2len, 0));
        struct wk_file bf = {bad, (uint64_t)lseek(bad, 0, SEEK_CUR)};
        struct wk_session_spec bs = {.snapshot_file = &bf, .chain = 1};
        w = NULL;
        err[0] = '\0';
        CHECK(wk_spawn(pool, &bs, &w, err, sizeof err) == WK_SNAPSHOT && !w);
        CHECK(strstr(err, k == 0 ? "checksum" : "another state") != NULL);
        close(bad);
    }
    close(a);
    close(b);
    close(b2);
    close(c);
}

static void one_shot(void)
{
    for (int i = 0; i < 20; i++) {
        char *json = NULL;
        const char *code = "try:\n    print(seen)\nexcept NameError:\n    print('fresh')\nseen = 1\n";
        CHECK(wk_run_once(pool, NULL, code, strlen(code), 0, &json, NULL, NULL) == WK_OK);
        CHECK(json_has(json, "\"stdout\":\"fresh\\n\""));
        free(json);
    }
    char *json = NULL;
    CHECK(wk_run_once(pool, NULL, "1+1", 3, MPBOX_RUN_RETURN_VALUE, &json, NULL, NULL) == WK_OK);
    CHECK(json_has(json, "\"return_value\":2"));
    free(json);
    /* limits per run; a run that times out does not poison the next */
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    limits[MPBOX_LIMIT_TIMEOUT_MS] = 200;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
    const char *loop = "while True:\n    pass\n";
    struct wk_outcome out = {-1, -1};
    CHECK(wk_run_once(pool, limits, loop, strlen(loop), 0, &json, NULL, &out) == WK_OK);
    CHECK(json_has(json, "\"status\":\"timeout\""));
    /* the outcome comes typed, as the library said it (kept after the
     * soft stop, rolled back when a loaded machine needed the hard one) */
    CHECK(out.status == MPBOX_STATUS_TIMEOUT && out.session != MPBOX_SESSION_LOST);
    free(json);
    /* a trap without rollback: the session is lost, and the outcome says so */
    limits[MPBOX_LIMIT_ROLLBACK] = 0;
    const char *trap = "import uctypes\nprint(uctypes.bytearray_at(0x7FFFFFF0, 64)[0])\n";
    CHECK(wk_run_once(pool, limits, trap, strlen(trap), 0, &json, NULL, &out) == WK_OK);
    CHECK(out.status == MPBOX_STATUS_TRAP && out.session == MPBOX_SESSION_LOST);
    CHECK(json_has(json, "\"session\":\"lost\""));
    free(json);
    CHECK(wk_run_once(pool, NULL, "print(3)", 8, 0, &json, NULL, NULL) == WK_OK);
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
        if (wk_run_once(pool, NULL, "print(1+1)", 10, 0, &json, NULL, NULL) != WK_OK || !json_has(json, "\"stdout\":\"2\\n\""))
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

static int64_t *short_limits(int64_t *limits, int64_t timeout_ms)
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = -1;
    limits[MPBOX_LIMIT_TIMEOUT_MS] = timeout_ms;
    limits[MPBOX_LIMIT_GRACE_MS] = 100;
    return limits;
}

/* Guest code that swallows the KeyboardInterrupt is hard-stopped (a
 * signal to the running thread: tgkill under the filter); the session is
 * rolled back and keeps working. */
static void hard_stop(void)
{
    int64_t limits[MPBOX_LIMIT_COUNT_];
    struct wk_session_spec spec = {.limits = short_limits(limits, 200)};
    struct wk *w = NULL;
    char err[256];
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (!w)
        return;
    int rc;
    char *j = run(w, "keep = 5", &rc);
    free(j);
    j = run(w, "keep = 6\nwhile True:\n    try:\n        while True:\n            pass\n"
               "    except KeyboardInterrupt:\n        pass\n", &rc);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"timeout\""));
    CHECK(json_has(j, "\"trap\":\"hard stop\""));
    CHECK(json_has(j, "\"session\":\"rolled_back\""));
    free(j);
    j = run(w, "print(keep)", &rc);
    CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"5\\n\""));
    free(j);
    wk_free(w);
}

struct interrupter {
    struct wk *w;
    atomic_int done;
};

/* An interrupt that arrives before the run started is dropped: repeat it
 * until the run has ended. */
static void *interrupter_main(void *arg)
{
    struct interrupter *i = arg;
    while (!atomic_load(&i->done)) {
        usleep(100 * 1000);
        wk_interrupt(i->w);
    }
    return NULL;
}

static void interrupt(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    struct interrupter i = {w, 0};
    pthread_t t;
    pthread_create(&t, NULL, interrupter_main, &i);
    int rc;
    char *j = run(w, "while True:\n    pass\n", &rc);
    atomic_store(&i.done, 1);
    pthread_join(t, NULL);
    CHECK(rc == WK_OK);
    CHECK(json_has(j, "\"status\":\"interrupted\""));
    free(j);
    wk_free(w);
}

/* A worker that stops answering (SIGSTOP: as if stuck outside guest code)
 * is killed at its deadline: WK_TIMEOUT. */
static void unresponsive_worker(void)
{
    int64_t limits[MPBOX_LIMIT_COUNT_];
    struct wk_session_spec spec = {.limits = short_limits(limits, 100)};
    struct wk *w = NULL;
    char err[256];
    CHECK(wk_spawn(pool, &spec, &w, err, sizeof err) == WK_OK);
    if (!w)
        return;
    kill(wk_pid(w), SIGSTOP);
    int rc;
    char *j = run(w, "print(1)", &rc);
    CHECK(rc == WK_TIMEOUT);
    CHECK(j == NULL);
    const struct wk_death *d = wk_death(w);
    CHECK(d && !d->exited && d->status == SIGKILL);
    if (d)
        CHECK_STR(d->what, "killed by SIGKILL (timeout)");
    free(j);
    wk_free(w);
}

/* How deaths read: SIGSYS is what the seccomp filter sends. */
static void death_texts(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    kill(wk_pid(w), SIGSYS);
    int rc;
    char *j = run(w, "print(1)", &rc);
    CHECK(rc == WK_DEAD);
    const struct wk_death *d = wk_death(w);
    if (d)
        CHECK_STR(d->what, "killed by SIGSYS (seccomp)");
    CHECK(d != NULL);
    free(j);
    wk_free(w);
}

/* A mount below the allowed root and a SQLite database, used under the
 * filter and Landlock; nothing else of the host is reachable. */
static char db_path[128], wal_path[128];

static void mounts_and_sqlite(void)
{
    char dir[128], file[160];
    snprintf(dir, sizeof dir, "%s/in", mount_root);
    snprintf(file, sizeof file, "%s/hello.txt", dir);
    mkdir(dir, 0700);
    FILE *f = fopen(file, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("from the host", f);
        fclose(f);
    }
    char spec_mount[200];
    snprintf(spec_mount, sizeof spec_mount, "%s:/input", dir);
    const char *mounts[] = {spec_mount};
    const char *sqlites[] = {"db"};
    struct wk_session_spec spec = {.mounts = mounts, .nmounts = 1, .sqlites = sqlites, .nsqlites = 1};
    struct wk *w = NULL;
    char err[256] = "";
    int rc = wk_spawn(pool, &spec, &w, err, sizeof err);
    if (rc != WK_OK)
        printf("    spawn: %s\n", err);
    CHECK(rc == WK_OK);
    if (w) {
        char *j = run(w, "print(open('/input/hello.txt').read())", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"from the host\\n\""));
        free(j);
        j = run(w, "import os\nprint(os.listdir('/input'))", &rc);
        CHECK(rc == WK_OK && json_has(j, "hello.txt"));
        free(j);
        j = run(w, "print(read_only_sql_query('db', 'select n * 2 as d from t'))", &rc);
        CHECK(rc == WK_OK && json_has(j, "'rows': [[42]]"));
        if (!json_has(j, "'rows': [[42]]"))
            printf("    %s\n", j ? j : "(null)");
        free(j);
        j = run(w, "open('/input/../../../etc/passwd').read()", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"status\":\"error\""));
        free(j);
        CHECK(wk_death(w) == NULL);
        wk_free(w);
    }
    /* a database in WAL mode, open in a writer (so its -wal and -shm files
     * exist): readable in the worker */
    sqlite3 *wal = NULL;
    CHECK(sqlite3_open(wal_path, &wal) == SQLITE_OK);
    CHECK(sqlite3_exec(wal, "pragma journal_mode=wal; create table t(n); insert into t values (7);", NULL, NULL,
                       NULL) == SQLITE_OK);
    const char *wal_names[] = {"wal"};
    struct wk_session_spec wspec = {.sqlites = wal_names, .nsqlites = 1};
    w = NULL;
    CHECK(wk_spawn(pool, &wspec, &w, err, sizeof err) == WK_OK);
    if (w) {
        char *j = run(w, "print(read_only_sql_query('wal', 'select n from t'))", &rc);
        CHECK(rc == WK_OK && json_has(j, "'rows': [[7]]"));
        free(j);
        wk_free(w);
    }
    sqlite3_close(wal);
    char side[160];
    snprintf(side, sizeof side, "%s-wal", wal_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", wal_path);
    unlink(side);
    unlink(wal_path);
    /* a host directory outside the roots, or an unknown database: refused */
    const char *bad_mounts[] = {"/etc:/etc"};
    struct wk_session_spec bad = {.mounts = bad_mounts, .nmounts = 1};
    w = NULL;
    CHECK(wk_spawn(pool, &bad, &w, err, sizeof err) == WK_ERROR && w == NULL);
    CHECK(strstr(err, "not allowed") != NULL);
    const char *bad_sql[] = {"other"};
    struct wk_session_spec bad2 = {.sqlites = bad_sql, .nsqlites = 1};
    CHECK(wk_spawn(pool, &bad2, &w, err, sizeof err) == WK_ERROR && w == NULL);
    unlink(file);
    rmdir(dir);
}

static int count_fds(pid_t pid, int *only_expected)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int n = 0;
    *only_expected = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        int fd = atoi(e->d_name);
        char link[600], target[256] = "";
        snprintf(link, sizeof link, "%s/%s", path, e->d_name);
        ssize_t len = readlink(link, target, sizeof target - 1);
        target[len > 0 ? len : 0] = 0;
        if (fd < 3 && strcmp(target, "/dev/null") != 0)
            *only_expected = 0;
        if (fd == 3 && strncmp(target, "socket:", 7) != 0)
            *only_expected = 0;
        if (fd > 3)
            *only_expected = 0;
        n++;
    }
    closedir(d);
    return n;
}

/* /proc/PID/<name> as a NUL-terminated string. */
static size_t read_proc(pid_t pid, const char *name, char *buf, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    int fd = open(path, O_RDONLY);
    size_t n = 0;
    if (fd >= 0) {
        ssize_t r;
        while (n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0)
            n += (size_t)r;
        close(fd);
    }
    buf[n] = 0;
    return n;
}

static void confinement(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    pid_t pid = wk_pid(w);
    int only = 0;
    CHECK(count_fds(pid, &only) == 4);
    CHECK(only);
    /* the environment: nothing but sanitizer options (ASan builds) */
    char env[8192];
    size_t n = read_proc(pid, "environ", env, sizeof env);
    for (size_t off = 0; off < n; off += strlen(env + off) + 1) {
        const char *eq = strchr(env + off, '=');
        int sanitizer = eq && eq - (env + off) >= 11 && strncmp(eq - 11, "SAN_OPTIONS", 11) == 0;
        CHECK(sanitizer);
    }
    char status[8192];
    read_proc(pid, "status", status, sizeof status);
    CHECK(strstr(status, "\nSeccomp:\t2\n") != NULL);
    CHECK(strstr(status, "\nNoNewPrivs:\t1\n") != NULL);
    CHECK(strstr(status, "\nCapEff:\t0000000000000000\n") != NULL);
    char limits[8192];
    read_proc(pid, "limits", limits, sizeof limits);
    CHECK(strstr(limits, "Max core file size        0                    0") != NULL);
    CHECK(strstr(limits, "Max processes             0                    0") != NULL);
    char cmd[64];
    read_proc(pid, "comm", cmd, sizeof cmd);
    CHECK_STR(cmd, "mpbox-worker\n");
    wk_free(w);
}

/* The filter itself, installed in a forked child that then tries what a
 * worker must never do: each attempt ends the child with SIGSYS. */
static int filtered_child(int files, int what)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char err[128];
        if (sb_install_seccomp(files, err, sizeof err) != 0)
            _exit(90);
        switch (what) {
        case 0: socket(AF_INET, SOCK_STREAM, 0); break;
        case 1: open("/etc/passwd", O_RDONLY); break;
        case 2: {
            int fd = open("/tmp/mpbox-should-not-exist", O_WRONLY | O_CREAT, 0600);
            _exit(fd < 0 && errno == EACCES ? 0 : 92);
        }
        case 3: fork(); break;
        case 4: kill(getppid(), SIGTERM); break;
        case 5: execl("/bin/true", "true", (char *)NULL); break;
        case 6: {
            int fd = open("/etc/passwd", O_RDONLY); /* allowed with files = 1 */
            _exit(fd >= 0 ? 0 : 91);
        }
        }
        _exit(0);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFSIGNALED(st) ? 1000 + WTERMSIG(st) : WEXITSTATUS(st);
}

static void seccomp_filter(void)
{
    CHECK(filtered_child(0, 0) == 1000 + SIGSYS); /* socket */
#if !defined(__SANITIZE_ADDRESS__) /* ASan builds allow opening files (sandbox.c) */
    CHECK(filtered_child(0, 1) == 1000 + SIGSYS); /* open without mounts */
    CHECK(filtered_child(0, 2) == 1000 + SIGSYS); /* open for writing */
#endif
    CHECK(filtered_child(1, 2) == 0);             /* with files: EACCES (SQLite falls back) */
    CHECK(filtered_child(1, 3) == 1000 + SIGSYS); /* fork */
    CHECK(filtered_child(1, 4) == 1000 + SIGSYS); /* a signal to another process */
    CHECK(filtered_child(1, 5) == 1000 + SIGSYS); /* exec */
    CHECK(filtered_child(1, 6) == 0);             /* reading is allowed with files */
    CHECK(access("/tmp/mpbox-should-not-exist", F_OK) != 0);
}

/* A worker that answers nonsense (as a compromised one could): the test
 * takes a copy of the worker's end of its channel (pidfd_getfd), stops the
 * worker and writes a frame in its name. The server kills it and says so;
 * it never allocates what the frame claims. */
static void hostile_answers(void)
{
    struct pr_hdr frames[] = {
        {PR_OK, 0, 1ull << 40},    /* longer than any answer may be */
        {77, 0, 0},                /* an unknown type */
        {PR_FAIL, 0, 1u << 20},    /* an over-long error message */
        {PR_NOFILE, 0, 0},         /* an answer that does not fit the request */
    };
    for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++) {
        struct wk *w = spawn_plain();
        if (!w)
            return;
        int pidfd = (int)syscall(SYS_pidfd_open, wk_pid(w), 0);
        int fd = pidfd >= 0 ? (int)syscall(SYS_pidfd_getfd, pidfd, 3, 0) : -1;
        CHECK(fd >= 0);
        kill(wk_pid(w), SIGSTOP);
        if (fd >= 0)
            CHECK(write(fd, &frames[i], sizeof frames[i]) == (ssize_t)sizeof frames[i]);
        int rc;
        char *j = i == 3 ? NULL : run(w, "print(1)", &rc);
        if (i == 3) {
            char *list = NULL;
            rc = wk_list_files(w, &list, NULL); /* PR_NOFILE is only for get */
            CHECK(rc == WK_DEAD);
            free(list);
        } else {
            CHECK(rc == WK_DEAD);
            CHECK(j == NULL);
            const struct wk_death *d = wk_death(w);
            CHECK(d != NULL);
            if (d)
                CHECK_STR(d->what, "killed by SIGKILL (protocol violation)");
        }
        free(j);
        if (fd >= 0)
            close(fd);
        if (pidfd >= 0)
            close(pidfd);
        wk_free(w);
    }
}

/* Framing: caps, truncation, deadlines, payload decoding. */
static void framing(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    struct pr_hdr h;
    /* a frame longer than the reader accepts */
    CHECK(pr_send(sv[0], PR_RUN, 0, "abcdef", 6, NULL, 0, 0) == PR_DONE);
    CHECK(pr_recv_hdr(sv[1], &h, 5, 0) == PR_BROKEN);
    CHECK(pr_skip(sv[1], 6, 0) == PR_DONE);
    /* two parts arrive as one payload */
    CHECK(pr_send(sv[0], PR_PUT, 9, "ab", 2, "cd", 2, 0) == PR_DONE);
    CHECK(pr_recv_hdr(sv[1], &h, 100, 0) == PR_DONE);
    CHECK(h.type == PR_PUT && h.arg == 9 && h.len == 4);
    char buf[8] = "";
    CHECK(pr_recv_all(sv[1], buf, 4, 0) == PR_DONE && memcmp(buf, "abcd", 4) == 0);
    /* a truncated frame: the deadline ends the wait */
    CHECK(write(sv[0], "xy", 2) == 2);
    CHECK(pr_recv_hdr(sv[1], &h, 100, pr_deadline_ms(50)) == PR_TIMEOUT);
    /* the peer goes away */
    close(sv[0]);
    CHECK(pr_recv_all(sv[1], buf, 8, pr_deadline_ms(1000)) == PR_BROKEN);
    close(sv[1]);

    /* payloads: bounds and NUL-terminated strings */
    struct mpb_buf b = {0};
    pb_u32(&b, 7);
    pb_str(&b, "path");
    pb_bytes(&b, "xyz", 3);
    struct pr_in in = {b.data, b.len, 0, 0};
    CHECK(pi_u32(&in) == 7);
    CHECK_STR(pi_str(&in, 100), "path");
    size_t n;
    const char *x = pi_bytes(&in, &n);
    CHECK(!in.bad && n == 3 && memcmp(x, "xyz", 3) == 0);
    CHECK(pi_u32(&in) == 0 && in.bad); /* nothing left */
    struct pr_in in2 = {b.data, b.len, 0, 0};
    pi_u32(&in2);
    CHECK(pi_str(&in2, 3) == NULL && in2.bad); /* longer than allowed */
    struct pr_in in3 = {b.data, 6, 0, 0};
    pi_u32(&in3);
    CHECK(pi_str(&in3, 100) == NULL && in3.bad); /* no NUL within the payload */
    uint64_t huge = UINT64_MAX;
    struct pr_in in4 = {(const char *)&huge, sizeof huge, 0, 0};
    CHECK(pi_bytes(&in4, &n) == NULL && in4.bad && n == 0); /* a length past the end */
    mpb_buf_free(&b);
}

/* RLIMIT_CPU: a worker that used its CPU seconds is ended by the kernel
 * (SIGXCPU), and the server says so. A pool of its own (the limit is part
 * of the configuration). */
static void cpu_limit(void)
{
    struct wk_config cfg;
    memset(&cfg, 0, sizeof cfg);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        cfg.limits[i] = -1;
    cfg.limits[MPBOX_LIMIT_TIMEOUT_MS] = 60000;
    cfg.seccomp = 1;
    cfg.rlimit_cpu_s = 1;
    cfg.oneshot_reuse = 1;
    struct wk_pool *p = NULL;
    char err[256];
    CHECK(wk_pool_start(&cfg, &p, err, sizeof err) == WK_OK);
    if (!p)
        return;
    struct wk *w = NULL;
    CHECK(wk_spawn(p, NULL, &w, err, sizeof err) == WK_OK);
    if (w) {
        int rc;
        char *j = run(w, "while True:\n    pass\n", &rc);
        CHECK(rc == WK_DEAD);
        const struct wk_death *d = wk_death(w);
        CHECK(d && !d->exited && d->status == SIGXCPU);
        if (d)
            CHECK_STR(d->what, "killed by SIGXCPU (CPU time limit)");
        free(j);
        wk_free(w);
    }
    /* a one-shot run that ends its worker says how */
    char *json = NULL;
    struct wk_death death;
    const char *loop = "while True:\n    pass\n";
    CHECK(wk_run_once_ex(p, NULL, loop, strlen(loop), 0, &json, NULL, NULL, &death) == WK_DEAD);
    CHECK(json == NULL);
    CHECK_STR(death.what, "killed by SIGXCPU (CPU time limit)");
    /* one-shot runs come from a fresh worker each time (oneshot_reuse 1) */
    CHECK(wk_run_once(p, NULL, "print(5)", 8, 0, &json, NULL, NULL) == WK_OK);
    CHECK(json_has(json, "\"stdout\":\"5\\n\""));
    free(json);
    wk_pool_stop(p);
}

static int count_own_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* The process has ended and been reaped (its /proc entry is gone) within
 * two seconds. */
static int reaped(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d", (int)pid);
    for (int i = 0; i < 200; i++) {
        if (access(path, F_OK) != 0)
            return 1;
        usleep(10 * 1000);
    }
    return 0;
}

/* Spawning, killing and freeing workers and one-shot runs leave no
 * zombie behind, and a stopped pool leaves no descriptor in the server. A
 * pool of its own, so that the count before and after is exact. */
static void no_leaks(void)
{
    int before = count_own_fds();
    struct wk_config cfg;
    memset(&cfg, 0, sizeof cfg);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        cfg.limits[i] = -1;
    cfg.seccomp = 1;
    cfg.oneshot_reuse = 3;
    struct wk_pool *p = NULL;
    char err[256];
    CHECK(wk_pool_start(&cfg, &p, err, sizeof err) == WK_OK);
    if (!p)
        return;
    pid_t pids[6] = {0};
    for (int i = 0; i < 6; i++) {
        struct wk *w = NULL;
        CHECK(wk_spawn(p, NULL, &w, err, sizeof err) == WK_OK);
        if (!w)
            break;
        pids[i] = wk_pid(w);
        int rc;
        char *j = NULL;
        if (i % 3 == 1) {
            kill(pids[i], SIGKILL);
            j = run(w, "print(1)", &rc);
            CHECK(rc == WK_DEAD);
        } else if (i % 3 == 2) {
            j = run(w, "print(2)", &rc);
            CHECK(rc == WK_OK);
        }
        free(j);
        wk_free(w);
    }
    for (int i = 0; i < 10; i++) {
        char *json = NULL;
        CHECK(wk_run_once(p, NULL, "print(1)", 8, 0, &json, NULL, NULL) == WK_OK);
        free(json);
    }
    for (int i = 0; i < 6; i++)
        CHECK(pids[i] && reaped(pids[i]));
    wk_pool_stop(p);
    int after = count_own_fds();
    if (after != before)
        printf("    descriptors: %d before, %d after\n", before, after);
    CHECK(after == before);
}

static pid_t parent_of(pid_t pid)
{
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = 0;
    const char *p = strrchr(stat, ')');
    int ppid = 0;
    char state;
    if (!p || sscanf(p + 1, " %c %d", &state, &ppid) != 2)
        return 0;
    return (pid_t)ppid;
}

static pid_t parent_of(pid_t pid);

static void *spawn_in_thread(void *arg)
{
    struct wk *w = spawn_plain();
    if (w)
        *(pid_t *)arg = parent_of(wk_pid(w));
    wk_free(w);
    return NULL;
}

/* The zygote dies (killed, or the OOM killer's choice): its workers die
 * with it and say so, and the next spawn starts a new zygote. */
static void zygote_restart(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    pid_t zygote = parent_of(wk_pid(w));
    CHECK(zygote > 1 && zygote != getpid());
    if (zygote <= 1 || zygote == getpid()) {
        wk_free(w);
        return;
    }
    kill(zygote, SIGKILL);
    /* the worker dies with it (PR_SET_PDEATHSIG), a moment later */
    int pidfd = (int)syscall(SYS_pidfd_open, wk_pid(w), 0);
    struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
    CHECK(pidfd >= 0 && poll(&pfd, 1, 5000) == 1);
    if (pidfd >= 0)
        close(pidfd);
    int rc;
    char *j = run(w, "print(1)", &rc);
    CHECK(rc == WK_DEAD);
    const struct wk_death *d = wk_death(w);
    CHECK(d != NULL);
    if (d)
        CHECK_STR(d->what, "ended with its zygote");
    free(j);
    wk_free(w);
    /* the new zygote is started by a thread that ends at once: it must
     * outlive that thread */
    pthread_t t;
    pid_t new_zygote = 0;
    pthread_create(&t, NULL, spawn_in_thread, &new_zygote);
    pthread_join(t, NULL);
    usleep(100 * 1000);
    w = spawn_plain();
    if (w) {
        CHECK(new_zygote > 1 && new_zygote != zygote);
        CHECK(parent_of(wk_pid(w)) == new_zygote);
        j = run(w, "print(8)", &rc);
        CHECK(rc == WK_OK && json_has(j, "\"stdout\":\"8\\n\""));
        free(j);
        wk_free(w);
    }
    char *json = NULL;
    CHECK(wk_run_once(pool, NULL, "print(9)", 8, 0, &json, NULL, NULL) == WK_OK);
    CHECK(json_has(json, "\"stdout\":\"9\\n\""));
    free(json);
}

struct spawner {
    int ok;
    int n;
};

static void *spawner_main(void *arg)
{
    struct spawner *a = arg;
    a->ok = 1;
    for (int i = 0; i < 5; i++) {
        struct wk *w = NULL;
        char err[256];
        if (wk_spawn(pool, NULL, &w, err, sizeof err) != WK_OK) {
            a->ok = 0;
            continue;
        }
        char code[64], want[64];
        snprintf(code, sizeof code, "print(%d + %d)", a->n, i);
        snprintf(want, sizeof want, "\"stdout\":\"%d\\n\"", a->n + i);
        char *json = NULL;
        if (wk_run(w, code, strlen(code), 0, &json, NULL, NULL) != WK_OK || !json_has(json, want))
            a->ok = 0;
        free(json);
        wk_free(w);
    }
    return NULL;
}

/* Spawns from several threads at once get their own workers. */
static void parallel_spawns(void)
{
    struct spawner a[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        a[i].n = 100 * (i + 1);
        pthread_create(&t[i], NULL, spawner_main, &a[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        CHECK(a[i].ok);
}

struct bg_run {
    struct wk *w;
    const char *code;
    int rc;
    char *json;
};

static void *bg_run_main(void *arg)
{
    struct bg_run *b = arg;
    b->json = run(b->w, b->code, &b->rc);
    return NULL;
}

/* An interrupt that overtakes its run's request (the worker is stopped
 * while the request waits in its channel) still interrupts that run; one
 * that comes after its run ended does not touch the next run. */
static void interrupt_ordering(void)
{
    struct wk *w = spawn_plain();
    if (!w)
        return;
    int pidfd = (int)syscall(SYS_pidfd_open, wk_pid(w), 0);
    int chan = pidfd >= 0 ? (int)syscall(SYS_pidfd_getfd, pidfd, 3, 0) : -1;
    CHECK(chan >= 0);
    if (chan < 0) {
        wk_free(w);
        return;
    }
    kill(wk_pid(w), SIGSTOP);
    struct bg_run b = {w, "while True:\n    pass\n", 0, NULL};
    pthread_t t;
    pthread_create(&t, NULL, bg_run_main, &b);
    /* wait until the request is in the worker's channel */
    int queued = 0;
    for (int i = 0; i < 5000 && queued == 0; i++) {
        if (ioctl(chan, FIONREAD, &queued) != 0)
            break;
        if (queued == 0)
            usleep(1000);
    }
    CHECK(queued > 0);
    wk_interrupt(w);
    kill(wk_pid(w), SIGCONT);
    pthread_join(t, NULL);
    CHECK(b.rc == WK_OK && json_has(b.json, "\"status\":\"interrupted\""));
    if (!json_has(b.json, "\"status\":\"interrupted\""))
        printf("    %d %.300s\n", b.rc, b.json ? b.json : "(null)");
    free(b.json);
    /* an interrupt for a run that is over */
    int rc;
    char *j = run(w, "print(1)", &rc);
    free(j);
    wk_interrupt(w);
    j = run(w, "import time\ntime.sleep_ms(200)\nprint('ok')", &rc);
    CHECK(rc == WK_OK && json_has(j, "\"status\":\"ok\""));
    free(j);
    close(chan);
    close(pidfd);
    wk_free(w);
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
    /* a database the sessions may query */
    snprintf(db_path, sizeof db_path, "%s/db.sqlite", mount_root);
    sqlite3 *db = NULL;
    if (sqlite3_open(db_path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "create table t(n); insert into t values (21);", NULL, NULL, NULL) != SQLITE_OK)
        printf("FAIL sqlite setup\n");
    sqlite3_close(db);
    char db_spec[160];
    snprintf(db_spec, sizeof db_spec, "db=%s", db_path);
    snprintf(wal_path, sizeof wal_path, "%s/wal.sqlite", mount_root);
    char wal_spec[160];
    snprintf(wal_spec, sizeof wal_spec, "wal=%s", wal_path);
    const char *sqlites[] = {db_spec, wal_spec};
    cfg.sqlites = sqlites;
    cfg.nsqlites = 2;
    cfg.nmount_roots = 1;
    cfg.seccomp = 1;
    cfg.oneshot_reuse = 8;
    char err[256] = "";
    /* a server that ignores SIGCHLD (inherited by the zygote through exec)
     * still learns how its workers ended */
    signal(SIGCHLD, SIG_IGN);
    if (wk_pool_start(&cfg, &pool, err, sizeof err) != WK_OK) {
        printf("FAIL wk_pool_start: %s\n", err);
        return 1;
    }
    signal(SIGCHLD, SIG_DFL); /* the tests wait for children of their own */
    RUN(state_persists);
    RUN(parallel_workers);
    RUN(parallel_spawns);
    RUN(killed_mid_run);
    RUN(timeout);
    RUN(memory_and_traps);
    RUN(files);
    RUN(save_and_restore);
    RUN(commit_chain);
    RUN(one_shot);
    RUN(one_shot_threads);
    RUN(hard_stop);
    RUN(interrupt);
    RUN(interrupt_ordering);
    RUN(unresponsive_worker);
    RUN(death_texts);
    RUN(mounts_and_sqlite);
    RUN(confinement);
    RUN(seccomp_filter);
    RUN(hostile_answers);
    RUN(framing);
    RUN(cpu_limit);
    RUN(no_leaks);
    RUN(zygote_restart);
    wk_pool_stop(pool);
    unlink(db_path);
    rmdir(mount_root);
    CHECK_EXIT();
}
