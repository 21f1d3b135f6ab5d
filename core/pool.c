/*
 * pool.c — memory reservations, recycled between sessions.
 *
 * A new session needs linear memory that looks exactly like the start-up
 * image. Copying the image into fresh pages costs a page fault per page,
 * which dominates session creation. So a released reservation is put back
 * into the image state (mpb_image_restore, core/image.c: in place when it
 * can, else emptied) and kept for the next session.
 */
#include <stdlib.h>

#include "core.h"

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
        mpb_image_fill(rt, base);
    return base;
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
