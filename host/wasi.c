/*
 * wasi.c — the WASI fd_* imports. Only the standard streams exist: fd 1 and
 * 2 are captured (with caps), fd 0 is always at end of file, and any other
 * descriptor is EBADF. Errors use Linux errno numbers, so that Python code
 * comparing e.errno with the errno module gets what it expects.
 */
#include <errno.h>
#include <stdlib.h>

#include "gmem.h"
#include "host.h"

/* Most iovecs the guest may pass in one call (POSIX IOV_MAX). */
#define MAX_IOVS 1024

uint32_t Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd,
                                            uint32_t iovs, uint32_t iovcnt, uint32_t nwritten)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t rc = 0;
    uint64_t total = 0;
    if (fd != 1 && fd != 2) {
        rc = EBADF;
    } else if (iovcnt > MAX_IOVS || !mpb_g_ok(m, iovs, (uint64_t)iovcnt * 8) || !mpb_g_ok(m, nwritten, 4)) {
        rc = EFAULT;
    } else {
        for (uint32_t i = 0; i < iovcnt; i++) {
            uint32_t iov[2];
            mpb_g_read(m, iovs + i * 8, iov, 8);
            if (!mpb_g_ok(m, iov[0], iov[1])) {
                rc = EFAULT;
                break;
            }
            mpb_host_output(h, (int)fd, (const char *)m->data + iov[0], iov[1]);
            total += iov[1];
        }
        if (total > UINT32_MAX)
            total = UINT32_MAX;
        if (rc == 0)
            mpb_g_put_u32(m, nwritten, (uint32_t)total);
    }
    MPB_IMPORT_LEAVE(h);
    return rc;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_read(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd,
                                           uint32_t iovs, uint32_t iovcnt, uint32_t nread)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t rc = 0;
    (void)iovs, (void)iovcnt;
    if (mpb_host_is_dir_fd(h, fd))
        rc = EISDIR;
    else if (fd != 0)
        rc = EBADF;
    else if (mpb_g_put_u32(m, nread, 0) != 0) /* end of file */
        rc = EFAULT;
    MPB_IMPORT_LEAVE(h);
    return rc;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd,
                                           uint64_t offset, uint32_t whence, uint32_t newoffset)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    (void)offset, (void)whence, (void)newoffset;
    uint32_t rc = fd <= 2 || mpb_host_is_dir_fd(h, fd) ? ESPIPE : EBADF;
    MPB_IMPORT_LEAVE(h);
    return rc;
}

/* Closing or flushing the standard streams and directory handles
 * succeeds; nothing else is open. */
static uint32_t close_or_sync(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd, int close)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    uint32_t rc = 0;
    if (mpb_host_is_dir_fd(h, fd)) {
        if (close)
            h->dir_fds &= ~(1ull << (fd - MPB_FIRST_DIR_FD));
    } else if (fd > 2) {
        rc = EBADF;
    }
    MPB_IMPORT_LEAVE(h);
    return rc;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd)
{
    return close_or_sync(wasi, fd, 1);
}

uint32_t Z_wasi_snapshot_preview1Z_fd_sync(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd)
{
    return close_or_sync(wasi, fd, 0);
}
