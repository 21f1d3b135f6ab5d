/* numfmt — route the guest's float printing and rounding to the host.
 *
 *   numfmt IN.wasm OUT.wasm
 *
 * MicroPython prints floats with its own digit generator, which is neither
 * shortest nor exact: repr(98.6) is '98.59999999999999', repr(5e-324) is
 * '4.940656458412465e-324', '%.2f' % 2.675 rounds the wrong way for some
 * inputs and '{:.20f}' pads with zeros instead of the binary value's digits.
 * This tool replaces the body of mp_print_float(print, f, fmt, flags, fill,
 * width, prec) so that the digits come from the import
 *
 *     env.mpbox_format_float(f64 x, i32 fmt, i32 flags, i32 fill, i32 width,
 *                            i32 prec, i32 buf, i32 cap) -> i32 length, or -1
 *
 * (host/numfmt.c: shortest round-trip repr, exact e/f/g/%, ',' and '_'
 * grouping of floats), and MicroPython's mp_print_strn still does the
 * padding as before. When the text does not fit the buffer (precisions of
 * several hundred digits), the original function runs instead.
 *
 * The format-spec parser of str.format turns a missing presentation type
 * into 'g', so '{:>10}' and '{:g}' look the same to mp_print_float, while
 * CPython prints repr() digits for the first. The parser's
 *     type = (type & 255) ? type : 'g'
 * is found as a select; its condition is kept in a new local, and the call
 * to mp_print_float in that function gets fmt | 0x100 when the type was
 * missing.
 *
 * round(x, n) goes to env.mpbox_round(f64 x, f64 n) -> f64 the same way
 * (see route_round).
 *
 * guest/wasm_tree.h (shared with the other rewriting tools) reads, walks
 * and writes the module. Everything is found by structure, not by name (the binary has no name
 * section), and checked: the tool fails loudly when the guest does not
 * match. */
#include "wasm_tree.h"

#define IMPORT_INTERNAL "mpbox$format_float"
#define IMPORT_BASE "mpbox_format_float"
#define ORIG_NAME "mpbox$print_float_orig"
#define ROUND_INTERNAL "mpbox$round"
#define ROUND_BASE "mpbox_round"
#define ROUTE_INTERNAL "mpbox$format_route"
#define ROUTE_BASE "mpbox_format_route"
#define SFMT_ORIG "mpbox$str_format_orig"
#define HOOK_GLOBAL "mpbox_format_hook"
#define HOOK_CALL_GLOBAL "mpbox_format_call"
/* Bytes of the guest's shadow stack the new body uses for the text. */
#define BUF_BYTES 512
/* Flags of MicroPython's printer (py/mpprint.h). */
#define PF_PAD_AFTER_SIGN 0x10
#define PF_SEP_MASK 0x1ff /* the flags below the grouping character */
/* Set in fmt when the format spec had no presentation type. */
#define FMT_NO_TYPE 0x100

static int is_type(BinaryenType t, const BinaryenType *want, uint32_t n)
{
    if (BinaryenTypeArity(t) != n) return 0;
    BinaryenType buf[16];
    if (n > 16) return 0;
    BinaryenTypeExpand(t, buf);
    for (uint32_t i = 0; i < n; i++)
        if (buf[i] != want[i]) return 0;
    return 1;
}

/* ---- a generic walk collecting the expressions a visitor asks for ---- */

typedef struct {
    BinaryenExpressionRef *v;
    size_t n, cap;
} exprs;

static void push(exprs *x, BinaryenExpressionRef e)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 16;
        x->v = realloc(x->v, x->cap * sizeof *x->v);
        if (!x->v) die("%s", "out of memory");
    }
    x->v[x->n++] = e;
}

/* All expressions below `e` (included) with id `id`, in pre-order. */
static void collect(BinaryenExpressionRef e, BinaryenExpressionId id, exprs *out)
{
    if (!e) return;
    if (BinaryenExpressionGetId(e) == id) push(out, e);
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n; i++) collect(child(e, i), id, out);
}

