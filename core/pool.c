/*
 * pool.c — memory reservations, recycled between sessions.
 *
 * A new session needs linear memory that looks exactly like the start-up
 * image. Copying the image into fresh pages costs a page fault per page,
 * which dominates session creation. So a released reservation is put back
 * into the image state in place: only pages that are resident (the ones
 * the session touched, found with mincore) are rewritten — image pages
 * from the image, others zeroed — and they stay resident for the next
 * session. A reservation whose session touched many pages is instead
 * emptied with MADV_DONTNEED (bounding the pool's memory) and refilled
 * from the image when it is taken again.
 *
 * mincore cannot see pages that were swapped out: such a page would keep
 * the previous session's data. So the in-place path is used only when the
 * system had no swap when the runtime was created (mpb_pool_can_restore).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"

/* Zeroing more resident non-image pages than this costs more than letting
 * the kernel drop them. */
#define MAX_PAGES_TO_ZERO 96

static void copy_image(const mpbox_runtime *rt, uint8_t *base)
{
    for (uint32_t i = 0; i < rt->image_count; i++)
        memcpy(base + (size_t)rt->image_index[i] * MPB_HOST_PAGE, rt->image_data + (size_t)i * MPB_HOST_PAGE,
               MPB_HOST_PAGE);
}

uint8_t *mpb_pool_take(mpbox_runtime *rt)
{
    uint8_t *base = NULL;
    int clean = 0;
    pthread_mutex_lock(&rt->pool_lock);
    if (rt->pool_count > 0) {
        rt->pool_count--;
        base = rt->pool[rt->pool_count].base;
        clean = rt->pool[rt->pool_count].clean;
    }
    pthread_mutex_unlock(&rt->pool_lock);
    if (!base) {
        base = mpb_rt_reserve(rt->image_pages);
        if (!base)
            return NULL;
    }
    if (!clean)
        copy_image(rt, base);
    return base;
}

/* Put the first image_pages of `base` back into the image state without
 * dropping them. Returns 0, or -1 when the reservation must be emptied. */
/* The image's pages all lie low in memory (static data, the initial heap);
 * above the last of them (rounded up to 2 MiB) a session rarely writes.
 * That part is simply dropped (cheap where nothing was touched), and only
 * the low part is inspected with mincore, whose cost grows with the range. */
static size_t low_pages(const mpbox_runtime *rt)
{
    size_t npages = (size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    size_t last = rt->image_count ? rt->image_index[rt->image_count - 1] + 1 : 0;
    size_t per_2m = (2u << 20) / MPB_HOST_PAGE;
    size_t low = (last + per_2m - 1) / per_2m * per_2m;
    return low < npages ? low : npages;
}

static int restore_in_place(const mpbox_runtime *rt, uint8_t *base, unsigned char *resident)
{
    size_t npages = (size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    size_t low = low_pages(rt);
    if (low < npages && madvise(base + low * MPB_HOST_PAGE, (npages - low) * MPB_HOST_PAGE, MADV_DONTNEED) != 0)
        return -1;
    if (mincore(base, low * MPB_HOST_PAGE, resident) != 0)
        return -1;
    size_t to_zero = 0;
    for (size_t p = 0; p < low; p++)
        if ((resident[p] & 1) && rt->image_slot[p] < 0)
            to_zero++;
    if (to_zero > MAX_PAGES_TO_ZERO)
        return -1;
    for (size_t p = 0; p < low; p++) {
        if (!(resident[p] & 1))
            continue;
        uint8_t *page = base + p * MPB_HOST_PAGE;
        int32_t slot = rt->image_slot[p];
        /* Most image pages come back unchanged: comparing (the image is
         * hot in cache) is cheaper than rewriting them. */
        const uint8_t *want = slot >= 0 ? rt->image_data + (size_t)slot * MPB_HOST_PAGE : NULL;
        if (want && memcmp(page, want, MPB_HOST_PAGE) != 0)
            memcpy(page, want, MPB_HOST_PAGE);
        else if (!want)
            memset(page, 0, MPB_HOST_PAGE);
    }
    return 0;
}

int mpb_pool_can_restore(void)
{
    FILE *f = fopen("/proc/swaps", "r");
    if (!f)
        return 0;
    char line[256];
    int lines = 0;
    while (fgets(line, sizeof line, f))
        lines++;
    fclose(f);
    return lines == 1; /* the header only: no swap device */
}

int mpb_image_restore(const mpbox_runtime *rt, uint8_t *base, uint32_t used_pages, int refill)
{
    /* Pages grown past the image go in any case. */
    if (used_pages > rt->image_pages &&
        mpb_rt_reset(base + (size_t)rt->image_pages * MPB_WASM_PAGE, 0, used_pages - rt->image_pages) != 0)
        return -1;
    unsigned char *resident = malloc((size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE));
    int in_place = rt->restore_in_place && resident && restore_in_place(rt, base, resident) == 0;
    free(resident);
    if (in_place)
        return 1;
    if (mpb_rt_reset(base, rt->image_pages, rt->image_pages) != 0)
        return -1;
    if (refill)
        copy_image(rt, base);
    return refill ? 1 : 0;
}

void mpb_pool_give(mpbox_runtime *rt, uint8_t *base, uint32_t used_pages)
{
    if (!base)
        return;
    int clean = mpb_image_restore(rt, base, used_pages, 0);
    if (clean >= 0) {
        pthread_mutex_lock(&rt->pool_lock);
        if (rt->pool_count < MPB_POOL_MAX) {
            rt->pool[rt->pool_count].base = base;
            rt->pool[rt->pool_count].clean = clean;
            rt->pool_count++;
            base = NULL;
        }
        pthread_mutex_unlock(&rt->pool_lock);
    }
    mpb_rt_unreserve(base);
}

void mpb_pool_drain(mpbox_runtime *rt)
{
    for (int i = 0; i < rt->pool_count; i++)
        mpb_rt_unreserve(rt->pool[i].base);
    rt->pool_count = 0;
}
