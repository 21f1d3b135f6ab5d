/* slice — extended slices (a step other than 1) on the built-in sequences.
 *
 *   slice IN.wasm OUT.wasm
 *
 * This MicroPython build reads list[a:b:c] but raises NotImplementedError
 * for 'abc'[::-1], b'..'[::2], (1, 2)[::-1], bytearray/array/memoryview
 * with a step, and for `del a[::2]` and `a[::2] = ...` on lists. This tool
 * sends each of those raises to a Python function instead (the hook,
 * lib/python/_mpbox_slices.py), which does what CPython does:
 *
 *     if (mpbox_slice_hook)
 *         return hook(action, self, index[, value])   // action 0 load, 1 store, 2 delete
 *     mp_raise_NotImplementedError(...)               // as before, until the hook is set
 *
 * self, index and value are the subscr function's three parameters, kept
 * in new locals at its entry (the optimiser reuses the parameters' locals
 * for other values further down). The hook is called as str.format's hook
 * is (guest/numfmt): through the table entry kept in the global
 * mpbox_format_call (the call function of Python functions), with its
 * arguments on the guest's shadow stack. The global mpbox_slice_hook is
 * set once while the start-up image is built (js.mpbox_internal(
 * 'slice_hook', ID), core/internal.c). Nothing changes on any other path.
 *
 * Found structurally and verified, or the build stops:
 *   the raise sites   calls R(msg) with msg the address of "only slices
 *                     with step=1 (aka None) are supported", each inside
 *                     a function (i32 self, i32 index, i32 value) -> i32
 *                     (str, bytes, tuple, array subscr); R is the same
 *                     function (i32) -> () everywhere;
 *   list_subscr       the one function (i32, i32, i32) -> i32 that calls
 *                     R(0) and compares the type word of its index
 *                     (i32.load (local.get 1)) with a constant that the
 *                     other raise sites' functions also hold (&mp_type_slice).
 * Run after guest/numfmt (whose global mpbox_format_call it uses). */
#include "match.h"

#define HOOK_GLOBAL "mpbox_slice_hook"
#define CALL_GLOBAL "mpbox_format_call"
#define STEP_MSG "only slices with step=1 (aka None) are supported"
/* MicroPython's subscr value argument (py/obj.h): MP_OBJ_NULL deletes,
 * MP_OBJ_SENTINEL loads, anything else is stored. */
#define OBJ_NULL 0
#define OBJ_SENTINEL 4
/* Bytes of shadow stack for the hook's four arguments. */
#define ARGS_BYTES 16

#define MAX_SITES 16
static BinaryenFunctionRef sites[MAX_SITES];
static int nsites;
static BinaryenFunctionRef f_raise, f_list;
static int32_t msg_addr, slice_type;
static const char *sp_global, *table, *call_global;

/* A small int object: MP_OBJ_NEW_SMALL_INT(v) = v << 1 | 1. */
static int32_t small_int(int32_t v) { return (int32_t)((uint32_t)v << 1 | 1u); }

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static int holds_const(BinaryenFunctionRef f, int32_t v)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++)
        if (is_const_eq(nodes[k], v)) return 1;
    return 0;
}

static void find_sites(void)
{
    msg_addr = data_address(STEP_MSG);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        int here = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 1 ||
                !is_const_eq(BinaryenCallGetOperandAt(e, 0), msg_addr))
                continue;
            BinaryenFunctionRef r = callee(e);
            if (!has_sig(r, 1, 0)) mismatch("%s", "the step message is passed to a function that is not (i32) -> ()");
            found(&f_raise, r, "mp_raise_NotImplementedError");
            here = 1;
        }
        if (!here) continue;
        if (!has_sig(f, 3, 1)) mismatch("%s", "the step message is raised outside a subscr function");
        if (nsites == MAX_SITES) mismatch("%s", "too many subscr functions raise the step message");
        sites[nsites++] = f;
    }
    if (nsites < 3) mismatch("%s", "fewer than three subscr functions raise the step message");

    /* list_subscr: i32.load(local.get 1) compared with a constant K held
     * by every other site; it calls R(0). */
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 1)) continue;
        collect(f);
        int raises0 = 0;
        int32_t k_found = 0;
        int have_k = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 1 &&
                BinaryenGetFunction(mod, BinaryenCallGetTarget(e)) == f_raise &&
                is_const_eq(BinaryenCallGetOperandAt(e, 0), 0))
                raises0 = 1;
            if ((is_binary(e, BinaryenEqInt32()) || is_binary(e, BinaryenNeInt32()))) {
                BinaryenExpressionRef l = BinaryenBinaryGetLeft(e);
                int32_t v;
                if (is_id(l, ID_LOAD) && BinaryenLoadGetOffset(l) == 0 && BinaryenLoadGetBytes(l) == 4 &&
                    is_local(BinaryenLoadGetPtr(l), 1) && is_const(BinaryenBinaryGetRight(e), &v)) {
                    k_found = v;
                    have_k = 1;
                }
            }
        }
        if (!raises0 || !have_k) continue;
        int everywhere = 1;
        for (int s = 0; s < nsites; s++) everywhere &= holds_const(sites[s], k_found);
        if (!everywhere) continue;
        found(&f_list, f, "list_subscr");
        slice_type = k_found;
    }
    if (!f_list) mismatch("%s", "list_subscr not found");

    sp_global = stack_pointer();
    table = only_table();
    call_global = exported_global(CALL_GLOBAL, "numfmt");
}

