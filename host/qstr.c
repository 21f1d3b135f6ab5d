/*
 * qstr.c — a qstr's hash, length and bytes from the guest's pools (qstr.h).
 */
#include "qstr.h"

#include "gmem.h"

/* qstr_pool_t (py/qstr.h) on wasm32: prev, total_prev_len:31 (bit 31:
 * is_sorted), alloc, len, hashes (u16[]), lengths (u8[]), qstrs[] inline. */
enum { POOL_PREV = 0, POOL_TOTAL_PREV = 4, POOL_LEN = 12, POOL_HASHES = 16, POOL_LENGTHS = 20, POOL_QSTRS = 24 };
/* More pools than any guest makes: each new one is at least twice the last. */
#define QSTR_POOLS_MAX 256u

/* The pool holding q, and q's index in it: 0, or -1. The walk starts
 * from the newest pool in the guest's data (the static qstrs: their
 * numbers come first) when q is one of its own or older, else from the
 * newest pool of all: a static name (a builtin, a method of a built-in
 * type) would otherwise cost a step for every pool made at run time. */
static int locate(mpb_host *h, uint32_t q, uint32_t *pool, uint32_t *at)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t p = *(uint32_t *)Z_micropythonZ_mpbox_qstr_rom_pool(h->inst), rom[4]; /* prev, total_prev_len, alloc, len */
    if (mpb_g_read(m, p, rom, sizeof rom))
        return -1;
    uint64_t rom_end = (uint64_t)(rom[1] & 0x7fffffffu) + rom[3];
    if (q >= rom_end && mpb_g_u32(m, *(uint32_t *)Z_micropythonZ_mpbox_last_pool_ptr(h->inst), &p))
        return -1;
    for (uint32_t n = 0; p && n < QSTR_POOLS_MAX; n++) {
        uint32_t head[2]; /* prev, total_prev_len */
        if (mpb_g_read(m, p + POOL_PREV, head, sizeof head))
            return -1;
        uint32_t first = head[1] & 0x7fffffffu;
        if (q >= first) {
            uint32_t len;
            if (mpb_g_u32(m, p + POOL_LEN, &len) || q - first >= len)
                return -1;
            *pool = p;
            *at = q - first;
            return 0;
        }
        p = head[0];
    }
    return -1;
}

/* The hash of entry `at` of `pool`. */
static int hash_at(const wasm_rt_memory_t *m, uint32_t pool, uint32_t at, uint32_t *hash)
{
    uint32_t hashes;
    uint16_t v;
    if (mpb_g_u32(m, pool + POOL_HASHES, &hashes) || mpb_g_read(m, hashes + 2 * at, &v, 2))
        return -1;
    *hash = v;
    return 0;
}

int mpb_qstr_hash(mpb_host *h, uint32_t q, uint32_t *hash)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t pool, at;
    return locate(h, q, &pool, &at) ? -1 : hash_at(m, pool, at, hash);
}

int mpb_qstr_get(mpb_host *h, uint32_t q, mpb_qstr *out)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t pool, at, lengths, data;
    uint8_t len;
    if (locate(h, q, &pool, &at) || hash_at(m, pool, at, &out->hash) ||
        mpb_g_u32(m, pool + POOL_LENGTHS, &lengths) || mpb_g_read(m, lengths + at, &len, 1) ||
        mpb_g_u32(m, pool + POOL_QSTRS + 4 * at, &data) || !mpb_g_ok(m, data, len))
        return -1;
    out->len = len;
    out->data = data;
    return 0;
}

/* env.mpbox_qstr_hash (guest/map): qstr q's hash, for the guest's own
 * probe of a map's index, which keeps it in its lookup cache. A number
 * no pool holds traps, as a damaged pool does for host/map.c. */
uint32_t Z_envZ_mpbox_qstr_hash(struct Z_env_instance_t *env, uint32_t q)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t hash;
    if (mpb_qstr_hash(h, q, &hash))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    return hash;
}
