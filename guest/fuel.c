/* fuel — instrument a WebAssembly module with a deterministic fuel counter.
 *
 *   fuel [--no-local-loops] [--mode=MODE] IN.wasm OUT.wasm
 *
 * Adds a mutable i64 global, exported as "mpbox_fuel" and initialised to
 * INT64_MAX ("no budget"), and an import env.mpbox_out_of_fuel : [] -> [].
 * At every counted point the code subtracts a static cost from the global,
 * inline, and calls the import when the result is negative:
 *
 *     global.set $fuel (i64.sub (global.get $fuel) (i64.const COST))
 *     if (i64.lt_s (global.get $fuel) (i64.const 0))
 *         call $mpbox_out_of_fuel
 *
 * After wasm2c and gcc this is a subtract on the instance struct and a
 * well-predicted branch. The host sets the global before a run and reads it
 * after; the import is expected not to return (it traps), but if it does,
 * execution simply continues.
 *
 * Counted points (mode "sites", the default; docs/fuel.md has the
 * measurements behind the choice):
 *   - every loop header (the check is the first thing in the loop body, so
 *     it runs on entry and on every back edge: a branch to a loop label goes
 *     to the start of the body);
 *   - every call_indirect and every call to an import (an import may call
 *     back into the guest, as emscripten's invoke_* do), right before the
 *     call;
 *   - the entry of every function on a cycle of direct calls (recursion
 *     that does not go through a function pointer or the host).
 *
 * Soundness: every execution that does not terminate passes counted points
 * forever. It either iterates some loop forever (counted at the header), or
 * makes unboundedly many calls while the stack stays finite, hence follows
 * a cycle of the call graph forever. Every edge of that graph is a direct
 * call (both ends known), an indirect call or a call to an import (each
 * charged at the call site). A cycle made only of direct calls has its
 * functions counted at entry; any other cycle contains a charged call site.
 * Between two counted points the work is bounded by a static constant (a
 * finite walk through loop-free code and acyclic direct calls). The rare
 * call to an import with no operand whose position cannot be rewritten is
 * treated as an edge to every function the host can reach (table entries,
 * ref.func targets, exports), which keeps the argument intact.
 *
 * Costs. A cost is a static property of the code at the counted point, so
 * the total charged for a run depends only on the path the guest takes
 * through its code, never on timing or on the machine: the same program
 * with the same input and the same starting state uses the same fuel.
 * The cost of a loop header or a function entry is 1 + the number of wasm
 * instructions that certainly execute after it before control can branch
 * or enter a nested structure (the "straight-line prefix": the condition of
 * the first `if`, the operands of the first br_if, and so on, are included;
 * the `if`'s arms are not). A direct call to an uncounted function inside
 * that prefix also adds the callee's own prefix cost. A call site costs 1.
 * So each point charges work it is sure to be followed by: the total is a
 * lower-bound estimate of executed wasm instructions, roughly proportional
 * to the guest's work (on bench/programs, 0.55-0.8 units per x86
 * instruction that the uninstrumented build executes), and never 0 per
 * loop iteration.
 *
 * Innermost loops without calls keep the count in a new i64 local, loaded
 * from the global before the loop and stored back on every iteration (see
 * charge_local): the global stays exact, but a tight loop no longer carries
 * a store-to-load dependency through memory.
 *
 * Other modes, kept for measuring (docs/fuel.md): "acyclic" (entries of
 * functions on any call-graph cycle, indirect calls resolved by signature
 * to table entries; no call-site checks), "bounded" (entries of all
 * functions except those with no loop, no indirect or import call and only
 * such callees), "leaf" (entries except functions with no loop and no
 * call), "all" (every entry), "loops" (loop headers only: unsound, for
 * measuring), "none" (no instrumentation: the Binaryen round trip alone).
 * --no-local-loops charges every loop through the global.
 *
 * No optimisation pass is run: the module's code is unchanged apart from
 * the inserted checks. The result is validated, and the tool fails loudly
 * if it is invalid.
 */
