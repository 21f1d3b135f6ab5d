/*
 * gc.c — MicroPython's garbage collector, run by the host during a run.
 *
 * guest/gc.c rewrites the guest so that its gc_collect() calls the import
 * env.mpbox_gc_collect(why) and the size of a new heap area comes from
 * env.mpbox_gc_room(). A collection is MicroPython's, with the host doing
 * the heavy parts: gc_collect_start marks MicroPython's root pointers and
 * its Python stack (through the host's marker, env.mpbox_gc_mark), the
 * host marks the rest, sweeps (see "sweeping" below), and gc_collect_end
 * runs finalisers and what is left of the sweep. The host marks what the
 * guest holds outside its heap and its root pointers while C code is
 * running:
 *
 *   - the shadow stack in linear memory, from the stack pointer (global 0)
 *     to the stack's base: C locals whose address is taken, nlr buffers;
 *   - the guest's globals (a few words of the instance);
 *   - the native stack between the run's entry and this import: wasm
 *     locals and operand values are C locals of the translated code, kept
 *     in registers (spilled here first) or in native stack frames, as are
 *     the invoke_* trampolines' and any import's arguments in flight.
 *
 * Every 4-byte-aligned word is taken as a possible guest address, and every
 * 8-byte-aligned word of the native stack as a possible host pointer into
 * linear memory (gcc may keep `memory + address` instead of the address).
 * On the native stack a word that points anywhere inside an allocated
 * block keeps the whole block (gcc may also keep `memory + address + field
 * offset`). The shadow stack and the globals hold what the guest's C code
 * stored, like the C stack of MicroPython's other ports, and its rule
 * applies there: a block is kept by a pointer to its start. (A stale
 * number in the shadow stack that fell inside a list's 1.2 MB array kept
 * 300k dead rows alive.) This is conservative: it may keep some garbage
 * alive, never free a live object.
 *
 * Heap areas stay once added (guest/gc); after a collection that left no
 * room for a large allocation, the empty ones go back to malloc
 * (release_empty_areas), and the room for a new area is what malloc can
 * give without passing the cap (malloc_room).
 *
 * Collections do not use fuel (the counter is held while one runs), so the
 * fuel of a run does not depend on when collections happen or on what the
 * scan happens to find.
 */
#include <pthread.h>
#include <stdio.h>
#include "gmem.h"
#include "host.h"

#define GC_BLOCK 16u      /* MICROPY_BYTES_PER_GC_BLOCK (4 words of 32 bits) */
/* Room under the cap kept free when sizing a new heap area: malloc's own
 * overhead and padding on the break (well under this). */
#define ROOM_MARGIN (256u << 10)
/* An allocation at least this large that a collection could not place
 * gets an area of its own size. */
#define LARGE_ALLOCATION (256u << 10)

/* Allocation table entries, 2 bits per block (py/gc.c). */
enum { AT_FREE = 0, AT_HEAD = 1, AT_TAIL = 2, AT_MARK = 3 };

/* mp_state_mem_area_t of MicroPython v1.27 with split heap and finalisers:
 * next, alloc table start and length, finaliser table start, pool start
 * and end, the last free table byte and the last used block: 8 words. */
enum { AREA_NEXT, AREA_ATB, AREA_ATB_LEN, AREA_FTB, AREA_POOL, AREA_POOL_END, AREA_LAST_FREE, AREA_LAST_USED, AREA_WORDS };

typedef mpb_gc_area gc_area;

#if MPBOX_FUEL
static int64_t *fuel_counter(mpb_host *h) { return (int64_t *)Z_micropythonZ_mpbox_fuel(h->inst); }
#endif

/* Whether the 8 words at w describe a heap area whose tables and pool lie
 * in memory of `size` bytes. */
static int area_shape(const uint32_t w[AREA_WORDS], uint64_t size)
{
    uint64_t atb = w[AREA_ATB], len = w[AREA_ATB_LEN], pool = w[AREA_POOL], end = w[AREA_POOL_END];
    return len > 0 && w[AREA_FTB] == atb + len + 1 && pool >= w[AREA_FTB] + (len * 4 + 7) / 8 &&
           end - pool == len * 4 * GC_BLOCK && end <= size && pool % GC_BLOCK == 0;
}

/* The heap areas, from the first (inside mp_state) along the list.
 * Returns their number, or -1 when the list is damaged. */
