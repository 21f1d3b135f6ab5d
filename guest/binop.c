/* binop — CPython's fallbacks for the binary operators no type answers.
 *
 *   binop IN.wasm OUT.wasm
 *
 * When neither operand's type implements an operator, mp_binary_op raises
 * "unsupported types for __lt__: 'A', 'B'" (worded as CPython's by
 * guest/errtext). CPython first tries more: `a < b` falls back to the
 * reflected b.__gt__(a) (<= to >=, and back), bytearray and array
 * repeat with `*` and `*=`, and dict views (keys(), items()) take the set
 * operators | ^ & -. This tool sends that raise, for those operators only,
 * to a Python function (the hook, lib/python/_mpbox_binop.py):
 *
 *     if (mpbox_binop_hook && op is < > <= >= * | ^ & or -) {
 *         r = hook(op, lhs, rhs, entry_op)
 *         if (r != hook) return r;    // the hook answers itself: not mine
 *     }
 *     mp_raise_msg_varg(...)          // as before
 *
 * op, lhs and rhs are the operator and operands at the raise (mp_binary_op
 * has turned `*=` into `*` and swapped a reflected operator's operands
 * back by then); entry_op is the function's first parameter saved at its
 * entry, which tells `ba *= 2` (in place) from `ba * 2`. The hook is
 * called as guest/slice calls its own: through the table entry kept in the
 * global mpbox_format_call, with its arguments on the shadow stack. The
 * global mpbox_binop_hook is set once while the start-up image is built
 * (js.mpbox_internal('binop_hook', ID), core/internal.c). No other path of
 * mp_binary_op changes: the new code sits in front of its raise.
 *
 * The same hook hears of an attribute store or delete no type accepted:
 * mp_store_attr(base, attr, value) raises "'%s' object has no attribute
 * '%q'" when the type's attr slot left dest[0] set (a property without a
 * setter or deleter among the reasons). Before that raise,
 *
 *     if (mpbox_binop_hook) hook(STORE_ATTR, base, attr, value == NULL)
 *
 * with STORE_ATTR a number no operator has and attr as a qstr object; the
 * hook raises CPython's error ("property 'area' of 'Circle' object has no
 * setter") or returns, and the raise goes on as before.
 *
 * The same function enforces __slots__ (lib/python/_mpbox_slots.py) with
 * no Python frame on the common path. A class of the program whose
 * instances may set only some names keeps them, interned, in a tuple in
 * its own dict, under the name whose qstr the global mpbox_slots_key holds
 * (js.mpbox_internal('slots_key', 'Q TUPLE'), core/internal.c; the global
 * mpbox_slots_tuple holds &mp_type_tuple). At mp_store_attr's entry:
 *
 *     if (base is an object) {
 *         t = type of base
 *         if (t->flags & SLOTS_FLAG) {
 *             if (value != NULL && !mpbox$slots_allow(t, attr))
 *                 hook(SLOTS, base, attr, 0)  // raises, or returns for a
 *         }                                    // descriptor made later
 *         else if (attr is that name && t is `type` && base is a class
 *                  defined in Python && mpbox_binop_hook)
 *             set SLOTS_FLAG in base->flags (clear it on a delete)
 *     }
 *
 * mpbox$slots_allow(t, attr) finds the entry in t's own dict (the last one
 * where the class statement left it, else mp_map_lookup) and compares attr
 * with the tuple's items; it allows whatever it cannot read as such (no
 * entry, not a tuple): a program that rebinds the name gets wrong answers
 * at worst, never a wild read. Flag and tuple live in guest memory: the
 * start-up image, snapshots and rollback carry them. `type` is
 * guest/compat's global mpbox_compat_type.
 *
 * And it hears of a special method's result CPython refuses: in
 * instance_unary_op (the unary operators of a class defined in Python),
 * the result of mp_call_function_1(method, self) goes through
 *
 *     r = call(...)
 *     if (mpbox_binop_hook && (op == BOOL && r is no bool      // __bool__
 *                          || op == LEN && r is no small int >= 0
 *                          || op == HASH && r is no small int))
 *         r = hook(UNARY_RESULT, r, op, self)
 *
 * the hook raising CPython's error (__bool__ should return bool, returned
 * int; __len__() should return >= 0; ...) or answering the value to use
 * (a big int's hash, True as a length). True and False are immediate
 * objects in this build (MicroPython's MP_OBJ_NEW_IMMEDIATE_OBJ: 3 << 3 | 6
 * and 1 << 3 | 6); the hook answers a bool itself should that change.
 *
 * Found structurally and verified, or the build stops:
 *   mp_binary_op   the export mpbox_binary_op (guest/sort), (i32 x3) -> i32,
 *                  that sets the shadow-stack pointer at entry to a local F
 *                  = sp - N and restores it from F + N;
 *   the raise      its one call passing the address of "unsupported types
 *                  for %q: '%s', '%s'" (or, after guest/errtext, the text
 *                  mpbox$binop_text picks from it) and F, in a block that stores the
 *                  operator's name (a byte of a table indexed by local
 *                  OP, the operator) at F,
 *                  the type name of local LHS (a call of an (i32) -> i32
 *                  function T) at F + 4 and T(local RHS) at F + 8.
 *   mp_store_attr  the one user of "'%s' object has no attribute '%q'",
 *                  (i32 x3) -> (), whose first call has one operand
 *                  (mp_obj_get_type(base); the other users look up
 *                  first), with one call passing the text as operand 1.
 *   mp_map_lookup  the one defined (i32 x3) -> i32 function that calls the
 *                  import env.mpbox_map_lookup (guest/map).
 *   instance_unary_op  the one (i32, i32) -> i32 function besides
 *                  mp_unary_op (the user of guest/errtext's unop text,
 *                  whose va_list gets the byte at TABLE + op) that reads
 *                  a byte at TABLE + parameter 0 (mp_unary_op_method_name),
 *                  with one call of the export mpbox_call_function_1
 *                  (guest/sort).
 * Run after guest/numfmt (its global mpbox_format_call), guest/sort,
 * guest/map, guest/errtext and guest/compat (its globals). */
