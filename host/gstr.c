/*
 * gstr.c — the text of a guest str object (host/gstr.h).
 */
#include "gstr.h"

#include "gmem.h"

#define QSTR_POOLS_MAX 256u
/* qstr_pool_t (py/qstr.h) on wasm32: prev, total_prev_len:31, alloc, len,
 * hashes, lengths (one byte each), qstrs[] */
enum { POOL_PREV = 0, POOL_TOTAL_PREV = 4, POOL_LEN = 12, POOL_LENGTHS = 20, POOL_QSTRS = 24 };

const uint8_t *mpb_guest_str(mpb_host *h, uint32_t obj, uint32_t str_type, uint32_t *len)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t w[4];
    if ((obj & 7) == 2) {
        uint32_t q = obj >> 3, pool;
        if (mpb_g_u32(m, *(uint32_t *)Z_micropythonZ_mpbox_last_pool_ptr(h->inst), &pool))
            return NULL;
        for (uint32_t n = 0; pool && n < QSTR_POOLS_MAX; n++) {
            uint32_t p[7];
            if (mpb_g_read(m, pool, p, sizeof p))
                return NULL;
            uint32_t prev_total = p[POOL_TOTAL_PREV / 4] & 0x7fffffffu;
            if (q >= prev_total) {
                uint32_t at = q - prev_total, data;
                uint8_t l;
                if (at >= p[POOL_LEN / 4] || mpb_g_read(m, p[POOL_LENGTHS / 4] + at, &l, 1) ||
                    mpb_g_u32(m, pool + POOL_QSTRS + 4 * at, &data))
                    return NULL;
                *len = l;
                return mpb_g_span(m, data, l);
            }
            pool = p[POOL_PREV / 4];
        }
        return NULL;
    }
    if (!obj || (obj & 3) || mpb_g_read(m, obj, w, sizeof w) || (str_type && w[0] != str_type))
        return NULL;
    *len = w[2];
    return mpb_g_span(m, w[3], w[2]);
}