static int read_areas(mpb_host *h, gc_area *out, int max)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t a = h->gc_area;
    int n = 0;
    while (a) {
        uint32_t w[AREA_WORDS];
        if (n == max || mpb_g_read(m, a, w, sizeof w) != 0 || !area_shape(w, m->size))
            return -1;
        gc_area *g = &out[n++];
        g->addr = a;
        g->pool = w[AREA_POOL];
        g->end = w[AREA_POOL_END];
        g->blocks = w[AREA_ATB_LEN] * 4;
        g->atb = mpb_g_span(m, w[AREA_ATB], w[AREA_ATB_LEN]);
        g->ftb = mpb_g_span(m, w[AREA_FTB], (g->blocks + 7) / 8);
        if (!g->atb || !g->ftb)
            return -1;
        g->last_used = w[AREA_LAST_USED];
        a = w[AREA_NEXT];
    }
    return n;
}

static inline int kind(const gc_area *g, uint32_t block)
{
    return g->atb[block >> 2] >> ((block & 3) * 2) & 3;
}

static inline void set_mark(gc_area *g, uint32_t block)
{
    g->atb[block >> 2] |= (uint8_t)(AT_MARK << ((block & 3) * 2));
}

/* ---- marking ------------------------------------------------------------
 *
 * The host marks, not the guest: guest/gc.c turns gc_mark_subtree into the
 * import env.mpbox_gc_mark. MicroPython's marker looks each candidate word
 * up with a walk along the area list and keeps a stack of 64 blocks; when
 * that overflows (a list of 300k objects), gc_collect_end rescans every
 * marked block of the heap, as often as it overflows again. Here the areas
 * are sorted by address (a binary search per word) and the stack grows as
 * far as MARK_STACK_MAX; past that, the same rescan. What is marked is
 * exactly what MicroPython marks: a word is a reference when it is
 * block-aligned, inside an area's pool and points to the head of an
 * allocated block; a block's words are all its blocks' words. */

#define MARK_STACK_FIRST 4096u
#define MARK_STACK_MAX (512u << 10) /* 4 MiB of host memory at most */

typedef mpb_gc_mark_item mark_item;

static void sort_areas(gc_area *a, int n)
{
    for (int i = 1; i < n; i++) {
        gc_area x = a[i];
        int k = i;
        for (; k > 0 && a[k - 1].pool > x.pool; k--)
            a[k] = a[k - 1];
        a[k] = x;
    }
}

/* Read and sort the areas and get a stack. 0, or -1 when the list is
 * damaged or areas overlap. The marker is kept in the host, not on the
 * native stack, which is scanned: the pool addresses would keep each
 * area's first block. */
static int marker_begin(mpb_host *h, mpb_gc_marker *k)
{
    memset(k, 0, sizeof *k);
    k->n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
    if (k->n < 0)
        return -1;
    sort_areas(h->gc_areas, k->n);
    for (int i = 1; i < k->n; i++)
        if (h->gc_areas[i].pool < h->gc_areas[i - 1].end)
            return -1;
    if (k->n) {
        k->lo = h->gc_areas[0].pool;
        k->hi = h->gc_areas[k->n - 1].end;
    }
    k->stack = malloc(MARK_STACK_FIRST * sizeof *k->stack);
    k->cap = k->stack ? MARK_STACK_FIRST : 0;
    h->gc_marker = k;
    return 0;
}

static void marker_end(mpb_host *h)
{
    if (h->gc_marker) {
        free(h->gc_marker->stack);
        h->gc_marker->stack = NULL;
        h->gc_marker = NULL;
    }
}

void mpb_gc_interrupted(mpb_host *h)
{
    marker_end(h);
    h->gc_busy = 0;
}

/* The area whose pool holds guest address p, or -1. */
static inline int area_of(mpb_host *h, const mpb_gc_marker *k, uint32_t p)
{
    if (p < k->lo || p >= k->hi)
        return -1;
    int lo = 0, hi = k->n - 1; /* the last area starting at or below p */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (h->gc_areas[mid].pool <= p)
            lo = mid;
        else
            hi = mid - 1;
    }
    return p < h->gc_areas[lo].end ? lo : -1;
}

static void push(mpb_gc_marker *k, uint32_t area, uint32_t block)
{
    if (k->len == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : MARK_STACK_FIRST;
        mark_item *grown = cap <= MARK_STACK_MAX ? realloc(k->stack, cap * sizeof *grown) : NULL;
        if (!grown) {
            k->overflow = 1; /* followed by a rescan (finish_marking) */
            return;
        }
        k->stack = grown;
        k->cap = cap;
    }
    k->stack[k->len++] = (mark_item){area, block};
}

