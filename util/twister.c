/*
 * twister.c — MT19937 from its published description: the recurrence
 * x[k+n] = x[k+m] ^ ((upper bit of x[k] | lower 31 bits of x[k+1]) A),
 * n = 624, m = 397, A's last row 0x9908b0df, and the tempering that turns
 * a state word into an output.
 */
#include "twister.h"

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu

/* init_genrand: the state grown from one word by Knuth's multiplier. */
static void init_from_word(uint32_t mt[MPB_MT_N], uint32_t s)
{
    mt[0] = s;
    for (uint32_t i = 1; i < MPB_MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
}

void mpb_mt_seed(uint32_t mt[MPB_MT_N], const uint32_t *key, size_t key_len)
{
    init_from_word(mt, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MPB_MT_N > key_len ? MPB_MT_N : key_len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        if (++i >= MPB_MT_N) {
            mt[0] = mt[MPB_MT_N - 1];
            i = 1;
        }
        if (++j >= key_len)
            j = 0;
    }
    for (size_t k = MPB_MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        if (++i >= MPB_MT_N) {
            mt[0] = mt[MPB_MT_N - 1];
            i = 1;
        }
    }
    mt[0] = MT_UPPER; /* the state is never all zero */
}

void mpb_mt_twist(uint32_t mt[MPB_MT_N])
{
    for (int k = 0; k < MPB_MT_N; k++) {
        uint32_t y = (mt[k] & MT_UPPER) | (mt[(k + 1) % MPB_MT_N] & MT_LOWER);
        mt[k] = mt[(k + MT_M) % MPB_MT_N] ^ (y >> 1) ^ (y & 1 ? MT_MATRIX_A : 0);
    }
}

uint32_t mpb_mt_temper(uint32_t y)
{
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
}
