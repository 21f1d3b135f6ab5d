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
 *     back into the guest, as emscripten's invoke_* do) that is not inside
 *     a loop, right before the call (inside a loop, the loop's header is
 *     charged before the call in the same activation: the interpreter's
 *     loop would otherwise charge twice per bytecode);
 *   - the entry of every function on a cycle of direct calls (recursion
 *     that does not go through a function pointer or the host).
 *
 * Soundness: every execution that does not terminate passes counted points
 * forever. It either iterates some loop forever (counted at the header), or
 * makes unboundedly many calls while the stack stays finite, hence follows
 * a cycle of the call graph forever. Every edge of that graph is a direct
 * call (both ends known), an indirect call or a call to an import (each
 * charged at the call site, or, inside a loop, at the loop's header, which
 * every activation passes before reaching the call). A cycle made only of
 * direct calls has its functions counted at entry; any other cycle
 * contains a call that is charged, at its site or at its loop's header,
 * each time the cycle is followed.
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
 * A loop that makes no call that may charge ("call-free") counts in a new
 * i64 local (see call_free_loops and charge_local): loaded from the global
 * right before the outermost such loop, decremented at each header and
 * stored to the global there, so that the loop carries no load-store
 * dependency through memory from one iteration to the next. Every other
 * point subtracts from the global. The global is exact at every point (a
 * trap, a call, a longjmp, a hard stop), and costs, so the fuel a program
 * uses, are the same either way.
 *
 * Other modes, kept for measuring (docs/fuel.md): "acyclic" (entries of
 * functions on any call-graph cycle, indirect calls resolved by signature
 * to table entries; no call-site checks), "bounded" (entries of all
 * functions except those with no loop, no indirect or import call and only
 * such callees), "leaf" (entries except functions with no loop and no
 * call), "all" (every entry), "loops" (loop headers only: unsound, for
 * measuring), "none" (no instrumentation: the Binaryen round trip alone).
 * --no-local-loops charges everything through the global.
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
    int touches; /* may change the fuel global: charges, or calls what does */
    int needs_local; /* counts in new locals (charge_local) */
    int alloc_role; /* allocator_role(): -2 not the allocator's, -1 unmetered, else a root */
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
/* Loops and calls of the function being walked, in walk order (every
 * expression before the ones inside it): what a function counting in a
 * local rewrites, innermost first. For a loop, slot_index is its number in
 * loops[]; for a call, is_site says it is also in sites[]. */
typedef struct event {
    loop_site at;
    int is_loop, is_site;
    size_t loop_index;
} event;
static event *events;
static size_t nevents, capevents;

static void push_event(loop_site at, int is_loop, int is_site, size_t loop_index)
{
    if (nevents == capevents) {
        capevents = capevents ? 2 * capevents : 64;
        events = xrealloc(events, capevents * sizeof *events);
    }
    events[nevents++] = (event){at, is_loop, is_site, loop_index};
}

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
 * the big interpreter functions nest deeply. A call inside a loop (at any
 * depth) is not a site in mode "sites": the loop's header, charged first
 * thing in the body, runs before it in the same activation (see
 * "in_loop" below). */
