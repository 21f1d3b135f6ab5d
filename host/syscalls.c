/*
 * syscalls.c — the `__syscall_*` file-system imports, on top of the
 * session's file system (vfs.c). This file owns the guest side: every
 * pointer and length is checked through gmem.h, path strings are copied
 * out (at most 4095 bytes) before they are looked at, and results are
 * -errno in Linux numbering (vfs.h). Nothing here returns 27 (EINTR to the
 * guest's libc) or blocks.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "gmem.h"
#include "host.h"
#include "mpbox.h"

#define PATH_CAP MPB_VFS_PATH_MAX
#define AT_FDCWD_ ((uint32_t)-100)
#define AT_REMOVEDIR_ 0x200u
#define GETDENTS_CAP 65536u

void mpb_host_stamp_files(mpb_host *h)
{
    if (h->state.deterministic)
        h->state.vfs.now = (int64_t)(MPBOX_DETERMINISTIC_EPOCH_MS / 1000) + (int64_t)(h->state.virtual_ms / 1000);
    else
        h->state.vfs.now = (int64_t)time(NULL);
}

/* Read a path argument. Returns 0, or -errno: EFAULT when the string runs
 * off the end of memory, ENAMETOOLONG when it is longer than PATH_CAP - 1. */
static int read_path(mpb_host *h, uint32_t ptr, char *buf)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    int64_t n = mpb_g_cstr(m, ptr, buf, PATH_CAP);
    if (n >= 0) {
        mpb_host_spend(h, (uint64_t)n * MPB_FUEL_PER_BYTE);
        return 0;
    }
    if (ptr >= m->size || (uint64_t)m->size - ptr < PATH_CAP)
        return -EFAULT;
    return -ENAMETOOLONG;
}

/* Relative paths are relative to the working directory only: the guest
 * always passes AT_FDCWD. */
static int check_dirfd(uint32_t dirfd, const char *path)
{
    return path[0] == '/' || dirfd == AT_FDCWD_ ? 0 : -EBADF;
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
    (void)varargs; /* the mode: every file is 0644, every directory 0755 */
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = check_dirfd(dirfd, path);
    if (rc == 0) {
        mpb_host_stamp_files(h);
        rc = mpb_vfs_open(&h->state.vfs, path, flags);
    }
    SYSCALL_END;
}

/* The 96-byte stat64 layout of docs/guest-abi.md. */
static int32_t put_stat(mpb_host *h, uint32_t buf, const mpb_vfs_st *st)
{
    uint8_t b[96];
    memset(b, 0, sizeof b);
    uint64_t size = st->size, ino = st->ino;
    int64_t mtime = st->mtime;
    uint64_t nblocks = size / 512 + (size % 512 != 0);
    int32_t blksize = 4096, blocks = nblocks > INT32_MAX ? INT32_MAX : (int32_t)nblocks;
    memcpy(b + 4, &st->mode, 4);
    memcpy(b + 8, &st->nlink, 4);
    memcpy(b + 24, &size, 8);
    memcpy(b + 32, &blksize, 4);
    memcpy(b + 36, &blocks, 4);
    memcpy(b + 40, &mtime, 8); /* atime */
    memcpy(b + 56, &mtime, 8); /* mtime */
    memcpy(b + 72, &mtime, 8); /* ctime */
    memcpy(b + 88, &ino, 8);
    return mpb_g_write(&h->inst->w2c_memory, buf, b, sizeof b) == 0 ? 0 : -EFAULT;
}

uint32_t Z_envZ___syscall_stat64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t buf)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0 && !mpb_g_ok(&h->inst->w2c_memory, buf, 96))
        rc = -EFAULT;
    if (rc == 0) {
        mpb_vfs_st st;
        rc = mpb_vfs_stat(&h->state.vfs, path, &st);
        if (rc == 0)
            rc = put_stat(h, buf, &st);
    }
    SYSCALL_END;
}

/* There are no symlinks in the scratch area; in a mount, lstat follows
 * them like stat (the guest never calls it). */
uint32_t Z_envZ___syscall_lstat64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t buf)
{
    return Z_envZ___syscall_stat64(env, pathp, buf);
}

