/*
 * gc.c — MicroPython's garbage collector, run by the host during a run.
 *
 * guest/gc.c rewrites the guest so that its gc_collect() calls the import
 * env.mpbox_gc_collect(why) and the size of a new heap area comes from
 * env.mpbox_gc_room(). A collection is the guest's own: gc_collect_start
 * marks MicroPython's root pointers and its Python stack, gc_collect_end
 * runs finalisers and sweeps. In between, the host marks what the guest
 * holds outside its heap and its root pointers while C code is running:
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
 * 8-byte-aligned word as a possible host pointer into linear memory (gcc may
 * keep `memory + address` instead of the address). A word that points
 * anywhere inside an allocated block keeps the whole block (gcc may also
 * keep `memory + address + field offset`). This is conservative: it may
 * keep some garbage alive, never free a live object.
 *
 * Collections do not use fuel (the counter is held while one runs), so the
 * fuel of a run does not depend on when collections happen or on what the
 * scan happens to find.
 */
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
 * and end, two indexes: 8 words. */
enum { AREA_NEXT, AREA_ATB, AREA_ATB_LEN, AREA_FTB, AREA_POOL, AREA_POOL_END, AREA_WORDS = 8 };

typedef mpb_gc_area gc_area;

/* The areas are kept in the host struct, not on the native stack, which is
 * scanned: their pool addresses would keep each area's first block. */
typedef struct gc_scan {
    mpb_host *h;
    gc_area *areas;
    int n;
} gc_scan;

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
        if (!g->atb)
            return -1;
        a = w[AREA_NEXT];
    }
    return n;
}

static int kind(const gc_area *g, uint32_t block)
{
    return g->atb[block >> 2] >> ((block & 3) * 2) & 3;
}

/* Mark the block that guest address `p` points into, and what it
 * references (the guest's gc_mark_subtree), unless already marked. */
static void mark(gc_scan *s, uint32_t p)
{
    for (int i = 0; i < s->n; i++) {
        gc_area *g = &s->areas[i];
        if (p < g->pool || p >= g->end)
            continue;
        uint32_t b = (p - g->pool) / GC_BLOCK;
        int k;
        while ((k = kind(g, b)) == AT_TAIL) {
            if (b == 0)
                return; /* a tail without a head: damaged table */
            if ((b & 3) == 0 && b >= 4 && g->atb[(b >> 2) - 1] == 0xaa)
                b -= 4; /* four tails at once */
            else
                b--;
        }
        if (k != AT_HEAD)
            return; /* free, or marked already */
        g->atb[b >> 2] |= (uint8_t)(AT_MARK << ((b & 3) * 2));
        MPB_GUEST_CALL(s->h, Z_micropythonZ_mpbox_gc_mark_subtree(s->h->inst, g->addr, b));
        return;
    }
}

static void mark_words(gc_scan *s, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i += 4) {
        uint32_t w;
        memcpy(&w, p + i, 4);
        mark(s, w);
    }
}

/* The native stack from here up to the run's entry. Not instrumented: the
 * words read include other frames' sanitizer redzones. The caller spilled
 * the callee-saved registers into its own frame, which lies above ours. */
__attribute__((noinline, no_sanitize_address)) static void mark_native_stack(gc_scan *s)
{
    uintptr_t lo = (uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)7;
    uintptr_t hi = s->h->gc_stack_top & ~(uintptr_t)7;
    uintptr_t base = (uintptr_t)s->h->inst->w2c_memory.data;
    uint64_t size = s->h->inst->w2c_memory.size;
    for (uintptr_t a = lo; a < hi; a += 8) {
        uint64_t w = *(const volatile uint64_t *)a;
        if (w - base < size)
            mark(s, (uint32_t)(w - base)); /* a host pointer into memory */
        mark(s, (uint32_t)w);
        mark(s, (uint32_t)(w >> 32));
    }
}

/* Spill the callee-saved registers (they may hold guest values of the
 * frames above) into this frame, then scan. */
__attribute__((noinline)) static void mark_registers_and_native_stack(gc_scan *s)
{
    __builtin_unwind_init();
    mark_native_stack(s);
    __asm__ volatile("" ::: "memory"); /* keep this frame alive past the scan */
}

