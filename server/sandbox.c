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
#include <linux/capability.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <sys/mman.h>
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

/* ---- Landlock ------------------------------------------------------------ */

/* Rights of the ABI versions after the ones the build machine's header
 * knows. */
#define LL_TRUNCATE (1ull << 14)  /* ABI 3 */
#define LL_IOCTL_DEV (1ull << 15) /* ABI 5 */
#define LL_SCOPE_ABSTRACT_UNIX (1ull << 0) /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ull << 1)

struct ll_ruleset_attr { /* as the kernel's, newest layout */
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

static int ll_add(int ruleset, const char *path, uint64_t allowed)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct landlock_path_beneath_attr rule = {.allowed_access = allowed, .parent_fd = fd};
    int rc = (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    close(fd);
    return rc;
}

/* Every file system access handled (so denied) but reading below the
 * mounts and reading the database files; with ABI 4+ no TCP, with ABI 6+
 * no signals to processes outside the worker and no abstract sockets.
 * Returns the ABI version used, 0 when the kernel has no Landlock. */
static int landlock(const struct sb_policy *pol, char *err, size_t errcap)
{
    int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi <= 0)
        return 0; /* not available: seccomp alone (docs/isolation.md) */
    struct ll_ruleset_attr attr = {0};
    attr.handled_access_fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;
    if (abi >= 2)
        attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        attr.handled_access_fs |= LL_TRUNCATE;
    if (abi >= 5)
        attr.handled_access_fs |= LL_IOCTL_DEV;
    size_t size = sizeof attr.handled_access_fs;
    if (abi >= 4) {
        attr.handled_access_net = 3; /* TCP bind and connect */
        size = 2 * sizeof(uint64_t);
    }
    if (abi >= 6) {
        attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
        size = sizeof attr;
    }
    int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (ruleset < 0)
        return fail(err, errcap, "landlock_create_ruleset");
    const uint64_t read_dir = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
    for (int i = 0; i < pol->nread_dirs; i++)
        if (ll_add(ruleset, pol->read_dirs[i], read_dir) != 0) {
            close(ruleset);
            return fail(err, errcap, "landlock_add_rule (mount)");
        }
    for (int i = 0; i < pol->nread_files; i++) {
        if (ll_add(ruleset, pol->read_files[i], LANDLOCK_ACCESS_FS_READ_FILE) != 0) {
            close(ruleset);
            return fail(err, errcap, "landlock_add_rule (database)");
        }
        /* a database in WAL mode is read with its -wal and -shm files,
         * when they exist */
        static const char *const companions[] = {"-wal", "-shm"};
        for (int k = 0; k < 2; k++) {
            char path[4200];
            if (snprintf(path, sizeof path, "%s%s", pol->read_files[i], companions[k]) < (int)sizeof path)
                ll_add(ruleset, path, LANDLOCK_ACCESS_FS_READ_FILE);
        }
    }
#if defined(__SANITIZE_ADDRESS__)
    /* ASan's longjmp interceptor asks glibc for the main thread's stack,
     * which glibc reads from /proc/self/maps: sanitizer builds only. */
    if (ll_add(ruleset, "/proc", read_dir) != 0) {
        close(ruleset);
        return fail(err, errcap, "landlock_add_rule (/proc)");
    }
#endif
    int rc = (int)syscall(SYS_landlock_restrict_self, ruleset, 0);
    close(ruleset);
    if (rc != 0)
        return fail(err, errcap, "landlock_restrict_self");
    return abi;
}

int sb_restrict_files(const struct sb_policy *pol, char *err, size_t errcap)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(err, errcap, "PR_SET_NO_NEW_PRIVS");
    return landlock(pol, err, errcap);
}

/* ---- seccomp -------------------------------------------------------------- */

/* The allow-list; docs/isolation.md says why each is there. */
static const int always[] = {
    /* the channel and descriptors 0-2 */
    SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(recvfrom), SCMP_SYS(recvmsg),
    SCMP_SYS(sendto), SCMP_SYS(sendmsg), SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(close),
    /* memory: linear memories, checkpoints, the pool, malloc */
    SCMP_SYS(munmap), SCMP_SYS(madvise), SCMP_SYS(mremap), SCMP_SYS(brk), SCMP_SYS(mincore),
    /* threads that exist already (a thread created just before the filter
     * may still be registering itself: rseq, set_robust_list), clocks and
     * sleeping */
    SCMP_SYS(rseq), SCMP_SYS(set_robust_list), SCMP_SYS(futex), SCMP_SYS(sched_yield), SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
    SCMP_SYS(gettimeofday), SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep),
    /* signals: traps, the hard stop, interrupts */
    SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction), SCMP_SYS(sigaltstack),
    SCMP_SYS(rt_sigtimedwait), SCMP_SYS(getpid), SCMP_SYS(gettid),
    /* a sleep or timed wait stopped (SIGSTOP) and continued resumes
     * through restart_syscall */
    SCMP_SYS(restart_syscall),
    /* the guest's random source, ending */
    SCMP_SYS(getrandom), SCMP_SYS(exit), SCMP_SYS(exit_group),
};

