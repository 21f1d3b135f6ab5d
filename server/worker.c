/*
 * worker.c — the server's side of worker processes (worker.h): starting
 * the zygote, spawning workers through it, calls on a worker's channel
 * with deadlines, deaths, and the pool of one-shot workers.
 *
 * Everything a worker or the zygote sends is treated as hostile: frames
 * are capped by what the request can legitimately produce, unexpected
 * frames kill the worker, and every wait has a deadline.
 */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "budget.h"
#include "proto.h"
#include "zygote.h"
#include "io.h"

extern char **environ;

/* Time a worker gets beyond its run's timeout and grace period before it
 * is killed, and for calls that run no guest code. */
#define RUN_MARGIN_MS 2000
#define CALL_TIMEOUT_MS 60000
/* A worker found stopped (SIGSTOP, a debugger) this long while the server
 * waits for it is given up and killed, whatever its deadline: its session
 * is lost, and the request answered, within seconds, not a minute. */
#define STOPPED_GIVE_UP_MS 2000
#define STOP_CHECK_MS 250
/* Saves stream: the worker must start its answer, and send each chunk of
 * it, within this. */
#define CALL_STALL_MS 60000
#define SPAWN_TIMEOUT_MS 10000
/* How long to wait for the zygote's report of a death. */
#define DEATH_REPORT_MS 2000
/* New zygotes started after the first one died. */
#define MAX_RESTARTS 100
/* Idle one-shot workers kept. */
#define ONESHOT_IDLE_MAX 64

enum { KILL_NONE, KILL_TIMEOUT, KILL_PROTOCOL, KILL_NOMEM };

struct wk {
    struct wk_pool *p; /* NULL once the pool is stopped */
    int fd, pidfd;
    pid_t pid;
    int oneshot, runs;
    int dead;      /* calls fail with WK_DEAD */
    int reported;  /* death holds the zygote's report (p->lock) */
    int orphaned;  /* its zygote is gone: no report will come (p->lock) */
    int described; /* death is final; later reports are ignored (p->lock) */
    int killed_for;
    int status;    /* raw wait status, when reported */
    struct wk_death death;
    int64_t limits[MPBOX_LIMIT_COUNT_]; /* the session's, from the worker's setup */
    _Atomic uint32_t run_seq;           /* number of the latest PR_RUN */
    char error[256];                    /* the last PR_FAIL message */
    uint32_t error_code;                /* and its PR_FAIL_* code */
    struct wk *prev, *next;             /* p->live */
    struct wk *once_prev, *once_next;   /* p->once_running */
    atomic_int waiting;                 /* a thread waits for its answer (wait_readable) */
};

struct spawn_req {
    uint32_t id;
    int done;
    struct wk *w; /* filled by the reader */
    char err[128];
    struct spawn_req *next;
};

struct wk_pool {
    struct wk_config cfg; /* strings owned below */
    char **strings;
    int nstrings;
    char **roots; /* realpath of cfg.mount_roots */
    int nroots;

    int ctl;
    pid_t zygote;
    pthread_t reader;
    int reader_started;

    pthread_mutex_t lock; /* everything below */
    pthread_cond_t cond;
    int broken;     /* the zygote is gone */
    int restarting; /* a thread is starting a new zygote */
    int restarts;
    uint32_t next_id;
    struct spawn_req *reqs;
    struct wk *live;

    pthread_mutex_t once_lock; /* the one-shot workers: */
    struct wk *idle[ONESHOT_IDLE_MAX];
    int nidle;
    struct wk *once_running; /* running a one-shot run */
    int closing;             /* wk_pool_shutdown was called */
};

static void set_err(char *err, size_t errcap, const char *fmt, const char *arg)
{
    if (err && errcap)
        snprintf(err, errcap, fmt, arg ? arg : "");
}

static int send_signal(struct wk *w, int sig)
{
    if (w->pidfd < 0)
        return -1;
    return (int)syscall(SYS_pidfd_send_signal, w->pidfd, sig, NULL, 0);
}

/* ---- the reader of the control socket ------------------------------------ */

static void describe(struct wk *w)
{
    struct wk_death *d = &w->death;
    int st = w->status;
    memset(d, 0, sizeof *d);
    if (!w->reported) {
        d->exited = 0;
        d->status = 0;
        snprintf(d->what, sizeof d->what, "%s",
                 w->orphaned ? "ended with its zygote" : "ended (no exit status reported)");
        return;
    }
    if (WIFEXITED(st)) {
        d->exited = 1;
        d->status = WEXITSTATUS(st);
        snprintf(d->what, sizeof d->what, "exited with status %d", d->status);
        return;
    }
    int sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
    d->status = sig;
    const char *name = sigabbrev_np(sig);
    const char *why = "";
    if (sig == SIGKILL && w->killed_for == KILL_TIMEOUT)
        why = " (timeout)";
    else if (sig == SIGKILL && w->killed_for == KILL_PROTOCOL)
        why = " (protocol violation)";
    else if (sig == SIGKILL && w->killed_for == KILL_NOMEM)
        why = " (the server had no memory for its answer)";
    else if (sig == SIGSYS)
        why = " (seccomp)";
    else if (sig == SIGXCPU)
        why = " (CPU time limit)";
    snprintf(d->what, sizeof d->what, "killed by SIG%s%s", name ? name : "?", why);
}

static void on_spawned(struct wk_pool *p, const struct pr_hdr *h, const char *payload, int fds[2])
{
    struct spawn_req *r = p->reqs;
    while (r && r->id != h->arg)
        r = r->next;
    if (!r || r->done || h->len != 8 || fds[0] < 0 || fds[1] < 0) {
        /* nobody waits (timed out): the worker is not wanted */
        if (fds[1] >= 0)
            syscall(SYS_pidfd_send_signal, fds[1], SIGKILL, NULL, 0);
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0)
                close(fds[i]);
        if (r && !r->done) {
            snprintf(r->err, sizeof r->err, "the zygote sent a bad answer");
            r->done = 1;
        }
        return;
    }
    uint64_t pid;
    memcpy(&pid, payload, sizeof pid);
    struct wk *w = r->w;
    w->fd = fds[0];
    w->pidfd = fds[1];
    w->pid = (pid_t)pid;
    fcntl(w->fd, F_SETFL, fcntl(w->fd, F_GETFL) | O_NONBLOCK);
    w->next = p->live;
    if (p->live)
        p->live->prev = w;
    p->live = w;
    w->p = p;
    r->done = 1;
}

static void on_died(struct wk_pool *p, const char *payload, size_t len)
{
    if (len != 16)
        return;
    uint64_t v[2];
    memcpy(v, payload, sizeof v);
    for (struct wk *w = p->live; w; w = w->next) {
        if (w->pid == (pid_t)v[0] && !w->reported && !w->described) {
            w->reported = 1;
            w->status = (int)(uint32_t)v[1];
            return;
        }
    }
}

