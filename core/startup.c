/*
 * startup.c — builds the start-up image at run time: instantiates the
 * guest, runs MicroPython's start-up, moves the guest onto a stack of its
 * own, runs the start-up code (lib/python/_mpbox_startup.py) and keeps the
 * memory and globals as the runtime's image; then finds in the image the
 * words the host reads and writes (the pending interrupt, the scheduler
 * state, the first heap area). A build normally embeds the image instead
 * (tools/mkimage.c, core/image.c); this is how it is made.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"
#include "gmem.h"
#include "vfs.h"

/* A 1 MiB initial Python heap as the npm package's own loader (api.js); it
 * grows on demand up to the memory cap. */
#define INITIAL_HEAP (1u << 20)

/* Recursion depth. The build runs its C code on a 64 KiB shadow stack at
 * the bottom of linear memory (the stack pointer is global 0; globals 3 and
 * 2 are the bounds that emscripten_stack_get_base/end report), of which
 * mp_js_init() lets MicroPython use 32 KiB: about 150 nested Python calls.
 * The npm loader's 2048 words of Python stack allow about as many.
 * Instead, at start-up the guest moves onto a GUEST_STACK_BYTES block of its
 * own heap (malloc'd, never freed) and MicroPython may use all of it but
 * GUEST_STACK_SLACK, which absorbs the C code that runs between two of its
 * checks: a runaway Python recursion ends in "RuntimeError: maximum
 * recursion depth exceeded". A plain Python call takes about 210 bytes of
 * shadow stack and 15-30 words of Python stack: about 2800 nested calls
 * (CPython allows 1000). Stack pages that no run writes stay zero, so they
 * are neither in the image nor copied. The sizes keep the image's pages
 * within its first 2 MiB (the pool restores that span page by page;
 * past it, session creation gets slower). */
#define GUEST_STACK_BYTES (640u << 10)
#define GUEST_STACK_SLACK (64u << 10)
#define PYSTACK_WORDS (32u << 10)

/* Garbage collection (host/gc.c): the build's start-up sets an allocation
 * threshold of 16 KiB, which only made sense while gc_collect() just set a
 * flag; MicroPython's default (none: collect when the heap is full) is
 * restored. A collection-stress build (make GC_STRESS=N) sets a threshold
 * of N - 1 blocks instead: a collection before every allocation for N = 1,
 * else whenever N - 1 blocks were allocated since the last one. */
#if defined(MPBOX_GC_STRESS) && MPBOX_GC_STRESS > 0
#define GC_STR_(x) #x
#define GC_STR(x) GC_STR_(x)
#define GC_THRESHOLD "(" GC_STR(MPBOX_GC_STRESS) " - 1) * 16"
#else
#define GC_THRESHOLD "-1"
#endif


/* The start-up code, a file of the embedded library (so its text is in the
 * image's fingerprint through the library's digest), run in __main__ after
 * the collection threshold is set. */
#define STARTUP_FILE "_mpbox_startup.py"
static const char gc_setting[] = "import gc\ngc.threshold(" GC_THRESHOLD ")\ndel gc\n";

/* MicroPython's thread state (mp_state_ctx) holds, one after another: the
 * stack top (the address of a local of mp_js_init, just below the top of
 * the build's own stack), the usable size (its fixed 32 KiB), then the
 * Python stack's start and end. The quadruple is found in memory (no
 * address is hard-coded): the address of its first word, or 0 unless there
 * is exactly one. */
static uint32_t find_stack_state(const wasm_rt_memory_t *m, uint32_t old_top)
{
    uint32_t found = 0, count = 0;
    for (uint32_t a = 0; a + 16 <= m->size; a += 4) {
        uint32_t w[4];
        memcpy(w, m->data + a, sizeof w);
        if (w[0] <= old_top && w[0] + 4096 > old_top && w[1] == 32768u && w[3] > w[2] &&
            w[3] - w[2] == PYSTACK_WORDS * 4u) {
            found = a;
            count++;
        }
    }
    return count == 1 ? found : 0;
}

/* Move the guest onto `block` (GUEST_STACK_BYTES of its heap that nothing
 * else uses): the stack pointer and the bounds, 16-aligned, then
 * MicroPython's stack top and usable size. Called at rest (no guest frame
 * alive), so both stacks hold only dead frames: they are cleared, which
 * keeps their pages out of the image. The sessions, checkpoints, snapshots
 * and forks copy the globals with the memory, so they all keep the move. */
