/* typerepr — repr() of classes with their module, as CPython writes it.
 *
 *   typerepr IN.wasm OUT.wasm
 *
 * MicroPython prints every class as <class 'Name'>; CPython writes
 * <class '__main__.Foo'>, <class 'collections.OrderedDict'>, and keeps
 * <class 'int'> for built-in types. MicroPython's type_print(print, self,
 * kind) is one call, mp_printf(print, "<class '%q'>", va) with the name's
 * qstr in va. This tool replaces the format operand of that call by
 *
 *     mpbox$type_fmt(self):
 *         if (!mpbox_type_repr_hook) return "<class '%q'>"
 *         r = hook(self)                 // bytes, NUL-terminated, or None
 *         return r is bytes ? r->data : "<class '%q'>"
 *
 * The hook (lib/python/_mpbox_typerepr.py) reads __module__ and
 * __qualname__ from the class's dict and answers a complete text (a '%'
 * doubled) or None for built-in types; it keeps the bytes alive until its
 * next call. It is called as guest/slice calls its hook: through the
 * table entry in the global mpbox_format_call, its one argument on the
 * guest's shadow stack. The global mpbox_type_repr_hook is set once while
 * the start-up image is built (js.mpbox_internal('type_repr_hook', ID),
 * core/internal.c); until then classes print as before.
 *
 * CPython prints the class inside a super object without its module:
 * str(super()) starts "<super: <class 'A'>". MicroPython's super_print
 * prints "<super: ", then its class with mp_obj_print_helper(print, type,
 * PRINT_STR). That one call is pointed at type_print itself with a print
 * kind MicroPython never passes (PLAIN_KIND); type_print hands its kind to
 * mpbox$type_fmt, which answers the plain format for it without calling
 * the hook. (The class of a super object is always a type: super_make_new
 * checks it, and every type prints through type_print.)
 *
 * An instance of a class without __repr__ or __str__ prints in
 * MicroPython's instance_print as mp_printf(print, "<%s object at %p>",
 * va) with the class's name and the address in va; CPython writes
 * <__main__.Plain object at 0x7f...>. That format operand becomes
 * mpbox$type_fmt(self, OBJECT_KIND), which asks the same hook with a second argument
 * (True): the hook answers a format that prints the qualified name and
 * skips the name in va ("<__main__.Plain object at 0x%.0s%p>"), or None
 * (the plain format then).
 *
 * Found structurally and verified, or the build stops:
 *   type_print  the one function (i32, i32, i32) -> () holding the address
 *               of "<class '%q'>", passed once as operand 1 of a call with
 *               three operands, the first the function's parameter 0.
 *   instance_print  the one function (i32, i32, i32) -> () holding the
 *               address of "<%s object at %p>", passed once as operand 1
 *               of a call with three operands, the first parameter 0.
 *   super_print the one function (i32, i32, i32) -> () holding the address
 *               of "<super: ", with exactly one call (print, load offset 4
 *               of self, 0): the class (mp_obj_super_t is {base, type, obj}).
 * self and kind (parameters 1 and 2) are saved in new locals at entry (the
 * optimiser may reuse the parameters' locals). A bytes object is {type, hash, len, data}
 * (py/objstr.h); an object pointer has its low two bits clear.
 * Run after guest/numfmt (whose global mpbox_format_call it uses). */
#include "match.h"

#define HOOK_GLOBAL "mpbox_type_repr_hook"
#define CALL_GLOBAL "mpbox_format_call"
#define FMT_FN "mpbox$type_fmt"
#define CLASS_FMT "<class '%q'>"
#define OBJECT_FMT "<%s object at %p>"
#define SUPER_PREFIX "<super: "
#define SUPER_TYPE_OFFSET 4
#define PLAIN_KIND 0x5350 /* MicroPython's kinds are 0..4 and 0x80 */
#define OBJECT_KIND 0x4f42 /* instance_print's call: another kind MicroPython never passes */
#define ARGS_BYTES 16

static BinaryenFunctionRef f_print, f_object_print;
static BinaryenExpressionRef c_printf, c_super_type, c_object_printf;
static int32_t fmt, object_fmt;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

/* The one call mp_printf(print, text, va) in a print function (i32, i32,
 * i32) -> () that passes the address of `text`. */
static BinaryenExpressionRef printf_of(const char *text, int32_t *address, BinaryenFunctionRef *f)
{
    *address = data_address(text);
    const_use uses[4];
    if (const_uses(*address, uses, 4) != 1) mismatch("the format %s is not passed in exactly one call", text);
    *f = uses[0].f;
    BinaryenExpressionRef c = uses[0].call;
    if (!has_sig(*f, 3, 0)) mismatch("the format %s is used outside a print function", text);
    if (uses[0].operand != 1 || BinaryenCallGetNumOperands(c) != 3 || !is_local(BinaryenCallGetOperandAt(c, 0), 0))
        mismatch("the print function of %s does not call mp_printf(print, format, va)", text);
    return c;
}

