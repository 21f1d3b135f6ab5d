/* map — give the guest's dicts CPython's insertion order (docs/architecture.md,
 * "Dicts").
 *
 *   map IN.wasm OUT.wasm
 *
 * MicroPython keeps a dict (mp_map_t: a word of flags and `used`, `alloc`,
 * `table`) as an open-addressing hash table, so iteration follows hash
 * order. This tool redirects the functions that decide where entries go to
 * host imports (host/map.c), which keep `table` a dense array of entries in
 * insertion order followed, in the same allocation, by a hash index. Every
 * other guest function that walks table[0..alloc) (iteration, printing,
 * copy, equality) then sees insertion order without being changed.
 *
 * Found structurally (the binary has no names) and verified; anything
 * unexpected fails the build:
 *   mp_map_lookup   (i32 i32 i32) -> i32; reads MicroPython's map lookup
 *                   cache (a byte array indexed by (index >> 2) & 127), and
 *                   copies and fills memory (the ordered-array path).
 *   qstr_hash, mp_unary_op (with MP_UNARY_OP_HASH), mp_obj_equal,
 *   mp_map_rehash   the calls mp_map_lookup makes, told apart by their
 *                   operands (qstr_hash only checks the shape: the host
 *                   reads qstr hashes from the pools, host/qstr.c).
 *   m_malloc0, m_free   the allocation calls in mp_map_rehash.
 *   mp_map_init     (i32 i32) -> (); calls m_malloc0(n << 3), stores 1
 *                   (all keys qstrs, nothing used) into the flags word.
 *   dict_popitem    (i32) -> i32; the one function that uses the address of
 *                   the text "popitem(): dictionary is empty"; its call
 *                   with the constant 2 is mp_obj_new_tuple.
 *
 * Rewrites:
 *   mp_map_lookup   first tries a lookup cache of its own, larger than
 *                   MicroPython's (the hot path of global and attribute
 *                   lookups stays in the guest); then ordered maps (flag
 *                   bit 2: OrderedDict, module and type tables in ROM,
 *                   keyword arguments) keep the original linear search,
 *                   moved to "mpbox$map_lookup_original"; hash maps call
 *                   env.mpbox_map_lookup; the position found goes into the
 *                   cache.
 *   mp_map_init     calls env.mpbox_map_init.
 *   dict_popitem    asks env.mpbox_popitem_pick for the entry to pop (the
 *                   last one, as CPython does), builds the (key, value)
 *                   tuple straight from it and calls env.mpbox_popitem_done;
 *                   when the pick is 0 (ordered or fixed map, empty dict)
 *                   the original runs, which raises or pops as before.
 * Exports for the host: the functions above as mpbox_unary_op,
 * mpbox_obj_equal, mpbox_malloc0, mpbox_free, and immutable globals
 * mpbox_type_str (address of mp_type_str), mpbox_unary_hash (the operator
 * number of MP_UNARY_OP_HASH), mpbox_obj_sentinel (MP_OBJ_SENTINEL).
 *
 * Runs before guest/fuel, so the new code is metered like the rest. The
 * result is validated.
 */
#include "match.h"

/* ---- finding the functions ------------------------------------------ */

static BinaryenFunctionRef f_lookup, f_qstr_hash, f_unary_op, f_equal, f_rehash, f_malloc0, f_free, f_init,
    f_popitem, f_new_tuple, f_load_global;
static int32_t cache_addr, cache_mask, type_str, unary_hash, sentinel;
/* mp_load_global's addresses: of MP_STATE_THREAD(dict_globals), of
 * MP_STATE_VM(mp_module_builtins_override_dict) (both pointers to a dict,
 * whose map is at +4) and of the builtins module's map. */
static int32_t globals_ptr, override_ptr, builtins_map;

/* The load of MicroPython's map lookup cache:
 * (i32.load8_u offset=O (i32.add (i32.const B) (i32.and (i32.shr_u (local.get 1) (i32.const 2)) (i32.const M)))) */
static int cache_load(BinaryenExpressionRef e, int32_t *addr, int32_t *mask)
{
    if (!is_id(e, ID_LOAD) || BinaryenLoadGetBytes(e) != 1 || BinaryenLoadIsSigned(e)) return 0;
    BinaryenExpressionRef p = BinaryenLoadGetPtr(e);
    if (!is_binary(p, BinaryenAddInt32())) return 0;
    int32_t base;
    BinaryenExpressionRef l = BinaryenBinaryGetLeft(p), r = BinaryenBinaryGetRight(p);
    if (!is_const(l, &base)) return 0;
    if (!is_binary(r, BinaryenAndInt32()) || !is_const(BinaryenBinaryGetRight(r), mask)) return 0;
    BinaryenExpressionRef sh = BinaryenBinaryGetLeft(r);
    if (!is_binary(sh, BinaryenShrUInt32()) || !is_local(BinaryenBinaryGetLeft(sh), 1) ||
        !is_const_eq(BinaryenBinaryGetRight(sh), 2))
        return 0;
    *addr = base + (int32_t)BinaryenLoadGetOffset(e);
    return 1;
}

static void find_lookup(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 1)) continue;
        collect(f);
        int cache = 0, copy = 0, fill = 0, rem = 0;
        int32_t addr = 0, mask = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (cache_load(e, &addr, &mask)) cache = 1;
            else if (is_id(e, ID_MEMORY_COPY)) copy = 1;
            else if (is_id(e, ID_MEMORY_FILL)) fill = 1;
            else if (is_binary(e, BinaryenRemUInt32())) rem = 1;
        }
        if (cache && copy && fill && rem) {
            if (f_lookup) mismatch("%s", "two candidates for mp_map_lookup");
            f_lookup = f;
            cache_addr = addr;
            cache_mask = mask;
        }
    }
    if (!f_lookup) mismatch("%s", "mp_map_lookup not found");
    if (cache_mask != 127) mismatch("%s", "mp_map_lookup's cache is not 128 bytes");

    collect(f_lookup);
    int have_type = 0, have_sentinel = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL)) {
            BinaryenFunctionRef t = callee(e);
            BinaryenIndex n = BinaryenCallGetNumOperands(e);
            BinaryenExpressionRef a0 = n > 0 ? BinaryenCallGetOperandAt(e, 0) : NULL;
            BinaryenExpressionRef a1 = n > 1 ? BinaryenCallGetOperandAt(e, 1) : NULL;
            if (n == 1 && has_sig(t, 1, 1) && is_binary(a0, BinaryenShrUInt32()) &&
                is_local(BinaryenBinaryGetLeft(a0), 1) && is_const_eq(BinaryenBinaryGetRight(a0), 3)) {
                found(&f_qstr_hash, t, "qstr_hash");
            } else if (n == 2 && has_sig(t, 2, 1) && is_local(a1, 1) && is_const(a0, &unary_hash)) {
                found(&f_unary_op, t, "mp_unary_op");
            } else if (n == 2 && has_sig(t, 2, 1) && is_local(a1, 1) && is_id(a0, ID_LOCAL_GET)) {
                found(&f_equal, t, "mp_obj_equal");
            } else if (n == 1 && has_sig(t, 1, 0) && is_local(a0, 0)) {
                found(&f_rehash, t, "mp_map_rehash");
            }
        } else if ((is_binary(e, BinaryenNeInt32()) || is_binary(e, BinaryenEqInt32())) &&
                   is_id(BinaryenBinaryGetLeft(e), ID_LOAD) &&
                   is_local(BinaryenLoadGetPtr(BinaryenBinaryGetLeft(e)), 1) &&
                   BinaryenLoadGetOffset(BinaryenBinaryGetLeft(e)) == 0 && is_const(BinaryenBinaryGetRight(e), NULL)) {
            int32_t t;
            is_const(BinaryenBinaryGetRight(e), &t);
            if (have_type && t != type_str) mismatch("%s", "two type comparisons in mp_map_lookup");
            type_str = t;
            have_type = 1;
        } else if (is_id(e, ID_SELECT) && is_const(BinaryenSelectGetIfTrue(e), &sentinel) &&
                   is_const_eq(BinaryenSelectGetIfFalse(e), 0)) {
            have_sentinel = 1;
        }
    }
    if (!f_qstr_hash || !f_unary_op || !f_equal || !f_rehash)
        mismatch("%s", "mp_map_lookup does not call qstr_hash, mp_unary_op, mp_obj_equal and mp_map_rehash");
    if (!have_type) mismatch("%s", "mp_map_lookup does not compare with mp_type_str");
    if (!have_sentinel || sentinel != 4) mismatch("%s", "mp_map_lookup does not store MP_OBJ_SENTINEL (4)");
    if (unary_hash != 6) mismatch("%s", "mp_map_lookup's hash operator is not MP_UNARY_OP_HASH (6)");

    collect(f_rehash);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL)) continue;
        BinaryenFunctionRef t = callee(e);
        BinaryenIndex n = BinaryenCallGetNumOperands(e);
        BinaryenExpressionRef a0 = n ? BinaryenCallGetOperandAt(e, 0) : NULL;
        if (t == f_lookup) continue;
        if (n == 1 && has_sig(t, 1, 1) && is_binary(a0, BinaryenShlInt32()) && is_const_eq(BinaryenBinaryGetRight(a0), 3))
            found(&f_malloc0, t, "m_malloc0");
        else if (n == 1 && has_sig(t, 1, 0))
            found(&f_free, t, "m_free");
    }
    if (!f_malloc0 || !f_free) mismatch("%s", "mp_map_rehash does not call m_malloc0 and m_free");
}