static void *reader_main(void *arg)
{
    struct wk_pool *p = arg;
    char payload[256];
    for (;;) {
        struct pr_hdr h;
        int fds[2];
        int rc = pr_recv_hdr_fds(p->ctl, &h, sizeof payload - 1, 0, fds);
        if (rc == PR_DONE)
            rc = pr_recv_all(p->ctl, payload, (size_t)h.len, 0);
        if (rc != PR_DONE) {
            for (int i = 0; i < 2; i++)
                if (fds[i] >= 0)
                    close(fds[i]);
            break;
        }
        payload[h.len] = 0;
        pthread_mutex_lock(&p->lock);
        if (h.type == PR_SPAWNED) {
            on_spawned(p, &h, payload, fds);
        } else {
            for (int i = 0; i < 2; i++)
                if (fds[i] >= 0)
                    close(fds[i]);
            if (h.type == PR_DIED) {
                on_died(p, payload, (size_t)h.len);
            } else if (h.type == PR_SPAWN_FAILED) {
                for (struct spawn_req *r = p->reqs; r; r = r->next)
                    if (r->id == h.arg && !r->done) {
                        snprintf(r->err, sizeof r->err, "%.120s", payload);
                        r->done = 1;
                    }
            }
        }
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
    /* The zygote is gone, and with it its workers (PR_SET_PDEATHSIG): no
     * report of their deaths will come. */
    pthread_mutex_lock(&p->lock);
    p->broken = 1;
    for (struct wk *w = p->live; w; w = w->next)
        w->orphaned = 1;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Wait on p->cond (p->lock held) until `deadline` (monotonic ns). */
static int wait_until(struct wk_pool *p, int64_t deadline)
{
    /* The condition variable runs on CLOCK_MONOTONIC (see pool start). */
    struct timespec ts = {(time_t)(deadline / 1000000000), (long)(deadline % 1000000000)};
    return pthread_cond_timedwait(&p->cond, &p->lock, &ts);
}

/* ---- pool ---------------------------------------------------------------- */

static char *keep(struct wk_pool *p, const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c)
        return NULL;
    p->strings[p->nstrings++] = c;
    return c;
}

static int copy_config(struct wk_pool *p, const struct wk_config *cfg)
{
    p->cfg = *cfg;
    if (cfg->nsqlites < 0 || cfg->nmount_roots < 0 || cfg->nsqlites > 1024 || cfg->nmount_roots > 1024)
        return -1;
    p->strings = calloc((size_t)(cfg->nsqlites + cfg->nmount_roots) + 1, sizeof *p->strings);
    const char **sq = calloc((size_t)cfg->nsqlites + 1, sizeof *sq);
    const char **mr = calloc((size_t)cfg->nmount_roots + 1, sizeof *mr);
    p->roots = calloc((size_t)cfg->nmount_roots + 1, sizeof *p->roots);
    p->cfg.sqlites = sq;
    p->cfg.mount_roots = mr;
    if (!p->strings || !sq || !mr || !p->roots)
        return -1;
    for (int i = 0; i < cfg->nsqlites; i++) {
        if (!cfg->sqlites[i] || !strchr(cfg->sqlites[i], '=') || strlen(cfg->sqlites[i]) > ZY_MAX_PATH)
            return -1;
        if (!(sq[i] = keep(p, cfg->sqlites[i])))
            return -1;
    }
    for (int i = 0; i < cfg->nmount_roots; i++) {
        if (!(mr[i] = keep(p, cfg->mount_roots[i])))
            return -1;
        char *real = realpath(mr[i], NULL);
        if (real)
            p->roots[p->nroots++] = real;
    }
    if (p->cfg.oneshot_reuse < 1)
        p->cfg.oneshot_reuse = 1;
    return 0;
}

static void free_pool_memory(struct wk_pool *p)
{
    for (int i = 0; i < p->nstrings; i++)
        free(p->strings[i]);
    free(p->strings);
    for (int i = 0; i < p->nroots; i++)
        free(p->roots[i]);
    free(p->roots);
    free((void *)p->cfg.sqlites);
    free((void *)p->cfg.mount_roots);
    pthread_mutex_destroy(&p->lock);
    pthread_mutex_destroy(&p->once_lock);
    pthread_cond_destroy(&p->cond);
    free(p);
}

/* The zygote's environment: empty but for sanitizer options, which a
 * sanitizer build needs to behave as its parent (the library handles
 * SIGSEGV itself). */
static void zygote_env(char **env, int cap)
{
    int n = 0;
    for (char **e = environ; e && *e && n < cap - 1; e++) {
        const char *eq = strchr(*e, '=');
        if (eq && eq - *e >= 12 && strncmp(eq - 12, "SAN_OPTIONS", 11) == 0)
            env[n++] = *e;
    }
    env[n] = NULL;
}

static pid_t start_zygote(int child_end)
{
    char *env[8];
    zygote_env(env, 8);
    char *argv[] = {(char *)ZY_ARGV0, NULL};
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    /* The child: only async-signal-safe calls until execve. */
    if (child_end == ZY_CTL_FD) {
        fcntl(child_end, F_SETFD, 0);
    } else if (dup2(child_end, ZY_CTL_FD) != ZY_CTL_FD) {
        _exit(127);
    }
    syscall(SYS_close_range, ZY_CTL_FD + 1, ~0u, 0u);
    execve("/proc/self/exe", argv, env);
    _exit(127);
}

/* Start a zygote, configure it, wait until it is ready and start the
 * reader of its socket: p->ctl, p->zygote, p->reader. 0 or -1 with err. */
static int launch_zygote(struct wk_pool *p, char *err, size_t errcap)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        set_err(err, errcap, "socketpair: %s", strerror(errno));
        return -1;
    }
    p->zygote = start_zygote(sv[1]);
    close(sv[1]);
    p->ctl = sv[0];
    if (p->zygote < 0) {
        set_err(err, errcap, "fork: %s", strerror(errno));
        close(p->ctl);
        p->ctl = -1;
        return -1;
    }
    fcntl(p->ctl, F_SETFL, fcntl(p->ctl, F_GETFL) | O_NONBLOCK);

    struct mpb_buf b = {0};
    zy_encode_config(&p->cfg, &b);
    int rc = b.failed ? PR_BROKEN : pr_send(p->ctl, PR_CONFIG, 0, b.data, b.len, NULL, 0, pr_deadline_ms(SPAWN_TIMEOUT_MS));
    mpb_buf_free(&b);
    struct pr_hdr h = {0};
    char msg[256] = "";
    if (rc == PR_DONE)
        rc = pr_recv_hdr(p->ctl, &h, sizeof msg - 1, pr_deadline_ms(60000));
    if (rc == PR_DONE)
        rc = pr_recv_all(p->ctl, msg, (size_t)h.len, pr_deadline_ms(SPAWN_TIMEOUT_MS));
    if (rc == PR_DONE && h.type != PR_READY) {
        msg[h.len] = 0;
        rc = PR_BROKEN;
    }
    if (rc == PR_DONE && pthread_create(&p->reader, NULL, reader_main, p) != 0) {
        snprintf(msg, sizeof msg, "cannot start a thread");
        rc = PR_BROKEN;
    }
    if (rc != PR_DONE) {
        set_err(err, errcap, "the zygote failed to start: %s", msg[0] ? msg : "no answer");
        kill(p->zygote, SIGKILL);
        waitpid(p->zygote, NULL, 0);
        close(p->ctl);
        p->ctl = -1;
        return -1;
    }
    p->reader_started = 1;
    return 0;
}

