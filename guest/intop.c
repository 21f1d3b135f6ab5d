/* intop — small-int operators and list subscripts without the setjmp
 * trampoline.
 *
 *   intop IN.wasm OUT.wasm
 *
 * The interpreter's loop calls mp_binary_op for every `a + b`, `i < n` or
 * `x & 0xff`, and mp_obj_subscr for every `lst[i]` and `lst[i] = v`,
 * through invoke_iiii (guest/invoke: the loop calls setjmp, and both may
 * raise): a trip through the host's trampoline of about 45 instructions,
 * after which mp_binary_op spends about 50 more choosing its path and
 * mp_obj_subscr, list_subscr and mp_get_index about 140. Native
 * MicroPython calls them directly. On perf_bench's integer and list
 * programs these calls were a fifth of all instructions.
 *
 * This tool adds
 *   mpbox$int_binop(op, lhs, rhs): what mp_binary_op answers without
 *     allocating or raising, else 0 (never a result of mp_binary_op):
 *     - `is` of any two objects: True when they are the same word;
 *     - both small ints (MicroPython's (v << 1) | 1; v has 31 bits here):
 *       < > == <= >= != as True/False; | ^ & (and the in-place forms);
 *       + - * << (0 to 31 places) // % when the result is a small int
 *       again; >> by 0 or more places (31 and more give the sign); // and %
 *       round toward minus infinity as Python does, a zero divisor is left
 *       to mp_binary_op (its ZeroDivisionError).
 *     Results that leave the small-int range, negative shift counts, true
 *     division, powers and every other operand are left to mp_binary_op.
 *     The operator numbers are MicroPython's mp_binary_op_t, fixed by the
 *     bytecode format of v1.27 (LESS 0 ... IS 7, INPLACE_OR 9 ...
 *     INPLACE_MODULO 20, OR 22 ... MODULO 33).
 *   mpbox$subscr_load_item(base, index), mpbox$subscr_store_item(base,
 *     index): the address of base[index] for an exact list (or, for a
 *     load, an exact tuple) and a small-int index
 *     within it, negative ones counting from the end as mp_get_index does;
 *     else 0. Slices, other indices and types, subclasses, indices out of
 *     range (the IndexError) and deletions are left to mp_obj_subscr.
 * and retargets every `invoke_iiii(K, a, b, c)` whose K is mp_binary_op's
 * or mp_obj_subscr's slot in the function table (the interpreter's
 * BINARY_OP, LOAD_SUBSCR and STORE_SUBSCR) to a helper with the same
 * operands, mpbox$binop_invoke or mpbox$subscr_invoke, which returns the
 * fast answer (a store writes the item and returns None, as list_subscr
 * does), or else makes the same invoke and returns its result unchanged.
 * The caller then tests __THREW__ as before: a longjmp out of the callee
 * lands in the same trampoline and sets the same flag, and the helpers
 * neither touch it nor the shadow stack. Other callers of the two
 * functions are left alone: a fast path at their entries made every
 * interpreter call that declines it (floats, bytes) test twice.
 *
 * Found structurally and verified, or the build stops:
 *   mp_binary_op   the export mpbox_binary_op (guest/sort), (i32 x3) -> i32,
 *                  which tests the small-int tag (`i32.and (local.get 1)
 *                  (i32.const 1)`) and answers `is` with
 *                  (select True False ...), True being guest/sort's
 *                  mpbox_const_true (MicroPython's immediate objects:
 *                  True 3 << 3 | 6, False 1 << 3 | 6; None is 0 << 3 | 6);
 *   mp_obj_subscr  the one user of "'%s' object isn't subscriptable",
 *                  (i32 x3) -> i32 (MP_OBJ_SENTINEL, 4, asks for a load);
 *   tuple, list    mp_obj_get_array, the one user of "object '%s' isn't a
 *                  tuple or list", compares an object's type word with
 *                  &mp_type_tuple, then &mp_type_list, and calls for each a
 *                  getter (o, &len, &items) whose body is two stores: the
 *                  tuple's len at offset 4 and items from offset 8, the
 *                  list's len at offset 8 and items pointer at offset 12;
 *   invoke_iiii    the import env.invoke_iiii, (i32 x4) -> i32, called at
 *                  least once with each function's slot (a constant) first;
 *   the table      one table, filled by one active element segment at a
 *                  constant offset (as guest/invoke requires), holding
 *                  each function once.
 * Run after guest/binop and guest/setorder, before guest/invoke and
 * guest/fuel (which meters the new functions like all others: docs/fuel.md).
 */