/* A 4-byte load from a constant address: (i32.load offset=O (i32.const A)); its address A + O. */
static int const_load(BinaryenExpressionRef e, int32_t *addr)
{
    int32_t a;
    if (!is_id(e, ID_LOAD) || BinaryenLoadGetBytes(e) != 4 || !is_const(BinaryenLoadGetPtr(e), &a)) return 0;
    *addr = a + (int32_t)BinaryenLoadGetOffset(e);
    return 1;
}

/* (i32.add X (i32.const 4)): the map inside the dict X; X returned. */
static BinaryenExpressionRef dict_map(BinaryenExpressionRef e)
{
    if (!is_binary(e, BinaryenAddInt32()) || !is_const_eq(BinaryenBinaryGetRight(e), 4)) return NULL;
    return BinaryenBinaryGetLeft(e);
}

/* mp_load_global(qst): (i32) -> i32 with exactly three calls of
 * mp_map_lookup, all LOOKUP of the key (qst << 3) | 2 (kept in a local by
 * the first), in
 *   1. (the dict at a constant address) + 4       mp_globals_get()->map
 *   2. (a local loaded from a constant address) + 4, that local tested first:
 *                                                  the builtins override dict
 *   3. a constant + 4                              mp_module_builtins_globals.map
 * then raises NameError. */
static void find_load_global(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 1, 1)) continue;
        collect(f);
        BinaryenExpressionRef calls[3];
        int n = 0, ok = 1;
        for (size_t k = 0; k < nnodes && ok; k++)
            if (is_id(nodes[k], ID_CALL) && callee(nodes[k]) == f_lookup) {
                if (n == 3) ok = 0;
                else calls[n++] = nodes[k];
            }
        if (!ok || n != 3) continue;
        for (int c = 0; c < 3; c++)
            ok &= is_const_eq(BinaryenCallGetOperandAt(calls[c], 2), 0);
        /* the key: (local.tee $k (i32.or (i32.shl (local.get 0) (i32.const 3)) (i32.const 2))), then $k */
        BinaryenExpressionRef key = BinaryenCallGetOperandAt(calls[0], 1);
        if (!ok || !is_id(key, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(key)) continue;
        BinaryenIndex k_local = BinaryenLocalSetGetIndex(key);
        BinaryenExpressionRef v = BinaryenLocalSetGetValue(key);
        if (!is_binary(v, BinaryenOrInt32()) || !is_const_eq(BinaryenBinaryGetRight(v), 2)) continue;
        v = BinaryenBinaryGetLeft(v);
        if (!is_binary(v, BinaryenShlInt32()) || !is_local(BinaryenBinaryGetLeft(v), 0) ||
            !is_const_eq(BinaryenBinaryGetRight(v), 3))
            continue;
        if (!is_local(BinaryenCallGetOperandAt(calls[1], 1), k_local) ||
            !is_local(BinaryenCallGetOperandAt(calls[2], 1), k_local))
            continue;
        int32_t g, o = 0, b;
        BinaryenExpressionRef m0 = dict_map(BinaryenCallGetOperandAt(calls[0], 0));
        BinaryenExpressionRef m1 = dict_map(BinaryenCallGetOperandAt(calls[1], 0));
        BinaryenExpressionRef m2 = dict_map(BinaryenCallGetOperandAt(calls[2], 0));
        if (!m0 || !const_load(m0, &g) || !m1 || !is_id(m1, ID_LOCAL_GET) || !m2 || !is_const(m2, &b)) continue;
        /* the override dict's local is set once from a constant address */
        int sets = 0;
        for (size_t k = 0; k < nnodes; k++)
            if (is_id(nodes[k], ID_LOCAL_SET) && BinaryenLocalSetGetIndex(nodes[k]) == BinaryenLocalGetGetIndex(m1) &&
                const_load(BinaryenLocalSetGetValue(nodes[k]), &o))
                sets++;
        if (sets != 1) continue;
        found(&f_load_global, f, "mp_load_global");
        globals_ptr = g;
        override_ptr = o;
        builtins_map = b + 4;
    }
    if (!f_load_global) mismatch("%s", "mp_load_global not found");
    if (globals_ptr == override_ptr) mismatch("%s", "mp_load_global reads one pointer for two dicts");
}

static void find_init(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 2, 0) || f == f_rehash) continue;
        collect(f);
        int alloc = 0, flags = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_id(e, ID_CALL) && callee(e) == f_malloc0) {
                BinaryenExpressionRef a0 = BinaryenCallGetOperandAt(e, 0);
                if (is_binary(a0, BinaryenShlInt32()) && is_local(BinaryenBinaryGetLeft(a0), 1) &&
                    is_const_eq(BinaryenBinaryGetRight(a0), 3))
                    alloc = 1;
            } else if (is_id(e, ID_STORE) && BinaryenStoreGetBytes(e) == 4 && BinaryenStoreGetOffset(e) == 0 &&
                       is_local(BinaryenStoreGetPtr(e), 0) && is_const_eq(BinaryenStoreGetValue(e), 1)) {
                flags = 1;
            }
        }
        if (alloc && flags) found(&f_init, f, "mp_map_init");
    }
    if (!f_init) mismatch("%s", "mp_map_init not found");
}

static void find_popitem(void)
{
    int32_t msg = data_address("popitem(): dictionary is empty");
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_const_eq(nodes[k], msg)) {
                if (!has_sig(f, 1, 1)) mismatch("%s", "the popitem message is used outside dict_popitem");
                found(&f_popitem, f, "dict_popitem");
            }
    }
    if (!f_popitem) mismatch("%s", "dict_popitem not found");
    collect(f_popitem);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 2 &&
            is_const_eq(BinaryenCallGetOperandAt(e, 0), 2) && has_sig(callee(e), 2, 1))
            found(&f_new_tuple, callee(e), "mp_obj_new_tuple");
    }
    if (!f_new_tuple) mismatch("%s", "dict_popitem does not build a 2-tuple");
}

/* ---- rewriting ------------------------------------------------------ */

/* Our lookup cache (see rewrite): CACHE_SLOTS slots of SLOT_BYTES
 * {u32 key, u16 position, u16 hash (0: not known)}, indexed by the top
 * CACHE_BITS bits of key * CACHE_MIX. */
#define CACHE_BITS 12
#define CACHE_SLOTS (1 << CACHE_BITS)
#define SLOT_BYTES 8
#define CACHE_MIX 0x9E3779B1u /* 2^32 / golden ratio: consecutive qstrs land far apart */
#define CACHE_GLOBAL "mpbox$map_cache"
/* Hash maps of all-qstr keys with at most this many entries allocated are
 * scanned in the guest (a choice of speed: any host map's entries can be
 * scanned, see rewrite). host/map.c keeps maps of up to 8 as entries alone. */
