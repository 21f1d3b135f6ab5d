/*
 * checksum.c — a fast 64-bit checksum for detecting damage and telling
 * builds apart (snapshots, the image's id and fingerprint); not an
 * authenticator (util/sha256.c has HMAC-SHA256).
 */
#include <string.h>

#include "core.h"

uint64_t mpb_checksum(const void *data, size_t len, uint64_t h)
{
    const uint8_t *p = data;
    h ^= 0x243f6a8885a308d3ull;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 31;
        p += 8;
        len -= 8;
    }
    while (len--) {
        h = (h ^ *p++) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    return h;
}
