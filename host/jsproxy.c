/*
 * jsproxy.c — the 24 JS-proxy hooks of the pyscript build.
 *
 * In a browser these reach the whole JavaScript world through `import js`.
 * Here they reach two things: `js.mpbox_call`, the bridge to host functions
 * (core/hostfn.c), and `js.mpbox_internal`, the channel of the library's own
 * Python to the host (core/internal.c). Every other attribute lookup fails
 * with AttributeError;
 * calls and subscripts of anything else give back `undefined`, stores are
 * dropped, iteration is empty. Every slot pointer is checked, and Python
 * objects the guest hands over (as c_refs) are released at once so that the
 * guest's proxy table cannot fill up.
 *
 * The bridge is js ref BRIDGE_REF, the channel INTERNAL_REF. Each lookup
 * answers "new proxy" (kind
 * 7): the guest then makes a fresh JsProxy and points its table entry at
 * it, which is always safe, whereas "existing proxy" (kind 6) would depend
 * on guest state the host would have to track across rollbacks and
 * snapshots. Calling it with two str arguments (name, JSON payload)
 * answers a str, the envelope; any other call answers an error envelope.
 */
#include <stdlib.h>
#include <string.h>

#include "gmem.h"
#include "host.h"

enum { MP_KIND_STR = 5, MP_KIND_CALLABLE = 6, MP_KIND_GENERATOR = 7, MP_KIND_OBJECT = 8 };
enum { JS_KIND_UNDEFINED = 0, JS_KIND_NULL = 1, JS_KIND_STR = 5, JS_KIND_NEW_PROXY = 7 };
#define SLOT 12u
#define MAX_ARGS 4096u
#define BRIDGE_REF 2u
#define BRIDGE_NAME "mpbox_call"
#define INTERNAL_REF 3u
#define INTERNAL_NAME "mpbox_internal"
#define NAME_MAX_LEN 256u

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