static void scan(func_info *f, BinaryenExpressionRef body)
{
    static loop_site *stack;
    static char *inside; /* inside[k]: stack[k] is nested in a loop */
    static size_t cap;
    size_t sp = 0;
    if (!body) return;
    if (cap == 0) {
        cap = 1024;
        stack = xrealloc(NULL, cap * sizeof *stack);
        inside = xrealloc(NULL, cap);
    }
    inside[sp] = 0;
    stack[sp++] = (loop_site){body, NULL, 0};
    while (sp) {
        loop_site site = stack[--sp];
        int in_loop = inside[sp];
        BinaryenExpressionRef e = site.loop;
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == ID_LOOP) {
            f->has_loop = 1;
            if (nloops == caploops) {
                caploops = caploops ? 2 * caploops : 64;
                loops = xrealloc(loops, caploops * sizeof *loops);
            }
            push_event(site, 1, 0, nloops);
            loops[nloops++] = site;
        } else if (id == ID_CALL_INDIRECT) {
            f->has_indirect = 1;
            int is_site = site_mode && !in_loop;
            push_event(site, 0, is_site, 0);
            if (is_site) push_site(site);
            else if (!site_mode)
                push_int(&f->isigs, &f->nisigs, &f->capisigs,
                         sig_index(BinaryenCallIndirectGetParams(e), BinaryenCallIndirectGetResults(e)));
        } else if (id == ID_REF_FUNC) {
            escapes[lookup(BinaryenRefFuncGetFunc(e))] = 1;
        } else if (id == ID_CALL) {
            int g = lookup(BinaryenCallGetTarget(e));
            if (funcs[g].imported) f->calls_import = 1;
            int is_site = site_mode && funcs[g].imported && !in_loop &&
                          (BinaryenCallGetNumOperands(e) > 0 ||
                           (can_replace(&site) && !(site.parent && BinaryenExpressionGetId(site.parent) == ID_LOOP)));
            push_event(site, 0, is_site, 0);
            if (is_site) {
                push_site(site);
                g = -1;
            } else if (site_mode && funcs[g].imported && in_loop) {
                g = -1; /* the loop's header is charged before it */
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
            inside = xrealloc(inside, cap);
        }
        for (BinaryenIndex i = 0; i < n; i++) {
            BinaryenExpressionRef c = child(e, i);
            if (!c) continue;
            inside[sp] = in_loop || id == ID_LOOP;
            stack[sp++] = (loop_site){c, e, i};
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
    if (f->alloc_role == -1) return f->prefix = 0; /* unmetered: its callers' charge covers it */
    if (f->computing) return 0; /* a cycle; cannot happen for bounded callees */
    f->computing = 1;
    int stop;
    BinaryenExpressionRef body = BinaryenFunctionGetBody(f->ref);
    f->prefix = cap_add(1, body ? straight(body, &stop) : 0);
    f->computing = 0;
    return f->prefix;
}

/* ---- instrumentation ------------------------------------------------ */

/* The call of the import, followed by `unreachable`: the import traps, and
 * saying so lets the C compiler treat the path as cold and keep nothing
 * live across it (wasm2c turns `unreachable` into a noreturn trap), which
 * it cannot know from the import's declaration. */
static BinaryenExpressionRef out_of_fuel(BinaryenModuleRef m)
{
    BinaryenExpressionRef kids[2] = {BinaryenCall(m, FUEL_IMPORT_INTERNAL, NULL, 0, BinaryenTypeNone()),
                                     BinaryenUnreachable(m)};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeNone());
}

static BinaryenExpressionRef charge(BinaryenModuleRef m, long cost)
{
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef sub = BinaryenBinary(m, BinaryenSubInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(cost)));
    BinaryenExpressionRef set = BinaryenGlobalSet(m, FUEL_GLOBAL, sub);
    BinaryenExpressionRef neg = BinaryenBinary(m, BinaryenLtSInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(0)));
    BinaryenExpressionRef kids[2] = {set, BinaryenIf(m, neg, out_of_fuel(m), NULL)};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeNone());
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

/* (block (charge) old) with the type of `old`. */
static BinaryenExpressionRef prepend(BinaryenModuleRef m, BinaryenExpressionRef check, BinaryenExpressionRef old)
{
    BinaryenExpressionRef kids[2] = {check, old};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeAuto());
}

/* A charge in a function that counts in local $l:
 *     local.set $l (i64.sub (local.get $l) (i64.const COST))
 *     global.set $fuel (local.get $l)
 *     if (i64.lt_s (local.get $l) (i64.const 0)) (call $mpbox_out_of_fuel) unreachable
 * The global is stored, never loaded: it is exact at any point, and the
 * count is carried from one charge to the next in a register. */
static BinaryenExpressionRef charge_local(BinaryenModuleRef m, long cost, BinaryenIndex l)
{
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef sub =
        BinaryenBinary(m, BinaryenSubInt64(), BinaryenLocalGet(m, l, i64), BinaryenConst(m, BinaryenLiteralInt64(cost)));
    BinaryenExpressionRef neg = BinaryenBinary(m, BinaryenLtSInt64(), BinaryenLocalGet(m, l, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(0)));
    BinaryenExpressionRef kids[3] = {BinaryenLocalSet(m, l, sub),
                                     BinaryenGlobalSet(m, FUEL_GLOBAL, BinaryenLocalGet(m, l, i64)),
                                     BinaryenIf(m, neg, out_of_fuel(m), NULL)};
    return BinaryenBlock(m, NULL, kids, 3, BinaryenTypeNone());
}