/* p->lock held and p->broken: the zygote died (killed, out of memory).
 * One thread starts a new one (its workers died with it); the others wait
 * for that. 0 when a zygote runs again. */
static int restart_zygote(struct wk_pool *p)
{
    while (p->restarting)
        pthread_cond_wait(&p->cond, &p->lock);
    if (!p->broken)
        return 0;
    if (p->restarts >= MAX_RESTARTS)
        return -1; /* it keeps dying: give up rather than loop */
    p->restarting = 1;
    p->restarts++;
    pthread_mutex_unlock(&p->lock);
    /* the reader has ended (it set broken as it left) */
    pthread_join(p->reader, NULL);
    p->reader_started = 0;
    kill(p->zygote, SIGKILL);
    waitpid(p->zygote, NULL, 0);
    close(p->ctl);
    p->ctl = -1;
    char err[160];
    int rc = launch_zygote(p, err, sizeof err);
    pthread_mutex_lock(&p->lock);
    p->restarting = 0;
    if (rc == 0)
        p->broken = 0;
    pthread_cond_broadcast(&p->cond);
    return rc;
}

int wk_pool_start(const struct wk_config *cfg, struct wk_pool **out, char *err, size_t errcap)
{
    *out = NULL;
    struct wk_pool *p = calloc(1, sizeof *p);
    if (!p) {
        set_err(err, errcap, "out of memory%s", NULL);
        return WK_NOMEM;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_mutex_init(&p->once_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->cond, &ca);
    pthread_condattr_destroy(&ca);
    p->ctl = -1;
    if (!cfg || copy_config(p, cfg) != 0) {
        set_err(err, errcap, "bad worker configuration%s", NULL);
        free_pool_memory(p);
        return WK_ERROR;
    }
    if (launch_zygote(p, err, errcap) != 0) {
        free_pool_memory(p);
        return WK_ERROR;
    }
    *out = p;
    return WK_OK;
}

void wk_pool_stop(struct wk_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->once_lock);
    int n = p->nidle;
    p->nidle = 0;
    pthread_mutex_unlock(&p->once_lock);
    for (int i = 0; i < n; i++)
        wk_free(p->idle[i]);
    /* The zygote ends when its control socket closes; its workers die with
     * it (PR_SET_PDEATHSIG). */
    if (p->ctl >= 0)
        shutdown(p->ctl, SHUT_RDWR);
    if (p->reader_started)
        pthread_join(p->reader, NULL);
    if (p->zygote > 0) {
        kill(p->zygote, SIGKILL);
        waitpid(p->zygote, NULL, 0);
    }
    if (p->ctl >= 0)
        close(p->ctl);
    pthread_mutex_lock(&p->lock);
    for (struct wk *w = p->live; w; w = w->next) {
        send_signal(w, SIGKILL);
        w->p = NULL;
        w->dead = 1;
        w->orphaned = 1;
        if (!w->described)
            describe(w);
        w->described = 1;
    }
    p->live = NULL;
    pthread_mutex_unlock(&p->lock);
    free_pool_memory(p);
}

void wk_pool_shutdown(struct wk_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->once_lock);
    p->closing = 1;
    for (struct wk *w = p->once_running; w; w = w->once_next)
        wk_interrupt(w);
    pthread_mutex_unlock(&p->once_lock);
}

void wk_pool_kill_all(struct wk_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    for (struct wk *w = p->live; w; w = w->next)
        if (atomic_load(&w->waiting))
            send_signal(w, SIGKILL); /* its owner's wait sees the channel close */
    pthread_mutex_unlock(&p->lock);
}

/* ---- deaths ------------------------------------------------------------- */

/* The channel broke or the worker misbehaved: make sure it is dead, then
 * wait (bounded) for the zygote's report of how it ended. */
static void finish(struct wk *w, int kill_for)
{
    if (w->dead)
        return;
    w->dead = 1;
    if (kill_for == KILL_NONE && w->pidfd >= 0) {
        /* it closed the channel: give it a moment to end by itself */
        struct pollfd pfd = {.fd = w->pidfd, .events = POLLIN};
        if (poll(&pfd, 1, 1000) == 0)
            kill_for = KILL_PROTOCOL;
    }
    w->killed_for = kill_for;
    if (kill_for != KILL_NONE)
        send_signal(w, SIGKILL);
    struct wk_pool *p = w->p;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    int64_t deadline = pr_deadline_ms(DEATH_REPORT_MS);
    while (!w->reported && !w->orphaned && pr_now_ns() < deadline)
        wait_until(p, deadline);
    describe(w);
    w->described = 1;
    pthread_mutex_unlock(&p->lock);
}

const struct wk_death *wk_death(const struct wk *w)
{
    return w && w->dead ? &w->death : NULL;
}

/* ---- reading from a worker ------------------------------------------------ */

/* 1 if the process is stopped (state T or t in /proc/PID/stat). */
static int is_stopped(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')'); /* the name may hold anything */
    return paren && paren[1] == ' ' && (paren[2] == 'T' || paren[2] == 't');
}

/* Wait until w's channel is readable, the deadline (0: none) passes, or
 * the worker has been stopped for STOPPED_GIVE_UP_MS. */
static int wait_readable_(struct wk *w, int64_t deadline);
static int wait_readable(struct wk *w, int64_t deadline)
{
    atomic_store(&w->waiting, 1);
    int rc = wait_readable_(w, deadline);
    atomic_store(&w->waiting, 0);
    return rc;
}

