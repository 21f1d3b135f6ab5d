/* gc — let the host run MicroPython's garbage collector during a run.
 *
 *   gc IN.wasm OUT.wasm
 *
 * The guest is the pyscript variant of MicroPython's WebAssembly port
 * (split heap, "auto"): its gc_collect() only sets a flag, and the collection
 * happens when control returns to the top level, because wasm code cannot
 * see its own locals. mpbox can: wasm locals are C locals of the translated
 * code, on the native stack (host/gc.c scans it). This tool rewrites the
 * guest so that the host decides and runs collections:
 *
 *   - gc_collect's body becomes a call to the import
 *     env.mpbox_gc_collect(0) ("asked for": gc.collect());
 *   - in gc_alloc, each call to gc_collect becomes env.mpbox_gc_collect(1)
 *     outside any loop (the allocation threshold, gc.threshold()) or
 *     env.mpbox_gc_collect(2) inside the search loop (no free block): the
 *     host may then collect, or return at once to let the heap grow;
 *   - gc_alloc's entry stores its size argument in the new global
 *     "mpbox_gc_request", which the host reads to size that decision;
 *   - gc_get_max_new_split's body (the constant 128 MiB) becomes a call to
 *     env.mpbox_gc_room(0): the largest new heap area the memory cap
 *     allows (gc.mem_free() counts it); gc_try_add_heap calls
 *     env.mpbox_gc_room(1) instead: the same room, for the area it is about
 *     to add (if it is too small, the allocation fails);
 *   - the sweep no longer frees an emptied heap area back to malloc: it
 *     stays a (free) part of the heap (MicroPython frees an area whose only
 *     live object is its block 0, and would free areas after every
 *     collection). The host gives empty areas back itself, only when a
 *     large allocation needs their memory (host/gc.c);
 *   - gc_mark_subtree's body becomes a call to env.mpbox_gc_mark(area,
 *     block): the host marks (a binary search over the areas for each
 *     word, not a walk along their list, and a stack that does not
 *     overflow after 64 blocks: MicroPython then rescans the whole heap).
 *     gc_collect_start calls it for each root; gc_collect_end's rescan,
 *     which has its own inlined copy of the marker, no longer runs: only
 *     that copy and gc_mark_subtree set the overflow flag it tests;
 *   - exports: gc_collect_start and gc_collect_end (as mpbox_gc_collect_start
 *     / mpbox_gc_collect_end), gc_alloc, gc_realloc and gc_free (as
 *     mpbox_gc_alloc, mpbox_gc_realloc, mpbox_gc_free: guest/fuel finds the
 *     allocator by them, then removes them), the global "mpbox_gc_live" (the host's record of the
 *     heap in use after the last collection, kept with the instance so that
 *     checkpoints and snapshots carry it), "mpbox_sbrk_ptr" (the address
 *     of the allocator's break) and "mpbox_heap_base" (the break's first
 *     value, where the allocator's chunks begin: host/gc.c walks them).
 *
 * The binary has no names. Each function is found by what it is and checked
 * against the others (the flag that gc_collect sets is the one that the
 * top-level collector tests, which calls exactly gc_collect_start and
 * gc_collect_end; gc_collect_start's only callee is the marker; gc_alloc is
 * the caller of gc_collect with gc_alloc's signature, and it calls the
 * function that calls malloc and gc_get_max_new_split; gc_realloc is the
 * one [i32 i32 i32] -> [i32] caller of gc_alloc, and gc_free the one
 * [i32] -> [] function it calls ...). Anything that
 * does not match exactly one candidate stops the build with a message.
 */
#include <binaryen-c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_COLLECT "mpbox$gc_collect"
#define IMPORT_ROOM "mpbox$gc_room"
#define IMPORT_MARK "mpbox$gc_mark"
#define GLOBAL_REQUEST "mpbox_gc_request"
#define GLOBAL_LIVE "mpbox_gc_live"
#define GLOBAL_SBRK "mpbox_sbrk_ptr"
#define GLOBAL_HEAP_BASE "mpbox_heap_base"
#define MAX_NEW_SPLIT 134217728 /* main.c: gc_get_max_new_split() */

static const char *prog = "gc";

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("%s", "out of memory");
    return p;
}

/* ---- a walk over every expression, with its parent and loop depth ---- */

typedef struct site {
    BinaryenExpressionRef e, parent;
    BinaryenIndex slot; /* e is child #slot of parent */
    int loops;          /* loops around e */
} site;