uint32_t Z_envZ___syscall_newfstatat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t buf,
                                     uint32_t flags)
{
    SYSCALL_BEGIN(env);
    (void)flags;
    rc = read_path(h, pathp, path);
    if (rc == 0 && !mpb_g_ok(&h->inst->w2c_memory, buf, 96))
        rc = -EFAULT;
    if (rc == 0)
        rc = check_dirfd(dirfd, path);
    if (rc == 0) {
        mpb_vfs_st st;
        rc = mpb_vfs_stat(&h->state.vfs, path, &st);
        if (rc == 0)
            rc = put_stat(h, buf, &st);
    }
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_fstat64(struct Z_env_instance_t *env, uint32_t fd, uint32_t buf)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    mpb_vfs_st st;
    int32_t rc = mpb_vfs_fstat(&h->state.vfs, fd, &st);
    if (rc == 0)
        rc = put_stat(h, buf, &st);
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

uint32_t Z_envZ___syscall_getdents64(struct Z_env_instance_t *env, uint32_t fd, uint32_t buf, uint32_t count)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    int32_t rc;
    if (mpb_vfs_fd_kind(&h->state.vfs, fd) == 0) {
        rc = -EBADF;
    } else {
        /* records go straight into the guest buffer, at most what fits
         * in memory and in GETDENTS_CAP */
        uint64_t cap = count < GETDENTS_CAP ? count : GETDENTS_CAP;
        if (buf >= m->size)
            cap = 0;
        else if (cap > (uint64_t)m->size - buf)
            cap = (uint64_t)m->size - buf;
        uint8_t *dst = cap ? mpb_g_span(m, buf, cap) : NULL;
        if (!dst)
            rc = buf >= m->size ? -EFAULT : -EINVAL;
        else
            rc = mpb_vfs_getdents(&h->state.vfs, fd, dst, (size_t)cap);
        if (rc > 0)
            mpb_host_spend(h, (uint64_t)rc * MPB_FUEL_PER_BYTE);
    }
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

uint32_t Z_envZ___syscall_mkdirat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t mode)
{
    SYSCALL_BEGIN(env);
    (void)mode;
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = check_dirfd(dirfd, path);
    if (rc == 0) {
        mpb_host_stamp_files(h);
        rc = mpb_vfs_mkdir(&h->state.vfs, path);
    }
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_unlinkat(struct Z_env_instance_t *env, uint32_t dirfd, uint32_t pathp, uint32_t flags)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = check_dirfd(dirfd, path);
    if (rc == 0 && (flags & ~AT_REMOVEDIR_) != 0)
        rc = -EINVAL;
    if (rc == 0) {
        mpb_host_stamp_files(h);
        rc = mpb_vfs_unlink(&h->state.vfs, path, (flags & AT_REMOVEDIR_) != 0);
    }
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_rmdir(struct Z_env_instance_t *env, uint32_t pathp)
{
    return Z_envZ___syscall_unlinkat(env, AT_FDCWD_, pathp, AT_REMOVEDIR_);
}

uint32_t Z_envZ___syscall_renameat(struct Z_env_instance_t *env, uint32_t olddirfd, uint32_t oldp,
                                   uint32_t newdirfd, uint32_t newp)
{
    SYSCALL_BEGIN(env);
    char path2[PATH_CAP];
    rc = read_path(h, oldp, path);
    if (rc == 0)
        rc = read_path(h, newp, path2);
    if (rc == 0)
        rc = check_dirfd(olddirfd, path);
    if (rc == 0)
        rc = check_dirfd(newdirfd, path2);
    if (rc == 0) {
        mpb_host_stamp_files(h);
        rc = mpb_vfs_rename(&h->state.vfs, path, path2);
    }
    SYSCALL_END;
}

uint32_t Z_envZ___syscall_chdir(struct Z_env_instance_t *env, uint32_t pathp)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0)
        rc = mpb_vfs_chdir(&h->state.vfs, path);
    SYSCALL_END;
}

/* Linux semantics: returns strlen + 1; -EINVAL for size 0, -ERANGE when
 * the buffer is too small. */
uint32_t Z_envZ___syscall_getcwd(struct Z_env_instance_t *env, uint32_t buf, uint32_t size)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    const char *cwd = mpb_vfs_cwd(&h->state.vfs);
    uint32_t n = (uint32_t)strlen(cwd) + 1;
    int32_t rc;
    mpb_vfs_st st;
    if (size == 0)
        rc = -EINVAL;
    else if (n > 2 && mpb_vfs_stat(&h->state.vfs, cwd, &st) != 0)
        rc = -ENOENT; /* the working directory was removed (as Linux) */
    else if (size < n)
        rc = -ERANGE;
    else
        rc = mpb_g_write(&h->inst->w2c_memory, buf, cwd, n) == 0 ? (int32_t)n : -EFAULT;
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)rc;
}

/* struct statfs64 (88 bytes): the scratch quota as the file system's size,
 * in 4096-byte blocks; ST_RDONLY in a mount. */
uint32_t Z_envZ___syscall_statfs64(struct Z_env_instance_t *env, uint32_t pathp, uint32_t size, uint32_t buf)
{
    SYSCALL_BEGIN(env);
    rc = read_path(h, pathp, path);
    if (rc == 0 && size != 88)
        rc = -EINVAL;
    if (rc == 0 && !mpb_g_ok(&h->inst->w2c_memory, buf, 88))
        rc = -EFAULT;
    mpb_vfs_fsinfo fs;
    if (rc == 0)
        rc = mpb_vfs_statfs(&h->state.vfs, path, &fs);
    if (rc == 0) {
        uint8_t b[88];
        memset(b, 0, sizeof b);
        uint32_t bsize = 4096, namelen = MPB_VFS_NAME_MAX, flags = fs.readonly ? 1u : 0u;
        memcpy(b + 4, &bsize, 4);
        memcpy(b + 8, &fs.blocks, 8);
        memcpy(b + 16, &fs.bfree, 8);
        memcpy(b + 24, &fs.bfree, 8);
        memcpy(b + 32, &fs.files, 8);
        memcpy(b + 40, &fs.ffree, 8);
        memcpy(b + 56, &namelen, 4);
        memcpy(b + 60, &bsize, 4);
        memcpy(b + 64, &flags, 4);
        rc = mpb_g_write(&h->inst->w2c_memory, buf, b, sizeof b) == 0 ? 0 : -EFAULT;
    }
    SYSCALL_END;
}

/* Never blocks: stdin is readable (at end of file), stdout and stderr are
 * writable, open files and directories are ready for what is asked, any
 * other descriptor is invalid. */
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
            else if (mpb_vfs_fd_kind(&h->state.vfs, (uint32_t)fd) != 0)
                revents = (int16_t)(events & 0x5);        /* POLLIN | POLLOUT */
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