static int wait_readable_(struct wk *w, int64_t deadline)
{
    int64_t stopped_since = 0;
    for (;;) {
        int64_t now = pr_now_ns();
        if (deadline && now >= deadline)
            return PR_TIMEOUT;
        int ms = STOP_CHECK_MS;
        if (deadline && (deadline - now) / 1000000 < ms)
            ms = (int)((deadline - now + 999999) / 1000000);
        struct pollfd pfd = {.fd = w->fd, .events = POLLIN};
        int n = poll(&pfd, 1, ms);
        if (n > 0)
            return PR_DONE; /* readable, or an error the read reports */
        if (n < 0 && errno != EINTR)
            return PR_BROKEN;
        if (!is_stopped(w->pid))
            stopped_since = 0;
        else if (!stopped_since)
            stopped_since = pr_now_ns();
        else if (pr_now_ns() - stopped_since >= (int64_t)STOPPED_GIVE_UP_MS * 1000000)
            return PR_TIMEOUT;
    }
}

/* Read exactly len bytes from w (PR_DONE, PR_BROKEN, PR_TIMEOUT). */
static int recv_from(struct wk *w, void *buf, size_t len, int64_t deadline)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = recv(w->fd, (char *)buf + got, len - got, MSG_DONTWAIT);
        if (n > 0) {
            got += (size_t)n;
            continue;
        }
        if (n == 0)
            return PR_BROKEN;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return PR_BROKEN;
        int rc = wait_readable(w, deadline);
        if (rc != PR_DONE)
            return rc;
    }
    return PR_DONE;
}

static int skip_from(struct wk *w, uint64_t len, int64_t deadline)
{
    char buf[4096];
    while (len > 0) {
        size_t n = len < sizeof buf ? (size_t)len : sizeof buf;
        int rc = recv_from(w, buf, n, deadline);
        if (rc != PR_DONE)
            return rc;
        len -= n;
    }
    return PR_DONE;
}

/* ---- calls --------------------------------------------------------------- */

/* Answers up to this size are not counted against cfg.answers. */
#define ANSWER_UNCOUNTED (64u << 10)
/* Bytes of answers this thread took from cfg.answers and has not given
 * back: the HTTP server answers each request on one thread
 * (thread-per-connection), which gives them back when the request ends
 * (wk_release_answers), whoever freed the buffers. */
static _Thread_local uint64_t answers_held;

void wk_release_answers(struct wk_pool *p)
{
    if (p && p->cfg.answers && answers_held)
        budget_give(p->cfg.answers, answers_held);
    answers_held = 0;
}

/* Frame caps: what a well-behaved worker can send for each request. JSON
 * escapes a byte as at most 6. */
static uint64_t run_cap(const int64_t *limits)
{
    uint64_t out = (uint64_t)limits[MPBOX_LIMIT_STDOUT], err = (uint64_t)limits[MPBOX_LIMIT_STDERR];
    return 6 * (2 * out + err) + (16u << 20);
}

static uint64_t files_cap(const int64_t *limits)
{
    return (uint64_t)limits[MPBOX_LIMIT_FILES_BYTES];
}

static uint64_t save_cap(const int64_t *limits)
{
    return MPBOX_MAX_MEMORY + (uint64_t)limits[MPBOX_LIMIT_FILES_BYTES] + (64u << 20);
}

static int answer(struct wk *w, uint32_t type, int sent, int64_t deadline, uint64_t cap, void **data, size_t *len,
                  uint32_t *out_arg);

/* One request and its answer. On WK_OK, *data (malloc'd, NUL-terminated;
 * may be NULL when not wanted) and *len hold the PR_OK payload, *arg its
 * arg. PR_NOFILE is WK_NOTFOUND, PR_FAIL WK_ERROR with w->error set. */
static int call(struct wk *w, uint32_t type, uint32_t arg, const void *a, size_t alen, const void *b, size_t blen,
                int64_t deadline, uint64_t cap, void **data, size_t *len, uint32_t *out_arg)
{
    if (data)
        *data = NULL;
    if (len)
        *len = 0;
    w->error[0] = 0;
    if (w->dead)
        return WK_DEAD;
    int rc = pr_send(w->fd, type, arg, a, alen, b, blen, deadline);
    return answer(w, type, rc, deadline, cap, data, len, out_arg);
}

static int answer_hdr(struct wk *w, uint32_t type, struct pr_hdr h, int64_t deadline, uint64_t cap, void **data,
                      size_t *len, uint32_t *out_arg);

/* The answer to a request of `type` just sent (sent: pr_send's result). */
static int answer(struct wk *w, uint32_t type, int sent, int64_t deadline, uint64_t cap, void **data, size_t *len,
                  uint32_t *out_arg)
{
    int rc = sent;
    struct pr_hdr h = {0};
    if (rc == PR_DONE)
        rc = recv_from(w, &h, sizeof h, deadline);
    if (rc == PR_TIMEOUT) {
        finish(w, KILL_TIMEOUT);
        return WK_TIMEOUT;
    }
    if (rc != PR_DONE) {
        finish(w, KILL_NONE);
        return WK_DEAD;
    }
    return answer_hdr(w, type, h, deadline, cap, data, len, out_arg);
}

/* The answer whose header h was read. */
static int answer_hdr(struct wk *w, uint32_t type, struct pr_hdr h, int64_t deadline, uint64_t cap, void **data,
                      size_t *len, uint32_t *out_arg)
{
    int rc;
    uint64_t max = h.type == PR_OK ? cap : h.type == PR_FAIL ? sizeof w->error - 1 : 0;
    int known = h.type == PR_OK || h.type == PR_FAIL || (h.type == PR_NOFILE && type == PR_GET);
    if (!known || h.len > max) {
        finish(w, KILL_PROTOCOL);
        return WK_DEAD;
    }
    if (h.type == PR_FAIL) {
        w->error_code = h.arg;
        rc = recv_from(w, w->error, (size_t)h.len, deadline);
        w->error[rc == PR_DONE ? h.len : 0] = 0;
    } else if (h.type == PR_OK && data) {
        /* A large answer is held by the server until its request ends:
         * counted against the memory budget, or read and dropped. */
        struct budget *mem = w->p && h.len > ANSWER_UNCOUNTED ? w->p->cfg.answers : NULL;
        if (mem && budget_take(mem, h.len) < 0) {
            rc = skip_from(w, h.len, deadline);
            if (rc == PR_DONE)
                return WK_FULL;
            finish(w, rc == PR_TIMEOUT ? KILL_TIMEOUT : KILL_NONE);
            return rc == PR_TIMEOUT ? WK_TIMEOUT : WK_DEAD;
        }
        if (mem)
            answers_held += h.len;
        char *buf = malloc((size_t)h.len + 1);
        if (!buf) {
            /* the answer cannot be kept: the channel is out of step */
            finish(w, KILL_NOMEM);
            return WK_NOMEM;
        }
        rc = recv_from(w, buf, (size_t)h.len, deadline);
        buf[h.len] = 0;
        if (rc == PR_DONE) {
            *data = buf;
            if (len)
                *len = (size_t)h.len;
        } else {
            free(buf);
        }
    } else {
        rc = skip_from(w, h.len, deadline);
    }
    if (rc == PR_TIMEOUT) {
        finish(w, KILL_TIMEOUT);
        return WK_TIMEOUT;
    }
    if (rc != PR_DONE) {
        finish(w, KILL_NONE);
        return WK_DEAD;
    }
    if (out_arg)
        *out_arg = h.arg;
    return h.type == PR_OK ? WK_OK : h.type == PR_NOFILE ? WK_NOTFOUND : WK_ERROR;
}