typedef struct sites {
    site *v;
    size_t n, cap;
} sites;

static void push(sites *s, site x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

/* The operands of e in order (at most max written; returns how many there
 * are); anything the tool does not model stops it. */
static BinaryenIndex kids(BinaryenExpressionRef e, BinaryenExpressionRef out[], BinaryenIndex max)
{
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    BinaryenIndex n = 0;
#define K(x)                                                                                                           \
    do {                                                                                                               \
        BinaryenExpressionRef k_ = (x);                                                                                \
        if (k_) {                                                                                                      \
            if (n < max)                                                                                               \
                out[n] = k_;                                                                                           \
            n++;                                                                                                       \
        }                                                                                                              \
    } while (0)
    if (id == BinaryenBlockId()) {
        for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(e); i++)
            K(BinaryenBlockGetChildAt(e, i));
    } else if (id == BinaryenIfId()) {
        K(BinaryenIfGetCondition(e));
        K(BinaryenIfGetIfTrue(e));
        K(BinaryenIfGetIfFalse(e));
    } else if (id == BinaryenLoopId()) {
        K(BinaryenLoopGetBody(e));
    } else if (id == BinaryenBreakId()) {
        K(BinaryenBreakGetValue(e));
        K(BinaryenBreakGetCondition(e));
    } else if (id == BinaryenSwitchId()) {
        K(BinaryenSwitchGetValue(e));
        K(BinaryenSwitchGetCondition(e));
    } else if (id == BinaryenCallId()) {
        for (BinaryenIndex i = 0; i < BinaryenCallGetNumOperands(e); i++)
            K(BinaryenCallGetOperandAt(e, i));
    } else if (id == BinaryenCallIndirectId()) {
        for (BinaryenIndex i = 0; i < BinaryenCallIndirectGetNumOperands(e); i++)
            K(BinaryenCallIndirectGetOperandAt(e, i));
        K(BinaryenCallIndirectGetTarget(e));
    } else if (id == BinaryenLocalSetId()) {
        K(BinaryenLocalSetGetValue(e));
    } else if (id == BinaryenGlobalSetId()) {
        K(BinaryenGlobalSetGetValue(e));
    } else if (id == BinaryenLoadId()) {
        K(BinaryenLoadGetPtr(e));
    } else if (id == BinaryenStoreId()) {
        K(BinaryenStoreGetPtr(e));
        K(BinaryenStoreGetValue(e));
    } else if (id == BinaryenUnaryId()) {
        K(BinaryenUnaryGetValue(e));
    } else if (id == BinaryenBinaryId()) {
        K(BinaryenBinaryGetLeft(e));
        K(BinaryenBinaryGetRight(e));
    } else if (id == BinaryenSelectId()) {
        K(BinaryenSelectGetIfTrue(e));
        K(BinaryenSelectGetIfFalse(e));
        K(BinaryenSelectGetCondition(e));
    } else if (id == BinaryenDropId()) {
        K(BinaryenDropGetValue(e));
    } else if (id == BinaryenReturnId()) {
        K(BinaryenReturnGetValue(e));
    } else if (id == BinaryenMemoryGrowId()) {
        K(BinaryenMemoryGrowGetDelta(e));
    } else if (id == BinaryenMemoryCopyId()) {
        K(BinaryenMemoryCopyGetDest(e));
        K(BinaryenMemoryCopyGetSource(e));
        K(BinaryenMemoryCopyGetSize(e));
    } else if (id == BinaryenMemoryFillId()) {
        K(BinaryenMemoryFillGetDest(e));
        K(BinaryenMemoryFillGetValue(e));
        K(BinaryenMemoryFillGetSize(e));
    } else if (id == BinaryenMemoryInitId()) {
        K(BinaryenMemoryInitGetDest(e));
        K(BinaryenMemoryInitGetOffset(e));
        K(BinaryenMemoryInitGetSize(e));
    } else if (id == BinaryenRefIsId()) {
        K(BinaryenRefIsGetValue(e));
    } else if (id == BinaryenRefEqId()) {
        K(BinaryenRefEqGetLeft(e));
        K(BinaryenRefEqGetRight(e));
    } else if (id == BinaryenTableGetId()) {
        K(BinaryenTableGetGetIndex(e));
    } else if (id == BinaryenTableSetId()) {
        K(BinaryenTableSetGetIndex(e));
        K(BinaryenTableSetGetValue(e));
    } else if (id == BinaryenTableGrowId()) {
        K(BinaryenTableGrowGetValue(e));
        K(BinaryenTableGrowGetDelta(e));
    } else if (id == BinaryenTupleMakeId()) {
        for (BinaryenIndex i = 0; i < BinaryenTupleMakeGetNumOperands(e); i++)
            K(BinaryenTupleMakeGetOperandAt(e, i));
    } else if (id == BinaryenTupleExtractId()) {
        K(BinaryenTupleExtractGetTuple(e));
    } else if (id != BinaryenNopId() && id != BinaryenLocalGetId() && id != BinaryenGlobalGetId() &&
               id != BinaryenConstId() && id != BinaryenMemorySizeId() && id != BinaryenUnreachableId() &&
               id != BinaryenPopId() && id != BinaryenRefNullId() && id != BinaryenRefFuncId() &&
               id != BinaryenDataDropId() && id != BinaryenTableSizeId()) {
        fprintf(stderr, "%s: unsupported expression (id %u) in the module\n", prog, (unsigned)id);
        exit(1);
    }
#undef K
    return n;
}