static uint64_t used_bytes(const gc_area *areas, int n)
{
    uint64_t used = 0;
    for (int i = 0; i < n; i++)
        for (uint32_t k = 0; k < areas[i].blocks / 4; k++) {
            unsigned x = areas[i].atb[k];
            used += ((x & 3) != 0) + ((x >> 2 & 3) != 0) + ((x >> 4 & 3) != 0) + ((x >> 6 & 3) != 0);
        }
    return used * GC_BLOCK;
}

/* One whole collection; the guest is inside gc_collect. */
static void collect(mpb_host *h)
{
    Z_micropython_instance_t *in = h->inst;
    wasm_rt_memory_t *m = &in->w2c_memory;
    h->gc_busy = 1;
#if MPBOX_FUEL
    h->gc_fuel = *fuel_counter(h);
    *fuel_counter(h) = INT64_MAX;
#endif
    MPB_GUEST_CALL(h, Z_micropythonZ_mpbox_gc_collect_start(in));
    gc_scan scan = {h, h->gc_areas, read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS)};
    gc_scan *s = &scan;
    if (s->n < 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB); /* the guest damaged its heap */
    /* the guest's own globals (the stack pointer, Emscripten's scratch
     * words), not those added at build time: they hold sizes */
    const uint8_t *g0 = (const uint8_t *)&in->w2c_g0;
    mark_words(s, g0, (size_t)((const uint8_t *)&in->w2c_mpbox_gc_request - g0));
    /* the shadow stack */
    uint32_t sp = in->w2c_g0, base = in->w2c_g3;
    if (sp <= base) {
        const uint8_t *p = mpb_g_span(m, sp, base - sp);
        if (p)
            mark_words(s, p, base - sp);
    }
    mark_registers_and_native_stack(s);
    MPB_GUEST_CALL(h, Z_micropythonZ_mpbox_gc_collect_end(in));

    int n = read_areas(h, h->gc_areas, MPB_GC_MAX_AREAS);
    if (n < 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    uint64_t used = used_bytes(s->areas, n);
    *(uint32_t *)Z_micropythonZ_mpbox_gc_live(in) = used > UINT32_MAX ? UINT32_MAX : (uint32_t)used;
    h->gc_collections++;
    if (h->oom && h->on_collected)
        h->on_collected(h); /* busy, not stuck (core/watchdog.c) */
#if MPBOX_FUEL
    *fuel_counter(h) = h->gc_fuel;
#endif
    h->gc_busy = 0;
}

uint64_t mpb_gc_room(mpb_host *h)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint64_t cap = (uint64_t)m->max_pages * MPB_WASM_PAGE;
    uint32_t brk;
    if (mpb_g_u32(m, *(uint32_t *)Z_micropythonZ_mpbox_sbrk_ptr(h->inst), &brk) != 0 || brk >= cap)
        return 0;
    uint64_t room = cap - brk;
    return room > ROOM_MARGIN ? room - ROOM_MARGIN : 0;
}

/* The room a heap that grows instead of collecting may take: all but a
 * reserve of 1/8 of the cap. The reserve is for allocations that a
 * collection could not place: a heap full of small objects and the holes
 * their temporaries leave has no long free run for a large one (a list's
 * array doubling), which then gets an area of its own there. */
static uint64_t growth_room(mpb_host *h)
{
    uint64_t room = mpb_gc_room(h);
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
    MPB_IMPORT_ENTER(h);
    uint64_t room = mpb_gc_room(h);
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

/* Why the guest calls gc_collect (guest/gc.c). */
enum { WHY_ASKED = 0, WHY_THRESHOLD = 1, WHY_FULL = 2 };

/* Whether to collect now. gc.collect() and the allocation threshold always
 * collect. When the heap is full, the heap grows instead (MicroPython adds
 * an area when gc_collect leaves no room) if the last collection left it
 * more than half in use and the cap, less a reserve (growth_room), has
 * room for the allocation:
 * otherwise a heap that is mostly live data would be collected again
 * after every small fraction of it was allocated. */
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
    if (live * 2 > total && growth_room(h) >= needed_for(*(uint32_t *)Z_micropythonZ_mpbox_gc_request(h->inst))) {
        h->gc_grow = 1; /* gc_alloc adds an area (Z_envZ_mpbox_gc_room) */
        return 0;
    }
    return 1;
}

void Z_envZ_mpbox_gc_collect(struct Z_env_instance_t *env, uint32_t why)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    if (should_collect(h, why))
        collect(h);
    MPB_IMPORT_LEAVE(h);
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