/* Mark what the block (marked already) references, and so on down. */
static void mark_from(mpb_host *h, mpb_gc_marker *k, uint32_t area, uint32_t block)
{
    const uint8_t *mem = h->inst->w2c_memory.data;
    for (;;) {
        const gc_area *g = &h->gc_areas[area];
        uint32_t n = 1;
        while (block + n < g->blocks && kind(g, block + n) == AT_TAIL)
            n++;
        const uint8_t *words = mem + g->pool + (uint64_t)block * GC_BLOCK;
        for (uint32_t i = 0; i < n * GC_BLOCK; i += 4) {
            uint32_t p;
            memcpy(&p, words + i, 4);
            if (p % GC_BLOCK)
                continue;
            int a = area_of(h, k, p);
            if (a < 0)
                continue;
            gc_area *t = &h->gc_areas[a];
            uint32_t b = (p - t->pool) / GC_BLOCK;
            if (kind(t, b) != AT_HEAD)
                continue;
            set_mark(t, b);
            push(k, (uint32_t)a, b);
        }
        if (!k->len)
            return;
        mark_item next = k->stack[--k->len];
        area = next.area;
        block = next.block;
    }
}

/* After an overflow, follow the references of every marked block again
 * (gc_deal_with_stack_overflow), until one pass completes. */
static void finish_marking(mpb_host *h, mpb_gc_marker *k)
{
    while (k->overflow) {
        k->overflow = 0;
        for (int a = 0; a < k->n; a++)
            for (uint32_t b = 0; b < h->gc_areas[a].blocks; b++)
                if (kind(&h->gc_areas[a], b) == AT_MARK)
                    mark_from(h, k, (uint32_t)a, b);
    }
}

/* gc_mark_subtree(area, block): the guest marked the block, a root (its
 * root pointers, its Python stack) in gc_collect_start. */
void Z_envZ_mpbox_gc_mark(struct Z_env_instance_t *env, uint32_t area_addr, uint32_t block)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    mpb_gc_marker own, *k = h->gc_marker;
    if (!k && marker_begin(h, k = &own) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB); /* the guest damaged its heap */
    for (int a = 0; a < k->n; a++)
        if (h->gc_areas[a].addr == area_addr && block < h->gc_areas[a].blocks)
            mark_from(h, k, (uint32_t)a, block);
    if (k == &own) { /* not from a collection of ours (none does that) */
        finish_marking(h, k);
        marker_end(h);
    }
    MPB_IMPORT_LEAVE(h);
}

/* A root the host found: guest address p. A word of the native stack
 * keeps the block it points anywhere into (see the top of this file);
 * one in linear memory keeps the block it points to the start of. */
static void mark_root(mpb_host *h, mpb_gc_marker *k, uint32_t p, int interior)
{
    if (!interior && p % GC_BLOCK)
        return;
    int a = area_of(h, k, p);
    if (a < 0)
        return;
    gc_area *g = &h->gc_areas[a];
    uint32_t b = (p - g->pool) / GC_BLOCK;
    int t;
    while (interior && (t = kind(g, b)) == AT_TAIL) {
        if (b == 0)
            return; /* a tail without a head: damaged table */
        if ((b & 3) == 0 && b >= 4 && g->atb[(b >> 2) - 1] == 0xaa)
            b -= 4; /* four tails at once */
        else
            b--;
    }
    if (kind(g, b) != AT_HEAD)
        return; /* free, a tail, or marked already */
    set_mark(g, b);
    mark_from(h, k, (uint32_t)a, b);
}

/* Words in linear memory: the shadow stack, the guest's globals. */
static void mark_words(mpb_host *h, mpb_gc_marker *k, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i += 4) {
        uint32_t w;
        memcpy(&w, p + i, 4);
        mark_root(h, k, w, 0);
    }
}

/* The native stack from here up to the run's entry. Not instrumented: the
 * words read include other frames' sanitizer redzones. The caller spilled
 * the callee-saved registers into its own frame, which lies above ours. */
