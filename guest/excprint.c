/* excprint — str() and repr() of exceptions as CPython writes them.
 *
 *   excprint IN.wasm OUT.wasm
 *
 * Two differences of MicroPython's mp_obj_exception_print(print, exc, kind):
 *   - an exception with one argument prints that argument with str() for
 *     str(e) and in tracebacks; CPython's KeyError uses repr(), so
 *     str(KeyError('b')) is "'b'" and a traceback ends "KeyError: 'b'";
 *   - repr(e) prints the arguments as a tuple, ValueError('x',); CPython
 *     writes ValueError('x').
 * This tool changes the two calls that print them:
 *   mp_obj_print_helper(print, args[0], PRINT_STR)
 *       -> the kind becomes PRINT_REPR when exc's type is KeyError (the
 *          global mpbox_keyerror_type, set while the start-up image is
 *          built: js.mpbox_internal('exc_types', ID), core/internal.c);
 *   mp_obj_tuple_print(print, args, kind)
 *       -> a new function that prints "(" repr(args[0]) ")" when the kind
 *          is PRINT_REPR (subclass flag aside) and there is one argument,
 *          else calls mp_obj_tuple_print as before.
 * Found structurally and verified, or the build stops:
 *   mp_obj_exception_print  the one function (i32, i32, i32) -> () that
 *                   holds the address of "[Errno %d] %q";
 *   mp_obj_print_helper     its call (_, (i32.load offset=8 X), i32.const 0)
 *                   that no other argument load precedes (args[0]; the
 *                   errno branch prints args[1], offset 12);
 *   mp_obj_tuple_print      its call (local.get 0, X, local.get 2);
 *   mp_print_str    its calls (local.get 0, i32.const TEXT) (": ", "");
 *   and the exception parameter is never overwritten (the KeyError test
 *   reads it at the call).
 * py/obj.h: PRINT_STR 0, PRINT_REPR 1, PRINT_EXC_SUBCLASS 0x80; a tuple is
 * {type, len, items...}. */
#include "match.h"

#define KEYERROR_GLOBAL "mpbox_keyerror_type"
#define ARGS_PRINT "mpbox$exc_args_print"
#define PRINT_STR 0
#define PRINT_REPR 1
#define PRINT_EXC_SUBCLASS 0x80

static BinaryenFunctionRef f_exc_print, f_print_helper, f_tuple_print, f_print_str;
static BinaryenExpressionRef call_helper, call_tuple;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static void find(void)
{
    int32_t errno_fmt = data_address("[Errno %d] %q");
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_const_eq(nodes[k], errno_fmt)) {
                if (!has_sig(f, 3, 0)) mismatch("%s", "the errno format is used outside mp_obj_exception_print");
                found(&f_exc_print, f, "mp_obj_exception_print");
            }
    }
    if (!f_exc_print) mismatch("%s", "mp_obj_exception_print not found");
    collect(f_exc_print);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL)) continue;
        BinaryenIndex n = BinaryenCallGetNumOperands(e);
        BinaryenExpressionRef a0 = n > 0 ? BinaryenCallGetOperandAt(e, 0) : NULL;
        BinaryenExpressionRef a1 = n > 1 ? BinaryenCallGetOperandAt(e, 1) : NULL;
        BinaryenExpressionRef a2 = n > 2 ? BinaryenCallGetOperandAt(e, 2) : NULL;
        if (n == 3 && is_local(a0, 0) && is_id(a1, ID_LOAD) && BinaryenLoadGetOffset(a1) == 8 &&
            is_id(BinaryenLoadGetPtr(a1), ID_LOCAL_GET) && is_const_eq(a2, PRINT_STR) && has_sig(callee(e), 3, 0)) {
            if (call_helper) mismatch("%s", "two calls print args[0]");
            call_helper = e;
            f_print_helper = callee(e);
        }
        if (n == 3 && is_local(a0, 0) && is_local(a2, 2) && has_sig(callee(e), 3, 0)) {
            if (call_tuple) mismatch("%s", "two calls print the arguments' tuple");
            call_tuple = e;
            f_tuple_print = callee(e);
        }
        if (n == 2 && is_local(a0, 0) && is_const(a1, NULL)) found(&f_print_str, callee(e), "mp_print_str");
    }
    if (!call_helper || !call_tuple || !f_print_str)
        mismatch("%s", "mp_obj_exception_print does not have the expected calls");
    if (f_tuple_print == f_print_helper) mismatch("%s", "the tuple printer is the object printer");
    /* the KeyError test reads the exception from its parameter */
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_LOCAL_SET) && BinaryenLocalSetGetIndex(nodes[k]) == 1)
            mismatch("%s", "mp_obj_exception_print reuses its exception parameter");
}