static int move_stack(mpbox_session *s, uint32_t block)
{
    Z_micropython_instance_t *in = &s->inst;
    wasm_rt_memory_t *m = &in->w2c_memory;
    uint32_t old_end = in->w2c_g2, old_top = in->w2c_g3;
    uint32_t state = find_stack_state(m, old_top);
    uint32_t bottom = (block + 15u) & ~15u;
    uint32_t top = (block + GUEST_STACK_BYTES) & ~15u;
    if (!state || in->w2c_g0 != old_top || old_end >= old_top || !mpb_g_ok(m, old_end, old_top - old_end) ||
        !mpb_g_ok(m, block, GUEST_STACK_BYTES))
        return MPBOX_GUEST;
    if (mpb_g_put_u32(m, state, top) != 0 || mpb_g_put_u32(m, state + 4, top - bottom - GUEST_STACK_SLACK) != 0)
        return MPBOX_GUEST;
    memset(m->data + old_end, 0, old_top - old_end);
    memset(m->data + block, 0, GUEST_STACK_BYTES);
    in->w2c_g0 = top;
    in->w2c_g3 = top;
    in->w2c_g2 = bottom;
    return MPBOX_OK;
}

static int start_guest(mpbox_session *s)
{
    mpb_rt_call call;
    s->host.call = &call;
    volatile uint32_t stack = 0; /* read after a trap */
    int trap = MPB_RT_TRY(&call, NULL);
    if (trap == 0) {
        mpb_guest_instantiate(s);
        call.mem_base = s->inst.w2c_memory.data;
        mpb_guest_start(s, PYSTACK_WORDS, INITIAL_HEAP);
        /* Last, so that the block lies above everything the image holds. */
        stack = mpb_guest_malloc(s, GUEST_STACK_BYTES);
        /* The globals are what the stack exports read. */
        if (!mpb_guest_stack_globals_ok(s))
            stack = 0;
    }
    mpb_rt_leave(&call);
    s->host.call = NULL;
    if (trap != 0 || !stack)
        return MPBOX_GUEST;
    return move_stack(s, stack);
}

/* At rest the shadow stack below its pointer holds only dead frames:
 * cleared, its pages stay out of the image. */
static int clear_dead_stack(mpbox_session *s)
{
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t end = s->inst.w2c_g2, sp = s->inst.w2c_g0;
    if (end > sp || !mpb_g_ok(m, end, sp - end))
        return MPBOX_GUEST;
    memset(m->data + end, 0, sp - end);
    return MPBOX_OK;
}

/* Which host pages of the reservation hold data: untouched pages are not
 * resident, and resident ones are checked for non-zero bytes. */
static int capture_image(mpbox_runtime *rt, const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t npages = (size_t)m->size / MPB_HOST_PAGE;
    unsigned char *resident = malloc(npages);
    uint32_t *index = malloc(sizeof *index * npages);
    rt->image_index = index;
    if (!resident || !index) {
        free(resident);
        return MPBOX_NOMEM;
    }
    if (mincore(m->data, m->size, resident) != 0)
        memset(resident, 1, npages);
    size_t count = 0;
    for (size_t i = 0; i < npages; i++) {
        if (!(resident[i] & 1))
            continue;
        const uint64_t *w = (const uint64_t *)(m->data + i * MPB_HOST_PAGE);
        for (size_t k = 0; k < MPB_HOST_PAGE / 8; k++)
            if (w[k]) {
                index[count++] = (uint32_t)i;
                break;
            }
    }
    free(resident);
    uint8_t *data = malloc(count * MPB_HOST_PAGE + 1);
    rt->image_data = data;
    if (!data)
        return MPBOX_NOMEM;
    for (size_t i = 0; i < count; i++)
        memcpy(data + i * MPB_HOST_PAGE, m->data + (size_t)index[i] * MPB_HOST_PAGE, MPB_HOST_PAGE);
    rt->image_count = (uint32_t)count;
    rt->image_pages = m->pages;
    rt->image_inst = s->inst;
    rt->table_size = s->inst.w2c___indirect_function_table.size;
    rt->table_max = s->inst.w2c___indirect_function_table.max_size;
    rt->image_table = malloc(sizeof *rt->image_table * (rt->table_size ? rt->table_size : 1));
    if (!rt->image_table)
        return MPBOX_NOMEM;
    memcpy(rt->image_table, s->inst.w2c___indirect_function_table.data, sizeof *rt->image_table * rt->table_size);
    return mpb_image_finish(rt);
}