#include "wasm_tree.h"

#define FUEL_GLOBAL "mpbox_fuel"
#define FUEL_IMPORT_INTERNAL "mpbox$out_of_fuel"
#define FUEL_IMPORT_MODULE "env"
#define FUEL_IMPORT_BASE "mpbox_out_of_fuel"
/* Costs are saturated here: a pathological chain of bounded callees cannot
 * overflow, and no single point charges more than this. */
#define COST_CAP 100000

enum mode { MODE_SITES, MODE_ACYCLIC, MODE_BOUNDED, MODE_LEAF, MODE_ALL, MODE_LOOPS, MODE_NONE };

/* ---- per-function facts ------------------------------------------- */

typedef struct func_info {
    BinaryenFunctionRef ref;
    const char *name;
    int imported;
    int has_loop, has_indirect, calls_import;
    int *callees; /* indices into the function array, with duplicates */
    size_t ncallees, capcallees;
    BinaryenType params, results;
    int *isigs; /* call_indirect signatures used (indices into sigs[]) */
    size_t nisigs, capisigs;
    int bounded; /* not counted at entry (bounded or acyclic, by mode) */
    int needs_local; /* counts leaf loops in a new i64 local */
    long prefix; /* straight-line prefix cost of the body, -1 = not computed */
    int computing;
} func_info;

static func_info *funcs;
static BinaryenIndex nfuncs;
static int *by_name; /* indices sorted by name, for lookup */

static int cmp_by_name(const void *a, const void *b)
{
    return strcmp(funcs[*(const int *)a].name, funcs[*(const int *)b].name);
}

static int lookup(const char *name)
{
    size_t lo = 0, hi = nfuncs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(funcs[by_name[mid]].name, name);
        if (c == 0) return by_name[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    die("call to unknown function %s", name);
    return -1;
}

/* Distinct call_indirect signatures. */
typedef struct sig {
    BinaryenType params, results;
} sig;
static sig *sigs;
static size_t nsigs, capsigs;

static int sig_index(BinaryenType params, BinaryenType results)
{
    for (size_t i = 0; i < nsigs; i++)
        if (sigs[i].params == params && sigs[i].results == results) return (int)i;
    if (nsigs == capsigs) {
        capsigs = capsigs ? 2 * capsigs : 16;
        sigs = xrealloc(sigs, capsigs * sizeof *sigs);
    }
    sigs[nsigs] = (sig){params, results};
    return (int)nsigs++;
}

static void push_int(int **v, size_t *n, size_t *cap, int x)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = x;
}

/* Functions whose address escapes (table, ref.func, exports): what an
 * indirect call or the host may call. */
static char *escapes;

/* Loops found in the function being walked, instrumented afterwards, with
 * where each one sits: its parent and the operand slot (parent NULL: the
 * function body), so that it can be wrapped. */
typedef struct loop_site {
    BinaryenExpressionRef loop, parent;
    BinaryenIndex slot;
} loop_site;
static loop_site *loops;
static size_t nloops, caploops;
/* Indirect calls and calls to imports with operands, in the function
 * being walked (mode "sites" charges them at the call). */
static loop_site *sites;
static size_t nsites, capsites;

static void push_site(loop_site site)
{
    if (nsites == capsites) {
        capsites = capsites ? 2 * capsites : 64;
        sites = xrealloc(sites, capsites * sizeof *sites);
    }
    sites[nsites++] = site;
}
static int can_replace(const loop_site *site);
static int site_mode;

/* Collect facts about `e` (recursively) into `f`. Uses an explicit stack:
 * the big interpreter functions nest deeply. */