/* The local a function counts in (appended after its own). */
enum { LOCAL_COUNT, NEW_LOCALS };

/* Whether the call `e` may change the global: an indirect call, a call to
 * an import (the host charges), or to a function that touches it. */
static int call_touches(BinaryenExpressionRef e)
{
    if (BinaryenExpressionGetId(e) == ID_CALL_INDIRECT) return 1;
    return funcs[lookup(BinaryenCallGetTarget(e))].touches;
}

/* Charges `cost` right before call `c` runs: inside its last operand (the
 * target for call_indirect), or, with no operand, in a block before it.
 * Returns what replaces `c` in its parent. */
static BinaryenExpressionRef charge_call(BinaryenModuleRef m, BinaryenExpressionRef c, BinaryenExpressionRef check)
{
    if (BinaryenExpressionGetId(c) == ID_CALL_INDIRECT) {
        BinaryenCallIndirectSetTarget(c, prepend(m, check, BinaryenCallIndirectGetTarget(c)));
        return c;
    }
    if (BinaryenCallGetNumOperands(c) == 0) return prepend(m, check, c);
    BinaryenIndex last = BinaryenCallGetNumOperands(c) - 1;
    BinaryenCallSetOperandAt(c, last, prepend(m, check, BinaryenCallGetOperandAt(c, last)));
    return c;
}

static void put(BinaryenFunctionRef fn, const loop_site *site, BinaryenExpressionRef with)
{
    if (!site->parent) BinaryenFunctionSetBody(fn, with);
    else set_child(site->parent, site->slot, with);
}

/* Whether a call inside `e` may change the global (call_touches). With
 * `inside` set, marks there each of the function's loops `fl` found below
 * `e`. Reads the code as it was before any charge was added. */
static int region_touches(BinaryenExpressionRef e, const loop_site *fl, size_t nfl, char *inside)
{
    static BinaryenExpressionRef *stack;
    static size_t cap;
    size_t sp = 0;
    int touches = 0;
    if (cap == 0) {
        cap = 1024;
        stack = xrealloc(NULL, cap * sizeof *stack);
    }
    BinaryenIndex n0 = nchildren(e);
    for (BinaryenIndex i = 0; i < n0; i++)
        if (child(e, i)) stack[sp++] = child(e, i);
    while (sp) {
        BinaryenExpressionRef x = stack[--sp];
        BinaryenExpressionId id = BinaryenExpressionGetId(x);
        if ((id == ID_CALL || id == ID_CALL_INDIRECT) && call_touches(x)) {
            touches = 1;
            if (!inside) break;
        }
        if (id == ID_LOOP && inside)
            for (size_t k = 0; k < nfl; k++)
                if (fl[k].loop == x) inside[k] = 1;
        BinaryenIndex n = nchildren(x);
        if (sp + n > cap) {
            while (sp + n > cap) cap *= 2;
            stack = xrealloc(stack, cap * sizeof *stack);
        }
        for (BinaryenIndex i = 0; i < n; i++)
            if (child(x, i)) stack[sp++] = child(x, i);
    }
    return touches;
}

/* Which of a function's loops count in a local. A loop whose body makes no
 * call that may charge ("call-free": the qstr pool scan, memory copies) is
 * where a count kept in memory would carry a load-store chain from one
 * iteration to the next, so there the count lives in a local: loaded from
 * the global right before the outermost such loop, decremented at each of
 * its headers and stored to the global there, never reloaded (nothing in
 * the loop changes the global). Elsewhere a point subtracts from the
 * global itself: the loops that make calls (the interpreter's) would
 * otherwise reload the count after every call. Either way the global is
 * exact at every point and the costs are the same. Sets callfree[k] and
 * nested[k] (inside another call-free loop, so loaded by that one). */