#define SCAN_MAX 8
#define CACHE_NEW "mpbox$map_cache_new"
/* After the lookup cache, in the same allocation, mp_load_global's cache
 * of names (add_load_global): GLOBAL_SLOTS slots of GLOBAL_SLOT_BYTES
 * {u32 key, u32 entry, u64 stamp of the globals' map, u64 stamp of the
 * builtins override dict's map (NO_OVERRIDE: there was none)}, indexed by
 * the top GLOBAL_BITS bits of key * CACHE_MIX. */
#define GLOBAL_BITS 10
#define GLOBAL_SLOTS (1 << GLOBAL_BITS)
#define GLOBAL_SLOT_BYTES 24
#define GLOBAL_CACHE_AT (SLOT_BYTES * CACHE_SLOTS)
#define CACHE_BYTES (GLOBAL_CACHE_AT + GLOBAL_SLOT_BYTES * GLOBAL_SLOTS)

/* cache_new() -> the caches' address, 0 when malloc fails (then lookups
 * go without them):
 *     c = malloc(CACHE_BYTES); if (c) { memset(c, 0, ...); cache = c; } return c; */
static void add_cache_new(void)
{
    BinaryenType i32 = BinaryenTypeInt32();
    BinaryenExportRef ex = BinaryenGetExport(mod, "malloc");
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction()) mismatch("%s", "the guest exports no malloc");
    if (BinaryenGetGlobal(mod, CACHE_GLOBAL) || BinaryenGetFunction(mod, CACHE_NEW))
        mismatch("%s", "the module already has the map lookup cache");
    BinaryenAddGlobal(mod, CACHE_GLOBAL, i32, true, BinaryenConst(mod, BinaryenLiteralInt32(0)));
    BinaryenExpressionRef size = BinaryenConst(mod, BinaryenLiteralInt32(CACHE_BYTES));
    BinaryenExpressionRef init[2] = {
        BinaryenMemoryFill(mod, lget(0), BinaryenConst(mod, BinaryenLiteralInt32(0)),
                           BinaryenConst(mod, BinaryenLiteralInt32(CACHE_BYTES))),
        BinaryenGlobalSet(mod, CACHE_GLOBAL, lget(0)),
    };
    BinaryenExpressionRef body[3] = {
        BinaryenLocalSet(mod, 0, call(BinaryenExportGetValue(ex), &size, 1, i32)),
        BinaryenIf(mod, lget(0), BinaryenBlock(mod, NULL, init, 2, BinaryenTypeNone()), NULL),
        lget(0),
    };
    BinaryenAddFunction(mod, CACHE_NEW, BinaryenTypeNone(), i32, &i32, 1, BinaryenBlock(mod, NULL, body, 3, i32));
}

/* Move the body of `f` into a new function `name` with the same signature
 * and locals; `f` keeps its name (the table and callers refer to it). */
static void move_body(BinaryenFunctionRef f, const char *name)
{
    add_function_like(mod, f, name, BinaryenFunctionGetBody(f));
}

/* host/map.c's layout of a hash map's table past HOST_LINEAR_MAX
 * entries, for the guest's own probe (add_probe) and mp_load_global's
 * cache (add_load_global): entries[alloc], u32 hashes[alloc], the header
 * {u32 fill, u32 nslots, u64 stamp}, slots[cap]; cap the power of 2 at or
 * above alloc + alloc / 2, at least 16; nslots at most cap - cap / 3; the
 * stamp a number the host gives the table whenever a key is added (from
 * the global STAMP, never the same twice, never 0). */
#define PROBE "mpbox$map_probe"
#define HOST_LINEAR_MAX 8
#define HOST_HEADER_BYTES 16
#define HOST_STAMP_AT 8 /* in the header */
#define STAMP "mpbox$map_stamp"
#define HOST_ALLOC_MAX (1 << 26)
#define HOST_MIX 0x9E3779B1u
#define HOST_PERTURB_SHIFT 5
#define ASK_HOST 1 /* never an entry's address */

/* map_probe(map, key, hash, kind) -> the entry of `key` (an interned
 * name whose hash is `hash`) in `map`, a hash map of all-qstr keys with
 * more than SCAN_MAX entries allocated; 0 when it is not there and kind
 * is LOOKUP; ASK_HOST when the host must answer (not there and kind is
 * ADD_IF_NOT_FOUND; a header host/map.c would rebuild or trap on). It is
 * host/map.c's find() for that case, step for step: the same checks of
 * the header, the same probe sequence, and a slot's entry is the key
 * when its position is below fill, its hash is `hash` and its key is
 * `key` (among qstrs identity is equality):
 *     alloc = map->alloc; table = map->table;
 *     if (alloc > HOST_ALLOC_MAX || !table) return ASK_HOST;
 *     want = alloc + alloc / 2; cap = want <= 16 ? 16 : 1 << (32 - clz(want - 1));
 *     hashes = table + 8 * alloc; fill = hashes[alloc]; slots = hashes + 4 * alloc + 16;
 *     if (fill > alloc || used > fill || nslots > cap - cap / 3) return ASK_HOST;
 *     perturb = hash * MIX; i = ((perturb >> 16) ^ perturb) & (cap - 1);
 *     for (n = cap; n; n--) {
 *         pos = slots[i]; if (!pos) return kind ? ASK_HOST : 0;
 *         pos--;
 *         if (pos < fill && hashes[pos] == hash && table[pos].key == key) return &table[pos];
 *         perturb >>= 5; i = (i * 5 + 1 + perturb) & (cap - 1);
 *     }
 *     return ASK_HOST;                       (no empty slot: the host traps) */