__attribute__((noinline, no_sanitize_address)) static void mark_native_stack(mpb_host *h, mpb_gc_marker *k)
{
    uintptr_t lo = (uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)7;
    uintptr_t hi = h->gc_stack_top & ~(uintptr_t)7;
    uintptr_t base = (uintptr_t)h->inst->w2c_memory.data;
    uint64_t size = h->inst->w2c_memory.size;
    uint32_t heap_lo = k->lo, heap_span = k->hi - k->lo;
    for (uintptr_t a = lo; a < hi; a += 8) {
        uint64_t w = *(const volatile uint64_t *)a;
        /* most words point nowhere near the heap: test that here, without
         * a call per candidate (a deep recursion's stack is megabytes) */
        uint32_t as_host = (uint32_t)(w - base), low = (uint32_t)w, high = (uint32_t)(w >> 32);
        if (w - base < size && as_host - heap_lo < heap_span)
            mark_root(h, k, as_host, 1); /* a host pointer into memory */
        if (low - heap_lo < heap_span)
            mark_root(h, k, low, 1);
        if (high - heap_lo < heap_span)
            mark_root(h, k, high, 1);
    }
}

/* Spill the callee-saved registers (they may hold guest values of the
 * frames above) into this frame, then scan. */
__attribute__((noinline)) static void mark_registers_and_native_stack(mpb_host *h, mpb_gc_marker *k)
{
    __builtin_unwind_init();
    mark_native_stack(h, k);
    __asm__ volatile("" ::: "memory"); /* keep this frame alive past the scan */
}

/* ---- sweeping -----------------------------------------------------------
 *
 * The host sweeps too, before the guest's gc_collect_end, which then finds
 * almost nothing to do. MicroPython's sweep (py/gc.c gc_sweep) visits each
 * block up to the area's last used block, one at a time; in the translated
 * guest that was 5-8% of an allocation-heavy program. Here it goes a table
 * byte (four blocks) at a time, through a table of what the sweep does to
 * each byte.
 * The rule is MicroPython's: an unmarked head is freed with the tails that
 * follow it, a marked head becomes a head again and keeps its tails; the
 * last used block is the last one kept.
 *
 * What is left to the guest: blocks below GUEST_SWEPT of each area, and
 * everything when an unreachable object has a finaliser. gc_collect_end
 * first runs the finalisers of the unmarked heads among the blocks up to
 * the area's last used block (8 to a finaliser table byte), then sweeps
 * blocks 0 to the last used block. The host sets that index to
 * GUEST_SWEPT - 1 in each area it swept: the guest's finaliser pass then
 * sees one table byte, whose blocks the host left as they were (marked or
 * not), and its sweep those blocks; the host puts the index right after.
 * When some unreachable object has a finaliser, the host sweeps nothing
 * and the guest's own sweep runs whole: its finaliser pass then comes
 * before anything is freed, as in MicroPython. */

#define GUEST_SWEPT 8u /* the blocks of one finaliser table byte */

/* Whether an unmarked head among blocks [0, end) of g has a finaliser. */
static int finalisable_garbage(const gc_area *g, uint32_t end)
{
    uint32_t bytes = (end + 7) / 8;
    for (uint32_t i = 0; i < bytes; i++) {
        uint64_t w;
        if (i % 8 == 0 && i + 8 <= bytes && (memcpy(&w, g->ftb + i, 8), w == 0)) {
            i += 7; /* 64 blocks without a finaliser: most of the table */
            continue;
        }
        for (uint32_t bits = g->ftb[i]; bits; bits &= bits - 1) {
            uint32_t b = i * 8 + (uint32_t)__builtin_ctz(bits);
            if (b < end && kind(g, b) == AT_HEAD)
                return 1;
        }
    }
    return 0;
}

/* The sweep of one block: its new kind; *freeing says whether the tails
 * that follow are freed, *last_used is updated. */
static inline int sweep_block(int k, uint32_t b, int *freeing, uint32_t *last_used)
{
    switch (k) {
    case AT_HEAD:
        *freeing = 1;
        return AT_FREE;
    case AT_TAIL:
        if (*freeing)
            return AT_FREE;
        *last_used = b;
        return AT_TAIL;
    case AT_MARK:
        *freeing = 0;
        *last_used = b;
        return AT_HEAD;
    default:
        return AT_FREE;
    }
}

/* The sweep of a whole table byte (four blocks), for each byte and whether
 * the tails at its start are freed: the new byte (bits 0-7), whether the
 * tails after it are freed (SWEEP_FREEING), and 1 + the index in the byte
 * of its last block in use, or 0 (bits 9-11). Made once, read-only after. */
#define SWEEP_FREEING 0x100u
static uint16_t sweep_table[2][256];
static pthread_once_t sweep_table_once = PTHREAD_ONCE_INIT;

