/*
 * worker_main.c — a worker process: confines itself, sets up its session
 * from the server's PR_SETUP, then answers requests on its channel until
 * the channel closes (protocol: proto.h, docs/isolation.md).
 *
 * Threads: the main thread serves the channel and runs guest code; a
 * small thread waits for SIGUSR1 (the server's wk_interrupt) and
 * interrupts the current run; the runtime's watchdog thread enforces
 * timeouts; a flusher sends a live run's gathered output (liveout.h).
 * All four exist before the seccomp filter is installed, which then
 * allows no new thread or process.
 */
#include "json.h"
#include "liveout.h"
#include "sandbox.h"
#include "zygote.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The run a SIGUSR1 interrupts (process state of this program, not of the
 * library). The server numbers its runs and sends the number with the
 * signal. An interrupt is wanted until its run has ended: it may overtake
 * the run's request, or arrive before the run has reached the library
 * (mpbox_session_interrupt does nothing then), so the interrupt thread
 * repeats it every millisecond while its run is going (the repeats are
 * no-ops once the stop is under way). One for a run that is over is
 * ignored. */
static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static mpbox_session *current; /* the session of the run in progress */
static uint32_t current_seq;   /* that run's number */
static uint32_t ended_seq;     /* the number of the last run that ended */
static int want;               /* an interrupt is wanted for run want_seq */
static uint32_t want_seq;

static void run_starts(mpbox_session *s, uint32_t seq)
{
    pthread_mutex_lock(&current_lock);
    current = s;
    current_seq = seq;
    pthread_mutex_unlock(&current_lock);
}

static void run_ends(void)
{
    pthread_mutex_lock(&current_lock);
    current = NULL;
    ended_seq = current_seq;
    if (want && (int32_t)(want_seq - ended_seq) <= 0)
        want = 0;
    pthread_mutex_unlock(&current_lock);
}

static void *interrupt_main(void *arg)
{
    (void)arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    const struct timespec tick = {0, 1000000};
    for (;;) {
        siginfo_t si;
        pthread_mutex_lock(&current_lock);
        int repeat = want;
        pthread_mutex_unlock(&current_lock);
        int sig = repeat ? sigtimedwait(&set, &si, &tick) : sigwaitinfo(&set, &si);
        pthread_mutex_lock(&current_lock);
        if (sig == SIGUSR1) {
            /* a plain kill (no number) means the run in progress */
            uint32_t seq = si.si_code == SI_QUEUE ? (uint32_t)si.si_value.sival_int : current_seq;
            if ((int32_t)(seq - ended_seq) > 0 && (si.si_code == SI_QUEUE || current)) {
                want = 1;
                want_seq = seq;
            }
        }
        if (want && current && current_seq == want_seq)
            mpbox_session_interrupt(current);
        pthread_mutex_unlock(&current_lock);
    }
    return NULL;
}

/* A thread of the worker's own (the interrupt thread, the flusher): a
 * small stack, as they only wait and send, and no signal delivered to it
 * (SIGUSR1 is taken by sigwait; the hard stop signals the running thread). */
static int start_thread(void *(*fn)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t t;
    int rc = pthread_create(&t, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc == 0 ? 0 : -1;
}

static int start_interrupt_thread(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by every later thread */
    return start_thread(interrupt_main, NULL);
}

/* The runtime's watchdog thread starts with the first run that has a
 * deadline; a throwaway session makes that happen before the filter. */
static int start_watchdog(mpbox_runtime *rt)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        return -1;
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 60000);
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, "", 0, &r);
    mpbox_result_free(r);
    mpbox_session_free(s);
    return rc == MPBOX_OK ? 0 : -1;
}

struct worker {
    struct zy *z;
    int chan;
    struct lo *lo; /* writes chan once the worker's threads exist */
    int oneshot;
    mpbox_session *s;
    char *req; /* the current request's payload */
    size_t req_cap;
    struct mpb_buf out;
    int chained; /* the session's last save is the store's last state: PR_COMMIT may send a delta */
};

static _Noreturn void die(int status)
{
    _exit(status);
}

