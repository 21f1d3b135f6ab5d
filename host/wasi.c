/*
 * wasi.c — the WASI fd_* imports. fd 1 and 2 are captured (with caps), fd 0
 * is always at end of file, descriptors from 3 on are the session's open
 * files and directories (vfs.c); anything else is EBADF. Errors use Linux
 * errno numbers, so that Python code comparing e.errno with the errno
 * module gets what it expects.
 */
#include <errno.h>
#include <stdlib.h>

#include "gmem.h"
#include "host.h"

/* Most iovecs the guest may pass in one call (POSIX IOV_MAX). */
#define MAX_IOVS 1024

/* Check all iovecs of a call: 0, or EFAULT. When `out` is not NULL, it
 * receives the host address and length of each piece. */
static uint32_t check_iovs(wasm_rt_memory_t *m, uint32_t iovs, uint32_t iovcnt, mpb_vfs_iov *out)
{
    if (iovcnt > MAX_IOVS || !mpb_g_ok(m, iovs, (uint64_t)iovcnt * 8))
        return EFAULT;
    for (uint32_t i = 0; i < iovcnt; i++) {
        uint32_t iov[2];
        mpb_g_read(m, iovs + i * 8, iov, 8);
        const uint8_t *p = mpb_g_span(m, iov[0], iov[1]);
        if (!p)
            return EFAULT;
        if (out) {
            out[i].data = p;
            out[i].len = iov[1];
        }
    }
    return 0;
}

static uint32_t write_file(mpb_host *h, uint32_t fd, uint32_t iovs, uint32_t iovcnt, uint32_t nwritten)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (mpb_vfs_fd_kind(&h->state.vfs, fd) == 0)
        return EBADF;
    if (!mpb_g_ok(m, nwritten, 4))
        return EFAULT;
    mpb_vfs_iov small[8];
    mpb_vfs_iov *pieces = iovcnt <= 8 ? small : malloc(sizeof *pieces * (iovcnt > MAX_IOVS ? 1 : iovcnt));
    if (!pieces)
        return ENOMEM;
    uint32_t rc = check_iovs(m, iovs, iovcnt, pieces);
    if (rc == 0) {
        mpb_host_stamp_files(h);
        int64_t n = mpb_vfs_write(&h->state.vfs, fd, pieces, iovcnt);
        if (n < 0)
            rc = (uint32_t)-n;
        else
            mpb_g_put_u32(m, nwritten, (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n));
        if (n > 0)
            mpb_host_spend(h, (uint64_t)n * MPB_FUEL_PER_BYTE);
    }
    if (pieces != small)
        free(pieces);
    return rc;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd,
                                            uint32_t iovs, uint32_t iovcnt, uint32_t nwritten)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t rc = 0;
    uint64_t total = 0;
    if (fd != 1 && fd != 2) {
        rc = write_file(h, fd, iovs, iovcnt, nwritten);
    } else if (check_iovs(m, iovs, iovcnt, NULL) != 0 || !mpb_g_ok(m, nwritten, 4)) {
        rc = EFAULT;
    } else {
        for (uint32_t i = 0; i < iovcnt; i++) {
            uint32_t iov[2];
            mpb_g_read(m, iovs + i * 8, iov, 8);
            const uint8_t *p = mpb_g_span(m, iov[0], iov[1]);
            if (!p) { /* cannot happen: checked above */
                rc = EFAULT;
                break;
            }
            mpb_host_output(h, (int)fd, (const char *)p, iov[1]);
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

static uint32_t read_file(mpb_host *h, uint32_t fd, uint32_t iovs, uint32_t iovcnt, uint32_t nread)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    int kind = mpb_vfs_fd_kind(&h->state.vfs, fd);
    if (kind == 0)
        return EBADF;
    if (kind == 2)
        return EISDIR;
    if (!mpb_g_ok(m, nread, 4) || check_iovs(m, iovs, iovcnt, NULL) != 0)
        return EFAULT;
    uint64_t total = 0;
    for (uint32_t i = 0; i < iovcnt; i++) {
        uint32_t iov[2];
        mpb_g_read(m, iovs + i * 8, iov, 8);
        uint8_t *p = mpb_g_span(m, iov[0], iov[1]);
        if (!p)
            return EFAULT;
        int64_t n = mpb_vfs_read(&h->state.vfs, fd, p, iov[1]);
        if (n < 0) {
            if (total)
                break; /* report what was read */
            return (uint32_t)-n;
        }
        total += (uint64_t)n;
        if ((uint64_t)n < iov[1] || total >= UINT32_MAX / 2)
            break;
    }
    mpb_host_spend(h, total * MPB_FUEL_PER_BYTE);
    mpb_g_put_u32(m, nread, (uint32_t)total);
    return 0;
}

uint32_t Z_wasi_snapshot_preview1Z_fd_read(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd,
                                           uint32_t iovs, uint32_t iovcnt, uint32_t nread)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t rc = 0;
    if (fd != 0)
        rc = read_file(h, fd, iovs, iovcnt, nread);
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
    uint32_t rc;
    uint64_t pos;
    if (fd <= 2) {
        rc = ESPIPE;
    } else if (mpb_vfs_fd_kind(&h->state.vfs, fd) == 0) {
        rc = EBADF;
    } else if (!mpb_g_ok(&h->inst->w2c_memory, newoffset, 8)) {
        rc = EFAULT; /* before the position moves */
    } else {
        int r = mpb_vfs_seek(&h->state.vfs, fd, (int64_t)offset, whence, &pos);
        rc = r < 0 ? (uint32_t)-r : 0;
        if (rc == 0)
            mpb_g_put_u64(&h->inst->w2c_memory, newoffset, pos);
    }
    MPB_IMPORT_LEAVE(h);
    return rc;
}

/* Closing or flushing the standard streams succeeds (and changes nothing);
 * files and directories close; anything else is EBADF. */
static uint32_t close_or_sync(struct Z_wasi_snapshot_preview1_instance_t *wasi, uint32_t fd, int close)
{
    mpb_host *h = (mpb_host *)wasi;
    MPB_IMPORT_ENTER(h);
    uint32_t rc = 0;
    if (fd > 2) {
        if (mpb_vfs_fd_kind(&h->state.vfs, fd) == 0) {
            rc = EBADF;
        } else if (close) {
            mpb_host_stamp_files(h);
            int r = mpb_vfs_close(&h->state.vfs, fd);
            rc = r < 0 ? (uint32_t)-r : 0;
        }
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
