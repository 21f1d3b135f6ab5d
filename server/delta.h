/*
 * delta.h — a session's successive snapshots as a chain: a base and deltas,
 * each delta the difference between one snapshot and the one before it
 * (the session store, store.h, keeps chains in Redis).
 *
 * The delta is taken over the snapshot's bytes, not its format: the old
 * snapshot is cut into blocks of DL_BLOCK bytes, and the new one is
 * matched against them at any offset (a rolling checksum, then a strong
 * hash, as rsync does), so a page that appears or disappears in the middle
 * of a snapshot shifts what follows without making it new. Only the old
 * snapshot's block hashes are needed to encode (dl_index), never its
 * bytes, so a worker keeps 12 bytes per block of its last snapshot.
 *
 * A strong hash that collides would copy the wrong block; the snapshot
 * rebuilt from the chain would then fail its checksum and HMAC at load
 * (core/snapshot.c), so a collision can make a restore fail, never load a
 * wrong state. The hash is keyed with a random key per index, so a guest
 * cannot aim for one.
 *
 * Format of a delta (little-endian):
 *   "MPBDLT01", u64 old_len, u64 new_len, then operations:
 *   1 u32 first u32 count   copy `count` blocks of the old snapshot
 *   2 u32 len BYTES         these bytes
 *   0                       end
 * Everything is checked when applied: block numbers within the old
 * snapshot, lengths adding up to new_len exactly.
 */
#ifndef MPBOX_SERVER_DELTA_H
#define MPBOX_SERVER_DELTA_H

#include <stddef.h>
#include <stdint.h>

#include "proto.h"

/* Snapshot pages are 4100-byte records (page number, 4 KiB), so a 4 KiB
 * block straddles two of them and a dirtied page costs up to 8 KiB; a
 * small run (`x = 2`) made a 34,029-byte delta with 4 KiB blocks, 11,585
 * with 1 KiB, 6,012 with 512 bytes and 4,153 with 256, in the same time
 * (encoding ~0.13 ms, indexing ~0.22 ms for a 613 KiB snapshot). */
#define DL_BLOCK 512u

/* The block hashes of one snapshot. */
struct dl_index;

/* Index data (the snapshot a next delta will be taken against). NULL when
 * out of memory. */
struct dl_index *dl_index_new(const void *data, size_t len);
void dl_index_free(struct dl_index *ix);
/* Length of the indexed snapshot. */
uint64_t dl_index_len(const struct dl_index *ix);

/* Append to out the delta that turns the indexed snapshot into data. 0, or
 * -1 when out of memory (out->failed). */
int dl_encode(const struct dl_index *ix, const void *data, size_t len, struct mpb_buf *out);

/* Where a delta's copies come from and its output goes: the old snapshot
 * is read with pread from old_fd, the new one written to new_fd from its
 * current offset. 0, or -1 with a message in err (a malformed delta, or an
 * I/O error). */
int dl_apply(int old_fd, uint64_t old_len, const void *delta, size_t dlen, int new_fd, uint64_t *new_len, char *err,
             size_t errcap);

#endif /* MPBOX_SERVER_DELTA_H */