#include "match.h"

#define HOOK_GLOBAL "mpbox_binop_hook"
#define CALL_GLOBAL "mpbox_format_call"
#define UNSUPPORTED_MSG "unsupported types for %q: '%s', '%s'"
/* mp_binary_op_t (py/runtime0.h, MicroPython 1.27): the operators the
 * hook takes */
#define OP_LESS 0
#define OP_MORE 1
#define OP_LESS_EQUAL 3
#define OP_MORE_EQUAL 4
#define OP_OR 22
#define OP_XOR 23
#define OP_AND 24
#define OP_SUBTRACT 28
#define OP_MULTIPLY 29
#define HOOK_OPS (1u << OP_LESS | 1u << OP_MORE | 1u << OP_LESS_EQUAL | 1u << OP_MORE_EQUAL | 1u << OP_MULTIPLY | \
                  1u << OP_OR | 1u << OP_XOR | 1u << OP_AND | 1u << OP_SUBTRACT)
/* The hook's "operator" for a failed attribute store (no operator has it) */
#define OP_STORE_ATTR 100
#define NO_ATTR_MSG "'%s' object has no attribute '%q'"
/* ... and for a unary special method's result (mp_unary_op_t, py/runtime0.h) */
#define OP_UNARY_RESULT 101
#define UNARY_BOOL 4
#define UNARY_LEN 5
#define UNARY_HASH 6
#define UNOP_MSG "unsupported type for %q: '%s'"
#define OBJ_TRUE (3 << 3 | 6)
#define OBJ_FALSE (1 << 3 | 6)
/* ... and for a store __slots__ refuses */
#define OP_SLOTS 102
#define SLOTS_KEY_GLOBAL "mpbox_slots_key"
#define TYPE_GLOBAL "mpbox_compat_type"
#define SLOTS_TUPLE_GLOBAL "mpbox_slots_tuple"
#define SLOTS_ALLOW_FN "mpbox$slots_allow"
/* mp_obj_type_t (py/obj.h, MicroPython 1.27): flags (u16) at 4, the slot
 * index of locals_dict at 19, slot i at 16 + 4 * i; a dict's map at 4; a
 * map's word of flags and `used` (bits 3..31) at 0, its entries at 8; an
 * entry's value at 4; a tuple's length at 4, its items from 8 */
#define TYPE_FLAGS 4
#define SLOT_LOCALS 19
#define SLOTS_BASE 16
#define DICT_MAP 4
#define ELEM_VALUE 4
#define MAP_TABLE 8
#define TUPLE_LEN 4
#define TUPLE_ITEMS 8
/* MP_TYPE_FLAG_INSTANCE_TYPE, and a bit py/obj.h leaves free (guest/mro
 * takes 0x4000) */
#define TYPE_FLAG_INSTANCE 0x0200
#define SLOTS_FLAG 0x2000
/* Bytes of shadow stack for the hook's four arguments. */
#define ARGS_BYTES 16

static BinaryenFunctionRef f_binop;
static BinaryenExpressionRef raise_call, raise_block;
static BinaryenIndex frame_local, op_local, lhs_local, rhs_local;
static int32_t frame_bytes;
static const char *sp_global, *table, *call_global;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

/* global.set SP (local.tee F (i32.sub (global.get SP) (i32.const N))):
 * the frame's local and size. */
