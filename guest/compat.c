/* compat — eight doors into the guest for CPython behaviour that grafting
 * methods into built-in types (lib/python/_mpbox_types.py) cannot reach.
 *
 *   compat IN.wasm OUT.wasm
 *
 * Each door is an import of host/compat.c, called only on a path that is
 * rare or already slow, and only once the start-up image has handed the
 * host its table (the exported global mpbox_compat_table is not 0):
 *
 *   mp_load_method_maybe(obj, attr, dest): when the lookup found nothing
 *     (dest[0] is still MP_OBJ_NULL), env.mpbox_attr_more(obj, attr, dest,
 *     mp_obj_get_type(obj)) may fill dest: float.is_integer, property.fget, Class.__mro__ ...
 *   mp_call_function_n_kw(fun, n_args, n_kw, args): when keywords are
 *     passed, fun = env.mpbox_kw_fun(fun, n_args, n_kw, args), which
 *     answers a Python function
 *     with CPython's parameter names for built-ins that take positional
 *     arguments only (s.split(maxsplit=1), int(s, base=16)), else fun.
 *   dict_update(n_args, args, kwargs) (dict(x), d.update(x)): with a
 *     positional argument, args[1] = env.mpbox_dict_arg(args[1]), which
 *     turns a mapping of a Python class (Counter, a SectionProxy) into its
 *     (key, value) pairs, as CPython reads any object with keys().
 *   mp_obj_is_subclass_fast(a, b) (isinstance, issubclass, except): bool
 *     is a subclass of int, as in CPython (the two types are globals set
 *     while the image is built, mpbox_compat_bool and mpbox_compat_int).
 *   mp_call_function_n_kw, again: a call of `type` with three positional
 *     arguments (the global mpbox_compat_type, set while the image is
 *     built) also asks env.mpbox_kw_fun, which answers a Python function
 *     when the namespace is not a plain dict with __module__
 *     (type("A", (), OrderedDict(...)), the module of the new class).
 *   mp_binary_op(op, lhs, rhs): for lhs + x, lhs += x and lhs % x with x
 *     an instance of a class defined in Python, and for z ** n and z **= n
 *     with z a complex or a float (the globals mpbox_compat_complex and
 *     mpbox_compat_float, set while the image is built),
 *     rhs = env.mpbox_operand(op, lhs, rhs), which answers the tuple
 *     inside an instance of a Python subclass of tuple (MicroPython's
 *     tuple + and % read such an instance as a tuple: its items would be
 *     the instance's own words); for a complex z it may answer the result
 *     itself (by repeated multiplication, as CPython: (1j)**2 is exactly
 *     -1; other exponents, and a negative float's fractional ones, by
 *     CPython's polar formula: (-8) ** (1/3) is
 *     (1.0000000000000002+1.7320508075688772j)), and then sets the global
 *     mpbox_operand_answered, which makes
 *     mp_binary_op return it.
 *   type_call(self, n_args, n_kw, args): for a type without make_new (its
 *     slot index byte is 0), fn = env.mpbox_make_new(self) may answer a
 *     Python function that stands in for the constructor (slice(1, 5, 2)),
 *     which is then called with the arguments instead of the raise "can't
 *     create '%q' instances".
 *   mp_obj_get_float(arg): its call of mp_obj_get_float_maybe goes to
 *     mpbox$float_maybe, which, when that fails, asks
 *     env.mpbox_float_arg(arg) for a float (an instance of a subclass of
 *     float, __float__, __index__) and converts that: math.sqrt(x),
 *     float(x), '%f' % x accept what CPython accepts.
 *
 * Found structurally and verified, or the build stops:
 *   mp_call_function_n_kw  (i32 x4) -> i32, uses the text "'%s' object
 *                   isn't callable" and calls through the table with its
 *                   four parameters in order.
 *   mp_load_method_maybe  (i32 x3) -> (), the function that the users of
 *                   the text "'%s' object has no attribute '%q'" that look
 *                   up (mp_load_method, mp_load_attr; not mp_store_attr)
 *                   call first, with their own three parameters; the
 *                   function it calls first with obj alone is
 *                   mp_obj_get_type.
 *   dict_update     (i32 x3) -> i32, the one user of the text "dict update
 *                   sequence has wrong length".
 *   mp_obj_is_subclass_fast  (i32 x2) -> i32, called by the one user of the
 *                   text "issubclass() arg 2 must be a class or a tuple of
 *                   classes" with that function's first parameter.
 *   mp_binary_op    the export mpbox_binary_op of guest/sort, (i32 x3) -> i32.
 *   type_call       (i32 x4) -> i32, the one user of "can't create '%q'
 *                   instances", reading the byte at self + 8 (the index of
 *                   the make_new slot).
 *   mp_obj_get_float  (i32) -> f64, the one user of "can't convert %s to
 *                   float"; its first call, (arg, &value) -> i32, is
 *                   mp_obj_get_float_maybe.
 * Run after guest/sort (whose exports mpbox_call_function_1 and
 * mpbox_binary_op it uses) and before guest/binop and guest/fuel.
 */
