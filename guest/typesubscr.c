/* typesubscr — subscripting classes: list[int], dict[str, float], and a
 * class's __class_getitem__, as CPython.
 *
 *   typesubscr IN.wasm OUT.wasm
 *
 * MicroPython's mp_obj_subscr(base, index, value) raises "'%s' object
 * isn't subscriptable" when the type of base has no subscr slot (or its
 * slot declines) and value is MP_OBJ_SENTINEL (a load). Classes are such
 * objects: `Vector = list[float]` fails. This tool puts before that raise
 *
 *     if (mpbox_subscr_hook && (r = hook(base, index)) != hook) return r
 *
 * and before the raise of "'%s' object doesn't support item deletion"
 * (value MP_OBJ_NULL: `del base[index]`) the same call with a third
 * argument, 1 (a small int):
 *
 *     if (mpbox_subscr_hook && (r = hook(base, index, 1)) != hook) return r
 *
 * which deletes from a bytearray or an array as CPython does.
 * The hook (lib/python/_mpbox_generic.py) answers types.GenericAlias for
 * the built-in generic classes, calls __class_getitem__ of a class that
 * has one, raises CPython's TypeError for other classes, and answers
 * itself for what is not a class (the raise then goes on as before). base and index
 * are the function's first two parameters, kept in new locals at its entry
 * (the optimiser reuses the parameters' locals). The hook is called as
 * guest/slice calls its hook: through the table entry in the global
 * mpbox_format_call, the arguments on the guest's shadow stack. The global
 * mpbox_subscr_hook is set once while the start-up image is built
 * (js.mpbox_internal('subscr_hook', ID), core/internal.c); until then the
 * raise is as before.
 *
 * Found structurally and verified, or the build stops:
 *   the raise   the one call passing the address of "'%s' object isn't
 *               subscriptable", inside a function (i32, i32, i32) -> i32
 *               (mp_obj_subscr) that also passes the texts of the
 *               deletion and assignment raises (MicroPython's branches on
 *               value, so this one is the load's).
 * Run before guest/errtext (which replaces the texts' operands) and after
 * guest/numfmt (whose global mpbox_format_call it uses). */
#include "match.h"

#define HOOK_GLOBAL "mpbox_subscr_hook"
#define CALL_GLOBAL "mpbox_format_call"
#define LOAD_MSG "'%s' object isn't subscriptable"
#define DEL_MSG "'%s' object doesn't support item deletion"
#define STORE_MSG "'%s' object doesn't support item assignment"
#define ARGS_BYTES 16

static BinaryenFunctionRef f_subscr;
static BinaryenExpressionRef c_raise, c_del_raise;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static int passes(BinaryenFunctionRef f, int32_t addr)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL)) continue;
        for (BinaryenIndex a = 0; a < BinaryenCallGetNumOperands(e); a++)
            if (is_const_eq(BinaryenCallGetOperandAt(e, a), addr)) return 1;
    }
    return 0;
}

static void find(void)
{
    int32_t load = data_address(LOAD_MSG);
    const_use uses[4];
    if (const_uses(load, uses, 4) != 1) mismatch("%s", "the subscript text is not passed in exactly one call");
    f_subscr = uses[0].f;
    c_raise = uses[0].call;
    if (!has_sig(f_subscr, 3, 1)) mismatch("%s", "the subscript text is raised outside mp_obj_subscr");
    if (!passes(f_subscr, data_address(DEL_MSG)) || !passes(f_subscr, data_address(STORE_MSG)))
        mismatch("%s", "mp_obj_subscr does not raise the deletion and assignment texts");
    if (const_uses(data_address(DEL_MSG), uses, 4) != 1 || uses[0].f != f_subscr)
        mismatch("%s", "the deletion text is raised outside mp_obj_subscr or more than once");
    c_del_raise = uses[0].call;
}

/* if (hook) { r = hook(base, index[, 1]); if (r != hook) return r } with
 * base and index in locals s and s + 1, s + 2 the arguments' pointer */
static BinaryenExpressionRef hook_call(BinaryenIndex s, int deleting, const char *sp, const char *table,
                                       const char *call_global)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenIndex args = s + 2;
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, HOOK_GLOBAL, I), c32(deleting ? 3 : 2), c32(0), lget(args)};
    BinaryenExpressionRef seq[] = {
        BinaryenLocalSet(mod, args, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(args)),
        BinaryenStore(mod, 4, 0, 4, lget(args), lget(s), I),
        BinaryenStore(mod, 4, 4, 4, lget(args), lget(s + 1), I),
        BinaryenStore(mod, 4, 8, 4, lget(args), c32(1 << 1 | 1), I), /* the small int 1 */
        /* the result, kept in s (no longer needed: one hook runs per call) */
        BinaryenLocalSet(mod, s, BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I), call_args, 4,
                                                      i32s(4), I)),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(args), c32(ARGS_BYTES))),
        /* the hook answers itself for what is not its own */
        BinaryenIf(mod, BinaryenBinary(mod, BinaryenNeInt32(), lget(s), BinaryenGlobalGet(mod, HOOK_GLOBAL, I)),
                   BinaryenReturn(mod, lget(s)), NULL),
    };
    return BinaryenIf(mod, BinaryenGlobalGet(mod, HOOK_GLOBAL, I),
                      BinaryenBlock(mod, NULL, seq, sizeof seq / sizeof *seq, BinaryenTypeNone()), NULL);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "typesubscr", HOOK_GLOBAL);
    find();
    const char *sp = stack_pointer();
    const char *table = only_table();
    const char *call_global = exported_global(CALL_GLOBAL, "numfmt");
    add_exported_global(HOOK_GLOBAL);

    /* new locals: s base, s+1 index, s+2 the arguments' pointer */
    BinaryenIndex s = 3 + BinaryenFunctionGetNumVars(f_subscr);
    BinaryenExpressionRef body = BinaryenFunctionGetBody(f_subscr);
    for (int deleting = 0; deleting < 2; deleting++) {
        BinaryenExpressionRef raise = deleting ? c_del_raise : c_raise;
        BinaryenExpressionRef hook = hook_call(s, deleting, sp, table, call_global);
        BinaryenExpressionRef with = BinaryenBlock(mod, NULL, (BinaryenExpressionRef[]){hook, raise}, 2,
                                                   BinaryenExpressionGetType(raise));
        if (!replace_child(body, raise, with)) mismatch("%s", "a raise is not in a block or an if arm");
    }
    BinaryenExpressionRef entry[] = {BinaryenLocalSet(mod, s, lget(0)), BinaryenLocalSet(mod, s + 1, lget(1)), body};
    if (recreate_with_locals(f_subscr, 3, BinaryenBlock(mod, NULL, entry, 3, BinaryenFunctionGetResults(f_subscr))) != s)
        mismatch("%s", "local numbering");

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: subscripted classes and item deletions sent to the subscript hook\n", prog, argv[1],
            argv[2]);
    return 0;
}