/* Every expression of a function body, outermost first. */
static void walk(BinaryenExpressionRef e, BinaryenExpressionRef parent, BinaryenIndex slot, int loops, sites *out)
{
    if (!e)
        return;
    push(out, (site){e, parent, slot, loops});
    BinaryenExpressionRef few[8], *k = few;
    BinaryenIndex n = kids(e, few, 8);
    if (n > 8) {
        k = xrealloc(NULL, n * sizeof *k);
        kids(e, k, n);
    }
    int inner = loops + (BinaryenExpressionGetId(e) == BinaryenLoopId());
    for (BinaryenIndex i = 0; i < n; i++)
        walk(k[i], e, i, inner, out);
    if (k != few)
        free(k);
}

static sites body_of(BinaryenFunctionRef f)
{
    sites s = {0};
    walk(BinaryenFunctionGetBody(f), NULL, 0, 0, &s);
    return s;
}

/* ---- small shape tests ------------------------------------------------- */

static int is(BinaryenExpressionRef e, BinaryenExpressionId id)
{
    return e && BinaryenExpressionGetId(e) == id;
}

static int is_i32_const(BinaryenExpressionRef e, int32_t v)
{
    return is(e, BinaryenConstId()) && BinaryenExpressionGetType(e) == BinaryenTypeInt32() &&
           BinaryenConstGetValueI32(e) == v;
}

/* A constant address: (i32.const C). */
static int const_addr(BinaryenExpressionRef e, uint32_t *out)
{
    if (is(e, BinaryenConstId()) && BinaryenExpressionGetType(e) == BinaryenTypeInt32()) {
        *out = (uint32_t)BinaryenConstGetValueI32(e);
        return 1;
    }
    return 0;
}

/* The body without blocks that hold just one expression. */
static BinaryenExpressionRef single(BinaryenExpressionRef e)
{
    while (is(e, BinaryenBlockId()) && BinaryenBlockGetNumChildren(e) == 1 && !BinaryenBlockGetName(e))
        e = BinaryenBlockGetChildAt(e, 0);
    return e;
}

static int defined(BinaryenFunctionRef f)
{
    const char *mod = BinaryenFunctionImportGetModule(f);
    return !(mod && *mod);
}

static int sig_is(BinaryenFunctionRef f, BinaryenType params, BinaryenType results)
{
    return BinaryenFunctionGetParams(f) == params && BinaryenFunctionGetResults(f) == results;
}

/* Calls in s to `target` (a function name); returns how many, and the
 * first in *first. */
static size_t calls_to(const sites *s, const char *target, const site **first)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        BinaryenExpressionRef e = s->v[i].e;
        if (is(e, BinaryenCallId()) && strcmp(BinaryenCallGetTarget(e), target) == 0) {
            if (!n && first)
                *first = &s->v[i];
            n++;
        }
    }
    return n;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        die("cannot open %s", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = xrealloc(NULL, cap);
    for (;;) {
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (n < cap)
            break;
        cap *= 2;
        buf = xrealloc(buf, cap);
    }
    if (ferror(fp))
        die("cannot read %s", path);
    fclose(fp);
    *len = n;
    return buf;
}

static const char *export_target(BinaryenModuleRef m, const char *name)
{
    BinaryenExportRef ex = BinaryenGetExport(m, name);
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction())
        die("the guest exports no function %s", name);
    return BinaryenExportGetValue(ex);
}