/* Write a JS->Python slot {kind, w1, w2}. */
static void put_slot3(mpb_host *h, uint32_t out, uint32_t kind, uint32_t w1, uint32_t w2)
{
    uint32_t slot[3] = {kind, w1, w2};
    if (mpb_g_write(&h->inst->w2c_memory, out, slot, SLOT) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

/* Answer a bridge call: the envelope as a str slot, in memory from the
 * guest's malloc (the guest copies it and frees it). When the guest has no
 * memory for it, or the host none for the envelope, the answer is None and
 * the guest's wrapper raises MemoryError. */
static void bridge_answer(mpb_host *h, uint32_t out, char *env, size_t len)
{
    uint32_t p = 0;
    if (env && len < UINT32_MAX / 2)
        MPB_GUEST_CALL(h, p = Z_micropythonZ_malloc(h->inst, (uint32_t)(len ? len : 1)));
    if (p && mpb_g_write(&h->inst->w2c_memory, p, env, len) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB); /* malloc returned nonsense */
    free(env);
    if (p)
        put_slot3(h, out, JS_KIND_STR, (uint32_t)len, p);
    else
        put_slot(h, out, JS_KIND_NULL);
}

static char *bridge_refuse(size_t *len)
{
    static const char msg[] =
        "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}";
    char *e = malloc(sizeof msg);
    if (e)
        memcpy(e, msg, sizeof msg);
    *len = sizeof msg - 1;
    return e;
}

/* A str argument: {5, len, ptr}; copies at most `cap` bytes (NULL with
 * *len set when longer). Returns 0, or -1 when the slot is not a str. */
static int read_str_slot(mpb_host *h, uint32_t slot, uint64_t cap, char **data, size_t *len)
{
    uint32_t v[3];
    *data = NULL;
    *len = 0;
    if (mpb_g_read(&h->inst->w2c_memory, slot, v, sizeof v) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    if (v[0] != MP_KIND_STR)
        return -1;
    *len = v[1];
    if (v[1] > cap)
        return 0;
    if (!mpb_g_ok(&h->inst->w2c_memory, v[2], v[1]))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    char *copy = malloc((size_t)v[1] + 1);
    if (!copy)
        return 0; /* treated as too long: never reached with sane caps */
    mpb_g_read(&h->inst->w2c_memory, v[2], copy, v[1]);
    copy[v[1]] = '\0';
    *data = copy;
    return 0;
}

/* A call of the bridge (internal = 0) or of the internal channel. */
static void bridge_call(mpb_host *h, int internal, uint32_t a0, uint32_t a1, uint32_t out)
{
    char *name, *payload, *env = NULL;
    size_t name_len, len, env_len = 0;
    uint64_t cap = !internal ? h->host_arg_cap : h->retval_cap > MPB_INTERNAL_ARG_MAX ? h->retval_cap
                                                                                     : MPB_INTERNAL_ARG_MAX;
    int bad = read_str_slot(h, a0, NAME_MAX_LEN, &name, &name_len);
    bad |= read_str_slot(h, a1, cap, &payload, &len);
    drop_slot(h, a0);
    drop_slot(h, a1);
    h->bridge_work = 0;
    char *(*to)(mpb_host *, const char *, size_t, const char *, size_t, size_t *) = internal ? h->internal
                                                                                             : h->bridge;
    if (bad || !name || !to)
        env = bridge_refuse(&env_len);
    else
        env = to(h, name, name_len, payload, len, &env_len);
    uint64_t work = h->bridge_work;
    free(name);
    free(payload);
    bridge_answer(h, out, env, env_len);
    /* charged now that nothing is held: the import returns through
     * MPB_IMPORT_LEAVE, which stops the run if the budget is spent */
    mpb_host_spend(h, work);
}

#define HOOK_BEGIN(env)                                                        \
    mpb_host *h = (mpb_host *)(env);                                           \
    MPB_IMPORT_ENTER(h)
#define HOOK_END MPB_IMPORT_LEAVE(h)

uint32_t Z_envZ_lookup_attr(struct Z_env_instance_t *env, uint32_t ref, uint32_t name, uint32_t out)
{
    HOOK_BEGIN(env);
    uint32_t found = 0; /* AttributeError */
    char buf[sizeof INTERNAL_NAME];
    if (ref == 0 && mpb_g_cstr(&h->inst->w2c_memory, name, buf, sizeof buf) >= 0) {
        if (strcmp(buf, BRIDGE_NAME) == 0 || strcmp(buf, INTERNAL_NAME) == 0) {
            put_slot3(h, out, JS_KIND_NEW_PROXY, strcmp(buf, BRIDGE_NAME) == 0 ? BRIDGE_REF : INTERNAL_REF, 0);
            found = 1;
        }
    }
    HOOK_END;
    return found;
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

/* The answer of a call of anything but the bridge with two str
 * arguments: undefined, or for the bridge an error envelope. */
static void call_other(mpb_host *h, uint32_t ref, uint32_t out)
{
    if (ref == BRIDGE_REF || ref == INTERNAL_REF) {
        size_t len;
        char *env = bridge_refuse(&len);
        bridge_answer(h, out, env, len);
    } else {
        put_slot(h, out, JS_KIND_UNDEFINED);
    }
}

void Z_envZ_call0(struct Z_env_instance_t *env, uint32_t ref, uint32_t out)
{
    HOOK_BEGIN(env);
    call_other(h, ref, out);
    HOOK_END;
}

uint32_t Z_envZ_call1(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t a0, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)via;
    drop_slot(h, a0);
    call_other(h, ref, out);
    HOOK_END;
    return 0;
}

uint32_t Z_envZ_call2(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t a0, uint32_t a1,
                      uint32_t out)
{
    HOOK_BEGIN(env);
    if ((ref == BRIDGE_REF || ref == INTERNAL_REF) && via == 0) {
        bridge_call(h, ref == INTERNAL_REF, a0, a1, out);
    } else {
        drop_slot(h, a0);
        drop_slot(h, a1);
        call_other(h, ref, out);
    }
    HOOK_END;
    return 0;
}

uint32_t Z_envZ_calln(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t n, uint32_t args,
                      uint32_t out)
{
    HOOK_BEGIN(env);
    (void)via;
    drop_slots(h, n, args);
    call_other(h, ref, out);
    HOOK_END;
    return 0;
}

void Z_envZ_call0_kwarg(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t nkw, uint32_t keys,
                        uint32_t vals, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)via, (void)keys;
    drop_slots(h, nkw, vals);
    call_other(h, ref, out);
    HOOK_END;
}

void Z_envZ_calln_kwarg(struct Z_env_instance_t *env, uint32_t ref, uint32_t via, uint32_t n, uint32_t args,
                        uint32_t nkw, uint32_t keys, uint32_t vals, uint32_t out)
{
    HOOK_BEGIN(env);
    (void)via, (void)keys;
    drop_slots(h, n, args);
    drop_slots(h, nkw, vals);
    call_other(h, ref, out);
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