static int is_frame_entry(BinaryenExpressionRef e)
{
    if (!is_id(e, ID_GLOBAL_SET) || strcmp(BinaryenGlobalSetGetName(e), sp_global) != 0) return 0;
    BinaryenExpressionRef tee = BinaryenGlobalSetGetValue(e);
    if (!is_id(tee, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(tee)) return 0;
    BinaryenExpressionRef sub = BinaryenLocalSetGetValue(tee);
    int32_t n;
    if (!is_binary(sub, BinaryenSubInt32()) || !is_id(BinaryenBinaryGetLeft(sub), ID_GLOBAL_GET) ||
        strcmp(BinaryenGlobalGetGetName(BinaryenBinaryGetLeft(sub)), sp_global) != 0 ||
        !is_const(BinaryenBinaryGetRight(sub), &n) || n < 12 || n % 16)
        return 0;
    frame_local = BinaryenLocalSetGetIndex(tee);
    frame_bytes = n;
    return 1;
}

/* global.set SP (i32.add (local.get F) (i32.const N)) */
static int is_frame_exit(BinaryenExpressionRef e)
{
    if (!is_id(e, ID_GLOBAL_SET) || strcmp(BinaryenGlobalSetGetName(e), sp_global) != 0) return 0;
    BinaryenExpressionRef add = BinaryenGlobalSetGetValue(e);
    return is_binary(add, BinaryenAddInt32()) && is_local(BinaryenBinaryGetLeft(add), frame_local) &&
           is_const_eq(BinaryenBinaryGetRight(add), frame_bytes);
}

/* The store at F + offset in `blk` (a direct child), or NULL. */
static BinaryenExpressionRef frame_store(BinaryenExpressionRef blk, uint32_t offset)
{
    BinaryenExpressionRef got = NULL;
    for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(blk); i++) {
        BinaryenExpressionRef s = BinaryenBlockGetChildAt(blk, i);
        if (is_id(s, ID_STORE) && BinaryenStoreGetBytes(s) == 4 && BinaryenStoreGetOffset(s) == offset &&
            is_local(BinaryenStoreGetPtr(s), frame_local)) {
            if (got) mismatch("%s", "two stores at one offset of the raise's arguments");
            got = s;
        }
    }
    return got;
}

/* The local whose type name `v` is: T(local.get X), or local.get Y where a
 * direct child of `blk` sets Y = T(local.get X). T is checked to be one
 * function (i32) -> i32 for both operands. */
static BinaryenFunctionRef type_str_fn;
static BinaryenIndex type_name_of(BinaryenExpressionRef blk, BinaryenExpressionRef v)
{
    if (is_id(v, ID_LOCAL_GET)) {
        BinaryenIndex y = BinaryenLocalGetGetIndex(v);
        BinaryenExpressionRef set = NULL;
        for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(blk); i++) {
            BinaryenExpressionRef s = BinaryenBlockGetChildAt(blk, i);
            if (is_id(s, ID_LOCAL_SET) && !BinaryenLocalSetIsTee(s) && BinaryenLocalSetGetIndex(s) == y) {
                if (set) mismatch("%s", "a type name's local is set twice before the raise");
                set = s;
            }
        }
        if (!set) mismatch("%s", "a type name's local is not set before the raise");
        v = BinaryenLocalSetGetValue(set);
    }
    if (!is_id(v, ID_CALL) || BinaryenCallGetNumOperands(v) != 1 || !is_id(BinaryenCallGetOperandAt(v, 0), ID_LOCAL_GET))
        mismatch("%s", "an operand's type name is not T(local)");
    BinaryenFunctionRef t = callee(v);
    if (!has_sig(t, 1, 1)) mismatch("%s", "the type name function is not (i32) -> i32");
    found(&type_str_fn, t, "mp_obj_get_type_str");
    return BinaryenLocalGetGetIndex(BinaryenCallGetOperandAt(v, 0));
}

/* The block among f's expressions that has `target` as a direct child. */
static BinaryenExpressionRef parent_block(BinaryenExpressionRef target)
{
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_BLOCK)) continue;
        for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++)
            if (BinaryenBlockGetChildAt(e, i) == target) return e;
    }
    return NULL;
}

/* The raise's format: the message's address, or guest/errtext's import
 * env.mpbox_binop_text(op, va, <the address>), which picks CPython's text. */
static int is_message(BinaryenExpressionRef e, int32_t msg)
{
    if (is_const_eq(e, msg)) return 1;
    if (!is_id(e, ID_CALL)) return 0;
    BinaryenFunctionRef f = callee(e);
    const char *base = BinaryenFunctionImportGetBase(f);
    if (!base || strcmp(base, "mpbox_binop_text") != 0) return 0;
    BinaryenIndex n = BinaryenCallGetNumOperands(e);
    return n > 0 && is_const_eq(BinaryenCallGetOperandAt(e, n - 1), msg);
}