#include "match.h"

#define TABLE "mpbox_compat_table"
#define COUNT "mpbox_compat_count"
#define BOOL_TYPE "mpbox_compat_bool"
#define INT_TYPE "mpbox_compat_int"
#define TYPE_TYPE "mpbox_compat_type"
#define DICT_TYPE "mpbox_compat_dict"
/* mp_binary_op_t (py/runtime0.h, MicroPython 1.27): the operators whose
 * right operand the operand door sees */
#define OP_INPLACE_ADD 14
#define OP_ADD 27
#define OP_MODULO 33
#define OP_INPLACE_POWER 21
#define OP_POWER 34
/* the door's operators all lie in [OP_FIRST, OP_LAST] */
#define OP_FIRST OP_INPLACE_ADD
#define OP_LAST OP_POWER
#define ANSWERED "mpbox_operand_answered"
#define COMPLEX_TYPE "mpbox_compat_complex"
#define FLOAT_TYPE "mpbox_compat_float"
/* mp_obj_type_t.flags (the u16 at byte 4): classes defined in Python */
#define TYPE_FLAG_INSTANCE 0x0200

static BinaryenFunctionRef f_call, f_load, f_update, f_get_type, f_subclass, f_binop, f_type_call, f_get_float,
    f_float_maybe;
static BinaryenExpressionRef c_float_maybe; /* mp_obj_get_float's call of mp_obj_get_float_maybe */

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

/* The defined functions that use the constant `addr`. */
static size_t users(int32_t addr, BinaryenFunctionRef *out, size_t cap)
{
    size_t n = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_const_eq(nodes[k], addr)) {
                if (n == cap) mismatch("%s", "a message is used in too many functions");
                out[n++] = f;
                break;
            }
    }
    return n;
}

static int params_in_order(BinaryenExpressionRef *ops, BinaryenIndex n)
{
    for (BinaryenIndex i = 0; i < n; i++)
        if (!is_local(ops[i], i)) return 0;
    return 1;
}

/* Whether every return of mp_load_method_maybe follows a store to dest[0]
 * in its block (the __class__ and __next__ answers): then only the end of
 * its body can leave dest[0] unset. */
static int returns_set_dest(BinaryenFunctionRef f)
{
    collect(f);
    size_t returns = 0, covered = 0;
    for (size_t k = 0; k < nnodes; k++) {
        if (is_id(nodes[k], ID_RETURN)) returns++;
        if (!is_id(nodes[k], ID_BLOCK)) continue;
        BinaryenIndex n = BinaryenBlockGetNumChildren(nodes[k]);
        for (BinaryenIndex c = 1; c < n; c++) {
            BinaryenExpressionRef r = BinaryenBlockGetChildAt(nodes[k], c), st = BinaryenBlockGetChildAt(nodes[k], c - 1);
            if (is_id(r, ID_RETURN) && is_id(st, ID_STORE) && BinaryenStoreGetOffset(st) == 0 &&
                is_local(BinaryenStoreGetPtr(st), 2))
                covered++;
        }
    }
    return returns == covered;
}