/* A header that is not PR_OK where only PR_OK or PR_FAIL may come. */
static int answer_fail(struct wk *w, const struct pr_hdr *h)
{
    if (h->type != PR_FAIL || h->len >= sizeof w->error) {
        finish(w, KILL_PROTOCOL);
        return WK_DEAD;
    }
    int rc = recv_from(w, w->error, (size_t)h->len, pr_deadline_ms(CALL_STALL_MS));
    w->error[rc == PR_DONE ? h->len : 0] = 0;
    if (rc == PR_TIMEOUT) {
        finish(w, KILL_TIMEOUT);
        return WK_TIMEOUT;
    }
    if (rc != PR_DONE) {
        finish(w, KILL_NONE);
        return WK_DEAD;
    }
    return WK_ERROR;
}

static int64_t run_deadline(const int64_t *limits)
{
    int64_t t = limits[MPBOX_LIMIT_TIMEOUT_MS];
    if (t <= 0)
        return 0; /* no limit was asked for: wait for the run (or the death) */
    return pr_deadline_ms(t + limits[MPBOX_LIMIT_GRACE_MS] + RUN_MARGIN_MS);
}

const char *wk_last_error(const struct wk *w)
{
    return w ? w->error : "";
}

/* ---- spawning ------------------------------------------------------------ */

/* HOSTDIR:/GUESTDIR, HOSTDIR a directory below one of the roots (after
 * resolving symbolic links). */
static int check_mount(struct wk_pool *p, const char *spec, char **host, const char **guest, char *err, size_t errcap)
{
    const char *sep = NULL;
    for (const char *s = strstr(spec, ":/"); s; s = strstr(s + 1, ":/"))
        sep = s;
    char *dir = sep ? strndup(spec, (size_t)(sep - spec)) : strdup(spec);
    *guest = sep ? sep + 1 : "/input";
    *host = NULL;
    if (!dir)
        return WK_NOMEM;
    char *real = realpath(dir, NULL);
    free(dir);
    if (real) {
        for (int i = 0; i < p->nroots; i++) {
            size_t n = strlen(p->roots[i]);
            if (strncmp(real, p->roots[i], n) == 0 &&
                (real[n] == 0 || real[n] == '/' || (n == 1 && p->roots[i][0] == '/'))) {
                *host = real;
                return WK_OK;
            }
        }
    }
    free(real);
    set_err(err, errcap, "mount not allowed by the server: %.200s", spec);
    return WK_ERROR;
}

static int known_sqlite(struct wk_pool *p, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < p->cfg.nsqlites; i++)
        if (strncmp(p->cfg.sqlites[i], name, n) == 0 && p->cfg.sqlites[i][n] == '=')
            return 1;
    return 0;
}

static int encode_spec(struct wk_pool *p, const struct wk_session_spec *spec, struct mpb_buf *b, char *err,
                       size_t errcap)
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        pb_u64(b, (uint64_t)(spec && spec->limits ? spec->limits[i] : -1));
    int nm = spec ? spec->nmounts : 0, ns = spec ? spec->nsqlites : 0;
    if (nm < 0 || nm > 16 || ns < 0 || ns > 64) {
        set_err(err, errcap, "too many mounts or databases%s", NULL);
        return WK_ERROR;
    }
    pb_u32(b, (uint32_t)nm);
    for (int i = 0; i < nm; i++) {
        char *host;
        const char *guest;
        int rc = check_mount(p, spec->mounts[i] ? spec->mounts[i] : "", &host, &guest, err, errcap);
        if (rc != WK_OK)
            return rc;
        int bad = strlen(host) > ZY_MAX_PATH || strlen(guest) > ZY_MAX_PATH;
        pb_str(b, host);
        pb_str(b, guest);
        free(host);
        if (bad) {
            set_err(err, errcap, "mount path too long%s", NULL);
            return WK_ERROR;
        }
    }
    pb_u32(b, (uint32_t)ns);
    for (int i = 0; i < ns; i++) {
        const char *name = spec->sqlites[i];
        if (!name || strlen(name) > 255 || !known_sqlite(p, name)) {
            set_err(err, errcap, "unknown SQL database: %.100s", name);
            return WK_ERROR;
        }
        pb_str(b, name);
    }
    if (spec && spec->snapshot_file)
        pb_u64(b, spec->snapshot_file->len); /* its bytes follow, streamed by setup() */
    else
        pb_bytes(b, spec ? spec->snapshot : NULL, spec && spec->snapshot ? spec->snapshot_len : 0);
    return b->failed ? WK_NOMEM : WK_OK;
}

/* Ask the zygote for a process; w is linked into p->live on success. */
static int fork_worker(struct wk_pool *p, struct wk *w, char *err, size_t errcap)
{
    struct spawn_req r = {.w = w};
    pthread_mutex_lock(&p->lock);
    r.id = ++p->next_id;
    r.next = p->reqs;
    p->reqs = &r;
    int64_t deadline = pr_deadline_ms(SPAWN_TIMEOUT_MS);
    /* A second attempt when the zygote died under the first. */
    for (int attempt = 0; attempt < 2 && !r.done; attempt++) {
        if (p->broken || p->restarting)
            restart_zygote(p);
        if (p->broken)
            break;
        int rc = pr_send(p->ctl, PR_SPAWN, r.id, NULL, 0, NULL, 0, deadline);
        while (rc == PR_DONE && !r.done && !p->broken && pr_now_ns() < deadline)
            wait_until(p, deadline);
        if (r.done || (rc == PR_DONE && !p->broken))
            break; /* answered, or no answer in time */
        /* the zygote is going away: wait until the reader has seen it */
        while (!p->broken && pr_now_ns() < deadline)
            wait_until(p, deadline);
    }
    struct spawn_req **pp = &p->reqs;
    while (*pp != &r)
        pp = &(*pp)->next;
    *pp = r.next;
    int ok = r.done && w->p;
    r.done = 1; /* a late answer finds no request and kills its worker */
    pthread_mutex_unlock(&p->lock);
    if (ok)
        return WK_OK;
    set_err(err, errcap, "cannot start a worker: %s",
            r.err[0] ? r.err : p->broken ? "the zygote is gone" : "no answer from the zygote");
    return WK_ERROR;
}

/* Streaming: the server holds one chunk of a snapshot, never all of it. */
#define CHUNK (256u << 10)


