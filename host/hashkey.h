/*
 * hashkey.h — what the guest's hash tables in the host (host/map.c for
 * dicts, host/set.c for sets) share: checked access to guest memory, and
 * keys: MicroPython's hash of a key and the cases where two keys cannot be
 * equal without asking the guest. Header-only (static inline), included by
 * those two files only.
 */
#ifndef MPBOX_HASHKEY_H
#define MPBOX_HASHKEY_H

#include <string.h>

#include "gmem.h"
#include "host.h"
#include "qstr.h"

/* ---- guest memory --------------------------------------------------- */

static inline uint32_t rd(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void wr(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

static inline wasm_rt_memory_t *mem(mpb_host *h) { return &h->inst->w2c_memory; }

/* The host address of [addr, addr + len), or a trap. Guest memory only
 * grows during a run, so a checked range stays valid until the run ends;
 * the host address, though, is taken again after every guest call. */
static inline uint8_t *span(mpb_host *h, uint32_t addr, uint64_t len)
{
    uint8_t *p = mpb_g_span(mem(h), addr, len);
    if (!p)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    return p;
}

static inline uint32_t gconst(uint32_t *g) { return *g; }

/* ---- keys ------------------------------------------------------------ */

static inline int is_qstr(uint32_t o) { return (o & 7) == 2; }
static inline int is_small_int(uint32_t o) { return o & 1; }
static inline int is_dead(mpb_host *h, uint32_t key)
{
    return key == 0 || key == gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
}

/* The key's hash as MicroPython computes it. *called is set when guest
 * code ran (anything could have changed). */
static inline uint32_t hash_of(mpb_host *h, uint32_t key, int *called)
{
    if (is_small_int(key))
        return (uint32_t)((int32_t)key >> 1);
    if (is_qstr(key)) {
        /* read from the pools: no call into the guest */
        uint32_t hash;
        if (mpb_qstr_hash(h, key >> 3, &hash))
            mpb_rt_trap(h->call, MPB_TRAP_OOB);
        return hash;
    }
    *called = 1;
    mpb_rt_check(h->call);
    uint32_t r = Z_micropythonZ_mpbox_unary_op(h->inst, gconst(Z_micropythonZ_mpbox_unary_hash(h->inst)), key);
    return (uint32_t)((int32_t)r >> 1);
}

/* Whether keys a != b may still be equal (else no call is needed). */
static inline int may_equal(uint32_t a, uint32_t b, int ptrs_only)
{
    if (ptrs_only)
        return 0;
    if (is_qstr(a) && is_qstr(b))
        return 0;
    if (is_small_int(a) && is_small_int(b))
        return 0;
    return 1;
}

#endif
