/* sort — make list.sort and sorted() stable, as in CPython.
 *
 *   sort IN.wasm OUT.wasm
 *
 * MicroPython sorts with mp_quicksort(head, tail, key_fn, less_result), a
 * quicksort that reorders equal items and calls the key function at every
 * comparison. This tool hands it to the host (host/sort.c: keys computed
 * once, a stable merge sort). Run after guest/map (whose exports
 * mpbox_malloc0 and mpbox_free the host also uses) and before guest/fuel.
 *
 * Found structurally and verified, or the build stops:
 *   mp_quicksort    (i32 i32 i32 i32) -> (), calls itself, calls a
 *                   function with (i32.const 0, ...) and three operands
 *                   (mp_binary_op with MP_BINARY_OP_LESS) and a function with
 *                   (local.get 2, ...) and two operands (mp_call_function_1
 *                   with the key function).
 *   mp_obj_list_sort  its one caller, which passes
 *                   (select mp_const_false mp_const_true reverse) as the
 *                   last argument: the address of mp_const_true.
 * Rewrite: mp_quicksort's body becomes a call of env.mpbox_sort with the
 * same arguments. Exports: mpbox_binary_op, mpbox_call_function_1, and the
 * constants mpbox_binary_less (0) and mpbox_const_true.
 */
#include "match.h"

static BinaryenFunctionRef f_sort, f_binary_op, f_call1, f_caller;
static int32_t const_true, const_false;

static void find_sort(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 4, 0)) continue;
        collect(f);
        int self = 0;
        BinaryenFunctionRef less = NULL, call1 = NULL;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL)) continue;
            BinaryenFunctionRef t = callee(e);
            BinaryenIndex n = BinaryenCallGetNumOperands(e);
            if (t == f) self = 1;
            else if (n == 3 && has_sig(t, 3, 1) && is_const_eq(BinaryenCallGetOperandAt(e, 0), 0)) less = t;
            else if (n == 2 && has_sig(t, 2, 1) && is_local(BinaryenCallGetOperandAt(e, 0), 2)) call1 = t;
        }
        if (self && less && call1) {
            found(&f_sort, f, "mp_quicksort");
            f_binary_op = less;
            f_call1 = call1;
        }
    }
    if (!f_sort) mismatch("%s", "mp_quicksort not found");

    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || f == f_sort) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL) || callee(e) != f_sort) continue;
            found(&f_caller, f, "the caller of mp_quicksort");
            BinaryenExpressionRef sel = BinaryenCallGetOperandAt(e, 3);
            if (!is_id(sel, ID_SELECT) || !is_const(BinaryenSelectGetIfTrue(sel), &const_false) ||
                !is_const(BinaryenSelectGetIfFalse(sel), &const_true) || const_true == const_false)
                mismatch("%s", "mp_quicksort's caller does not pass (reverse ? mp_const_false : mp_const_true)");
        }
    }
    if (!f_caller) mismatch("%s", "mp_quicksort has no caller");
    if (!BinaryenGetExport(mod, "mpbox_malloc0") || !BinaryenGetExport(mod, "mpbox_free"))
        mismatch("%s", "mpbox_malloc0 and mpbox_free are not exported: run guest/map first");
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "sort", NULL);
    find_sort();

    add_import("mpbox$sort", "mpbox_sort", 4, 0);
    BinaryenExpressionRef a[4] = {lget(0), lget(1), lget(2), lget(3)};
    BinaryenFunctionSetBody(f_sort, call("mpbox$sort", a, 4, BinaryenTypeNone()));
    export_function(f_binary_op, "mpbox_binary_op");
    export_function(f_call1, "mpbox_call_function_1");
    export_const("mpbox_binary_less", 0);
    export_const("mpbox_const_true", const_true);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mp_quicksort redirected to the host\n", prog, argv[1], argv[2]);
    return 0;
}
