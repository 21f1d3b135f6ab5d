/*
 * sha256_hw.h — SHA-256's block function in hardware where the CPU has it
 * (sha256_hw.c), for sha256.c.
 */
#ifndef MPBOX_CORE_SHA256_HW_H
#define MPBOX_CORE_SHA256_HW_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256's round constants (sha256.c). */
extern const uint32_t mpb_sha256_k[64];

/* Hash n 64-byte blocks at p into the state h, as FIPS 180-4's block
 * function n times: 1, or 0 (nothing done) when the CPU cannot. */
int mpb_sha256_blocks_hw(uint32_t h[8], const uint8_t *p, size_t n);

#endif