static void scan(func_info *f, BinaryenExpressionRef body)
{
    static loop_site *stack;
    static size_t cap;
    size_t sp = 0;
    if (!body) return;
    if (cap == 0) {
        cap = 1024;
        stack = xrealloc(NULL, cap * sizeof *stack);
    }
    stack[sp++] = (loop_site){body, NULL, 0};
    while (sp) {
        loop_site site = stack[--sp];
        BinaryenExpressionRef e = site.loop;
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == ID_LOOP) {
            f->has_loop = 1;
            if (nloops == caploops) {
                caploops = caploops ? 2 * caploops : 64;
                loops = xrealloc(loops, caploops * sizeof *loops);
            }
            loops[nloops++] = site;
        } else if (id == ID_CALL_INDIRECT) {
            f->has_indirect = 1;
            if (site_mode) push_site(site);
            else
                push_int(&f->isigs, &f->nisigs, &f->capisigs,
                         sig_index(BinaryenCallIndirectGetParams(e), BinaryenCallIndirectGetResults(e)));
        } else if (id == ID_REF_FUNC) {
            escapes[lookup(BinaryenRefFuncGetFunc(e))] = 1;
        } else if (id == ID_CALL) {
            int g = lookup(BinaryenCallGetTarget(e));
            if (funcs[g].imported) f->calls_import = 1;
            if (site_mode && funcs[g].imported && (BinaryenCallGetNumOperands(e) > 0 ||
                              (can_replace(&site) && !(site.parent && BinaryenExpressionGetId(site.parent) == ID_LOOP)))) {
                push_site(site);
                g = -1;
            }
            if (g < 0) {
                /* charged at the call: no edge */
            } else if (f->ncallees == f->capcallees) {
                f->capcallees = f->capcallees ? 2 * f->capcallees : 8;
                f->callees = xrealloc(f->callees, f->capcallees * sizeof *f->callees);
                f->callees[f->ncallees++] = g;
            } else {
                f->callees[f->ncallees++] = g;
            }
        }
        BinaryenIndex n = nchildren(e);
        if (sp + n > cap) {
            while (sp + n > cap) cap *= 2;
            stack = xrealloc(stack, cap * sizeof *stack);
        }
        for (BinaryenIndex i = 0; i < n; i++) {
            BinaryenExpressionRef c = child(e, i);
            if (c) stack[sp++] = (loop_site){c, e, i};
        }
    }
}

/* ---- call graph cycles (mode "acyclic") ------------------------------
 * Nodes: the functions, then one node per call_indirect signature (edges
 * to every escaping function of that signature: any other target traps),
 * then one "host" node for calls to imports (edges to every escaping
 * function: the host may call back into the guest, as emscripten's
 * invoke_* do through the table). A function is cyclic when its strongly
 * connected component has more than one node or it calls itself. */
static int nnodes, host_node;
static int **adj;
static size_t *nadj, *capadj;
static int *tj_index, *tj_low, *tj_stack, tj_sp, tj_next;
static char *tj_on, *cyclic;

static void edge(int a, int b) { push_int(&adj[a], &nadj[a], &capadj[a], b); }

static void strongconnect(int v)
{
    tj_index[v] = tj_low[v] = tj_next++;
    tj_stack[tj_sp++] = v;
    tj_on[v] = 1;
    for (size_t k = 0; k < nadj[v]; k++) {
        int w = adj[v][k];
        if (tj_index[w] < 0) {
            strongconnect(w);
            if (tj_low[w] < tj_low[v]) tj_low[v] = tj_low[w];
        } else if (tj_on[w] && tj_index[w] < tj_low[v]) {
            tj_low[v] = tj_index[w];
        }
    }
    if (tj_low[v] == tj_index[v]) {
        int size = 0, w, start = tj_sp;
        do {
            w = tj_stack[--start];
            size++;
        } while (w != v);
        for (int k = start; k < tj_sp; k++) {
            tj_on[tj_stack[k]] = 0;
            if (size > 1) cyclic[tj_stack[k]] = 1;
        }
        tj_sp = start;
    }
}