/* ---- finding the collector ------------------------------------------- */

typedef struct found {
    BinaryenFunctionRef collect, top_level, start, end, mark, alloc, realloc, free, add_heap, max_split, sbrk;
    uint32_t flag_addr, sbrk_addr, heap_base;
} found;

/* gc_collect: "gc_collect_pending = true", i.e. exactly
 * (i32.store8 (i32.const P) (i32.const 1)) and nothing else. */
static int flag_setter(BinaryenFunctionRef f, uint32_t *addr)
{
    BinaryenType none = BinaryenTypeNone();
    if (!defined(f) || !sig_is(f, none, none) || BinaryenFunctionGetNumVars(f) != 0)
        return 0;
    BinaryenExpressionRef b = single(BinaryenFunctionGetBody(f));
    uint32_t p;
    if (!is(b, BinaryenStoreId()) || BinaryenStoreGetBytes(b) != 1 || !const_addr(BinaryenStoreGetPtr(b), &p) ||
        !is_i32_const(BinaryenStoreGetValue(b), 1))
        return 0;
    *addr = p + BinaryenStoreGetOffset(b);
    return 1;
}

/* gc_collect_top_level: tests the flag (a 1-byte load of it), clears it
 * (a 1-byte store of 0) and calls exactly two functions of type [] -> [],
 * gc_collect_start then gc_collect_end. */
static int top_level(BinaryenModuleRef m, BinaryenFunctionRef f, uint32_t flag, const char **first,
                     const char **second)
{
    BinaryenType none = BinaryenTypeNone();
    if (!defined(f) || !sig_is(f, none, none))
        return 0;
    sites s = body_of(f);
    int loads = 0, clears = 0, ncalls = 0;
    for (size_t i = 0; i < s.n; i++) {
        BinaryenExpressionRef e = s.v[i].e;
        uint32_t p;
        if (is(e, BinaryenLoadId()) && BinaryenLoadGetBytes(e) == 1 && const_addr(BinaryenLoadGetPtr(e), &p) &&
            p + BinaryenLoadGetOffset(e) == flag)
            loads++;
        if (is(e, BinaryenStoreId()) && BinaryenStoreGetBytes(e) == 1 && const_addr(BinaryenStoreGetPtr(e), &p) &&
            p + BinaryenStoreGetOffset(e) == flag && is_i32_const(BinaryenStoreGetValue(e), 0))
            clears++;
        if (is(e, BinaryenCallId()) || is(e, BinaryenCallIndirectId())) {
            if (is(e, BinaryenCallIndirectId()) || BinaryenCallGetNumOperands(e) != 0) {
                ncalls = 99;
                continue;
            }
            BinaryenFunctionRef t = BinaryenGetFunction(m, BinaryenCallGetTarget(e));
            if (!t || !defined(t) || !sig_is(t, none, none))
                ncalls = 99;
            else if (ncalls == 0)
                *first = BinaryenCallGetTarget(e), ncalls++;
            else if (ncalls == 1)
                *second = BinaryenCallGetTarget(e), ncalls++;
            else
                ncalls++;
        }
    }
    free(s.v);
    return loads == 1 && clears == 1 && ncalls == 2 && strcmp(*first, *second) != 0;
}

/* The one defined function of type params -> results that calls target
 * (directly), into *out; 0 when there is none or more than one. */
static int only_caller(BinaryenModuleRef m, BinaryenFunctionRef target, BinaryenType params, BinaryenType results,
                       BinaryenFunctionRef *out)
{
    int n = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        if (!defined(f) || f == target || !sig_is(f, params, results))
            continue;
        sites b = body_of(f);
        if (calls_to(&b, BinaryenFunctionGetName(target), NULL)) {
            *out = f;
            n++;
        }
        free(b.v);
    }
    return n == 1;
}

