/*
 * sandbox.c — confining a worker process (see sandbox.h and
 * docs/isolation.md).
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fail(char *err, size_t errcap, const char *what)
{
    if (err && errcap)
        snprintf(err, errcap, "%s: %s", what, strerror(errno));
    return -1;
}

int sb_enter_process(int chan, int devnull, char *err, size_t errcap)
{
    /* Signals: whatever the zygote blocked or handled is not ours. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGPIPE, SIG_IGN); /* the channel reports a dead peer as EPIPE */

    pid_t parent = getppid();
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        return fail(err, errcap, "PR_SET_PDEATHSIG");
    if (getppid() != parent)
        return fail(err, errcap, "parent gone");

    if (prctl(PR_SET_DUMPABLE, 0) != 0)
        return fail(err, errcap, "PR_SET_DUMPABLE");
    struct rlimit zero = {0, 0};
    if (setrlimit(RLIMIT_CORE, &zero) != 0)
        return fail(err, errcap, "RLIMIT_CORE");
    prctl(PR_SET_NAME, "mpbox-worker");

    /* Descriptors: 0-2 on /dev/null, the channel at 3, nothing else. */
    if (chan != 3) {
        if (dup2(chan, 3) != 3)
            return fail(err, errcap, "dup2");
        chan = 3;
    }
    for (int fd = 0; fd < 3; fd++)
        if (dup2(devnull, fd) != fd)
            return fail(err, errcap, "dup2 /dev/null");
    if (fcntl(chan, F_SETFD, FD_CLOEXEC) != 0)
        return fail(err, errcap, "fcntl");
    if (syscall(SYS_close_range, 4u, ~0u, 0u) != 0)
        return fail(err, errcap, "close_range");
    return chan;
}

static int set_limit(int which, uint64_t value, char *err, size_t errcap, const char *name)
{
    struct rlimit r = {(rlim_t)value, (rlim_t)value};
    if (setrlimit(which, &r) != 0)
        return fail(err, errcap, name);
    return 0;
}

int sb_install_seccomp(int files, char *err, size_t errcap)
{
    (void)files, (void)err, (void)errcap;
    return 0;
}

int sb_lock(const struct sb_policy *pol, char *err, size_t errcap)
{
    if (pol->address_space && set_limit(RLIMIT_AS, pol->address_space, err, errcap, "RLIMIT_AS") != 0)
        return -1;
    if (pol->cpu_seconds && set_limit(RLIMIT_CPU, pol->cpu_seconds, err, errcap, "RLIMIT_CPU") != 0)
        return -1;
    if (set_limit(RLIMIT_NOFILE, SB_MAX_FILES, err, errcap, "RLIMIT_NOFILE") != 0 ||
        set_limit(RLIMIT_FSIZE, 0, err, errcap, "RLIMIT_FSIZE") != 0 ||
        set_limit(RLIMIT_NPROC, 0, err, errcap, "RLIMIT_NPROC") != 0)
        return -1;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(err, errcap, "PR_SET_NO_NEW_PRIVS");
    if (pol->seccomp && sb_install_seccomp(pol->nread_dirs + pol->nread_files > 0, err, errcap) != 0)
        return -1;
    return 0;
}
