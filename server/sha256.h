/*
 * sha256.h — SHA-256 (FIPS 180-4), for the owner identities of bearer
 * tokens (tokens.h): the server keeps and stores a token's hash, never the
 * token.
 */
#ifndef MPBOX_SERVER_SHA256_H
#define MPBOX_SERVER_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

#endif /* MPBOX_SERVER_SHA256_H */
