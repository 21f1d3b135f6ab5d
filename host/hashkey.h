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

/* MicroPython's hash of a string's bytes (qstr_compute_hash): djb2 with
 * xor, its low 16 bits, 0 made 1 (a stored 0 means "not computed"). */
static inline uint32_t bytes_hash(const uint8_t *p, uint32_t len)
{
    uint32_t hash = 5381;
    for (uint32_t i = 0; i < len; i++)
        hash = (hash * 33) ^ p[i];
    hash &= 0xffff;
    return hash ? hash : 1;
}

/* The fields of `key` when it is a heap object of type str exactly
 * (mp_obj_str_t: type, hash, len, data; a subclass has a type of its own
 * and may define __hash__ and __eq__): its hash field (0 = not computed)
 * and its bytes. NULL for anything else. No guest code runs. */
static inline const uint8_t *heap_str(mpb_host *h, uint32_t key, uint32_t *hash, uint32_t *len)
{
    if (key == 0 || (key & 3) != 0)
        return NULL;
    const uint8_t *o = mpb_g_span(mem(h), key, 16);
    if (!o || rd(o) != gconst(Z_micropythonZ_mpbox_type_str(h->inst)))
        return NULL;
    *hash = rd(o + 4);
    *len = rd(o + 8);
    return span(h, rd(o + 12), *len);
}

/* The bytes of a str MicroPython compares by its bytes alone: an interned
 * one (from the pools) or a heap str as above. NULL for anything else. */
static inline const uint8_t *plain_str(mpb_host *h, uint32_t key, uint32_t *len)
{
    if (is_qstr(key)) {
        mpb_qstr q;
        if (mpb_qstr_get(h, key >> 3, &q))
            mpb_rt_trap(h->call, MPB_TRAP_OOB);
        *len = q.len;
        return span(h, q.data, q.len);
    }
    uint32_t hash;
    return heap_str(h, key, &hash, len);
}

/* Whether a and b are equal strs, as MicroPython's mp_obj_equal answers
 * for two of them (their bytes are equal): 1 or 0, without running guest
 * code and charged like the guest's compare; -1 when either is not a
 * plain str (the guest must answer). */
static inline int str_equal(mpb_host *h, uint32_t a, uint32_t b)
{
    uint32_t la, lb;
    const uint8_t *pa = plain_str(h, a, &la), *pb = pa ? plain_str(h, b, &lb) : NULL;
    if (!pb)
        return -1;
    if (la != lb)
        return 0;
    mpb_host_spend(h, (uint64_t)la * MPB_FUEL_PER_BYTE);
    return memcmp(pa, pb, la) == 0;
}

/* hash_of for a key that is an object: out of line, so that the common
 * keys' path stays short where it is inlined. */
static uint32_t object_hash(mpb_host *h, uint32_t key, int *called)
{
    uint32_t hash, len;
    const uint8_t *bytes = heap_str(h, key, &hash, &len);
    if (bytes) {
        /* a str: its stored hash, else the one mp_unary_op computes,
         * charged per byte as the guest's loop would be, and stored, as
         * MicroPython's constructors store it (guest/speed leaves it 0
         * until a dict, a set or hash() asks): the next lookup of this key
         * reads it */
        if (hash)
            return hash;
        mpb_host_spend(h, (uint64_t)len * MPB_FUEL_PER_BYTE);
        hash = bytes_hash(bytes, len);
        wr(span(h, key, 8) + 4, hash);
        return hash;
    }
    *called = 1;
    mpb_rt_check(h->call);
    uint32_t r = Z_micropythonZ_mpbox_unary_op(h->inst, gconst(Z_micropythonZ_mpbox_unary_hash(h->inst)), key);
    return (uint32_t)((int32_t)r >> 1);
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
    return object_hash(h, key, called);
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