#include "match.h"

#define OP_IS 7
#define NOPS 35 /* LESS 0 ... POWER 34 */

static BinaryenFunctionRef f_binop, f_subscr;
static const char *invoke_iiii;
static int32_t const_true, const_false;
static int32_t binop_slot = -1, subscr_slot = -1;
static int32_t type_tuple, type_list; /* &mp_type_tuple, &mp_type_list */

static BinaryenType I32, I64;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }
static BinaryenExpressionRef c64(int64_t v) { return BinaryenConst(mod, BinaryenLiteralInt64(v)); }
static BinaryenExpressionRef bin(BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b)
{
    return BinaryenBinary(mod, op, a, b);
}
static BinaryenExpressionRef get(BinaryenIndex i, BinaryenType t) { return BinaryenLocalGet(mod, i, t); }
static BinaryenExpressionRef set(BinaryenIndex i, BinaryenExpressionRef v) { return BinaryenLocalSet(mod, i, v); }
static BinaryenExpressionRef ret(BinaryenExpressionRef v) { return BinaryenReturn(mod, v); }
static BinaryenExpressionRef br(const char *label, BinaryenExpressionRef cond)
{
    return BinaryenBreak(mod, label, cond, NULL);
}
static BinaryenExpressionRef block(const char *label, BinaryenExpressionRef *items, BinaryenIndex n)
{
    return BinaryenBlock(mod, label, items, n, BinaryenTypeNone());
}
static BinaryenExpressionRef boolean(BinaryenExpressionRef cond)
{
    return BinaryenSelect(mod, cond, c32(const_true), c32(const_false), I32);
}

/* ---- finding ---------------------------------------------------------- */

static void find_binop(void)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, "mpbox_binary_op");
    if (!ex) mismatch("%s", "no export mpbox_binary_op: run guest/sort first");
    f_binop = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    if (!f_binop || !has_sig(f_binop, 3, 1)) mismatch("%s", "mpbox_binary_op is not (i32 x3) -> i32");

    BinaryenGlobalRef t = BinaryenGetGlobal(mod, exported_global("mpbox_const_true", "sort"));
    if (!is_const(BinaryenGlobalGetInitExpr(t), &const_true)) mismatch("%s", "mpbox_const_true is not a constant");

    int tag = 0, is_answer = 0;
    collect(f_binop);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_binary(e, BinaryenAndInt32()) && is_local(BinaryenBinaryGetLeft(e), 1) &&
            is_const_eq(BinaryenBinaryGetRight(e), 1))
            tag = 1;
        int32_t f;
        if (is_id(e, ID_SELECT) && is_const_eq(BinaryenSelectGetIfTrue(e), const_true) &&
            is_const(BinaryenSelectGetIfFalse(e), &f) && f != const_true) {
            if (is_answer && f != const_false) mismatch("%s", "mp_binary_op answers with two different False");
            const_false = f;
            is_answer = 1;
        }
    }
    if (!tag) mismatch("%s", "mp_binary_op does not test the small-int tag of its lhs");
    if (!is_answer) mismatch("%s", "mp_binary_op has no (select True False ...)");
    /* MicroPython's immediate objects (MP_OBJ_NEW_IMMEDIATE_OBJ): what the
     * new code assumes about every word it does not answer for. */
    if (const_true != (3 << 3 | 6) || const_false != (1 << 3 | 6))
        mismatch("%s", "True and False are not MicroPython's immediate objects");
}

