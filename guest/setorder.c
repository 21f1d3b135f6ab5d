/* setorder — give the guest's sets CPython's table, hence CPython's order.
 *
 *   setorder IN.wasm OUT.wasm
 *
 * MicroPython sizes a set's table by a list of primes and probes it
 * linearly, so `print({1, 2})` printed {2, 1}. This tool hands the two
 * functions that decide where elements go to host imports (host/set.c),
 * which keep CPython's geometry and probe sequence; every guest function
 * that walks the table (iteration, printing, copy, equality) then sees
 * CPython's order without being changed:
 *   mp_set_lookup(set, key, kind)  -> env.mpbox_set_lookup(set, key, kind)
 *   mp_set_remove_first(set)       -> env.mpbox_set_pop(set)
 * (mp_set_rehash, called only by mp_set_lookup, is then unused.) And two
 * places where CPython copies a whole set, which gives the copy a table of
 * its own size, get the same (host/set.c):
 *   mp_obj_new_set(n, items)  a literal {1, 2, 3}: CPython builds a literal
 *                             of three or more constants as a frozenset and
 *                             copies it: return env.mpbox_set_literal(
 *                             <the set built>, n, items)
 *   set_copy(self)            return env.mpbox_set_copied(<the copy>)
 * and where CPython makes room for a whole set at once:
 *   set_update_int(self, other)  env.mpbox_set_update(self, other) first
 *                             (a | b, s.update(b), s |= b, set(b))
 * and where CPython builds a difference element by element:
 *   set_diff_int(n, args, update)  return env.mpbox_set_diff(<result>, n,
 *                             args, update)
 *   set_make_new(type, n, n_kw, args)  return env.mpbox_set_made(<result>,
 *                             n, args) (set(s) of a set)
 *   a ^ b, a.symmetric_difference(b)  (set_copy then U, the update) are
 *                             followed by env.mpbox_set_xor(<copy>, a, b)
 *
 * Found structurally and verified, or the build stops:
 *   mp_set_lookup        the one (i32 x3) -> i32 function that calls
 *                        mpbox_unary_op (guest/map's export) with
 *                        (MP_UNARY_OP_HASH, its key), calls mpbox_obj_equal,
 *                        takes a remainder by its set's first word
 *                        (hash % alloc; a map's alloc is its second) and calls an
 *                        (i32) -> () function with its set (the rehash);
 *   mp_set_remove_first  the one (i32) -> i32 function that calls nothing,
 *                        takes a remainder ((pos + 1) % alloc) and stores
 *                        select(MP_OBJ_SENTINEL, 0, ...) into a slot;
 *   mp_obj_new_set       the one (i32 n, i32 items) -> i32 function that
 *                        calls an (i32, i32) -> () function I (mp_set_init)
 *                        with (<new object> + 4, n) and mp_set_lookup with
 *                        the constant 1 (add);
 *   set_copy             the one (i32) -> i32 function that calls I and
 *                        copies memory (the table);
 *   set_update_int       the one (i32, i32) -> () function that calls
 *                        mp_set_lookup with the constant 1 and an (i32, i32)
 *                        -> i32 function with (its second parameter, 0)
 *                        (mp_getiter(other, NULL));
 *   set_diff_int         the one (i32 x3) -> i32 function that calls
 *                        set_copy and mp_set_lookup with the constant 2
 *                        (remove);
 *   set_make_new         the one (i32 x4) -> i32 function that calls I and
 *                        mp_set_lookup with the constant 1;
 *   U                    the one (i32, i32) -> i32 function that calls
 *                        mp_set_lookup with the constant 3 (add or remove:
 *                        set_symmetric_difference_update); a ^ b is each
 *                        drop(U(local.tee X (set_copy(local.get A)),
 *                        local.get B)), at least two (the method and the
 *                        operator).
 * Run after guest/map (its exports). */
#include "match.h"

static BinaryenFunctionRef f_lookup, f_pop, f_unary, f_equal, f_new_set, f_init, f_copy, f_update, f_diff, f_xor, f_make;
static int32_t unary_hash, sentinel;

static BinaryenFunctionRef exported_function(const char *name)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, name);
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction())
        mismatch("no exported function %s: run guest/map first", name);
    return BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
}