static void add_probe(void)
{
    BinaryenType i32 = BinaryenTypeInt32(), none = BinaryenTypeNone();
    enum { MAP, KEY, HASH, KIND, ALLOC, TABLE, CAP, HASHES, FILL, SLOTS, I, PERTURB, N, POS, WANT, NLOCALS };
#define K(v) BinaryenConst(mod, BinaryenLiteralInt32((int32_t)(v)))
#define B(op, a, b) BinaryenBinary(mod, op, a, b)
#define SET(i, v) BinaryenLocalSet(mod, i, v)
#define LOAD32(ptr, off) BinaryenLoad(mod, 4, false, off, 4, i32, ptr)
#define ADD(a, b) B(BinaryenAddInt32(), a, b)
#define SHL(a, n) B(BinaryenShlInt32(), a, K(n))
#define SHR(a, n) B(BinaryenShrUInt32(), a, K(n))
#define RET_IF(cond, v) BinaryenIf(mod, cond, BinaryenReturn(mod, v), NULL)
    BinaryenExpressionRef found_test = BinaryenIf(
        mod, B(BinaryenLtUInt32(), lget(POS), lget(FILL)),
        RET_IF(B(BinaryenAndInt32(), B(BinaryenEqInt32(), LOAD32(ADD(lget(HASHES), SHL(lget(POS), 2)), 0), lget(HASH)),
                 B(BinaryenEqInt32(), LOAD32(ADD(lget(TABLE), SHL(lget(POS), 3)), 0), lget(KEY))),
               ADD(lget(TABLE), SHL(lget(POS), 3))),
        NULL);
    BinaryenExpressionRef step[] = {
        RET_IF(BinaryenUnary(mod, BinaryenEqZInt32(), lget(N)), K(ASK_HOST)),
        SET(N, B(BinaryenSubInt32(), lget(N), K(1))),
        SET(POS, LOAD32(ADD(lget(SLOTS), SHL(lget(I), 2)), 0)),
        RET_IF(BinaryenUnary(mod, BinaryenEqZInt32(), lget(POS)),
               BinaryenSelect(mod, lget(KIND), K(ASK_HOST), K(0), i32)),
        SET(POS, B(BinaryenSubInt32(), lget(POS), K(1))),
        found_test,
        SET(PERTURB, SHR(lget(PERTURB), HOST_PERTURB_SHIFT)),
        SET(I, B(BinaryenAndInt32(), ADD(ADD(B(BinaryenMulInt32(), lget(I), K(5)), K(1)), lget(PERTURB)),
                 B(BinaryenSubInt32(), lget(CAP), K(1)))),
        BinaryenBreak(mod, "probe", NULL, NULL),
    };
    BinaryenExpressionRef body[] = {
        SET(ALLOC, LOAD32(lget(MAP), 4)),
        SET(TABLE, LOAD32(lget(MAP), 8)),
        RET_IF(B(BinaryenOrInt32(), B(BinaryenGtUInt32(), lget(ALLOC), K(HOST_ALLOC_MAX)),
                 BinaryenUnary(mod, BinaryenEqZInt32(), lget(TABLE))),
               K(ASK_HOST)),
        SET(WANT, ADD(lget(ALLOC), SHR(lget(ALLOC), 1))),
        SET(CAP, BinaryenSelect(mod, B(BinaryenLeUInt32(), lget(WANT), K(16)), K(16),
                                B(BinaryenShlInt32(), K(1),
                                  B(BinaryenSubInt32(), K(32),
                                    BinaryenUnary(mod, BinaryenClzInt32(), B(BinaryenSubInt32(), lget(WANT), K(1))))),
                                i32)),
        SET(HASHES, ADD(lget(TABLE), SHL(lget(ALLOC), 3))),
        SET(SLOTS, ADD(lget(HASHES), SHL(lget(ALLOC), 2))), /* the header, for now */
        SET(FILL, LOAD32(lget(SLOTS), 0)),
        RET_IF(B(BinaryenOrInt32(),
                 B(BinaryenOrInt32(), B(BinaryenGtUInt32(), lget(FILL), lget(ALLOC)),
                   B(BinaryenGtUInt32(), SHR(LOAD32(lget(MAP), 0), 3), lget(FILL))),
                 B(BinaryenGtUInt32(), LOAD32(lget(SLOTS), 4),
                   B(BinaryenSubInt32(), lget(CAP), B(BinaryenDivUInt32(), lget(CAP), K(3))))),
               K(ASK_HOST)),
        SET(SLOTS, ADD(lget(SLOTS), K(HOST_HEADER_BYTES))),
        SET(PERTURB, B(BinaryenMulInt32(), lget(HASH), K(HOST_MIX))),
        SET(I, B(BinaryenAndInt32(), B(BinaryenXorInt32(), SHR(lget(PERTURB), 16), lget(PERTURB)),
                 B(BinaryenSubInt32(), lget(CAP), K(1)))),
        SET(N, lget(CAP)),
        BinaryenLoop(mod, "probe", BinaryenBlock(mod, NULL, step, sizeof step / sizeof *step, none)),
        K(ASK_HOST),
    };
    BinaryenType vars[NLOCALS - 4];
    for (size_t k = 0; k < NLOCALS - 4; k++) vars[k] = i32;
    if (BinaryenGetFunction(mod, PROBE)) mismatch("%s", "the module already has " PROBE);
    BinaryenAddFunction(mod, PROBE, i32s(4), i32, vars, NLOCALS - 4,
                        BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, i32));
#undef K
#undef B
#undef SET
#undef LOAD32
#undef ADD
#undef SHL
#undef SHR
#undef RET_IF
}

/* ---- mp_load_global ------------------------------------------------- */

/* A store of `value`, `bytes` wide (2, 4 or 8), at offset `at` of the
 * cache slot whose address is in local `slot`. */
static BinaryenExpressionRef slot_store(BinaryenIndex slot, uint32_t at, uint32_t bytes, BinaryenExpressionRef value)
{
    BinaryenType t = bytes == 8 ? BinaryenTypeInt64() : BinaryenTypeInt32();
    return BinaryenStore(mod, bytes, at, bytes < 4 ? bytes : 4, BinaryenLocalGet(mod, slot, BinaryenTypeInt32()), value, t);
}

#define NO_OVERRIDE 1 /* the override stamp a slot records when there is no override dict */
#define SMALL_MISS 1  /* the globals stamp it records for a small map without the name */
#define IN_GLOBALS (-1) /* the override stamp it records for an entry in the globals: not checked */
#define STAMP_OF "mpbox$map_stamp_of"
#define OVERRIDE_STAMP "mpbox$override_stamp"
#define SMALL_FIND "mpbox$small_find"

/* Three helpers of mp_load_global (add_load_global):
 *
 * map_stamp_of(map) -> i64: the stamp of a hash map's table past
 * HOST_LINEAR_MAX entries, 0 for any other map (ordered or fixed, small,
 * empty: no header to read):
 *     if (flags & 6) return 0; alloc = map->alloc; table = map->table;
 *     if (alloc <= HOST_LINEAR_MAX || alloc > HOST_ALLOC_MAX || !table) return 0;
 *     return *(u64 *)(table + 12 * alloc + HOST_STAMP_AT);
 *
 * override_stamp() -> i64: that of the builtins override dict's map, or
 * NO_OVERRIDE when there is none.
 *
 * small_find(map, key) -> i32: in a small hash map of interned names
 * alone (flags & 7 == 1, alloc <= HOST_LINEAR_MAX: the entries are all
 * there is, ended by the first NULL key), the entry of the interned name
 * `key`, or 0; ASK_HOST (1) for any other map:
 *     if ((flags & 7) != 1 || alloc > HOST_LINEAR_MAX) return ASK_HOST;
 *     for (t = table, end = t + 8 * alloc; t < end && *t; t += 8) if (*t == key) return t;
 *     return 0;
 * (the loop unrolled). */
static void add_helpers(void)
{
    BinaryenType i32 = BinaryenTypeInt32(), i64 = BinaryenTypeInt64(), none = BinaryenTypeNone();
    if (BinaryenGetFunction(mod, STAMP_OF) || BinaryenGetFunction(mod, OVERRIDE_STAMP) || BinaryenGetFunction(mod, SMALL_FIND))
        mismatch("%s", "the module already has mp_load_global's helpers");
#define K(v) BinaryenConst(mod, BinaryenLiteralInt32((int32_t)(v)))
#define K64(v) BinaryenConst(mod, BinaryenLiteralInt64(v))
#define B(op, a, b) BinaryenBinary(mod, op, a, b)
#define LOAD32(ptr, off) BinaryenLoad(mod, 4, false, off, 4, i32, ptr)
    BinaryenType vars[3] = {i32, i32, i32};
    {
        enum { MAP, ALLOC, TABLE };
        BinaryenExpressionRef body[] = {
            BinaryenIf(mod, B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(6)), BinaryenReturn(mod, K64(0)), NULL),
            BinaryenLocalSet(mod, ALLOC, LOAD32(lget(MAP), 4)),
            BinaryenLocalSet(mod, TABLE, LOAD32(lget(MAP), 8)),
            BinaryenIf(mod,
                       B(BinaryenOrInt32(),
                         B(BinaryenOrInt32(), B(BinaryenLeUInt32(), lget(ALLOC), K(HOST_LINEAR_MAX)),
                           B(BinaryenGtUInt32(), lget(ALLOC), K(HOST_ALLOC_MAX))),
                         BinaryenUnary(mod, BinaryenEqZInt32(), lget(TABLE))),
                       BinaryenReturn(mod, K64(0)), NULL),
            BinaryenLoad(mod, 8, false, HOST_STAMP_AT, 4, i64,
                         B(BinaryenAddInt32(), lget(TABLE), B(BinaryenMulInt32(), lget(ALLOC), K(12)))),
        };
        BinaryenAddFunction(mod, STAMP_OF, i32, i64, vars, 2, BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, i64));
    }
    {
        /* (local $o) o = *override_ptr; o ? map_stamp_of(o + 4) : NO_OVERRIDE */
        BinaryenExpressionRef arg[1] = {B(BinaryenAddInt32(), lget(0), K(4))};
        BinaryenExpressionRef body[2] = {
            BinaryenLocalSet(mod, 0, LOAD32(K(override_ptr), 0)),
            BinaryenIf(mod, lget(0), call(STAMP_OF, arg, 1, i64), K64(NO_OVERRIDE)),
        };
        BinaryenAddFunction(mod, OVERRIDE_STAMP, none, i64, vars, 1, BinaryenBlock(mod, NULL, body, 2, i64));
    }
    {
        /* unrolled, without a loop: a call costs the same fuel however
         * many entries it passes */
        enum { MAP, KEY, T, ALLOC, KEYAT };
        BinaryenExpressionRef steps[4 + 4 * HOST_LINEAR_MAX];
        size_t n = 0;
        steps[n++] = BinaryenIf(mod,
                                B(BinaryenOrInt32(), B(BinaryenNeInt32(), B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(7)), K(1)),
                                  B(BinaryenGtUInt32(), BinaryenLocalTee(mod, ALLOC, LOAD32(lget(MAP), 4), i32), K(HOST_LINEAR_MAX))),
                                BinaryenReturn(mod, K(ASK_HOST)), NULL);
        steps[n++] = BinaryenLocalSet(mod, T, LOAD32(lget(MAP), 8));
        for (int i = 0; i < HOST_LINEAR_MAX; i++) {
            steps[n++] = BinaryenBreak(mod, "miss", B(BinaryenLeUInt32(), lget(ALLOC), K(i)), NULL);
            steps[n++] = BinaryenLocalSet(mod, KEYAT, LOAD32(lget(T), 8 * i));
            steps[n++] = BinaryenIf(mod, B(BinaryenEqInt32(), lget(KEYAT), lget(KEY)),
                                    BinaryenReturn(mod, B(BinaryenAddInt32(), lget(T), K(8 * i))), NULL);
            steps[n++] = BinaryenBreak(mod, "miss", BinaryenUnary(mod, BinaryenEqZInt32(), lget(KEYAT)), NULL);
        }
        BinaryenExpressionRef body[2] = {BinaryenBlock(mod, "miss", steps, (BinaryenIndex)n, none), K(0)};
        BinaryenAddFunction(mod, SMALL_FIND, i32s(2), i32, vars, 3, BinaryenBlock(mod, NULL, body, 2, i32));
    }