static void find(void)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, "mpbox_binary_op");
    if (!ex) mismatch("%s", "no export mpbox_binary_op: run guest/sort first");
    f_binop = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    if (!f_binop || !has_sig(f_binop, 3, 1)) mismatch("%s", "mpbox_binary_op is not (i32 x3) -> i32");

    sp_global = stack_pointer();
    table = only_table();
    call_global = exported_global(CALL_GLOBAL, "numfmt");

    int32_t msg = data_address(UNSUPPORTED_MSG);
    collect(f_binop);
    int entries = 0, exits = 0;
    for (size_t k = 0; k < nnodes; k++)
        if (is_frame_entry(nodes[k])) entries++;
    if (entries != 1) mismatch("%s", "mp_binary_op does not set up one shadow-stack frame");
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_frame_exit(e)) exits++;
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 3 && is_message(BinaryenCallGetOperandAt(e, 1), msg)) {
            if (raise_call) mismatch("%s", "mp_binary_op raises the unsupported-types message twice");
            raise_call = e;
        }
    }
    if (!exits) mismatch("%s", "mp_binary_op does not restore its frame");
    if (!raise_call) mismatch("%s", "mp_binary_op does not raise the unsupported-types message");
    if (!is_local(BinaryenCallGetOperandAt(raise_call, 2), frame_local))
        mismatch("%s", "the raise's arguments are not in the frame");
    raise_block = parent_block(raise_call);
    if (!raise_block) mismatch("%s", "the raise is not a child of a block");

    BinaryenExpressionRef name = frame_store(raise_block, 0), l = frame_store(raise_block, 4),
                          r = frame_store(raise_block, 8);
    if (!name || !l || !r) mismatch("%s", "the raise's three arguments are not stored before it");
    BinaryenExpressionRef op = BinaryenStoreGetValue(name);
    if (!is_id(op, ID_LOAD) || BinaryenLoadGetBytes(op) != 1 || BinaryenLoadIsSigned(op) ||
        !is_id(BinaryenLoadGetPtr(op), ID_LOCAL_GET))
        mismatch("%s", "the operator's name is not a byte of a table indexed by a local");
    op_local = BinaryenLocalGetGetIndex(BinaryenLoadGetPtr(op));
    lhs_local = type_name_of(raise_block, BinaryenStoreGetValue(l));
    rhs_local = type_name_of(raise_block, BinaryenStoreGetValue(r));
    if (lhs_local == rhs_local || op_local == lhs_local || op_local == rhs_local || op_local == frame_local ||
        lhs_local == frame_local || rhs_local == frame_local)
        mismatch("%s", "the operands' locals are not distinct");
}

/* An operator as a small int object: op << 1 | 1. */
static BinaryenExpressionRef small_int(BinaryenIndex local)
{
    return BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenShlInt32(), lget(local), c32(1)), c32(1));
}

#define NO_RESULT ((BinaryenIndex)-1)

/* hook(a[0], a[1], a[2], a[3]) with its arguments on the shadow stack at
 * local `tmp`, its result into local `result` (may be `tmp`) or dropped
 * (NO_RESULT): the statements, as a block. */
static BinaryenExpressionRef hook_seq(BinaryenIndex tmp, BinaryenExpressionRef a[4], BinaryenIndex result)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(4), c32(0), lget(tmp)};
    BinaryenExpressionRef called = BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I), call_args, 4,
                                                        i32s(4), I);
    BinaryenExpressionRef seq[] = {
        BinaryenLocalSet(mod, tmp, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp_global, I),
                                                  c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp_global, lget(tmp)),
        BinaryenStore(mod, 4, 0, 4, lget(tmp), a[0], I),
        BinaryenStore(mod, 4, 4, 4, lget(tmp), a[1], I),
        BinaryenStore(mod, 4, 8, 4, lget(tmp), a[2], I),
        BinaryenStore(mod, 4, 12, 4, lget(tmp), a[3], I),
        result == NO_RESULT ? BinaryenDrop(mod, called) : BinaryenLocalSet(mod, result, called),
        /* the callee has put the pointer back to tmp */
        BinaryenGlobalSet(mod, sp_global, BinaryenBinary(mod, BinaryenAddInt32(), BinaryenGlobalGet(mod, sp_global, I),
                                                         c32(ARGS_BYTES))),
    };
    return BinaryenBlock(mod, NULL, seq, sizeof seq / sizeof *seq, BinaryenTypeNone());
}

/* The hook in front of the raise; the operator at entry is in local
 * `entry_op`, `tmp` is a scratch local. */
static BinaryenExpressionRef hook_call(BinaryenIndex entry_op, BinaryenIndex tmp)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenExpressionRef wanted = BinaryenBinary(
        mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenLtUInt32(), lget(op_local), c32(32)),
        BinaryenBinary(mod, BinaryenAndInt32(),
                       BinaryenBinary(mod, BinaryenShrUInt32(), c32((int32_t)HOOK_OPS), lget(op_local)),
                       c32(1)));
    BinaryenExpressionRef answered[] = {
        BinaryenGlobalSet(mod, sp_global, BinaryenBinary(mod, BinaryenAddInt32(), lget(frame_local), c32(frame_bytes))),
        BinaryenReturn(mod, lget(tmp)),
    };
    BinaryenExpressionRef a[4] = {small_int(op_local), lget(lhs_local), lget(rhs_local), small_int(entry_op)};
    BinaryenExpressionRef seq[] = {
        /* the result, kept in `tmp` (the arguments are no longer needed) */
        hook_seq(tmp, a, tmp),
        BinaryenIf(mod, BinaryenBinary(mod, BinaryenNeInt32(), lget(tmp), BinaryenGlobalGet(mod, HOOK_GLOBAL, I)),
                   BinaryenBlock(mod, NULL, answered, 2, BinaryenTypeNone()), NULL),
    };
    BinaryenExpressionRef cond = BinaryenBinary(
        mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(0)),
        wanted);
    return BinaryenIf(mod, cond, BinaryenBlock(mod, NULL, seq, sizeof seq / sizeof *seq, BinaryenTypeNone()), NULL);
}