static int32_t exported_const(const char *name)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, name);
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalGlobal())
        mismatch("no exported global %s: run guest/map first", name);
    BinaryenGlobalRef g = BinaryenGetGlobal(mod, BinaryenExportGetValue(ex));
    int32_t v;
    if (!g || !is_const(BinaryenGlobalGetInitExpr(g), &v)) mismatch("%s is not a constant", name);
    return v;
}

/* hash % set->alloc: a remainder by the word at offset 0 of local 0 (the
 * set's alloc; a map's alloc is at offset 4) */
static int is_rem_by_alloc(BinaryenExpressionRef e)
{
    if (!is_binary(e, BinaryenRemUInt32())) return 0;
    BinaryenExpressionRef d = BinaryenBinaryGetRight(e);
    if (is_id(d, ID_LOCAL_SET) && BinaryenLocalSetIsTee(d)) d = BinaryenLocalSetGetValue(d);
    return is_id(d, ID_LOAD) && BinaryenLoadGetOffset(d) == 0 && BinaryenLoadGetBytes(d) == 4 &&
           is_local(BinaryenLoadGetPtr(d), 0);
}

static int is_lookup(BinaryenFunctionRef f)
{
    if (!has_sig(f, 3, 1)) return 0;
    collect(f);
    int hashes = 0, equals = 0, rem = 0, rehash = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_rem_by_alloc(e)) rem = 1;
        if (!is_id(e, ID_CALL)) continue;
        BinaryenFunctionRef t = callee(e);
        BinaryenIndex n = BinaryenCallGetNumOperands(e);
        if (t == f_unary && n == 2 && is_const_eq(BinaryenCallGetOperandAt(e, 0), unary_hash) &&
            is_local(BinaryenCallGetOperandAt(e, 1), 1))
            hashes = 1;
        if (t == f_equal) equals = 1;
        if (n == 1 && has_sig(t, 1, 0) && is_local(BinaryenCallGetOperandAt(e, 0), 0)) rehash = 1;
    }
    return hashes && equals && rem && rehash;
}

static int is_remove_first(BinaryenFunctionRef f)
{
    if (!has_sig(f, 1, 1)) return 0;
    collect(f);
    int rem = 0, marks = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) || is_id(e, ID_CALL_INDIRECT)) return 0;
        if (is_binary(e, BinaryenRemUInt32())) rem = 1;
        if (is_id(e, ID_STORE)) {
            BinaryenExpressionRef v = BinaryenStoreGetValue(e);
            if (is_id(v, ID_SELECT) && is_const_eq(BinaryenSelectGetIfTrue(v), sentinel) &&
                is_const_eq(BinaryenSelectGetIfFalse(v), 0))
                marks = 1;
        }
    }
    return rem && marks;
}

/* mp_obj_new_set: mp_set_init(X + 4, n) (X the new object) and
 * mp_set_lookup(..., 1) */
static int is_new_set(BinaryenFunctionRef f)
{
    if (!has_sig(f, 2, 1)) return 0;
    collect(f);
    BinaryenFunctionRef init = NULL;
    int adds = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL)) continue;
        BinaryenFunctionRef t = callee(e);
        BinaryenIndex n = BinaryenCallGetNumOperands(e);
        if (t == f_lookup && n == 3 && is_const_eq(BinaryenCallGetOperandAt(e, 2), 1)) adds = 1;
        if (n == 2 && has_sig(t, 2, 0) && is_local(BinaryenCallGetOperandAt(e, 1), 0)) {
            BinaryenExpressionRef a = BinaryenCallGetOperandAt(e, 0);
            if (is_id(a, ID_LOCAL_SET) && BinaryenLocalSetIsTee(a)) a = BinaryenLocalSetGetValue(a);
            if (is_binary(a, BinaryenAddInt32()) && is_const_eq(BinaryenBinaryGetRight(a), 4)) init = t;
        }
    }
    if (!adds || !init) return 0;
    found(&f_init, init, "mp_set_init");
    return 1;
}

/* calls mp_set_lookup with `kind` */
static int looks_up(BinaryenFunctionRef f, int32_t kind)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_CALL) && callee(nodes[k]) == f_lookup && BinaryenCallGetNumOperands(nodes[k]) == 3 &&
            is_const_eq(BinaryenCallGetOperandAt(nodes[k], 2), kind))
            return 1;
    return 0;
}

/* calls `target` */
static int calls(BinaryenFunctionRef f, BinaryenFunctionRef target)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_CALL) && callee(nodes[k]) == target) return 1;
    return 0;
}

/* calls an (i32, i32) -> i32 function with (its second parameter, 0):
 * mp_getiter(other, NULL) */
