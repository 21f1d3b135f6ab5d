/* invoke — call directly what cannot longjmp.
 *
 *   invoke IN.wasm OUT.wasm
 *
 * Emscripten compiles setjmp/longjmp (MicroPython's nlr) by routing every
 * call made in a function that calls setjmp through an import
 * `invoke_SIG(index, args...)`: the host calls table[index] under its own
 * setjmp, so that a longjmp (`_emscripten_throw_longjmp`) lands back in the
 * trampoline, which sets __THREW__ for the caller to test
 * (host/emscripten.c). The interpreter's loop is such a function, so even
 * nlr_push_tail and nlr_pop, which never longjmp, cost a trip through the
 * host per bytecode that calls them.
 *
 * This tool replaces `call $invoke_SIG (i32.const K) args...` by
 * `call $F args...`, where F is table[K], when all of these hold:
 *   - K is a constant and F, the function the module's one active element
 *     segment puts at K, has the invoke's signature without the index;
 *   - F provably never longjmps: nothing it can reach through direct
 *     calls calls an import (the longjmp import, an invoke_*, or any host
 *     function, which may call back into the guest) or makes a
 *     call_indirect.
 * Such a call returns normally or traps; through the trampoline it would do
 * the same, leaving __THREW__ at the 0 the caller stored before it, so the
 * caller's test after the call sees what it saw before.
 *
 * What the rewrite assumes is checked, or the build stops: the imports
 * are named invoke_<result><params> with matching types and
 * env._emscripten_throw_longjmp exists; the module has one table, filled by
 * one active element segment at a constant offset, and no instruction
 * writes or grows it (the host does not either: core/image.c copies it
 * only). At least one call must be rewritten: none means the guest is not
 * the one this tool knows.
 *
 * Run after the other rewrites (they may add calls) and before guest/fuel,
 * which then sees the direct calls in its call graph.
 */
#include "match.h"

#define LONGJMP_BASE "_emscripten_throw_longjmp"

typedef struct fn {
    BinaryenFunctionRef ref;
    const char *name;
    int imported;
    int invoke; /* an invoke_* import */
    int may_longjmp;
    int *callees; /* defined functions called directly */
    size_t ncallees, capcallees;
} fn;

static fn *fns;
static BinaryenIndex nfns;

static int find_fn(const char *name)
{
    for (BinaryenIndex i = 0; i < nfns; i++)
        if (strcmp(fns[i].name, name) == 0) return (int)i;
    die("call to unknown function %s", name);
    return -1;
}

/* invoke_<r><p...>: r is 'v' or 'i', each p is 'i'; the import's type must
 * be (i32 index, i32 x len(p)) -> r. */
static int is_invoke(BinaryenFunctionRef f)
{
    const char *base = BinaryenFunctionImportGetBase(f);
    if (!base || strncmp(base, "invoke_", 7) != 0) return 0;
    const char *sig = base + 7;
    size_t np = strlen(sig);
    if (np == 0 || (sig[0] != 'v' && sig[0] != 'i') || strspn(sig + 1, "i") != np - 1)
        die("unexpected trampoline import %s", base);
    BinaryenType params = BinaryenFunctionGetParams(f), results = BinaryenFunctionGetResults(f);
    BinaryenIndex arity = BinaryenTypeArity(params);
    int ok = arity == np && results == (sig[0] == 'v' ? BinaryenTypeNone() : BinaryenTypeInt32());
    if (ok && arity) {
        BinaryenType *v = xrealloc(NULL, arity * sizeof *v);
        BinaryenTypeExpand(params, v);
        for (BinaryenIndex k = 0; k < arity; k++) ok &= v[k] == BinaryenTypeInt32();
        free(v);
    }
    if (!ok) die("trampoline import %s has a type that does not match its name", base);
    return 1;
}

/* Every call of an invoke import, for the rewrite. */
static BinaryenExpressionRef *sites;
static size_t nsites, capsites;

/* Walks every defined function once (match.h's collect): its direct
 * callees, whether it calls an import or makes an indirect call (then it
 * may longjmp), and its calls of invoke imports. Refuses instructions that
 * change the table. */
static void scan_functions(void)
{
    for (BinaryenIndex i = 0; i < nfns; i++) {
        fn *f = &fns[i];
        if (f->imported) continue;
        collect(f->ref);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            BinaryenExpressionId id = BinaryenExpressionGetId(e);
            if (id == ID_TABLE_SET || id == ID_TABLE_GROW) die("%s changes the table", f->name);
            if (id == ID_CALL_INDIRECT) f->may_longjmp = 1;
            if (id != ID_CALL) continue;
            int g = find_fn(BinaryenCallGetTarget(e));
            if (fns[g].invoke) {
                if (nsites == capsites) {
                    capsites = capsites ? 2 * capsites : 256;
                    sites = xrealloc(sites, capsites * sizeof *sites);
                }
                sites[nsites++] = e;
            }
            if (fns[g].imported) {
                f->may_longjmp = 1;
                continue;
            }
            if (f->ncallees == f->capcallees) {
                f->capcallees = f->capcallees ? 2 * f->capcallees : 8;
                f->callees = xrealloc(f->callees, f->capcallees * sizeof *f->callees);
            }
            f->callees[f->ncallees++] = g;
        }
    }
}

