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
    f_popitem, f_new_tuple;
static int32_t cache_addr, cache_mask, type_str, unary_hash, sentinel;

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

/* Our lookup cache (see rewrite): CACHE_SLOTS two-byte positions, indexed
 * by the top CACHE_BITS bits of key * CACHE_MIX. */
#define CACHE_BITS 12
#define CACHE_SLOTS (1 << CACHE_BITS)
#define CACHE_MIX 0x9E3779B1u /* 2^32 / golden ratio: consecutive qstrs land far apart */
#define CACHE_GLOBAL "mpbox$map_cache"
/* Hash maps of all-qstr keys with at most this many entries allocated are
 * scanned in the guest (a choice of speed: any host map's entries can be
 * scanned, see rewrite). host/map.c keeps maps of up to 8 as entries alone. */
#define SCAN_MAX 8
#define CACHE_NEW "mpbox$map_cache_new"

/* cache_new() -> the cache's address, 0 when malloc fails (then lookups
 * go without it):
 *     c = malloc(2 * CACHE_SLOTS); if (c) { memset(c, 0, ...); cache = c; } return c; */
static void add_cache_new(void)
{
    BinaryenType i32 = BinaryenTypeInt32();
    BinaryenExportRef ex = BinaryenGetExport(mod, "malloc");
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction()) mismatch("%s", "the guest exports no malloc");
    if (BinaryenGetGlobal(mod, CACHE_GLOBAL) || BinaryenGetFunction(mod, CACHE_NEW))
        mismatch("%s", "the module already has the map lookup cache");
    BinaryenAddGlobal(mod, CACHE_GLOBAL, i32, true, BinaryenConst(mod, BinaryenLiteralInt32(0)));
    BinaryenExpressionRef size = BinaryenConst(mod, BinaryenLiteralInt32(2 * CACHE_SLOTS));
    BinaryenExpressionRef init[2] = {
        BinaryenMemoryFill(mod, lget(0), BinaryenConst(mod, BinaryenLiteralInt32(0)),
                           BinaryenConst(mod, BinaryenLiteralInt32(2 * CACHE_SLOTS))),
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

static void rewrite(void)
{
    const char *lookup = BinaryenFunctionGetName(f_lookup);
    const char *popitem = BinaryenFunctionGetName(f_popitem);
    BinaryenType i32 = BinaryenTypeInt32(), none = BinaryenTypeNone();

    add_import("mpbox$map_lookup", "mpbox_map_lookup", 3, 1);
    add_import("mpbox$map_init", "mpbox_map_init", 2, 0);
    add_import("mpbox$popitem_pick", "mpbox_popitem_pick", 1, 1);
    add_import("mpbox$popitem_done", "mpbox_popitem_done", 2, 0);

    /* mp_map_lookup, with $c, $slot, $r, $t, $end, $k its first i32 locals
     * (0 at entry):
     *   if ((key & 3) && kind != REMOVE) {             our lookup cache
     *       c = cache ? cache : cache_new();
     *       if (c) {
     *           slot = c + 2 * ((key * MIX) >> (32 - CACHE_BITS));
     *           r = *(u16 *)slot;
     *           if (r < map->alloc && map->table[r].key == key) return &map->table[r];
     *       }
     *   }
     *   if (map->flags & 4) {                          ordered
     *       if (!(key & 3)) { saved = old[s]; old[s] = 0;
     *                         r = original(map, key, kind); old[s] = saved; return r; }
     *       r = original(map, key, kind);
     *   } else
     *       r = scan(map, key, kind) or host(map, key, kind);    (below)
     *   if (slot && r) *(u16 *)slot = (r - map->table) / 8;
     *   return r;
     * MicroPython's own cache (`old`: 128 one-byte slots at (key >> 2) &
     * 127, so 64 for interned strings, whose low three bits are fixed) is
     * too small for the names of a program and the library together, and
     * each hit divides by alloc. Ours has CACHE_SLOTS two-byte slots
     * spread by a multiplicative hash, compares instead of dividing, and
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
    enum { MAP, KEY, KIND, CACHE, SLOT, R, T, END, KEYAT };
    BinaryenExpressionRef (*C)(BinaryenModuleRef, struct BinaryenLiteral) = BinaryenConst;
#define K(v) C(mod, BinaryenLiteralInt32(v))
#define B(op, a, b) BinaryenBinary(mod, op, a, b)
#define LOAD32(ptr, off) BinaryenLoad(mod, 4, false, off, 4, i32, ptr)
#define OLD_SLOT()                                                                                                     \
    B(BinaryenAddInt32(), K(cache_addr), B(BinaryenAndInt32(), B(BinaryenShrUInt32(), lget(KEY), K(2)), K(cache_mask)))
#define NOT_POINTER() B(BinaryenAndInt32(), lget(KEY), K(3))
    BinaryenExpressionRef probe[] = {
        BinaryenLocalSet(mod, SLOT,
                         B(BinaryenAddInt32(), lget(CACHE),
                           B(BinaryenShlInt32(),
                             B(BinaryenShrUInt32(), B(BinaryenMulInt32(), lget(KEY), K((int32_t)CACHE_MIX)),
                               K(32 - CACHE_BITS)),
                             K(1)))),
        BinaryenLocalSet(mod, R, BinaryenLoad(mod, 2, false, 0, 2, i32, lget(SLOT))),
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
    BinaryenExpressionRef remember = BinaryenIf(
        mod, B(BinaryenAndInt32(), B(BinaryenNeInt32(), lget(SLOT), K(0)), B(BinaryenNeInt32(), lget(R), K(0))),
        BinaryenStore(mod, 2, 0, 2, lget(SLOT),
                      B(BinaryenShrUInt32(), B(BinaryenSubInt32(), lget(R), LOAD32(lget(MAP), 8)), K(3)), i32),
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
            BinaryenBreak(mod, "host", BinaryenUnary(mod, BinaryenEqZInt32(), scannable), NULL),
            BinaryenLocalSet(mod, T, LOAD32(lget(MAP), 8)),
            BinaryenLocalSet(mod, END, B(BinaryenAddInt32(), lget(T), B(BinaryenShlInt32(), LOAD32(lget(MAP), 4), K(3)))),
            BinaryenBlock(mod, "miss", &scan_loop, 1, none),
            BinaryenBreak(mod, "host", lget(KIND), NULL),
            BinaryenLocalSet(mod, R, K(0)),
            BinaryenBreak(mod, "found", NULL, NULL),
        },
        7, none);
    BinaryenExpressionRef hash_map = BinaryenBlock(
        mod, "found",
        (BinaryenExpressionRef[]){small, BinaryenLocalSet(mod, R, call("mpbox$map_lookup", b, 3, i32))}, 2, none);
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
    find_init();
    find_popitem();
    rewrite();
    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mp_map_lookup, mp_map_init and dict_popitem redirected to the host\n", prog,
            argv[1], argv[2]);
    return 0;
}