static void find_invoke(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        const char *m = BinaryenFunctionImportGetModule(f);
        if (!m || strcmp(m, "env") != 0 || strcmp(BinaryenFunctionImportGetBase(f), "invoke_iiii") != 0) continue;
        if (!has_sig(f, 4, 1)) mismatch("%s", "env.invoke_iiii is not (i32 x4) -> i32");
        invoke_iiii = BinaryenFunctionGetName(f);
    }
    if (!invoke_iiii) mismatch("%s", "no import env.invoke_iiii");

    if (BinaryenGetNumElementSegments(mod) != 1) mismatch("%s", "not exactly one element segment");
    only_table();
    /* table_index: the segment is active at a constant offset and holds each once */
    binop_slot = table_index(BinaryenFunctionGetName(f_binop));
    subscr_slot = table_index(BinaryenFunctionGetName(f_subscr));
}

/* mp_obj_subscr(base, index, value): the one function that raises
 * "'%s' object isn't subscriptable", (i32 x3) -> i32. */
static void find_subscr(void)
{
    f_subscr = only_user(data_address("'%s' object isn't subscriptable"), "mp_obj_subscr");
    if (!has_sig(f_subscr, 3, 1)) mismatch("%s", "mp_obj_subscr is not (i32 x3) -> i32");
}

/* Whether g's body is `store(p1, LEN); store(p2, ITEMS)` with LEN
 * `i32.load offset=len_at (p0)` and ITEMS, with items_at >= 0,
 * `i32.load offset=items_at (p0)`, else `p0 + 8` (a tuple's items in
 * place). */
static int is_getter(BinaryenFunctionRef g, uint32_t len_at, int items_at)
{
    BinaryenExpressionRef b = BinaryenFunctionGetBody(g);
    if (!is_id(b, ID_BLOCK) || BinaryenBlockGetNumChildren(b) != 2) return 0;
    BinaryenExpressionRef s1 = BinaryenBlockGetChildAt(b, 0), s2 = BinaryenBlockGetChildAt(b, 1);
    if (!is_id(s1, ID_STORE) || !is_id(s2, ID_STORE) || BinaryenStoreGetOffset(s1) || BinaryenStoreGetOffset(s2) ||
        !is_local(BinaryenStoreGetPtr(s1), 1) || !is_local(BinaryenStoreGetPtr(s2), 2))
        return 0;
    BinaryenExpressionRef len = BinaryenStoreGetValue(s1), items = BinaryenStoreGetValue(s2);
    if (!is_id(len, ID_LOAD) || BinaryenLoadGetBytes(len) != 4 || BinaryenLoadGetOffset(len) != len_at ||
        !is_local(BinaryenLoadGetPtr(len), 0))
        return 0;
    if (items_at >= 0)
        return is_id(items, ID_LOAD) && BinaryenLoadGetBytes(items) == 4 &&
               BinaryenLoadGetOffset(items) == (uint32_t)items_at && is_local(BinaryenLoadGetPtr(items), 0);
    return is_binary(items, BinaryenAddInt32()) && is_local(BinaryenBinaryGetLeft(items), 0) &&
           is_const_eq(BinaryenBinaryGetRight(items), 8);
}

/* mp_obj_get_array(o, &len, &items), the one user of "object '%s' isn't a
 * tuple or list": it compares o's type with &mp_type_tuple, then with
 * &mp_type_list (`i32.ne ... (i32.const T)`), and calls for each a getter
 * (o, &len, &items): the tuple's len at offset 4 and items from offset 8,
 * the list's len at offset 8 and items pointer at offset 12. */
static void find_sequences(void)
{
    BinaryenFunctionRef f = only_user(data_address("object '%s' isn't a tuple or list"), "mp_obj_get_array");
    int32_t types[2];
    int ntypes = 0, tuple_at = -1, list_at = -1, ncalls = 0;
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        int32_t v;
        if (is_binary(e, BinaryenNeInt32()) && is_const(BinaryenBinaryGetRight(e), &v) && v > 0) {
            if (ntypes == 2) mismatch("%s", "mp_obj_get_array compares with more than two types");
            types[ntypes++] = v;
        }
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 3) continue;
        BinaryenFunctionRef g = callee(e);
        if (!is_defined(g) || !has_sig(g, 3, 0)) continue;
        if (is_getter(g, 4, -1)) tuple_at = ncalls;
        else if (is_getter(g, 8, 12)) list_at = ncalls;
        else continue;
        ncalls++;
    }
    if (ntypes != 2 || tuple_at != 0 || list_at != 1)
        mismatch("%s", "mp_obj_get_array does not test tuple, then list, with their getters");
    type_tuple = types[0];
    type_list = types[1];
}