static void find_cycles(void)
{
    host_node = (int)(nfuncs + nsigs);
    nnodes = host_node + 1;
    adj = xrealloc(NULL, nnodes * sizeof *adj);
    nadj = xrealloc(NULL, nnodes * sizeof *nadj);
    capadj = xrealloc(NULL, nnodes * sizeof *capadj);
    for (int v = 0; v < nnodes; v++) adj[v] = NULL, nadj[v] = capadj[v] = 0;
    for (BinaryenIndex i = 0; i < nfuncs; i++) {
        func_info *f = &funcs[i];
        for (size_t k = 0; k < f->ncallees; k++)
            edge((int)i, funcs[f->callees[k]].imported ? host_node : f->callees[k]);
        for (size_t k = 0; k < f->nisigs; k++) edge((int)i, (int)nfuncs + f->isigs[k]);
        if (!escapes[i] || f->imported) continue;
        edge(host_node, (int)i);
        for (size_t k = 0; k < nsigs; k++)
            if (sigs[k].params == f->params && sigs[k].results == f->results) edge((int)(nfuncs + k), (int)i);
    }
    tj_index = xrealloc(NULL, nnodes * sizeof *tj_index);
    tj_low = xrealloc(NULL, nnodes * sizeof *tj_low);
    tj_stack = xrealloc(NULL, nnodes * sizeof *tj_stack);
    tj_on = calloc(nnodes, 1);
    cyclic = calloc(nnodes, 1);
    if (!tj_on || !cyclic) die("%s", "out of memory");
    for (int v = 0; v < nnodes; v++) tj_index[v] = -1;
    for (int v = 0; v < nnodes; v++)
        if (tj_index[v] < 0) strongconnect(v);
    for (int v = 0; v < nnodes; v++)
        for (size_t k = 0; k < nadj[v]; k++)
            if (adj[v][k] == v) cyclic[v] = 1;
}

static long cap_add(long a, long b)
{
    return a + b > COST_CAP ? COST_CAP : a + b;
}

static long func_prefix(int g);

/* The straight-line cost of `e`: instructions certainly executed from its
 * start before a branch, an `if`'s arms or a nested loop. *stop is set when
 * control may leave the sequence inside `e`. Blocks and loops are
 * structure, not work: they cost nothing themselves. */
static long straight(BinaryenExpressionRef e, int *stop)
{
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    long cost = 0;
    *stop = 0;
    if (id == ID_LOOP) {
        *stop = 1; /* the nested loop charges for itself */
        return 0;
    }
    if (id == ID_BLOCK) {
        BinaryenIndex n = BinaryenBlockGetNumChildren(e);
        for (BinaryenIndex i = 0; i < n && !*stop; i++)
            cost = cap_add(cost, straight(BinaryenBlockGetChildAt(e, i), stop));
        return cost;
    }
    if (id == ID_IF) {
        cost = straight(BinaryenIfGetCondition(e), stop);
        *stop = 1; /* which arm runs is not known statically */
        return cap_add(cost, 1);
    }
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n && !*stop; i++) {
        BinaryenExpressionRef c = child(e, i);
        if (c) cost = cap_add(cost, straight(c, stop));
    }
    if (*stop) return cost;
    cost = cap_add(cost, 1);
    if (id == ID_BREAK || id == ID_SWITCH || id == ID_RETURN || id == ID_UNREACHABLE) {
        *stop = 1;
    } else if (id == ID_CALL) {
        int g = lookup(BinaryenCallGetTarget(e));
        if (funcs[g].bounded) cost = cap_add(cost, func_prefix(g));
    }
    return cost;
}

/* Cost charged at the entry of function g (also what a bounded g adds to
 * its callers' straight-line prefix). */
static long func_prefix(int g)
{
    func_info *f = &funcs[g];
    if (f->prefix >= 0) return f->prefix;
    if (f->computing) return 0; /* a cycle; cannot happen for bounded callees */
    f->computing = 1;
    int stop;
    BinaryenExpressionRef body = BinaryenFunctionGetBody(f->ref);
    f->prefix = cap_add(1, body ? straight(body, &stop) : 0);
    f->computing = 0;
    return f->prefix;
}