static int iterates_param1(BinaryenFunctionRef f)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 2 && has_sig(callee(e), 2, 1) &&
            is_local(BinaryenCallGetOperandAt(e, 0), 1) && is_const_eq(BinaryenCallGetOperandAt(e, 1), 0))
            return 1;
    }
    return 0;
}

static int copies_memory(BinaryenFunctionRef f)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_MEMORY_COPY)) return 1;
    return 0;
}

static int is_copy(BinaryenFunctionRef f) { return has_sig(f, 1, 1) && calls(f, f_init) && copies_memory(f); }

static int is_update(BinaryenFunctionRef f) { return has_sig(f, 2, 0) && looks_up(f, 1) && iterates_param1(f); }

static int is_diff(BinaryenFunctionRef f) { return has_sig(f, 3, 1) && looks_up(f, 2) && calls(f, f_copy); }

static int is_make_new(BinaryenFunctionRef f) { return has_sig(f, 4, 1) && looks_up(f, 1) && calls(f, f_init); }

/* set_symmetric_difference_update: (i32, i32) -> i32, mp_set_lookup(..., 3) */
static int is_xor_update(BinaryenFunctionRef f) { return has_sig(f, 2, 1) && looks_up(f, 3); }

/* drop(U(local.tee X (set_copy(local.get A)), local.get B)): a ^ b */
static int is_xor_drop(BinaryenExpressionRef e)
{
    if (!is_id(e, ID_DROP)) return 0;
    BinaryenExpressionRef u = BinaryenDropGetValue(e);
    if (!is_id(u, ID_CALL) || callee(u) != f_xor || BinaryenCallGetNumOperands(u) != 2 ||
        !is_id(BinaryenCallGetOperandAt(u, 1), ID_LOCAL_GET))
        return 0;
    BinaryenExpressionRef tee = BinaryenCallGetOperandAt(u, 0);
    if (!is_id(tee, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(tee)) return 0;
    BinaryenExpressionRef c = BinaryenLocalSetGetValue(tee);
    return is_id(c, ID_CALL) && callee(c) == f_copy && BinaryenCallGetNumOperands(c) == 1 &&
           is_id(BinaryenCallGetOperandAt(c, 0), ID_LOCAL_GET);
}

/* The one defined function `test` accepts, or the build stops. */
static BinaryenFunctionRef the_one(int (*test)(BinaryenFunctionRef), const char *what)
{
    BinaryenFunctionRef one = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (is_defined(f) && test(f)) found(&one, f, what);
    }
    if (!one) mismatch("%s not found", what);
    return one;
}

/* f's body becomes `return import(<its body>, params...)`: the parameters
 * are saved in new locals at entry (the body may reuse their locals). */