/* exc_args_print(print, args, kind): "(" repr(args[0]) ")" for a repr of
 * one argument, else mp_obj_tuple_print. */
static void add_args_print(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    const char *sp = stack_pointer();
    const BinaryenIndex B = 3;
    BinaryenExpressionRef is_repr1 = BinaryenBinary(
        mod, BinaryenAndInt32(),
        BinaryenBinary(mod, BinaryenEqInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(2), c32(~PRINT_EXC_SUBCLASS)),
                       c32(PRINT_REPR)),
        BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 4, 4, I, lget(1)), c32(1)));
    const char *ps = BinaryenFunctionGetName(f_print_str);
    int ps_result = BinaryenFunctionGetResults(f_print_str) != BinaryenTypeNone();
#define PRINT_CHAR(ch)                                                                                     \
    BinaryenStore(mod, 4, 0, 4, lget(B), c32(ch), I),                                                      \
        (ps_result ? BinaryenDrop(mod, call(ps, (BinaryenExpressionRef[]){lget(0), lget(B)}, 2, I))          \
                   : call(ps, (BinaryenExpressionRef[]){lget(0), lget(B)}, 2, BinaryenTypeNone()))
    BinaryenExpressionRef one[] = {
        BinaryenLocalSet(mod, B, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(16))),
        BinaryenGlobalSet(mod, sp, lget(B)),
        PRINT_CHAR('('),
        call(BinaryenFunctionGetName(f_print_helper),
             (BinaryenExpressionRef[]){lget(0), BinaryenLoad(mod, 4, false, 8, 4, I, lget(1)), c32(PRINT_REPR)}, 3,
             BinaryenTypeNone()),
        PRINT_CHAR(')'),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(B), c32(16))),
    };
#undef PRINT_CHAR
    BinaryenExpressionRef body = BinaryenIf(
        mod, is_repr1, BinaryenBlock(mod, NULL, one, sizeof one / sizeof *one, BinaryenTypeNone()),
        call(BinaryenFunctionGetName(f_tuple_print), (BinaryenExpressionRef[]){lget(0), lget(1), lget(2)}, 3,
             BinaryenTypeNone()));
    BinaryenAddFunction(mod, ARGS_PRINT, i32s(3), BinaryenTypeNone(), (BinaryenType[]){I}, 1, body);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "excprint", KEYERROR_GLOBAL);
    find();
    const BinaryenType I = BinaryenTypeInt32();
    add_exported_global(KEYERROR_GLOBAL);

    /* args[0] of a KeyError: repr() */
    BinaryenExpressionRef is_keyerror = BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 0, 4, I, lget(1)),
                                                       BinaryenGlobalGet(mod, KEYERROR_GLOBAL, I));
    BinaryenCallSetOperandAt(call_helper, 2, BinaryenSelect(mod, is_keyerror, c32(PRINT_REPR), c32(PRINT_STR), I));
    add_args_print();
    BinaryenCallSetTarget(call_tuple, ARGS_PRINT);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: exceptions print their arguments as CPython\n", prog, argv[1], argv[2]);
    return 0;
}
