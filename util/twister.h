/*
 * twister.h — the Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998)
 * with the seeding CPython's random module uses (init_by_array over the
 * seed's 32-bit words), for lib/python/random.py.
 *
 * The functions work on a state the caller owns: the guest keeps its
 * generators in its own memory (core/internal.c, "mt19937"), so that
 * rollback, snapshots and the start-up image hold them like any other
 * guest data.
 */
#ifndef MPB_UTIL_TWISTER_H
#define MPB_UTIL_TWISTER_H

#include <stddef.h>
#include <stdint.h>

#define MPB_MT_N 624 /* words of state */

/* The state init_by_array gives for key[0..key_len) (key_len >= 1), the
 * key's words least significant first. */
void mpb_mt_seed(uint32_t mt[MPB_MT_N], const uint32_t *key, size_t key_len);
/* The next MPB_MT_N words of state, in place. */
void mpb_mt_twist(uint32_t mt[MPB_MT_N]);
/* The output of one state word. */
uint32_t mpb_mt_temper(uint32_t y);

#endif /* MPB_UTIL_TWISTER_H */