/* Find the words mp_sched_keyboard_interrupt writes, by calling it in a
 * scratch session and diffing memory against the image:
 * - mp_pending_exception goes from 0 to a pointer into linear memory; an
 *   interrupt that arrived too late for one run is cleared there;
 * - the scheduler state, a u16, goes from IDLE (1) to PENDING (0); the
 *   watchdog uses it as a harmless liveness probe after a refused growth. */
static int find_interrupt_words(mpbox_runtime *rt)
{
    mpbox_session *s;
    int rc = mpb_session_create(rt, &s, 1);
    if (rc != MPBOX_OK)
        return rc;
    mpb_rt_call call;
    s->host.call = &call;
    if (MPB_RT_TRY(&call, s->inst.w2c_memory.data) == 0) {
        call.in_guest = 1;
        mpb_guest_interrupt(s);
        call.in_guest = 0;
    }
    mpb_rt_leave(&call);
    s->host.call = NULL;

    const uint8_t *mem = s->inst.w2c_memory.data;
    uint32_t pending = 0, npending = 0, sched = 0, nsched = 0, exc = 0;
    for (uint32_t i = 0; i < rt->image_count; i++) {
        const uint32_t *now = (const uint32_t *)(mem + (size_t)rt->image_index[i] * MPB_HOST_PAGE);
        const uint32_t *was = (const uint32_t *)(rt->image_data + (size_t)i * MPB_HOST_PAGE);
        for (uint32_t k = 0; k < MPB_HOST_PAGE / 4; k++) {
            if (now[k] == was[k])
                continue;
            uint32_t addr = rt->image_index[i] * MPB_HOST_PAGE + k * 4;
            if (was[k] == 0 && now[k] < s->inst.w2c_memory.size) {
                pending = addr;
                exc = now[k];
                npending++;
            } else if ((was[k] & 0xffff) == 1 && (now[k] & 0xffff) == 0 && (was[k] >> 16) == (now[k] >> 16)) {
                sched = addr;
                nsched++;
            } else if ((was[k] >> 16) == 1 && (now[k] >> 16) == 0 && (was[k] & 0xffff) == (now[k] & 0xffff)) {
                sched = addr + 2;
                nsched++;
            }
        }
    }
    mpbox_session_free(s);
    if (npending != 1 || nsched != 1)
        return MPBOX_GUEST;
    rt->kbd_pending_addr = pending;
    rt->sched_state_addr = sched;
    rt->kbd_exc_addr = exc;
    return MPBOX_OK;
}

/* MicroPython's first heap area, which collections during runs start
 * from (host/gc.c): the one struct of its shape in the image's pages. A
 * struct may straddle two consecutive pages. */
static int find_gc_area(mpbox_runtime *rt)
{
    uint8_t buf[MPB_HOST_PAGE + 32];
    uint32_t found = 0, count = 0;
    uint64_t size = (uint64_t)rt->image_pages * MPB_WASM_PAGE;
    for (uint32_t i = 0; i < rt->image_count; i++) {
        memcpy(buf, rt->image_data + (size_t)i * MPB_HOST_PAGE, MPB_HOST_PAGE);
        memset(buf + MPB_HOST_PAGE, 0, 32);
        if (i + 1 < rt->image_count && rt->image_index[i + 1] == rt->image_index[i] + 1)
            memcpy(buf + MPB_HOST_PAGE, rt->image_data + (size_t)(i + 1) * MPB_HOST_PAGE, 32);
        /* structs that start on the next page are counted with it */
        uint32_t a = 0;
        int n = mpb_gc_find_area(buf, rt->image_index[i] * MPB_HOST_PAGE, MPB_HOST_PAGE + 28, size, &a);
        if (n == 1 && a >= (rt->image_index[i] + 1) * MPB_HOST_PAGE)
            n = 0;
        if (n > 0) {
            found = a;
            count += (uint32_t)n;
        }
    }
    if (count != 1)
        return MPBOX_GUEST;
    rt->gc_area_addr = found;
    return MPBOX_OK;
}

