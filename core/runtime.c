/*
 * runtime.c — the runtime: its default limits, host-function registry,
 * watchdog and memory pool, and the start-up image every session is copied
 * from (so a new session costs a few page copies, not a start-up): the
 * embedded one (core/image.c) or one built here and now (core/startup.c).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "core.h"

int mpbox_runtime_new(mpbox_runtime **out)
{
    return mpb_runtime_create(out, 1);
}

int mpb_runtime_create(mpbox_runtime **out, int use_embedded)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (mpb_rt_global_init() != 0)
        return MPBOX_ERROR;
    mpb_guest_init_module();
    mpbox_runtime *rt = calloc(1, sizeof *rt);
    if (!rt)
        return MPBOX_NOMEM;
    int64_t defaults[MPBOX_LIMIT_COUNT_];
    mpb_limit_defaults(defaults); /* the limit table, core/limits.c */
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        atomic_store(&rt->limits[i], defaults[i]);
    pthread_mutex_init(&rt->pool_lock, NULL);
    pthread_mutex_init(&rt->host_lock, NULL);
    rt->restore_in_place = mpb_image_can_restore();
    mpb_watchdog_init(&rt->wd);
    if (getrandom(&rt->seed, sizeof rt->seed, 0) != sizeof rt->seed)
        rt->seed = (uint64_t)mpb_now_ns() ^ ((uint64_t)getpid() << 32);
    static const int i32 = WASM_RT_I32;
    for (int n = 0; n < 5; n++) {
        /* invoke_v..viiii: n i32 parameters after the index, no result */
        rt->sigs[MPB_SIG_V1 + n] = wasm_rt_register_func_type((uint32_t)n, 0, i32, i32, i32, i32, i32);
    }
    for (int n = 0; n < 6; n++)
        rt->sigs[MPB_SIG_I1 + n] = wasm_rt_register_func_type((uint32_t)n, 1, i32, i32, i32, i32, i32, i32, i32);

    /* The image made at build time when it fits this build (it does unless
     * objects of different builds were mixed), else built here. */
    int rc = MPBOX_ERROR;
    if (use_embedded && mpb_embedded_image)
        rc = mpb_image_load(rt, mpb_embedded_image);
    if (rc != MPBOX_OK)
        rc = mpb_image_build(rt);
    if (rc == MPBOX_OK)
        rc = mpb_image_locate(rt);
    if (rc != MPBOX_OK) {
        mpbox_runtime_free(rt);
        return rc;
    }
    *out = rt;
    return MPBOX_OK;
}

void mpbox_runtime_free(mpbox_runtime *rt)
{
    if (!rt)
        return;
    mpb_watchdog_shutdown(&rt->wd);
    mpb_pool_drain(rt);
    pthread_mutex_destroy(&rt->pool_lock);
    pthread_mutex_destroy(&rt->host_lock);
    mpb_hostreg_free(&rt->host_reg);
    mpb_image_release(rt);
    free(rt);
}

int64_t mpbox_runtime_limit(mpbox_runtime *rt, int id, int64_t value)
{
    if (!rt || id < 0 || id >= MPBOX_LIMIT_COUNT_)
        return -1;
    if (value < 0)
        return atomic_load(&rt->limits[id]);
    if (mpb_limit_invalid(id, value))
        return -1;
    return atomic_exchange(&rt->limits[id], value);
}
