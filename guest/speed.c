/* speed — rewrite the guest for speed at build time, before guest/fuel.
 *
 *   speed [--skip=vstr,extend,gc,full,qstr,hash,charlen] IN.wasm OUT.wasm
 *
 * The guest is MicroPython's official WebAssembly build; a few of its
 * algorithms are quadratic where agents' programs hurt. Each rewrite below
 * finds its target by structure (the binary has no names), checks that it
 * matches exactly one place, and fails the build loudly otherwise: a guest
 * that does not look as expected is never rewritten by guesswork.
 * docs/benchmarks.md has the measurements.
 *
 * 1. vstr growth (py/vstr.c, vstr_ensure_extra). A vstr that runs out of
 *    room grows to ROUND_ALLOC(len + extra + 16): 16 bytes at a time, and
 *    each m_renew that cannot grow in place copies the whole string, so
 *    building a long string (json.dumps, str.join, %, f-strings, StringIO)
 *    is quadratic. The compiled form is
 *        local.tee $n (i32.add (i32.and (local.get $n) (i32.const -8)) (i32.const 24))
 *    passed as the new size to m_renew and stored as vstr->alloc. It becomes
 *    n + n/2 (rounded the same way) while n < 1 GiB, the original size
 *    above that (no overflow): geometric growth, amortised linear time.
 *
 * 2. The allocator's free-block search (py/gc.c, gc_alloc). Each heap area
 *    keeps gc_last_free_atb_index, where the search for free blocks starts;
 *    no block before it is free. gc_alloc moves it only after a one-block
 *    allocation, so a run of multi-block allocations (tuples, lists,
 *    strings) searches again and again from the same place over everything
 *    allocated since: quadratic. After the original update, the rewrite
 *    calls a new function that moves the index past allocation-table bytes
 *    whose four blocks are all in use. That keeps the invariant (a skipped
 *    byte has no free block), costs no more than the search just made, and
 *    changes no allocation decision: first fit finds the same blocks.
 *    And an area that the one-block search found full is marked full up to
 *    its end, not at a quarter of it (section 2a).
 *
 * 3. String interning (section 3): a bitmap of the interned strings'
 *    hashes in front of the pools' linear search.
 *
 * 4. New str objects leave their hash at 0, "not computed", which every
 *    reader already handles; the one reader that computes it keeps it in
 *    the object (section 4).
 *
 * 5. len() of a str counts UTF-8 characters eight bytes per step (section 5).
 *
 * Every rewrite is ordinary guest code, so guest/fuel instruments it like
 * the rest: fuel stays a deterministic function of the program.
 */
#include "wasm_tree.h"

/* ---- walking with parents ------------------------------------------ */

typedef struct site {
    BinaryenExpressionRef e, parent;
    BinaryenIndex slot;
} site;

/* Calls visit(fn, site, ctx) for every expression under root (fn's body or
 * a part of it; fn is passed through), parents before children. Uses an
 * explicit stack: MicroPython's interpreter loop nests deeply. */
static void walk_from(BinaryenFunctionRef fn, BinaryenExpressionRef root,
                      void (*visit)(BinaryenFunctionRef, const site *, void *), void *ctx)
{
    static site *stack;
    static size_t cap;
    size_t sp = 0;
    if (!root) return;
    if (cap == 0) {
        cap = 1024;
        stack = xrealloc(NULL, cap * sizeof *stack);
    }
    stack[sp++] = (site){root, NULL, 0};
    while (sp) {
        site s = stack[--sp];
        visit(fn, &s, ctx);
        BinaryenIndex n = nchildren(s.e);
        if (sp + n > cap) {
            while (sp + n > cap) cap *= 2;
            stack = xrealloc(stack, cap * sizeof *stack);
        }
        for (BinaryenIndex i = 0; i < n; i++) {
            BinaryenExpressionRef c = child(s.e, i);
            if (c) stack[sp++] = (site){c, s.e, i};
        }
    }
}

static void walk(BinaryenFunctionRef fn, void (*visit)(BinaryenFunctionRef, const site *, void *), void *ctx)
{
    walk_from(fn, BinaryenFunctionGetBody(fn), visit, ctx);
}

static void walk_module(BinaryenModuleRef m, void (*visit)(BinaryenFunctionRef, const site *, void *), void *ctx)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef fn = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(fn);
        if (!(mod && *mod)) walk(fn, visit, ctx);
    }
}

/* ---- small matchers ------------------------------------------------- */

static int is(BinaryenExpressionRef e, BinaryenExpressionId id) { return e && BinaryenExpressionGetId(e) == id; }

static int is_i32_const(BinaryenExpressionRef e, int32_t v)
{
    return is(e, ID_CONST) && BinaryenExpressionGetType(e) == BinaryenTypeInt32() && BinaryenConstGetValueI32(e) == v;
}

static int is_binary(BinaryenExpressionRef e, BinaryenOp op)
{
    return is(e, ID_BINARY) && BinaryenBinaryGetOp(e) == op;
}

static int is_local_get(BinaryenExpressionRef e, BinaryenIndex l)
{
    return is(e, ID_LOCAL_GET) && BinaryenLocalGetGetIndex(e) == l;
}