static void find(void)
{
    BinaryenFunctionRef u[8];
    size_t n = users(data_address("'%s' object isn't callable"), u, 8);
    for (size_t i = 0; i < n; i++) {
        if (!has_sig(u[i], 4, 1)) continue;
        collect(u[i]);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL_INDIRECT) || BinaryenCallIndirectGetNumOperands(e) != 4) continue;
            BinaryenExpressionRef ops[4];
            for (BinaryenIndex a = 0; a < 4; a++) ops[a] = BinaryenCallIndirectGetOperandAt(e, a);
            if (params_in_order(ops, 4)) found(&f_call, u[i], "mp_call_function_n_kw");
        }
    }
    if (!f_call) mismatch("%s", "mp_call_function_n_kw not found");

    n = users(data_address("'%s' object has no attribute '%q'"), u, 8);
    for (size_t i = 0; i < n; i++) {
        collect(u[i]);
        BinaryenExpressionRef first = NULL;
        for (size_t k = 0; k < nnodes && !first; k++)
            if (is_id(nodes[k], ID_CALL)) first = nodes[k];
        if (!first || BinaryenCallGetNumOperands(first) != 3) continue; /* mp_store_attr */
        BinaryenExpressionRef ops[3];
        for (BinaryenIndex a = 0; a < 3; a++) ops[a] = BinaryenCallGetOperandAt(first, a);
        BinaryenFunctionRef t = callee(first);
        if (params_in_order(ops, 3) && has_sig(t, 3, 0)) found(&f_load, t, "mp_load_method_maybe");
    }
    if (!f_load) mismatch("%s", "mp_load_method_maybe not found");
    collect(f_load);
    for (size_t k = 0; k < nnodes && !f_get_type; k++)
        if (is_id(nodes[k], ID_CALL) && BinaryenCallGetNumOperands(nodes[k]) == 1 &&
            is_local(BinaryenCallGetOperandAt(nodes[k], 0), 0) && has_sig(callee(nodes[k]), 1, 1))
            f_get_type = callee(nodes[k]);
    if (!f_get_type) mismatch("%s", "mp_load_method_maybe does not call mp_obj_get_type(obj)");
    if (!returns_set_dest(f_load)) mismatch("%s", "mp_load_method_maybe returns without setting dest[0]");

    /* mp_obj_is_subclass_fast(object, classinfo): what the user of the text
     * "issubclass() arg 2 must be ..." (mp_obj_is_subclass) calls with its
     * first parameter and one more operand */
    n = users(data_address("issubclass() arg 2 must be a class or a tuple of classes"), u, 8);
    if (n != 1) mismatch("%s", "mp_obj_is_subclass not found");
    collect(u[0]);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 2 && is_local(BinaryenCallGetOperandAt(e, 0), 0) &&
            has_sig(callee(e), 2, 1))
            found(&f_subclass, callee(e), "mp_obj_is_subclass_fast");
    }
    if (!f_subclass) mismatch("%s", "mp_obj_is_subclass_fast not found");

    n = users(data_address("dict update sequence has wrong length"), u, 8);
    if (n != 1 || !has_sig(u[0], 3, 1)) mismatch("%s", "dict_update not found");
    f_update = u[0];

    /* type_call(self, n_args, n_kw, args): the one user of "can't create
     * '%q' instances", which reads the make_new slot's index byte of self */
    n = users(data_address("can't create '%q' instances"), u, 8);
    if (n != 1 || !has_sig(u[0], 4, 1)) mismatch("%s", "type_call not found");
    f_type_call = u[0];
    collect(f_type_call);
    int reads_slot = 0;
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_LOAD) && BinaryenLoadGetBytes(nodes[k]) == 1 && BinaryenLoadGetOffset(nodes[k]) == 8 &&
            is_local(BinaryenLoadGetPtr(nodes[k]), 0))
            reads_slot = 1;
    if (!reads_slot) mismatch("%s", "type_call does not read self's make_new slot index");

    /* mp_obj_get_float(arg) -> f64: the one user of "can't convert %s to
     * float"; its first call, (arg, &value) -> bool, is
     * mp_obj_get_float_maybe */
    n = users(data_address("can't convert %s to float"), u, 8);
    if (n != 1 || BinaryenFunctionGetParams(u[0]) != BinaryenTypeInt32() ||
        BinaryenFunctionGetResults(u[0]) != BinaryenTypeFloat64())
        mismatch("%s", "mp_obj_get_float not found");
    f_get_float = u[0];
    collect(f_get_float);
    for (size_t k = 0; k < nnodes && !c_float_maybe; k++)
        if (is_id(nodes[k], ID_CALL)) c_float_maybe = nodes[k];
    if (!c_float_maybe || BinaryenCallGetNumOperands(c_float_maybe) != 2 ||
        !is_local(BinaryenCallGetOperandAt(c_float_maybe, 0), 0) || !has_sig(callee(c_float_maybe), 2, 1))
        mismatch("%s", "mp_obj_get_float does not first call mp_obj_get_float_maybe(arg, &value)");
    f_float_maybe = callee(c_float_maybe);

    BinaryenExportRef ex = BinaryenGetExport(mod, "mpbox_binary_op");
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction())
        mismatch("%s", "mpbox_binary_op is not exported: run guest/sort first");
    f_binop = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    if (!f_binop || !has_sig(f_binop, 3, 1)) mismatch("%s", "mpbox_binary_op is not (i32 x3) -> i32");
}