/* mp_store_attr and its raise */
static BinaryenFunctionRef f_store;
static BinaryenExpressionRef store_raise;

static void find_store_attr(void)
{
    int32_t text = data_address(NO_ATTR_MSG);
    const_use uses[8];
    size_t n = const_uses(text, uses, 8);
    for (size_t u = 0; u < n; u++) {
        collect(uses[u].f);
        BinaryenExpressionRef first = NULL;
        for (size_t k = 0; k < nnodes && !first; k++)
            if (is_id(nodes[k], ID_CALL)) first = nodes[k];
        if (!first || BinaryenCallGetNumOperands(first) != 1 || !is_local(BinaryenCallGetOperandAt(first, 0), 0))
            continue;
        if (f_store) mismatch("%s", "two functions like mp_store_attr");
        f_store = uses[u].f;
        store_raise = uses[u].call;
        if (!has_sig(f_store, 3, 0) || uses[u].operand != 1 || BinaryenCallGetNumOperands(store_raise) != 3)
            mismatch("%s", "mp_store_attr's raise is not (type, format, va_list) in an (i32 x3) -> () function");
    }
    if (!f_store) mismatch("%s", "mp_store_attr not found");
}

/* hook(STORE_ATTR, base, attr, value == NULL), the parameters saved in
 * locals from `saved`, `tmp` a scratch local */
static BinaryenExpressionRef store_hook_call(BinaryenIndex saved, BinaryenIndex tmp)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenExpressionRef qstr_obj =
        BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenShlInt32(), lget(saved + 1), c32(3)), c32(2));
    BinaryenExpressionRef deleting = BinaryenBinary(
        mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenShlInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), lget(saved + 2)), c32(1)),
        c32(1));
    BinaryenExpressionRef a[4] = {c32(OP_STORE_ATTR << 1 | 1), lget(saved), qstr_obj, deleting};
    return BinaryenIf(mod, BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(0)),
                      hook_seq(tmp, a, NO_RESULT), NULL);
}

/* mp_map_lookup, for the __slots__ check */
static const char *map_lookup, *type_global;

static void find_map_lookup(void)
{
    BinaryenFunctionRef f_lookup = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 1)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            if (!is_id(nodes[k], ID_CALL)) continue;
            const char *base = BinaryenFunctionImportGetBase(callee(nodes[k]));
            if (base && strcmp(base, "mpbox_map_lookup") == 0) found(&f_lookup, f, "mp_map_lookup");
        }
    }
    if (!f_lookup) mismatch("%s", "no function calls env.mpbox_map_lookup: run guest/map first");
    map_lookup = BinaryenFunctionGetName(f_lookup);
}

static BinaryenExpressionRef ld(BinaryenExpressionRef ptr, uint32_t offset)
{
    return BinaryenLoad(mod, 4, false, offset, 4, BinaryenTypeInt32(), ptr);
}
static BinaryenExpressionRef bin(BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b)
{
    return BinaryenBinary(mod, op, a, b);
}
static BinaryenExpressionRef eqz(BinaryenExpressionRef a) { return BinaryenUnary(mod, BinaryenEqZInt32(), a); }
static BinaryenExpressionRef qstr_object(BinaryenExpressionRef q)
{
    return bin(BinaryenOrInt32(), bin(BinaryenShlInt32(), q, c32(3)), c32(2));
}

/* mpbox$slots_allow(type, attr) -> whether type's names allow attr (1
 * when type keeps no tuple of names under the key). The entry is found
 * where the class statement put it, the last of the dict's `used` ones,
 * else by mp_map_lookup; the tuple's items are interned names, compared
 * by identity. */
