/*
 * files.c — the public file API: put, get and list files of a session's
 * scratch area, and mount host directories read-only (host/vfs.c does the
 * work). Calls between runs only: a session in a run answers MPBOX_BUSY.
 */
#include <errno.h>
#include <stdlib.h>

#include "core.h"

static void release(mpbox_session *s)
{
    atomic_store(&s->busy, 0);
}

int mpbox_session_put_file(mpbox_session *s, const char *path, const void *data, size_t len)
{
    if (!s || !path || (!data && len))
        return MPBOX_MISUSE;
    int rc = mpb_session_acquire(s);
    if (rc != MPBOX_OK)
        return rc;
    mpb_host_stamp_files(&s->host);
    int e = mpb_vfs_put(&s->host.state.vfs, path, data, len);
    s->delta_changed = 1;
    release(s);
    if (e == 0)
        return MPBOX_OK;
    if (e == -ENOMEM)
        return MPBOX_NOMEM;
    if (e == -ENOSPC)
        return MPBOX_ERROR; /* over the quota */
    return MPBOX_MISUSE;   /* not an absolute path, under a mount, a directory in the way */
}

int mpbox_session_get_file(mpbox_session *s, const char *path, void **data, size_t *len)
{
    if (data)
        *data = NULL;
    if (len)
        *len = 0;
    if (!s || !path || !data || !len)
        return MPBOX_MISUSE;
    int rc = mpb_session_acquire(s);
    if (rc != MPBOX_OK)
        return rc;
    int e = mpb_vfs_get(&s->host.state.vfs, path, data, len);
    release(s);
    if (e == 0)
        return MPBOX_OK;
    if (e == -ENOMEM)
        return MPBOX_NOMEM;
    if (e == -ENOENT || e == -EISDIR || e == -ENOTDIR)
        return MPBOX_ERROR; /* no such file */
    return MPBOX_MISUSE;
}

int mpbox_session_list_files(mpbox_session *s, mpbox_file_fn fn, void *user)
{
    if (!s || mpb_session_acquire(s) != MPBOX_OK)
        return -1;
    int n = mpb_vfs_list(&s->host.state.vfs, fn, user);
    release(s);
    return n < 0 ? -1 : n;
}

int mpbox_session_mount(mpbox_session *s, const char *host_dir, const char *guest_dir)
{
    if (!s || !host_dir || !*host_dir)
        return MPBOX_MISUSE;
    int rc = mpb_session_acquire(s);
    if (rc != MPBOX_OK)
        return rc;
    mpb_host_stamp_files(&s->host);
    int e = mpb_vfs_mount(&s->host.state.vfs, host_dir, guest_dir ? guest_dir : "/input");
    release(s);
    if (e == 0)
        return MPBOX_OK;
    if (e == -ENOMEM)
        return MPBOX_NOMEM;
    if (e == -EINVAL || e == -ENAMETOOLONG || e == -EBUSY || e == -EEXIST || e == -EMFILE)
        return MPBOX_MISUSE; /* bad guest path, "/", mounted already, too many */
    return MPBOX_ERROR;      /* host_dir is not a directory we can open; no openat2 */
}