/* ---- the new functions ---------------------------------------------- */

/* mpbox$int_binop(op, lhs, rhs): params 0-2; locals x 3, y 4 (the values),
 * q 5 (a quotient or remainder), wide 6 (i64: a result to box). */
static void add_int_binop(void)
{
    enum { OP, A, B, X, Y, Q, W };
    const char *names[] = {"lt", "gt", "eq", "le", "ge", "ne", "or", "xor", "and",
                           "lsh", "rsh", "add", "sub", "mul", "fdiv", "mod"};
    enum { LT, GT, EQ, LE, GE, NE, OR, XOR, AND, LSH, RSH, ADD, SUB, MUL, FDIV, MOD, NCASES };
    /* mp_binary_op_t -> case; -1: left to mp_binary_op */
    int of_op[NOPS];
    for (int i = 0; i < NOPS; i++) of_op[i] = -1;
    of_op[0] = LT, of_op[1] = GT, of_op[2] = EQ, of_op[3] = LE, of_op[4] = GE, of_op[5] = NE;
    for (int base = 9; base <= 22; base += 13) { /* INPLACE_OR..., OR... */
        of_op[base + 0] = OR, of_op[base + 1] = XOR, of_op[base + 2] = AND;
        of_op[base + 3] = LSH, of_op[base + 4] = RSH, of_op[base + 5] = ADD;
        of_op[base + 6] = SUB, of_op[base + 7] = MUL, of_op[base + 9] = FDIV, of_op[base + 11] = MOD;
    }
    const char *targets[NOPS];
    for (int i = 0; i < NOPS; i++) targets[i] = of_op[i] < 0 ? "fallback" : names[of_op[i]];

#define X_ get(X, I32)
#define Y_ get(Y, I32)
#define A_ get(A, I32)
#define B_ get(B, I32)
#define Q_ get(Q, I32)
#define WIDE(e) BinaryenUnary(mod, BinaryenExtendSInt32(), (e))
    BinaryenExpressionRef code[NCASES];
    code[LT] = ret(boolean(bin(BinaryenLtSInt32(), A_, B_)));
    code[GT] = ret(boolean(bin(BinaryenGtSInt32(), A_, B_)));
    code[EQ] = ret(boolean(bin(BinaryenEqInt32(), A_, B_)));
    code[LE] = ret(boolean(bin(BinaryenLeSInt32(), A_, B_)));
    code[GE] = ret(boolean(bin(BinaryenGeSInt32(), A_, B_)));
    code[NE] = ret(boolean(bin(BinaryenNeInt32(), A_, B_)));
    /* the tag bit is 1 in both: | and & keep it, ^ clears it */
    code[OR] = ret(bin(BinaryenOrInt32(), A_, B_));
    code[XOR] = ret(bin(BinaryenOrInt32(), bin(BinaryenXorInt32(), A_, B_), c32(1)));
    code[AND] = ret(bin(BinaryenAndInt32(), A_, B_));
    {   /* 0..31 places, in 64 bits (x has 31): then the range check */
        BinaryenExpressionRef s[] = {
            br("fallback", bin(BinaryenGtUInt32(), Y_, c32(31))),
            set(W, bin(BinaryenShlInt64(), WIDE(X_), WIDE(Y_))),
            br("fits", NULL),
        };
        code[LSH] = block(NULL, s, 3);
    }
    {   /* MicroPython shifts by 31 at most (the sign) */
        BinaryenExpressionRef n = BinaryenSelect(mod, bin(BinaryenGtSInt32(), Y_, c32(31)), c32(31), Y_, I32);
        BinaryenExpressionRef s[] = {
            br("fallback", bin(BinaryenLtSInt32(), Y_, c32(0))),
            ret(bin(BinaryenOrInt32(), bin(BinaryenShlInt32(), bin(BinaryenShrSInt32(), X_, n), c32(1)), c32(1))),
        };
        code[RSH] = block(NULL, s, 2);
    }
    {
        BinaryenExpressionRef s[] = {set(W, WIDE(bin(BinaryenAddInt32(), X_, Y_))), br("fits", NULL)};
        code[ADD] = block(NULL, s, 2);
    }
    {
        BinaryenExpressionRef s[] = {set(W, WIDE(bin(BinaryenSubInt32(), X_, Y_))), br("fits", NULL)};
        code[SUB] = block(NULL, s, 2);
    }
    {
        BinaryenExpressionRef s[] = {set(W, bin(BinaryenMulInt64(), WIDE(X_), WIDE(Y_))), br("fits", NULL)};
        code[MUL] = block(NULL, s, 2);
    }
    {   /* truncated quotient, one less when inexact and the signs differ
         * (x >= -2^30: no overflow) */
        BinaryenExpressionRef inexact = bin(BinaryenNeInt32(), bin(BinaryenRemSInt32(), X_, Y_), c32(0));
        BinaryenExpressionRef signs = bin(BinaryenLtSInt32(), bin(BinaryenXorInt32(), X_, Y_), c32(0));
        BinaryenExpressionRef s[] = {
            br("fallback", BinaryenUnary(mod, BinaryenEqZInt32(), Y_)),
            set(Q, bin(BinaryenDivSInt32(), X_, Y_)),
            set(W, WIDE(bin(BinaryenSubInt32(), Q_, bin(BinaryenAndInt32(), inexact, signs)))),
            br("fits", NULL),
        };
        code[FDIV] = block(NULL, s, 4);
    }
    {   /* the remainder takes the divisor's sign */
        BinaryenExpressionRef adjust = bin(BinaryenAndInt32(), bin(BinaryenNeInt32(), Q_, c32(0)),
                                           bin(BinaryenLtSInt32(), bin(BinaryenXorInt32(), Q_, Y_), c32(0)));
        BinaryenExpressionRef s[] = {
            br("fallback", BinaryenUnary(mod, BinaryenEqZInt32(), Y_)),
            set(Q, bin(BinaryenRemSInt32(), X_, Y_)),
            set(Q, bin(BinaryenAddInt32(), Q_, BinaryenSelect(mod, adjust, Y_, c32(0), I32))),
            ret(bin(BinaryenOrInt32(), bin(BinaryenShlInt32(), Q_, c32(1)), c32(1))),
        };
        code[MOD] = block(NULL, s, 4);
    }

    /* (block $fits (block $mod ... (block $lt (br_table ... op)) lt-code) ... mod-code) */
    BinaryenExpressionRef sw = BinaryenSwitch(mod, targets, NOPS, "fallback", get(OP, I32), NULL);
    BinaryenExpressionRef inner = block(names[0], &sw, 1);
    for (int c = 1; c < NCASES; c++) {
        BinaryenExpressionRef s[] = {inner, code[c - 1]};
        inner = block(names[c], s, 2);
    }
    BinaryenExpressionRef fits_items[] = {inner, code[NCASES - 1]};
    BinaryenExpressionRef fits = block("fits", fits_items, 2);

    /* -2^30 <= wide < 2^30: a small int */
    BinaryenExpressionRef out_of_range =
        bin(BinaryenGtUInt64(), bin(BinaryenAddInt64(), get(W, I64), c64(1 << 30)), c64(((int64_t)1 << 31) - 1));
    BinaryenExpressionRef boxed = bin(BinaryenOrInt32(),
                                      bin(BinaryenShlInt32(), BinaryenUnary(mod, BinaryenWrapInt64(), get(W, I64)), c32(1)),
                                      c32(1));
    BinaryenExpressionRef body_items[] = {
        BinaryenIf(mod, bin(BinaryenEqInt32(), get(OP, I32), c32(OP_IS)),
                   ret(boolean(bin(BinaryenEqInt32(), A_, B_))), NULL),
        br("fallback", BinaryenUnary(mod, BinaryenEqZInt32(), bin(BinaryenAndInt32(), bin(BinaryenAndInt32(), A_, B_), c32(1)))),
        set(X, bin(BinaryenShrSInt32(), A_, c32(1))),
        set(Y, bin(BinaryenShrSInt32(), B_, c32(1))),
        fits,
        br("fallback", out_of_range),
        ret(boxed),
    };
    BinaryenExpressionRef outer[] = {block("fallback", body_items, 7), c32(0)};
    BinaryenType vars[] = {I32, I32, I32, I64};
    BinaryenAddFunction(mod, "mpbox$int_binop", i32s(3), I32, vars, 4,
                        BinaryenBlock(mod, NULL, outer, 2, I32));
#undef X_
#undef Y_
#undef A_
#undef B_
#undef Q_
#undef WIDE
}