static void add_slots_allow(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    enum { TYPE, ATTR, MAP, N, V, P };
    BinaryenExpressionRef key = qstr_object(BinaryenGlobalGet(mod, SLOTS_KEY_GLOBAL, I));
    BinaryenExpressionRef own_dict =
        ld(bin(BinaryenAddInt32(), lget(TYPE), bin(BinaryenShlInt32(), lget(V), c32(2))), SLOTS_BASE);
    BinaryenExpressionRef lookup_args[3] = {lget(MAP), BinaryenExpressionCopy(key, mod), c32(0)};
    /* &entries[used - 1]: table + used * 8 - 8 */
    BinaryenExpressionRef last = bin(BinaryenAddInt32(), ld(lget(MAP), MAP_TABLE),
                                     bin(BinaryenSubInt32(), bin(BinaryenShlInt32(), lget(N), c32(3)), c32(8)));
    BinaryenExpressionRef at_last = bin(BinaryenAndInt32(), bin(BinaryenNeInt32(), lget(N), c32(0)),
                                        bin(BinaryenEqInt32(), ld(lget(V), 0), key));
    BinaryenExpressionRef looked_up[] = {
        BinaryenLocalSet(mod, V, call(map_lookup, lookup_args, 3, I)),
        BinaryenIf(mod, eqz(lget(V)), BinaryenReturn(mod, c32(1)), NULL),
    };
    BinaryenExpressionRef not_ptr = bin(BinaryenOrInt32(), eqz(lget(V)), bin(BinaryenAndInt32(), lget(V), c32(3)));
    BinaryenExpressionRef scan[] = {
        BinaryenBreak(mod, "slots_scanned", bin(BinaryenGeUInt32(), lget(P), lget(N)), NULL),
        BinaryenIf(mod, bin(BinaryenEqInt32(), ld(lget(P), 0), lget(ATTR)), BinaryenReturn(mod, c32(1)), NULL),
        BinaryenLocalSet(mod, P, bin(BinaryenAddInt32(), lget(P), c32(4))),
        BinaryenBreak(mod, "slots_scan", NULL, NULL),
    };
    BinaryenExpressionRef loop = BinaryenLoop(mod, "slots_scan", BinaryenBlock(mod, NULL, scan, 4, BinaryenTypeNone()));
    BinaryenExpressionRef body[] = {
        BinaryenLocalSet(mod, V, BinaryenLoad(mod, 1, false, SLOT_LOCALS, 1, I, lget(TYPE))),
        BinaryenIf(mod, eqz(lget(V)), BinaryenReturn(mod, c32(1)), NULL),
        BinaryenLocalSet(mod, MAP, bin(BinaryenAddInt32(), own_dict, c32(DICT_MAP))),
        BinaryenLocalSet(mod, N, bin(BinaryenShrUInt32(), ld(lget(MAP), 0), c32(3))),
        BinaryenLocalSet(mod, V, last),
        BinaryenIf(mod, eqz(at_last), BinaryenBlock(mod, NULL, looked_up, 2, BinaryenTypeNone()), NULL),
        BinaryenLocalSet(mod, V, ld(lget(V), ELEM_VALUE)),
        BinaryenIf(mod, not_ptr, BinaryenReturn(mod, c32(1)), NULL),
        BinaryenIf(mod, bin(BinaryenNeInt32(), ld(lget(V), 0), BinaryenGlobalGet(mod, SLOTS_TUPLE_GLOBAL, I)),
                   BinaryenReturn(mod, c32(1)), NULL),
        /* the items from P to N, attr as an object */
        BinaryenLocalSet(mod, P, bin(BinaryenAddInt32(), lget(V), c32(TUPLE_ITEMS))),
        BinaryenLocalSet(mod, N, bin(BinaryenAddInt32(), lget(P), bin(BinaryenShlInt32(), ld(lget(V), TUPLE_LEN), c32(2)))),
        BinaryenLocalSet(mod, ATTR, qstr_object(lget(ATTR))),
        BinaryenBlock(mod, "slots_scanned", &loop, 1, BinaryenTypeNone()),
        c32(0),
    };
    BinaryenAddFunction(mod, SLOTS_ALLOW_FN, i32s(2), I, (BinaryenType[]){I, I, I, I}, 4,
                        BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, I));
}

/* The __slots__ check at mp_store_attr's entry: base, attr and value in
 * locals from `saved`, `t` and `tmp` scratch locals */
static BinaryenExpressionRef slots_check(BinaryenIndex saved, BinaryenIndex t, BinaryenIndex tmp)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenIndex base = saved, attr = saved + 1, value = saved + 2;
    BinaryenExpressionRef allow_args[2] = {lget(t), lget(attr)};
    BinaryenExpressionRef a[4] = {c32(OP_SLOTS << 1 | 1), lget(base), qstr_object(lget(attr)), c32(0 << 1 | 1)};
    BinaryenExpressionRef refused = BinaryenIf(
        mod, bin(BinaryenAndInt32(), bin(BinaryenNeInt32(), lget(value), c32(0)), eqz(call(SLOTS_ALLOW_FN, allow_args, 2, I))),
        hook_seq(tmp, a, NO_RESULT), NULL);
    BinaryenExpressionRef flags = BinaryenLoad(mod, 2, false, TYPE_FLAGS, 2, I, lget(base));
    BinaryenExpressionRef marked = BinaryenIf(mod, lget(value), bin(BinaryenOrInt32(), flags, c32(SLOTS_FLAG)),
                                              bin(BinaryenAndInt32(), BinaryenExpressionCopy(flags, mod), c32(~SLOTS_FLAG)));
    BinaryenExpressionRef is_class = bin(
        BinaryenAndInt32(), bin(BinaryenEqInt32(), lget(t), BinaryenGlobalGet(mod, type_global, I)),
        bin(BinaryenAndInt32(), bin(BinaryenNeInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(0)),
            bin(BinaryenNeInt32(),
                bin(BinaryenAndInt32(), BinaryenLoad(mod, 2, false, TYPE_FLAGS, 2, I, lget(base)), c32(TYPE_FLAG_INSTANCE)),
                c32(0))));
    BinaryenExpressionRef mark = BinaryenIf(
        mod, bin(BinaryenEqInt32(), lget(attr), BinaryenGlobalGet(mod, SLOTS_KEY_GLOBAL, I)),
        BinaryenIf(mod, is_class, BinaryenStore(mod, 2, TYPE_FLAGS, 2, lget(base), marked, I), NULL), NULL);
    BinaryenExpressionRef object[] = {
        BinaryenLocalSet(mod, t, ld(lget(base), 0)),
        BinaryenIf(mod,
                   bin(BinaryenAndInt32(), BinaryenLoad(mod, 2, false, TYPE_FLAGS, 2, I, lget(t)), c32(SLOTS_FLAG)),
                   refused, mark),
    };
    return BinaryenIf(mod, eqz(bin(BinaryenAndInt32(), lget(base), c32(3))),
                      BinaryenBlock(mod, NULL, object, 2, BinaryenTypeNone()), NULL);
}