static void reply(struct worker *w, uint32_t type, uint32_t arg, const void *data, size_t len)
{
    int rc = w->lo ? lo_send(w->lo, type, arg, data, len) : pr_send(w->chan, type, arg, data, len, NULL, 0, 0);
    if (rc != PR_DONE)
        die(0); /* the server is gone */
}

static void reply_text(struct worker *w, uint32_t type, const char *msg)
{
    reply(w, type, 0, msg, strlen(msg));
}

/* PR_FAIL with its code (PR_FAIL_*). */
static void reply_fail(struct worker *w, uint32_t code, const char *msg)
{
    reply(w, PR_FAIL, code, msg, strlen(msg));
}

/* Read one request; 0 or the process ends. */
static int read_request(struct worker *w, struct pr_hdr *h)
{
    if (pr_recv_hdr(w->chan, h, ZY_MAX_REQUEST, 0) != PR_DONE)
        die(0);
    if (h->len + 1 > w->req_cap || (w->req_cap > (16u << 20) && h->len < (1u << 20))) {
        free(w->req);
        w->req_cap = (size_t)h->len + 1 < 4096 ? 4096 : (size_t)h->len + 1;
        w->req = malloc(w->req_cap);
        if (!w->req)
            die(3);
    }
    if (pr_recv_all(w->chan, w->req, (size_t)h->len, 0) != PR_DONE)
        die(0);
    w->req[h->len] = 0;
    return 0;
}

static void apply_limits(mpbox_session *s, const int64_t *limits)
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        if (limits[i] >= 0)
            mpbox_session_limit(s, i, limits[i]);
}

static int64_t limit_of(struct worker *w, int id)
{
    return w->s ? mpbox_session_limit(w->s, id, -1) : mpbox_runtime_limit(w->z->rt, id, -1);
}

/* What the process maps now, in bytes (read before Landlock, which denies
 * /proc). */