static void call_free_loops(const loop_site *fl, size_t nfl, char **callfree, char **nested)
{
    *callfree = calloc(nfl, 1);
    *nested = calloc(nfl, 1);
    if (!*callfree || !*nested) die("%s", "out of memory");
    for (size_t k = 0; k < nfl; k++) (*callfree)[k] = !region_touches(fl[k].loop, fl, nfl, NULL);
    for (size_t k = 0; k < nfl; k++)
        if ((*callfree)[k]) region_touches(fl[k].loop, fl, nfl, *nested);
}



/* ---- the allocator: a fixed charge instead of metering -------------
 * Where MicroPython's allocator finds room depends on the heap's layout,
 * and that depends on which garbage the last collection kept: the host's
 * scan of the native stack is conservative (host/gc.c), and stale words
 * there differ between sessions. Metered like the rest, the free-block
 * search, the in-place growth check and the area lookup made fuel differ
 * slightly between two fresh sessions of one program. So the allocator is
 * not metered. guest/gc exports gc_alloc, gc_realloc and gc_free (found
 * structurally there); here each becomes an unmetered copy
 * "NAME$unmetered", and the function under the original name, which every
 * other caller still calls, charges a fixed amount computed from its
 * arguments and calls the copy:
 *     gc_alloc(n_bytes, flags)           ALLOC_COST + ALLOC_COST_PER_BLOCK * (n_bytes / 16)
 *     gc_realloc(ptr, n_bytes, move)     the same, for n_bytes
 *     gc_free(ptr)                       FREE_COST
 * Every function those call directly (the free-block search helpers of
 * guest/speed, gc_try_add_heap, malloc, sbrk ...) is unmetered too: in
 * place when only the allocator calls it, else as a copy that the
 * allocator's calls are pointed at (the original, metered, serves the
 * rest). The imports they call, which may collect or grow memory, charge
 * no fuel either (host/gc.c, host/emscripten.c); a collection runs with the
 * counter held anyway. The build fails when the allocator calls through a
 * pointer, calls another import, calls more than ALLOCATOR_MAX functions
 * or lies on a cycle: all its work must stay bounded without counting.
 * The costs approximate what the metered allocator used to charge on
 * bench/programs (docs/fuel.md, "Collections"); 16 bytes is MicroPython's
 * block, and a block costs about what zeroing and later freeing it did. */
#define ALLOC_COST 60
#define ALLOC_COST_PER_BLOCK 4
#define FREE_COST 20
#define ALLOCATOR_MAX 32
#define UNMETERED_SUFFIX "$unmetered"

typedef struct alloc_root {
    const char *export;
    long cost;
    int size_param; /* the parameter holding the size in bytes, or -1 */
    int move_param; /* gc_realloc's allow_move, or -1 (see unmeter_allocator) */
} alloc_root;

static const alloc_root alloc_roots[] = {
    {"mpbox_gc_alloc", ALLOC_COST, 0, -1},
    {"mpbox_gc_realloc", ALLOC_COST, 1, 2},
    {"mpbox_gc_free", FREE_COST, -1, -1},
};
#define NROOTS (sizeof alloc_roots / sizeof *alloc_roots)
/* the imports the allocator may call: the collector's, memory growth, and
 * malloc's abort on a damaged heap (it ends the run) */
static const char *const alloc_imports[] = {"mpbox_gc_collect", "mpbox_gc_room", "emscripten_resize_heap", "_abort_js"};

/* The allocator's functions (by name after the rewrite): roots (the
 * charging functions under the original names, root_of >= 0) and the
 * unmetered ones. */
static char *alloc_names[ALLOCATOR_MAX * 2];
static int alloc_root_of[ALLOCATOR_MAX * 2]; /* index into alloc_roots, or -1: unmetered */
static size_t nalloc_names;

