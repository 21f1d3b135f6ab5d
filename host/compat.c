/*
 * compat.c — the imports behind guest/compat's doors: attributes the
 * built-in types lack, keyword arguments to built-ins that take positional
 * arguments only, type(name, bases, namespace), dict(mapping), and the
 * right operand of tuple + and str % when it is a tuple subclass.
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
 *   MPB_COMPAT_GETTER       obj.name is value(obj), unless that is value
 *                           itself: then the door answers nothing (a
 *                           closure asks its function first, py/objclosure.c)
 *   MPB_COMPAT_FIELD        obj.name is the object in word `value` of obj
 *                           (None when that word is 0)
 *   MPB_COMPAT_KEYWORDS     a call with keywords of the built-in `key` (with
 *                           the keyword `name`, if not 0) calls the Python
 *                           function `value` instead
 *   MPB_COMPAT_MAPPING      key the make_new slot of classes defined in
 *                           Python: dict(x) and d.update(x) with x of such a
 *                           class read value(x) instead (its items when x
 *                           has keys(), else x)
 *   MPB_COMPAT_TYPE3        key the type `type`, name the qstr __module__:
 *                           type(name, bases, ns) calls the Python function
 *                           `value` instead, unless ns is a plain dict that
 *                           holds __module__ (what `value` itself passes)
 *   MPB_COMPAT_OPERAND_ADD  key the make_new slot of classes defined in
 *                           Python, name the type tuple: in lhs + x and
 *                           lhs += x, with lhs a tuple (its type has
 *                           tuple's binary_op slot) and x an instance of
 *                           such a class, x becomes value(x)
 *   MPB_COMPAT_OPERAND_MOD  likewise, name the type str, for lhs % x with
 *                           lhs a str or bytes
 *   MPB_COMPAT_OPERAND_POW  key the type complex: z ** n is value(z)(n)
 *                           (CPython's exact repeated multiplication for
 *                           integral n up to 100, else its polar formula),
 *                           also for a negative float z and a fractional
 *                           float or complex n; answered to the guest as
 *                           the result (mpbox_operand_answered) unless
 *                           value(z)(n) answers itself
 *                           The OPERAND kinds lead the table, so that `a + b`
 *                           of other types looks at three records; the
 *                           others follow sorted by name, for attr_more's
 *                           binary search.
 *   MPB_COMPAT_MAKE_NEW     key a built-in type without make_new (slice):
 *                           calling it calls the Python function `value`
 *   MPB_COMPAT_FLOAT_ARG    key the type float: where MicroPython needs a
 *                           float (mp_obj_get_float: math.sqrt(x), float(x),
 *                           '%f' % x) and x, an object of a class defined in
 *                           Python, is not one, value(x) answers a float,
 *                           or x itself for an instance of a subclass of
 *                           float (whose built-in value is then read here),
 *                           or None (the guest then raises as before)
 *
 * The table lives in guest memory, so it is as hostile as any guest byte:
 * every read is checked; a bad table only makes the doors do nothing (or
 * hand the guest objects it could have made itself). Like host/sort.c,
 * these imports behave as guest code: a Python function they call may
 * raise, and the exception unwinds through them to the guest.
 */
#include <math.h>

#include "gmem.h"
#include "host.h"

enum {
    MPB_COMPAT_METHOD = 1,
    MPB_COMPAT_CLASSMETHOD = 2,
    MPB_COMPAT_GETTER = 3,
    MPB_COMPAT_FIELD = 4,
    MPB_COMPAT_KEYWORDS = 5,
    MPB_COMPAT_MAPPING = 6,
    MPB_COMPAT_TYPE3 = 7,
    MPB_COMPAT_OPERAND_ADD = 8,
    MPB_COMPAT_OPERAND_MOD = 9,
    MPB_COMPAT_OPERAND_POW = 10,
    MPB_COMPAT_MAKE_NEW = 11,
    MPB_COMPAT_FLOAT_ARG = 12,
};

/* mp_binary_op_t (py/runtime0.h, MicroPython 1.27) */
enum { OP_INPLACE_POWER = 21, OP_MODULO = 33, OP_POWER = 34 };
/* mp_obj_type_t: the byte holding a slot's index (slot i is the word at
 * 16 + 4i) */
enum { SLOT_MAKE_NEW = 8, SLOT_BINARY_OP = 12 };
#define NS_KEYS_MAX 4096u /* entries of a namespace searched for __module__ */

#define RECORDS_MAX 4096u
#define NONE_OBJ 6u  /* mp_const_none: MP_OBJ_NEW_IMMEDIATE_OBJ(0) */
#define FIELDS_MAX 8u /* words of an object a FIELD record may name */
/* mp_obj_type_t.flags (the u16 at byte 4): classes defined in Python */
#define TYPE_FLAG_INSTANCE 0x0200u
/* mp_obj_instance_t: base, members (a map, 3 words), subobj[0] = the
 * built-in value of an instance of a subclass of a built-in type */