/* may_longjmp spreads from callees to callers until nothing changes. */
static void spread_longjmp(void)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (BinaryenIndex i = 0; i < nfns; i++) {
            fn *f = &fns[i];
            if (f->imported || f->may_longjmp) continue;
            for (size_t k = 0; k < f->ncallees; k++) {
                if (fns[f->callees[k]].may_longjmp) {
                    f->may_longjmp = changed = 1;
                    break;
                }
            }
        }
    }
}

/* The table's contents: names of the functions at offset..offset+len. */
static const char **table_fn;
static uint32_t table_offset, table_len;

static void read_table(void)
{
    if (BinaryenGetNumTables(mod) != 1) die("%s", "expected exactly one table");
    BinaryenTableRef t = BinaryenGetTableByIndex(mod, 0);
    const char *tmod = BinaryenTableImportGetModule(t);
    if (tmod && *tmod) die("%s", "the table is imported: its contents are not known");
    if (BinaryenGetNumElementSegments(mod) != 1) die("%s", "expected exactly one element segment");
    BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(mod, 0);
    if (BinaryenElementSegmentIsPassive(seg)) die("%s", "the element segment is passive");
    if (strcmp(BinaryenElementSegmentGetTable(seg), BinaryenTableGetName(t)) != 0)
        die("%s", "the element segment fills another table");
    BinaryenExpressionRef off = BinaryenElementSegmentGetOffset(seg);
    if (!off || BinaryenExpressionGetId(off) != ID_CONST || BinaryenExpressionGetType(off) != BinaryenTypeInt32())
        die("%s", "the element segment's offset is not a constant");
    table_offset = (uint32_t)BinaryenConstGetValueI32(off);
    table_len = BinaryenElementSegmentGetLength(seg);
    table_fn = xrealloc(NULL, table_len * sizeof *table_fn);
    for (uint32_t k = 0; k < table_len; k++) table_fn[k] = BinaryenElementSegmentGetData(seg, k);
}

/* Whether F's type is the invoke's without its first (index) parameter. */
static int same_sig_without_index(BinaryenFunctionRef invoke, BinaryenFunctionRef f)
{
    if (BinaryenFunctionGetResults(invoke) != BinaryenFunctionGetResults(f)) return 0;
    BinaryenType ip = BinaryenFunctionGetParams(invoke), fp = BinaryenFunctionGetParams(f);
    BinaryenIndex ni = BinaryenTypeArity(ip), nf = BinaryenTypeArity(fp);
    if (nf + 1 != ni) return 0;
    BinaryenType *vi = xrealloc(NULL, ni * sizeof *vi), *vf = xrealloc(NULL, (nf ? nf : 1) * sizeof *vf);
    BinaryenTypeExpand(ip, vi);
    if (nf) BinaryenTypeExpand(fp, vf);
    int ok = 1;
    for (BinaryenIndex k = 0; k < nf; k++) ok &= vf[k] == vi[k + 1];
    free(vi);
    free(vf);
    return ok;
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "invoke", NULL);

    nfns = BinaryenGetNumFunctions(mod);
    fns = xrealloc(NULL, nfns * sizeof *fns);
    int have_longjmp = 0, ninvokes = 0;
    for (BinaryenIndex i = 0; i < nfns; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        const char *m = BinaryenFunctionImportGetModule(f);
        memset(&fns[i], 0, sizeof fns[i]);
        fns[i].ref = f;
        fns[i].name = BinaryenFunctionGetName(f);
        fns[i].imported = m && *m;
        if (!fns[i].imported) continue;
        fns[i].may_longjmp = 1;
        if (strcmp(m, "env") != 0) continue;
        if (strcmp(BinaryenFunctionImportGetBase(f), LONGJMP_BASE) == 0) have_longjmp = 1;
        fns[i].invoke = is_invoke(f);
        ninvokes += fns[i].invoke;
    }
    if (!have_longjmp) die("%s", "no import env." LONGJMP_BASE ": not Emscripten's setjmp/longjmp");
    if (ninvokes == 0) die("%s", "no invoke_* imports");

    read_table();
    scan_functions();
    spread_longjmp();

    size_t direct = 0, longjmps = 0, dynamic = 0, mismatched = 0;
    for (size_t k = 0; k < nsites; k++) {
        BinaryenExpressionRef c = sites[k];
        BinaryenFunctionRef inv = fns[find_fn(BinaryenCallGetTarget(c))].ref;
        BinaryenExpressionRef idx = BinaryenCallGetOperandAt(c, 0);
        if (BinaryenExpressionGetId(idx) != ID_CONST) {
            dynamic++;
            continue;
        }
        uint32_t slot = (uint32_t)BinaryenConstGetValueI32(idx);
        if (slot < table_offset || slot - table_offset >= table_len) {
            mismatched++; /* traps through the trampoline, as before */
            continue;
        }
        fn *target = &fns[find_fn(table_fn[slot - table_offset])];
        if (!same_sig_without_index(inv, target->ref)) {
            mismatched++;
            continue;
        }
        if (target->may_longjmp) {
            longjmps++;
            continue;
        }
        BinaryenCallSetTarget(c, target->name);
        BinaryenCallRemoveOperandAt(c, 0);
        direct++;
    }
    if (direct == 0) die("%s", "no invoke_* call could be made direct: not the guest this tool knows");

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr,
            "%s: %s -> %s: %zu of %zu invoke_* calls made direct (%zu callees may longjmp, %zu indices not "
            "constant, %zu out of the table or of another type)\n",
            prog, argv[1], argv[2], direct, nsites, longjmps, dynamic, mismatched);
    return 0;
}