static void find(BinaryenModuleRef m, found *g)
{
    memset(g, 0, sizeof *g);
    BinaryenIndex nf = BinaryenGetNumFunctions(m);
    BinaryenType i32 = BinaryenTypeInt32(), none = BinaryenTypeNone();
    BinaryenType ii_types[2] = {i32, i32};
    BinaryenType ii = BinaryenTypeCreate(ii_types, 2);

    /* gc_collect and the top-level collector, as one matching pair */
    int pairs = 0;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        uint32_t flag;
        if (!flag_setter(f, &flag))
            continue;
        for (BinaryenIndex k = 0; k < nf; k++) {
            BinaryenFunctionRef t = BinaryenGetFunctionByIndex(m, k);
            const char *a = NULL, *b = NULL;
            if (t != f && top_level(m, t, flag, &a, &b)) {
                g->collect = f;
                g->top_level = t;
                g->flag_addr = flag;
                g->start = BinaryenGetFunction(m, a);
                g->end = BinaryenGetFunction(m, b);
                pairs++;
            }
        }
    }
    if (pairs != 1)
        die("found %s candidates for gc_collect + gc_collect_top_level (want exactly 1)",
            pairs ? "several" : "no");

    /* gc_mark_subtree: gc_collect_start's only callee, [i32 i32] -> [] */
    sites s = body_of(g->start);
    const char *mark = NULL;
    size_t ncalls = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (is(s.v[i].e, BinaryenCallIndirectId()))
            die("%s", "gc_collect_start makes an indirect call");
        if (!is(s.v[i].e, BinaryenCallId()))
            continue;
        const char *t = BinaryenCallGetTarget(s.v[i].e);
        if (mark && strcmp(mark, t) != 0)
            die("%s", "gc_collect_start calls more than one function");
        mark = t;
        ncalls++;
    }
    free(s.v);
    if (!mark || ncalls != 2)
        die("%s", "gc_collect_start does not call the marker exactly twice (roots, Python stack)");
    g->mark = BinaryenGetFunction(m, mark);
    if (!defined(g->mark) || !sig_is(g->mark, ii, none))
        die("%s", "gc_collect_start's callee is not gc_mark_subtree(area, block)");

    /* gc_get_max_new_split: [] -> [i32], body (i32.const 128 MiB) */
    int splits = 0;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        if (defined(f) && sig_is(f, none, i32) && BinaryenFunctionGetNumVars(f) == 0 &&
            is_i32_const(single(BinaryenFunctionGetBody(f)), MAX_NEW_SPLIT)) {
            g->max_split = f;
            splits++;
        }
    }
    if (splits != 1)
        die("%s", "no single gc_get_max_new_split (a function returning 128 MiB)");

    /* gc_alloc: the caller of gc_collect of type [i32 i32] -> [i32], which
     * calls gc_try_add_heap ([i32] -> [i32]; it calls malloc and
     * gc_get_max_new_split). */
    const char *malloc_name = export_target(m, "malloc");
    if (!only_caller(m, g->collect, ii, i32, &g->alloc))
        die("%s", "no single gc_alloc (caller of gc_collect with gc_alloc's type)");
    sites a = body_of(g->alloc);
    int adds = 0;
    for (size_t i = 0; i < a.n; i++) {
        if (!is(a.v[i].e, BinaryenCallId()))
            continue;
        BinaryenFunctionRef t = BinaryenGetFunction(m, BinaryenCallGetTarget(a.v[i].e));
        if (!t || !defined(t) || !sig_is(t, i32, i32) || t == g->add_heap)
            continue;
        sites tb = body_of(t);
        if (calls_to(&tb, malloc_name, NULL) == 1 &&
            calls_to(&tb, BinaryenFunctionGetName(g->max_split), NULL) == 1) {
            g->add_heap = t;
            adds++;
        }
        free(tb.v);
    }
    free(a.v);
    if (adds != 1)
        die("%s", "gc_alloc calls no single gc_try_add_heap (malloc + gc_get_max_new_split)");

    /* gc_realloc: the one [i32 i32 i32] -> [i32] function that calls
     * gc_alloc (the move); gc_free: the one [i32] -> [] function that
     * gc_realloc calls (the old block after a move, or a new size of 0). */
    BinaryenType iii_types[3] = {i32, i32, i32};
    BinaryenType iii = BinaryenTypeCreate(iii_types, 3);
    if (!only_caller(m, g->alloc, iii, i32, &g->realloc))
        die("%s", "no single gc_realloc (the [i32 i32 i32] -> [i32] caller of gc_alloc)");
    sites r = body_of(g->realloc);
    for (size_t i = 0; i < r.n; i++) {
        if (is(r.v[i].e, BinaryenCallIndirectId()))
            die("%s", "gc_realloc makes an indirect call");
        if (!is(r.v[i].e, BinaryenCallId()))
            continue;
        BinaryenFunctionRef t = BinaryenGetFunction(m, BinaryenCallGetTarget(r.v[i].e));
        if (t == g->alloc || t == g->free)
            continue;
        if (!t || !defined(t) || !sig_is(t, i32, none) || g->free)
            die("%s", "gc_realloc calls something besides gc_alloc and one gc_free");
        g->free = t;
    }
    free(r.v);
    if (!g->free)
        die("%s", "gc_realloc calls no gc_free");

    /* sbrk: the only caller of emscripten_resize_heap; the break is the
     * word it loads from and stores to at one constant address. */
    const char *resize = NULL;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(f);
        if (mod && strcmp(mod, "env") == 0 && strcmp(BinaryenFunctionImportGetBase(f), "emscripten_resize_heap") == 0)
            resize = BinaryenFunctionGetName(f);
    }
    if (!resize)
        die("%s", "the guest does not import emscripten_resize_heap");
    int sbrks = 0;
    for (BinaryenIndex i = 0; i < nf; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(m, i);
        if (!defined(f))
            continue;
        sites b = body_of(f);
        if (calls_to(&b, resize, NULL)) {
            g->sbrk = f;
            sbrks++;
            uint32_t loaded = 0, stored = 0;
            int nl = 0, ns = 0;
            for (size_t k = 0; k < b.n; k++) {
                BinaryenExpressionRef e = b.v[k].e;
                uint32_t p;
                if (is(e, BinaryenLoadId()) && BinaryenLoadGetBytes(e) == 4 && const_addr(BinaryenLoadGetPtr(e), &p))
                    loaded = p + BinaryenLoadGetOffset(e), nl++;
                if (is(e, BinaryenStoreId()) && BinaryenStoreGetBytes(e) == 4 && const_addr(BinaryenStoreGetPtr(e), &p))
                    stored = p + BinaryenStoreGetOffset(e), ns++;
            }
            if (nl != 1 || ns != 1 || loaded != stored)
                die("%s", "sbrk does not load and store one break pointer");
            g->sbrk_addr = loaded;
        }
        free(b.v);
    }
    if (sbrks != 1)
        die("%s", "no single caller of emscripten_resize_heap (sbrk)");

    /* the break's first value, where malloc's first chunk begins: the word
     * at its address in the active data segments */
    int inits = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumMemorySegments(m); i++) {
        size_t len = BinaryenGetMemorySegmentByteLength(m, i);
        if (BinaryenGetMemorySegmentPassive(m, i))
            continue;
        uint64_t off = BinaryenGetMemorySegmentByteOffset(m, i);
        if (g->sbrk_addr < off || g->sbrk_addr + 4 > off + len)
            continue;
        char *data = xrealloc(NULL, len);
        BinaryenCopyMemorySegmentData(m, i, data);
        memcpy(&g->heap_base, data + (g->sbrk_addr - off), 4);
        free(data);
        inits++;
    }
    if (inits != 1 || g->heap_base == 0 || g->heap_base % 8 != 0)
        die("%s", "the break has no single 8-byte aligned first value in the data segments");
}