static void make_sweep_table(void)
{
    for (int freeing_in = 0; freeing_in < 2; freeing_in++)
        for (unsigned v = 0; v < 256; v++) {
            int freeing = freeing_in;
            uint32_t last_used = UINT32_MAX;
            unsigned out = 0;
            for (uint32_t i = 0; i < 4; i++)
                out |= (unsigned)sweep_block(v >> (2 * i) & 3, i, &freeing, &last_used) << (2 * i);
            sweep_table[freeing_in][v] =
                (uint16_t)(out | (freeing ? SWEEP_FREEING : 0) | (last_used == UINT32_MAX ? 0 : (last_used + 1) << 9));
        }
}

/* Sweep blocks [GUEST_SWEPT, end) of g; the blocks below are only looked
 * at, for whether the tails after them are freed. Returns the last block
 * in use. */
static uint32_t sweep_area(gc_area *g, uint32_t end)
{
    pthread_once(&sweep_table_once, make_sweep_table);
    int freeing = 0;
    uint32_t last_used = 0, b = 0;
    for (; b < GUEST_SWEPT; b++)
        sweep_block(kind(g, b), b, &freeing, &last_used);
    for (; b + 4 <= end; b += 4) {
        uint8_t *byte = &g->atb[b / 4];
        if (*byte == 0)
            continue; /* four free blocks */
        unsigned r = sweep_table[freeing][*byte];
        *byte = (uint8_t)r;
        freeing = (r & SWEEP_FREEING) != 0;
        if (r >> 9)
            last_used = b + (r >> 9) - 1;
    }
    for (; b < end; b++) { /* the last, partial byte */
        int k = sweep_block(kind(g, b), b, &freeing, &last_used);
        g->atb[b / 4] = (uint8_t)((g->atb[b / 4] & ~(3u << (b % 4 * 2))) | (unsigned)k << (b % 4 * 2));
    }
    return last_used;
}

#define NOT_SWEPT UINT32_MAX /* gc_area.last_used of an area left to the guest */

/* The host's part of the sweep, before gc_collect_end. */
static void sweep(mpb_host *h, int n)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    int finalisers = 0;
    for (int i = 0; i < n; i++) {
        gc_area *g = &h->gc_areas[i];
        if (g->last_used >= g->blocks)
            g->last_used = g->blocks - 1;
        finalisers |= finalisable_garbage(g, g->last_used + 1);
    }
    for (int i = 0; i < n; i++) {
        gc_area *g = &h->gc_areas[i];
        if (finalisers || g->last_used < GUEST_SWEPT) {
            g->last_used = NOT_SWEPT; /* the guest's sweep does it all */
            continue;
        }
        g->last_used = sweep_area(g, g->last_used + 1);
        mpb_g_put_u32(m, g->addr + AREA_LAST_USED * 4, GUEST_SWEPT - 1);
    }
}

/* After gc_collect_end: the last used block of each area the host swept. */
static void sweep_done(mpb_host *h, int n)
{
    for (int i = 0; i < n; i++)
        if (h->gc_areas[i].last_used != NOT_SWEPT)
            mpb_g_put_u32(&h->inst->w2c_memory, h->gc_areas[i].addr + AREA_LAST_USED * 4, h->gc_areas[i].last_used);
}

/* Blocks in use (not free) in `len` bytes of allocation table: an entry is
 * in use when either of its two bits is set. Eight table bytes at a time. */
static uint64_t used_entries(const uint8_t *atb, uint32_t len)
{
    const uint64_t low_bits = 0x5555555555555555ull;
    uint64_t used = 0;
    uint32_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, atb + i, 8);
        used += (uint64_t)__builtin_popcountll((w | w >> 1) & low_bits);
    }
    for (; i < len; i++)
        used += (uint64_t)__builtin_popcount((atb[i] | atb[i] >> 1) & 0x55u);
    return used;
}

static uint64_t used_bytes(const gc_area *areas, int n)
{
    uint64_t used = 0;
    for (int i = 0; i < n; i++)
        used += used_entries(areas[i].atb, areas[i].blocks / 4);
    return used * GC_BLOCK;
}

static void release_empty_areas(mpb_host *h);

/* One whole collection. During a run the guest is inside gc_collect, and
 * its frames' values may be on the native stack (`native`); at rest (no
 * guest frame alive) they cannot be, and that stack is not read. */