static int is_const_i32(BinaryenExpressionRef e, int32_t v)
{
    return BinaryenExpressionGetId(e) == ID_CONST && BinaryenExpressionGetType(e) == BinaryenTypeInt32() &&
           BinaryenConstGetValueI32(e) == v;
}

static int is_local_get(BinaryenExpressionRef e, BinaryenIndex *idx)
{
    if (BinaryenExpressionGetId(e) != ID_LOCAL_GET) return 0;
    *idx = BinaryenLocalGetGetIndex(e);
    return 1;
}

/* select(local X, 103 'g', i32.and(local X, 255)): the parser's default
 * presentation type. */
static int is_type_default(BinaryenExpressionRef sel)
{
    BinaryenIndex a, b;
    BinaryenExpressionRef cond = BinaryenSelectGetCondition(sel);
    if (!is_local_get(BinaryenSelectGetIfTrue(sel), &a) || !is_const_i32(BinaryenSelectGetIfFalse(sel), 'g'))
        return 0;
    if (BinaryenExpressionGetId(cond) != ID_BINARY || BinaryenBinaryGetOp(cond) != BinaryenAndInt32()) return 0;
    BinaryenExpressionRef l = BinaryenBinaryGetLeft(cond), r = BinaryenBinaryGetRight(cond);
    return is_local_get(l, &b) && b == a && is_const_i32(r, 255);
}

/* round(x, n) as MicroPython computes it:
 *     f64.div(f64.nearest(f64.mul(X, local.tee P (call pow (10.0, N)))), local.get P)
 * Returns X and N when `e` is that expression. */
static int is_round_ndigits(BinaryenExpressionRef e, BinaryenExpressionRef *x, BinaryenExpressionRef *n)
{
    if (BinaryenExpressionGetId(e) != ID_BINARY || BinaryenBinaryGetOp(e) != BinaryenDivFloat64()) return 0;
    BinaryenExpressionRef near = BinaryenBinaryGetLeft(e), right = BinaryenBinaryGetRight(e);
    if (BinaryenExpressionGetId(near) != ID_UNARY || BinaryenUnaryGetOp(near) != BinaryenNearestFloat64()) return 0;
    BinaryenExpressionRef mul = BinaryenUnaryGetValue(near);
    if (BinaryenExpressionGetId(mul) != ID_BINARY || BinaryenBinaryGetOp(mul) != BinaryenMulFloat64()) return 0;
    BinaryenExpressionRef tee = BinaryenBinaryGetRight(mul);
    if (BinaryenExpressionGetId(tee) != ID_LOCAL_SET || !BinaryenLocalSetIsTee(tee)) return 0;
    BinaryenIndex p;
    if (!is_local_get(right, &p) || p != BinaryenLocalSetGetIndex(tee)) return 0;
    BinaryenExpressionRef pow = BinaryenLocalSetGetValue(tee);
    if (BinaryenExpressionGetId(pow) != ID_CALL || BinaryenCallGetNumOperands(pow) != 2) return 0;
    BinaryenExpressionRef ten = BinaryenCallGetOperandAt(pow, 0);
    if (BinaryenExpressionGetId(ten) != ID_CONST || BinaryenExpressionGetType(ten) != BinaryenTypeFloat64() ||
        BinaryenConstGetValueF64(ten) != 10.0)
        return 0;
    *x = BinaryenBinaryGetLeft(mul);
    *n = BinaryenCallGetOperandAt(pow, 1);
    return 1;
}

/* Replaces MicroPython's round(x, n) (x * 10**n rounded, divided back:
 * round(2.675, 2) gives 2.68) by the import env.mpbox_round(x, n), which
 * rounds the exact binary value as CPython does. The expression must be
 * the operand of a call (the boxing of the result), found exactly once. */