/* if (hook) return hook(action, self, index[, value]): the saved
 * parameters are in locals s, s+1, s+2. */
static BinaryenExpressionRef hook_call(BinaryenIndex s)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenIndex args = s + 3, value = s + 2;
    BinaryenExpressionRef is_load = BinaryenBinary(mod, BinaryenEqInt32(), lget(value), c32(OBJ_SENTINEL));
    BinaryenExpressionRef is_del = BinaryenBinary(mod, BinaryenEqInt32(), lget(value), c32(OBJ_NULL));
    BinaryenExpressionRef action =
        BinaryenSelect(mod, is_load, c32(small_int(0)),
                       BinaryenSelect(mod, is_del, c32(small_int(2)), c32(small_int(1)), I), I);
    BinaryenExpressionRef n_args = BinaryenSelect(
        mod, BinaryenBinary(mod, BinaryenOrInt32(),
                            BinaryenBinary(mod, BinaryenEqInt32(), lget(value), c32(OBJ_SENTINEL)),
                            BinaryenBinary(mod, BinaryenEqInt32(), lget(value), c32(OBJ_NULL))),
        c32(3), c32(4), I);
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, HOOK_GLOBAL, I), n_args, c32(0), lget(args)};
    BinaryenExpressionRef result = BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I), call_args,
                                                        4, i32s(4), I);
    BinaryenExpressionRef seq[] = {
        BinaryenLocalSet(mod, args, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp_global, I),
                                                   c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp_global, lget(args)),
        BinaryenStore(mod, 4, 0, 4, lget(args), action, I),
        BinaryenStore(mod, 4, 4, 4, lget(args), lget(s), I),
        BinaryenStore(mod, 4, 8, 4, lget(args), lget(s + 1), I),
        BinaryenStore(mod, 4, 12, 4, lget(args), lget(value), I),
        /* the result, kept in `args` (no longer needed) */
        BinaryenLocalSet(mod, args, result),
        BinaryenGlobalSet(mod, sp_global, BinaryenBinary(mod, BinaryenAddInt32(), BinaryenGlobalGet(mod, sp_global, I),
                                                         c32(ARGS_BYTES))),
        BinaryenReturn(mod, lget(args)),
    };
    return BinaryenIf(mod, BinaryenGlobalGet(mod, HOOK_GLOBAL, I),
                      BinaryenBlock(mod, NULL, seq, sizeof seq / sizeof *seq, BinaryenTypeNone()), NULL);
}

/* Gives f four new locals (the saved self, index, value, and the argument
 * pointer), saves the parameters at entry and puts the hook before each
 * raise that `is_site` accepts. Returns the number of raises rerouted. */
static int reroute(BinaryenFunctionRef f, int32_t msg)
{
    BinaryenIndex s = 3 + BinaryenFunctionGetNumVars(f);

    BinaryenExpressionRef body = BinaryenFunctionGetBody(f);
    collect(f);
    BinaryenExpressionRef calls[8];
    int n = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 1 &&
            BinaryenGetFunction(mod, BinaryenCallGetTarget(e)) == f_raise &&
            is_const_eq(BinaryenCallGetOperandAt(e, 0), msg)) {
            if (n == 8) mismatch("%s", "too many raises in one subscr function");
            calls[n++] = e;
        }
    }
    for (int k = 0; k < n; k++) {
        BinaryenExpressionRef seq[2] = {hook_call(s), calls[k]};
        BinaryenExpressionRef with = BinaryenBlock(mod, NULL, seq, 2, BinaryenTypeNone());
        if (!replace_child(body, calls[k], with)) mismatch("%s", "a raise is not in a block or an if arm");
    }
    BinaryenExpressionRef entry[] = {
        BinaryenLocalSet(mod, s, lget(0)),
        BinaryenLocalSet(mod, s + 1, lget(1)),
        BinaryenLocalSet(mod, s + 2, lget(2)),
        body,
    };
    if (recreate_with_locals(f, 4, BinaryenBlock(mod, NULL, entry, 4, BinaryenFunctionGetResults(f))) != s)
        mismatch("%s", "local numbering");
    return n;
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "slice", HOOK_GLOBAL);
    find_sites();

    add_exported_global(HOOK_GLOBAL);
    /* Names first: reroute() re-creates the functions it changes. */
    const char *names[MAX_SITES + 1];
    for (int i = 0; i < nsites; i++) names[i] = BinaryenFunctionGetName(sites[i]);
    names[nsites] = BinaryenFunctionGetName(f_list);
    char *owned[MAX_SITES + 1];
    for (int i = 0; i <= nsites; i++) {
        size_t len = strlen(names[i]) + 1;
        owned[i] = xrealloc(NULL, len);
        memcpy(owned[i], names[i], len);
    }
    int rerouted = 0;
    for (int i = 0; i < nsites; i++) rerouted += reroute(BinaryenGetFunction(mod, owned[i]), msg_addr);
    int list_raises = reroute(BinaryenGetFunction(mod, owned[nsites]), 0);
    if (list_raises < 1) mismatch("%s", "list_subscr raises nothing");
    for (int i = 0; i <= nsites; i++) free(owned[i]);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: %d stepped-slice raises in %d functions sent to the slice hook (slice type %d)\n",
            prog, argv[1], argv[2], rerouted + list_raises, nsites + 1, (int)slice_type);
    return 0;
}