static void collect(mpb_host *h, int native)
{
    Z_micropython_instance_t *in = h->inst;
    wasm_rt_memory_t *m = &in->w2c_memory;
    h->gc_busy = 1;
#if MPBOX_FUEL
    h->gc_fuel = *fuel_counter(h);
    *fuel_counter(h) = INT64_MAX;
#endif
    mpb_gc_marker *k = &h->gc_mark;
    if (marker_begin(h, k) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB); /* the guest damaged its heap */
    MPB_GUEST_CALL(h, Z_micropythonZ_mpbox_gc_collect_start(in));
    /* the guest's own globals (the stack pointer, Emscripten's scratch
     * words), not those added at build time: they hold sizes */
    const uint8_t *g0 = (const uint8_t *)&in->w2c_g0;
    mark_words(h, k, g0, (size_t)((const uint8_t *)&in->w2c_mpbox_gc_request - g0));
    /* the shadow stack */
    uint32_t sp = in->w2c_g0, base = in->w2c_g3;
    if (sp <= base) {
        const uint8_t *p = mpb_g_span(m, sp, base - sp);
        if (p)
            mark_words(h, k, p, base - sp);
    }
    if (native)
        mark_registers_and_native_stack(h, k);
    finish_marking(h, k);
    int n = k->n;
    marker_end(h);
    sweep(h, n);
    MPB_GUEST_CALL(h, Z_micropythonZ_mpbox_gc_collect_end(in));
    sweep_done(h, n);
    release_empty_areas(h);

    n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
    if (n < 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    uint64_t used = used_bytes(h->gc_areas, n);
    *(uint32_t *)Z_micropythonZ_mpbox_gc_live(in) = used > UINT32_MAX ? UINT32_MAX : (uint32_t)used;
    h->gc_collections++;
    if (h->oom && h->on_collected)
        h->on_collected(h); /* busy, not stuck (core/watchdog.c) */
#if MPBOX_FUEL
    *fuel_counter(h) = h->gc_fuel;
#endif
    h->gc_busy = 0;
}

/* The guest's malloc (dlmalloc, 32-bit) lays its chunks end to end from
 * the break's first value (mpbox_heap_base, guest/gc) up to the break: each
 * starts with two words, the second its size with bit 1 set while in use.
 * The last, free, chunk (the top) ends at most TOP_FOOT_MAX below the
 * break. Heap areas are such chunks; so are the free ones that areas given
 * back (release_empty_areas) left. */
#define CHUNK_IN_USE 2u
#define TOP_FOOT_MAX 64u
#define CHUNK_OVERHEAD 16u /* what a chunk needs beyond what malloc was asked */
#define CHUNK_WALK_MAX 65536u

/* The largest block malloc can hand out without moving the break past the
 * cap: its largest free chunk, or the top chunk with the memory up to the
 * cap; with `all`, what its free chunks and that hold together. Guest
 * bytes: when the walk does not arrive exactly at the top, the answer is
 * only the memory above the break (the room never counts what it is not
 * sure of: malloc asking for more than the cap ends the run). */
static uint64_t malloc_room(mpb_host *h, uint32_t brk, uint64_t cap, int all)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint64_t c = *(uint32_t *)Z_micropythonZ_mpbox_heap_base(h->inst), best = 0, sum = 0;
    for (uint32_t steps = 0; steps < CHUNK_WALK_MAX && c + 8 <= brk; steps++) {
        uint32_t head;
        if (mpb_g_u32(m, (uint32_t)c + 4, &head) || (head & ~7u) < 16)
            break;
        uint64_t end = c + (head & ~7u);
        if (head & CHUNK_IN_USE) {
            c = end;
            continue;
        }
        if (end <= brk && brk - end <= TOP_FOOT_MAX) /* the top */
            return all ? sum + (cap - c) : cap - c > best ? cap - c : best;
        if (end - c > best)
            best = end - c;
        sum += end - c;
        c = end;
    }
    return cap - brk;
}

/* Room under the memory cap for a new heap area, in bytes; with `all`, for
 * gc.mem_free(): all the memory malloc still has or may take. */
static uint64_t gc_room(mpb_host *h, int all)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint64_t cap = (uint64_t)m->max_pages * MPB_WASM_PAGE;
    uint32_t brk;
    if (mpb_g_u32(m, *(uint32_t *)Z_micropythonZ_mpbox_sbrk_ptr(h->inst), &brk) != 0 || brk >= cap)
        return 0;
    uint64_t room = malloc_room(h, brk, cap, all);
    return room > ROOM_MARGIN + CHUNK_OVERHEAD ? room - ROOM_MARGIN - CHUNK_OVERHEAD : 0;
}

