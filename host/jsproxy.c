/*
 * jsproxy.c — the 24 JS-proxy hooks of the pyscript build.
 *
 * In a browser these reach the whole JavaScript world through `import js`.
 * Here they reach nothing: attribute lookups on a JsProxy fail with
 * AttributeError, calls and subscripts give back `undefined`, stores are
 * dropped, iteration is empty. Every slot pointer is checked, and Python
 * objects the guest hands over (as c_refs) are released at once so that the
 * guest's proxy table cannot fill up.
 */
#include <string.h>

#include "gmem.h"
#include "host.h"

enum { MP_KIND_CALLABLE = 6, MP_KIND_GENERATOR = 7, MP_KIND_OBJECT = 8 };
enum { JS_KIND_UNDEFINED = 0, JS_KIND_NULL = 1 };
#define SLOT 12u
#define MAX_ARGS 4096u

/* Write a JS->Python slot {kind, 0, 0}. A bad pointer traps: the guest
 * would otherwise read an uninitialised slot. */
static void put_slot(mpb_host *h, uint32_t out, uint32_t kind)
{
    uint32_t slot[3] = {kind, 0, 0};
    if (mpb_g_write(&h->inst->w2c_memory, out, slot, SLOT) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

/* Release the Python object a Python->JS slot refers to, if any. */
static void drop_slot(mpb_host *h, uint32_t slot)
{
    uint32_t v[2];
    if (mpb_g_read(&h->inst->w2c_memory, slot, v, 8) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    if (v[0] == MP_KIND_CALLABLE || v[0] == MP_KIND_GENERATOR || v[0] == MP_KIND_OBJECT)
        MPB_GUEST_CALL(h, Z_micropythonZ_proxy_c_free_obj(h->inst, v[1]));
}

static void drop_slots(mpb_host *h, uint32_t n, uint32_t slots)
{
    if (n > MAX_ARGS || !mpb_g_ok(&h->inst->w2c_memory, slots, (uint64_t)n * SLOT))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    for (uint32_t i = 0; i < n; i++)
        drop_slot(h, slots + i * SLOT);
}

#define HOOK_BEGIN(env)                                                        \
    mpb_host *h = (mpb_host *)(env);                                           \
    MPB_IMPORT_ENTER(h)
#define HOOK_END MPB_IMPORT_LEAVE(h)

uint32_t Z_envZ_lookup_attr(struct Z_env_instance_t *env, uint32_t ref, uint32_t name, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)name, (void)out;
    HOOK_END;
    return 0; /* AttributeError */
}

void Z_envZ_store_attr(struct Z_env_instance_t *env, uint32_t ref, uint32_t name, uint32_t value)
{
    HOOK_BEGIN(env);
    (void)ref, (void)name;
    drop_slot(h, value);
    HOOK_END;
}

uint32_t Z_envZ_has_attr(struct Z_env_instance_t *env, uint32_t ref, uint32_t name)
{
    HOOK_BEGIN(env);
    (void)ref, (void)name;
    HOOK_END;
    return 0;
}

void Z_envZ_call0(struct Z_env_instance_t *env, uint32_t ref, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref;
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

uint32_t Z_envZ_call1(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t a0, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)via;
    drop_slot(h, a0);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
    return 0;
}

uint32_t Z_envZ_call2(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t a0, uint32_t a1,
                      uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)via;
    drop_slot(h, a0);
    drop_slot(h, a1);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
    return 0;
}

uint32_t Z_envZ_calln(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t n, uint32_t args,
                      uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)via;
    drop_slots(h, n, args);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
    return 0;
}

void Z_envZ_call0_kwarg(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t nkw, uint32_t keys,
                        uint32_t vals, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)via, (void)keys;
    drop_slots(h, nkw, vals);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