/* ---- instrumentation ------------------------------------------------ */

static BinaryenExpressionRef charge(BinaryenModuleRef m, long cost)
{
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef sub = BinaryenBinary(m, BinaryenSubInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(cost)));
    BinaryenExpressionRef set = BinaryenGlobalSet(m, FUEL_GLOBAL, sub);
    BinaryenExpressionRef neg = BinaryenBinary(m, BinaryenLtSInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(0)));
    BinaryenExpressionRef call = BinaryenCall(m, FUEL_IMPORT_INTERNAL, NULL, 0, BinaryenTypeNone());
    BinaryenExpressionRef kids[2] = {set, BinaryenIf(m, neg, call, NULL)};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeNone());
}

/* An innermost loop that makes no call: nothing else can change the fuel
 * global while it runs, so it may count in a local (below). */
static int loop_is_leaf(BinaryenExpressionRef lp)
{
    static BinaryenExpressionRef *stack;
    static size_t cap;
    size_t sp = 0;
    if (cap == 0) {
        cap = 256;
        stack = xrealloc(NULL, cap * sizeof *stack);
    }
    stack[sp++] = BinaryenLoopGetBody(lp);
    while (sp) {
        BinaryenExpressionRef e = stack[--sp];
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == ID_LOOP || id == ID_CALL || id == ID_CALL_INDIRECT) return 0;
        BinaryenIndex n = nchildren(e);
        if (sp + n > cap) {
            while (sp + n > cap) cap *= 2;
            stack = xrealloc(stack, cap * sizeof *stack);
        }
        for (BinaryenIndex i = 0; i < n; i++) {
            BinaryenExpressionRef c = child(e, i);
            if (c) stack[sp++] = c;
        }
    }
    return 1;
}

/* Whether the expression at `site` can be replaced in its parent. */
static int can_replace(const loop_site *site)
{
    if (!site->parent) return 1;
    BinaryenExpressionId id = BinaryenExpressionGetId(site->parent);
    return id == ID_BLOCK || id == ID_LOOP || (id == ID_IF && site->slot > 0);
}

static void replace(BinaryenFunctionRef fn, const loop_site *site, BinaryenExpressionRef with)
{
    if (!site->parent) {
        BinaryenFunctionSetBody(fn, with);
        return;
    }
    BinaryenExpressionId id = BinaryenExpressionGetId(site->parent);
    if (id == ID_BLOCK) BinaryenBlockSetChildAt(site->parent, site->slot, with);
    else if (id == ID_LOOP) BinaryenLoopSetBody(site->parent, with);
    else if (site->slot == 1) BinaryenIfSetIfTrue(site->parent, with);
    else BinaryenIfSetIfFalse(site->parent, with);
}

/* The charge for a leaf loop that keeps the count in local $l, loaded once
 * before the loop:
 *     local.set $l (i64.sub (local.get $l) (i64.const COST))
 *     global.set $fuel (local.get $l)
 *     if (i64.lt_s (local.get $l) (i64.const 0)) call $mpbox_out_of_fuel
 * The global is still written on every iteration, so it is exact at any
 * point (a trap, a hard stop, the loop's exit); what goes away is the
 * store-to-load dependency from one iteration to the next through the
 * global in memory, which dominates tight loops (strlen, memcpy). */
static BinaryenExpressionRef charge_local(BinaryenModuleRef m, long cost, BinaryenIndex l)
{
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef sub =
        BinaryenBinary(m, BinaryenSubInt64(), BinaryenLocalGet(m, l, i64), BinaryenConst(m, BinaryenLiteralInt64(cost)));
    BinaryenExpressionRef neg = BinaryenBinary(m, BinaryenLtSInt64(), BinaryenLocalGet(m, l, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(0)));
    BinaryenExpressionRef call = BinaryenCall(m, FUEL_IMPORT_INTERNAL, NULL, 0, BinaryenTypeNone());
    BinaryenExpressionRef kids[3] = {BinaryenLocalSet(m, l, sub),
                                     BinaryenGlobalSet(m, FUEL_GLOBAL, BinaryenLocalGet(m, l, i64)),
                                     BinaryenIf(m, neg, call, NULL)};
    return BinaryenBlock(m, NULL, kids, 3, BinaryenTypeNone());
}