#undef K
#undef K64
#undef B
#undef LOAD32
}

/* mp_load_global(qst): a name in a function's (or a module's) code is
 * looked up in the module's globals, then in the builtins override dict
 * if there is one (MicroPython makes it at the first store into the
 * builtins module: the library's start-up does), then in the builtins
 * module; so every use of a builtin is two misses and a hit, three calls
 * of mp_map_lookup. A slot of our cache (GLOBAL_CACHE_AT, indexed by the
 * name) remembers the entry found, in any of the three maps, with what
 * proves that the first two have not changed since:
 *   - the globals: their stamp when their table has one (host/map.c gives
 *     a table past HOST_LINEAR_MAX entries a new stamp whenever a key is
 *     added); a small map of interned names is scanned instead (at most 8
 *     compares), and SMALL_MISS recorded;
 *   - the override dict: its stamp, or NO_OVERRIDE when there is none
 *     (IN_GLOBALS, not checked, when the entry is in the globals).
 * While they match, no key was added to either map since, so the name
 * resolves to the same entry, unless that was deleted: its key is checked.
 *     key = (qst << 3) | 2; slot = cache;
 *     if (slot) {
 *         slot += GLOBAL_CACHE_AT + GLOBAL_SLOT_BYTES * ((key * MIX) >> (32 - GLOBAL_BITS));
 *         if (slot->key == key) {
 *             gs = map_stamp_of(globals);
 *             if (!gs) { r = small_find(globals, key); if (r > 1) return r->value; if (!r) gs = SMALL_MISS; }
 *             if (gs == slot->globals_stamp &&
 *                 (slot->override_stamp == IN_GLOBALS || override_stamp() == slot->override_stamp) &&
 *                 slot->entry->key == key)
 *                 return slot->entry->value;
 *         }
 *     }
 *     g = globals; ok = g->flags & 1;
 *     e = in_g = lookup(g, key);
 *     if (!e) {
 *         o = *override_ptr;
 *         if (o) { ok &= o->map.flags; e = lookup(&o->map, key); }
 *         if (!e) { e = lookup(builtins, key); if (!e) return original(qst); }   (NameError)
 *     }
 *     if (slot && ok) {
 *         gs = !in_g && !small_find(g, key) ? SMALL_MISS : map_stamp_of(g);
 *         os = in_g ? IN_GLOBALS : override_stamp();
 *         if (gs && os) *slot = {key, e, gs, os};
 *     }
 *     return e->value;
 * A slot is only filled when the maps searched hold interned names alone
 * (flag bit 0, read before the lookups): then the lookups ran no Python
 * code (no __eq__ or __hash__), nothing changed meanwhile, and no key but
 * the name itself can equal it. A key of another kind added later
 * (globals()['le' + 'n']) is an addition too: a new stamp, or a small map
 * that small_find no longer scans. A stamp is 0 for a map that has none
 * (ordered; small, when the name is in it): the slot is left as it is and
 * such lookups take the long way (a name found in small globals is found
 * there by mp_map_lookup's own cache). Stamps follow the program's additions only,
 * so hits and fuel do not depend on addresses; the cache and the counter
 * are guest state, so rollback, forks, snapshots and the start-up image
 * carry them with the maps. */
static void add_load_global(void)
{
    BinaryenType i32 = BinaryenTypeInt32(), i64 = BinaryenTypeInt64(), none = BinaryenTypeNone();
    BinaryenIndex nparams = 1, nvars = BinaryenFunctionGetNumVars(f_load_global);
    for (BinaryenIndex k = 0; k < nvars; k++)
        if (BinaryenFunctionGetVar(f_load_global, k) != i32) mismatch("%s", "mp_load_global has a local that is not i32");
    const char *original = "mpbox$load_global_original";
    move_body(f_load_global, original);
    add_helpers();
    BinaryenIndex first = nparams + nvars; /* the new locals, after the old ones */
    enum { KEY, SLOT, G, O, E, OK, IN_G, R, GS, OS, NEW_LOCALS }; /* GS, OS: i64 */
#define L(i) (first + (i))
#define GET(i) lget(L(i))
#define SET(i, v) BinaryenLocalSet(mod, L(i), v)
#define K(v) BinaryenConst(mod, BinaryenLiteralInt32((int32_t)(v)))
#define K64(v) BinaryenConst(mod, BinaryenLiteralInt64(v))
#define B(op, a, b) BinaryenBinary(mod, op, a, b)
#define NOT(a) BinaryenUnary(mod, BinaryenEqZInt32(), a)
#define LOAD32(ptr, off) BinaryenLoad(mod, 4, false, off, 4, i32, ptr)
#define LOAD64(ptr, off) BinaryenLoad(mod, 8, false, off, 4, i64, ptr)
#define LOOKUP(map) call(BinaryenFunctionGetName(f_lookup), (BinaryenExpressionRef[]){map, GET(KEY), K(0)}, 3, i32)
#define GLOBALS() B(BinaryenAddInt32(), LOAD32(K(globals_ptr), 0), K(4))
#define STAMP_CALL(map) call(STAMP_OF, (BinaryenExpressionRef[]){map}, 1, i64)
#define FIND(map) call(SMALL_FIND, (BinaryenExpressionRef[]){map, GET(KEY)}, 2, i32)
    /* the fast path, once the slot's key is the name */
    BinaryenExpressionRef slot_entry = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            SET(E, LOAD32(GET(SLOT), 4)),
            BinaryenIf(mod, B(BinaryenEqInt32(), LOAD32(GET(E), 0), GET(KEY)), BinaryenReturn(mod, LOAD32(GET(E), 4)), NULL),
        },
        2, none);
