/*
 * session.c — sessions: created from the runtime's start-up image, their
 * limits and settings, destroyed. Runs are core/run.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "gmem.h"

static void on_output_overflow(mpb_host *h)
{
    mpb_watchdog_request_stop(mpb_session_of(h), MPB_STOP_OUTPUT);
}

static void on_oom(mpb_host *h)
{
    mpb_watchdog_oom(mpb_session_of(h));
}

static void on_collected(mpb_host *h)
{
    mpb_watchdog_alive(mpb_session_of(h));
}

static uint32_t cap_pages(int64_t bytes)
{
    uint64_t pages = (uint64_t)bytes / MPB_WASM_PAGE;
    return pages > 32768u ? 32768u : (uint32_t)pages;
}

static void host_init(mpbox_session *s)
{
    mpbox_runtime *rt = s->rt;
    mpb_host *h = &s->host;
    h->inst = &s->inst;
    memcpy(h->sigs, rt->sigs, sizeof h->sigs);
    h->request_stop = on_output_overflow;
    h->on_oom = on_oom;
    h->on_collected = on_collected;
    h->gc_area = rt->gc_area_addr;
    h->state.vfs.limits = s->limits; /* file quotas */
    mpb_hostfn_host_init(h);
    h->internal = mpb_internal_message;
    clock_gettime(CLOCK_MONOTONIC, &h->epoch);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        s->limits[i] = atomic_load(&rt->limits[i]);
    h->state.deterministic = s->limits[MPBOX_LIMIT_DETERMINISTIC] != 0;
    if (h->state.deterministic)
        mpb_host_seed(h, (uint64_t)s->limits[MPBOX_LIMIT_SEED]);
    else /* the runtime's random seed and a session number */
        mpb_host_seed(h, rt->seed + 0x9e3779b97f4a7c15ull * (atomic_fetch_add(&rt->session_counter, 1) + 1));
}

int mpb_session_acquire(mpbox_session *s)
{
    if (s->lost)
        return MPBOX_LOST;
    if (atomic_exchange(&s->busy, 1))
        return MPBOX_BUSY;
    return MPBOX_OK;
}

int mpb_session_create(mpbox_runtime *rt, mpbox_session **out, int from_image)
{
    *out = NULL;
    mpbox_session *s = calloc(1, sizeof *s);
    if (!s)
        return MPBOX_NOMEM;
    s->rt = rt;
    host_init(s);
    if (mpb_hostfn_session_init(s) != MPBOX_OK) {
        mpb_hostreg_free(&s->host_reg);
        free(s);
        return MPBOX_NOMEM;
    }
    if (!from_image) {
        *out = s; /* the caller instantiates (startup.c) */
        return MPBOX_OK;
    }
    uint8_t *base = mpb_pool_take(rt);
    wasm_rt_funcref_t *table = malloc(sizeof *table * (rt->table_size ? rt->table_size : 1));
    if (!base || !table) {
        mpb_pool_give(rt, base, rt->image_pages);
        free(table);
        mpb_hostreg_free(&s->host_reg);
        free(s);
        return base ? MPBOX_NOMEM : MPBOX_ERROR;
    }
    memcpy(table, rt->image_table, sizeof *table * rt->table_size);
    for (uint32_t i = 0; i < rt->table_size; i++)
        if (table[i].func)
            table[i].module_instance = &s->inst;
    s->inst = rt->image_inst;
    s->inst.Z_env_instance = (struct Z_env_instance_t *)&s->host;
    s->inst.Z_wasi_snapshot_preview1_instance = (struct Z_wasi_snapshot_preview1_instance_t *)&s->host;
    s->inst.w2c_memory.data = base;
    s->inst.w2c_memory.pages = rt->image_pages;
    s->inst.w2c_memory.size = rt->image_pages * MPB_WASM_PAGE;
    s->inst.w2c_memory.max_pages = cap_pages(s->limits[MPBOX_LIMIT_MEMORY]);
    s->inst.w2c___indirect_function_table.data = table;
    s->inst.w2c___indirect_function_table.size = rt->table_size;
    s->inst.w2c___indirect_function_table.max_size = rt->table_max;
    s->pristine = 1;
    *out = s;
    return MPBOX_OK;
}

int mpbox_session_new(mpbox_runtime *rt, mpbox_session **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!rt)
        return MPBOX_MISUSE;
    return mpb_session_create(rt, out, 1);
}

void mpbox_session_free(mpbox_session *s)
{
    if (!s)
        return;
    if (mpb_track_release(&s->track) != 0) {
        /* cannot make it writable again: do not recycle it */
        mpb_rt_unreserve(s->inst.w2c_memory.data);
        s->inst.w2c_memory.data = NULL;
    }
    mpb_track_free(&s->track);
    mpb_pool_give(s->rt, s->inst.w2c_memory.data, s->inst.w2c_memory.pages);
    free(s->inst.w2c___indirect_function_table.data);
    mpb_capture_free(&s->host.out[0]);
    mpb_capture_free(&s->host.out[1]);
    mpb_state_free(&s->host.state);
    mpb_hostreg_free(&s->host_reg);
    free(s);
}

int mpbox_has_fuel(void)
{
#if MPBOX_FUEL
    return 1;
#else
    return 0;
#endif
}

int64_t mpbox_session_limit(mpbox_session *s, int id, int64_t value)
{
    if (!s || id < 0 || id >= MPBOX_LIMIT_COUNT_)
        return -1;
    int64_t old = s->limits[id];
    if (value < 0)
        return old;
    if (mpb_limit_invalid(id, value))
        return -1;
    s->limits[id] = value;
    if (id == MPBOX_LIMIT_MEMORY)
        s->inst.w2c_memory.max_pages = cap_pages(value);
    if (id == MPBOX_LIMIT_DETERMINISTIC)
        s->host.state.deterministic = value != 0;
    if ((id == MPBOX_LIMIT_DETERMINISTIC || id == MPBOX_LIMIT_SEED) && s->limits[MPBOX_LIMIT_DETERMINISTIC]) {
        mpb_host_seed(&s->host, (uint64_t)s->limits[MPBOX_LIMIT_SEED]);
        s->host.state.virtual_ms = 0;
    }
    return old;
}

int mpbox_session_is_lost(const mpbox_session *s)
{
    return !s || s->lost;
}

void mpbox_session_set_output(mpbox_session *s, mpbox_output_fn fn, void *user)
{
    if (!s)
        return;
    s->host.output_fn = fn;
    s->host.output_user = user;
}