/* local i holds a heap object: not 0, low two bits clear */
static BinaryenExpressionRef is_heap_obj(BinaryenIndex i)
{
    return BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenNeInt32(), lget(i), c32(0)),
                          BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(i), c32(3))));
}

static BinaryenExpressionRef table_set(void) { return BinaryenGlobalGet(mod, TABLE, BinaryenTypeInt32()); }

static BinaryenExpressionRef block(BinaryenExpressionRef *v, BinaryenIndex n, BinaryenType t)
{
    return BinaryenBlock(mod, NULL, v, n, t);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "compat", NULL);
    if (!BinaryenGetExport(mod, "mpbox_call_function_1"))
        mismatch("%s", "mpbox_call_function_1 is not exported: run guest/sort first");
    find();
    const BinaryenType I = BinaryenTypeInt32();
    if (BinaryenGetGlobal(mod, TABLE) || BinaryenGetGlobal(mod, COUNT)) mismatch("%s", "already rewritten");
    add_exported_global(TABLE);
    add_exported_global(COUNT);
    add_import("mpbox$attr_more", "mpbox_attr_more", 4, 0);
    add_import("mpbox$kw_fun", "mpbox_kw_fun", 4, 1);
    add_import("mpbox$dict_arg", "mpbox_dict_arg", 1, 1);
    add_import("mpbox$operand", "mpbox_operand", 3, 1);
    add_exported_global(TYPE_TYPE);
    add_exported_global(DICT_TYPE);

    /* mp_load_method_maybe: its three parameters kept in new locals (the
     * body reuses them), its body, then
     * if (dest[0] == 0 && table) attr_more(obj, attr, dest, mp_obj_get_type(obj))
     * (its early returns have set dest[0]: returns_set_dest) */
    {
        BinaryenIndex K = 3 + BinaryenFunctionGetNumVars(f_load);
        BinaryenExpressionRef t[1] = {lget(K)};
        BinaryenExpressionRef a[4] = {lget(K), lget(K + 1), lget(K + 2), call(BinaryenFunctionGetName(f_get_type), t, 1, I)};
        BinaryenExpressionRef missing = BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenLoad(mod, 4, false, 0, 4, I, lget(K + 2)));
        BinaryenExpressionRef more = BinaryenIf(mod, BinaryenBinary(mod, BinaryenAndInt32(), missing,
                                                                    BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0))),
                                                call("mpbox$attr_more", a, 4, BinaryenTypeNone()), NULL);
        BinaryenExpressionRef body[5] = {BinaryenLocalSet(mod, K, lget(0)), BinaryenLocalSet(mod, K + 1, lget(1)),
                                         BinaryenLocalSet(mod, K + 2, lget(2)), BinaryenFunctionGetBody(f_load), more};
        recreate_with_locals(f_load, 3, block(body, 5, BinaryenTypeNone()));
    }
    /* mp_call_function_n_kw:
     * if ((n_kw || (fun == type && n_args == 3)) && table) fun = kw_fun(fun, n_args, n_kw, args); */
    {
        BinaryenExpressionRef a[4] = {lget(0), lget(1), lget(2), lget(3)};
        BinaryenExpressionRef type3 = BinaryenBinary(
            mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenEqInt32(), lget(0), BinaryenGlobalGet(mod, TYPE_TYPE, I)),
            BinaryenBinary(mod, BinaryenEqInt32(), lget(1), c32(3)));
        BinaryenExpressionRef asks = BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenNeInt32(), lget(2), c32(0)),
                                                    type3);
        BinaryenExpressionRef route = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenAndInt32(), asks, BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0))),
            BinaryenLocalSet(mod, 0, call("mpbox$kw_fun", a, 4, I)), NULL);
        BinaryenExpressionRef body[2] = {route, BinaryenFunctionGetBody(f_call)};
        BinaryenFunctionSetBody(f_call, block(body, 2, I));
    }
    /* dict_update: if (n_args == 2 && table) args[1] = dict_arg(args[1]); */
    {
        BinaryenExpressionRef a[1] = {BinaryenLoad(mod, 4, false, 4, 4, I, lget(1))};
        BinaryenExpressionRef swap = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenEqInt32(), lget(0), c32(2)),
                                BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0))),
            BinaryenStore(mod, 4, 4, 4, lget(1), call("mpbox$dict_arg", a, 1, I), I), NULL);
        BinaryenExpressionRef body[2] = {swap, BinaryenFunctionGetBody(f_update)};
        BinaryenFunctionSetBody(f_update, block(body, 2, I));
    }

    /* mp_binary_op, in front of its body; the operator is tested first
     * (one subtraction, compare and shift: this is the guest's hottest
     * function) and the operand's type read only once it is known to be
     * a heap object:
     * if ((u32)(op - 14) < 21 && (DOOR_OPS >> (op - 14)) & 1 && table) {
     *     if (op is ** **=) {
     *         if (lhs && !(lhs & 3) ? lhs->type == complex || lhs->type == float && lhs->value < 0
     *             : (i32)lhs < 0 && (lhs & 1) && rhs && !(rhs & 3) && rhs->type == float) {
     *             rhs = operand(op, lhs, rhs);
     *             if (answered) { answered = 0; return rhs; }
     *         }
     *     } else if (rhs && !(rhs & 3) && rhs->type->flags & MP_TYPE_FLAG_INSTANCE_TYPE)
     *         rhs = operand(op, lhs, rhs);
     * } */
    {
        add_exported_global(ANSWERED);
        add_exported_global(COMPLEX_TYPE);
        add_exported_global(FLOAT_TYPE);
        const int32_t door_ops = 1 << (OP_INPLACE_ADD - OP_FIRST) | 1 << (OP_INPLACE_POWER - OP_FIRST) |
                                 1 << (OP_ADD - OP_FIRST) | 1 << (OP_MODULO - OP_FIRST) | 1 << (OP_POWER - OP_FIRST);
        BinaryenExpressionRef rel = BinaryenBinary(mod, BinaryenSubInt32(), lget(0), c32(OP_FIRST));
        BinaryenExpressionRef in_range = BinaryenBinary(mod, BinaryenLtUInt32(), rel, c32(OP_LAST - OP_FIRST + 1));
        BinaryenExpressionRef in_mask = BinaryenBinary(
            mod, BinaryenAndInt32(),
            BinaryenBinary(mod, BinaryenShrUInt32(), c32(door_ops),
                           BinaryenBinary(mod, BinaryenSubInt32(), lget(0), c32(OP_FIRST))),
            c32(1));
        BinaryenExpressionRef is_pow = BinaryenBinary(mod, BinaryenOrInt32(),
                                                      BinaryenBinary(mod, BinaryenEqInt32(), lget(0), c32(OP_POWER)),
                                                      BinaryenBinary(mod, BinaryenEqInt32(), lget(0), c32(OP_INPLACE_POWER)));
        /* z ** n */
        BinaryenExpressionRef negative_float = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 0, 4, I, lget(1)), BinaryenGlobalGet(mod, FLOAT_TYPE, I)),
            BinaryenBinary(mod, BinaryenLtFloat64(), BinaryenLoad(mod, 8, false, 8, 8, BinaryenTypeFloat64(), lget(1)),
                           BinaryenConst(mod, BinaryenLiteralFloat64(0))),
            c32(0));
        BinaryenExpressionRef is_complex = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 0, 4, I, lget(1)), BinaryenGlobalGet(mod, COMPLEX_TYPE, I)),
            c32(1), negative_float);
        BinaryenExpressionRef b[3] = {lget(0), lget(1), lget(2)};
        BinaryenExpressionRef answer[2] = {BinaryenGlobalSet(mod, ANSWERED, c32(0)), BinaryenReturn(mod, lget(2))};
        BinaryenExpressionRef ask[2] = {
            BinaryenLocalSet(mod, 2, call("mpbox$operand", b, 3, I)),
            BinaryenIf(mod, BinaryenGlobalGet(mod, ANSWERED, I), block(answer, 2, BinaryenTypeNone()), NULL),
        };
        BinaryenExpressionRef int_of_float = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenLtSInt32(), lget(1), c32(0)),
                                BinaryenBinary(mod, BinaryenAndInt32(), lget(1), c32(1))),
            BinaryenIf(mod, is_heap_obj(2),
                       BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 0, 4, I, lget(2)),
                                      BinaryenGlobalGet(mod, FLOAT_TYPE, I)),
                       c32(0)),
            c32(0));
        BinaryenExpressionRef power = BinaryenIf(mod, BinaryenIf(mod, is_heap_obj(1), is_complex, int_of_float),
                                                 block(ask, 2, BinaryenTypeNone()), NULL);
        /* + += % of an instance of a Python class */
        BinaryenExpressionRef rhs_flags = BinaryenLoad(mod, 2, false, 4, 2, I, BinaryenLoad(mod, 4, false, 0, 4, I, lget(2)));
        BinaryenExpressionRef is_instance = BinaryenBinary(mod, BinaryenAndInt32(), rhs_flags, c32(TYPE_FLAG_INSTANCE));
        BinaryenExpressionRef a[3] = {lget(0), lget(1), lget(2)};
        BinaryenExpressionRef unwrap = BinaryenIf(
            mod, is_heap_obj(2), BinaryenIf(mod, is_instance, BinaryenLocalSet(mod, 2, call("mpbox$operand", a, 3, I)), NULL),
            NULL);
        BinaryenExpressionRef door = BinaryenIf(
            mod, in_range,
            BinaryenIf(mod, BinaryenBinary(mod, BinaryenAndInt32(), in_mask, BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0))),
                       BinaryenIf(mod, is_pow, power, unwrap), NULL),
            NULL);
        BinaryenExpressionRef body[2] = {door, BinaryenFunctionGetBody(f_binop)};
        BinaryenFunctionSetBody(f_binop, block(body, 2, I));
    }

    /* type_call: a type without make_new (slice) may have a stand-in:
     * if (!self->slot_index_make_new && table && (fn = make_new(self)))
     *     return mp_call_function_n_kw(fn, n_args, n_kw, args);
     * before its body (which has not touched the shadow stack yet) */
    {
        add_import("mpbox$make_new", "mpbox_make_new", 1, 1);
        BinaryenIndex F = 4 + BinaryenFunctionGetNumVars(f_type_call);
        BinaryenExpressionRef self[1] = {lget(0)};
        BinaryenExpressionRef a[4] = {lget(F), lget(1), lget(2), lget(3)};
        BinaryenExpressionRef no_make_new = BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenLoad(mod, 1, false, 8, 1, I, lget(0)));
        BinaryenExpressionRef ask = BinaryenIf(
            mod, BinaryenLocalTee(mod, F, call("mpbox$make_new", self, 1, I), I),
            BinaryenReturn(mod, call(BinaryenFunctionGetName(f_call), a, 4, I)), NULL);
        BinaryenExpressionRef door = BinaryenIf(
            mod, BinaryenBinary(mod, BinaryenAndInt32(), no_make_new, BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0))),
            ask, NULL);
        BinaryenExpressionRef body[2] = {door, BinaryenFunctionGetBody(f_type_call)};
        recreate_with_locals(f_type_call, 1, block(body, 2, I));
    }
    /* mp_obj_get_float's call of mp_obj_get_float_maybe goes to
     * mpbox$float_maybe(arg, p):
     *     if (maybe(arg, p)) return 1;
     *     if (table && (x = float_arg(arg))) return maybe(x, p);
     *     return 0;
     * (x is a float, or 0). Other callers keep the plain function: float's
     * own operators must see a float subclass as a foreign operand, so its
     * reflected method runs. */
    {
        add_import("mpbox$float_arg", "mpbox_float_arg", 1, 1);
        const char *maybe = BinaryenFunctionGetName(f_float_maybe);
        BinaryenExpressionRef a0[2] = {lget(0), lget(1)};
        BinaryenExpressionRef ax[2] = {lget(2), lget(1)};
        BinaryenExpressionRef arg[1] = {lget(0)};
        BinaryenExpressionRef body[3] = {
            BinaryenIf(mod, call(maybe, a0, 2, I), BinaryenReturn(mod, c32(1)), NULL),
            BinaryenIf(mod,
                       BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenNeInt32(), table_set(), c32(0)),
                                      BinaryenBinary(mod, BinaryenNeInt32(),
                                                     BinaryenLocalTee(mod, 2, call("mpbox$float_arg", arg, 1, I), I), c32(0))),
                       BinaryenReturn(mod, call(maybe, ax, 2, I)), NULL),
            c32(0),
        };
        BinaryenType vars[1] = {I};
        BinaryenAddFunction(mod, "mpbox$float_maybe", i32s(2), I, vars, 1, block(body, 3, I));
        BinaryenCallSetTarget(c_float_maybe, "mpbox$float_maybe");
    }

    /* mp_obj_is_subclass_fast: if (a == bool && b == int) return 1; then
     * its body; the two types are handed over while the image is built (0
     * until then) */
    {
        add_exported_global(BOOL_TYPE);
        add_exported_global(INT_TYPE);
        BinaryenExpressionRef is_bool_int = BinaryenBinary(
            mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenEqInt32(), lget(0), BinaryenGlobalGet(mod, BOOL_TYPE, I)),
            BinaryenBinary(mod, BinaryenEqInt32(), lget(1), BinaryenGlobalGet(mod, INT_TYPE, I)));
        BinaryenExpressionRef body[2] = {BinaryenIf(mod, is_bool_int, BinaryenReturn(mod, c32(1)), NULL),
                                         BinaryenFunctionGetBody(f_subclass)};
        BinaryenFunctionSetBody(f_subclass, block(body, 2, I));
    }

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: attribute, keyword, mapping, subclass and operand doors added\n", prog, argv[1], argv[2]);
    return 0;
}