/* (i32.load offset=OFF (local.get L)), a plain 4-byte load. */
static int is_load_field(BinaryenExpressionRef e, BinaryenIndex l, uint32_t off)
{
    return is(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 4 && BinaryenLoadGetOffset(e) == off &&
           BinaryenExpressionGetType(e) == BinaryenTypeInt32() && is_local_get(BinaryenLoadGetPtr(e), l);
}

static BinaryenType i32(void) { return BinaryenTypeInt32(); }
static BinaryenExpressionRef get(BinaryenModuleRef m, BinaryenIndex l) { return BinaryenLocalGet(m, l, i32()); }
static BinaryenExpressionRef c32(BinaryenModuleRef m, int32_t v) { return BinaryenConst(m, BinaryenLiteralInt32(v)); }

/* The local.get in (i32.shr_u (i32.add (local.get $x) (i32.const 1)) (i32.const 2)), i.e.
 * "(x + 1) / BLOCKS_PER_ATB" of py/gc.c, or NULL. */
static BinaryenExpressionRef plus1_quarter(BinaryenExpressionRef v)
{
    if (!is_binary(v, BinaryenShrUInt32()) || !is_i32_const(BinaryenBinaryGetRight(v), 2)) return NULL;
    BinaryenExpressionRef plus1 = BinaryenBinaryGetLeft(v);
    if (!is_binary(plus1, BinaryenAddInt32()) || !is(BinaryenBinaryGetLeft(plus1), ID_LOCAL_GET) ||
        !is_i32_const(BinaryenBinaryGetRight(plus1), 1))
        return NULL;
    return BinaryenBinaryGetLeft(plus1);
}

/* A rewrite's target must match exactly `want` places: else stop the build. */
static void expect_count(const char *what, int found, int want)
{
    if (found == want) return;
    fprintf(stderr, "%s: %s: expected %d, found %d\n", prog, what, want, found);
    exit(1);
}
static BinaryenExpressionRef bin(BinaryenModuleRef m, BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b)
{
    return BinaryenBinary(m, op, a, b);
}

/* ---- 1. vstr growth ------------------------------------------------- */

typedef struct vstr_match {
    int count;
    BinaryenExpressionRef tee; /* the local.tee holding the new size */
    const char *fn;
} vstr_match;

/* vstr_ensure_extra(vstr_t *vstr, size_t size), after `n = vstr->len + size`
 * exceeded vstr->alloc and vstr->fixed_buf was checked:
 *     vstr->buf = m_renew(vstr->buf, n = ROUND_ALLOC(n + 16));
 * i.e. (call $m_renew (i32.load offset=8 (local.get 0))
 *                     (local.tee $n (i32.add (i32.and (local.get $n) (i32.const -8)) (i32.const 24))))
 * in a function of type (i32, i32) -> (). */
static void find_vstr_growth(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    vstr_match *vm = ctx;
    BinaryenExpressionRef e = s->e;
    if (!is(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 2) return;
    if (BinaryenFunctionGetParams(fn) != BinaryenTypeCreate((BinaryenType[]){i32(), i32()}, 2) ||
        BinaryenFunctionGetResults(fn) != BinaryenTypeNone())
        return;
    if (!is_load_field(BinaryenCallGetOperandAt(e, 0), 0, 8)) return;
    BinaryenExpressionRef tee = BinaryenCallGetOperandAt(e, 1);
    if (!is(tee, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(tee)) return;
    BinaryenIndex n = BinaryenLocalSetGetIndex(tee);
    BinaryenExpressionRef add = BinaryenLocalSetGetValue(tee);
    if (!is_binary(add, BinaryenAddInt32()) || !is_i32_const(BinaryenBinaryGetRight(add), 24)) return;
    BinaryenExpressionRef and = BinaryenBinaryGetLeft(add);
    if (!is_binary(and, BinaryenAndInt32()) || !is_i32_const(BinaryenBinaryGetRight(and), -8) ||
        !is_local_get(BinaryenBinaryGetLeft(and), n))
        return;
    vm->count++;
    vm->tee = tee;
    vm->fn = BinaryenFunctionGetName(fn);
}

static void rewrite_vstr_growth(BinaryenModuleRef m)
{
    vstr_match vm = {0};
    walk_module(m, find_vstr_growth, &vm);
    expect_count("vstr growth", vm.count, 1);
    BinaryenIndex n = BinaryenLocalSetGetIndex(vm.tee);
    /* select(ROUND(n + n/2 + 16), ROUND(n + 16), n < 1 GiB) */
    BinaryenExpressionRef grown = bin(m, BinaryenAddInt32(),
                                      bin(m, BinaryenAndInt32(),
                                          bin(m, BinaryenAddInt32(), get(m, n),
                                              bin(m, BinaryenShrUInt32(), get(m, n), c32(m, 1))),
                                          c32(m, -8)),
                                      c32(m, 24));
    BinaryenExpressionRef small = bin(m, BinaryenLtUInt32(), get(m, n), c32(m, 1 << 30));
    BinaryenExpressionRef old = BinaryenLocalSetGetValue(vm.tee);
    BinaryenLocalSetSetValue(vm.tee, BinaryenSelect(m, small, grown, old, i32()));
    fprintf(stderr, "%s: vstr growth made geometric in %s\n", prog, vm.fn);
}

/* ---- 1b. list.extend growth ------------------------------------------ */

/* list_extend (py/objlist.c) with a list argument grows the array to
 * exactly len + arg_len + 4 slots:
 *     self->items = m_renew(mp_obj_t, self->items, self->alloc, n + 4);   n = len + arg_len
 *     self->alloc = n + 4;
 * so `l += [x]` or `l.extend(batch)` in a loop reallocates every few
 * items, and gc_realloc walks the whole block each time: quadratic (400000
 * `l += [i]`: 32.6e9 fuel, 40x CPython's time). Compiled as
 *     (call $m_realloc (i32.load offset=12 (local.get $self)) (i32.add (i32.shl (local.get $n) (i32.const 2)) (i32.const 16)))
 *     (i32.store offset=4 (local.get $self) (i32.add (local.tee $m (i32.add (i32.load offset=8 (local.get $arg))
 *                                                                          (i32.load offset=8 (local.get $self))))
 *                                                     (i32.const 4)))
 * Both become n + n/2 + 4 (n < 2^29 under the 2 GiB cap: no overflow), as
 * list.append already grows by doubling. The 4 slots after n are cleared
 * as before; the rest of the new room comes zeroed from the allocator. */
#define LIST_ALLOC 4
#define LIST_LEN 8
typedef struct extend_match {
    int count, sizes;
    BinaryenFunctionRef fn;
    BinaryenExpressionRef store, size;
    const char *fname;
} extend_match;

static void find_extend_alloc(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    extend_match *em = ctx;
    BinaryenExpressionRef st = s->e;
    if (!is(st, ID_STORE) || BinaryenStoreGetBytes(st) != 4 || BinaryenStoreGetOffset(st) != LIST_ALLOC ||
        !is(BinaryenStoreGetPtr(st), ID_LOCAL_GET))
        return;
    BinaryenIndex self = BinaryenLocalGetGetIndex(BinaryenStoreGetPtr(st));
    BinaryenExpressionRef v = BinaryenStoreGetValue(st);
    if (!is_binary(v, BinaryenAddInt32()) || !is_i32_const(BinaryenBinaryGetRight(v), 4)) return;
    BinaryenExpressionRef tee = BinaryenBinaryGetLeft(v);
    if (!is(tee, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(tee)) return;
    BinaryenExpressionRef sum = BinaryenLocalSetGetValue(tee);
    if (!is_binary(sum, BinaryenAddInt32()) || !is(BinaryenBinaryGetLeft(sum), ID_LOAD) ||
        BinaryenLoadGetOffset(BinaryenBinaryGetLeft(sum)) != LIST_LEN || !is_load_field(BinaryenBinaryGetRight(sum), self, LIST_LEN))
        return;
    em->count++;
    em->fn = fn;
    em->store = st;
}

/* (i32.add (i32.shl (local.get $n) (i32.const 2)) (i32.const 16)): (n + 4) slots in bytes */
static void find_extend_size(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    extend_match *em = ctx;
    BinaryenExpressionRef e = s->e;
    if (!is(s->parent, ID_CALL) || !is_binary(e, BinaryenAddInt32()) || !is_i32_const(BinaryenBinaryGetRight(e), 16)) return;
    BinaryenExpressionRef shl = BinaryenBinaryGetLeft(e);
    if (!is_binary(shl, BinaryenShlInt32()) || !is(BinaryenBinaryGetLeft(shl), ID_LOCAL_GET) ||
        !is_i32_const(BinaryenBinaryGetRight(shl), 2))
        return;
    em->sizes++;
    em->size = e;
}

/* n + n/2 + 4 */
static BinaryenExpressionRef grown_slots(BinaryenModuleRef m, BinaryenExpressionRef n, BinaryenIndex again)
{
    return bin(m, BinaryenAddInt32(), bin(m, BinaryenAddInt32(), n, c32(m, 4)),
               bin(m, BinaryenShrUInt32(), get(m, again), c32(m, 1)));
}

static void rewrite_extend_growth(BinaryenModuleRef m)
{
    extend_match em = {0};
    walk_module(m, find_extend_alloc, &em);
    expect_count("list.extend growth", em.count, 1);
    walk(em.fn, find_extend_size, &em);
    expect_count("list.extend growth: reallocation sizes", em.sizes, 1);
    BinaryenExpressionRef v = BinaryenStoreGetValue(em.store);
    BinaryenExpressionRef tee = BinaryenBinaryGetLeft(v);
    BinaryenStoreSetValue(em.store, grown_slots(m, tee, BinaryenLocalSetGetIndex(tee)));
    BinaryenIndex n = BinaryenLocalGetGetIndex(BinaryenBinaryGetLeft(BinaryenBinaryGetLeft(em.size)));
    BinaryenBinarySetLeft(em.size, bin(m, BinaryenShlInt32(), grown_slots(m, get(m, n), n), c32(m, 2)));
    BinaryenBinarySetRight(em.size, c32(m, 0));
    fprintf(stderr, "%s: list.extend growth made geometric in %s\n", prog, BinaryenFunctionGetName(em.fn));
}

/* ---- 2. the allocator's free-block search --------------------------- */

/* Fields of mp_state_mem_area_t (py/mpstate.h) on wasm32. */
#define AREA_NEXT 0
#define AREA_ATB_LEN 8
#define AREA_LAST_FREE 24
#define HINT_AREA "mpbox$gc_hint_area"
#define HINT_ATB "mpbox$gc_hint_atb"
#define HINT_USED "mpbox$gc_hint_used"
#define F_START "mpbox$gc_search_start"
#define F_RETRY "mpbox$gc_search_retry"
#define F_FOUND "mpbox$gc_search_found"

typedef struct gc_match {
    int count;
    BinaryenFunctionRef fn;
    site at;            /* the block that updates the index after "found" */
    BinaryenIndex area; /* local holding the area */
    BinaryenIndex end;  /* local holding the last block found */
    BinaryenIndex nfree;
    uint32_t first_area_addr, first_area_offset; /* &MP_STATE_MEM(gc_last_free_area) */
    /* the multi-block search: where it reads its start, how it moves on */
    site start[4];
    int nstart;
    site next[4];
    int nnext;
    BinaryenIndex nblocks;
} gc_match;

/* In gc_alloc, right after "found":
 *     if (n_free == 1) { MP_STATE_MEM(gc_last_free_area) = area;
 *                        area->gc_last_free_atb_index = (i + 1) / BLOCKS_PER_ATB; }
 * compiled as
 *     (block $b (br_if $b (i32.ne (local.get $n_free) (i32.const 1)))
 *               (i32.store offset=STATE (i32.const K) (local.get $area))
 *               (i32.store (local.get $p) (i32.shr_u (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))
 */
static void find_gc_index_update(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    gc_match *gm = ctx;
    BinaryenExpressionRef b = s->e;
    if (!is(b, ID_BLOCK) || BinaryenBlockGetNumChildren(b) != 3 || !BinaryenBlockGetName(b)) return;
    BinaryenExpressionRef br = BinaryenBlockGetChildAt(b, 0);
    BinaryenExpressionRef set_area = BinaryenBlockGetChildAt(b, 1);
    BinaryenExpressionRef set_index = BinaryenBlockGetChildAt(b, 2);
    if (!is(br, ID_BREAK) || strcmp(BinaryenBreakGetName(br), BinaryenBlockGetName(b)) != 0) return;
    BinaryenExpressionRef cond = BinaryenBreakGetCondition(br);
    if (!is_binary(cond, BinaryenNeInt32()) || !is(BinaryenBinaryGetLeft(cond), ID_LOCAL_GET) ||
        !is_i32_const(BinaryenBinaryGetRight(cond), 1))
        return;
    if (!is(set_area, ID_STORE) || BinaryenStoreGetBytes(set_area) != 4 || !is(BinaryenStoreGetPtr(set_area), ID_CONST) ||
        !is(BinaryenStoreGetValue(set_area), ID_LOCAL_GET))
        return;
    if (!is(set_index, ID_STORE) || BinaryenStoreGetBytes(set_index) != 4 || BinaryenStoreGetOffset(set_index) != 0 ||
        !is(BinaryenStoreGetPtr(set_index), ID_LOCAL_GET))
        return;
    BinaryenExpressionRef end = plus1_quarter(BinaryenStoreGetValue(set_index));
    if (!end) return;
    gm->count++;
    gm->fn = fn;
    gm->at = *s;
    gm->area = BinaryenLocalGetGetIndex(BinaryenStoreGetValue(set_area));
    gm->end = BinaryenLocalGetGetIndex(end);
    gm->nfree = BinaryenLocalGetGetIndex(BinaryenBinaryGetLeft(cond));
    gm->first_area_addr = (uint32_t)BinaryenConstGetValueI32(BinaryenStoreGetPtr(set_area));
    gm->first_area_offset = BinaryenStoreGetOffset(set_area);
}

/* The start of an area's scan:
 *     (i32.ge_u (local.tee $i (i32.load offset=24 (local.get $area)))
 *               (local.tee $len (i32.load offset=8 (local.get $area))))
 * i.e. "for (i = area->gc_last_free_atb_index; i < area->gc_alloc_table_byte_len; ...)". */
static int is_scan_start(BinaryenExpressionRef e, BinaryenIndex area)
{
    if (!is_binary(e, BinaryenGeUInt32())) return 0;
    BinaryenExpressionRef l = BinaryenBinaryGetLeft(e), r = BinaryenBinaryGetRight(e);
    return is(l, ID_LOCAL_SET) && BinaryenLocalSetIsTee(l) && is(r, ID_LOCAL_SET) && BinaryenLocalSetIsTee(r) &&
           is_load_field(BinaryenLocalSetGetValue(l), area, AREA_LAST_FREE) &&
           is_load_field(BinaryenLocalSetGetValue(r), area, AREA_ATB_LEN);
}

/* The run-length test of the multi-block search ("++n_free >= n_blocks"):
 * (i32.ge_u|lt_u (local.tee $n (i32.add (local.get $m) (i32.const 1))) (local.get $n_blocks)).
 * The one-block search is compiled separately and has none. */
static int is_run_test(BinaryenExpressionRef e, BinaryenIndex *nblocks)
{
    if (!is_binary(e, BinaryenGeUInt32()) && !is_binary(e, BinaryenLtUInt32())) return 0;
    BinaryenExpressionRef l = BinaryenBinaryGetLeft(e), r = BinaryenBinaryGetRight(e);
    if (!is(l, ID_LOCAL_SET) || !BinaryenLocalSetIsTee(l) || !is(r, ID_LOCAL_GET)) return 0;
    BinaryenExpressionRef v = BinaryenLocalSetGetValue(l);
    if (!is_binary(v, BinaryenAddInt32()) || !is(BinaryenBinaryGetLeft(v), ID_LOCAL_GET) ||
        !is_i32_const(BinaryenBinaryGetRight(v), 1))
        return 0;
    *nblocks = BinaryenLocalGetGetIndex(r);
    return 1;
}

/* What a subtree holds: scan starts, run tests (and their n_blocks local). */
typedef struct subtree_facts {
    BinaryenIndex area;
    int starts, tests, nblocks_conflict;
    BinaryenIndex nblocks;
} subtree_facts;

static void subtree_visit(BinaryenExpressionRef e, subtree_facts *f)
{
    BinaryenIndex nb;
    if (is_scan_start(e, f->area)) f->starts++;
    if (is_run_test(e, &nb)) {
        if (f->tests && f->nblocks != nb) f->nblocks_conflict = 1;
        f->nblocks = nb;
        f->tests++;
    }
}

static void subtree(BinaryenExpressionRef root, subtree_facts *f)
{
    BinaryenExpressionRef *stack = xrealloc(NULL, 256 * sizeof *stack);
    size_t sp = 0, cap = 256;
    stack[sp++] = root;
    while (sp) {
        BinaryenExpressionRef e = stack[--sp];
        subtree_visit(e, f);
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
    free(stack);
}

typedef struct gc_sites {
    gc_match *gm;
    const char *loop; /* name of an area loop of the multi-block search */
} gc_sites;

static void find_gc_sites(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    gc_sites *gs = ctx;
    gc_match *gm = gs->gm;
    BinaryenExpressionRef e = s->e;
    if (is(e, ID_BREAK) && BinaryenBreakGetCondition(e) && !BinaryenBreakGetValue(e) &&
        strcmp(BinaryenBreakGetName(e), gs->loop) == 0) {
        BinaryenExpressionRef c = BinaryenBreakGetCondition(e);
        if (is(c, ID_LOCAL_SET) && BinaryenLocalSetIsTee(c) && BinaryenLocalSetGetIndex(c) == gm->area &&
            is_load_field(BinaryenLocalSetGetValue(c), gm->area, AREA_NEXT) && gm->nnext < 4)
            gm->next[gm->nnext++] = *s;
    }
}

static void find_gc_start(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    gc_match *gm = ctx;
    if (is_scan_start(s->e, gm->area) && gm->nstart < 4) gm->start[gm->nstart++] = *s;
}

/* A loop holding the multi-block scan start: the area loop is the
 * innermost one whose body holds exactly that start and run tests. */
typedef struct loop_pick {
    gc_match *gm;
    BinaryenExpressionRef loops[16];
    int n;
} loop_pick;

static void pick_loops(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    loop_pick *lp = ctx;
    BinaryenExpressionRef e = s->e;
    if (!is(e, ID_LOOP) || !BinaryenLoopGetName(e)) return;
    subtree_facts f = {.area = lp->gm->area};
    subtree(BinaryenLoopGetBody(e), &f);
    if (f.starts == 1 && f.tests > 0 && !f.nblocks_conflict && lp->n < 16) {
        lp->gm->nblocks = f.nblocks;
        lp->loops[lp->n++] = e;
    }
}

static BinaryenExpressionRef gget(BinaryenModuleRef m, const char *g) { return BinaryenGlobalGet(m, g, i32()); }

/* The three helpers. State, in three i32 globals (part of the instance,
 * so checkpoints, snapshots, forks and the start-up image carry them):
 *   hint_area, hint_atb: where the last multi-block allocation ended;
 *   hint_used: the current search skipped blocks because of the hint.
 *
 * start(area, n_blocks) -> the allocation-table index where the scan of
 * this area starts:
 *     if (n_blocks > 1 && hint_area) {
 *         if (area == hint_area) { hint_used = 1; return max(area->gc_last_free_atb_index, hint_atb); }
 *         if (hint_area comes later in the chain of areas) { hint_used = 1; return UINT32_MAX; } // skip
 *     }
 *     return area->gc_last_free_atb_index;
 * retry(area) -> 1 when the search reached the last area having skipped
 * blocks: forget the hint; the caller starts over from the first area to
 * search (MP_STATE_MEM(gc_last_free_area)), now with first fit:
 *     if (hint_used && !area->next) { hint_used = 0; hint_area = 0; return 1; } return 0;
 * found(area, end_block, n_free):
 *     hint_used = 0;
 *     if (n_free > 1) { hint_area = area; hint_atb = (end_block + 1) / 4; }
 *
 * So a multi-block search goes on from where the previous one ended (next
 * fit) and, when that finds nothing, does the original first-fit search:
 * an allocation fails exactly when it failed before. One-block allocations
 * keep first fit. */
static void add_gc_helpers(BinaryenModuleRef m)
{
    BinaryenType none = BinaryenTypeNone();
    BinaryenType two[] = {i32(), i32()}, three[] = {i32(), i32(), i32()};
    BinaryenAddGlobal(m, HINT_AREA, i32(), true, c32(m, 0));
    BinaryenAddGlobal(m, HINT_ATB, i32(), true, c32(m, 0));
    BinaryenAddGlobal(m, HINT_USED, i32(), true, c32(m, 0));

    /* start: params area(0), n_blocks(1); vars index(2), p(3) */
    enum { AREA, NBLOCKS, INDEX, P };
    BinaryenExpressionRef at_hint[] = {
        BinaryenGlobalSet(m, HINT_USED, c32(m, 1)),
        BinaryenReturn(m, BinaryenSelect(m, bin(m, BinaryenGtUInt32(), gget(m, HINT_ATB), get(m, INDEX)),
                                         gget(m, HINT_ATB), get(m, INDEX), i32())),
    };
    BinaryenExpressionRef skip[] = {BinaryenGlobalSet(m, HINT_USED, c32(m, 1)), BinaryenReturn(m, c32(m, -1))};
    /* p = area->next; while (p) { if (p == hint_area) skip; p = p->next; } */
    BinaryenExpressionRef chain_body[] = {
        BinaryenBreak(m, "chain_end", BinaryenUnary(m, BinaryenEqZInt32(), get(m, P)), NULL),
        BinaryenIf(m, bin(m, BinaryenEqInt32(), get(m, P), gget(m, HINT_AREA)), BinaryenBlock(m, NULL, skip, 2, none), NULL),
        BinaryenLocalSet(m, P, BinaryenLoad(m, 4, false, AREA_NEXT, 4, i32(), get(m, P))),
        BinaryenBreak(m, "chain", NULL, NULL),
    };
    BinaryenExpressionRef chain = BinaryenBlock(
        m, "chain_end", (BinaryenExpressionRef[]){BinaryenLoop(m, "chain", BinaryenBlock(m, NULL, chain_body, 4, none))}, 1,
        none);
    BinaryenExpressionRef hinted[] = {
        BinaryenIf(m, bin(m, BinaryenEqInt32(), get(m, AREA), gget(m, HINT_AREA)), BinaryenBlock(m, NULL, at_hint, 2, none),
                   NULL),
        BinaryenLocalSet(m, P, BinaryenLoad(m, 4, false, AREA_NEXT, 4, i32(), get(m, AREA))),
        chain,
    };
    BinaryenExpressionRef start_kids[] = {
        BinaryenLocalSet(m, INDEX, BinaryenLoad(m, 4, false, AREA_LAST_FREE, 4, i32(), get(m, AREA))),
        BinaryenIf(m,
                   bin(m, BinaryenAndInt32(), bin(m, BinaryenGtUInt32(), get(m, NBLOCKS), c32(m, 1)),
                       bin(m, BinaryenNeInt32(), gget(m, HINT_AREA), c32(m, 0))),
                   BinaryenBlock(m, NULL, hinted, 3, none), NULL),
        get(m, INDEX),
    };
    BinaryenType vars[] = {i32(), i32()};
    BinaryenAddFunction(m, F_START, BinaryenTypeCreate(two, 2), i32(), vars, 2,
                        BinaryenBlock(m, NULL, start_kids, 3, i32()));

    /* retry: param area(0) */
    BinaryenExpressionRef forget[] = {BinaryenGlobalSet(m, HINT_USED, c32(m, 0)),
                                      BinaryenGlobalSet(m, HINT_AREA, c32(m, 0)), BinaryenReturn(m, c32(m, 1))};
    BinaryenExpressionRef last = BinaryenUnary(m, BinaryenEqZInt32(), BinaryenLoad(m, 4, false, AREA_NEXT, 4, i32(), get(m, 0)));
    BinaryenExpressionRef retry_kids[] = {
        BinaryenIf(m, bin(m, BinaryenAndInt32(), bin(m, BinaryenNeInt32(), gget(m, HINT_USED), c32(m, 0)), last),
                   BinaryenBlock(m, NULL, forget, 3, none), NULL),
        c32(m, 0),
    };
    BinaryenAddFunction(m, F_RETRY, i32(), i32(), NULL, 0, BinaryenBlock(m, NULL, retry_kids, 2, i32()));

    /* found: params area(0), end_block(1), n_free(2) */
    BinaryenExpressionRef remember[] = {
        BinaryenGlobalSet(m, HINT_AREA, get(m, 0)),
        BinaryenGlobalSet(m, HINT_ATB, bin(m, BinaryenShrUInt32(), bin(m, BinaryenAddInt32(), get(m, 1), c32(m, 1)), c32(m, 2))),
    };
    BinaryenExpressionRef found_kids[] = {
        BinaryenGlobalSet(m, HINT_USED, c32(m, 0)),
        BinaryenIf(m, bin(m, BinaryenGtUInt32(), get(m, 2), c32(m, 1)), BinaryenBlock(m, NULL, remember, 2, none), NULL),
    };
    BinaryenAddFunction(m, F_FOUND, BinaryenTypeCreate(three, 3), none, NULL, 0,
                        BinaryenBlock(m, NULL, found_kids, 2, none));
}

static void rewrite_gc_search(BinaryenModuleRef m)
{
    gc_match gm = {0};
    walk_module(m, find_gc_index_update, &gm);
    expect_count("gc_alloc: free-index updates", gm.count, 1);
    const char *fname = BinaryenFunctionGetName(gm.fn);
    loop_pick lp = {.gm = &gm};
    walk(gm.fn, pick_loops, &lp);
    if (lp.n == 0) die("gc_alloc (%s): no multi-block search loop found", fname);
    /* The area loop: the last one picked in pre-order, i.e. the innermost
     * of the nested loops that hold the multi-block scan. Which recorded
     * scan start lies in it: the one whose removal empties it. */
    BinaryenExpressionRef inner = lp.loops[lp.n - 1];
    walk(gm.fn, find_gc_start, &gm);
    int chosen = -1;
    for (int k = 0; k < gm.nstart; k++) {
        BinaryenExpressionRef tee = BinaryenBinaryGetLeft(gm.start[k].e);
        BinaryenExpressionRef saved = BinaryenLocalSetGetValue(tee);
        BinaryenLocalSetSetValue(tee, c32(m, 0));
        subtree_facts t = {.area = gm.area};
        subtree(inner, &t);
        BinaryenLocalSetSetValue(tee, saved);
        if (t.starts == 0) {
            if (chosen >= 0) die("gc_alloc (%s): two multi-block scan starts", fname);
            chosen = k;
        }
    }
    if (chosen < 0) die("gc_alloc (%s): the multi-block scan start was not found", fname);
    gc_sites gs = {.gm = &gm, .loop = BinaryenLoopGetName(inner)};
    walk(gm.fn, find_gc_sites, &gs);
    if (gm.nnext != 1)
        die("gc_alloc (%s): expected one step to the next heap area in the multi-block search", fname);
    if (!is(gm.at.parent, ID_BLOCK) || !is(gm.next[0].parent, ID_BLOCK))
        die("gc_alloc (%s): unexpected nesting of the search", fname);
    if (BinaryenGetGlobal(m, HINT_AREA) || BinaryenGetGlobal(m, HINT_ATB) || BinaryenGetGlobal(m, HINT_USED))
        die("the module already has the globals of %s", prog);
    if (BinaryenGetFunction(m, F_START) || BinaryenGetFunction(m, F_RETRY) || BinaryenGetFunction(m, F_FOUND))
        die("the module already has the functions of %s", prog);
    add_gc_helpers(m);

    /* the scan starts at start(area, n_blocks) */
    BinaryenExpressionRef start_args[] = {get(m, gm.area), get(m, gm.nblocks)};
    BinaryenLocalSetSetValue(BinaryenBinaryGetLeft(gm.start[chosen].e), BinaryenCall(m, F_START, start_args, 2, i32()));

    /* before moving to the next area:
     *     (if (retry area) (then (local.set $area gc_last_free_area) (br $area_loop))) */
    site nx = gm.next[0];
    BinaryenExpressionRef retry_args[] = {get(m, gm.area)};
    BinaryenExpressionRef restart[] = {
        BinaryenLocalSet(m, gm.area, BinaryenLoad(m, 4, false, gm.first_area_offset, 4, i32(), c32(m, (int32_t)gm.first_area_addr))),
        BinaryenBreak(m, gs.loop, NULL, NULL),
    };
    BinaryenExpressionRef again = BinaryenIf(m, BinaryenCall(m, F_RETRY, retry_args, 1, i32()),
                                             BinaryenBlock(m, NULL, restart, 2, BinaryenTypeNone()), NULL);
    BinaryenExpressionRef step[] = {again, nx.e};
    BinaryenBlockSetChildAt(nx.parent, nx.slot, BinaryenBlock(m, NULL, step, 2, BinaryenTypeNone()));

    /* after "found": found(area, end_block, n_free) */
    BinaryenExpressionRef found_args[] = {get(m, gm.area), get(m, gm.end), get(m, gm.nfree)};
    BinaryenExpressionRef kids[] = {gm.at.e, BinaryenCall(m, F_FOUND, found_args, 3, BinaryenTypeNone())};
    BinaryenBlockSetChildAt(gm.at.parent, gm.at.slot, BinaryenBlock(m, NULL, kids, 2, BinaryenTypeNone()));
    fprintf(stderr, "%s: multi-block allocations search on from the last one (first fit as fallback) in %s\n", prog,
            fname);
}

/* ---- 2a. a full area stays marked full ---------------------------------- */

/* When the one-block search finds no free block in an area, gc_alloc marks
 * the area full for later searches:
 *     area->gc_last_free_atb_index = (i + 1) / BLOCKS_PER_ATB;
 * but i counts allocation-table bytes there, not blocks, so the mark is a
 * quarter of the table (py/gc.c of v1.27 and later): every later search
 * that starts from an earlier area (any free in another area sends it back
 * to the first) rescans three quarters of each full area, and marks it the
 * same way again. Compiled as
 *     (i32.store offset=24 (local.get $area) (i32.shr_u (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))
 * with $i at least the table's length; the stored value becomes $i: the
 * area is full up to its end (gc_free and collections reset the mark). */
typedef struct full_mark_match {
    int count;
    BinaryenExpressionRef st[4];
} full_mark_match;

static void find_full_mark(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    full_mark_match *fm = ctx;
    BinaryenExpressionRef st = s->e;
    if (!is(st, ID_STORE) || BinaryenStoreGetBytes(st) != 4 || BinaryenStoreGetOffset(st) != AREA_LAST_FREE ||
        !is(BinaryenStoreGetPtr(st), ID_LOCAL_GET))
        return;
    if (!plus1_quarter(BinaryenStoreGetValue(st))) return;
    if (fm->count < 4) fm->st[fm->count] = st;
    fm->count++;
}

static void rewrite_full_mark(BinaryenModuleRef m)
{
    gc_match gm = {0};
    walk_module(m, find_gc_index_update, &gm);
    expect_count("gc_alloc: free-index updates", gm.count, 1);
    full_mark_match fm = {0};
    walk(gm.fn, find_full_mark, &fm);
    /* the one-block search is compiled twice: before and after a collection */
    expect_count("gc_alloc: full-area marks", fm.count, 2);
    for (int k = 0; k < fm.count; k++) {
        BinaryenExpressionRef i = plus1_quarter(BinaryenStoreGetValue(fm.st[k]));
        BinaryenStoreSetValue(fm.st[k], get(m, BinaryenLocalGetGetIndex(i)));
    }
    fprintf(stderr, "%s: an area the one-block search found full stays marked full (%d sites)\n", prog, fm.count);
}

/* ---- 3. string interning ---------------------------------------------- */

/* Fields of qstr_pool_t (py/qstr.h) on wasm32, 2-byte hashes. */
#define POOL_PREV 0
#define POOL_TOTAL_PREV 4 /* total_prev_len:31, is_sorted:1 */
#define POOL_LEN 12
#define POOL_LENGTHS 20
#define POOL_QSTRS 24 /* const char *qstrs[], inline */
#define QSTR_BITS "mpbox$qstr_bits"
#define QSTR_COUNT "mpbox$qstr_count"
#define F_ABSENT "mpbox$qstr_absent"
#define F_ADD "mpbox$qstr_bits_add"
#define QSTR_MAX_LEN 255 /* lengths are one byte (MICROPY_QSTR_BYTES_IN_LEN 1): longer strings are never interned */
#define F_FIND "mpbox$qstr_find"
#define F_SCAN "mpbox$qstr_scan"
#define QSTR_HASH "mpbox$qstr_hash"
#define BITMAP_BYTES 16384 /* two halves: a bit per value of the low and of the high 16 bits */
/* After the bitmap, a cache of strings found interned: CACHE_SLOTS slots
 * of {chars, length, qstr}, indexed by the low bits of key_hash. */
#define CACHE_SLOTS 2048
#define CACHE_BYTES (CACHE_SLOTS * 12)

typedef struct qstr_match {
    int count;
    BinaryenFunctionRef fn;
    /* facts gathered in one function, reset per function */
    int djb2, total_mask, hash_load, len_byte_cmp, const_loads;
    uint32_t last_pool_addr, last_pool_offset;
} qstr_match;

static void qstr_facts(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    qstr_match *q = ctx;
    BinaryenExpressionRef e = s->e;
    if (is_i32_const(e, 5381)) q->djb2 = 1;
    if (is_binary(e, BinaryenAndInt32()) && is_i32_const(BinaryenBinaryGetRight(e), 0x7fffffff)) q->total_mask = 1;
    if (is(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 2 && !BinaryenLoadIsSigned(e)) q->hash_load = 1;
    /* (i32.ne (local.get 1) (i32.load8_u (i32.add (i32.load offset=20 POOL) AT))): len against a 1-byte length */
    if (is_binary(e, BinaryenNeInt32()) && is_local_get(BinaryenBinaryGetLeft(e), 1)) {
        BinaryenExpressionRef l = BinaryenBinaryGetRight(e);
        if (is(l, ID_LOAD) && BinaryenLoadGetBytes(l) == 1 && !BinaryenLoadIsSigned(l) &&
            is_binary(BinaryenLoadGetPtr(l), BinaryenAddInt32())) {
            BinaryenExpressionRef lens = BinaryenBinaryGetLeft(BinaryenLoadGetPtr(l));
            if (is(lens, ID_LOAD) && BinaryenLoadGetOffset(lens) == POOL_LENGTHS) q->len_byte_cmp = 1;
        }
    }
    if (is(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 4 && is(BinaryenLoadGetPtr(e), ID_CONST)) {
        q->const_loads++;
        q->last_pool_addr = (uint32_t)BinaryenConstGetValueI32(BinaryenLoadGetPtr(e));
        q->last_pool_offset = BinaryenLoadGetOffset(e);
    }
}

/* qstr_find_strn(str, len) (py/qstr.c): the function of type
 * (i32, i32) -> i32 that computes the djb2 hash (5381), reads 16-bit hashes,
 * compares len with 1-byte lengths (pool->lengths[at], so no qstr is longer
 * than 255 bytes), masks total_prev_len (0x7fffffff) and reads exactly one static address,
 * MP_STATE_VM(last_pool). (qstr_from_strn calls it and reads more state.) */
static void find_qstr_lookup(BinaryenModuleRef m, qstr_match *out)
{
    BinaryenType two[] = {i32(), i32()};
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef fn = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(fn);
        if ((mod && *mod) || BinaryenFunctionGetParams(fn) != BinaryenTypeCreate(two, 2) ||
            BinaryenFunctionGetResults(fn) != i32())
            continue;
        qstr_match q = {0};
        walk(fn, qstr_facts, &q);
        if (q.djb2 && q.total_mask && q.hash_load && q.len_byte_cmp && q.const_loads == 1) {
            q.count = out->count + 1;
            q.fn = fn;
            *out = q;
        }
    }
}

/* Builders for the helpers below (all locals i32). */
static BinaryenExpressionRef set(BinaryenModuleRef m, BinaryenIndex l, BinaryenExpressionRef v)
{
    return BinaryenLocalSet(m, l, v);
}
static BinaryenExpressionRef load32(BinaryenModuleRef m, uint32_t off, BinaryenExpressionRef p)
{
    return BinaryenLoad(m, 4, false, off, 4, i32(), p);
}
static BinaryenExpressionRef blk(BinaryenModuleRef m, const char *name, BinaryenExpressionRef *kids, BinaryenIndex n)
{
    return BinaryenBlock(m, name, kids, n, BinaryenTypeNone());
}
#define BLK(m, name, ...) \
    blk(m, name, (BinaryenExpressionRef[]){__VA_ARGS__}, sizeof((BinaryenExpressionRef[]){__VA_ARGS__}) / sizeof(BinaryenExpressionRef))

/* set_bits(bits, h): the two bits of a 32-bit key_hash value h (the low and
 * the high 16 bits, each in its own half of the bitmap):
 *     lo = h & 0xffff (0 -> 1, as MicroPython's qstr hash); hi = h >> 16;
 *     bits[lo >> 3] |= 1 << (lo & 7); bits[8192/2 + (hi >> 3)] |= 1 << (hi & 7); */
static BinaryenExpressionRef bit_byte(BinaryenModuleRef m, BinaryenIndex bits, BinaryenExpressionRef idx, int32_t half)
{
    return bin(m, BinaryenAddInt32(), bin(m, BinaryenAddInt32(), get(m, bits), c32(m, half)),
               bin(m, BinaryenShrUInt32(), idx, c32(m, 3)));
}
static BinaryenExpressionRef bit_mask(BinaryenModuleRef m, BinaryenExpressionRef idx)
{
    return bin(m, BinaryenShlInt32(), c32(m, 1), bin(m, BinaryenAndInt32(), idx, c32(m, 7)));
}
/* lo(h): the 16-bit hash MicroPython uses, never 0 */
static BinaryenExpressionRef lo16(BinaryenModuleRef m, BinaryenIndex h)
{
    BinaryenExpressionRef x = bin(m, BinaryenAndInt32(), get(m, h), c32(m, 0xffff));
    return BinaryenSelect(m, BinaryenUnary(m, BinaryenEqZInt32(), bin(m, BinaryenAndInt32(), get(m, h), c32(m, 0xffff))),
                          c32(m, 1), x, i32());
}
static BinaryenExpressionRef hi16(BinaryenModuleRef m, BinaryenIndex h)
{
    return bin(m, BinaryenShrUInt32(), get(m, h), c32(m, 16));
}

/* h = the bitmap's hash of [i, end): djb2 (h = 5381; h = h * 33 ^ byte)
 * over the first and the last KEY_EDGE bytes, all of them when the range
 * holds at most twice that: constant work for a long string, which is
 * rarely interned (a string that differs from an interned one only in its
 * middle gets the same bits: a false "maybe", and the pools are searched).
 *     cut = i + KEY_EDGE;
 *     do { h = h * 33 ^ *i++; if (i == cut && end - i > KEY_EDGE) i = end - KEY_EDGE; } while (i < end)
 * (the caller makes sure the range is not empty). */
#define KEY_EDGE 32
static BinaryenExpressionRef key_hash(BinaryenModuleRef m, BinaryenIndex h, BinaryenIndex i, BinaryenIndex end,
                                      BinaryenIndex cut, const char *label)
{
    BinaryenExpressionRef skip = bin(m, BinaryenAndInt32(), bin(m, BinaryenEqInt32(), get(m, i), get(m, cut)),
                                     bin(m, BinaryenGtUInt32(), bin(m, BinaryenSubInt32(), get(m, end), get(m, i)),
                                         c32(m, KEY_EDGE)));
    return BLK(m, NULL, set(m, h, c32(m, 5381)), set(m, cut, bin(m, BinaryenAddInt32(), get(m, i), c32(m, KEY_EDGE))),
               BinaryenLoop(m, label,
                            BLK(m, NULL,
                                set(m, h, bin(m, BinaryenXorInt32(), bin(m, BinaryenMulInt32(), get(m, h), c32(m, 33)),
                                              BinaryenLoad(m, 1, false, 0, 1, i32(), get(m, i)))),
                                set(m, i, bin(m, BinaryenAddInt32(), get(m, i), c32(m, 1))),
                                set(m, i, BinaryenSelect(m, skip, bin(m, BinaryenSubInt32(), get(m, end), c32(m, KEY_EDGE)),
                                                         get(m, i), i32())),
                                BinaryenBreak(m, label, bin(m, BinaryenLtUInt32(), get(m, i), get(m, end)), NULL))),
               /* mixed (an integer finaliser), so that both halves spread: djb2's bits
                * of short strings that differ in a digit or two fall on few values,
                * and a handful of interned names could then answer "maybe" for most */
               set(m, h, bin(m, BinaryenMulInt32(), bin(m, BinaryenXorInt32(), get(m, h), bin(m, BinaryenShrUInt32(), get(m, h), c32(m, 16))),
                             c32(m, 0x45d9f3b))),
               set(m, h, bin(m, BinaryenXorInt32(), get(m, h), bin(m, BinaryenShrUInt32(), get(m, h), c32(m, 16)))));
}

static BinaryenExpressionRef or_bit(BinaryenModuleRef m, BinaryenIndex byte_local, BinaryenIndex bits,
                                    BinaryenExpressionRef idx, BinaryenExpressionRef idx2, int32_t half)
{
    return BLK(m, NULL, set(m, byte_local, bit_byte(m, bits, idx, half)),
               BinaryenStore(m, 1, 0, 1, get(m, byte_local),
                             bin(m, BinaryenOrInt32(), BinaryenLoad(m, 1, false, 0, 1, i32(), get(m, byte_local)), bit_mask(m, idx2)),
                             i32()));
}

/* add(bits, pool, from): the bits of every qstr of pool from entry `from`,
 * hashed from its bytes (pool->qstrs[at], pool->lengths[at]; the empty
 * string is skipped: lookups of it never use the bitmap). */
static void add_bits_function(BinaryenModuleRef m)
{
    enum { BITS, POOL, AT, N, LENS, H, BYTE, I, END, CUT };
    BinaryenExpressionRef entry = BLK(
        m, NULL,
        set(m, I, load32(m, POOL_QSTRS, bin(m, BinaryenAddInt32(), get(m, POOL), bin(m, BinaryenShlInt32(), get(m, AT), c32(m, 2))))),
        set(m, END, bin(m, BinaryenAddInt32(), get(m, I),
                        BinaryenLoad(m, 1, false, 0, 1, i32(), bin(m, BinaryenAddInt32(), get(m, LENS), get(m, AT))))),
        BinaryenIf(m, bin(m, BinaryenLtUInt32(), get(m, I), get(m, END)),
                   BLK(m, NULL, key_hash(m, H, I, END, CUT, "bytes"), or_bit(m, BYTE, BITS, lo16(m, H), lo16(m, H), 0),
                       or_bit(m, BYTE, BITS, hi16(m, H), hi16(m, H), BITMAP_BYTES / 2)),
                   NULL));
    BinaryenExpressionRef loop = BinaryenLoop(
        m, "next",
        BLK(m, NULL, BinaryenBreak(m, "done", bin(m, BinaryenGeUInt32(), get(m, AT), get(m, N)), NULL), entry,
            set(m, AT, bin(m, BinaryenAddInt32(), get(m, AT), c32(m, 1))), BinaryenBreak(m, "next", NULL, NULL)));
    BinaryenExpressionRef body = BLK(m, NULL, set(m, N, load32(m, POOL_LEN, get(m, POOL))),
                                     set(m, LENS, load32(m, POOL_LENGTHS, get(m, POOL))), BLK(m, "done", loop));
    BinaryenType params[] = {i32(), i32(), i32()}, vars[] = {i32(), i32(), i32(), i32(), i32(), i32(), i32()};
    BinaryenAddFunction(m, F_ADD, BinaryenTypeCreate(params, 3), BinaryenTypeNone(), vars, 7, body);
}

/* absent(str, len) -> 1 when str is certainly not interned: a two-bit
 * Bloom filter over the 32-bit key_hash of every interned string (a djb2
 * value, mixed so that both halves spread), so that a new string rarely falls through to
 * the linear search of the pools. The bitmap (BITMAP_BYTES from the guest's malloc,
 * never freed) covers the first `count` qstrs; it is brought up to date
 * from the pools themselves at every call: qstrs are only ever appended
 * to the last pool, so new ones are added from there, and anything else
 * (a new pool since) rebuilds it from all pools. Bitmap and count live in
 * guest memory and globals, which rollback, snapshots, forks and the
 * start-up image copy together with the pools. Returns 1 at once when len
 * exceeds QSTR_MAX_LEN (the pools' search could never match it: lengths are
 * compared as one byte); 0 (search) when len is 0, when there is no pool,
 * or when malloc fails; else leaves the key_hash in the global QSTR_HASH,
 * for find. */
static void add_absent_function(BinaryenModuleRef m, const char *malloc_fn, uint32_t last_addr, uint32_t last_off)
{
    enum { STR, LEN, LAST, TOTAL, BITS, COUNT, PREV, P, H, I, END, CUT };
    BinaryenExpressionRef zero = c32(m, 0);
    BinaryenExpressionRef prev_total = bin(m, BinaryenAndInt32(), load32(m, POOL_TOTAL_PREV, get(m, LAST)), c32(m, 0x7fffffff));
    BinaryenExpressionRef alloc = BLK(
        m, NULL,
        set(m, BITS, BinaryenCall(m, malloc_fn, (BinaryenExpressionRef[]){c32(m, BITMAP_BYTES + CACHE_BYTES)}, 1, i32())),
        BinaryenIf(m, BinaryenUnary(m, BinaryenEqZInt32(), get(m, BITS)), BinaryenReturn(m, c32(m, 0)), NULL),
        BinaryenMemoryFill(m, bin(m, BinaryenAddInt32(), get(m, BITS), c32(m, BITMAP_BYTES)), c32(m, 0), c32(m, CACHE_BYTES)),
        BinaryenGlobalSet(m, QSTR_BITS, get(m, BITS)), BinaryenGlobalSet(m, QSTR_COUNT, c32(m, -1)));
    BinaryenExpressionRef rebuild = BLK(
        m, NULL, BinaryenMemoryFill(m, get(m, BITS), c32(m, 0), c32(m, BITMAP_BYTES)), set(m, P, get(m, LAST)),
        BLK(m, "pools_done",
            BinaryenLoop(m, "pools",
                         BLK(m, NULL, BinaryenBreak(m, "pools_done", BinaryenUnary(m, BinaryenEqZInt32(), get(m, P)), NULL),
                             BinaryenCall(m, F_ADD, (BinaryenExpressionRef[]){get(m, BITS), get(m, P), c32(m, 0)}, 3,
                                          BinaryenTypeNone()),
                             set(m, P, load32(m, POOL_PREV, get(m, P))), BinaryenBreak(m, "pools", NULL, NULL)))));
    BinaryenExpressionRef append = BinaryenCall(
        m, F_ADD, (BinaryenExpressionRef[]){get(m, BITS), get(m, LAST), bin(m, BinaryenSubInt32(), get(m, COUNT), get(m, PREV))},
        3, BinaryenTypeNone());
    BinaryenExpressionRef sync = BLK(
        m, NULL, set(m, PREV, prev_total),
        BinaryenIf(m,
                   bin(m, BinaryenOrInt32(), bin(m, BinaryenGtUInt32(), get(m, COUNT), get(m, TOTAL)),
                       bin(m, BinaryenLtUInt32(), get(m, COUNT), get(m, PREV))),
                   rebuild, append),
        BinaryenGlobalSet(m, QSTR_COUNT, get(m, TOTAL)));
    /* both bits of str's djb2 value */
    BinaryenExpressionRef hash = BLK(m, NULL, set(m, I, get(m, STR)),
                                     set(m, END, bin(m, BinaryenAddInt32(), get(m, STR), get(m, LEN))),
                                     key_hash(m, H, I, END, CUT, "hash"));
    BinaryenExpressionRef lo_bit = bin(m, BinaryenAndInt32(), BinaryenLoad(m, 1, false, 0, 1, i32(), bit_byte(m, BITS, lo16(m, H), 0)),
                                       bit_mask(m, lo16(m, H)));
    BinaryenExpressionRef hi_bit =
        bin(m, BinaryenAndInt32(), BinaryenLoad(m, 1, false, 0, 1, i32(), bit_byte(m, BITS, hi16(m, H), BITMAP_BYTES / 2)),
            bit_mask(m, hi16(m, H)));
    BinaryenExpressionRef bit = bin(m, BinaryenAndInt32(), bin(m, BinaryenNeInt32(), lo_bit, c32(m, 0)),
                                    bin(m, BinaryenNeInt32(), hi_bit, c32(m, 0)));
    BinaryenExpressionRef body = BinaryenBlock(
        m, NULL,
        (BinaryenExpressionRef[]){
            BinaryenIf(m, BinaryenUnary(m, BinaryenEqZInt32(), get(m, LEN)), BinaryenReturn(m, zero), NULL),
            BinaryenIf(m, bin(m, BinaryenGtUInt32(), get(m, LEN), c32(m, QSTR_MAX_LEN)), BinaryenReturn(m, c32(m, 1)), NULL),
            set(m, LAST, BinaryenLoad(m, 4, false, last_off, 4, i32(), c32(m, (int32_t)last_addr))),
            BinaryenIf(m, BinaryenUnary(m, BinaryenEqZInt32(), get(m, LAST)), BinaryenReturn(m, c32(m, 0)), NULL),
            set(m, TOTAL, bin(m, BinaryenAddInt32(),
                              bin(m, BinaryenAndInt32(), load32(m, POOL_TOTAL_PREV, get(m, LAST)), c32(m, 0x7fffffff)),
                              load32(m, POOL_LEN, get(m, LAST)))),
            set(m, BITS, BinaryenGlobalGet(m, QSTR_BITS, i32())),
            BinaryenIf(m, BinaryenUnary(m, BinaryenEqZInt32(), get(m, BITS)), alloc, NULL),
            set(m, COUNT, BinaryenGlobalGet(m, QSTR_COUNT, i32())),
            BinaryenIf(m, bin(m, BinaryenNeInt32(), get(m, COUNT), get(m, TOTAL)), sync, NULL),
            hash,
            BinaryenGlobalSet(m, QSTR_HASH, get(m, H)),
            BinaryenUnary(m, BinaryenEqZInt32(), bit),
        },
        12, i32());
    BinaryenType params[] = {i32(), i32()};
    BinaryenType vars[CUT - LAST + 1];
    for (size_t k = 0; k < sizeof vars / sizeof *vars; k++) vars[k] = i32();
    BinaryenAddFunction(m, F_ABSENT, BinaryenTypeCreate(params, 2), i32(), vars, sizeof vars / sizeof *vars, body);
}

/* find(str, len): qstr_find_strn's new body.
 *     if (absent(str, len)) return 0;
 *     if (bits) { slot = bits + BITMAP_BYTES + (hash & (CACHE_SLOTS - 1)) * 12;
 *                 if (slot.len == len && chars equal) return slot.qstr; }
 *     q = scan(str, len);                      (the original body)
 *     if (q && bits) slot = {chars of q in its pool, len, q};
 *     return q;
 * A string that is interned (a one-letter str from s[i] or split, a name)
 * otherwise costs a linear search of the pools made at run time and while
 * the start-up image was built, each qstr of the library a little more.
 * The slots live after the bitmap, in guest memory (with the pools: a
 * rollback or a snapshot restores both); a slot is only written with a
 * qstr the pools hold, whose characters never move. */
static void add_find_function(BinaryenModuleRef m, uint32_t last_addr, uint32_t last_off)
{
    enum { STR, LEN, BITS, SLOT, Q, K, P, PREV };
    BinaryenExpressionRef args[] = {get(m, STR), get(m, LEN)};
    BinaryenExpressionRef slot_len = load32(m, 4, get(m, SLOT));
    /* k = 0; while (k < len && slot.chars[k] == str[k]) k++; hit when k == len */
    BinaryenExpressionRef same = BLK(
        m, NULL, set(m, K, c32(m, 0)), set(m, P, load32(m, 0, get(m, SLOT))),
        BLK(m, "cmp_done",
            BinaryenLoop(m, "cmp",
                         BLK(m, NULL, BinaryenBreak(m, "cmp_done", bin(m, BinaryenGeUInt32(), get(m, K), get(m, LEN)), NULL),
                             BinaryenBreak(m, "cmp_done",
                                           bin(m, BinaryenNeInt32(),
                                               BinaryenLoad(m, 1, false, 0, 1, i32(), bin(m, BinaryenAddInt32(), get(m, P), get(m, K))),
                                               BinaryenLoad(m, 1, false, 0, 1, i32(), bin(m, BinaryenAddInt32(), get(m, STR), get(m, K)))),
                                           NULL),
                             set(m, K, bin(m, BinaryenAddInt32(), get(m, K), c32(m, 1))), BinaryenBreak(m, "cmp", NULL, NULL)))),
        BinaryenIf(m, bin(m, BinaryenEqInt32(), get(m, K), get(m, LEN)), BinaryenReturn(m, load32(m, 8, get(m, SLOT))), NULL));
    /* p = last_pool; while (p && q < (p->total_prev_len & 0x7fffffff)) p = p->prev;
     * if (p) slot = {p->qstrs[q - prev], len, q} */
    BinaryenExpressionRef remember = BLK(
        m, NULL, set(m, P, BinaryenLoad(m, 4, false, last_off, 4, i32(), c32(m, (int32_t)last_addr))),
        BLK(m, "pool_found",
            BinaryenLoop(m, "pool",
                         BLK(m, NULL, BinaryenBreak(m, "pool_found", BinaryenUnary(m, BinaryenEqZInt32(), get(m, P)), NULL),
                             set(m, PREV, bin(m, BinaryenAndInt32(), load32(m, POOL_TOTAL_PREV, get(m, P)), c32(m, 0x7fffffff))),
                             BinaryenBreak(m, "pool_found", bin(m, BinaryenGeUInt32(), get(m, Q), get(m, PREV)), NULL),
                             set(m, P, load32(m, POOL_PREV, get(m, P))), BinaryenBreak(m, "pool", NULL, NULL)))),
        BinaryenIf(m, get(m, P),
                   BLK(m, NULL,
                       BinaryenStore(m, 4, 0, 4, get(m, SLOT),
                                     load32(m, POOL_QSTRS,
                                            bin(m, BinaryenAddInt32(), get(m, P),
                                                bin(m, BinaryenShlInt32(), bin(m, BinaryenSubInt32(), get(m, Q), get(m, PREV)),
                                                    c32(m, 2)))),
                                     i32()),
                       BinaryenStore(m, 4, 4, 4, get(m, SLOT), get(m, LEN), i32()),
                       BinaryenStore(m, 4, 8, 4, get(m, SLOT), get(m, Q), i32())),
                   NULL));
    BinaryenExpressionRef body = BLK(
        m, NULL, BinaryenIf(m, BinaryenCall(m, F_ABSENT, args, 2, i32()), BinaryenReturn(m, c32(m, 0)), NULL),
        set(m, BITS, BinaryenGlobalGet(m, QSTR_BITS, i32())),
        set(m, SLOT, c32(m, 0)),
        BinaryenIf(m, bin(m, BinaryenAndInt32(), bin(m, BinaryenNeInt32(), get(m, BITS), c32(m, 0)),
                          bin(m, BinaryenNeInt32(), get(m, LEN), c32(m, 0))),
                   BLK(m, NULL,
                       set(m, SLOT, bin(m, BinaryenAddInt32(), bin(m, BinaryenAddInt32(), get(m, BITS), c32(m, BITMAP_BYTES)),
                                        bin(m, BinaryenMulInt32(),
                                            bin(m, BinaryenAndInt32(), BinaryenGlobalGet(m, QSTR_HASH, i32()),
                                                c32(m, CACHE_SLOTS - 1)),
                                            c32(m, 12)))),
                       BinaryenIf(m, bin(m, BinaryenEqInt32(), slot_len, get(m, LEN)), same, NULL)),
                   NULL),
        set(m, Q, BinaryenCall(m, F_SCAN, (BinaryenExpressionRef[]){get(m, STR), get(m, LEN)}, 2, i32())),
        BinaryenIf(m, bin(m, BinaryenAndInt32(), bin(m, BinaryenNeInt32(), get(m, Q), c32(m, 0)),
                          bin(m, BinaryenNeInt32(), get(m, SLOT), c32(m, 0))),
                   remember, NULL));
    BinaryenExpressionRef whole = BinaryenBlock(m, NULL, (BinaryenExpressionRef[]){body, get(m, Q)}, 2, i32());
    BinaryenType params[] = {i32(), i32()}, vars[PREV - BITS + 1];
    for (size_t k = 0; k < sizeof vars / sizeof *vars; k++) vars[k] = i32();
    BinaryenAddFunction(m, F_FIND, BinaryenTypeCreate(params, 2), i32(), vars, sizeof vars / sizeof *vars, whole);
}

/* Stores of a constant into MP_STATE_VM(last_pool): qstr_init's
 * `last_pool = &the last pool in ROM`. */
typedef struct rom_pool_match {
    uint32_t field; /* the address of last_pool */
    int count;
    int32_t pool;
} rom_pool_match;

static void find_rom_pool(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    rom_pool_match *r = ctx;
    BinaryenExpressionRef e = s->e;
    if (!is(e, ID_STORE) || BinaryenStoreGetBytes(e) != 4 || !is(BinaryenStoreGetPtr(e), ID_CONST) ||
        !is(BinaryenStoreGetValue(e), ID_CONST) || BinaryenExpressionGetType(BinaryenStoreGetValue(e)) != i32())
        return;
    uint32_t at = (uint32_t)BinaryenConstGetValueI32(BinaryenStoreGetPtr(e)) + BinaryenStoreGetOffset(e);
    if (at != r->field) return;
    r->count++;
    r->pool = BinaryenConstGetValueI32(BinaryenStoreGetValue(e));
}

/* The globals "mpbox_last_pool_ptr", the address of MP_STATE_VM(last_pool),
 * from which host/qstr.c reads interned strings, and "mpbox_qstr_rom_pool",
 * the newest of the qstr pools in the guest's data (the static qstrs,
 * older than any pool made at run time), which qstr_init stores there:
 * the host finds a static qstr from there instead of walking every pool
 * made since. */
static void export_last_pool(BinaryenModuleRef m, const qstr_match *q)
{
    const char *name = "mpbox_last_pool_ptr", *rom = "mpbox_qstr_rom_pool";
    if (BinaryenGetGlobal(m, name) || BinaryenGetGlobal(m, rom)) die("the module already has %s", name);
    rom_pool_match r = {.field = q->last_pool_addr + q->last_pool_offset};
    walk_module(m, find_rom_pool, &r);
    expect_count("constant stores into last_pool (qstr_init)", r.count, 1);
    BinaryenAddGlobal(m, name, i32(), false, c32(m, (int32_t)r.field));
    BinaryenAddGlobalExport(m, name, name);
    BinaryenAddGlobal(m, rom, i32(), false, c32(m, r.pool));
    BinaryenAddGlobalExport(m, rom, rom);
}

static void rewrite_qstr_lookup(BinaryenModuleRef m, qstr_match q)
{
    BinaryenExportRef ex = BinaryenGetExport(m, "malloc");
    if (!ex || BinaryenExportGetKind(ex) != BinaryenExternalFunction()) die("%s", "the guest exports no malloc");
    if (BinaryenGetGlobal(m, QSTR_BITS) || BinaryenGetGlobal(m, QSTR_COUNT) || BinaryenGetFunction(m, F_ABSENT) ||
        BinaryenGetFunction(m, F_ADD) || BinaryenGetFunction(m, F_FIND) || BinaryenGetFunction(m, F_SCAN))
        die("the module already has the string-interning helpers of %s", prog);
    BinaryenAddGlobal(m, QSTR_BITS, i32(), true, c32(m, 0));
    BinaryenAddGlobal(m, QSTR_COUNT, i32(), true, c32(m, 0));
    BinaryenAddGlobal(m, QSTR_HASH, i32(), true, c32(m, 0));
    add_bits_function(m);
    add_absent_function(m, BinaryenExportGetValue(ex), q.last_pool_addr, q.last_pool_offset);
    add_find_function(m, q.last_pool_addr, q.last_pool_offset);
    /* qstr_find_strn's body moves to scan; its new body is find(str, len) */
    BinaryenFunctionRef fn = q.fn;
    add_function_like(m, fn, F_SCAN, BinaryenFunctionGetBody(fn));
    BinaryenExpressionRef args[] = {get(m, 0), get(m, 1)};
    BinaryenFunctionSetBody(fn, BinaryenCall(m, F_FIND, args, 2, i32()));
    fprintf(stderr, "%s: string interning looks in a hash bitmap and a cache first in %s (last_pool at %u+%u)\n",
            prog, BinaryenFunctionGetName(fn), q.last_pool_addr, q.last_pool_offset);
}

/* ---- 4. str hashes computed when first needed ---------------------------- */

/* Every str and bytes object (mp_obj_str_t: base, hash, len, data) has a
 * hash field, and MicroPython defines 0 there as "not computed yet": every
 * reader (mp_unary_op's hash of a str, mp_obj_str_equal, str() of bytes)
 * computes it from the data when it finds 0 (py/objstr.h, GET_STR_HASH).
 * Yet the constructors hash every new string whole: `str(i) * 50` in a loop
 * spends a fifth of its time hashing strings nothing ever hashes. Here
 * the constructors store 0 instead; the hash is computed where a dict, a
 * set or hash() asks for it. Values are unchanged (the same function
 * computes them), so is every output. */
#define STR_HASH 4 /* offsetof(mp_obj_str_t, hash) on wasm32 */

typedef struct hash_facts {
    int seed, mul33, mask16, byte_loads, loads, calls, stores;
} hash_facts;

static void hash_fact(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    hash_facts *f = ctx;
    BinaryenExpressionRef e = s->e;
    if (is_i32_const(e, 5381)) f->seed++;
    if (is_binary(e, BinaryenMulInt32()) && is_i32_const(BinaryenBinaryGetRight(e), 33)) f->mul33++;
    if (is_binary(e, BinaryenAndInt32()) && is_i32_const(BinaryenBinaryGetRight(e), 0xffff)) f->mask16++;
    if (is(e, ID_LOAD)) {
        f->loads++;
        if (BinaryenLoadGetBytes(e) == 1 && !BinaryenLoadIsSigned(e)) f->byte_loads++;
    }
    if (is(e, ID_CALL) || is(e, ID_CALL_INDIRECT)) f->calls++;
    if (is(e, ID_STORE)) f->stores++;
}

/* The one defined function of type (i32, i32) -> i32 that `match` accepts;
 * none or several stop the build. */
static BinaryenFunctionRef find_one_ii_i(BinaryenModuleRef m, const char *what, int (*match)(BinaryenFunctionRef))
{
    BinaryenFunctionRef found = NULL;
    int count = 0;
    BinaryenType two = BinaryenTypeCreate((BinaryenType[]){i32(), i32()}, 2);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef fn = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(fn);
        if ((mod && *mod) || BinaryenFunctionGetParams(fn) != two || BinaryenFunctionGetResults(fn) != i32()) continue;
        if (match(fn)) {
            found = fn;
            count++;
        }
    }
    expect_count(what, count, 1);
    return found;
}

/* qstr_compute_hash(data, len) (py/qstr.c): djb2 from 5381 by 33 over
 * bytes, masked to 16 bits; it loads only the bytes and calls and stores
 * nothing. */
static int is_compute_hash(BinaryenFunctionRef fn)
{
    hash_facts f = {0};
    walk(fn, hash_fact, &f);
    return f.seed == 1 && f.mul33 == 1 && f.mask16 == 1 && f.loads == 1 && f.byte_loads == 1 && !f.calls && !f.stores;
}

static int pure_operands(BinaryenExpressionRef call)
{
    for (BinaryenIndex i = 0; i < BinaryenCallGetNumOperands(call); i++) {
        BinaryenExpressionRef a = BinaryenCallGetOperandAt(call, i);
        if (!is(a, ID_LOCAL_GET) && !is(a, ID_CONST)) return 0;
    }
    return 1;
}

/* (i32.store offset=4 PTR VALUE): a str object's hash field being set */
static int is_hash_store(BinaryenExpressionRef e)
{
    return is(e, ID_STORE) && BinaryenStoreGetBytes(e) == 4 && BinaryenStoreGetOffset(e) == STR_HASH;
}

typedef struct hash_sites {
    const char *hash_fn;
    int direct, via_local;
    BinaryenExpressionRef direct_store[8], local_set[8];
    const char *where[16];
} hash_sites;

/* (i32.store offset=4 PTR (call $compute_hash ...)) anywhere */
static void find_direct_hash_store(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    hash_sites *h = ctx;
    BinaryenExpressionRef e = s->e;
    if (!is(e, ID_CALL) || strcmp(BinaryenCallGetTarget(e), h->hash_fn) != 0) return;
    if (!is_hash_store(s->parent) || s->slot != 1 || !pure_operands(e)) return;
    if (h->direct < 8) h->direct_store[h->direct] = s->parent;
    h->where[h->direct + h->via_local] = BinaryenFunctionGetName(fn);
    h->direct++;
}

typedef struct local_uses {
    BinaryenIndex local;
    int gets, hash_stores, sets;
} local_uses;

static void count_local_uses(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    local_uses *u = ctx;
    if (is_local_get(s->e, u->local)) {
        u->gets++;
        if (is_hash_store(s->parent) && s->slot == 1) u->hash_stores++;
    }
    if (is(s->e, ID_LOCAL_SET) && BinaryenLocalSetGetIndex(s->e) == u->local) u->sets++;
}

/* (local.set $h (call $compute_hash ...)) as a statement of the function's
 * outermost block, where everything after it in that block reads $h only
 * as the value of one hash-field store and never sets it: nothing else can
 * see the value (the outermost block runs once; a branch out of it ends the
 * function). mp_obj_new_str_type_from_vstr is compiled this way. */
static void find_local_hash_store(BinaryenFunctionRef fn, hash_sites *h)
{
    BinaryenExpressionRef body = BinaryenFunctionGetBody(fn);
    if (!is(body, ID_BLOCK)) return;
    BinaryenIndex n = BinaryenBlockGetNumChildren(body);
    for (BinaryenIndex k = 0; k < n; k++) {
        BinaryenExpressionRef st = BinaryenBlockGetChildAt(body, k);
        if (!is(st, ID_LOCAL_SET) || BinaryenLocalSetIsTee(st)) continue;
        BinaryenExpressionRef c = BinaryenLocalSetGetValue(st);
        if (!is(c, ID_CALL) || strcmp(BinaryenCallGetTarget(c), h->hash_fn) != 0 || !pure_operands(c)) continue;
        local_uses u = {BinaryenLocalSetGetIndex(st), 0, 0, 0};
        for (BinaryenIndex j = k + 1; j < n; j++) walk_from(fn, BinaryenBlockGetChildAt(body, j), count_local_uses, &u);
        if (u.gets != 1 || u.hash_stores != 1 || u.sets != 0) continue;
        if (h->via_local < 8) h->local_set[h->via_local] = st;
        h->where[h->direct + h->via_local] = BinaryenFunctionGetName(fn);
        h->via_local++;
    }
}

/* The one place that computes a missing hash, mp_unary_op's fast path for
 * hash() of a str or bytes (py/runtime.c), keeps what it computed in the
 * object, as CPython does: a set or dict of strings that are looked up
 * again and again hashes each one once, as before. Compiled as
 *     (local.set $d (i32.load offset=12 (local.get $d)))     d: the object, then its data
 *     (br ...)                                              to the call, len in $n
 *     ...
 *     (local.set $h (call $compute_hash (local.get $d) (local.get $n)))
 * in a function without loops (each local is set at most once per call
 * along any path). The object is kept in a new local $o before $d becomes
 * its data, and the call becomes mpbox$str_hash_keep(o, d, n), which stores
 * the hash into the object when o is not 0 (wasm zeroes locals on entry:
 * a qstr, whose data comes another way, leaves o at 0). */
#define F_HASH_KEEP "mpbox$str_hash_keep"

typedef struct keep_match {
    const char *hash_fn;
    int calls, data_sets, loops;
    BinaryenExpressionRef call, call_set, data_set;
    BinaryenFunctionRef fn;
} keep_match;

static void keep_fact(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    keep_match *k = ctx;
    BinaryenExpressionRef e = s->e;
    if (is(e, ID_LOOP)) k->loops++;
    if (is(e, ID_CALL) && strcmp(BinaryenCallGetTarget(e), k->hash_fn) == 0 && is(s->parent, ID_LOCAL_SET) &&
        BinaryenCallGetNumOperands(e) == 2 && is(BinaryenCallGetOperandAt(e, 0), ID_LOCAL_GET) &&
        is(BinaryenCallGetOperandAt(e, 1), ID_LOCAL_GET)) {
        k->calls++;
        k->call = e;
        k->call_set = s->parent;
    }
    if (is(e, ID_LOCAL_SET) && !BinaryenLocalSetIsTee(e) &&
        is_load_field(BinaryenLocalSetGetValue(e), BinaryenLocalSetGetIndex(e), 12)) {
        k->data_sets++;
        k->data_set = e;
    }
}

static void rewrite_hash_keep(BinaryenModuleRef m, const char *hash_fn)
{
    keep_match found = {0};
    int count = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef fn = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(fn);
        if (mod && *mod) continue;
        keep_match k = {hash_fn, 0, 0, 0, NULL, NULL, NULL, fn};
        walk(fn, keep_fact, &k);
        if (k.calls == 1 && k.data_sets == 1 && k.loops == 0 &&
            BinaryenLocalGetGetIndex(BinaryenCallGetOperandAt(k.call, 0)) == BinaryenLocalSetGetIndex(k.data_set)) {
            found = k;
            count++;
        }
    }
    expect_count("mp_unary_op's hash of a str", count, 1);
    if (BinaryenGetFunction(m, F_HASH_KEEP)) die("the module already has a function %s", F_HASH_KEEP);
    /* mpbox$str_hash_keep(o, data, len): h = compute_hash(data, len); if (o) o->hash = h; return h */
    enum { O, DATA, LEN, H };
    BinaryenExpressionRef keep = BinaryenBlock(
        m, NULL,
        (BinaryenExpressionRef[]){
            set(m, H, BinaryenCall(m, hash_fn, (BinaryenExpressionRef[]){get(m, DATA), get(m, LEN)}, 2, i32())),
            BinaryenIf(m, get(m, O), BinaryenStore(m, 4, STR_HASH, 4, get(m, O), get(m, H), i32()), NULL),
            get(m, H)},
        3, i32());
    BinaryenType keep_params[] = {i32(), i32(), i32()}, keep_vars[] = {i32()};
    BinaryenAddFunction(m, F_HASH_KEEP, BinaryenTypeCreate(keep_params, 3), i32(), keep_vars, 1, keep);

    /* the function again, with the local $o (the C API cannot add a local) */
    BinaryenFunctionRef fn = found.fn;
    BinaryenIndex np = BinaryenTypeArity(BinaryenFunctionGetParams(fn)), nv = BinaryenFunctionGetNumVars(fn);
    BinaryenIndex o = np + nv, d = BinaryenLocalSetGetIndex(found.data_set);
    BinaryenExpressionRef data = BinaryenLocalSetGetValue(found.data_set);
    BinaryenLocalSetSetValue(found.data_set,
                             BinaryenBlock(m, NULL, (BinaryenExpressionRef[]){set(m, o, get(m, d)), data}, 2, i32()));
    BinaryenExpressionRef args[] = {get(m, o), BinaryenCallGetOperandAt(found.call, 0),
                                    BinaryenCallGetOperandAt(found.call, 1)};
    BinaryenLocalSetSetValue(found.call_set, BinaryenCall(m, F_HASH_KEEP, args, 3, i32()));
    fn = replace_adding_locals(m, fn, 1, i32(), BinaryenFunctionGetBody(fn));
    fprintf(stderr, "%s: a str hash computed on demand is kept in the object (%s)\n", prog, BinaryenFunctionGetName(fn));
}

static void rewrite_lazy_str_hash(BinaryenModuleRef m)
{
    hash_sites h = {0};
    h.hash_fn = BinaryenFunctionGetName(find_one_ii_i(m, "qstr_compute_hash", is_compute_hash));
    walk_module(m, find_direct_hash_store, &h);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(m); i++) {
        BinaryenFunctionRef fn = BinaryenGetFunctionByIndex(m, i);
        const char *mod = BinaryenFunctionImportGetModule(fn);
        if (!(mod && *mod)) find_local_hash_store(fn, &h);
    }
    /* mp_obj_new_str_copy and two exception-message builders store it
     * directly; mp_obj_new_str_type_from_vstr through a local */
    expect_count("hash-field stores of qstr_compute_hash", h.direct, 3);
    expect_count("hash-field stores of qstr_compute_hash through a local", h.via_local, 1);
    for (int i = 0; i < h.direct; i++) BinaryenStoreSetValue(h.direct_store[i], c32(m, 0));
    for (int i = 0; i < h.via_local; i++) BinaryenLocalSetSetValue(h.local_set[i], c32(m, 0));
    fprintf(stderr, "%s: new str objects leave their hash to be computed when needed (%s, %s, %s, %s)\n", prog,
            h.where[0], h.where[1], h.where[2], h.where[3]);
    rewrite_hash_keep(m, h.hash_fn);
}

/* ---- 5. len() of a str, eight bytes at a time ----------------------------- */

/* utf8_charlen(str, len) (py/unicode.c) counts the bytes that are not
 * UTF-8 continuation bytes (10xxxxxx), one per loop step; len() of a str
 * calls it every time, so len(s) costs a pass over s. Its body becomes a
 * call to a new function that counts eight bytes per step: in a 64-bit
 * word w, the continuation bytes are those whose bit 7 is set and bit 6
 * clear, w & ~(w << 1) & 0x8080808080808080, counted by a multiplication;
 * the last len % 8 bytes one by one as before. Same bytes read, same result. */
#define F_CHARLEN "mpbox$utf8_charlen"

typedef struct charlen_facts {
    int cont_test, end_sum, step_up, step_down, loops, loads, calls, stores;
} charlen_facts;

static void charlen_fact(BinaryenFunctionRef fn, const site *s, void *ctx)
{
    (void)fn;
    charlen_facts *f = ctx;
    BinaryenExpressionRef e = s->e;
    /* (i32.gt_s (i32.load8_s P) (i32.const -65)): not a continuation byte */
    if (is_binary(e, BinaryenGtSInt32()) && is_i32_const(BinaryenBinaryGetRight(e), -65)) {
        BinaryenExpressionRef l = BinaryenBinaryGetLeft(e);
        if (is(l, ID_LOAD) && BinaryenLoadGetBytes(l) == 1 && BinaryenLoadIsSigned(l)) f->cont_test++;
    }
    if (is_binary(e, BinaryenAddInt32()) && is_local_get(BinaryenBinaryGetLeft(e), 0) &&
        is_local_get(BinaryenBinaryGetRight(e), 1))
        f->end_sum++;
    if (is_binary(e, BinaryenAddInt32()) && is_i32_const(BinaryenBinaryGetRight(e), 1)) f->step_up++;
    if (is_binary(e, BinaryenAddInt32()) && is_i32_const(BinaryenBinaryGetRight(e), -1)) f->step_down++;
    if (is(e, ID_LOOP)) f->loops++;
    if (is(e, ID_LOAD)) f->loads++;
    if (is(e, ID_CALL) || is(e, ID_CALL_INDIRECT)) f->calls++;
    if (is(e, ID_STORE)) f->stores++;
}

/* utf8_charlen(str, len): one loop stepping a pointer up from str to
 * str + len, one load (signed byte) tested against -65, no calls, no
 * stores. (utf8_ptr_to_index, its twin, steps down.) */
static int is_charlen(BinaryenFunctionRef fn)
{
    charlen_facts f = {0};
    walk(fn, charlen_fact, &f);
    return f.cont_test == 1 && f.end_sum == 1 && f.step_up == 1 && !f.step_down && f.loops == 1 && f.loads == 1 &&
           !f.calls && !f.stores;
}

/* mpbox$utf8_charlen(str, len):
 *     n = 0; end = str + len;
 *     while (end - str >= 8) { w = *(u64 *)str; c = w & ~(w << 1) & 0x8080...;
 *                              n += 8 - ((c >> 7) * 0x0101... >> 56); str += 8; }
 *     while (str < end) { n += *(s8 *)str > -65; str++; }
 *     return n; */
static void add_charlen_function(BinaryenModuleRef m)
{
    enum { STR, LEN, N, END, W };
    BinaryenType i64 = BinaryenTypeInt64();
    BinaryenExpressionRef wget = BinaryenLocalGet(m, W, i64);
    BinaryenExpressionRef cont = bin(m, BinaryenAndInt64(),
                                     bin(m, BinaryenAndInt64(), wget,
                                         bin(m, BinaryenXorInt64(),
                                             bin(m, BinaryenShlInt64(), BinaryenLocalGet(m, W, i64),
                                                 BinaryenConst(m, BinaryenLiteralInt64(1))),
                                             BinaryenConst(m, BinaryenLiteralInt64(-1)))),
                                     BinaryenConst(m, BinaryenLiteralInt64((int64_t)0x8080808080808080ull)));
    /* one bit per continuation byte, at bit 7 of its byte: shifted to bit 0 and
     * multiplied by 0x0101...01, the top byte is their sum (at most 8). Not
     * i64.popcnt: without -mpopcnt the translated C calls libgcc for it. */
    BinaryenExpressionRef ncont = BinaryenUnary(
        m, BinaryenWrapInt64(),
        bin(m, BinaryenShrUInt64(),
            bin(m, BinaryenMulInt64(), bin(m, BinaryenShrUInt64(), cont, BinaryenConst(m, BinaryenLiteralInt64(7))),
                BinaryenConst(m, BinaryenLiteralInt64(0x0101010101010101LL))),
            BinaryenConst(m, BinaryenLiteralInt64(56))));
    BinaryenExpressionRef words = BLK(
        m, "words_done",
        BinaryenLoop(m, "words",
                     BLK(m, NULL,
                         BinaryenBreak(m, "words_done",
                                       bin(m, BinaryenLtUInt32(), bin(m, BinaryenSubInt32(), get(m, END), get(m, STR)),
                                           c32(m, 8)),
                                       NULL),
                         BinaryenLocalSet(m, W, BinaryenLoad(m, 8, false, 0, 1, i64, get(m, STR))),
                         set(m, N, bin(m, BinaryenAddInt32(), get(m, N), bin(m, BinaryenSubInt32(), c32(m, 8), ncont))),
                         set(m, STR, bin(m, BinaryenAddInt32(), get(m, STR), c32(m, 8))),
                         BinaryenBreak(m, "words", NULL, NULL))));
    BinaryenExpressionRef bytes = BLK(
        m, "bytes_done",
        BinaryenLoop(m, "bytes",
                     BLK(m, NULL,
                         BinaryenBreak(m, "bytes_done", bin(m, BinaryenGeUInt32(), get(m, STR), get(m, END)), NULL),
                         set(m, N, bin(m, BinaryenAddInt32(), get(m, N),
                                       bin(m, BinaryenGtSInt32(), BinaryenLoad(m, 1, true, 0, 1, i32(), get(m, STR)),
                                           c32(m, -65)))),
                         set(m, STR, bin(m, BinaryenAddInt32(), get(m, STR), c32(m, 1))),
                         BinaryenBreak(m, "bytes", NULL, NULL))));
    BinaryenExpressionRef body =
        BinaryenBlock(m, NULL,
                      (BinaryenExpressionRef[]){set(m, N, c32(m, 0)),
                                                set(m, END, bin(m, BinaryenAddInt32(), get(m, STR), get(m, LEN))), words,
                                                bytes, get(m, N)},
                      5, i32());
    BinaryenType params[] = {i32(), i32()}, vars[] = {i32(), i32(), i64};
    BinaryenAddFunction(m, F_CHARLEN, BinaryenTypeCreate(params, 2), i32(), vars, 3, body);
}

static void rewrite_charlen(BinaryenModuleRef m)
{
    BinaryenFunctionRef fn = find_one_ii_i(m, "utf8_charlen", is_charlen);
    if (BinaryenGetFunction(m, F_CHARLEN)) die("the module already has a function %s", F_CHARLEN);
    add_charlen_function(m);
    BinaryenExpressionRef args[] = {get(m, 0), get(m, 1)};
    BinaryenFunctionSetBody(fn, BinaryenCall(m, F_CHARLEN, args, 2, i32()));
    fprintf(stderr, "%s: utf8_charlen (%s) counts eight bytes per step\n", prog, BinaryenFunctionGetName(fn));
}

int main(int argc, char **argv)
{
    prog = "speed";
    /* --skip=vstr,extend,gc,full,qstr,hash,charlen leaves rewrites out, for measuring each one */
    const char *skip = "";
    int argi = 1;
    if (argc > argi && strncmp(argv[argi], "--skip=", 7) == 0)
        skip = argv[argi++] + 7;
    if (argc - argi != 2) {
        fprintf(stderr, "usage: %s [--skip=vstr,extend,gc,full,qstr,hash,charlen] IN.wasm OUT.wasm\n", prog);
        return 2;
    }
    init_ids();
    BinaryenModuleRef m = read_module(argv[argi]);
    if (!strstr(skip, "vstr")) rewrite_vstr_growth(m);
    if (!strstr(skip, "extend")) rewrite_extend_growth(m);
    if (!strstr(skip, "full")) rewrite_full_mark(m);
    if (!strstr(skip, "gc")) rewrite_gc_search(m);
    if (!strstr(skip, "hash")) rewrite_lazy_str_hash(m);
    if (!strstr(skip, "charlen")) rewrite_charlen(m);
    qstr_match q = {0};
    find_qstr_lookup(m, &q);
    expect_count("qstr_find_strn", q.count, 1);
    export_last_pool(m, &q);
    if (!strstr(skip, "qstr")) rewrite_qstr_lookup(m, q);
    write_module(m, argv[argi], argv[argi + 1]);
    BinaryenModuleDispose(m);
    return 0;
}