/* (block (charge) old) with the type of `old`. */
static BinaryenExpressionRef prepend(BinaryenModuleRef m, BinaryenExpressionRef check, BinaryenExpressionRef old)
{
    BinaryenExpressionRef kids[2] = {check, old};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeAuto());
}


int main(int argc, char **argv)
{
    prog = "fuel";
    enum mode mode = MODE_SITES;
    int local_loops = 1;
    int argi = 1;
    if (argc > argi && strcmp(argv[argi], "--no-local-loops") == 0) {
        local_loops = 0;
        argi++;
    }
    if (argc > argi && strncmp(argv[argi], "--mode=", 7) == 0) {
        const char *s = argv[argi] + 7;
        if (!strcmp(s, "sites")) mode = MODE_SITES;
        else if (!strcmp(s, "acyclic")) mode = MODE_ACYCLIC;
        else if (!strcmp(s, "bounded")) mode = MODE_BOUNDED;
        else if (!strcmp(s, "leaf")) mode = MODE_LEAF;
        else if (!strcmp(s, "all")) mode = MODE_ALL;
        else if (!strcmp(s, "loops")) mode = MODE_LOOPS;
        else if (!strcmp(s, "none")) mode = MODE_NONE;
        else die("unknown mode %s (sites, acyclic, bounded, leaf, all, loops, none)", s);
        argi++;
    }
    if (argc - argi != 2) {
        fprintf(stderr, "usage: %s [--no-local-loops] [--mode=sites|acyclic|bounded|leaf|all|loops|none] IN.wasm OUT.wasm\n", prog);
        return 2;
    }
    const char *in = argv[argi], *out = argv[argi + 1];
    init_ids();

    BinaryenModuleRef m = read_module(in);

    long points_entry = 0, points_loop = 0, local_points = 0, points_site = 0, skipped = 0;
    if (mode != MODE_NONE) {
        if (BinaryenGetGlobal(m, FUEL_GLOBAL)) die("%s already has a global named " FUEL_GLOBAL, in);
        if (BinaryenGetExport(m, FUEL_GLOBAL)) die("%s already has an export named " FUEL_GLOBAL, in);
        if (BinaryenGetFunction(m, FUEL_IMPORT_INTERNAL)) die("%s already has a function " FUEL_IMPORT_INTERNAL, in);

        nfuncs = BinaryenGetNumFunctions(m);
        funcs = xrealloc(NULL, nfuncs * sizeof *funcs);
        by_name = xrealloc(NULL, nfuncs * sizeof *by_name);
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
            const char *mod = BinaryenFunctionImportGetModule(f);
            memset(&funcs[i], 0, sizeof funcs[i]);
            funcs[i].ref = f;
            funcs[i].name = BinaryenFunctionGetName(f);
            funcs[i].imported = mod && *mod;
            funcs[i].prefix = -1;
            funcs[i].params = BinaryenFunctionGetParams(f);
            funcs[i].results = BinaryenFunctionGetResults(f);
            by_name[i] = (int)i;
        }
        qsort(by_name, nfuncs, sizeof *by_name, cmp_by_name);
        escapes = calloc(nfuncs ? nfuncs : 1, 1);
        if (!escapes) die("%s", "out of memory");
        for (BinaryenIndex i = 0; i < BinaryenGetNumElementSegments(m); i++) {
            BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(m, i);
            for (BinaryenIndex k = 0; k < BinaryenElementSegmentGetLength(seg); k++)
                escapes[lookup(BinaryenElementSegmentGetData(seg, k))] = 1;
        }
        for (BinaryenIndex i = 0; i < BinaryenGetNumExports(m); i++) {
            BinaryenExportRef ex = BinaryenGetExportByIndex(m, i);
            if (BinaryenExportGetKind(ex) == BinaryenExternalFunction()) escapes[lookup(BinaryenExportGetValue(ex))] = 1;
        }

        /* Facts, and each function's loops (kept per function). */
        loop_site **floops = xrealloc(NULL, nfuncs * sizeof *floops);
        size_t *nfloops = xrealloc(NULL, nfuncs * sizeof *nfloops);
        loop_site **fsites = xrealloc(NULL, nfuncs * sizeof *fsites);
        size_t *nfsites = xrealloc(NULL, nfuncs * sizeof *nfsites);
        site_mode = mode == MODE_SITES;
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            floops[i] = NULL;
            nfloops[i] = 0;
            fsites[i] = NULL;
            nfsites[i] = 0;
            if (funcs[i].imported) continue;
            nloops = 0;
            nsites = 0;
            scan(&funcs[i], BinaryenFunctionGetBody(funcs[i].ref));
            fsites[i] = xrealloc(NULL, nsites * sizeof **fsites);
            memcpy(fsites[i], sites, nsites * sizeof *sites);
            nfsites[i] = nsites;
            floops[i] = xrealloc(NULL, nloops * sizeof **floops);
            memcpy(floops[i], loops, nloops * sizeof *loops);
            nfloops[i] = nloops;
        }

        /* Which functions go uncounted at entry. */
        if (mode == MODE_ACYCLIC || mode == MODE_SITES) {
            find_cycles();
            for (BinaryenIndex i = 0; i < nfuncs; i++) funcs[i].bounded = !funcs[i].imported && !cyclic[i];
        } else if (mode == MODE_BOUNDED) {
            for (int changed = 1; changed;) {
                changed = 0;
                for (BinaryenIndex i = 0; i < nfuncs; i++) {
                    func_info *f = &funcs[i];
                    if (f->imported || f->bounded || f->has_loop || f->has_indirect || f->calls_import) continue;
                    int ok = 1;
                    for (size_t k = 0; k < f->ncallees && ok; k++) ok = funcs[f->callees[k]].bounded;
                    if (ok) f->bounded = changed = 1;
                }
            }
        } else if (mode == MODE_LEAF) {
            for (BinaryenIndex i = 0; i < nfuncs; i++) {
                func_info *f = &funcs[i];
                f->bounded = !f->imported && !f->has_loop && !f->has_indirect && f->ncallees == 0;
            }
        }

        /* Costs first (they read the bodies), then rewrite. */
        long *entry_cost = xrealloc(NULL, nfuncs * sizeof *entry_cost);
        long **loop_cost = xrealloc(NULL, nfuncs * sizeof *loop_cost);
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            loop_cost[i] = NULL;
            entry_cost[i] = funcs[i].imported ? 0 : func_prefix((int)i);
            loop_cost[i] = xrealloc(NULL, nfloops[i] * sizeof **loop_cost);
            for (size_t k = 0; k < nfloops[i]; k++) {
                int stop;
                loop_cost[i][k] = cap_add(1, straight(BinaryenLoopGetBody(floops[i][k].loop), &stop));
            }
        }

        BinaryenAddGlobal(m, FUEL_GLOBAL, BinaryenTypeInt64(), true,
                          BinaryenConst(m, BinaryenLiteralInt64(INT64_MAX)));
        BinaryenAddGlobalExport(m, FUEL_GLOBAL, FUEL_GLOBAL);
        BinaryenAddFunctionImport(m, FUEL_IMPORT_INTERNAL, FUEL_IMPORT_MODULE, FUEL_IMPORT_BASE, BinaryenTypeNone(),
                                  BinaryenTypeNone());

        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            func_info *f = &funcs[i];
            if (f->imported) continue;
            BinaryenIndex local = BinaryenFunctionGetNumLocals(f->ref);
            int need_local = 0;
            /* Innermost first (scan order is outer first), so that a
             * replaced loop is never the parent recorded for another. */
            for (size_t k = nfloops[i]; k-- > 0;) {
                const loop_site *site = &floops[i][k];
                BinaryenExpressionRef lp = site->loop;
                if (local_loops && can_replace(site) && loop_is_leaf(lp)) {
                    BinaryenLoopSetBody(lp, prepend(m, charge_local(m, loop_cost[i][k], local), BinaryenLoopGetBody(lp)));
                    BinaryenExpressionRef init =
                        BinaryenLocalSet(m, local, BinaryenGlobalGet(m, FUEL_GLOBAL, BinaryenTypeInt64()));
                    replace(f->ref, site, prepend(m, init, lp));
                    need_local = 1;
                    local_points++;
                } else {
                    BinaryenLoopSetBody(lp, prepend(m, charge(m, loop_cost[i][k]), BinaryenLoopGetBody(lp)));
                }
                points_loop++;
            }
            f->needs_local = need_local;
            /* Mode "sites": a call_indirect or a call to an import charges 1
             * (the call) inside its last operand, i.e. after the operands
             * and right before the call, or, with no operand, just before
             * it. Sites are rewritten last, after the loops (whose
             * leaf test looks for calls), innermost first. */
            for (size_t k = nfsites[i]; k-- > 0;) {
                BinaryenExpressionRef c = fsites[i][k].loop;
                if (BinaryenExpressionGetId(c) == ID_CALL_INDIRECT) {
                    BinaryenCallIndirectSetTarget(c, prepend(m, charge(m, 1), BinaryenCallIndirectGetTarget(c)));
                } else if (BinaryenCallGetNumOperands(c) == 0) {
                    /* no operand to hold the charge: (block (charge) (call)) */
                    replace(f->ref, &fsites[i][k], prepend(m, charge(m, 1), c));
                } else {
                    BinaryenIndex last = BinaryenCallGetNumOperands(c) - 1;
                    BinaryenCallSetOperandAt(c, last, prepend(m, charge(m, 1), BinaryenCallGetOperandAt(c, last)));
                }
                points_site++;
            }
            if (f->bounded || mode == MODE_LOOPS) {
                skipped++;
                continue;
            }
            BinaryenFunctionSetBody(f->ref, prepend(m, charge(m, entry_cost[i]), BinaryenFunctionGetBody(f->ref)));
            points_entry++;
        }
        /* The C API of Binaryen 108 cannot add a local to a function, so a
         * function that needs one is re-created under the same name (exports
         * and the table refer to it by name) with one more i64 var. */
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            if (!funcs[i].needs_local) continue;
            BinaryenFunctionRef fn = funcs[i].ref;
            size_t nlen = strlen(funcs[i].name) + 1;
            char *name = memcpy(xrealloc(NULL, nlen), funcs[i].name, nlen);
            BinaryenType params = BinaryenFunctionGetParams(fn), results = BinaryenFunctionGetResults(fn);
            BinaryenIndex nv = BinaryenFunctionGetNumVars(fn);
            BinaryenType *vars = xrealloc(NULL, (nv + 1) * sizeof *vars);
            for (BinaryenIndex k = 0; k < nv; k++) vars[k] = BinaryenFunctionGetVar(fn, k);
            vars[nv] = BinaryenTypeInt64();
            BinaryenExpressionRef body = BinaryenFunctionGetBody(fn);
            BinaryenRemoveFunction(m, name);
            funcs[i].ref = BinaryenAddFunction(m, name, params, results, vars, nv + 1, body);
            free(name);
            free(vars);
        }
    }

    write_module(m, in, out);
    BinaryenModuleDispose(m);
    fprintf(stderr,
            "%s: %s -> %s: %ld entry, %ld loop (%ld counting in a local) and %ld call-site checks, %ld functions "
            "not counted at entry\n",
            prog, in, out, points_entry, points_loop, local_points, points_site, skipped);
    return 0;
}
