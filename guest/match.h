/* match.h — what guest/map, guest/sort and guest/slice share on top of wasm_tree.h:
 * finding guest functions by their structure (a mismatch stops the build)
 * and adding imports, exports and constants. Header-only, included once
 * per tool after wasm_tree.h; the tool sets `mod`. */
#ifndef MPBOX_MATCH_H
#define MPBOX_MATCH_H

#include "wasm_tree.h"

static BinaryenModuleRef mod;

/* The guest is not the one this tool knows: stop the build. */
static inline void mismatch(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: the guest does not match: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

/* A rewrite tool's start: `NAME IN.wasm OUT.wasm` (else the usage, exit
 * status 2), IN read into `mod`. With done_global, a guest that already
 * has that global (this tool adds it) is refused: rewriting twice would
 * stack the changes. */
static inline void open_guest(int argc, char **argv, const char *name, const char *done_global)
{
    prog = name;
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.wasm OUT.wasm\n", prog);
        exit(2);
    }
    init_ids();
    mod = read_module(argv[1]);
    if (done_global && BinaryenGetGlobal(mod, done_global))
        die("%s was already rewritten", argv[1]);
}

/* ---- expressions of one function, pre-order ------------------------ */

static BinaryenExpressionRef *nodes;
static size_t nnodes, capnodes;

/* Every expression under root, pre-order, into *out (grown as needed, its
 * room in *cap); returns how many. */
static inline size_t subtree(BinaryenExpressionRef root, BinaryenExpressionRef **out, size_t *cap_out)
{
    size_t count = 0, sp = 0, cap = 64;
    BinaryenExpressionRef *stack = xrealloc(NULL, cap * sizeof *stack);
    stack[sp++] = root;
    while (sp) {
        BinaryenExpressionRef e = stack[--sp];
        if (count == *cap_out) {
            *cap_out = *cap_out ? 2 * *cap_out : 256;
            *out = xrealloc(*out, *cap_out * sizeof **out);
        }
        (*out)[count++] = e;
        BinaryenIndex n = nchildren(e);
        if (sp + n > cap) {
            while (sp + n > cap) cap *= 2;
            stack = xrealloc(stack, cap * sizeof *stack);
        }
        for (BinaryenIndex i = n; i-- > 0;) {
            BinaryenExpressionRef c = child(e, i);
            if (c) stack[sp++] = c;
        }
    }
    free(stack);
    return count;
}

/* The expressions of function f, pre-order, into nodes[0, nnodes). */
static inline void collect(BinaryenFunctionRef f) { nnodes = subtree(BinaryenFunctionGetBody(f), &nodes, &capnodes); }

/* ---- small matchers ------------------------------------------------ */

static inline int is_id(BinaryenExpressionRef e, BinaryenExpressionId id) { return e && BinaryenExpressionGetId(e) == id; }

static inline int is_const(BinaryenExpressionRef e, int32_t *v)
{
    if (!is_id(e, ID_CONST) || BinaryenExpressionGetType(e) != BinaryenTypeInt32()) return 0;
    if (v) *v = BinaryenConstGetValueI32(e);
    return 1;
}

static inline int is_const_eq(BinaryenExpressionRef e, int32_t want)
{
    int32_t v;
    return is_const(e, &v) && v == want;
}

static inline int is_local(BinaryenExpressionRef e, BinaryenIndex idx)
{
    return is_id(e, ID_LOCAL_GET) && BinaryenLocalGetGetIndex(e) == idx;
}

static inline int is_binary(BinaryenExpressionRef e, BinaryenOp op)
{
    return is_id(e, ID_BINARY) && BinaryenBinaryGetOp(e) == op;
}

static inline int has_sig(BinaryenFunctionRef f, int nparams, int returns)
{
    BinaryenType p = BinaryenFunctionGetParams(f), r = BinaryenFunctionGetResults(f);
    if ((int)BinaryenTypeArity(p) != nparams) return 0;
    if (nparams) {
        BinaryenType *v = xrealloc(NULL, (size_t)nparams * sizeof *v);
        BinaryenTypeExpand(p, v);
        int ok = 1;
        for (int i = 0; i < nparams; i++) ok &= v[i] == BinaryenTypeInt32();
        free(v);
        if (!ok) return 0;
    }
    return returns ? r == BinaryenTypeInt32() : r == BinaryenTypeNone();
}

static inline int is_defined(BinaryenFunctionRef f)
{
    const char *mod_name = BinaryenFunctionImportGetModule(f);
    return !(mod_name && *mod_name);
}

static inline BinaryenFunctionRef callee(BinaryenExpressionRef call)
{
    BinaryenFunctionRef f = BinaryenGetFunction(mod, BinaryenCallGetTarget(call));
    if (!f) mismatch("call to an unknown function %s", BinaryenCallGetTarget(call));
    return f;
}