static void find(void)
{
    c_printf = printf_of(CLASS_FMT, &fmt, &f_print);
    c_object_printf = printf_of(OBJECT_FMT, &object_fmt, &f_object_print);
    if (f_object_print == f_print) mismatch("%s", "one function prints classes and instances");

    const_use super_uses[4];
    if (const_uses(data_address(SUPER_PREFIX), super_uses, 4) != 1 || !has_sig(super_uses[0].f, 3, 0))
        mismatch("%s", "super_print: the prefix is not used in one print function");
    collect(super_uses[0].f);
    size_t n_type = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 3) continue;
        BinaryenExpressionRef what = BinaryenCallGetOperandAt(e, 1);
        if (!is_local(BinaryenCallGetOperandAt(e, 0), 0) || !is_const_eq(BinaryenCallGetOperandAt(e, 2), 0) ||
            !is_id(what, ID_LOAD) || BinaryenLoadGetOffset(what) != SUPER_TYPE_OFFSET ||
            !is_local(BinaryenLoadGetPtr(what), 1))
            continue;
        c_super_type = e;
        n_type++;
    }
    if (n_type != 1) mismatch("%s", "super_print does not print its class in exactly one call");
}

/* mpbox$type_fmt(self, kind): the format for a class (the kind type_print
 * was given) or, with OBJECT_KIND, for an instance: the hook's answer,
 * asked with (self) or (self, 1), or the plain format. */
static void add_fmt_fn(const char *sp, const char *table, const char *call_global)
{
    const BinaryenType I = BinaryenTypeInt32();
    const BinaryenIndex KIND = 1, ARGS = 2, R = 3;
    BinaryenExpressionRef is_object = BinaryenBinary(mod, BinaryenEqInt32(), lget(KIND), c32(OBJECT_KIND));
    BinaryenExpressionRef plain = BinaryenSelect(mod, is_object, c32(object_fmt), c32(fmt), I);
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, HOOK_GLOBAL, I),
                                          BinaryenSelect(mod, BinaryenExpressionCopy(is_object, mod), c32(2), c32(1), I), c32(0),
                                          lget(ARGS)};
    BinaryenExpressionRef is_obj = BinaryenBinary(
        mod, BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(R), c32(3))),
        BinaryenBinary(mod, BinaryenNeInt32(), lget(R), c32(0)));
    BinaryenExpressionRef body[] = {
        BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I)),
                   BinaryenReturn(mod, BinaryenExpressionCopy(plain, mod)), NULL),
        BinaryenIf(mod, BinaryenBinary(mod, BinaryenEqInt32(), lget(KIND), c32(PLAIN_KIND)), BinaryenReturn(mod, c32(fmt)),
                   NULL),
        BinaryenLocalSet(mod, ARGS, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(ARGS)),
        BinaryenStore(mod, 4, 0, 4, lget(ARGS), lget(0), I),
        BinaryenStore(mod, 4, 4, 4, lget(ARGS), c32(1 << 1 | 1), I), /* the small int 1, read for an instance */
        BinaryenLocalSet(mod, R, BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I), call_args, 4,
                                                      i32s(4), I)),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(ARGS), c32(ARGS_BYTES))),
        BinaryenSelect(mod, is_obj, BinaryenLoad(mod, 4, false, 12, 4, I, lget(R)), plain, I),
    };
    BinaryenAddFunction(mod, FMT_FN, i32s(2), I, (BinaryenType[]){I, I}, 2,
                        BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, I));
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "typerepr", HOOK_GLOBAL);
    find();
    const char *sp = stack_pointer();
    const char *table = only_table();
    const char *call_global = exported_global(CALL_GLOBAL, "numfmt");

    add_exported_global(HOOK_GLOBAL);
    add_fmt_fn(sp, table, call_global);

    /* super_print's class goes straight to type_print, with the plain kind */
    BinaryenCallSetTarget(c_super_type, BinaryenFunctionGetName(f_print));
    BinaryenCallSetOperandAt(c_super_type, 2, c32(PLAIN_KIND));

    /* self and kind saved at entry into new locals; the format asked of the hook */
    BinaryenIndex s = 3 + BinaryenFunctionGetNumVars(f_print);
    BinaryenCallSetOperandAt(c_printf, 1, call(FMT_FN, (BinaryenExpressionRef[]){lget(s), lget(s + 1)}, 2, BinaryenTypeInt32()));
    BinaryenExpressionRef entry[] = {BinaryenLocalSet(mod, s, lget(1)), BinaryenLocalSet(mod, s + 1, lget(2)),
                                     BinaryenFunctionGetBody(f_print)};
    if (recreate_with_locals(f_print, 2, BinaryenBlock(mod, NULL, entry, 3, BinaryenTypeNone())) != s)
        mismatch("%s", "local numbering");

    /* instance_print: self saved at entry, its format asked of the hook */
    BinaryenIndex o = 3 + BinaryenFunctionGetNumVars(f_object_print);
    BinaryenCallSetOperandAt(c_object_printf, 1, call(FMT_FN, (BinaryenExpressionRef[]){lget(o), c32(OBJECT_KIND)}, 2, BinaryenTypeInt32()));
    BinaryenExpressionRef object_entry[] = {BinaryenLocalSet(mod, o, lget(1)), BinaryenFunctionGetBody(f_object_print)};
    if (recreate_with_locals(f_object_print, 1, BinaryenBlock(mod, NULL, object_entry, 2, BinaryenTypeNone())) != o)
        mismatch("%s", "local numbering");

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: classes and their instances print with their module\n", prog, argv[1], argv[2]);
    return 0;
}