/* Replaces `target`, an operand of any expression under `e`, by `with`. */
static int replace_operand(BinaryenExpressionRef e, BinaryenExpressionRef target, BinaryenExpressionRef with)
{
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n; i++) {
        BinaryenExpressionRef c = child(e, i);
        if (c == target) {
            set_child(e, i, with);
            return 1;
        }
        if (c && replace_operand(c, target, with)) return 1;
    }
    return 0;
}

/* instance_unary_op and its call of the method */
static BinaryenFunctionRef f_unary;
static BinaryenExpressionRef unary_call;

/* load8_u offset=T (local.get 0), or of (i32.add (local.get 0) T) */
static int is_name_byte(BinaryenExpressionRef e, int32_t *table_at)
{
    if (!is_id(e, ID_LOAD) || BinaryenLoadGetBytes(e) != 1 || BinaryenLoadIsSigned(e)) return 0;
    BinaryenExpressionRef p = BinaryenLoadGetPtr(e);
    if (is_local(p, 0) && BinaryenLoadGetOffset(e)) {
        *table_at = (int32_t)BinaryenLoadGetOffset(e);
        return 1;
    }
    return 0;
}

static void find_instance_unary_op(void)
{
    /* the method names' table, from mp_unary_op's raise */
    int32_t msg = data_address(UNOP_MSG);
    const_use uses[2];
    if (const_uses(msg, uses, 2) != 1) mismatch("%s", "the unsupported-type text is not used once: run guest/errtext first");
    BinaryenFunctionRef unary_op = uses[0].f;
    int32_t table_at = 0;
    collect(unary_op);
    for (size_t k = 0; k < nnodes && !table_at; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 1 && !BinaryenLoadIsSigned(e) && BinaryenLoadGetOffset(e) &&
            is_id(BinaryenLoadGetPtr(e), ID_LOCAL_GET))
            table_at = (int32_t)BinaryenLoadGetOffset(e);
    }
    if (!table_at) mismatch("%s", "mp_unary_op does not read the method names' table");
    BinaryenExportRef ex = BinaryenGetExport(mod, "mpbox_call_function_1");
    if (!ex) mismatch("%s", "no export mpbox_call_function_1: run guest/sort first");
    BinaryenFunctionRef call1 = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (f == unary_op || !is_defined(f) || !has_sig(f, 2, 1)) continue;
        collect(f);
        int reads = 0;
        BinaryenExpressionRef c = NULL;
        size_t calls = 0;
        for (size_t k = 0; k < nnodes; k++) {
            int32_t t;
            if (is_name_byte(nodes[k], &t) && t == table_at) reads++;
            if (is_id(nodes[k], ID_CALL) && callee(nodes[k]) == call1) c = nodes[k], calls++;
        }
        if (!reads) continue;
        if (f_unary) mismatch("%s", "two functions besides mp_unary_op read the unary method names");
        if (calls != 1) mismatch("%s", "instance_unary_op does not call mp_call_function_1 once");
        f_unary = f;
        unary_call = c;
    }
    if (!f_unary) mismatch("%s", "instance_unary_op not found");
}

/* the checked result of the method's call: `op` the local holding the
 * operator, `r` and `tmp` scratch locals */