#define GET64(i) BinaryenLocalGet(mod, L(i), i64)
    /* the override dict's stamp, unless the entry is in the globals */
    BinaryenExpressionRef override_same =
        BinaryenIf(mod, B(BinaryenEqInt64(), LOAD64(GET(SLOT), 16), K64(IN_GLOBALS)), K(1),
                   B(BinaryenEqInt64(), call(OVERRIDE_STAMP, NULL, 0, i64), LOAD64(GET(SLOT), 16)));
    BinaryenExpressionRef same = BinaryenIf(mod, B(BinaryenEqInt64(), GET64(GS), LOAD64(GET(SLOT), 8)), override_same, K(0));
    /* no stamp: small globals are scanned (a hit there is the answer) */
    BinaryenExpressionRef unstamped = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            SET(R, FIND(GET(G))),
            BinaryenIf(mod, B(BinaryenGtUInt32(), GET(R), K(ASK_HOST)), BinaryenReturn(mod, LOAD32(GET(R), 4)), NULL),
            BinaryenIf(mod, NOT(GET(R)), BinaryenLocalSet(mod, L(GS), K64(SMALL_MISS)), NULL),
        },
        3, none);
    BinaryenExpressionRef named = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            SET(G, GLOBALS()),
            BinaryenLocalSet(mod, L(GS), STAMP_CALL(GET(G))),
            BinaryenIf(mod, B(BinaryenEqInt64(), GET64(GS), K64(0)), unstamped, NULL),
            BinaryenIf(mod, same, slot_entry, NULL),
        },
        4, none);
    BinaryenExpressionRef index =
        B(BinaryenShrUInt32(), B(BinaryenMulInt32(), GET(KEY), K(CACHE_MIX)), K(32 - GLOBAL_BITS));
    BinaryenExpressionRef fast = BinaryenIf(
        mod, GET(SLOT),
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          SET(SLOT, B(BinaryenAddInt32(), GET(SLOT),
                                      B(BinaryenAddInt32(), B(BinaryenMulInt32(), index, K(GLOBAL_SLOT_BYTES)),
                                        K(GLOBAL_CACHE_AT)))),
                          BinaryenIf(mod, B(BinaryenEqInt32(), LOAD32(GET(SLOT), 0), GET(KEY)), named, NULL),
                      },
                      2, none),
        NULL);
    /* the long way: globals, override dict, builtins */
    BinaryenExpressionRef in_override = BinaryenIf(
        mod, GET(O),
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          SET(OK, B(BinaryenAndInt32(), GET(OK), LOAD32(GET(O), 4))),
                          SET(E, LOOKUP(B(BinaryenAddInt32(), GET(O), K(4)))),
                      },
                      2, none),
        NULL);
    BinaryenExpressionRef in_builtins = BinaryenIf(
        mod, NOT(GET(E)),
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          SET(E, LOOKUP(K(builtins_map))),
                          BinaryenIf(mod, NOT(GET(E)),
                                     BinaryenReturn(mod, call(original, (BinaryenExpressionRef[]){lget(0)}, 1, i32)), NULL),
                      },
                      2, none),
        NULL);
    BinaryenExpressionRef missed =
        BinaryenIf(mod, NOT(GET(E)),
                   BinaryenBlock(mod, NULL,
                                 (BinaryenExpressionRef[]){SET(O, LOAD32(K(override_ptr), 0)), in_override, in_builtins}, 3,
                                 none),
                   NULL);
    BinaryenExpressionRef fill_globals_stamp =
        BinaryenIf(mod, B(BinaryenAndInt32(), NOT(GET(IN_G)), NOT(FIND(GET(G)))), K64(SMALL_MISS), STAMP_CALL(GET(G)));
    BinaryenExpressionRef known =
        B(BinaryenAndInt32(), B(BinaryenNeInt64(), GET64(GS), K64(0)), B(BinaryenNeInt64(), GET64(OS), K64(0)));
    BinaryenExpressionRef fields[4] = {slot_store(L(SLOT), 0, 4, GET(KEY)), slot_store(L(SLOT), 4, 4, GET(E)),
                                       slot_store(L(SLOT), 8, 8, GET64(GS)), slot_store(L(SLOT), 16, 8, GET64(OS))};
    BinaryenExpressionRef store = BinaryenIf(mod, known, BinaryenBlock(mod, NULL, fields, 4, none), NULL);
    BinaryenExpressionRef fill = BinaryenIf(
        mod, B(BinaryenAndInt32(), B(BinaryenNeInt32(), GET(SLOT), K(0)), B(BinaryenAndInt32(), GET(OK), K(1))),
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          BinaryenLocalSet(mod, L(GS), fill_globals_stamp),
                          BinaryenLocalSet(mod, L(OS),
                                           BinaryenIf(mod, GET(IN_G), K64(IN_GLOBALS), call(OVERRIDE_STAMP, NULL, 0, i64))),
                          store,
                      },
                      3, none),
        NULL);
#undef GET64
    BinaryenExpressionRef body[] = {
        SET(KEY, B(BinaryenOrInt32(), B(BinaryenShlInt32(), lget(0), K(3)), K(2))),
        SET(SLOT, BinaryenGlobalGet(mod, CACHE_GLOBAL, i32)),
        fast,
        SET(G, GLOBALS()),
        SET(OK, LOAD32(GET(G), 0)),
        SET(E, LOOKUP(GET(G))),
        SET(IN_G, GET(E)),
        missed,
        fill,
        LOAD32(GET(E), 4),
    };
    BinaryenType vars[64];
    if (nvars + NEW_LOCALS > 64) mismatch("%s", "mp_load_global has too many locals");
    for (BinaryenIndex k = 0; k < nvars + NEW_LOCALS; k++) vars[k] = i32;
    vars[nvars + GS] = vars[nvars + OS] = i64;
    replace_function(mod, f_load_global, vars, nvars + NEW_LOCALS,
                     BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, i32));
#undef L
#undef GET
#undef SET
#undef K
#undef K64
#undef B
#undef NOT
#undef LOAD32
#undef LOAD64
#undef LOOKUP
#undef GLOBALS
#undef STAMP_CALL
#undef FIND
}