/* mpbox$binop_invoke(k, op, lhs, rhs): mpbox$int_binop's answer, else
 * invoke_iiii(k, op, lhs, rhs)'s result. */
static void add_binop_invoke(void)
{
    BinaryenExpressionRef fast_args[] = {lget(1), lget(2), lget(3)};
    BinaryenExpressionRef slow_args[] = {lget(0), lget(1), lget(2), lget(3)};
    BinaryenExpressionRef body = BinaryenIf(
        mod, BinaryenLocalTee(mod, 4, call("mpbox$int_binop", fast_args, 3, I32), I32), lget(4),
        call(invoke_iiii, slow_args, 4, I32));
    BinaryenType vars[] = {I32};
    BinaryenAddFunction(mod, "mpbox$binop_invoke", i32s(4), I32, vars, 1, body);
}

#define SENTINEL 4 /* MP_OBJ_SENTINEL: mp_obj_subscr's value for a load */
#define NONE (0 << 3 | 6) /* mp_const_none, an immediate object as True and False */

/* NAME(base, index): the address of base[index] for an exact list (or,
 * with tuples_too, an exact tuple) and a small-int index within it,
 * negative ones counting from the end as mp_get_index does; else 0. Two
 * copies, for loads and for stores: each has one caller, into which the C
 * compiler then folds it. Params 0-1; locals len 2, items 3, i 4. */