/* Record `f` as the one function found for `what`; a second, different one
 * is a mismatch. */
static inline void found(BinaryenFunctionRef *slot, BinaryenFunctionRef f, const char *what)
{
    if (*slot && *slot != f) mismatch("two candidates for %s", what);
    *slot = f;
}

/* ---- data ------------------------------------------------------------ */

/* The address of the `tlen` bytes at `text` in the data segments: after a
 * NUL, or, with `tail`, anywhere (the end of a longer string, or bytes the
 * compiler laid out next to others). They must be there once. */
static inline int32_t bytes_address(const char *text, size_t tlen, int tail)
{
    int32_t addr = -1;
    for (BinaryenIndex i = 0; i < BinaryenGetNumMemorySegments(mod); i++) {
        if (BinaryenGetMemorySegmentPassive(mod, i)) continue;
        size_t len = BinaryenGetMemorySegmentByteLength(mod, i);
        char *buf = xrealloc(NULL, len);
        BinaryenCopyMemorySegmentData(mod, i, buf);
        uint32_t off = BinaryenGetMemorySegmentByteOffset(mod, i);
        for (size_t k = 0; k + tlen <= len; k++) {
            if (memcmp(buf + k, text, tlen) != 0 || (!tail && k > 0 && buf[k - 1] != 0)) continue;
            if (addr >= 0) mismatch("the text \"%s\" appears twice", text);
            addr = (int32_t)(off + k);
        }
        free(buf);
    }
    if (addr < 0) mismatch("the text \"%s\" is missing", text);
    return addr;
}

/* The address of the NUL-terminated `text`: a string of its own, or, with
 * `tail`, also the end of a longer one (the compiler shares a string's
 * tail: "divide by zero" is the end of "complex divide by zero"). */
static inline int32_t text_address(const char *text, int tail) { return bytes_address(text, strlen(text) + 1, tail); }

static inline int32_t data_address(const char *text) { return text_address(text, 0); }

/* The shadow-stack pointer: the global _emscripten_stack_restore sets. */
static inline const char *stack_pointer(void)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, "_emscripten_stack_restore");
    if (!ex) mismatch("%s", "no export _emscripten_stack_restore");
    BinaryenFunctionRef restore = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    BinaryenExpressionRef body = restore ? BinaryenFunctionGetBody(restore) : NULL;
    if (!is_id(body, ID_GLOBAL_SET) || !is_local(BinaryenGlobalSetGetValue(body), 0))
        mismatch("%s", "_emscripten_stack_restore does not set the stack pointer");
    return BinaryenGlobalSetGetName(body);
}

/* A mutable i32 global `name`, 0 at first, exported under the same name
 * (the host or the start-up image reads or sets it). */
static inline void add_exported_global(const char *name)
{
    BinaryenAddGlobal(mod, name, BinaryenTypeInt32(), true, BinaryenConst(mod, BinaryenLiteralInt32(0)));
    BinaryenAddGlobalExport(mod, name, name);
}

/* The name of the guest's one function table (another count stops the
 * build: indirect calls the tools add name it). */
static inline const char *only_table(void)
{
    if (BinaryenGetNumTables(mod) != 1) mismatch("%s", "the guest does not have exactly one table");
    return BinaryenTableGetName(BinaryenGetTableByIndex(mod, 0));
}

/* The internal name of the global an earlier tool (`made_by`) exported as
 * `name`; its absence stops the build. */
static inline const char *exported_global(const char *name, const char *made_by)
{
    BinaryenExportRef ex = BinaryenGetExport(mod, name);
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalGlobal()) {
        fprintf(stderr, "%s: the guest does not match: no exported global %s: run guest/%s first\n", prog, name,
                made_by);
        exit(1);
    }
    return BinaryenExportGetValue(ex);
}

/* The function table index of the function `name`, which the active
 * element segments (at constant offsets) must hold exactly once. */
static inline int32_t table_index(const char *name)
{
    int32_t at = -1;
    for (BinaryenIndex s = 0; s < BinaryenGetNumElementSegments(mod); s++) {
        BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(mod, s);
        if (BinaryenElementSegmentIsPassive(seg)) continue;
        int32_t base;
        if (!is_const(BinaryenElementSegmentGetOffset(seg), &base)) mismatch("%s", "an element segment with a computed offset");
        for (BinaryenIndex i = 0; i < BinaryenElementSegmentGetLength(seg); i++)
            if (strcmp(BinaryenElementSegmentGetData(seg, i), name) == 0) {
                if (at >= 0) mismatch("%s is in the table twice", name);
                at = base + (int32_t)i;
            }
    }
    if (at < 0) mismatch("%s is not in the table", name);
    return at;
}