/* PR_SETUP with the encoded spec, and the snapshot file's bytes streamed
 * after it when there is one; then the worker's answer. */
static int setup(struct wk *w, uint32_t mode, const struct mpb_buf *b, const struct wk_file *file, void **info,
                 size_t *len)
{
    int64_t deadline = pr_deadline_ms(CALL_TIMEOUT_MS);
    if (!file)
        return call(w, PR_SETUP, mode, b->data, b->len, NULL, 0, deadline, sizeof w->limits, info, len, NULL);
    char *buf = malloc(CHUNK);
    if (!buf)
        return WK_NOMEM;
    w->error[0] = 0;
    int rc = pr_send_head(w->fd, PR_SETUP, mode, (uint64_t)b->len + file->len, b->data, b->len, deadline);
    for (uint64_t off = 0; rc == PR_DONE && off < file->len;) {
        size_t n = file->len - off < CHUNK ? (size_t)(file->len - off) : CHUNK;
        ssize_t k = pread(file->fd, buf, n, (off_t)off);
        if (k <= 0) {
            /* the file is short: the frame cannot be completed */
            free(buf);
            finish(w, KILL_PROTOCOL);
            snprintf(w->error, sizeof w->error, "cannot read the snapshot: %s", k < 0 ? strerror(errno) : "short file");
            return WK_ERROR;
        }
        rc = pr_send_more(w->fd, buf, (size_t)k, deadline);
        off += (uint64_t)k;
    }
    free(buf);
    return answer(w, PR_SETUP, rc, deadline, sizeof w->limits, info, len, NULL);
}

static int spawn(struct wk_pool *p, const struct wk_session_spec *spec, int oneshot, struct wk **out, char *err,
                 size_t errcap)
{
    *out = NULL;
    struct mpb_buf b = {0};
    int rc = encode_spec(p, spec, &b, err, errcap);
    if (rc != WK_OK) {
        if (rc == WK_NOMEM)
            set_err(err, errcap, "out of memory%s", NULL);
        mpb_buf_free(&b);
        return rc;
    }
    struct wk *w = calloc(1, sizeof *w);
    if (!w) {
        mpb_buf_free(&b);
        set_err(err, errcap, "out of memory%s", NULL);
        return WK_NOMEM;
    }
    w->fd = w->pidfd = -1;
    w->oneshot = oneshot;
    rc = fork_worker(p, w, err, errcap);
    if (rc != WK_OK) {
        free(w);
        mpb_buf_free(&b);
        return rc;
    }
    void *info = NULL;
    size_t len = 0;
    uint32_t mode = oneshot ? PR_MODE_ONESHOT : PR_MODE_SESSION;
    if (spec && spec->chain)
        mode |= PR_MODE_CHAIN;
    rc = setup(w, mode, &b, spec ? spec->snapshot_file : NULL, &info, &len);
    mpb_buf_free(&b);
    if (rc == WK_OK && len == sizeof w->limits) {
        memcpy(w->limits, info, sizeof w->limits);
        for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
            if (w->limits[i] < 0)
                rc = WK_ERROR;
    } else if (rc == WK_OK) {
        rc = WK_ERROR;
    }
    free(info);
    if (rc != WK_OK) {
        if (rc == WK_ERROR)
            set_err(err, errcap, "the worker refused the session: %s", w->error[0] ? w->error : "bad answer");
        else
            set_err(err, errcap, "the worker died while starting: %s", w->dead ? w->death.what : "");
        uint32_t code = rc == WK_ERROR ? w->error_code : PR_FAIL_OTHER;
        wk_free(w);
        if (rc == WK_NOMEM)
            return WK_NOMEM;
        return code == PR_FAIL_SNAPSHOT ? WK_SNAPSHOT : code == PR_FAIL_MOUNT ? WK_MOUNT : WK_ERROR;
    }
    *out = w;
    return WK_OK;
}

int wk_spawn(struct wk_pool *p, const struct wk_session_spec *spec, struct wk **out, char *err, size_t errcap)
{
    if (!p || !out) {
        set_err(err, errcap, "bad argument%s", NULL);
        return WK_ERROR;
    }
    return spawn(p, spec, 0, out, err, errcap);
}

void wk_free(struct wk *w)
{
    if (!w)
        return;
    struct wk_pool *p = w->p;
    if (p) {
        pthread_mutex_lock(&p->lock);
        if (w->prev)
            w->prev->next = w->next;
        else if (p->live == w)
            p->live = w->next;
        if (w->next)
            w->next->prev = w->prev;
        pthread_mutex_unlock(&p->lock);
    }
    send_signal(w, SIGKILL); /* (a pidfd: harmless once it ended) the zygote reaps it */
    if (w->fd >= 0)
        close(w->fd);
    if (w->pidfd >= 0)
        close(w->pidfd);
    free(w);
}

/* ---- requests ------------------------------------------------------------ */

/* The outcome a run's PR_OK carries. */
static void take_outcome(struct wk_outcome *out, uint32_t arg)
{
    if (out) {
        out->status = pr_outcome_status(arg);
        out->session = pr_outcome_session(arg);
    }
}

int wk_run(struct wk *w, const char *code, size_t len, unsigned flags, char **json, size_t *json_len,
           struct wk_outcome *out)
{
    *json = NULL;
    if (json_len)
        *json_len = 0;
    if (!w || (!code && len) || w->oneshot)
        return WK_ERROR;
    /* the run's number: an interrupt names the run it is meant for */
    uint32_t seq = atomic_fetch_add(&w->run_seq, 1) + 1;
    uint32_t arg = 0;
    int rc = call(w, PR_RUN, flags, &seq, sizeof seq, code, len, run_deadline(w->limits), run_cap(w->limits),
                  (void **)json, json_len, &arg);
    if (rc == WK_OK)
        take_outcome(out, arg);
    return rc;
}

/* Output frames of a live run that are already there are passed on
 * merged, in pieces of up to PR_OUTPUT_PIECE bytes. */
#define LIVE_TICK_MS 250

/* Read one PR_OUTPUT payload of len bytes onto the end of b. */
static int recv_output(struct wk *w, uint64_t len, uint64_t cap, struct mpb_buf *b, int64_t deadline)
{
    if (len > cap) {
        finish(w, KILL_PROTOCOL);
        return WK_DEAD;
    }
    if (len == 0)
        return WK_OK;
    char *at = mpb_buf_room(b, (size_t)len);
    if (!at) {
        finish(w, KILL_NOMEM); /* the channel is out of step */
        return WK_NOMEM;
    }
    int rc = recv_from(w, at, (size_t)len, deadline);
    if (rc != PR_DONE) {
        finish(w, rc == PR_TIMEOUT ? KILL_TIMEOUT : KILL_NONE);
        return rc == PR_TIMEOUT ? WK_TIMEOUT : WK_DEAD;
    }
    mpb_buf_commit(b, (size_t)len);
    return WK_OK;
}