static void add_subscr_item(const char *name, int tuples_too)
{
    enum { BASE, INDEX, LEN, ITEMS, I };
    BinaryenExpressionRef type = BinaryenLoad(mod, 4, false, 0, 4, I32, get(BASE, I32));
    BinaryenExpressionRef list_items[] = {
        set(LEN, BinaryenLoad(mod, 4, false, 8, 4, I32, get(BASE, I32))),
        set(ITEMS, BinaryenLoad(mod, 4, false, 12, 4, I32, get(BASE, I32))),
    };
    BinaryenExpressionRef tuple_items[] = {
        br("fallback", bin(BinaryenNeInt32(), get(I, I32), c32(type_tuple))),
        set(LEN, BinaryenLoad(mod, 4, false, 4, 4, I32, get(BASE, I32))),
        set(ITEMS, bin(BinaryenAddInt32(), get(BASE, I32), c32(8))),
    };
    BinaryenExpressionRef other = tuples_too ? block(NULL, tuple_items, 3) : br("fallback", NULL);
    BinaryenExpressionRef items[] = {
        /* an object: a non-zero word with the two low bits clear */
        br("fallback", bin(BinaryenAndInt32(), get(BASE, I32), c32(3))),
        br("fallback", BinaryenUnary(mod, BinaryenEqZInt32(), get(BASE, I32))),
        br("fallback", BinaryenUnary(mod, BinaryenEqZInt32(), bin(BinaryenAndInt32(), get(INDEX, I32), c32(1)))),
        set(I, type),
        BinaryenIf(mod, bin(BinaryenEqInt32(), get(I, I32), c32(type_list)), block(NULL, list_items, 2), other),
        set(I, bin(BinaryenShrSInt32(), get(INDEX, I32), c32(1))),
        set(I, bin(BinaryenAddInt32(), get(I, I32),
                   BinaryenSelect(mod, bin(BinaryenLtSInt32(), get(I, I32), c32(0)), get(LEN, I32), c32(0), I32))),
        br("fallback", bin(BinaryenGeUInt32(), get(I, I32), get(LEN, I32))),
        ret(bin(BinaryenAddInt32(), get(ITEMS, I32), bin(BinaryenShlInt32(), get(I, I32), c32(2)))),
    };
    BinaryenExpressionRef outer[] = {block("fallback", items, 9), c32(0)};
    BinaryenType vars[] = {I32, I32, I32};
    BinaryenAddFunction(mod, name, i32s(2), I32, vars, 3, BinaryenBlock(mod, NULL, outer, 2, I32));
}