static void rewrite(void)
{
    const char *lookup = BinaryenFunctionGetName(f_lookup);
    const char *popitem = BinaryenFunctionGetName(f_popitem);
    BinaryenType i32 = BinaryenTypeInt32(), none = BinaryenTypeNone();

    add_import("mpbox$map_lookup", "mpbox_map_lookup", 3, 1);
    add_import("mpbox$map_init", "mpbox_map_init", 2, 0);
    add_import("mpbox$popitem_pick", "mpbox_popitem_pick", 1, 1);
    add_import("mpbox$popitem_done", "mpbox_popitem_done", 2, 0);
    add_import("mpbox$qstr_hash", "mpbox_qstr_hash", 1, 1);
    add_probe();
    if (BinaryenGetGlobal(mod, STAMP)) mismatch("%s", "the module already has " STAMP);
    BinaryenAddGlobal(mod, STAMP, BinaryenTypeInt64(), true, BinaryenConst(mod, BinaryenLiteralInt64(NO_OVERRIDE)));
    BinaryenAddGlobalExport(mod, STAMP, "mpbox_map_stamp");

    /* mp_map_lookup, with $c, $slot, $r, $t, $end, $k its first i32 locals
     * (0 at entry; $c is the key's hash, $hash, once the slot is found):
     *   if ((key & 3) && kind != REMOVE) {             our lookup cache
     *       c = cache ? cache : cache_new();
     *       if (c) {
     *           slot = c + SLOT_BYTES * ((key * MIX) >> (32 - CACHE_BITS)); hash = 0;
     *           if (slot->key == key) {
     *               r = slot->position;
     *               if (r < map->alloc && map->table[r].key == key) return &map->table[r];
     *               hash = slot->hash;
     *           }
     *       }
     *   }
     *   if (map->flags & 4) {                          ordered
     *       if (!(key & 3)) { saved = old[s]; old[s] = 0;
     *                         r = original(map, key, kind); old[s] = saved; return r; }
     *       r = original(map, key, kind);
     *   } else
     *       r = scan(map, key, kind) or host(map, key, kind);    (below)
     *   if (slot && r) *slot = {key, (r - map->table) / 8, hash (see remember)};
     *   return r;
     * MicroPython's own cache (`old`: 128 one-byte slots at (key >> 2) &
     * 127, so 64 for interned strings, whose low three bits are fixed) is
     * too small for the names of a program and the library together, and
     * each hit divides by alloc. Ours has CACHE_SLOTS slots spread by a
     * multiplicative hash, compares instead of dividing, and
     * is written here for ordered and hash maps alike, so host/map.c knows
     * nothing of it. A hit is checked against the entry as before, so a
     * stale or truncated position only misses. It lives in guest memory
     * (the guest's malloc, once) with its address in a global: rollback,
     * forks, snapshots and the start-up image carry it with the maps.
     * Only keys that are not pointers (qstrs, small ints: tag bits in the
     * low two bits) use it: a pointer key's slot depends on where the
     * allocator put the key, and that on what the last collection kept
     * (docs/fuel.md, "Collections"), so hits, misses and the entries that
     * other keys lose would make the same program take different paths.
     * The original, kept for ordered maps, still reads and writes the old
     * cache: for a pointer key it finds 0 there and its write is undone. */
    if (BinaryenFunctionGetNumVars(f_lookup) < 6)
        mismatch("%s", "mp_map_lookup has not six locals");
    for (BinaryenIndex k = 0; k < 6; k++)
        if (BinaryenFunctionGetVar(f_lookup, k) != i32) mismatch("%s", "mp_map_lookup's first six locals are not i32");
    move_body(f_lookup, "mpbox$map_lookup_original");
    add_cache_new();
    add_load_global();
    enum { MAP, KEY, KIND, CACHE, SLOT, R, T, END, KEYAT };
    enum { HASH = CACHE }; /* once the slot is found, CACHE holds the key's hash (0: not known) */
    BinaryenExpressionRef (*C)(BinaryenModuleRef, struct BinaryenLiteral) = BinaryenConst;
#define K(v) C(mod, BinaryenLiteralInt32(v))
#define B(op, a, b) BinaryenBinary(mod, op, a, b)
#define LOAD32(ptr, off) BinaryenLoad(mod, 4, false, off, 4, i32, ptr)
#define OLD_SLOT()                                                                                                     \
    B(BinaryenAddInt32(), K(cache_addr), B(BinaryenAndInt32(), B(BinaryenShrUInt32(), lget(KEY), K(2)), K(cache_mask)))
#define NOT_POINTER() B(BinaryenAndInt32(), lget(KEY), K(3))
    BinaryenExpressionRef slot_hit[] = {
        BinaryenLocalSet(mod, R, BinaryenLoad(mod, 2, false, 4, 2, i32, lget(SLOT))),
        BinaryenIf(mod, B(BinaryenLtUInt32(), lget(R), LOAD32(lget(MAP), 4)),
                   BinaryenBlock(mod, NULL,
                                 (BinaryenExpressionRef[]){
                                     BinaryenLocalSet(mod, R, B(BinaryenAddInt32(), LOAD32(lget(MAP), 8),
                                                                B(BinaryenShlInt32(), lget(R), K(3)))),
                                     BinaryenIf(mod, B(BinaryenEqInt32(), LOAD32(lget(R), 0), lget(KEY)),
                                                BinaryenReturn(mod, lget(R)), NULL),
                                 },
                                 2, none),
                   NULL),
        BinaryenLocalSet(mod, HASH, BinaryenLoad(mod, 2, false, 6, 2, i32, lget(SLOT))),
    };
    BinaryenExpressionRef probe[] = {
        BinaryenLocalSet(mod, SLOT,
                         B(BinaryenAddInt32(), lget(CACHE),
                           B(BinaryenShlInt32(),
                             B(BinaryenShrUInt32(), B(BinaryenMulInt32(), lget(KEY), K((int32_t)CACHE_MIX)),
                               K(32 - CACHE_BITS)),
                             K(3)))),
        BinaryenLocalSet(mod, HASH, K(0)),
        BinaryenIf(mod, B(BinaryenEqInt32(), LOAD32(lget(SLOT), 0), lget(KEY)),
                   BinaryenBlock(mod, NULL, slot_hit, 3, none), NULL),
    };
    BinaryenExpressionRef try_cache[] = {
        BinaryenLocalSet(mod, CACHE, BinaryenGlobalGet(mod, CACHE_GLOBAL, i32)),
        BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), lget(CACHE)),
                   BinaryenLocalSet(mod, CACHE, call(CACHE_NEW, NULL, 0, i32)), NULL),
        BinaryenIf(mod, lget(CACHE), BinaryenBlock(mod, NULL, probe, 3, none), NULL),
    };
    BinaryenExpressionRef cache_first =
        BinaryenIf(mod,
                   B(BinaryenAndInt32(), B(BinaryenNeInt32(), NOT_POINTER(), K(0)),
                     B(BinaryenNeInt32(), lget(KIND), K(2))),
                   BinaryenBlock(mod, NULL, try_cache, 3, none), NULL);
    BinaryenExpressionRef a[3] = {lget(MAP), lget(KEY), lget(KIND)};
    BinaryenExpressionRef a2[3] = {lget(MAP), lget(KEY), lget(KIND)};
    BinaryenExpressionRef b[3] = {lget(MAP), lget(KEY), lget(KIND)};
    /* a pointer key in an ordered map: the old cache's slot is cleared
     * around the original and restored (CACHE and R are free here) */
    BinaryenExpressionRef pointer_key[5] = {
        BinaryenLocalSet(mod, CACHE, BinaryenLoad(mod, 1, false, 0, 1, i32, OLD_SLOT())),
        BinaryenStore(mod, 1, 0, 1, OLD_SLOT(), K(0), i32),
        BinaryenLocalSet(mod, R, call("mpbox$map_lookup_original", a2, 3, i32)),
        BinaryenStore(mod, 1, 0, 1, OLD_SLOT(), lget(CACHE), i32),
        BinaryenReturn(mod, lget(R)),
    };
    BinaryenExpressionRef ordered = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), NOT_POINTER()),
                       BinaryenBlock(mod, NULL, pointer_key, 5, none), NULL),
            BinaryenLocalSet(mod, R, call("mpbox$map_lookup_original", a, 3, i32)),
        },
        2, none);
    /* the slot remembers the key, its position and (for an interned name)
     * its hash: known already, else host/map.c's from the hashes that
     * follow a hash map's entries past SCAN_MAX (the entry found or added
     * there was checked against them). T is free here. A slot's hash is
     * only ever its key's: the numbers of interned strings are reused
     * only by a rollback, which restores this cache with the pools. */