static void route_round(BinaryenModuleRef m)
{
    BinaryenIndex nf = BinaryenGetNumFunctions(m);
    int found = 0;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(f);
        if (mod && *mod) continue;
        exprs c = {0};
        collect(BinaryenFunctionGetBody(f), ID_CALL, &c);
        for (size_t k = 0; k < c.n; k++) {
            BinaryenIndex no = BinaryenCallGetNumOperands(c.v[k]);
            for (BinaryenIndex a = 0; a < no; a++) {
                BinaryenExpressionRef x, n;
                if (!is_round_ndigits(BinaryenCallGetOperandAt(c.v[k], a), &x, &n)) continue;
                if (found++) die("%s", "more than one round(x, n) expression");
                BinaryenCallSetOperandAt(c.v[k], a,
                                         BinaryenCall(m, ROUND_INTERNAL, (BinaryenExpressionRef[]){x, n}, 2,
                                                      BinaryenTypeFloat64()));
            }
        }
        free(c.v);
    }
    if (!found) die("%s", "no round(x, n) expression found");
}

/* str.format(*args, **kwargs) with an argument whose class is defined in
 * Python (a date, a Decimal, the program's own class) goes to a Python
 * function that calls __format__ (lib/python/_mpbox_types.py); MicroPython
 * ignores __format__. mp_obj_str_format gets a new body:
 *
 *     if (format_hook && (n = env.mpbox_format_route(n_args, args, kwargs)))
 *         return call_indirect[format_call](format_hook, n_args, n - 1, args)
 *     return original(n_args, args, kwargs)
 *
 * The import looks at the arguments' types in guest memory (cheap, no call
 * back) and answers n_kw + 1 when the call should go to Python (the keyword
 * pairs follow the positional arguments, as the hook's calling convention
 * wants). The two globals, exported, are set once while the start-up
 * image is built (js.mpbox_internal('format_hook', ...), core/internal.c): the
 * hook object and the table index of its type's call function. */
static void route_format(BinaryenModuleRef m, BinaryenFunctionRef sfmt, const char *sp)
{
    (void)sp;
    const BinaryenType I = BinaryenTypeInt32();
    if (BinaryenGetNumTables(m) != 1) die("%s", "the guest does not have exactly one table");
    const char *table = BinaryenTableGetName(BinaryenGetTableByIndex(m, 0));
    if (BinaryenGetGlobal(m, HOOK_GLOBAL) || BinaryenGetGlobal(m, HOOK_CALL_GLOBAL))
        die("%s", "the guest already has the format hook globals");
    BinaryenAddGlobal(m, HOOK_GLOBAL, I, true, BinaryenConst(m, BinaryenLiteralInt32(0)));
    BinaryenAddGlobalExport(m, HOOK_GLOBAL, HOOK_GLOBAL);
    BinaryenAddGlobal(m, HOOK_CALL_GLOBAL, I, true, BinaryenConst(m, BinaryenLiteralInt32(0)));
    BinaryenAddGlobalExport(m, HOOK_CALL_GLOBAL, HOOK_CALL_GLOBAL);
    BinaryenAddFunctionImport(m, ROUTE_INTERNAL, "env", ROUTE_BASE, BinaryenTypeCreate((BinaryenType[]){I, I, I}, 3), I);

    add_function_like(m, sfmt, SFMT_ORIG, BinaryenFunctionGetBody(sfmt));

#define LG(i) BinaryenLocalGet(m, (i), I)
    BinaryenIndex N = 3;
    BinaryenExpressionRef route_args[3] = {LG(0), LG(1), LG(2)};
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(m, HOOK_GLOBAL, I), LG(0),
                                          BinaryenBinary(m, BinaryenSubInt32(), LG(N), BinaryenConst(m, BinaryenLiteralInt32(1))),
                                          LG(1)};
    BinaryenExpressionRef hooked = BinaryenReturn(
        m, BinaryenCallIndirect(m, table, BinaryenGlobalGet(m, HOOK_CALL_GLOBAL, I), call_args, 4,
                                BinaryenTypeCreate((BinaryenType[]){I, I, I, I}, 4), I));
    BinaryenExpressionRef try_route = BinaryenBlock(
        m, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(m, N, BinaryenCall(m, ROUTE_INTERNAL, route_args, 3, I)),
            BinaryenIf(m, LG(N), hooked, NULL),
        },
        2, BinaryenTypeNone());
    BinaryenExpressionRef orig_args[3] = {LG(0), LG(1), LG(2)};
    BinaryenExpressionRef body[] = {
        BinaryenIf(m, BinaryenGlobalGet(m, HOOK_GLOBAL, I), try_route, NULL),
        BinaryenCall(m, SFMT_ORIG, orig_args, 3, I),
    };
