/* strrepr — repr() of str as CPython writes it.
 *
 *   strrepr IN.wasm OUT.wasm
 *
 * MicroPython's quoted-string printer escapes every character above ASCII
 * (repr('é') is '\xe9', repr('日本') is '\u65e5\u672c'); CPython prints the
 * printable ones as they are. The printer is inlined into uni_print(print,
 * self, kind), the print slot of str. This tool gives uni_print a new body
 * that, for the kinds the printer serves (all but PRINT_STR and
 * PRINT_JSON, which keep the original code), writes the text through the
 * import
 *
 *     env.mpbox_str_repr(i32 data, i32 len, i32 buf, i32 cap) -> i32 more
 *
 * (host/strrepr.c) in pieces of a buffer on the guest's shadow stack, each
 * printed with mp_print_str:
 *
 *     buf = sp -= BUF; data, len = GET_STR_DATA_LEN(self)
 *     buf[0] = buf[1] = 0                 // the host's state
 *     do more = mpbox_str_repr(data, len, buf, BUF); mp_print_str(print, buf + 8)
 *     while (more)
 *     sp += BUF
 *
 * (one host call for most strings, where the original printed character by
 * character). Found structurally and verified, or the build stops:
 *   uni_print       the one function (i32, i32, i32) -> () holding the
 *                   addresses of the texts "\\\\" and "\\U%08x" and a
 *                   br_table on its third parameter;
 *   qstr_data       its call with (i32.shr_u (local.get 1) (i32.const 3),
 *                   _) (an interned string's data; its length is stored
 *                   at the second operand);
 *   mp_print_str    its call with (_, "\\\\").
 * A heap string is {type, hash, len, data} (py/objstr.h). */
#include "match.h"

#define IMPORT_INTERNAL "mpbox$str_repr"
#define IMPORT_BASE "mpbox_str_repr"
#define ORIG_NAME "mpbox$uni_print_orig"
#define BUF_BYTES 256
/* py/obj.h: print kinds; an interned string's tag (low three bits). */
#define PRINT_STR 0
#define PRINT_JSON 3
#define QSTR_TAG 2

static BinaryenFunctionRef f_print, f_qstr_data, f_print_str;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static void find(void)
{
    int32_t backslashes = data_address("\\\\"), wide = data_address("\\U%08x");
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 0)) continue;
        collect(f);
        int has_bs = 0, has_wide = 0, has_switch = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            has_bs |= is_const_eq(e, backslashes);
            has_wide |= is_const_eq(e, wide);
            has_switch |= is_id(e, ID_SWITCH) && is_local(BinaryenSwitchGetCondition(e), 2);
        }
        if (has_bs && has_wide && has_switch) found(&f_print, f, "uni_print");
    }
    if (!f_print) mismatch("%s", "uni_print not found");
    collect(f_print);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 2) continue;
        BinaryenExpressionRef a0 = BinaryenCallGetOperandAt(e, 0), a1 = BinaryenCallGetOperandAt(e, 1);
        if (is_binary(a0, BinaryenShrUInt32()) && is_local(BinaryenBinaryGetLeft(a0), 1) &&
            is_const_eq(BinaryenBinaryGetRight(a0), 3) && has_sig(callee(e), 2, 1))
            found(&f_qstr_data, callee(e), "qstr_data");
        if (is_const_eq(a1, backslashes)) found(&f_print_str, callee(e), "mp_print_str");
    }
    if (!f_qstr_data || !f_print_str) mismatch("%s", "uni_print does not call qstr_data and mp_print_str");
    if (!has_sig(f_print_str, 2, 1) && !has_sig(f_print_str, 2, 0)) mismatch("%s", "mp_print_str's signature");
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "strrepr", NULL);
    if (BinaryenGetFunction(mod, IMPORT_INTERNAL)) die("%s was already rewritten", argv[1]);
    find();
    const BinaryenType I = BinaryenTypeInt32();
    const char *sp = stack_pointer();
    add_import(IMPORT_INTERNAL, IMPORT_BASE, 4, 1);

    /* The original, for PRINT_STR and PRINT_JSON. */
    add_function_like(mod, f_print, ORIG_NAME, BinaryenFunctionGetBody(f_print));

    /* Params 0 print, 1 self, 2 kind; locals 3 buf, 4 data, 5 len, 6 more. */
    const BinaryenIndex B = 3, D = 4, L = 5, M = 6;
    BinaryenExpressionRef orig_args[3] = {lget(0), lget(1), lget(2)};
    BinaryenExpressionRef keep = BinaryenBinary(mod, BinaryenOrInt32(),
                                                BinaryenBinary(mod, BinaryenEqInt32(), lget(2), c32(PRINT_STR)),
                                                BinaryenBinary(mod, BinaryenEqInt32(), lget(2), c32(PRINT_JSON)));
    BinaryenExpressionRef original = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){BinaryenCall(mod, ORIG_NAME, orig_args, 3, BinaryenTypeNone()), BinaryenReturn(mod, NULL)},
        2, BinaryenTypeNone());
    BinaryenExpressionRef is_qstr =
        BinaryenBinary(mod, BinaryenEqInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(1), c32(7)), c32(QSTR_TAG));
    BinaryenExpressionRef qd_args[2] = {BinaryenBinary(mod, BinaryenShrUInt32(), lget(1), c32(3)), lget(B)};
    BinaryenExpressionRef from_qstr = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, D, call(BinaryenFunctionGetName(f_qstr_data), qd_args, 2, I)),
            BinaryenLocalSet(mod, L, BinaryenLoad(mod, 4, false, 0, 4, I, lget(B))),
        },
        2, BinaryenTypeNone());
    BinaryenExpressionRef from_heap = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, L, BinaryenLoad(mod, 4, false, 8, 4, I, lget(1))),
            BinaryenLocalSet(mod, D, BinaryenLoad(mod, 4, false, 12, 4, I, lget(1))),
        },
        2, BinaryenTypeNone());
    BinaryenExpressionRef host_args[4] = {lget(D), lget(L), lget(B), c32(BUF_BYTES)};
    BinaryenExpressionRef ps_args[2] = {lget(0), BinaryenBinary(mod, BinaryenAddInt32(), lget(B), c32(8))};
    BinaryenExpressionRef print_piece = call(BinaryenFunctionGetName(f_print_str), ps_args, 2,
                                             BinaryenFunctionGetResults(f_print_str));
    if (BinaryenFunctionGetResults(f_print_str) != BinaryenTypeNone()) print_piece = BinaryenDrop(mod, print_piece);
    BinaryenExpressionRef loop_body = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, M, call(IMPORT_INTERNAL, host_args, 4, I)),
            print_piece,
            BinaryenBreak(mod, "mpbox$piece", lget(M), NULL),
        },
        3, BinaryenTypeNone());
    BinaryenExpressionRef body[] = {
        BinaryenIf(mod, keep, original, NULL),
        BinaryenLocalSet(mod, B, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(BUF_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(B)),
        BinaryenIf(mod, is_qstr, from_qstr, from_heap),
        BinaryenStore(mod, 4, 0, 4, lget(B), c32(0), I),
        BinaryenStore(mod, 4, 4, 4, lget(B), c32(0), I),
        BinaryenLoop(mod, "mpbox$piece", loop_body),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(B), c32(BUF_BYTES))),
    };
    replace_function(mod, f_print, (BinaryenType[]){I, I, I, I}, 4,
                     BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, BinaryenTypeNone()));

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: repr() of str routed to the host\n", prog, argv[1], argv[2]);
    return 0;
}