/* The start-up code allocates without collecting (collections need the
 * first heap area, which is found in the image, after this): what it
 * left as garbage would be in the image, copied into every session and
 * written into every snapshot, and its size would follow the start-up's
 * history, not what it keeps. So the heap is collected once at the end,
 * at rest, and the freed blocks are zeroed (host/gc.c). */
static int collect_garbage(mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t area = 0;
    if (m->size > UINT32_MAX || mpb_gc_find_area(m->data, 0, (uint32_t)m->size, m->size, &area) != 1)
        return MPBOX_GUEST;
    mpb_rt_call call;
    s->host.call = &call;
    s->host.gc_area = area;
    volatile int bad = 1; /* read after a trap */
    if (MPB_RT_TRY(&call, s->inst.w2c_memory.data) == 0)
        bad = mpb_gc_collect_at_rest(&s->host) != 0;
    mpb_rt_leave(&call);
    if (s->host.gc_busy) /* trapped inside the collection */
        mpb_gc_interrupted(&s->host);
    s->host.call = NULL;
    s->host.gc_area = 0;
    return bad ? MPBOX_GUEST : MPBOX_OK;
}

/* Start a guest, run the start-up code in it and keep the outcome as rt's
 * image. */
int mpb_image_build(mpbox_runtime *rt)
{
    mpbox_session *s;
    int rc = mpb_session_create(rt, &s, 0);
    if (rc != MPBOX_OK)
        return rc;
    s->inst.w2c_memory.data = NULL;
    /* The start-up code is ours and ends: no deadline, so that creating
     * a runtime starts no watchdog thread (a process may fork right after,
     * as the zygote of `mpbox serve` does). */
    s->limits[MPBOX_LIMIT_TIMEOUT_MS] = 0;
    if (start_guest(s) != 0) {
        rc = MPBOX_GUEST;
    } else {
        s->inst.w2c_memory.max_pages = 32768u;
        mpbox_result *r = mpb_result_new();
        if (!r) {
            rc = MPBOX_NOMEM;
        } else {
            const mpb_vfs_lib_entry *code = mpb_vfs_lib_file(STARTUP_FILE);
            int trap = mpb_session_exec(s, gc_setting, sizeof gc_setting - 1, r, 0);
            if (!code)
                trap = MPB_TRAP_HOST_NOMEM; /* a build without the library */
            if (!trap && !r->error_type)
                trap = mpb_session_exec(s, (const char *)code->data, code->len, r, 0);
            if (trap || r->error_type)
                rc = MPBOX_GUEST;
            else
                rc = collect_garbage(s);
            mpbox_result_free(r);
        }
    }
    if (rc == MPBOX_OK)
        rc = clear_dead_stack(s);
    if (rc == MPBOX_OK)
        rc = capture_image(rt, s);
    if (s->inst.w2c_memory.data)
        mpb_rt_unreserve(s->inst.w2c_memory.data);
    free(s->inst.w2c___indirect_function_table.data);
    mpb_capture_free(&s->host.out[0]);
    mpb_capture_free(&s->host.out[1]);
    mpb_state_free(&s->host.state); /* start-up probes made an empty root */
    mpb_hostreg_free(&s->host_reg);
    free(s);
    return rc;
}
int mpb_image_locate(mpbox_runtime *rt)
{
    int rc = find_interrupt_words(rt);
    return rc == MPBOX_OK ? find_gc_area(rt) : rc;
}

/* What the image is built from, besides the guest, the C code and the
 * embedded library: the start-up parameters (see mpb_image_fingerprint). */
uint64_t mpb_startup_checksum(void)
{
    const uint32_t params[] = {PYSTACK_WORDS, INITIAL_HEAP, GUEST_STACK_BYTES, GUEST_STACK_SLACK};
    uint64_t h = mpb_checksum(params, sizeof params, 0);
    h = mpb_checksum(STARTUP_FILE, sizeof STARTUP_FILE, h);
    return mpb_checksum(gc_setting, sizeof gc_setting, h);
}