/* The room a heap that grows instead of collecting may take: all but a
 * reserve of 1/8 of the cap. The reserve is for allocations that a
 * collection could not place: a heap full of small objects and the holes
 * their temporaries leave has no long free run for a large one (a list's
 * array doubling), which then gets an area of its own there. */
static uint64_t growth_room(mpb_host *h)
{
    uint64_t room = gc_room(h, 0);
    uint64_t reserve = (uint64_t)h->inst->w2c_memory.max_pages * MPB_WASM_PAGE / 8;
    return room > reserve ? room - reserve : 0;
}

static uint64_t needed_for(uint64_t n)
{
    return n + (n * 13 / 512 > 2048 ? n * 13 / 512 : 2048); /* py/gc.c gc_try_add_heap */
}

/* gc_get_max_new_split(): how large a new heap area may be. MicroPython
 * adds an area as large as the heap so far (or as the allocation), but at
 * most this. `for_area` is 1 when gc_try_add_heap asks, else it is for
 * gc.mem_free() (all the room). An area added instead of a collection
 * keeps out of the reserve (growth_room); one added because a collection
 * did not free enough, for a large allocation, MicroPython's size but at
 * most twice the allocation when the room allows, else the allocation's
 * size (the rest of the room stays for the next; not just the allocation,
 * so that a block that keeps growing, a list extended a little at a time,
 * grows in place instead of leaving an area behind at each step: areas
 * stay in the heap once added), for a small one up to the whole room. When
 * the room is too small for the allocation, it fails; for a small one that
 * means the heap is full, a refusal like one of a growth past the cap (the
 * watchdog then checks that the guest still runs: reporting the
 * MemoryError may itself run out of memory). A large one that does not fit
 * is just a MemoryError the program may handle. The number of areas is
 * bounded too (a collection reads them all): past MPB_GC_MAX_AREAS there
 * is no room, as if the cap were reached. */
uint32_t Z_envZ_mpbox_gc_room(struct Z_env_instance_t *env, uint32_t for_area)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    uint64_t room = gc_room(h, !for_area);
    if (for_area) {
        uint64_t needed = needed_for(*(uint32_t *)Z_micropythonZ_mpbox_gc_request(h->inst));
        int n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
        if (n < 0 || n >= MPB_GC_MAX_AREAS) {
            room = 0;
            h->gc_grow = 0;
        } else if (h->gc_grow) {
            room = growth_room(h);
            h->gc_grow = 0;
        } else if (needed >= LARGE_ALLOCATION && room > needed) {
            room = room / 2 >= needed ? 2 * needed : needed;
        }
        if (room < needed && needed < LARGE_ALLOCATION)
            mpb_host_memory_refused(h); /* the heap is full: see above */
    }
    MPB_IMPORT_LEAVE(h);
    return room > 0xfffffff0u ? 0xfffffff0u : (uint32_t)room;
}

/* Whether area g has no block in use (after a sweep: no marks left). */
static int area_empty(const gc_area *g)
{
    for (uint32_t k = 0; k < g->blocks / 4; k++)
        if (g->atb[k])
            return 0;
    return 1;
}

/* After a collection, for a large allocation that no empty area can hold
 * and the room cannot either: give every empty area but the first back to
 * malloc, which joins neighbouring free chunks (and the top), so that the
 * area gc_try_add_heap then asks for may take their memory. Areas stay in
 * the heap otherwise (guest/gc); without this, areas that a block growing
 * by steps (a list doubling) left behind kept their parts of the cap from
 * any allocation larger than each. The guest's collector has just pointed
 * its "last area with a free block" at the first area, so no pointer to a
 * given-back area is left in the guest. */
static void release_empty_areas(mpb_host *h)
{
    uint32_t request = *(uint32_t *)Z_micropythonZ_mpbox_gc_request(h->inst);
    uint64_t needed = needed_for(request);
    int n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
    if (n < 2 || needed < LARGE_ALLOCATION || gc_room(h, 0) >= needed)
        return;
    for (int i = 1; i < n; i++)
        if (h->gc_areas[i].end - h->gc_areas[i].pool >= request && area_empty(&h->gc_areas[i]))
            return; /* gc_alloc finds it */
    uint32_t prev = h->gc_areas[0].addr;
    for (int i = 1; i < n; i++) {
        const gc_area *g = &h->gc_areas[i];
        uint32_t next;
        if (!area_empty(g) || mpb_g_u32(&h->inst->w2c_memory, g->addr, &next)) {
            prev = g->addr;
            continue;
        }
        if (mpb_g_put_u32(&h->inst->w2c_memory, prev, next))
            return;
        MPB_GUEST_CALL(h, Z_micropythonZ_free(h->inst, g->addr));
    }
}