#define INSTANCE_SUBOBJ 16u

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

/* The value of a type's slot, or 0 when the type has none or is unreadable. */
static uint32_t slot_of(mpb_host *h, uint32_t type, uint32_t at)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint8_t i;
    uint32_t v;
    if (!type || mpb_g_read(m, type + at, &i, 1) || !i || mpb_g_u32(m, type + 16 + 4u * i, &v))
        return 0;
    return v;
}

static void put2(mpb_host *h, uint32_t dest, uint32_t a, uint32_t b)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (mpb_g_put_u32(m, dest, a) || mpb_g_put_u32(m, dest + 4, b))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

static int is_operand(uint32_t kind)
{
    return kind == MPB_COMPAT_OPERAND_ADD || kind == MPB_COMPAT_OPERAND_MOD || kind == MPB_COMPAT_OPERAND_POW;
}

static uint32_t call1(mpb_host *h, uint32_t fn, uint32_t arg)
{
    mpb_rt_check(h->call);
    return Z_micropythonZ_mpbox_call_function_1(h->inst, fn, arg);
}

/* The first record named `name` after the OPERAND records, which the
 * table keeps sorted by name (lib/python/_mpbox_types.py): every attribute
 * the guest misses asks, so this is a binary search, not a scan. A table
 * out of order only makes the door miss. */
static uint32_t first_named(mpb_host *h, uint32_t name, uint32_t n)
{
    const uint8_t *t = mpb_g_span(&h->inst->w2c_memory, h->inst->w2c_mpbox_compat_table, 16ull * n);
    uint32_t lo = 0, hi = n;
    if (!t)
        return n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, kind, at;
        memcpy(&at, t + 16 * mid + 4, 4);
        memcpy(&kind, t + 16 * mid + 8, 4);
        if (is_operand(kind) || at < name)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void Z_envZ_mpbox_attr_more(struct Z_env_instance_t *env, uint32_t obj, uint32_t attr, uint32_t dest,
                            uint32_t type)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h);
    record r;
    for (uint32_t i = first_named(h, attr, n); i < n && get(h, i, &r) && r.name == attr; i++) {
        if (r.key != type && r.key != obj)
            continue;
        switch (r.kind) {
        case MPB_COMPAT_METHOD:
            put2(h, dest, r.value, r.key == type ? obj : 0);
            return;
        case MPB_COMPAT_CLASSMETHOD:
            put2(h, dest, r.value, r.key);
            return;
        case MPB_COMPAT_GETTER: {
            if (r.key != type)
                continue;
            uint32_t v = call1(h, r.value, obj);
            if (v != r.value)
                put2(h, dest, v, 0);
            return;
        }
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

/* Whether the dict `ns` (a plain dict) has the qstr key `name`: its map's
 * entries, {key, value} from the word at ns + 12, are searched in order. */
static int dict_has(mpb_host *h, uint32_t ns, uint32_t name)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t alloc, table, key;
    if (mpb_g_u32(m, ns + 8, &alloc) || mpb_g_u32(m, ns + 12, &table))
        return 0;
    for (uint32_t i = 0; i < alloc && i < NS_KEYS_MAX; i++) {
        if (mpb_g_u32(m, table + 8 * i, &key))
            return 0;
        if (key == (name << 3 | 2))
            return 1;
    }
    return 0;
}

/* type(name, bases, ns): the Python function of the TYPE3 record, unless ns
 * is a plain dict with __module__ (then the built-in makes the class). */
static uint32_t type3_fun(mpb_host *h, uint32_t fun, uint32_t args)
{
    uint32_t n = count(h), ns;
    record r;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++) {
        if (r.kind != MPB_COMPAT_TYPE3 || r.key != fun)
            continue;
        if (mpb_g_u32(&h->inst->w2c_memory, args + 8, &ns))
            return fun;
        uint32_t dict = h->inst->w2c_mpbox_compat_dict;
        if (dict && type_of(h, ns) == dict && dict_has(h, ns, r.name))
            return fun;
        return r.value;
    }
    return fun;
}

uint32_t Z_envZ_mpbox_kw_fun(struct Z_env_instance_t *env, uint32_t fun, uint32_t n_args, uint32_t n_kw, uint32_t args)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h);
    record r;
    if (n_kw == 0) /* the door asks without keywords for type(a, b, c) only */
        return n_args == 3 ? type3_fun(h, fun, args) : fun;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++)
        if (r.kind == MPB_COMPAT_KEYWORDS && r.key == fun &&
            (!r.name || (n_args < 256 && has_keyword(h, n_args, n_kw, args, r.name))))
            return r.value;
    return fun;
}