/* ---- the rewrite ------------------------------------------------------- */

/* In the sweep (inlined into gc_collect_end), an emptied area is unlinked
 * and freed:
 *     (i32.store (local.get $prev) (i32.load (local.get $area)))
 *     (call $free (local.get $area))
 * Both become "keep it": (local.set $prev (local.get $area)) and a nop, as
 * the sweep does for an area that is not empty. */
static void keep_empty_areas(BinaryenModuleRef m, const found *g)
{
    const char *free_name = export_target(m, "free");
    sites s = body_of(g->end);
    const site *call = NULL;
    if (calls_to(&s, free_name, &call) != 1)
        die("%s", "gc_collect_end does not call free exactly once (the sweep's area release)");
    BinaryenExpressionRef c = call->e, parent = call->parent;
    if (BinaryenCallGetNumOperands(c) != 1 || !is(BinaryenCallGetOperandAt(c, 0), BinaryenLocalGetId()) ||
        !is(parent, BinaryenBlockId()) || call->slot == 0)
        die("%s", "the sweep's call to free does not have the expected shape");
    BinaryenIndex area = BinaryenLocalGetGetIndex(BinaryenCallGetOperandAt(c, 0));
    BinaryenExpressionRef st = BinaryenBlockGetChildAt(parent, call->slot - 1);
    if (!is(st, BinaryenStoreId()) || BinaryenStoreGetBytes(st) != 4 || BinaryenStoreGetOffset(st) != 0 ||
        !is(BinaryenStoreGetPtr(st), BinaryenLocalGetId()))
        die("%s", "the sweep does not unlink the area before freeing it");
    BinaryenExpressionRef v = BinaryenStoreGetValue(st);
    if (!is(v, BinaryenLoadId()) || BinaryenLoadGetOffset(v) != 0 || BinaryenLoadGetBytes(v) != 4 ||
        !is(BinaryenLoadGetPtr(v), BinaryenLocalGetId()) || BinaryenLocalGetGetIndex(BinaryenLoadGetPtr(v)) != area)
        die("%s", "the sweep's unlink does not read the freed area's next pointer");
    BinaryenIndex prev = BinaryenLocalGetGetIndex(BinaryenStoreGetPtr(st));
    BinaryenBlockSetChildAt(parent, call->slot - 1,
                            BinaryenLocalSet(m, prev, BinaryenLocalGet(m, area, BinaryenTypeInt32())));
    BinaryenBlockSetChildAt(parent, call->slot, BinaryenNop(m));
    free(s.v);
}