/* Why the guest calls gc_collect (guest/gc.c). */
enum { WHY_ASKED = 0, WHY_THRESHOLD = 1, WHY_FULL = 2 };

/* Whether to collect now. gc.collect() and the allocation threshold always
 * collect. When the heap is full, the heap grows instead (MicroPython adds
 * an area when gc_collect leaves no room) if the cap, less a reserve
 * (growth_room), has room for the allocation and either
 *   - the last collection left it more than half in use: otherwise a heap
 *     that is mostly live data would be collected again after every small
 *     fraction of it was allocated; or
 *   - the run has collected already and the heap, doubled, stays within
 *     CHURN_HEAP: a collection costs about the live data (marking) and the
 *     heap (sweeping) however much garbage it finds, and the first 1 MB
 *     area, with the start-up library's ~150 kB live, was collected for
 *     every ~850 kB of garbage. A loop that makes garbage now has a 4 MB
 *     heap, collected four times less often. Runs that collect once or
 *     not at all (most) keep the heap as it is. */
#define CHURN_HEAP (4u << 20)
static int should_collect(mpb_host *h, uint32_t why)
{
    h->gc_grow = 0;
    if (h->gc_busy || !h->gc_stack_top || !h->gc_area)
        return 0; /* inside a collection (a finaliser), or outside a run */
    if (why != WHY_FULL)
        return 1;
    gc_area *areas = h->gc_areas;
    int n = read_areas(h, areas, MPB_GC_MAX_AREAS);
    if (n < 0)
        return 1;
    uint64_t total = 0;
    for (int i = 0; i < n; i++)
        total += areas[i].end - areas[i].pool;
    uint64_t live = *(uint32_t *)Z_micropythonZ_mpbox_gc_live(h->inst);
    int churn = h->gc_collections > 0 && total * 2 <= CHURN_HEAP;
    if ((live * 2 > total || churn) && growth_room(h) >= needed_for(*(uint32_t *)Z_micropythonZ_mpbox_gc_request(h->inst))) {
        h->gc_grow = 1; /* gc_alloc adds an area (Z_envZ_mpbox_gc_room) */
        return 0;
    }
    return 1;
}

void Z_envZ_mpbox_gc_collect(struct Z_env_instance_t *env, uint32_t why)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    if (should_collect(h, why))
        collect(h, 1);
    MPB_IMPORT_LEAVE(h);
}

/* Zero the free blocks of every area. */
static int clear_free(mpb_host *h)
{
    int n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
    if (n < 0)
        return -1;
    uint8_t *mem = h->inst->w2c_memory.data;
    for (int i = 0; i < n; i++) {
        const gc_area *g = &h->gc_areas[i];
        for (uint32_t b = 0; b < g->blocks; b++) {
            uint32_t run = 0;
            while (b + run < g->blocks && kind(g, b + run) == AT_FREE)
                run++;
            if (run) /* inside the pool, which read_areas checked */
                memset(mem + g->pool + (uint64_t)b * GC_BLOCK, 0, (size_t)run * GC_BLOCK);
            b += run;
        }
    }
    return 0;
}

int mpb_gc_collect_at_rest(mpb_host *h)
{
    if (!h->gc_area || h->gc_busy)
        return -1;
    collect(h, 0);
    return clear_free(h);
}

int mpb_gc_find_area(const uint8_t *data, uint32_t first_addr, uint32_t len, uint64_t mem_size, uint32_t *found)
{
    int count = 0;
    for (uint32_t off = 0; off + AREA_WORDS * 4 <= len; off += 4) {
        uint32_t w[AREA_WORDS];
        memcpy(w, data + off, sizeof w);
        uint32_t addr = first_addr + off;
        /* the first area lives in mp_state; later ones start their own block */
        if (area_shape(w, mem_size) && w[AREA_ATB] != addr + AREA_WORDS * 4) {
            *found = addr;
            count++;
        }
    }
    return count;
}
