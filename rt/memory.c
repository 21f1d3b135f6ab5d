/*
 * memory.c — linear memories inside 8 GiB guard reservations.
 *
 * Only the pages the guest may use are readable and writable; everything
 * else in the reservation faults, which is what makes the generated code's
 * unchecked loads and stores safe. The whole reservation is unmapped on
 * free (wabt's runtime leaks the unused part of it). A memory grows in
 * place, so its `data` never moves: the generated code relies on that and
 * reads it once per function call (tools/membase.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "rt.h"

uint8_t *mpb_rt_reserve(uint32_t pages)
{
    void *p = mmap(NULL, MPB_RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (pages && mprotect(p, (size_t)pages * MPB_WASM_PAGE, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, MPB_RESERVATION);
        return NULL;
    }
    return p;
}

void mpb_rt_unreserve(uint8_t *base)
{
    if (base)
        munmap(base, MPB_RESERVATION);
}

int mpb_rt_reset(uint8_t *base, uint32_t keep, uint32_t used)
{
    if (used && madvise(base, (size_t)used * MPB_WASM_PAGE, MADV_DONTNEED) != 0)
        return -1;
    if (used > keep &&
        mprotect(base + (size_t)keep * MPB_WASM_PAGE, (size_t)(used - keep) * MPB_WASM_PAGE, PROT_NONE) != 0)
        return -1;
    if (keep > used &&
        mprotect(base + (size_t)used * MPB_WASM_PAGE, (size_t)(keep - used) * MPB_WASM_PAGE,
                 PROT_READ | PROT_WRITE) != 0)
        return -1;
    return 0;
}

int mpb_rt_grow_to(wasm_rt_memory_t *mem, uint32_t new_pages)
{
    if (new_pages <= mem->pages)
        return 0;
    if (new_pages > mem->max_pages || new_pages > 65536u)
        return -1;
    size_t old_bytes = (size_t)mem->pages * MPB_WASM_PAGE;
    size_t delta = (size_t)(new_pages - mem->pages) * MPB_WASM_PAGE;
    if (mprotect(mem->data + old_bytes, delta, PROT_READ | PROT_WRITE) != 0)
        return -1;
    mem->pages = new_pages;
    mem->size = new_pages >= 65536u ? UINT32_MAX : new_pages * MPB_WASM_PAGE;
    return 0;
}

/* ---- the wasm-rt.h memory functions used by generated code ---------- */

void wasm_rt_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial_pages, uint32_t max_pages)
{
    uint8_t *base = mpb_rt_reserve(initial_pages);
    if (!base)
        wasm_rt_trap(WASM_RT_TRAP_OOB); /* unwinds the instantiation */
    mem->data = base;
    mem->pages = initial_pages;
    mem->max_pages = max_pages;
    mem->size = initial_pages * MPB_WASM_PAGE;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *mem, uint32_t delta)
{
    uint32_t old = mem->pages;
    if (delta > 65536u || mpb_rt_grow_to(mem, old + delta) != 0)
        return UINT32_MAX;
    return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t *mem)
{
    mpb_rt_unreserve(mem->data);
    mem->data = NULL;
    mem->pages = mem->size = 0;
}