/* 1 when a whole frame header can be read without waiting. */
static int header_ready(struct wk *w)
{
    struct pr_hdr h;
    return recv(w->fd, &h, sizeof h, MSG_PEEK | MSG_DONTWAIT) == (ssize_t)sizeof h;
}

int wk_run_live(struct wk *w, const char *code, size_t len, unsigned flags, wk_output_fn fn, void *ctx, char **json,
                size_t *json_len, struct wk_outcome *out)
{
    *json = NULL;
    if (json_len)
        *json_len = 0;
    if (!w || (!code && len) || w->oneshot || (flags & PR_RUN_LIVE))
        return WK_ERROR;
    w->error[0] = 0;
    if (w->dead)
        return WK_DEAD;
    uint32_t seq = atomic_fetch_add(&w->run_seq, 1) + 1;
    int64_t deadline = run_deadline(w->limits);
    uint64_t cap = run_cap(w->limits);
    int rc = pr_send(w->fd, PR_RUN, flags | PR_RUN_LIVE, &seq, sizeof seq, code, len, deadline);
    if (rc != PR_DONE)
        return answer(w, PR_RUN, rc, deadline, cap, (void **)json, json_len, NULL);
    struct mpb_buf piece = {0};
    int piece_fd = 0;
    for (;;) {
        /* a tick when nothing came for LIVE_TICK_MS (before the deadline) */
        int64_t tick = pr_deadline_ms(LIVE_TICK_MS);
        rc = wait_readable(w, deadline && deadline < tick ? deadline : tick);
        if (rc == PR_TIMEOUT && (!deadline || pr_now_ns() < deadline)) {
            fn(ctx, 0, NULL, 0);
            continue;
        }
        struct pr_hdr h = {0};
        if (rc == PR_DONE)
            rc = recv_from(w, &h, sizeof h, deadline);
        if (rc != PR_DONE) {
            mpb_buf_free(&piece);
            finish(w, rc == PR_TIMEOUT ? KILL_TIMEOUT : KILL_NONE);
            return rc == PR_TIMEOUT ? WK_TIMEOUT : WK_DEAD;
        }
        if (h.type != PR_OUTPUT) {
            if (piece.len)
                fn(ctx, piece_fd, piece.data, piece.len);
            mpb_buf_free(&piece);
            uint32_t arg = 0;
            rc = answer_hdr(w, PR_RUN, h, deadline, cap, (void **)json, json_len, &arg);
            if (rc == WK_OK)
                take_outcome(out, arg);
            return rc;
        }
        int fd = h.arg == 2 ? 2 : 1;
        if (piece.len && fd != piece_fd) {
            fn(ctx, piece_fd, piece.data, piece.len);
            piece.len = 0;
        }
        piece_fd = fd;
        rc = recv_output(w, h.len, cap, &piece, deadline);
        if (rc != WK_OK) {
            mpb_buf_free(&piece);
            return rc;
        }
        /* more already waiting: merged into one piece, up to its size */
        if (piece.len >= PR_OUTPUT_PIECE || !header_ready(w)) {
            fn(ctx, piece_fd, piece.data, piece.len);
            piece.len = 0;
        }
    }
}

/* SIGUSR1 with the number of the latest run (sigqueue style): the worker
 * interrupts that run even if the signal overtakes the request, and
 * ignores it once the run is over. A pidfd reaches only this process, even
 * after it ended. */
void wk_interrupt(struct wk *w)
{
    if (!w || w->pidfd < 0)
        return;
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR1;
    info.si_code = SI_QUEUE;
    info.si_pid = getpid();
    info.si_uid = getuid();
    info.si_value.sival_int = (int)atomic_load(&w->run_seq);
    syscall(SYS_pidfd_send_signal, w->pidfd, SIGUSR1, &info, 0);
}

int wk_put_file(struct wk *w, const char *path, const void *data, size_t len, char *err, size_t errcap)
{
    if (!w || !path || (!data && len) || strlen(path) > ZY_MAX_PATH) {
        set_err(err, errcap, "bad argument%s", NULL);
        return WK_ERROR;
    }
    int rc = call(w, PR_PUT, 0, path, strlen(path) + 1, data, len, pr_deadline_ms(CALL_TIMEOUT_MS), 0, NULL, NULL,
                  NULL);
    if (rc == WK_ERROR)
        set_err(err, errcap, "%s", w->error);
    else if (rc == WK_DEAD || rc == WK_TIMEOUT)
        set_err(err, errcap, "the worker %s", w->death.what);
    return rc;
}

int wk_get_file(struct wk *w, const char *path, void **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!w || !path || strlen(path) > ZY_MAX_PATH)
        return WK_ERROR;
    return call(w, PR_GET, 0, path, strlen(path) + 1, NULL, 0, pr_deadline_ms(CALL_TIMEOUT_MS), files_cap(w->limits),
                data, len, NULL);
}

int wk_list_files(struct wk *w, char **json, size_t *json_len)
{
    *json = NULL;
    if (json_len)
        *json_len = 0;
    if (!w)
        return WK_ERROR;
    uint64_t cap = (uint64_t)w->limits[MPBOX_LIMIT_FILES_COUNT] * (6 * ZY_MAX_PATH + 64) + 16;
    return call(w, PR_LIST, 0, NULL, 0, NULL, 0, pr_deadline_ms(CALL_TIMEOUT_MS), cap, (void **)json, json_len, NULL);
}

int wk_save(struct wk *w, void **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!w)
        return WK_ERROR;
    return call(w, PR_SAVE, 0, NULL, 0, NULL, 0, pr_deadline_ms(CALL_TIMEOUT_MS), save_cap(w->limits), data, len,
                NULL);
}

int64_t wk_limit(const struct wk *w, int id)
{
    return w && id >= 0 && id < MPBOX_LIMIT_COUNT_ ? w->limits[id] : -1;
}