static BinaryenExpressionRef unary_checked(BinaryenIndex op, BinaryenIndex self, BinaryenIndex r, BinaryenIndex tmp)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenExpressionRef is_op_[3];
    const int32_t ops[3] = {UNARY_BOOL, UNARY_LEN, UNARY_HASH};
    for (int i = 0; i < 3; i++) is_op_[i] = BinaryenBinary(mod, BinaryenEqInt32(), lget(op), c32(ops[i]));
    BinaryenExpressionRef small = BinaryenBinary(mod, BinaryenAndInt32(), lget(r), c32(1));
    BinaryenExpressionRef is_bool = BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenEqInt32(), lget(r), c32(OBJ_TRUE)),
                                                   BinaryenBinary(mod, BinaryenEqInt32(), lget(r), c32(OBJ_FALSE)));
    BinaryenExpressionRef bad = BinaryenIf(
        mod, is_op_[0], BinaryenUnary(mod, BinaryenEqZInt32(), is_bool),
        BinaryenIf(mod, is_op_[1],
                   BinaryenUnary(mod, BinaryenEqZInt32(),
                                 BinaryenBinary(mod, BinaryenAndInt32(), small,
                                                BinaryenBinary(mod, BinaryenGeSInt32(), lget(r), c32(0)))),
                   BinaryenSelect(mod, is_op_[2], BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenExpressionCopy(small, mod)),
                                  c32(0), I)));
    BinaryenExpressionRef a[4] = {c32(OP_UNARY_RESULT << 1 | 1), lget(r), small_int(op), lget(self)};
    BinaryenExpressionRef cond = BinaryenIf(mod, BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(0)),
                                            bad, c32(0));
    BinaryenExpressionRef body[] = {
        BinaryenLocalSet(mod, r, unary_call),
        BinaryenIf(mod, cond, hook_seq(tmp, a, r), NULL),
        lget(r),
    };
    return BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, I);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "binop", HOOK_GLOBAL);
    find();
    find_store_attr();
    find_instance_unary_op();
    find_map_lookup();
    type_global = exported_global(TYPE_GLOBAL, "compat");

    add_exported_global(HOOK_GLOBAL);
    add_exported_global(SLOTS_KEY_GLOBAL);
    add_exported_global(SLOTS_TUPLE_GLOBAL);
    add_slots_allow();

    BinaryenIndex op = 3 + BinaryenFunctionGetNumVars(f_binop), tmp = op + 1;
    BinaryenExpressionRef seq[2] = {hook_call(op, tmp), raise_call};
    BinaryenExpressionRef with = BinaryenBlock(mod, NULL, seq, 2, BinaryenTypeNone());
    BinaryenExpressionRef body = BinaryenFunctionGetBody(f_binop);
    if (!replace_child(body, raise_call, with)) mismatch("%s", "the raise is not in a block or an if arm");
    BinaryenExpressionRef entry[2] = {BinaryenLocalSet(mod, op, lget(0)), body};
    if (recreate_with_locals(f_binop, 2, BinaryenBlock(mod, NULL, entry, 2, BinaryenFunctionGetResults(f_binop))) != op)
        mismatch("%s", "local numbering");

    /* mp_store_attr: its three parameters saved at entry, the __slots__
     * check after them, the hook before its raise */
    BinaryenIndex saved = 3 + BinaryenFunctionGetNumVars(f_store), stmp = saved + 3, stype = saved + 4;
    BinaryenExpressionRef sseq[2] = {store_hook_call(saved, stmp), store_raise};
    BinaryenExpressionRef sbody = BinaryenFunctionGetBody(f_store);
    if (!replace_child(sbody, store_raise, BinaryenBlock(mod, NULL, sseq, 2, BinaryenTypeNone())))
        mismatch("%s", "mp_store_attr's raise is not in a block or an if arm");
    BinaryenExpressionRef sentry[] = {BinaryenLocalSet(mod, saved, lget(0)), BinaryenLocalSet(mod, saved + 1, lget(1)),
                                      BinaryenLocalSet(mod, saved + 2, lget(2)), slots_check(saved, stype, stmp), sbody};
    if (recreate_with_locals(f_store, 5, BinaryenBlock(mod, NULL, sentry, 5, BinaryenTypeNone())) != saved)
        mismatch("%s", "local numbering");

    /* instance_unary_op: op and self saved at entry, the method's result checked */
    BinaryenIndex uop = 2 + BinaryenFunctionGetNumVars(f_unary);
    BinaryenExpressionRef ubody = BinaryenFunctionGetBody(f_unary);
    BinaryenExpressionRef checked = unary_checked(uop, uop + 1, uop + 2, uop + 3);
    if (!replace_operand(ubody, unary_call, checked)) mismatch("%s", "instance_unary_op's call is in no place to replace");
    BinaryenExpressionRef uentry[] = {BinaryenLocalSet(mod, uop, lget(0)), BinaryenLocalSet(mod, uop + 1, lget(1)), ubody};
    if (recreate_with_locals(f_unary, 4, BinaryenBlock(mod, NULL, uentry, 3, BinaryenFunctionGetResults(f_unary))) != uop)
        mismatch("%s", "local numbering");

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mp_binary_op's unsupported-types raise, mp_store_attr's raise and __slots__ check, unary special methods' results sent to the binop hook (frame %d bytes)\n",
            prog, argv[1], argv[2], (int)frame_bytes);
    return 0;
}