uint32_t Z_envZ_mpbox_dict_arg(struct Z_env_instance_t *env, uint32_t arg)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t make_new = slot_of(h, type_of(h, arg), SLOT_MAKE_NEW), n = count(h);
    record r;
    if (!make_new)
        return arg;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++)
        if (r.kind == MPB_COMPAT_MAPPING && r.key == make_new)
            return call1(h, r.value, arg);
    return arg;
}

/* Whether lhs is of the built-in `type` or shares its binary_op slot (str
 * and bytes, tuple and namedtuples); a qstr is a str. */
static int left_matches(mpb_host *h, uint32_t lhs, uint32_t type, int is_str)
{
    if (is_str && (lhs & 7) == 2)
        return 1;
    uint32_t op = slot_of(h, type_of(h, lhs), SLOT_BINARY_OP);
    return op && op == slot_of(h, type, SLOT_BINARY_OP);
}

/* A float object's value (mp_obj_float_t: type, then the double at 8). */
static int float_value(mpb_host *h, uint32_t obj, double *v)
{
    return mpb_g_read(&h->inst->w2c_memory, obj + 8, v, sizeof *v) == 0;
}

/* z ** n for a complex z, or a negative float or small int z with a
 * fractional float or a complex n: value(z)(n), CPython's power, or rhs
 * (the guest's own power) for anything else, and when value(z)(n) answers
 * itself. */
static uint32_t complex_power(mpb_host *h, const record *r, uint32_t lhs, uint32_t rhs)
{
    uint32_t float_type = h->inst->w2c_mpbox_compat_float;
    uint32_t t = lhs & 1 ? 0 : type_of(h, lhs);
    if (t != r->key) {
        double x, y;
        if (lhs & 1)
            x = (double)((int32_t)lhs >> 1); /* a small int */
        else if (!float_type || t != float_type || !float_value(h, lhs, &x))
            return rhs;
        if (!(x < 0))
            return rhs;
        uint32_t rt = (rhs & 3) || !rhs ? 0 : type_of(h, rhs);
        if (rt == float_type) {
            if (!float_value(h, rhs, &y) || !isfinite(y) || y == floor(y))
                return rhs; /* a real power */
        } else if (rt != r->key) {
            return rhs;
        }
    }
    uint32_t power = call1(h, r->value, lhs);
    uint32_t result = call1(h, power, rhs);
    if (result == power)
        return rhs;
    h->inst->w2c_mpbox_operand_answered = 1;
    return result;
}

uint32_t Z_envZ_mpbox_operand(struct Z_env_instance_t *env, uint32_t op, uint32_t lhs, uint32_t rhs)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h), want = MPB_COMPAT_OPERAND_ADD, make_new = 0;
    if (op == OP_MODULO)
        want = MPB_COMPAT_OPERAND_MOD;
    else if (op == OP_POWER || op == OP_INPLACE_POWER)
        want = MPB_COMPAT_OPERAND_POW;
    record r;
    for (uint32_t i = 0; i < n && get(h, i, &r) && is_operand(r.kind); i++) {
        if (r.kind != want)
            continue;
        if (want == MPB_COMPAT_OPERAND_POW)
            return complex_power(h, &r, lhs, rhs);
        if (!make_new)
            make_new = slot_of(h, type_of(h, rhs), SLOT_MAKE_NEW);
        if (make_new != r.key || !left_matches(h, lhs, r.name, want == MPB_COMPAT_OPERAND_MOD))
            return rhs;
        return call1(h, r.value, rhs);
    }
    return rhs;
}

uint32_t Z_envZ_mpbox_make_new(struct Z_env_instance_t *env, uint32_t type)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t n = count(h);
    record r;
    for (uint32_t i = 0; i < n && get(h, i, &r); i++)
        if (r.kind == MPB_COMPAT_MAKE_NEW && r.key == type)
            return r.value;
    return 0;
}

uint32_t Z_envZ_mpbox_float_arg(struct Z_env_instance_t *env, uint32_t arg)
{
    mpb_host *h = (mpb_host *)env;
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t n = count(h), type = type_of(h, arg), flags = 0;
    record r;
    if (!type || mpb_g_u32(m, type + 4, &flags) || !(flags & TYPE_FLAG_INSTANCE))
        return 0; /* a built-in value: MicroPython's answer stands */
    for (uint32_t i = 0; i < n && get(h, i, &r); i++) {
        if (r.kind != MPB_COMPAT_FLOAT_ARG)
            continue;
        uint32_t x = call1(h, r.value, arg), sub;
        if (x == arg && mpb_g_u32(m, arg + INSTANCE_SUBOBJ, &sub) == 0)
            x = sub;
        return type_of(h, x) == r.key ? x : 0;
    }
    return 0;
}
