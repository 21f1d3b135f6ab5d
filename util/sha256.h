/*
 * sha256.h — SHA-256 (FIPS 180-4), HMAC-SHA256 (RFC 2104) and a comparison
 * whose time does not depend on where the inputs differ: authenticated
 * snapshots (core/snapshot.c) and the server's bearer tokens
 * (server/tokens.c).
 */
#ifndef MPB_UTIL_SHA256_H
#define MPB_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define MPB_SHA256_LEN 32

void mpb_sha256(const void *data, size_t len, uint8_t out[MPB_SHA256_LEN]);
/* n whole 64-byte blocks into the chaining value st (util/digest.c). */
void mpb_sha256_blocks(uint32_t st[8], const uint8_t *p, size_t n);
/* Keys longer than 64 bytes are hashed first, as RFC 2104 says. */
void mpb_hmac_sha256(const void *key, size_t key_len, const void *data, size_t len, uint8_t out[MPB_SHA256_LEN]);
/* 1 when a[0..len) == b[0..len), in a time that depends on len only. */
int mpb_equal_ct(const void *a, const void *b, size_t len);

#endif /* MPB_UTIL_SHA256_H */
