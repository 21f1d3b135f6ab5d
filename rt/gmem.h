/*
 * gmem.h — the only way host code reads or writes guest linear memory.
 *
 * Every guest pointer and length is hostile: each access is checked against
 * the memory's current size with overflow-safe arithmetic, and data is
 * copied out before it is looked at. Functions return 0 on success and -1
 * when the range is outside the memory (the caller turns that into an errno
 * for the guest or a trap).
 */
#ifndef MPB_GMEM_H
#define MPB_GMEM_H

#include <stdint.h>
#include <string.h>

#include "wasm-rt.h"

static inline int mpb_g_ok(const wasm_rt_memory_t *m, uint32_t ptr, uint64_t len)
{
    return (uint64_t)ptr + len <= (uint64_t)m->size;
}

/* The host address of [ptr, ptr + len) once checked, or NULL. For bulk
 * copies (file data) straight between guest memory and the host. */
static inline uint8_t *mpb_g_span(const wasm_rt_memory_t *m, uint32_t ptr, uint64_t len)
{
    return mpb_g_ok(m, ptr, len) ? m->data + ptr : NULL;
}

static inline int mpb_g_read(const wasm_rt_memory_t *m, uint32_t ptr, void *dst, uint64_t len)
{
    if (!mpb_g_ok(m, ptr, len))
        return -1;
    if (len)
        memcpy(dst, m->data + ptr, (size_t)len);
    return 0;
}

static inline int mpb_g_write(wasm_rt_memory_t *m, uint32_t ptr, const void *src, uint64_t len)
{
    if (!mpb_g_ok(m, ptr, len))
        return -1;
    if (len)
        memcpy(m->data + ptr, src, (size_t)len);
    return 0;
}

static inline int mpb_g_u32(const wasm_rt_memory_t *m, uint32_t ptr, uint32_t *out)
{
    return mpb_g_read(m, ptr, out, 4);
}

static inline int mpb_g_put_u32(wasm_rt_memory_t *m, uint32_t ptr, uint32_t v)
{
    return mpb_g_write(m, ptr, &v, 4);
}

static inline int mpb_g_put_u64(wasm_rt_memory_t *m, uint32_t ptr, uint64_t v)
{
    return mpb_g_write(m, ptr, &v, 8);
}

/* Copy a NUL-terminated guest string of at most `cap - 1` bytes into dst
 * (NUL-terminated). Returns its length, or -1 when the string leaves the
 * memory or does not end within the cap. */
static inline int64_t mpb_g_cstr(const wasm_rt_memory_t *m, uint32_t ptr, char *dst, size_t cap)
{
    if (cap == 0 || ptr >= m->size)
        return -1;
    size_t avail = (size_t)(m->size - ptr);
    size_t n = avail < cap ? avail : cap;
    const uint8_t *src = m->data + ptr;
    const uint8_t *nul = memchr(src, 0, n);
    if (!nul)
        return -1;
    size_t len = (size_t)(nul - src);
    memcpy(dst, src, len + 1);
    return (int64_t)len;
}

#endif