#undef LG
    replace_function(m, sfmt, (BinaryenType[]){I}, 1, BinaryenBlock(m, NULL, body, 2, I));
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: numfmt IN.wasm OUT.wasm\n");
        return 2;
    }
    prog = "numfmt";
    init_ids();
    BinaryenModuleRef m = read_module(argv[1]);
    if (BinaryenGetFunction(m, IMPORT_INTERNAL) || BinaryenGetFunction(m, ORIG_NAME))
        die("%s was already rewritten", argv[1]);

    const BinaryenType I = BinaryenTypeInt32(), F = BinaryenTypeFloat64();
    const BinaryenType sig_print_float[] = {I, F, I, I, I, I, I};
    const BinaryenType sig_format_float[] = {F, I, I, I, I, I};
    const BinaryenType sig_print_strn[] = {I, I, I, I, I, I};

    /* mp_print_float: the only function of its signature, which calls
     * mp_format_float (the only callee of signature (f64, i32 x5) -> i32)
     * and mp_print_strn (i32 x6 -> i32). */
    BinaryenIndex nf = BinaryenGetNumFunctions(m);
    BinaryenFunctionRef pf = NULL;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(f);
        if ((mod && *mod) || !is_type(BinaryenFunctionGetResults(f), &I, 1) ||
            !is_type(BinaryenFunctionGetParams(f), sig_print_float, 7))
            continue;
        if (pf) die("%s", "more than one function looks like mp_print_float");
        pf = f;
    }
    if (!pf) die("%s", "no function looks like mp_print_float");
    const char *pf_name = BinaryenFunctionGetName(pf);
    exprs calls = {0};
    collect(BinaryenFunctionGetBody(pf), ID_CALL, &calls);
    const char *format_float = NULL, *print_strn = NULL;
    for (size_t i = 0; i < calls.n; i++) {
        BinaryenFunctionRef t = BinaryenGetFunction(m, BinaryenCallGetTarget(calls.v[i]));
        if (!t) die("%s", "call to an unknown function");
        if (is_type(BinaryenFunctionGetParams(t), sig_format_float, 6)) {
            if (format_float) die("%s", "mp_print_float calls more than one float formatter");
            format_float = BinaryenFunctionGetName(t);
        } else if (is_type(BinaryenFunctionGetParams(t), sig_print_strn, 6) &&
                   is_type(BinaryenFunctionGetResults(t), &I, 1)) {
            if (print_strn && strcmp(print_strn, BinaryenFunctionGetName(t)) != 0)
                die("%s", "mp_print_float calls more than one string printer");
            print_strn = BinaryenFunctionGetName(t);
        }
    }
    if (!format_float || !print_strn) die("%s", "mp_print_float does not call mp_format_float and mp_print_strn");
    /* The shadow-stack pointer: the global its prologue sets first. */
    exprs gsets = {0};
    collect(BinaryenFunctionGetBody(pf), ID_GLOBAL_SET, &gsets);
    if (gsets.n < 2) die("%s", "mp_print_float does not move the stack pointer");
    const char *sp = BinaryenGlobalSetGetName(gsets.v[0]);
    for (size_t i = 1; i < gsets.n; i++)
        if (strcmp(sp, BinaryenGlobalSetGetName(gsets.v[i])) != 0) die("%s", "mp_print_float sets another global");
    BinaryenGlobalRef spg = BinaryenGetGlobal(m, sp);
    if (!spg || BinaryenGlobalGetType(spg) != I || !BinaryenGlobalIsMutable(spg))
        die("%s", "the stack pointer is not a mutable i32 global");

    /* The str.format helper: the one caller of mp_print_float holding the
     * parser's default-type select; its one call of mp_print_float with a
     * local (not a constant) as fmt. */
    BinaryenFunctionRef helper = NULL;
    BinaryenExpressionRef helper_sel = NULL, helper_call = NULL;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(f);
        if ((mod && *mod) || f == pf) continue;
        exprs c = {0}, s = {0};
        collect(BinaryenFunctionGetBody(f), ID_CALL, &c);
        size_t ncalls = 0;
        BinaryenExpressionRef call = NULL;
        for (size_t k = 0; k < c.n; k++) {
            if (strcmp(BinaryenCallGetTarget(c.v[k]), pf_name) != 0) continue;
            BinaryenIndex ix;
            if (is_local_get(BinaryenCallGetOperandAt(c.v[k], 2), &ix)) {
                call = c.v[k];
                ncalls++;
            }
        }
        if (call) {
            collect(BinaryenFunctionGetBody(f), ID_SELECT, &s);
            for (size_t k = 0; k < s.n; k++) {
                if (!is_type_default(s.v[k])) continue;
                if (helper) die("%s", "more than one default-type select among mp_print_float's callers");
                if (ncalls != 1) die("%s", "the format helper calls mp_print_float more than once with a variable type");
                helper = f;
                helper_sel = s.v[k];
                helper_call = call;
            }
        }
        free(c.v);
        free(s.v);
    }
    if (!helper) die("%s", "no str.format helper found");

    /* mp_obj_str_format(n_args, args, kwargs): the one function besides
     * the helper itself that calls the helper. */
    const char *helper_name = BinaryenFunctionGetName(helper);
    BinaryenFunctionRef sfmt = NULL;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(f);
        if ((mod && *mod) || f == helper) continue;
        exprs c = {0};
        collect(BinaryenFunctionGetBody(f), ID_CALL, &c);
        for (size_t k = 0; k < c.n; k++)
            if (strcmp(BinaryenCallGetTarget(c.v[k]), helper_name) == 0) {
                if (sfmt && sfmt != f) die("%s", "more than one caller of the str.format helper");
                sfmt = f;
            }
        free(c.v);
    }
    const BinaryenType sig_sfmt[] = {I, I, I};
    if (!sfmt || !is_type(BinaryenFunctionGetParams(sfmt), sig_sfmt, 3) ||
        !is_type(BinaryenFunctionGetResults(sfmt), &I, 1))
        die("%s", "no mp_obj_str_format found");
    route_format(m, sfmt, sp);

    /* The helper: cond -> (local.tee $t cond); fmt -> fmt | (!$t << 8). */
    {
        BinaryenIndex t = BinaryenTypeArity(BinaryenFunctionGetParams(helper)) + BinaryenFunctionGetNumVars(helper);
        BinaryenSelectSetCondition(helper_sel, BinaryenLocalTee(m, t, BinaryenSelectGetCondition(helper_sel), I));
        BinaryenExpressionRef no_type =
            BinaryenBinary(m, BinaryenShlInt32(), BinaryenUnary(m, BinaryenEqZInt32(), BinaryenLocalGet(m, t, I)),
                           BinaryenConst(m, BinaryenLiteralInt32(8)));
        BinaryenCallSetOperandAt(helper_call, 2,
                                 BinaryenBinary(m, BinaryenOrInt32(), BinaryenCallGetOperandAt(helper_call, 2), no_type));
        replace_adding_locals(m, helper, 1, I, BinaryenFunctionGetBody(helper)); /* $t is its first new local */
    }

    /* The original mp_print_float, kept for texts that do not fit. */
    add_function_like(m, pf, ORIG_NAME, BinaryenFunctionGetBody(pf));
    BinaryenAddFunctionImport(m, IMPORT_INTERNAL, "env", IMPORT_BASE, BinaryenTypeCreate((BinaryenType[]){F, I, I, I, I, I, I, I}, 8), I);

    /* The new body. Params: 0 print, 1 f, 2 fmt, 3 flags, 4 fill, 5 width,
     * 6 prec; locals 7 buf, 8 n, 9 start, 10 r. */
    {
        BinaryenIndex B = 7, N = 8, S = 9, R = 10;
#define LG(i) BinaryenLocalGet(m, (i), I)
#define C(v) BinaryenConst(m, BinaryenLiteralInt32(v))
        BinaryenExpressionRef restore = BinaryenGlobalSet(m, sp, BinaryenBinary(m, BinaryenAddInt32(), LG(B), C(BUF_BYTES)));
        BinaryenExpressionRef orig_args[7];
        for (int k = 0; k < 7; k++) orig_args[k] = BinaryenLocalGet(m, (BinaryenIndex)k, sig_print_float[k]);
        BinaryenExpressionRef fallback = BinaryenBlock(
            m, NULL,
            (BinaryenExpressionRef[]){BinaryenGlobalSet(m, sp, BinaryenBinary(m, BinaryenAddInt32(), LG(B), C(BUF_BYTES))),
                                      BinaryenReturn(m, BinaryenCall(m, ORIG_NAME, orig_args, 7, I))},
            2, BinaryenTypeNone());
        BinaryenExpressionRef host_args[8] = {BinaryenLocalGet(m, 1, F), LG(2), LG(3), LG(4), LG(5), LG(6), LG(B), C(BUF_BYTES)};
        BinaryenExpressionRef sign_args[6] = {LG(0), LG(B), C(1), C(0), C(0), C(1)};
        BinaryenExpressionRef sign = BinaryenBlock(
            m, NULL,
            (BinaryenExpressionRef[]){
                BinaryenLocalSet(m, R, BinaryenCall(m, print_strn, sign_args, 6, I)),
                BinaryenLocalSet(m, S, BinaryenBinary(m, BinaryenAddInt32(), LG(B), C(1))),
                BinaryenLocalSet(m, N, BinaryenBinary(m, BinaryenSubInt32(), LG(N), C(1))),
                BinaryenLocalSet(m, 5, BinaryenBinary(m, BinaryenSubInt32(), LG(5), C(1))),
            },
            4, BinaryenTypeNone());
        BinaryenExpressionRef has_sign = BinaryenBinary(
            m, BinaryenAndInt32(),
            BinaryenBinary(m, BinaryenNeInt32(), BinaryenBinary(m, BinaryenAndInt32(), LG(3), C(PF_PAD_AFTER_SIGN)), C(0)),
            BinaryenBinary(m, BinaryenLtSInt32(), BinaryenLoad(m, 1, true, 0, 1, I, LG(B)), C('0')));
        /* Without the grouping character: the host already put zeros
         * between grouped digits, and MicroPython's zero padding for
         * grouped integers would add one more. */
        BinaryenExpressionRef print_args[6] = {LG(0), LG(S), LG(N), BinaryenBinary(m, BinaryenAndInt32(), LG(3), C(PF_SEP_MASK)),
                                               LG(4), LG(5)};
        BinaryenExpressionRef body[] = {
            BinaryenLocalSet(m, B, BinaryenBinary(m, BinaryenSubInt32(), BinaryenGlobalGet(m, sp, I), C(BUF_BYTES))),
            BinaryenGlobalSet(m, sp, LG(B)),
            BinaryenLocalSet(m, N, BinaryenCall(m, IMPORT_INTERNAL, host_args, 8, I)),
            BinaryenIf(m, BinaryenBinary(m, BinaryenLtSInt32(), LG(N), C(0)), fallback, NULL),
            BinaryenLocalSet(m, S, LG(B)),
            BinaryenLocalSet(m, R, C(0)),
            BinaryenIf(m, has_sign, sign, NULL),
            BinaryenLocalSet(m, R, BinaryenBinary(m, BinaryenAddInt32(), LG(R), BinaryenCall(m, print_strn, print_args, 6, I))),
            restore,
            LG(R),
        };
#undef LG
#undef C
        BinaryenExpressionRef block = BinaryenBlock(m, NULL, body, sizeof body / sizeof *body, I);
        /* Re-created under the same name (calls and the table refer to it
         * by name) with the 4 locals B, N, S, R after the 7 params. */
        replace_function(m, pf, (BinaryenType[]){I, I, I, I}, 4, block);
    }

    BinaryenAddFunctionImport(m, ROUND_INTERNAL, "env", ROUND_BASE, BinaryenTypeCreate((BinaryenType[]){F, F}, 2), F);
    route_round(m);

    write_module(m, argv[1], argv[2]);
    BinaryenModuleDispose(m);
    fprintf(stderr, "%s: %s -> %s: float printing and round(x, n) routed to the host\n", prog, argv[1], argv[2]);
    return 0;
}
