/*
 * compat.c — the imports behind guest/compat's four doors: attributes the
 * built-in types lack, keyword arguments to built-ins that take positional
 * arguments only, dict(mapping), and operators no method answers.
 *
 * What each door does is decided by a table that lib/python/_mpbox_types.py
 * writes into guest memory while the start-up image is built and hands
 * over once (the internal message "compat_table", core/internal.c): the
 * exported globals mpbox_compat_table and mpbox_compat_count. Each record is four
 * words, { key, name, kind, value }:
 *
 *   MPB_COMPAT_METHOD       key a type, name a qstr: obj.name of an object
 *                           of that type is value bound to obj; key.name is
 *                           value itself (the function, unbound)
 *   MPB_COMPAT_CLASSMETHOD  obj.name and key.name are value bound to key
 *   MPB_COMPAT_GETTER       obj.name is value(obj)
 *   MPB_COMPAT_FIELD        obj.name is the object in word `value` of obj
 *                           (None when that word is 0)
 *   MPB_COMPAT_KEYWORDS     a call with keywords of the built-in `key` (with
 *                           the keyword `name`, if not 0) calls the Python
 *                           function `value` instead
 *   MPB_COMPAT_MAPPING      key the make_new slot of classes defined in
 *                           Python: dict(x) and d.update(x) with x of such a
 *                           class read value(x) instead (its items when x
 *                           has keys(), else x)
 *
 * The table lives in guest memory, so it is as hostile as any guest byte:
 * every read is checked; a bad table only makes the doors do nothing (or
 * hand the guest objects it could have made itself). Like host/sort.c,
 * these imports behave as guest code: a Python function they call may
 * raise, and the exception unwinds through them to the guest.
 */
#include "gmem.h"
#include "host.h"

enum {
    MPB_COMPAT_METHOD = 1,
    MPB_COMPAT_CLASSMETHOD = 2,
    MPB_COMPAT_GETTER = 3,
    MPB_COMPAT_FIELD = 4,
    MPB_COMPAT_KEYWORDS = 5,
    MPB_COMPAT_MAPPING = 6,
};

#define RECORDS_MAX 4096u
#define NONE_OBJ 6u  /* mp_const_none: MP_OBJ_NEW_IMMEDIATE_OBJ(0) */
#define FIELDS_MAX 8u /* words of an object a FIELD record may name */

typedef struct record {
    uint32_t key, name, kind, value;
} record;

/* Record i of the table, or 0 when the table is unset or out of memory. */
static int get(mpb_host *h, uint32_t i, record *r)
{
    uint32_t table = h->inst->w2c_mpbox_compat_table;
    uint32_t n = h->inst->w2c_mpbox_compat_count;
    if (!table || i >= n || n > RECORDS_MAX)
        return 0;
    return mpb_g_read(&h->inst->w2c_memory, table + 16 * i, r, sizeof *r) == 0;
}

static uint32_t count(mpb_host *h)
{
    uint32_t n = h->inst->w2c_mpbox_compat_count;
    return n > RECORDS_MAX ? 0 : n;
}

/* The type of a heap object, or 0 for immediates and bad pointers. */
static uint32_t type_of(mpb_host *h, uint32_t obj)
{
    uint32_t t;
    if (!obj || (obj & 3) || mpb_g_u32(&h->inst->w2c_memory, obj, &t))
        return 0;
    return t;
}

static void put2(mpb_host *h, uint32_t dest, uint32_t a, uint32_t b)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (mpb_g_put_u32(m, dest, a) || mpb_g_put_u32(m, dest + 4, b))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

static uint32_t call1(mpb_host *h, uint32_t fn, uint32_t arg)
{
    mpb_rt_check(h->call);
    return Z_micropythonZ_mpbox_call_function_1(h->inst, fn, arg);
}

void Z_envZ_mpbox_attr_more(struct Z_env_instance_t *env, uint32_t obj, uint32_t attr, uint32_t dest,
                            uint32_t type)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h);
    record r;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++) {
        if (r.name != attr || (r.key != type && r.key != obj))
            continue;
        switch (r.kind) {
        case MPB_COMPAT_METHOD:
            put2(h, dest, r.value, r.key == type ? obj : 0);
            return;
        case MPB_COMPAT_CLASSMETHOD:
            put2(h, dest, r.value, r.key);
            return;
        case MPB_COMPAT_GETTER:
            if (r.key != type)
                continue;
            put2(h, dest, call1(h, r.value, obj), 0);
            return;
        case MPB_COMPAT_FIELD: {
            uint32_t w;
            if (r.key != type || r.value == 0 || r.value >= FIELDS_MAX || !type_of(h, obj))
                continue;
            if (mpb_g_u32(&h->inst->w2c_memory, obj + 4 * r.value, &w))
                return;
            put2(h, dest, w ? w : NONE_OBJ, 0);
            return;
        }
        default:
            continue;
        }
    }
}

/* Whether the keywords of a call (n_kw (name, value) pairs after n_args
 * arguments at args) include the interned name `name`. */
static int has_keyword(mpb_host *h, uint32_t n_args, uint32_t n_kw, uint32_t args, uint32_t name)
{
    uint32_t key;
    for (uint32_t i = 0; i < n_kw && i < 256; i++)
        if (mpb_g_u32(&h->inst->w2c_memory, args + 4 * (n_args + 2 * i), &key) == 0 && key == (name << 3 | 2))
            return 1;
    return 0;
}

uint32_t Z_envZ_mpbox_kw_fun(struct Z_env_instance_t *env, uint32_t fun, uint32_t n_args, uint32_t n_kw, uint32_t args)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h);
    record r;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++)
        if (r.kind == MPB_COMPAT_KEYWORDS && r.key == fun &&
            (!r.name || (n_args < 256 && has_keyword(h, n_args, n_kw, args, r.name))))
            return r.value;
    return fun;
}

uint32_t Z_envZ_mpbox_dict_arg(struct Z_env_instance_t *env, uint32_t arg)
{
    mpb_host *h = (mpb_host *)env;
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t type = type_of(h, arg), n = count(h), make_new;
    uint8_t slot;
    record r;
    /* mp_obj_type_t: the make_new slot's index is byte 8, slot i at 16 + 4i */
    if (!type || mpb_g_read(m, type + 8, &slot, 1) || !slot || mpb_g_u32(m, type + 16 + 4u * slot, &make_new))
        return arg;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++)
        if (r.kind == MPB_COMPAT_MAPPING && r.key == make_new)
            return call1(h, r.value, arg);
    return arg;
}