static void then_call(BinaryenFunctionRef f, const char *import, const BinaryenIndex *params, BinaryenIndex n)
{
    BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
    BinaryenExpressionRef args[4], seq[5];
    args[0] = BinaryenFunctionGetBody(f);
    for (BinaryenIndex k = 0; k < n; k++) {
        seq[k] = BinaryenLocalSet(mod, s + k, lget(params[k]));
        args[1 + k] = lget(s + k);
    }
    seq[n] = call(import, args, 1 + n, BinaryenTypeInt32());
    if (recreate_with_locals(f, (int)n, BinaryenBlock(mod, NULL, seq, n + 1, BinaryenTypeInt32())) != s)
        mismatch("%s", "local numbering");
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "setorder", NULL);
    if (BinaryenGetFunction(mod, "mpbox$set_lookup")) die("%s was already rewritten", argv[1]);
    f_unary = exported_function("mpbox_unary_op");
    f_equal = exported_function("mpbox_obj_equal");
    unary_hash = exported_const("mpbox_unary_hash");
    sentinel = exported_const("mpbox_obj_sentinel");

    /* in order: each test uses what the ones before found */
    f_lookup = the_one(is_lookup, "mp_set_lookup");
    f_pop = the_one(is_remove_first, "mp_set_remove_first");
    f_new_set = the_one(is_new_set, "mp_obj_new_set");
    f_copy = the_one(is_copy, "set_copy");
    f_update = the_one(is_update, "set_update_int");
    f_diff = the_one(is_diff, "set_diff_int");
    f_xor = the_one(is_xor_update, "set_symmetric_difference_update");
    f_make = the_one(is_make_new, "set_make_new");

    add_import("mpbox$set_lookup", "mpbox_set_lookup", 3, 1);
    add_import("mpbox$set_pop", "mpbox_set_pop", 1, 1);
    BinaryenExpressionRef a3[3] = {lget(0), lget(1), lget(2)}, a1[1] = {lget(0)};
    BinaryenFunctionSetBody(f_lookup, call("mpbox$set_lookup", a3, 3, BinaryenTypeInt32()));
    BinaryenFunctionSetBody(f_pop, call("mpbox$set_pop", a1, 1, BinaryenTypeInt32()));

    /* set_diff_int(n, args, update) and set_make_new(type, n, n_kw, args):
     * the import gets their result and parameters (saved at entry) */
    add_import("mpbox$set_diff", "mpbox_set_diff", 4, 1);
    then_call(f_diff, "mpbox$set_diff", (BinaryenIndex[]){0, 1, 2}, 3);
    add_import("mpbox$set_made", "mpbox_set_made", 3, 1);
    then_call(f_make, "mpbox$set_made", (BinaryenIndex[]){1, 3}, 2);

    /* after each drop(U(tee(X, set_copy(A)), B)): drop(set_xor(X, A, B)) */
    add_import("mpbox$set_xor", "mpbox_set_xor", 3, 1);
    int xors = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        BinaryenExpressionRef sites[8];
        int n = 0;
        for (size_t k = 0; k < nnodes; k++)
            if (is_xor_drop(nodes[k])) {
                if (n == 8) mismatch("%s", "too many symmetric differences in one function");
                sites[n++] = nodes[k];
            }
        if (!n) continue;
        /* A is kept in a new local T (X may be A's own local) */
        BinaryenIndex t = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
        for (int k = 0; k < n; k++) {
            BinaryenExpressionRef u = BinaryenDropGetValue(sites[k]);
            BinaryenExpressionRef tee = BinaryenCallGetOperandAt(u, 0), copy = BinaryenLocalSetGetValue(tee);
            BinaryenIndex a = BinaryenLocalGetGetIndex(BinaryenCallGetOperandAt(copy, 0));
            BinaryenCallSetOperandAt(copy, 0, BinaryenLocalTee(mod, t, lget(a), BinaryenTypeInt32()));
            BinaryenExpressionRef xa[3] = {lget(BinaryenLocalSetGetIndex(tee)), lget(t),
                                           lget(BinaryenLocalGetGetIndex(BinaryenCallGetOperandAt(u, 1)))};
            BinaryenExpressionRef seq[2] = {sites[k], BinaryenDrop(mod, call("mpbox$set_xor", xa, 3, BinaryenTypeInt32()))};
            if (!replace_child(BinaryenFunctionGetBody(f), sites[k], BinaryenBlock(mod, NULL, seq, 2, BinaryenTypeNone())))
                mismatch("%s", "a symmetric difference is not in a block");
            xors++;
        }
        if (recreate_with_locals(f, 1, BinaryenFunctionGetBody(f)) != t) mismatch("%s", "local numbering");
        i--; /* the function moved to the end of the list: look at this index again */
    }
    if (xors < 2) mismatch("%s", "fewer than two symmetric differences (a ^ b, a.symmetric_difference(b))");

    add_import("mpbox$set_copied", "mpbox_set_copied", 1, 1);
    BinaryenExpressionRef copied[1] = {BinaryenFunctionGetBody(f_copy)};
    BinaryenFunctionSetBody(f_copy, call("mpbox$set_copied", copied, 1, BinaryenTypeInt32()));

    add_import("mpbox$set_update", "mpbox_set_update", 2, 0);
    BinaryenExpressionRef upd_args[2] = {lget(0), lget(1)};
    BinaryenExpressionRef upd[2] = {call("mpbox$set_update", upd_args, 2, BinaryenTypeNone()),
                                    BinaryenFunctionGetBody(f_update)};
    BinaryenFunctionSetBody(f_update, BinaryenBlock(mod, NULL, upd, 2, BinaryenTypeNone()));

    add_import("mpbox$set_literal", "mpbox_set_literal", 3, 1);
    then_call(f_new_set, "mpbox$set_literal", (BinaryenIndex[]){0, 1}, 2);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mp_set_lookup, mp_set_remove_first, mp_obj_new_set, set_copy, set_update_int, set_diff_int, set_make_new and a ^ b sent to host/set.c\n", prog, argv[1], argv[2]);
    return 0;
}