static void rewrite(BinaryenModuleRef m, const found *g, int *threshold_sites, int *full_sites)
{
    BinaryenType i32 = BinaryenTypeInt32(), none = BinaryenTypeNone();
    BinaryenAddFunctionImport(m, IMPORT_COLLECT, "env", "mpbox_gc_collect", i32, none);
    BinaryenAddFunctionImport(m, IMPORT_ROOM, "env", "mpbox_gc_room", i32, i32);
    BinaryenType ii_types[2] = {i32, i32};
    BinaryenAddFunctionImport(m, IMPORT_MARK, "env", "mpbox_gc_mark", BinaryenTypeCreate(ii_types, 2), none);
    BinaryenAddGlobal(m, GLOBAL_REQUEST, i32, true, BinaryenConst(m, BinaryenLiteralInt32(0)));
    BinaryenAddGlobal(m, GLOBAL_LIVE, i32, true, BinaryenConst(m, BinaryenLiteralInt32(0)));
    BinaryenAddGlobal(m, GLOBAL_SBRK, i32, false, BinaryenConst(m, BinaryenLiteralInt32((int32_t)g->sbrk_addr)));
    BinaryenAddGlobalExport(m, GLOBAL_REQUEST, GLOBAL_REQUEST);
    BinaryenAddGlobalExport(m, GLOBAL_LIVE, GLOBAL_LIVE);
    BinaryenAddGlobalExport(m, GLOBAL_SBRK, GLOBAL_SBRK);
    BinaryenAddGlobal(m, GLOBAL_HEAP_BASE, i32, false,
                      BinaryenConst(m, BinaryenLiteralInt32((int32_t)g->heap_base)));
    BinaryenAddGlobalExport(m, GLOBAL_HEAP_BASE, GLOBAL_HEAP_BASE);
    BinaryenAddFunctionExport(m, BinaryenFunctionGetName(g->start), "mpbox_gc_collect_start");
    BinaryenAddFunctionExport(m, BinaryenFunctionGetName(g->end), "mpbox_gc_collect_end");
    /* for guest/fuel, which charges the allocator a fixed amount instead
     * of metering it (it removes these exports) */
    BinaryenAddFunctionExport(m, BinaryenFunctionGetName(g->alloc), "mpbox_gc_alloc");
    BinaryenAddFunctionExport(m, BinaryenFunctionGetName(g->realloc), "mpbox_gc_realloc");
    BinaryenAddFunctionExport(m, BinaryenFunctionGetName(g->free), "mpbox_gc_free");

    /* gc_alloc's calls of gc_collect carry why they collect */
    sites a = body_of(g->alloc);
    const char *collect = BinaryenFunctionGetName(g->collect);
    *threshold_sites = *full_sites = 0;
    for (size_t i = 0; i < a.n; i++) {
        BinaryenExpressionRef e = a.v[i].e;
        if (!is(e, BinaryenCallId()) || strcmp(BinaryenCallGetTarget(e), collect) != 0)
            continue;
        int full = a.v[i].loops > 0;
        BinaryenCallSetTarget(e, IMPORT_COLLECT);
        BinaryenCallAppendOperand(e, BinaryenConst(m, BinaryenLiteralInt32(full ? 2 : 1)));
        if (full)
            ++*full_sites;
        else
            ++*threshold_sites;
    }
    free(a.v);
    if (*threshold_sites != 1 || *full_sites < 1)
        die("%s", "gc_alloc does not call gc_collect once before its search loop and again inside it");

    /* gc_alloc's entry remembers the size asked for */
    BinaryenExpressionRef rec = BinaryenGlobalSet(m, GLOBAL_REQUEST, BinaryenLocalGet(m, 0, i32));
    BinaryenExpressionRef entry[2] = {rec, BinaryenFunctionGetBody(g->alloc)};
    BinaryenFunctionSetBody(g->alloc, BinaryenBlock(m, NULL, entry, 2, BinaryenTypeAuto()));

    BinaryenExpressionRef where[2] = {BinaryenLocalGet(m, 0, i32), BinaryenLocalGet(m, 1, i32)};
    BinaryenFunctionSetBody(g->mark, BinaryenCall(m, IMPORT_MARK, where, 2, none));

    BinaryenExpressionRef why = BinaryenConst(m, BinaryenLiteralInt32(0));
    BinaryenFunctionSetBody(g->collect, BinaryenCall(m, IMPORT_COLLECT, &why, 1, none));
    BinaryenExpressionRef query = BinaryenConst(m, BinaryenLiteralInt32(0));
    BinaryenFunctionSetBody(g->max_split, BinaryenCall(m, IMPORT_ROOM, &query, 1, i32));
    sites h = body_of(g->add_heap);
    const site *split = NULL;
    if (calls_to(&h, BinaryenFunctionGetName(g->max_split), &split) != 1)
        die("%s", "gc_try_add_heap does not call gc_get_max_new_split once");
    BinaryenCallSetTarget(split->e, IMPORT_ROOM);
    BinaryenCallAppendOperand(split->e, BinaryenConst(m, BinaryenLiteralInt32(1)));
    free(h.v);
    keep_empty_areas(m, g);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.wasm OUT.wasm\n", prog);
        return 2;
    }
    size_t len;
    char *bytes = read_file(argv[1], &len);
    BinaryenModuleRef m = BinaryenModuleRead(bytes, len);
    free(bytes);
    if (!m)
        die("cannot parse %s", argv[1]);
    BinaryenModuleSetFeatures(m, BinaryenModuleGetFeatures(m) | BinaryenFeatureMutableGlobals() |
                                     BinaryenFeatureNontrappingFPToInt() | BinaryenFeatureSignExt() |
                                     BinaryenFeatureBulkMemory() | BinaryenFeatureMultivalue() |
                                     BinaryenFeatureReferenceTypes());
    if (!BinaryenModuleValidate(m))
        die("%s does not validate", argv[1]);
    if (BinaryenGetFunction(m, IMPORT_COLLECT) || BinaryenGetGlobal(m, GLOBAL_LIVE))
        die("%s has already been rewritten", argv[1]);

    found g;
    find(m, &g);
    int threshold_sites, full_sites;
    rewrite(m, &g, &threshold_sites, &full_sites);
    if (!BinaryenModuleValidate(m))
        die("rewritten module does not validate (from %s)", argv[1]);

    BinaryenModuleAllocateAndWriteResult res = BinaryenModuleAllocateAndWrite(m, NULL);
    FILE *fp = fopen(argv[2], "wb");
    if (!fp)
        die("cannot create %s", argv[2]);
    if (fwrite(res.binary, 1, res.binaryBytes, fp) != res.binaryBytes || fclose(fp) != 0) {
        remove(argv[2]);
        die("cannot write %s", argv[2]);
    }
    free(res.binary);
    if (res.sourceMap)
        free(res.sourceMap);
    fprintf(stderr,
            "%s: %s -> %s: gc_collect %s (flag at %u), start %s, end %s, mark %s, alloc %s (%d + %d call sites), "
            "realloc %s, free %s, add_heap %s, max_new_split %s, sbrk %s (break at %u, first %u)\n",
            prog, argv[1], argv[2], BinaryenFunctionGetName(g.collect), g.flag_addr, BinaryenFunctionGetName(g.start),
            BinaryenFunctionGetName(g.end), BinaryenFunctionGetName(g.mark), BinaryenFunctionGetName(g.alloc),
            threshold_sites, full_sites, BinaryenFunctionGetName(g.realloc), BinaryenFunctionGetName(g.free),
            BinaryenFunctionGetName(g.add_heap), BinaryenFunctionGetName(g.max_split),
            BinaryenFunctionGetName(g.sbrk), g.sbrk_addr, g.heap_base);
    BinaryenModuleDispose(m);
    return 0;
}
