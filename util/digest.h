/*
 * digest.h — the block functions of the message digests hashlib offers to
 * the guest: MD5 (RFC 1321), SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512
 * (FIPS 180-4).
 *
 * Only whole blocks are hashed here: the guest's hashlib (lib/python/
 * hashlib.py) keeps the partial block, the length and the padding, so that
 * the host holds no state between calls. A state is the chaining value
 * written as the digest is written (MD5's words little-endian, SHA's
 * big-endian): the digest is the state's first digest_len bytes after the
 * last block.
 */
#ifndef MPB_UTIL_DIGEST_H
#define MPB_UTIL_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define MPB_DIGEST_STATE_MAX 64

struct mpb_digest {
    const char *name;  /* hashlib's name: "md5", "sha1", "sha256", ... */
    size_t block_len;  /* 64 or 128 */
    size_t state_len;  /* bytes of the chaining value */
    size_t digest_len; /* bytes of the digest, at most state_len */
};

/* The digest called `name` (len bytes, not NUL-terminated), or NULL. */
const struct mpb_digest *mpb_digest_find(const char *name, size_t len);
/* The initial state of `d` into state[0..d->state_len). */
void mpb_digest_init(const struct mpb_digest *d, uint8_t *state);
/* Hash `blocks` whole blocks of `data` into `state`. */
void mpb_digest_blocks(const struct mpb_digest *d, uint8_t *state, const uint8_t *data, size_t blocks);

#endif /* MPB_UTIL_DIGEST_H */