/* mpbox$subscr_invoke(k, base, index, value), local a 4:
 *     if (value == SENTINEL) { if (a = load_item(base, index)) return *a; }
 *     else if (value != NULL) { if (a = store_item(base, index)) { *a = value; return None; } }
 *     return invoke_iiii(k, base, index, value);
 * a store returns None as list_subscr does; NULL (a delete) always takes
 * the invoke. */
static void add_subscr_invoke(void)
{
    enum { K, BASE, INDEX, VALUE, A };
    BinaryenExpressionRef load_args[] = {lget(BASE), lget(INDEX)};
    BinaryenExpressionRef store_args[] = {lget(BASE), lget(INDEX)};
    BinaryenExpressionRef slow_args[] = {lget(K), lget(BASE), lget(INDEX), lget(VALUE)};
    BinaryenExpressionRef store_items[] = {
        BinaryenStore(mod, 4, 0, 4, lget(A), lget(VALUE), I32),
        ret(c32(NONE)),
    };
    BinaryenExpressionRef items[] = {
        BinaryenIf(mod, bin(BinaryenEqInt32(), lget(VALUE), c32(SENTINEL)),
                   BinaryenIf(mod, BinaryenLocalTee(mod, A, call("mpbox$subscr_load_item", load_args, 2, I32), I32),
                              ret(BinaryenLoad(mod, 4, false, 0, 4, I32, lget(A))), NULL),
                   BinaryenIf(mod, lget(VALUE),
                              BinaryenIf(mod,
                                         BinaryenLocalTee(mod, A, call("mpbox$subscr_store_item", store_args, 2, I32), I32),
                                         block(NULL, store_items, 2), NULL),
                              NULL)),
        call(invoke_iiii, slow_args, 4, I32),
    };
    BinaryenType vars[] = {I32};
    BinaryenAddFunction(mod, "mpbox$subscr_invoke", i32s(4), I32, vars, 1, BinaryenBlock(mod, NULL, items, 2, I32));
}

/* ---- the rewrites ---------------------------------------------------- */

/* Every invoke_iiii(slot, ...) becomes helper(slot, ...); returns how many. */
static size_t rewrite_invokes(int32_t slot, const char *helper, const char *what)
{
    size_t n = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || strcmp(BinaryenFunctionGetName(f), helper) == 0) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL) || strcmp(BinaryenCallGetTarget(e), invoke_iiii) != 0) continue;
            if (!is_const_eq(BinaryenCallGetOperandAt(e, 0), slot)) continue;
            BinaryenCallSetTarget(e, helper);
            n++;
        }
    }
    if (n == 0) mismatch("no invoke_iiii call of %s", what);
    return n;
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "intop", NULL);
    I32 = BinaryenTypeInt32();
    I64 = BinaryenTypeInt64();
    if (BinaryenGetFunction(mod, "mpbox$int_binop")) die("%s was already rewritten", argv[1]);
    find_binop();
    find_subscr();
    find_sequences();
    find_invoke();
    add_int_binop();
    add_binop_invoke();
    add_subscr_item("mpbox$subscr_load_item", 1);
    add_subscr_item("mpbox$subscr_store_item", 0);
    add_subscr_invoke();
    size_t binops = rewrite_invokes(binop_slot, "mpbox$binop_invoke", "mp_binary_op");
    size_t subscrs = rewrite_invokes(subscr_slot, "mpbox$subscr_invoke", "mp_obj_subscr");
    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr,
            "%s: %s -> %s: small-int operators and list/tuple subscripts answered before the trampoline at "
            "%zu + %zu invoke sites\n",
            prog, argv[1], argv[2], binops, subscrs);
    return 0;
}