void Z_envZ_calln_kwarg(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t n, uint32_t args,
                        uint32_t nkw, uint32_t keys, uint32_t vals, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref, (void)via, (void)keys;
    drop_slots(h, n, args);
    drop_slots(h, nkw, vals);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

void Z_envZ_js_reflect_construct(struct Z_env_instance_t *env, uint32_t ref, uint32_t n, uint32_t args,
                                 uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref;
    drop_slots(h, n, args);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

void Z_envZ_js_get_iter(struct Z_env_instance_t *env, uint32_t ref, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref;
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

uint32_t Z_envZ_js_iter_next(struct Z_env_instance_t *env, uint32_t it, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)it, (void)out;
    HOOK_END;
    return 0; /* exhausted */
}

void Z_envZ_js_subscr_load(struct Z_env_instance_t *env, uint32_t ref, uint32_t idx, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)ref;
    drop_slot(h, idx);
    put_slot(h, out, JS_KIND_UNDEFINED);
    HOOK_END;
}

void Z_envZ_js_subscr_store(struct Z_env_instance_t *env, uint32_t ref, uint32_t idx, uint32_t value)
{
    HOOK_BEGIN(env);
    (void)ref;
    drop_slot(h, idx);
    drop_slot(h, value);
    HOOK_END;
}

uint32_t Z_envZ_js_check_existing(struct Z_env_instance_t *env, uint32_t c_ref)
{
    HOOK_BEGIN(env);
    (void)c_ref;
    HOOK_END;
    return (uint32_t)-1; /* the host never keeps wrappers */
}

void Z_envZ_proxy_js_free_obj(struct Z_env_instance_t *env, uint32_t ref)
{
    HOOK_BEGIN(env);
    (void)ref;
    HOOK_END;
}

void Z_envZ_js_get_proxy_js_ref_info(struct Z_env_instance_t *env, uint32_t out)
{
    HOOK_BEGIN(env);
    uint32_t info[2] = {0, 0};
    if (mpb_g_write(&h->inst->w2c_memory, out, info, sizeof info) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    HOOK_END;
}

void Z_envZ_js_get_error_info(struct Z_env_instance_t *env, uint32_t ref, uint32_t name_out, uint32_t msg_out)
{
    HOOK_BEGIN(env);
    (void)ref;
    put_slot(h, name_out, JS_KIND_NULL);
    put_slot(h, msg_out, JS_KIND_NULL);
    HOOK_END;
}

/* jsffi.create_proxy / jsffi.to_js: the slot is converted in place; with
 * no JS world the answer is None. */
void Z_envZ_proxy_convert_mp_to_js_then_js_to_mp_obj_jsside(struct Z_env_instance_t *env, uint32_t slot)
{
    HOOK_BEGIN(env);
    drop_slot(h, slot);
    put_slot(h, slot, JS_KIND_NULL);
    HOOK_END;
}

void Z_envZ_proxy_convert_mp_to_js_then_js_to_js_then_js_to_mp_obj_jsside(struct Z_env_instance_t *env,
                                                                          uint32_t slot)
{
    HOOK_BEGIN(env);
    drop_slot(h, slot);
    put_slot(h, slot, JS_KIND_NULL);
    HOOK_END;
}

/* Promises exist only for top-level await (mp_js_do_exec_async), which the
 * host never uses; they do nothing. */
void Z_envZ_create_promise(struct Z_env_instance_t *env, uint32_t a, uint32_t b)
{
    HOOK_BEGIN(env);
    (void)a, (void)b;
    HOOK_END;
}

void Z_envZ_js_then_resolve(struct Z_env_instance_t *env, uint32_t a, uint32_t b)
{
    HOOK_BEGIN(env);
    (void)a, (void)b;
    HOOK_END;
}

void Z_envZ_js_then_reject(struct Z_env_instance_t *env, uint32_t a, uint32_t b)
{
    HOOK_BEGIN(env);
    (void)a, (void)b;
    HOOK_END;
}

void Z_envZ_js_then_continue(struct Z_env_instance_t *env, uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                             uint32_t e)
{
    HOOK_BEGIN(env);
    (void)a, (void)b, (void)c, (void)d, (void)e;
    HOOK_END;
}
