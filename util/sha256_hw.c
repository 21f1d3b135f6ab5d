/*
 * sha256_hw.c — SHA-256's block function on the x86 SHA extensions
 * (SHA-NI), for sha256.c: snapshots carry an HMAC-SHA256 of all their bytes,
 * and with `mpbox serve --store` a session is saved after every run, so
 * hashing dominates what a run costs to store (2.0 of 2.4 ms for a 613 KiB
 * snapshot with the portable block function, docs/benchmarks.md).
 *
 * Written from Intel's description of the instructions: the state is kept
 * as {A, B, E, F} and {C, D, G, H}; SHA256RNDS2 does two rounds, taking
 * the two message-plus-constant words from the low half of its third
 * operand; SHA256MSG1 and SHA256MSG2 compute the message schedule four
 * words at a time. Used only when CPUID says the CPU has them; checked
 * against the portable function by the test vectors (tests/unit/
 * test_snapshot.c), which run through whichever the machine uses.
 */
#include "sha256_hw.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

#define HW_TARGET __attribute__((target("sha,sse4.1,ssse3"), no_sanitize_address, no_sanitize_undefined))

HW_TARGET static void blocks(uint32_t h[8], const uint8_t *p, size_t n)
{
    /* big-endian message words */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);
    __m128i cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);
    __m128i abef = _mm_alignr_epi8(t, cdgh, 8);
    cdgh = _mm_blend_epi16(cdgh, t, 0xF0);
    for (; n > 0; n--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh, m[4];
        /* group g: rounds 4g..4g+3 on message words m[g % 4]; the words of
         * group g + 1 are finished here (MSG2) and those of g + 3 begun
         * (MSG1) */
        _Pragma("GCC unroll 16") for (int g = 0; g < 16; g++) {
            if (g < 4)
                m[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
            __m128i wk = _mm_add_epi32(m[g % 4], _mm_loadu_si128((const __m128i *)&mpb_sha256_k[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            if (g >= 3 && g < 15) {
                __m128i *next = &m[(g + 1) % 4];
                *next = _mm_add_epi32(*next, _mm_alignr_epi8(m[g % 4], m[(g + 3) % 4], 4));
                *next = _mm_sha256msg2_epu32(*next, m[g % 4]);
            }
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
            if (g >= 1 && g < 13)
                m[(g + 3) % 4] = _mm_sha256msg1_epu32(m[(g + 3) % 4], m[g % 4]);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    t = _mm_shuffle_epi32(abef, 0x1B);
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(t, cdgh, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(cdgh, t, 8));
}

static int have_sha_ni(void)
{
    static int known = -1; /* a race only computes it twice */
    if (known < 0) {
        unsigned a, b, c, d;
        int ssse3_sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19));
        known = ssse3_sse41 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
    }
    return known;
}

int mpb_sha256_blocks_hw(uint32_t h[8], const uint8_t *p, size_t n)
{
    if (!have_sha_ni())
        return 0;
    blocks(h, p, n);
    return 1;
}

#else

int mpb_sha256_blocks_hw(uint32_t h[8], const uint8_t *p, size_t n)
{
    (void)h, (void)p, (void)n;
    return 0;
}

#endif