/* A request whose answer is a snapshot (or a delta), streamed into fd. */
static int save_into(struct wk *w, uint32_t type, uint32_t arg, const void *a, size_t alen, int fd,
                     int (*room)(void *ctx, uint64_t len), void *ctx, uint64_t *len, uint32_t *answer_arg)
{
    *len = 0;
    if (!w)
        return WK_ERROR;
    w->error[0] = 0;
    if (w->dead)
        return WK_DEAD;
    int rc = pr_send(w->fd, type, arg, a, alen, NULL, 0, pr_deadline_ms(CALL_TIMEOUT_MS));
    struct pr_hdr h = {0};
    if (rc == PR_DONE)
        rc = recv_from(w, &h, sizeof h, pr_deadline_ms(CALL_STALL_MS));
    if (rc == PR_DONE && h.type != PR_OK) /* PR_FAIL, or a protocol violation */
        return answer_fail(w, &h);
    if (rc == PR_DONE && h.len > save_cap(w->limits)) {
        finish(w, KILL_PROTOCOL);
        return WK_DEAD;
    }
    int full = rc == PR_DONE && room && room(ctx, h.len) != 0;
    int werr = 0;
    char *buf = rc == PR_DONE ? malloc(CHUNK) : NULL;
    if (rc == PR_DONE && !buf) {
        finish(w, KILL_NOMEM);
        return WK_NOMEM;
    }
    /* Each chunk within CALL_STALL_MS: a worker stopped half-way is given
     * up as one that never started. Refused or failed, the snapshot is
     * still read to its end, so that the channel stays in step. */
    for (uint64_t left = rc == PR_DONE ? h.len : 0; left > 0;) {
        size_t n = left < CHUNK ? (size_t)left : CHUNK;
        rc = recv_from(w, buf, n, pr_deadline_ms(CALL_STALL_MS));
        if (rc != PR_DONE)
            break;
        if (!full && !werr && app_write_all(fd, buf, n) < 0)
            werr = errno ? errno : EIO;
        left -= n;
    }
    free(buf);
    if (rc == PR_TIMEOUT) {
        finish(w, KILL_TIMEOUT);
        return WK_TIMEOUT;
    }
    if (rc != PR_DONE) {
        finish(w, KILL_NONE);
        return WK_DEAD;
    }
    if (full)
        return WK_FULL;
    if (werr) {
        snprintf(w->error, sizeof w->error, "cannot write the snapshot: %s", strerror(werr));
        return WK_ERROR;
    }
    *len = h.len;
    if (answer_arg)
        *answer_arg = h.arg;
    return WK_OK;
}

int wk_save_to(struct wk *w, int fd, int (*room)(void *ctx, uint64_t len), void *ctx, uint64_t *len)
{
    return save_into(w, PR_SAVE, 0, NULL, 0, fd, room, ctx, len, NULL);
}

int wk_commit_to(struct wk *w, int fd, int force_base, uint64_t max_delta, int (*room)(void *ctx, uint64_t len),
                 void *ctx, uint64_t *len, int *is_delta)
{
    uint32_t kind = 0;
    int rc = save_into(w, PR_COMMIT, force_base ? PR_COMMIT_FORCE_BASE : 0, &max_delta, sizeof max_delta, fd, room,
                       ctx, len, &kind);
    *is_delta = kind == PR_COMMIT_DELTA;
    if (rc == WK_OK && kind != PR_COMMIT_DELTA && kind != PR_COMMIT_BASE) {
        finish(w, KILL_PROTOCOL);
        return WK_DEAD;
    }
    return rc;
}

pid_t wk_pid(const struct wk *w)
{
    return w ? w->pid : 0;
}

uint64_t wk_rss(const struct wk *w)
{
    if (!w || w->dead)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)w->pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    unsigned long long size = 0, rss = 0;
    int n = fscanf(f, "%llu %llu", &size, &rss);
    fclose(f);
    return n == 2 ? rss * (uint64_t)sysconf(_SC_PAGESIZE) : 0;
}

/* ---- one-shot runs ------------------------------------------------------- */

static struct wk *take_idle(struct wk_pool *p)
{
    for (;;) {
        pthread_mutex_lock(&p->once_lock);
        struct wk *w = p->nidle ? p->idle[--p->nidle] : NULL;
        pthread_mutex_unlock(&p->once_lock);
        if (!w)
            return NULL;
        /* one that ended while idle (RLIMIT_CPU, killed) is replaced */
        struct pollfd pfd = {.fd = w->pidfd, .events = POLLIN};
        if (poll(&pfd, 1, 0) == 0)
            return w;
        wk_free(w);
    }
}

static void give_back(struct wk_pool *p, struct wk *w)
{
    pthread_mutex_lock(&p->once_lock);
    if (p->nidle < ONESHOT_IDLE_MAX) {
        p->idle[p->nidle++] = w;
        w = NULL;
    }
    pthread_mutex_unlock(&p->once_lock);
    wk_free(w);
}

int wk_run_once(struct wk_pool *p, const int64_t *limits, const char *code, size_t len, unsigned flags, char **json,
                size_t *json_len, struct wk_outcome *out)
{
    return wk_run_once_ex(p, limits, code, len, flags, json, json_len, out, NULL);
}

int wk_run_once_ex(struct wk_pool *p, const int64_t *limits, const char *code, size_t len, unsigned flags,
                   char **json, size_t *json_len, struct wk_outcome *out, struct wk_death *death)
{
    if (death)
        memset(death, 0, sizeof *death);
    *json = NULL;
    if (json_len)
        *json_len = 0;
    if (!p || (!code && len))
        return WK_ERROR;
    struct wk *w = take_idle(p);
    if (!w) {
        char err[128];
        int rc = spawn(p, NULL, 1, &w, err, sizeof err);
        if (rc != WK_OK)
            return rc;
    }
    int64_t eff[MPBOX_LIMIT_COUNT_];
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        eff[i] = limits && limits[i] >= 0 ? limits[i] : w->limits[i];
    /* The worker numbers its runs 1, 2, ...: an interrupt names this one,
     * so that it counts even if it overtakes the request. */
    atomic_store(&w->run_seq, (uint32_t)w->runs + 1);
    pthread_mutex_lock(&p->once_lock);
    int closing = p->closing;
    if (!closing) {
        w->once_prev = NULL;
        w->once_next = p->once_running;
        if (p->once_running)
            p->once_running->once_prev = w;
        p->once_running = w;
    }
    pthread_mutex_unlock(&p->once_lock);
    if (closing) {
        give_back(p, w);
        return WK_CLOSING;
    }
    uint32_t arg = 0;
    int rc = call(w, PR_ONCE, flags, eff, sizeof eff, code, len, run_deadline(eff), run_cap(eff), (void **)json,
                  json_len, &arg);
    int status = pr_outcome_status(arg);
    if (rc == WK_OK)
        take_outcome(out, arg);
    pthread_mutex_lock(&p->once_lock);
    if (w->once_prev)
        w->once_prev->once_next = w->once_next;
    else
        p->once_running = w->once_next;
    if (w->once_next)
        w->once_next->once_prev = w->once_prev;
    w->once_prev = w->once_next = NULL;
    pthread_mutex_unlock(&p->once_lock);
    if (death && w->dead)
        *death = w->death;
    if (rc == WK_OK && (status == MPBOX_STATUS_OK || status == MPBOX_STATUS_ERROR) &&
        ++w->runs < p->cfg.oneshot_reuse)
        give_back(p, w);
    else
        wk_free(w);
    return rc;
}