static uint64_t mapped_bytes(void)
{
    unsigned long long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* RLIMIT_AS: what the process maps once its session exists (the runtime,
 * the session's 8 GiB reservation and any spare ones inherited from the
 * zygote's pool) plus three more reservations (the warm-up session, a
 * spare in the pool, a fork or load), host copies of guest memory
 * (snapshots, checkpoints: twice the cap) and of files, and 1 GiB of host
 * heap and thread stacks. docs/isolation.md has the measured numbers. */
static uint64_t address_space_limit(struct worker *w, uint64_t mapped)
{
#if defined(__SANITIZE_ADDRESS__)
    (void)w, (void)mapped;
    return 0; /* ASan reserves terabytes of shadow memory: no RLIMIT_AS */
#else
    /* one-shot runs may each ask for any cap */
    uint64_t mem = w->oneshot ? MPBOX_MAX_MEMORY : (uint64_t)limit_of(w, MPBOX_LIMIT_MEMORY);
    uint64_t files = (uint64_t)limit_of(w, MPBOX_LIMIT_FILES_BYTES);
    return mapped + 3 * (8ull << 30) + 2 * mem + files + (1ull << 30);
#endif
}

/* PR_SETUP: limits[], mounts (host, guest)*, sqlite names*, snapshot. */
/* A session from a store chain (PR_MODE_CHAIN): its base loaded, then each
 * delta applied in order. MPBOX_OK, or an error with *why. */
static int load_chain(struct worker *w, const uint8_t *p, size_t n, const char **why)
{
    int rc = MPBOX_SNAPSHOT;
    *why = "the stored chain is malformed";
    for (int part = 0; n >= 8; part++) {
        uint64_t len;
        memcpy(&len, p, 8);
        p += 8;
        n -= 8;
        if (len > n)
            break;
        rc = part == 0 ? mpbox_session_load(w->z->rt, p, (size_t)len, &w->s, why)
                       : mpbox_session_apply_delta(w->s, p, (size_t)len, why);
        if (rc != MPBOX_OK)
            return rc;
        p += len;
        n -= (size_t)len;
    }
    if (n != 0 || !w->s) {
        *why = "the stored chain is malformed";
        return MPBOX_SNAPSHOT;
    }
    return rc;
}

static void setup(struct worker *w)
{
    struct pr_hdr h;
    read_request(w, &h);
    if (h.type != PR_SETUP)
        die(2);
    w->oneshot = (h.arg & 0xff) == PR_MODE_ONESHOT;
    struct pr_in in = {w->req, (size_t)h.len, 0, 0};
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = (int64_t)pi_u64(&in);
    uint32_t nmounts = pi_u32(&in);
    if (in.bad || nmounts > 16)
        die(2);
    const char *hosts[16], *guests[16];
    for (uint32_t i = 0; i < nmounts; i++) {
        hosts[i] = pi_str(&in, ZY_MAX_PATH);
        guests[i] = pi_str(&in, ZY_MAX_PATH);
    }
    uint32_t nsql = pi_u32(&in);
    if (in.bad || nsql > 64)
        die(2);
    const char *sql_paths[64];
    const char *sql_names[64];
    for (uint32_t i = 0; i < nsql; i++) {
        sql_names[i] = pi_str(&in, 255);
        sql_paths[i] = NULL;
        for (int k = 0; sql_names[i] && k < w->z->cfg.nsqlites; k++)
            if (strcmp(w->z->cfg.sqlite_names[k], sql_names[i]) == 0)
                sql_paths[i] = w->z->cfg.sqlite_paths[k];
        if (!sql_paths[i]) {
            reply_text(w, PR_FAIL, "unknown SQL database");
            die(0);
        }
    }
    size_t snap_len;
    const void *snap = pi_bytes(&in, &snap_len);
    if (in.bad)
        die(2);

    char err[256];
    if (!w->oneshot) {
        int rc;
        if (snap_len) {
            /* mpbox_session_load caps the session's memory and files at the
             * runtime's limits: this session's */
            static const int caps[] = {MPBOX_LIMIT_MEMORY, MPBOX_LIMIT_FILES_BYTES, MPBOX_LIMIT_FILES_COUNT};
            for (size_t k = 0; k < sizeof caps / sizeof caps[0]; k++)
                if (limits[caps[k]] >= 0)
                    mpbox_runtime_limit(w->z->rt, caps[k], limits[caps[k]]);
            const char *why = NULL;
            rc = (h.arg & PR_MODE_CHAIN) ? load_chain(w, snap, snap_len, &why)
                                         : mpbox_session_load(w->z->rt, snap, snap_len, &w->s, &why);
            if (rc != MPBOX_OK) {
                snprintf(err, sizeof err, "snapshot refused: %s", why ? why : mpbox_errstr(rc));
                reply_fail(w, PR_FAIL_SNAPSHOT, err);
                die(0);
            }
            /* the server's limits win over the snapshot's */
            apply_limits(w->s, w->z->cfg.limits);
            w->chained = (h.arg & PR_MODE_CHAIN) != 0;
        } else {
            rc = mpbox_session_new(w->z->rt, &w->s);
            if (rc != MPBOX_OK) {
                reply_text(w, PR_FAIL, mpbox_errstr(rc));
                die(0);
            }
        }
        apply_limits(w->s, limits);
        for (uint32_t i = 0; i < nmounts; i++) {
            if (mpbox_session_mount(w->s, hosts[i], guests[i]) != MPBOX_OK) {
                snprintf(err, sizeof err, "cannot mount %.100s at %.100s", hosts[i], guests[i]);
                reply_fail(w, PR_FAIL_MOUNT, err);
                die(0);
            }
        }
        for (uint32_t i = 0; i < nsql; i++) {
            if (mpbox_session_add_sqlite(w->s, sql_names[i], sql_paths[i]) != MPBOX_OK) {
                reply_text(w, PR_FAIL, "cannot add the SQL database");
                die(0);
            }
        }
    }
    struct sb_policy pol = {
        .cpu_seconds = w->z->cfg.rlimit_cpu_s,
        .seccomp = w->z->cfg.seccomp,
        .read_dirs = hosts,
        .nread_dirs = (int)nmounts,
        .read_files = sql_paths,
        .nread_files = (int)nsql,
    };
    uint64_t mapped = mapped_bytes();
    if (sb_restrict_files(&pol, err, sizeof err) < 0) {
        reply_text(w, PR_FAIL, err);
        die(0);
    }
    if (start_interrupt_thread() != 0 || start_watchdog(w->z->rt) != 0 || !(w->lo = lo_new(w->chan)) ||
        start_thread(lo_flusher_main, w->lo) != 0) {
        reply_text(w, PR_FAIL, "cannot start the worker's threads");
        die(0);
    }
    pol.address_space = address_space_limit(w, mapped);
    if (sb_lock(&pol, err, sizeof err) != 0) {
        reply_text(w, PR_FAIL, err);
        die(0);
    }
    /* The limits the server needs for its deadlines and frame caps. */
    uint64_t info[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        info[i] = (uint64_t)limit_of(w, i);
    reply(w, PR_OK, 0, info, sizeof info);
}

static void send_result(struct worker *w, int rc, mpbox_result *r)
{
    if (rc != MPBOX_OK) {
        reply_text(w, PR_FAIL, mpbox_errstr(rc));
        return;
    }
    size_t len = 0;
    char *json = mpbox_result_json(r, &len);
    if (!json) {
        mpbox_result_free(r);
        reply_text(w, PR_FAIL, mpbox_errstr(MPBOX_NOMEM));
        return;
    }
    reply(w, PR_OK, pr_outcome(mpbox_result_status(r), mpbox_result_session_state(r)), json, len);
    mpbox_free(json);
    mpbox_result_free(r);
}

/* PR_RUN: the run's number (u32), then the code. */
static void do_run(struct worker *w, const struct pr_hdr *h)
{
    uint32_t seq;
    if (!w->s || h->len < sizeof seq) {
        reply_text(w, PR_FAIL, w->s ? "bad run request" : "a one-shot worker has no session");
        return;
    }
    memcpy(&seq, w->req, sizeof seq);
    mpbox_result *r = NULL;
    if (h->arg & PR_RUN_LIVE) /* the output as it comes, gathered (liveout.h) */
        mpbox_session_set_output(w->s, lo_output, w->lo);
    run_starts(w->s, seq);
    int rc = mpbox_run_ex(w->s, w->req + sizeof seq, (size_t)h->len - sizeof seq, h->arg & ~PR_RUN_LIVE, &r);
    run_ends();
    mpbox_session_set_output(w->s, NULL, NULL);
    send_result(w, rc, r);
}

static void do_once(struct worker *w, const struct pr_hdr *h)
{
    struct pr_in in = {w->req, (size_t)h->len, 0, 0};
    int64_t limits[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        limits[i] = (int64_t)pi_u64(&in);
    size_t len;
    const char *code = pi_rest(&in, &len);
    if (!w->oneshot || in.bad) {
        reply_text(w, PR_FAIL, "bad one-shot request");
        return;
    }
    mpbox_session *s = NULL;
    int rc = mpbox_session_new(w->z->rt, &s);
    mpbox_result *r = NULL;
    if (rc == MPBOX_OK) {
        apply_limits(s, limits);
        run_starts(s, current_seq + 1); /* numbered here; a plain kill reaches it */
        rc = mpbox_run_ex(s, code, len, h->arg, &r);
        run_ends();
        mpbox_session_free(s);
    }
    send_result(w, rc, r);
}

static void do_put(struct worker *w, const struct pr_hdr *h)
{
    struct pr_in in = {w->req, (size_t)h->len, 0, 0};
    const char *path = pi_str(&in, ZY_MAX_PATH);
    size_t len;
    const void *data = pi_rest(&in, &len);
    int rc = in.bad || !w->s ? MPBOX_MISUSE : mpbox_session_put_file(w->s, path, data, len);
    if (rc == MPBOX_OK)
        reply(w, PR_OK, 0, NULL, 0);
    else
        reply_text(w, PR_FAIL, rc == MPBOX_ERROR ? "the session's file quota is full" : mpbox_errstr(rc));
}

static void do_get(struct worker *w, const struct pr_hdr *h)
{
    struct pr_in in = {w->req, (size_t)h->len, 0, 0};
    const char *path = pi_str(&in, ZY_MAX_PATH);
    void *data = NULL;
    size_t len = 0;
    int rc = in.bad || !w->s ? MPBOX_MISUSE : mpbox_session_get_file(w->s, path, &data, &len);
    if (rc == MPBOX_OK)
        reply(w, PR_OK, 0, data, len);
    else if (rc == MPBOX_ERROR)
        reply(w, PR_NOFILE, 0, NULL, 0);
    else
        reply_text(w, PR_FAIL, mpbox_errstr(rc));
    mpbox_free(data);
}

static void list_one(void *user, const char *path, size_t size)
{
    struct mpb_buf *b = user;
    if (b->len > 1)
        mpb_buf_append(b, ",", 1);
    mpb_buf_append(b, "{\"path\":", 8);
    mpb_json_put_str(b, path, strlen(path));
    char num[48];
    int n = snprintf(num, sizeof num, ",\"size\":%zu}", size);
    mpb_buf_append(b, num, (size_t)n);
}

static void do_list(struct worker *w)
{
    mpb_buf_reset(&w->out);
    mpb_buf_append(&w->out, "[", 1);
    int n = w->s ? mpbox_session_list_files(w->s, list_one, &w->out) : -1;
    mpb_buf_append(&w->out, "]", 1);
    if (n < 0 || w->out.failed)
        reply_text(w, PR_FAIL, n < 0 ? "cannot list the files" : mpbox_errstr(MPBOX_NOMEM));
    else
        reply(w, PR_OK, 0, w->out.data, w->out.len);
    if (w->out.cap > (1u << 20))
        mpb_buf_free(&w->out);
}

/* PR_COMMIT: the state's delta against the previous commit, or the whole
 * snapshot when there is none, the server asks for one, or the delta is
 * over the size the server allows (it has to be made to know its size; a
 * delta not sent is harmless: the snapshot after it is what counts). */
static void do_commit(struct worker *w, const struct pr_hdr *h)
{
    uint64_t max_delta = 0;
    if (!w->s || h->len != sizeof max_delta) {
        reply_text(w, PR_FAIL, "bad commit request");
        return;
    }
    memcpy(&max_delta, w->req, sizeof max_delta);
    void *data = NULL;
    size_t len = 0;
    int rc;
    if (w->chained && !(h->arg & PR_COMMIT_FORCE_BASE) && max_delta > 0) {
        rc = mpbox_session_save_delta(w->s, &data, &len);
        if (rc == MPBOX_OK && len <= max_delta) {
            reply(w, PR_OK, PR_COMMIT_DELTA, data, len);
            mpbox_free(data);
            return;
        }
        mpbox_free(data);
        data = NULL;
    }
    rc = mpbox_session_save(w->s, &data, &len);
    if (rc != MPBOX_OK) {
        w->chained = 0;
        reply_text(w, PR_FAIL, mpbox_errstr(rc));
        return;
    }
    w->chained = 1;
    reply(w, PR_OK, PR_COMMIT_BASE, data, len);
    mpbox_free(data);
}

static void do_save(struct worker *w)
{
    void *data = NULL;
    size_t len = 0;
    int rc = w->s ? mpbox_session_save(w->s, &data, &len) : MPBOX_MISUSE;
    w->chained = 0; /* the next delta would be against this snapshot, which the store does not have */
    if (rc == MPBOX_OK)
        reply(w, PR_OK, 0, data, len);
    else
        reply_text(w, PR_FAIL, mpbox_errstr(rc));
    mpbox_free(data);
}

_Noreturn void zy_worker_main(struct zy *z, int chan)
{
    char err[160];
    chan = sb_enter_process(chan, z->devnull, err, sizeof err);
    if (chan < 0)
        die(4);
    struct worker w = {.z = z, .chan = chan};
    setup(&w);
    for (;;) {
        struct pr_hdr h;
        read_request(&w, &h);
        switch (h.type) {
        case PR_RUN: do_run(&w, &h); break;
        case PR_ONCE: do_once(&w, &h); break;
        case PR_PUT: do_put(&w, &h); break;
        case PR_GET: do_get(&w, &h); break;
        case PR_LIST: do_list(&w); break;
        case PR_SAVE: do_save(&w); break;
        case PR_COMMIT: do_commit(&w, &h); break;
        default: die(2);
        }
    }
}
