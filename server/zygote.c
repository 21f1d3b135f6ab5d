/*
 * zygote.c — the process that builds the mpbox runtime once and forks a
 * worker for each request of the server (see zygote.h and worker.h).
 *
 * Control protocol (descriptor 3, a stream socket to the server):
 *   server -> zygote  PR_CONFIG once, then PR_SPAWN{id}
 *   zygote -> server  PR_READY (or PR_SPAWN_FAILED with the reason, then
 *                     exit), PR_SPAWNED{id; pid; fds: channel, pidfd},
 *                     PR_SPAWN_FAILED{id; reason}, PR_DIED{pid, status}
 * The zygote reaps its children and reports every exit, so that the
 * server can say how a worker ended. It exits when the server closes the
 * socket or dies, and its workers die with it (PR_SET_PDEATHSIG).
 */
#include "zygote.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

void zy_encode_config(const struct wk_config *cfg, struct mpb_buf *b)
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        pb_u64(b, (uint64_t)cfg->limits[i]);
    pb_u32(b, (uint32_t)cfg->nsqlites);
    for (int i = 0; i < cfg->nsqlites; i++) {
        const char *spec = cfg->sqlites[i];
        const char *eq = strchr(spec, '=');
        size_t n = eq ? (size_t)(eq - spec) : 0;
        mpb_buf_append(b, spec, n);
        mpb_buf_append(b, "", 1);
        pb_str(b, eq ? eq + 1 : "");
    }
    pb_u32(b, (uint32_t)(cfg->seccomp != 0));
    pb_u64(b, cfg->rlimit_cpu_s);
    pb_bytes(b, cfg->snapshot_key, cfg->snapshot_key_len);
}

int zy_decode_config(char *payload, size_t len, struct zy_config *out)
{
    memset(out, 0, sizeof *out);
    out->payload = payload;
    struct pr_in in = {payload, len, 0, 0};
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        out->limits[i] = (int64_t)pi_u64(&in);
    uint32_t n = pi_u32(&in);
    if (in.bad || n > 1024)
        return -1;
    out->sqlite_names = calloc(n + 1, sizeof *out->sqlite_names);
    out->sqlite_paths = calloc(n + 1, sizeof *out->sqlite_paths);
    if (!out->sqlite_names || !out->sqlite_paths)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        out->sqlite_names[i] = pi_str(&in, 255);
        out->sqlite_paths[i] = pi_str(&in, ZY_MAX_PATH);
    }
    out->nsqlites = (int)n;
    out->seccomp = pi_u32(&in) != 0;
    out->rlimit_cpu_s = pi_u64(&in);
    out->snapshot_key = pi_bytes(&in, &out->snapshot_key_len);
    return in.bad || in.off != in.len ? -1 : 0;
}

static void send_text(int ctl, uint32_t type, uint32_t arg, const char *msg)
{
    pr_send(ctl, type, arg, msg, strlen(msg), NULL, 0, 0);
}

static void spawn(struct zy *z, int ctl, uint32_t id)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        send_text(ctl, PR_SPAWN_FAILED, id, "socketpair failed");
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(ctl);
        close(sv[0]);
        zy_worker_main(z, sv[1]);
    }
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        send_text(ctl, PR_SPAWN_FAILED, id, "fork failed");
        return;
    }
    /* The server signals the worker through a pidfd: it cannot reach
     * another process that reused the pid. Made here, by the parent,
     * before the child can have been reaped. */
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {
        kill(pid, SIGKILL);
        close(sv[0]);
        send_text(ctl, PR_SPAWN_FAILED, id, "pidfd_open failed");
        return;
    }
    fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    uint64_t p = (uint64_t)pid;
    int fds[2] = {sv[0], pidfd};
    pr_send_fds(ctl, PR_SPAWNED, id, &p, sizeof p, fds, 2);
    close(sv[0]);
    close(pidfd);
}

static void reap(int ctl)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
        uint64_t msg[2] = {(uint64_t)pid, (uint64_t)(uint32_t)st};
        pr_send(ctl, PR_DIED, 0, msg, sizeof msg, NULL, 0, 0);
    }
}

static void apply_limits(struct zy *z)
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        if (z->cfg.limits[i] >= 0)
            mpbox_runtime_limit(z->rt, i, z->cfg.limits[i]);
}

/* The zygote ends when its control socket reaches end of file: the server
 * closed it or died (no PR_SET_PDEATHSIG: that would tie it to the server
 * thread that started it, and a restart may come from a short-lived one).
 * Its workers die with it (theirs is set: the zygote has one thread). */
static int zygote_main(int ctl)
{
    prctl(PR_SET_NAME, "mpbox-zygote");
    /* execve kept the server's blocked signals and ignored ones: a SIGCHLD
     * left ignored would reap workers before their deaths are reported */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGPIPE, SIG_IGN); /* a closed control socket is seen as EPIPE */
    struct zy z;
    memset(&z, 0, sizeof z);
    z.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

    struct pr_hdr h;
    if (pr_recv_hdr(ctl, &h, ZY_MAX_CONTROL, 0) != PR_DONE || h.type != PR_CONFIG)
        return 1;
    char *payload = malloc(h.len + 1);
    if (!payload || pr_recv_all(ctl, payload, h.len, 0) != PR_DONE)
        return 1;
    if (zy_decode_config(payload, h.len, &z.cfg) != 0) {
        send_text(ctl, PR_SPAWN_FAILED, 0, "bad configuration");
        return 1;
    }
    int rc = mpbox_runtime_new(&z.rt);
    if (rc != MPBOX_OK) {
        send_text(ctl, PR_SPAWN_FAILED, 0, mpbox_errstr(rc));
        return 1;
    }
    apply_limits(&z);
    if (mpbox_runtime_snapshot_key(z.rt, z.cfg.snapshot_key, z.cfg.snapshot_key_len) != MPBOX_OK) {
        send_text(ctl, PR_SPAWN_FAILED, 0, "bad snapshot key");
        return 1;
    }

    /* Children are reaped when SIGCHLD says so. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0 || z.devnull < 0) {
        send_text(ctl, PR_SPAWN_FAILED, 0, "signalfd or /dev/null failed");
        return 1;
    }
    pr_send(ctl, PR_READY, 0, NULL, 0, NULL, 0, 0);

    for (;;) {
        struct pollfd pfd[2] = {{.fd = ctl, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (pfd[1].revents) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
                ;
            reap(ctl);
        }
        if (pfd[0].revents) {
            if (pr_recv_hdr(ctl, &h, 0, 0) != PR_DONE || h.type != PR_SPAWN)
                return 0; /* the server closed the socket, or spoke nonsense */
            spawn(&z, ctl, h.arg);
            reap(ctl); /* a worker that failed at once */
        }
    }
}

/* Runs before main() in every program this file is linked into; only the
 * process worker.c executes as the zygote does anything. glibc passes
 * argc and argv to constructors. */
__attribute__((constructor)) static void zygote_entry(int argc, char **argv)
{
    if (argc < 1 || !argv || !argv[0] || strcmp(argv[0], ZY_ARGV0) != 0)
        return;
    _exit(zygote_main(ZY_CTL_FD));
}