/* Sanitizer builds: the ASan/UBSan runtime asks for the CPU set (thread
 * bookkeeping) and reads /proc/self/maps (below: the file calls); only
 * these builds allow it. */
#if defined(__SANITIZE_ADDRESS__)
static const int sanitizer_calls[] = {
    SCMP_SYS(sched_getaffinity),
};
#endif

/* For mounts and SQLite databases (Landlock limits where). */
static const int file_calls[] = {
    SCMP_SYS(openat2), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(getdents64),
    SCMP_SYS(fcntl), SCMP_SYS(pread64), SCMP_SYS(lseek), SCMP_SYS(access), SCMP_SYS(faccessat),
    SCMP_SYS(faccessat2), SCMP_SYS(fstatfs), SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(getcwd),
    SCMP_SYS(geteuid),
};

/* Refused with EPERM instead of killing: SQLite, running as root, gives a
 * WAL database's -shm file the database's owner (and ignores a failure). */
static const int file_calls_refused[] = {
    SCMP_SYS(fchown), SCMP_SYS(fchmod),
};

int sb_install_seccomp(int files, char *err, size_t errcap)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!ctx) {
        errno = ENOMEM;
        return fail(err, errcap, "seccomp_init");
    }
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1); /* every thread */
    for (size_t i = 0; rc == 0 && i < sizeof always / sizeof always[0]; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, always[i], 0);
#if defined(__SANITIZE_ADDRESS__)
    for (size_t i = 0; rc == 0 && i < sizeof sanitizer_calls / sizeof sanitizer_calls[0]; i++)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, sanitizer_calls[i], 0);
#endif
    /* no new executable memory */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
                              SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    /* reading (not setting) its own limits: glibc's pthread_getattr_np on
     * the main thread, as ASan's longjmp interceptor calls it */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 2, SCMP_A0(SCMP_CMP_EQ, 0),
                              SCMP_A2(SCMP_CMP_EQ, 0));
    /* signals to this process's own threads only (the hard stop, abort) */
    if (rc == 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
                              SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid()));
#if defined(__SANITIZE_ADDRESS__)
    files = 1; /* ASan reads /proc/self/maps when a signal handler longjmps */
#endif
    if (files) {
        for (size_t i = 0; rc == 0 && i < sizeof file_calls / sizeof file_calls[0]; i++)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, file_calls[i], 0);
        for (size_t i = 0; rc == 0 && i < sizeof file_calls_refused / sizeof file_calls_refused[0]; i++)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), file_calls_refused[i], 0);
        /* openat: reading only. An attempt to write fails with EACCES
         * rather than killing: SQLite tries to open a WAL database's
         * shared-memory file for writing first and reads without it when
         * that fails. */
        const scmp_datum_t writing = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND | __O_TMPFILE;
        if (rc == 0)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
                                  SCMP_A2(SCMP_CMP_MASKED_EQ, writing, 0));
        for (scmp_datum_t bit = 1; rc == 0 && bit <= writing; bit <<= 1)
            if (writing & bit)
                rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                                      SCMP_A2(SCMP_CMP_MASKED_EQ, bit, bit));
#if defined(__SANITIZE_ADDRESS__)
        /* the sanitizer runtime's own open() is the old system call */
        if (rc == 0)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(open), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, writing, 0));
#endif
    }
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc != 0) {
        errno = -rc;
        return fail(err, errcap, "seccomp");
    }
    return 0;
}

/* Root in the worker keeps no capability. */
static int drop_capabilities(char *err, size_t errcap)
{
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &hdr, data) != 0)
        return fail(err, errcap, "capset");
    return 0;
}

int sb_lock(const struct sb_policy *pol, char *err, size_t errcap)
{
    if (pol->address_space && set_limit(RLIMIT_AS, pol->address_space, err, errcap, "RLIMIT_AS") != 0)
        return -1;
    /* RLIMIT_CPU: SIGXCPU at the soft limit ends the worker (so its death
     * says why); the hard limit one second later is SIGKILL in case it
     * does not. */
    struct rlimit cpu = {(rlim_t)pol->cpu_seconds, (rlim_t)pol->cpu_seconds + 1};
    if (pol->cpu_seconds && setrlimit(RLIMIT_CPU, &cpu) != 0)
        return fail(err, errcap, "RLIMIT_CPU");
    if (set_limit(RLIMIT_NOFILE, SB_MAX_FILES, err, errcap, "RLIMIT_NOFILE") != 0 ||
        set_limit(RLIMIT_FSIZE, 0, err, errcap, "RLIMIT_FSIZE") != 0 ||
        set_limit(RLIMIT_NPROC, 0, err, errcap, "RLIMIT_NPROC") != 0)
        return -1;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(err, errcap, "PR_SET_NO_NEW_PRIVS");
    if (drop_capabilities(err, errcap) != 0)
        return -1;
    if (pol->seccomp && sb_install_seccomp(pol->nread_dirs + pol->nread_files > 0, err, errcap) != 0)
        return -1;
    return 0;
}