/* The one defined function that uses the constant `v` (the address of a
 * text, say) anywhere; none or two are a mismatch, named `what`. */
static inline BinaryenFunctionRef only_user(int32_t v, const char *what)
{
    BinaryenFunctionRef user = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_const_eq(nodes[k], v)) {
                found(&user, f, what);
                break;
            }
    }
    if (!user) mismatch("no %s", what);
    return user;
}

/* ---- uses of a constant, re-created functions ---------------------- */

/* A call that passes the constant `v`: the call, its function, the
 * operand's position. */
typedef struct {
    BinaryenExpressionRef call;
    BinaryenFunctionRef f;
    BinaryenIndex operand;
} const_use;

/* Every call of a defined function that passes `v` as an operand, into
 * out[0..cap); returns how many there are (a count above cap is a
 * mismatch). */
static inline size_t const_uses(int32_t v, const_use *out, size_t cap)
{
    size_t n = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL)) continue;
            for (BinaryenIndex a = 0; a < BinaryenCallGetNumOperands(e); a++) {
                if (!is_const_eq(BinaryenCallGetOperandAt(e, a), v)) continue;
                if (n == cap) mismatch("%s", "a constant is passed in too many calls");
                out[n++] = (const_use){e, f, a};
            }
        }
    }
    return n;
}

/* Re-creates f under its name (calls and the table refer to it by name)
 * with `extra` more i32 locals and `body` (the C API cannot add a local).
 * Returns the index of the first new local. */
static inline BinaryenIndex recreate_with_locals(BinaryenFunctionRef f, int extra, BinaryenExpressionRef body)
{
    BinaryenIndex first = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
    replace_adding_locals(mod, f, (BinaryenIndex)extra, BinaryenTypeInt32(), body);
    return first;
}

/* Replaces `target`, a child of a block or an if arm somewhere under `e`,
 * by `with`. Returns 1 when done. */
static inline int replace_child(BinaryenExpressionRef e, BinaryenExpressionRef target, BinaryenExpressionRef with)
{
    if (!e) return 0;
    if (is_id(e, ID_BLOCK)) {
        for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++)
            if (BinaryenBlockGetChildAt(e, i) == target) {
                BinaryenBlockSetChildAt(e, i, with);
                return 1;
            }
    } else if (is_id(e, ID_IF)) {
        if (BinaryenIfGetIfTrue(e) == target) {
            BinaryenIfSetIfTrue(e, with);
            return 1;
        }
        if (BinaryenIfGetIfFalse(e) == target) {
            BinaryenIfSetIfFalse(e, with);
            return 1;
        }
    } else if (is_id(e, ID_LOOP) && BinaryenLoopGetBody(e) == target) {
        BinaryenLoopSetBody(e, with);
        return 1;
    }
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n; i++)
        if (replace_child(child(e, i), target, with)) return 1;
    return 0;
}

/* ---- imports, exports, constants ---------------------------------- */

static inline BinaryenExpressionRef lget(BinaryenIndex i) { return BinaryenLocalGet(mod, i, BinaryenTypeInt32()); }

static inline BinaryenExpressionRef call(const char *name, BinaryenExpressionRef *args, BinaryenIndex n, BinaryenType result)
{
    return BinaryenCall(mod, name, args, n, result);
}

static inline BinaryenType i32s(int n)
{
    BinaryenType v[4] = {BinaryenTypeInt32(), BinaryenTypeInt32(), BinaryenTypeInt32(), BinaryenTypeInt32()};
    return BinaryenTypeCreate(v, (BinaryenIndex)n);
}

static inline void add_import(const char *internal, const char *base, int nparams, int returns)
{
    if (BinaryenGetFunction(mod, internal)) mismatch("%s already exists", internal);
    BinaryenAddFunctionImport(mod, internal, "env", base, i32s(nparams),
                              returns ? BinaryenTypeInt32() : BinaryenTypeNone());
}

static inline void export_function(BinaryenFunctionRef f, const char *name)
{
    if (BinaryenGetExport(mod, name)) mismatch("an export %s already exists", name);
    BinaryenAddFunctionExport(mod, BinaryenFunctionGetName(f), name);
}

static inline void export_const(const char *name, int32_t v)
{
    if (BinaryenGetGlobal(mod, name) || BinaryenGetExport(mod, name)) mismatch("%s already exists", name);
    BinaryenAddGlobal(mod, name, BinaryenTypeInt32(), false, BinaryenConst(mod, BinaryenLiteralInt32(v)));
    BinaryenAddGlobalExport(mod, name, name);
}

#endif