#define IS_QSTR() B(BinaryenEqInt32(), B(BinaryenAndInt32(), lget(KEY), K(7)), K(2))
    BinaryenExpressionRef learn_hash = BinaryenIf(
        mod, B(BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), lget(HASH)), IS_QSTR()),
        BinaryenIf(
            mod,
            B(BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(4))),
              B(BinaryenGtUInt32(), LOAD32(lget(MAP), 4), K(SCAN_MAX))),
            BinaryenLocalSet(mod, HASH,
                             LOAD32(B(BinaryenAddInt32(),
                                      B(BinaryenAddInt32(), LOAD32(lget(MAP), 8),
                                        B(BinaryenShlInt32(), LOAD32(lget(MAP), 4), K(3))),
                                      B(BinaryenShlInt32(), lget(T), K(2))),
                                    0)),
            NULL),
        NULL);
    BinaryenExpressionRef remember = BinaryenIf(
        mod, B(BinaryenAndInt32(), B(BinaryenNeInt32(), lget(SLOT), K(0)), B(BinaryenNeInt32(), lget(R), K(0))),
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          BinaryenLocalSet(mod, T, B(BinaryenShrUInt32(), B(BinaryenSubInt32(), lget(R), LOAD32(lget(MAP), 8)), K(3))),
                          learn_hash,
                          slot_store(SLOT, 0, 4, lget(KEY)),
                          slot_store(SLOT, 4, 2, lget(T)),
                          slot_store(SLOT, 6, 2, lget(HASH)),
                      },
                      5, none),
        NULL);
    /* A hash map whose keys are all qstrs (flag bit 0), looked up by a
     * qstr: with at most SCAN_MAX entries allocated, its entries are
     * scanned here (identity is equality for qstrs; host/map.c keeps the
     * entries dense in insertion order, deleted ones as MP_OBJ_SENTINEL,
     * and the first NULL key ends them, whatever the table's size):
     *   if ((flags & 1) && (key & 7) == 2 && alloc <= SCAN_MAX && kind != REMOVE) {
     *       for (t = table, end = t + 8 * alloc; t < end && *t; t += 8)
     *           if (*t == key) { r = t; goto found; }
     *       if (kind == LOOKUP) { r = 0; goto found; }
     *   }
     *   r = host(map, key, kind);
     * found:
     * The misses that follow every method call on an instance (its own
     * attributes first) and every store of an attribute (its class's,
     * for a descriptor) then stay in the guest. */
    BinaryenExpressionRef scan_loop = BinaryenLoop(
        mod, "scan",
        BinaryenBlock(mod, NULL,
                      (BinaryenExpressionRef[]){
                          BinaryenBreak(mod, "miss", B(BinaryenGeUInt32(), lget(T), lget(END)), NULL),
                          BinaryenLocalSet(mod, KEYAT, LOAD32(lget(T), 0)),
                          BinaryenIf(mod, B(BinaryenEqInt32(), lget(KEYAT), lget(KEY)),
                                     BinaryenBlock(mod, NULL,
                                                   (BinaryenExpressionRef[]){BinaryenLocalSet(mod, R, lget(T)),
                                                                             BinaryenBreak(mod, "found", NULL, NULL)},
                                                   2, none),
                                     NULL),
                          BinaryenBreak(mod, "miss", BinaryenUnary(mod, BinaryenEqZInt32(), lget(KEYAT)), NULL),
                          BinaryenLocalSet(mod, T, B(BinaryenAddInt32(), lget(T), K(8))),
                          BinaryenBreak(mod, "scan", NULL, NULL),
                      },
                      6, none));
    BinaryenExpressionRef scannable = B(
        BinaryenAndInt32(),
        B(BinaryenAndInt32(), B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(1)),
          B(BinaryenEqInt32(), B(BinaryenAndInt32(), lget(KEY), K(7)), K(2))),
        B(BinaryenAndInt32(), B(BinaryenLeUInt32(), LOAD32(lget(MAP), 4), K(SCAN_MAX)), B(BinaryenNeInt32(), lget(KIND), K(2))));
    BinaryenExpressionRef small = BinaryenBlock(
        mod, "host",
        (BinaryenExpressionRef[]){
            BinaryenBreak(mod, "host", BinaryenUnary(mod, BinaryenEqZInt32(), IS_QSTR()), NULL), /* pointer keys: at once */
            BinaryenBreak(mod, "host", BinaryenUnary(mod, BinaryenEqZInt32(), scannable), NULL),
            BinaryenLocalSet(mod, T, LOAD32(lget(MAP), 8)),
            BinaryenLocalSet(mod, END, B(BinaryenAddInt32(), lget(T), B(BinaryenShlInt32(), LOAD32(lget(MAP), 4), K(3)))),
            BinaryenBlock(mod, "miss", &scan_loop, 1, none),
            BinaryenBreak(mod, "host", lget(KIND), NULL),
            BinaryenLocalSet(mod, R, K(0)),
            BinaryenBreak(mod, "found", NULL, NULL),
        },
        8, none);
    /* A larger hash map of all-qstr keys, looked up (or found before an
     * add) by a qstr: probed here when the key's hash is known, from the
     * cache's slot or else asked of the host once and kept there
     * (add_probe); what the probe cannot answer goes to the host:
     *   if ((flags & 1) && (key & 7) == 2 && alloc > SCAN_MAX && kind < 2 && slot) {
     *       if (!hash) { hash = qstr_hash(key >> 3); slot = {key, 0xffff, hash}; }
     *       r = probe(map, key, hash, kind); if (r != ASK_HOST) goto found;
     *   }
     * The misses of a module's globals before the builtins (every call
     * of a builtin function) and the attributes of an instance with many
     * then stay in the guest. */
    BinaryenExpressionRef pa[4] = {lget(MAP), lget(KEY), lget(HASH), lget(KIND)};
    BinaryenExpressionRef qa[1] = {B(BinaryenShrUInt32(), lget(KEY), K(3))};
    BinaryenExpressionRef probeable =
        B(BinaryenAndInt32(),
          B(BinaryenAndInt32(), B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(1)), IS_QSTR()),
          B(BinaryenAndInt32(), B(BinaryenGtUInt32(), LOAD32(lget(MAP), 4), K(SCAN_MAX)),
            B(BinaryenLtUInt32(), lget(KIND), K(2))));
    BinaryenExpressionRef large = BinaryenBlock(
        mod, "ask_host",
        (BinaryenExpressionRef[]){
            /* no slot (a pointer key, no cache): straight on */
            BinaryenBreak(mod, "ask_host", BinaryenUnary(mod, BinaryenEqZInt32(), lget(SLOT)), NULL),
            BinaryenBreak(mod, "ask_host", BinaryenUnary(mod, BinaryenEqZInt32(), probeable), NULL),
            BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), lget(HASH)),
                       BinaryenBlock(mod, NULL,
                                     (BinaryenExpressionRef[]){
                                         BinaryenLocalSet(mod, HASH, call("mpbox$qstr_hash", qa, 1, i32)),
                                         slot_store(SLOT, 0, 4, lget(KEY)),
                                         slot_store(SLOT, 4, 2, K(0xffff)),
                                         slot_store(SLOT, 6, 2, lget(HASH)),
                                     },
                                     4, none),
                       NULL),
            BinaryenLocalSet(mod, R, call(PROBE, pa, 4, i32)),
            BinaryenBreak(mod, "found", B(BinaryenNeInt32(), lget(R), K(ASK_HOST)), NULL),
        },
        5, none);
    BinaryenExpressionRef hash_map = BinaryenBlock(
        mod, "found",
        (BinaryenExpressionRef[]){small, large, BinaryenLocalSet(mod, R, call("mpbox$map_lookup", b, 3, i32))}, 3,
        none);
#undef IS_QSTR
    BinaryenExpressionRef lk[4] = {
        cache_first,
        BinaryenIf(mod, B(BinaryenAndInt32(), LOAD32(lget(MAP), 0), K(4)), ordered, hash_map),
        remember,
        lget(R),
    };
    BinaryenFunctionSetBody(f_lookup, BinaryenBlock(mod, NULL, lk, 4, i32));
#undef OLD_SLOT
#undef NOT_POINTER
#undef K
#undef B
#undef LOAD32
    (void)lookup;

    /* mp_map_init: the host's. */
    BinaryenExpressionRef c[2] = {lget(0), lget(1)};
    BinaryenFunctionSetBody(f_init, call("mpbox$map_init", c, 2, none));

    /* dict_popitem: (param $self) (local $e $t)
     *   e = pick(self); if (!e) return original(self);
     *   t = mp_obj_new_tuple(2, e); done(self, e); return t */
    move_body(f_popitem, "mpbox$popitem_original");
    BinaryenType vars[2] = {i32, i32};
    BinaryenExpressionRef p0[1] = {lget(0)}, p1[1] = {lget(0)};
    BinaryenExpressionRef tup[2] = {BinaryenConst(mod, BinaryenLiteralInt32(2)), lget(1)};
    BinaryenExpressionRef dn[2] = {lget(0), lget(1)};
    BinaryenExpressionRef body[5] = {
        BinaryenLocalSet(mod, 1, call("mpbox$popitem_pick", p0, 1, i32)),
        BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), lget(1)),
                   BinaryenReturn(mod, call("mpbox$popitem_original", p1, 1, i32)), NULL),
        BinaryenLocalSet(mod, 2, call(BinaryenFunctionGetName(f_new_tuple), tup, 2, i32)),
        call("mpbox$popitem_done", dn, 2, none),
        lget(2),
    };
    BinaryenAddFunction(mod, "mpbox$popitem", i32, i32, vars, 2, BinaryenBlock(mod, NULL, body, 5, i32));
    BinaryenExpressionRef pw[1] = {lget(0)};
    BinaryenFunctionSetBody(f_popitem, call("mpbox$popitem", pw, 1, i32));
    (void)popitem;

    export_function(f_unary_op, "mpbox_unary_op");
    export_function(f_equal, "mpbox_obj_equal");
    export_function(f_malloc0, "mpbox_malloc0");
    export_function(f_free, "mpbox_free");
    export_const("mpbox_type_str", type_str);
    export_const("mpbox_unary_hash", unary_hash);
    export_const("mpbox_obj_sentinel", sentinel);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "map", NULL);
    find_lookup();
    find_load_global();
    find_init();
    find_popitem();
    rewrite();
    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mp_map_lookup, mp_map_init and dict_popitem redirected to the host\n", prog,
            argv[1], argv[2]);
    return 0;
}
