/*
 * gstr.c — the text of a guest str object (host/gstr.h).
 */
#include "gstr.h"

#include "gmem.h"
#include "qstr.h"

const uint8_t *mpb_guest_str(mpb_host *h, uint32_t obj, uint32_t str_type, uint32_t *len)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t w[4];
    if ((obj & 7) == 2) {
        mpb_qstr q;
        if (mpb_qstr_get(h, obj >> 3, &q))
            return NULL;
        *len = q.len;
        return mpb_g_span(m, q.data, q.len);
    }
    if (!obj || (obj & 3) || mpb_g_read(m, obj, w, sizeof w) || (str_type && w[0] != str_type))
        return NULL;
    *len = w[2];
    return mpb_g_span(m, w[3], w[2]);
}
