/*
 * state.c — the host side of a session's state (mpb_host_state: the guest's
 * random source, the virtual clock and its mode, the file system), which
 * goes everywhere the guest's memory and globals go, as one thing:
 * checkpointed before a run and rolled back or committed after it, saved
 * into a snapshot and loaded from one, copied by a fork. A field added to
 * the struct is added to each function here, and nowhere else.
 */
#include <string.h>

#include "host.h"

void mpb_state_checkpoint(mpb_host_state *st, mpb_state_mark *mark)
{
    memcpy(mark->rng, st->rng, sizeof mark->rng);
    mark->virtual_ms = st->virtual_ms;
    mark->deterministic = st->deterministic;
    mpb_vfs_arm(&st->vfs); /* files: saved lazily on their first change */
}

void mpb_state_rollback(mpb_host_state *st, const mpb_state_mark *mark)
{
    memcpy(st->rng, mark->rng, sizeof st->rng);
    st->virtual_ms = mark->virtual_ms;
    st->deterministic = mark->deterministic;
    mpb_vfs_rollback(&st->vfs);
}

void mpb_state_commit(mpb_host_state *st)
{
    mpb_vfs_commit(&st->vfs); /* drop what the checkpoint saved */
}

int mpb_state_copy(mpb_host_state *dst, const mpb_host_state *src)
{
    memcpy(dst->rng, src->rng, sizeof dst->rng);
    dst->virtual_ms = src->virtual_ms;
    dst->deterministic = src->deterministic;
    return mpb_vfs_copy(&dst->vfs, &src->vfs);
}

void mpb_state_free(mpb_host_state *st)
{
    mpb_vfs_free(&st->vfs);
}

/* Saved form (little-endian): "MPBHST01", rng[0], rng[1], virtual_ms (u64
 * each), deterministic (u32), 4 zero bytes, then the file system
 * (host/vfs.c, "MPBVFS01") to the end of the section. */
static const char state_magic[8] = {'M', 'P', 'B', 'H', 'S', 'T', '0', '1'};
#define SCALARS 40u

size_t mpb_state_save_size(const mpb_host_state *st)
{
    return SCALARS + mpb_vfs_save_size(&st->vfs);
}

void mpb_state_save(const mpb_host_state *st, uint8_t *out)
{
    uint32_t det = (uint32_t)st->deterministic, zero = 0;
    memcpy(out, state_magic, 8);
    memcpy(out + 8, st->rng, 16);
    memcpy(out + 24, &st->virtual_ms, 8);
    memcpy(out + 32, &det, 4);
    memcpy(out + 36, &zero, 4);
    mpb_vfs_save(&st->vfs, out + SCALARS);
}

int mpb_state_load(mpb_host_state *st, const uint8_t *data, size_t len, uint64_t max_bytes, uint64_t max_count,
                   const char **why)
{
    uint32_t det, zero;
    if (len < SCALARS || memcmp(data, state_magic, 8) != 0) {
        *why = "bad host state";
        return -1;
    }
    memcpy(&det, data + 32, 4);
    memcpy(&zero, data + 36, 4);
    if (det > 1 || zero != 0) {
        *why = "bad host state";
        return -1;
    }
    if (mpb_vfs_load(&st->vfs, data + SCALARS, len - SCALARS, max_bytes, max_count, why) != 0)
        return -1;
    memcpy(st->rng, data + 8, 16);
    memcpy(&st->virtual_ms, data + 24, 8);
    st->deterministic = (int)det;
    return 0;
}

int mpb_state_replace(mpb_host_state *st, const uint8_t *data, size_t len, uint64_t max_bytes, uint64_t max_count,
                      int deterministic, const char **why)
{
    uint32_t det;
    if (len >= SCALARS && (memcpy(&det, data + 32, 4), det != (uint32_t)(deterministic != 0))) {
        *why = "inconsistent host state";
        return -1;
    }
    /* mpb_vfs_load frees the file system it replaces, mounts included:
     * keep them out of its reach, and put them back either way */
    mpb_vfs_mnt mounts[MPB_VFS_MAX_MOUNTS];
    uint32_t nmounts = st->vfs.nmounts;
    memcpy(mounts, st->vfs.mounts, sizeof mounts);
    st->vfs.nmounts = 0;
    int rc = mpb_state_load(st, data, len, max_bytes, max_count, why);
    memcpy(st->vfs.mounts, mounts, sizeof mounts);
    st->vfs.nmounts = nmounts;
    return rc;
}
