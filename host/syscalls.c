/*
 * syscalls.c — the `__syscall_*` file-system imports. There is no file
 * system yet: the guest sees an empty root directory it may not write to.
 * `os.listdir()` gives [], `open()` and `import` of anything fail with the
 * OSError or ImportError a Python programmer expects. Every call validates
 * its guest pointers; errors are -errno in Linux numbering, and a refused
 * write is EACCES (this build's errno module cannot name EROFS).
 */
#include <errno.h>
#include <string.h>

#include "gmem.h"
#include "host.h"

#define PATH_CAP 4096
#define S_IFDIR_ 0040000u
#define O_ACCMODE_ 03u
#define O_CREAT_ 0100u
#define O_TRUNC_ 01000u
#define O_APPEND_ 02000u
#define O_DIRECTORY_ 0200000u

/* Read a path argument. Returns 0, or -errno: EFAULT when the string runs
 * off the end of memory, ENAMETOOLONG when it is longer than PATH_CAP. */
static int read_path(mpb_host *h, uint32_t ptr, char *buf)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (mpb_g_cstr(m, ptr, buf, PATH_CAP) >= 0)
        return 0;
    if (ptr >= m->size || (uint64_t)m->size - ptr < PATH_CAP)
        return -EFAULT;
    return -ENAMETOOLONG;
}

/* "/", "//", "/." and "." (the working directory is "/") name the root. */
static int is_root(const char *p)
{
    if (*p == '\0')
        return 0;
    for (; *p; p++)
        if (*p != '/' && *p != '.')
            return 0;
    return 1;
}

#define SYSCALL_BEGIN(env)                                                     \
    mpb_host *h = (mpb_host *)(env);                                           \
    MPB_IMPORT_ENTER(h);                                                       \
    int32_t rc;                                                                \
    char path[PATH_CAP]
#define SYSCALL_END                                                            \
    MPB_IMPORT_LEAVE(h);                                                       \
    return (uint32_t)rc

uint32_t Z_envZ___syscall_openat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t flags,
                                 uint32_t varargs)
{
    SYSCALL_BEGIN(env);
    (void)dirfd, (void)varargs;
    rc = read_path(h, pathp, path);
    if (rc == 0) {
        int writes = (flags & O_ACCMODE_) != 0 || (flags & (O_CREAT_ | O_TRUNC_ | O_APPEND_));
        if (!is_root(path))
            rc = writes ? -EACCES : -ENOENT;
        else if (writes || !(flags & O_DIRECTORY_))
            rc = -EISDIR;
        else if (~h->dir_fds == 0)
            rc = -EMFILE;
        else {
            int bit = __builtin_ctzll(~h->dir_fds);
            h->dir_fds |= 1ull << bit;
            rc = MPB_FIRST_DIR_FD + bit;
        }
    }
    SYSCALL_END;
}

static int32_t stat_root(mpb_host *h, uint32_t buf)
{
    uint8_t st[96];
    memset(st, 0, sizeof st);
    uint32_t mode = S_IFDIR_ | 0555u, nlink = 2;
    memcpy(st + 4, &mode, 4);
    memcpy(st + 8, &nlink, 4);
    return mpb_g_write(&h->inst->w2c_memory, buf, st, sizeof st) == 0 ? 0 : -EFAULT;
}

uint32_t Z_envZ___syscall_stat64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t buf)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = is_root(path) ? stat_root(h, buf) : -ENOENT;
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_lstat64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t buf)
{
    return Z_envZ___syscall_stat64(env, pathp, buf);
}

uint32_t Z_envZ___syscall_newfstatat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t buf,
                                     uint32_t flags)
{
    (void)dirfd, (void)flags;
    return Z_envZ___syscall_stat64(env, pathp, buf);
}

uint32_t Z_envZ___syscall_fstat64(struct Z_env_instance_t *env, uint32_t fd, uint32_t buf)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    int32_t rc = mpb_host_is_dir_fd(h, fd) ? stat_root(h, buf) : -EBADF;
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

uint32_t Z_envZ___syscall_getdents64(struct Z_env_instance_t *env, uint32_t fd, uint32_t buf, uint32_t count)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    (void)buf, (void)count;
    int32_t rc = mpb_host_is_dir_fd(h, fd) ? 0 : -EBADF; /* 0: no (more) entries */
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

uint32_t Z_envZ___syscall_mkdirat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t mode)
{
    SYSCALL_BEGIN(env);
    (void)dirfd, (void)mode;
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = is_root(path) ? -EEXIST : -EACCES;
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_unlinkat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t flags)
{
    SYSCALL_BEGIN(env);
    (void)dirfd, (void)flags;
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = is_root(path) ? -EACCES : -ENOENT;
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_rmdir(struct Z_env_instance_t *env, uint32_t pathp)
{
    return Z_envZ___syscall_unlinkat(env, (uint32_t)-100, pathp, 0x200);
}

uint32_t Z_envZ___syscall_renameat(struct Z_env_instance_t *env, uint32_t olddirfd, uint32_t oldp,
                                   uint32_t newdirfd, uint32_t newp)
{
    SYSCALL_BEGIN(env);
    (void)olddirfd, (void)newdirfd;
    char path2[PATH_CAP];
    rc = read_path(h, oldp, path);
    if (rc == 0)
        rc = read_path(h, newp, path2);
    if (rc == 0)
        rc = is_root(path) ? -EACCES : -ENOENT;
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_chdir(struct Z_env_instance_t *env, uint32_t pathp)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = is_root(path) ? 0 : -ENOENT;
    SYSCALL_END;
}

/* Linux semantics: returns strlen + 1; -EINVAL for size 0, -ERANGE when
 * the buffer is too small. */
uint32_t Z_envZ___syscall_getcwd(struct Z_env_instance_t *env, uint32_t buf, uint32_t size)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    int32_t rc;
    if (size == 0)
        rc = -EINVAL;
    else if (size < 2)
        rc = -ERANGE;
    else
        rc = mpb_g_write(&h->inst->w2c_memory, buf, "/", 2) == 0 ? 2 : -EFAULT;
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

uint32_t Z_envZ___syscall_statfs64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t size, uint32_t buf)
{
    SYSCALL_BEGIN(env);
    (void)size, (void)buf;
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = -ENOSYS;
    SYSCALL_END;
}

/* Never blocks: stdin is readable (at end of file), stdout and stderr are
 * writable, anything else is invalid. */
uint32_t Z_envZ___syscall_poll(struct Z_env_instance_t *env, uint32_t fds, uint32_t nfds, uint32_t timeout)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    (void)timeout;
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    int32_t rc = 0;
    if (nfds > 1024 || !mpb_g_ok(m, fds, (uint64_t)nfds * 8)) {
        rc = -EINVAL;
    } else {
        for (uint32_t i = 0; i < nfds; i++) {
            uint8_t pfd[8];
            mpb_g_read(m, fds + i * 8, pfd, 8);
            int32_t fd;
            int16_t events, revents;
            memcpy(&fd, pfd, 4);
            memcpy(&events, pfd + 4, 2);
            if (fd == 0)
                revents = (int16_t)(events & 0x1);        /* POLLIN */
            else if (fd == 1 || fd == 2)
                revents = (int16_t)(events & 0x4);        /* POLLOUT */
            else if (fd < 0)
                revents = 0;                              /* ignored entry */
            else
                revents = 0x20;                           /* POLLNVAL */
            memcpy(pfd + 6, &revents, 2);
            mpb_g_write(m, fds + i * 8, pfd, 8);
            rc += revents != 0;
        }
    }
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}