static char *dup_str(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = xrealloc(NULL, la + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

/* Every call expression under `body` (calls and call_indirects). */
static size_t calls_in(BinaryenExpressionRef body, BinaryenExpressionRef **out)
{
    static BinaryenExpressionRef *stack;
    static size_t cap;
    size_t sp = 0, n = 0, ncap = 0;
    *out = NULL;
    if (!body) return 0;
    if (!cap) stack = xrealloc(NULL, (cap = 1024) * sizeof *stack);
    stack[sp++] = body;
    while (sp) {
        BinaryenExpressionRef e = stack[--sp];
        BinaryenExpressionId id = BinaryenExpressionGetId(e);
        if (id == ID_CALL || id == ID_CALL_INDIRECT) {
            if (n == ncap) *out = xrealloc(*out, (ncap = ncap ? 2 * ncap : 16) * sizeof **out);
            (*out)[n++] = e;
        }
        BinaryenIndex k = nchildren(e);
        while (sp + k > cap) stack = xrealloc(stack, (cap *= 2) * sizeof *stack);
        for (BinaryenIndex i = 0; i < k; i++)
            if (child(e, i)) stack[sp++] = child(e, i);
    }
    return n;
}

static int is_import(BinaryenFunctionRef f)
{
    const char *mod = BinaryenFunctionImportGetModule(f);
    return mod && *mod;
}

static void unmeter_allocator(BinaryenModuleRef m)
{
    BinaryenFunctionRef set[ALLOCATOR_MAX];
    size_t n = 0;
    for (size_t r = 0; r < NROOTS; r++) {
        BinaryenExportRef ex = BinaryenGetExport(m, alloc_roots[r].export);
        if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction())
            die("the guest exports no function %s (guest/gc marks the allocator)", alloc_roots[r].export);
        set[n++] = BinaryenGetFunction(m, BinaryenExportGetValue(ex));
        BinaryenRemoveExport(m, alloc_roots[r].export);
    }
    /* the closure under direct calls */
    for (size_t i = 0; i < n; i++) {
        BinaryenExpressionRef *calls;
        size_t nc = calls_in(BinaryenFunctionGetBody(set[i]), &calls);
        for (size_t k = 0; k < nc; k++) {
            if (BinaryenExpressionGetId(calls[k]) == ID_CALL_INDIRECT)
                die("the allocator (%s) makes an indirect call", BinaryenFunctionGetName(set[i]));
            BinaryenFunctionRef t = BinaryenGetFunction(m, BinaryenCallGetTarget(calls[k]));
            if (is_import(t)) {
                size_t a = 0;
                while (a < sizeof alloc_imports / sizeof *alloc_imports &&
                       strcmp(alloc_imports[a], BinaryenFunctionImportGetBase(t)) != 0)
                    a++;
                if (a == sizeof alloc_imports / sizeof *alloc_imports)
                    die("the allocator calls the import %s, which may charge fuel", BinaryenFunctionImportGetBase(t));
                continue;
            }
            size_t j = 0;
            while (j < n && set[j] != t) j++;
            if (j < n) continue;
            if (n == ALLOCATOR_MAX) die("%s", "the allocator calls more functions than expected (ALLOCATOR_MAX)");
            set[n++] = t;
        }
        free(calls);
    }
    /* Which are called from outside (roots always are: gc_alloc by
     * m_malloc): by other functions, the table, an export, or a member
     * that is itself called from outside (its original stays metered and
     * keeps calling it; a root's does not: it becomes the charge). */
    char outside[ALLOCATOR_MAX] = {0}, calls_member[ALLOCATOR_MAX][ALLOCATOR_MAX] = {{0}};
    for (size_t r = 0; r < NROOTS; r++) outside[r] = 1;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        if (is_import(f)) continue;
        size_t self = 0;
        while (self < n && set[self] != f) self++;
        BinaryenExpressionRef *calls;
        size_t nc = calls_in(BinaryenFunctionGetBody(f), &calls);
        for (size_t k = 0; k < nc; k++) {
            if (BinaryenExpressionGetId(calls[k]) != ID_CALL) continue;
            for (size_t j = 0; j < n; j++)
                if (strcmp(BinaryenCallGetTarget(calls[k]), BinaryenFunctionGetName(set[j])) == 0) {
                    if (self < n) calls_member[self][j] = 1;
                    else outside[j] = 1;
                }
        }
        free(calls);
    }
    for (BinaryenIndex i = 0; i < BinaryenGetNumElementSegments(m); i++) {
        BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(m, i);
        for (BinaryenIndex k = 0; k < BinaryenElementSegmentGetLength(seg); k++)
            for (size_t j = 0; j < n; j++)
                if (strcmp(BinaryenElementSegmentGetData(seg, k), BinaryenFunctionGetName(set[j])) == 0) outside[j] = 1;
    }
    for (BinaryenIndex i = 0; i < BinaryenGetNumExports(m); i++) {
        BinaryenExportRef ex = BinaryenGetExportByIndex(m, i);
        if (BinaryenExportGetKind(ex) != BinaryenExternalFunction()) continue;
        for (size_t j = 0; j < n; j++)
            if (strcmp(BinaryenExportGetValue(ex), BinaryenFunctionGetName(set[j])) == 0) outside[j] = 1;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t j = 0; j < n; j++)
            for (size_t t = 0; t < n; t++)
                if (j >= NROOTS && outside[j] && calls_member[j][t] && !outside[t]) outside[t] = changed = 1;
    }
    /* the unmetered functions: copies of those called from outside, the
     * others in place; then the allocator's calls go to them */
    char *inner[ALLOCATOR_MAX];
    for (size_t j = 0; j < n; j++) {
        const char *name = BinaryenFunctionGetName(set[j]);
        inner[j] = outside[j] ? dup_str(name, UNMETERED_SUFFIX) : dup_str(name, "");
        if (outside[j]) add_function_like(m, set[j], inner[j], BinaryenExpressionCopy(BinaryenFunctionGetBody(set[j]), m));
        alloc_names[nalloc_names] = inner[j];
        alloc_root_of[nalloc_names++] = -1;
    }
    for (size_t j = 0; j < n; j++) {
        BinaryenExpressionRef *calls;
        size_t nc = calls_in(BinaryenFunctionGetBody(BinaryenGetFunction(m, inner[j])), &calls);
        for (size_t k = 0; k < nc; k++)
            for (size_t t = 0; t < n; t++)
                if (strcmp(BinaryenCallGetTarget(calls[k]), BinaryenFunctionGetName(set[t])) == 0) {
                    BinaryenCallSetTarget(calls[k], inner[t]);
                    break;
                }
        free(calls);
    }
    /* Each root under its own name: call the copy with the same operands
     * (the charge is added with the others, once the counter exists).
     * gc_realloc(ptr, n, allow_move = 0), "resize only in place", gives
     * NULL at once: whether the blocks after ptr are free is the layout
     * again, and its callers (qstr.c, parse.c: grow the last chunk, else
     * start a new one) then take different paths. NULL is an answer the
     * allocator may always give there; a chunk is not shrunk either. */
    for (size_t r = 0; r < NROOTS; r++) {
        BinaryenFunctionRef f = set[r];
        BinaryenType params = BinaryenFunctionGetParams(f);
        BinaryenIndex np = BinaryenTypeArity(params);
        BinaryenType pt[8];
        if (np > 8) die("%s", "an allocator function has more parameters than expected");
        BinaryenTypeExpand(params, pt);
        BinaryenExpressionRef args[8];
        for (BinaryenIndex k = 0; k < np; k++) args[k] = BinaryenLocalGet(m, k, pt[k]);
        if (alloc_roots[r].size_param >= (int)np || (alloc_roots[r].size_param >= 0 &&
                                                     pt[alloc_roots[r].size_param] != BinaryenTypeInt32()))
            die("%s has no i32 size parameter where expected", alloc_roots[r].export);
        BinaryenExpressionRef body = BinaryenCall(m, inner[r], args, np, BinaryenFunctionGetResults(f));
        int mp = alloc_roots[r].move_param;
        if (mp >= 0) {
            if (mp >= (int)np || pt[mp] != BinaryenTypeInt32() || pt[0] != BinaryenTypeInt32() ||
                BinaryenFunctionGetResults(f) != BinaryenTypeInt32())
                die("%s does not take (ptr, n, allow_move) and give a pointer", alloc_roots[r].export);
            BinaryenExpressionRef in_place_only =
                BinaryenBinary(m, BinaryenAndInt32(), BinaryenUnary(m, BinaryenEqZInt32(), BinaryenLocalGet(m, (BinaryenIndex)mp, pt[mp])),
                               BinaryenBinary(m, BinaryenNeInt32(), BinaryenLocalGet(m, 0, pt[0]),
                                              BinaryenConst(m, BinaryenLiteralInt32(0))));
            body = BinaryenIf(m, in_place_only, BinaryenConst(m, BinaryenLiteralInt32(0)), body);
        }
        BinaryenFunctionSetBody(f, body);
        alloc_names[nalloc_names] = dup_str(BinaryenFunctionGetName(f), "");
        alloc_root_of[nalloc_names++] = (int)r;
    }
}

/* For function `name`: -2 not the allocator's, -1 unmetered, else the
 * index of the root it charges as. */
static int allocator_role(const char *name)
{
    for (size_t i = 0; i < nalloc_names; i++)
        if (strcmp(alloc_names[i], name) == 0) return alloc_root_of[i];
    return -2;
}

/* The fixed charge of allocator root r: cost + per-block cost * (size / 16),
 * from the size parameter, in i64. */
static BinaryenExpressionRef alloc_charge(BinaryenModuleRef m, const alloc_root *r)
{
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef cost = BinaryenConst(m, BinaryenLiteralInt64(r->cost));
    if (r->size_param >= 0) {
        BinaryenExpressionRef blocks =
            BinaryenBinary(m, BinaryenShrUInt64(),
                           BinaryenUnary(m, BinaryenExtendUInt32(), BinaryenLocalGet(m, (BinaryenIndex)r->size_param,
                                                                                     BinaryenTypeInt32())),
                           BinaryenConst(m, BinaryenLiteralInt64(4)));
        cost = BinaryenBinary(m, BinaryenAddInt64(), cost,
                              BinaryenBinary(m, BinaryenMulInt64(), blocks,
                                             BinaryenConst(m, BinaryenLiteralInt64(ALLOC_COST_PER_BLOCK))));
    }
    BinaryenExpressionRef sub = BinaryenBinary(m, BinaryenSubInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64), cost);
    BinaryenExpressionRef neg = BinaryenBinary(m, BinaryenLtSInt64(), BinaryenGlobalGet(m, FUEL_GLOBAL, i64),
                                               BinaryenConst(m, BinaryenLiteralInt64(0)));
    BinaryenExpressionRef kids[2] = {BinaryenGlobalSet(m, FUEL_GLOBAL, sub), BinaryenIf(m, neg, out_of_fuel(m), NULL)};
    return BinaryenBlock(m, NULL, kids, 2, BinaryenTypeNone());
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

    long points_entry = 0, points_loop = 0, local_funcs = 0, loads = 0, points_site = 0, skipped = 0;
    long unmetered = 0;
    if (mode != MODE_NONE) {
        unmeter_allocator(m);
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
            funcs[i].alloc_role = allocator_role(funcs[i].name);
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
        event **fevents = xrealloc(NULL, nfuncs * sizeof *fevents);
        size_t *nfevents = xrealloc(NULL, nfuncs * sizeof *nfevents);
        site_mode = mode == MODE_SITES;
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            floops[i] = NULL;
            nfloops[i] = 0;
            fsites[i] = NULL;
            nfsites[i] = 0;
            fevents[i] = NULL;
            nfevents[i] = 0;
            if (funcs[i].imported) continue;
            nloops = 0;
            nsites = 0;
            nevents = 0;
            scan(&funcs[i], BinaryenFunctionGetBody(funcs[i].ref));
            fevents[i] = xrealloc(NULL, nevents * sizeof **fevents);
            memcpy(fevents[i], events, nevents * sizeof *events);
            nfevents[i] = nevents;
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
            for (BinaryenIndex i = 0; i < nfuncs; i++) {
                funcs[i].bounded = !funcs[i].imported && !cyclic[i];
                if (cyclic[i] && funcs[i].alloc_role != -2)
                    die("the allocator's %s lies on a cycle of calls: it cannot go unmetered", funcs[i].name);
            }
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

        /* Which functions may change the global while they run: those that
         * charge, and those that call them (imports charge host work). */
        for (BinaryenIndex i = 0; i < nfuncs; i++) {
            func_info *f = &funcs[i];
            f->touches = f->imported || f->has_loop || f->has_indirect || nfsites[i] > 0 ||
                         (!f->bounded && mode != MODE_LOOPS);
        }
        for (int changed = 1; changed;) {
            changed = 0;
            for (BinaryenIndex i = 0; i < nfuncs; i++) {
                func_info *f = &funcs[i];
                for (size_t k = 0; k < f->ncallees && !f->touches; k++)
                    if (funcs[f->callees[k]].touches) f->touches = changed = 1;
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
            if (f->alloc_role == -1) {
                unmetered++;
                continue;
            }
            if (f->alloc_role >= 0) /* a root: its fixed charge (no loop, no site) */
                BinaryenFunctionSetBody(f->ref, prepend(m, alloc_charge(m, &alloc_roots[f->alloc_role]),
                                                        BinaryenFunctionGetBody(f->ref)));
            int counts_entry = !(f->bounded || mode == MODE_LOOPS);
            if (local_loops && nfloops[i] > 0) {
                /* Loops without a call that may charge count in the local
                 * (loaded right before the outermost such loop); every
                 * other point charges the global (see call_free_loops).
                 * Innermost first (walk order reversed), so that each
                 * expression's parent is untouched when it is replaced. */
                BinaryenIndex base = BinaryenFunctionGetNumLocals(f->ref);
                char *callfree, *nested;
                call_free_loops(floops[i], nfloops[i], &callfree, &nested);
                for (size_t k = nfevents[i]; k-- > 0;) {
                    const event *ev = &fevents[i][k];
                    BinaryenExpressionRef e = ev->at.loop;
                    if (ev->is_loop) {
                        size_t li = ev->loop_index;
                        if (!callfree[li]) {
                            BinaryenLoopSetBody(e, prepend(m, charge(m, loop_cost[i][li]), BinaryenLoopGetBody(e)));
                        } else {
                            BinaryenLoopSetBody(e, prepend(m, charge_local(m, loop_cost[i][li], base + LOCAL_COUNT),
                                                           BinaryenLoopGetBody(e)));
                            if (!nested[li]) {
                                BinaryenExpressionRef load = BinaryenLocalSet(
                                    m, base + LOCAL_COUNT, BinaryenGlobalGet(m, FUEL_GLOBAL, BinaryenTypeInt64()));
                                put(f->ref, &ev->at, prepend(m, load, e));
                                loads++;
                            }
                            f->needs_local = 1;
                        }
                        points_loop++;
                        continue;
                    }
                    if (ev->is_site) {
                        BinaryenExpressionRef with = charge_call(m, e, charge(m, 1));
                        if (with != e) put(f->ref, &ev->at, with);
                        points_site++;
                    }
                }
                free(callfree);
                free(nested);
                local_funcs += f->needs_local;
                if (counts_entry) {
                    BinaryenFunctionSetBody(f->ref, prepend(m, charge(m, entry_cost[i]), BinaryenFunctionGetBody(f->ref)));
                    points_entry++;
                } else {
                    skipped++;
                }
                continue;
            }
            for (size_t k = nfloops[i]; k-- > 0;) {
                BinaryenExpressionRef lp = floops[i][k].loop;
                BinaryenLoopSetBody(lp, prepend(m, charge(m, loop_cost[i][k]), BinaryenLoopGetBody(lp)));
                points_loop++;
            }
            /* Mode "sites": a call_indirect or a call to an import charges 1
             * (the call) right before the call (charge_call). Sites are
             * rewritten after the loops, innermost first. */
            for (size_t k = nfsites[i]; k-- > 0;) {
                BinaryenExpressionRef c = fsites[i][k].loop;
                BinaryenExpressionRef with = charge_call(m, c, charge(m, 1));
                if (with != c) replace(f->ref, &fsites[i][k], with);
                points_site++;
            }
            if (!counts_entry) {
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
            funcs[i].ref = replace_adding_locals(m, fn, NEW_LOCALS, BinaryenTypeInt64(), BinaryenFunctionGetBody(fn));
        }
    }

    write_module(m, in, out);
    BinaryenModuleDispose(m);
    fprintf(stderr,
            "%s: %s -> %s: %ld entry, %ld loop and %ld call-site checks, %ld functions not counted at entry; "
            "%ld functions count call-free loops in a local (%ld loads); %ld allocator functions unmetered\n",
            prog, in, out, points_entry, points_loop, points_site, skipped, local_funcs, loads, unmetered);
    return 0;
}
