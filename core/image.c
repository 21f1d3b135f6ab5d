/*
 * image.c — the start-up image: the one made at build time is checked to
 * belong to this build (a fingerprint of the guest, the start-up code and
 * the embedded library) and installed in a runtime, so that creating a
 * runtime costs an instantiation instead of running the start-up code
 * (tools/mkimage.c writes it; core/startup.c builds the same image at run
 * time when there is none); and memories are put back into the image
 * state, for the pool and for rollbacks.
 *
 * Restoring in place: only pages that are resident (the ones the session
 * touched, found with mincore) are rewritten — image pages from the image,
 * others zeroed — and they stay resident for the next session. A memory
 * whose session touched many pages is instead emptied with MADV_DONTNEED
 * and refilled from the image. mincore cannot see pages that were swapped
 * out: such a page would keep the previous session's data. So the in-place
 * path is used only when the system had no swap when the runtime was
 * created (mpb_image_can_restore).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"
#include "vfs.h"

/* Zeroing more resident non-image pages than this costs more than letting
 * the kernel drop them. */
#define MAX_PAGES_TO_ZERO 96

/* The instance's globals lie between the import pointers and the memory,
 * which the table follows: nothing else is in the struct. */
_Static_assert(offsetof(Z_micropython_instance_t, w2c___indirect_function_table) + sizeof(wasm_rt_funcref_table_t) ==
                   sizeof(Z_micropython_instance_t),
               "the function table ends the instance");
_Static_assert(offsetof(Z_micropython_instance_t, w2c___indirect_function_table) ==
                   offsetof(Z_micropython_instance_t, w2c_memory) + sizeof(wasm_rt_memory_t),
               "the memory precedes the table");

/* A guest instance straight after instantiation (nothing run): its
 * globals, memory with the data segments, and function table. */
static int instantiate(mpbox_runtime *rt, mpbox_session **out)
{
    *out = NULL;
    mpbox_session *s;
    int rc = mpb_session_create(rt, &s, 0);
    if (rc != MPBOX_OK)
        return rc;
    s->inst.w2c_memory.data = NULL;
    mpb_rt_call call;
    s->host.call = &call;
    int trap = MPB_RT_TRY(&call, NULL);
    if (trap == 0)
        mpb_guest_instantiate(s);
    mpb_rt_leave(&call);
    s->host.call = NULL;
    *out = s;
    return trap ? MPBOX_GUEST : MPBOX_OK;
}

static void scratch_free(mpbox_session *s)
{
    if (s->inst.w2c_memory.data)
        mpb_rt_unreserve(s->inst.w2c_memory.data);
    free(s->inst.w2c___indirect_function_table.data);
    mpb_capture_free(&s->host.out[0]);
    mpb_capture_free(&s->host.out[1]);
    mpb_state_free(&s->host.state);
    mpb_hostreg_free(&s->host_reg);
    free(s);
}

/* Hash the non-zero resident host pages of a memory, with their numbers. */
static uint64_t hash_memory(const wasm_rt_memory_t *m, uint64_t h)
{
    size_t npages = (size_t)m->size / MPB_HOST_PAGE;
    unsigned char *resident = malloc(npages ? npages : 1);
    if (!resident)
        return 0;
    if (mincore(m->data, m->size, resident) != 0)
        memset(resident, 1, npages);
    static const uint8_t zero[MPB_HOST_PAGE];
    for (size_t i = 0; i < npages; i++) {
        const uint8_t *page = m->data + i * MPB_HOST_PAGE;
        if ((resident[i] & 1) && memcmp(page, zero, MPB_HOST_PAGE) != 0) {
            uint64_t at = i;
            h = mpb_checksum(&at, sizeof at, h);
            h = mpb_checksum(page, MPB_HOST_PAGE, h);
        }
    }
    free(resident);
    return h;
}

/* The fingerprint of a freshly instantiated guest (see core.h): its
 * layout, initial globals, data segments (all of MicroPython's static
 * data), the types of its table's functions and the embedded library's
 * digest (computed at build time by tools/embed). Function addresses are
 * left out: they differ from process to process, and their distances from
 * binary to binary (the table also holds host functions). A change to the
 * guest's code alone, which leaves all of these as they were, is caught by
 * the Makefile, which remakes the image whenever the guest is rebuilt. */
static uint64_t fingerprint_of(const mpbox_session *s)
{
    const Z_micropython_instance_t *inst = &s->inst;
    const uint64_t layout[] = {sizeof *inst, MPB_GLOBALS_START, MPB_GLOBALS_SIZE, MPB_HOST_PAGE,
                               inst->w2c_memory.pages, inst->w2c_memory.max_pages,
                               inst->w2c___indirect_function_table.size,
                               inst->w2c___indirect_function_table.max_size};
    uint64_t h = mpb_checksum(layout, sizeof layout, mpb_startup_checksum());
    h = mpb_checksum((const uint8_t *)inst + MPB_GLOBALS_START, MPB_GLOBALS_SIZE, h);
    const wasm_rt_funcref_table_t *t = &inst->w2c___indirect_function_table;
    for (uint32_t i = 0; i < t->size; i++) {
        uint64_t e[2] = {t->data[i].func_type, t->data[i].func != NULL};
        h = mpb_checksum(e, sizeof e, h);
    }
    h = hash_memory(&inst->w2c_memory, h);
    h = mpb_checksum(&mpb_vfs_embedded.digest, sizeof mpb_vfs_embedded.digest, h);
    return h ? h : 1;
}

uint64_t mpb_image_fingerprint(mpbox_runtime *rt)
{
    mpbox_session *s = NULL;
    int rc = instantiate(rt, &s);
    if (rc != MPBOX_OK && !s)
        return 0;
    uint64_t h = rc == MPBOX_OK ? fingerprint_of(s) : 0;
    scratch_free(s);
    return h;
}

int mpb_image_load(mpbox_runtime *rt, const mpb_image *img)
{
    mpbox_session *s = NULL;
    int rc = instantiate(rt, &s);
    if (rc != MPBOX_OK && !s)
        return rc;
    if (rc == MPBOX_OK && fingerprint_of(s) != img->fingerprint)
        rc = MPBOX_ERROR; /* another guest, prelude or library: not ours */
    if (rc == MPBOX_OK && img->pages < s->inst.w2c_memory.pages)
        rc = MPBOX_ERROR;
    for (uint32_t i = 0; rc == MPBOX_OK && i < img->count; i++)
        if (img->index[i] >= (size_t)img->pages * (MPB_WASM_PAGE / MPB_HOST_PAGE) ||
            (i && img->index[i] <= img->index[i - 1]))
            rc = MPBOX_ERROR;
    if (rc != MPBOX_OK) {
        scratch_free(s);
        return rc;
    }
    mpbox_runtime saved = *rt;
    rt->image_embedded = 1;
    rt->image_pages = img->pages;
    rt->image_count = img->count;
    rt->image_index = img->index;
    rt->image_data = img->data;
    /* The instance after start-up: the fresh one, with the image's
     * globals; memory and table are set per session. */
    rt->image_inst = s->inst;
    memcpy((uint8_t *)&rt->image_inst + MPB_GLOBALS_START, img->globals, MPB_GLOBALS_SIZE);
    rt->image_inst.w2c_memory.data = NULL;
    rt->image_inst.w2c_memory.pages = img->pages;
    rt->image_inst.w2c_memory.size = img->pages * MPB_WASM_PAGE;
    rt->image_inst.w2c___indirect_function_table.data = NULL;
    rt->table_size = s->inst.w2c___indirect_function_table.size;
    rt->table_max = s->inst.w2c___indirect_function_table.max_size;
    rt->image_table = s->inst.w2c___indirect_function_table.data;
    s->inst.w2c___indirect_function_table.data = NULL; /* now rt's */
    scratch_free(s);
    rc = mpb_image_finish(rt);
    if (rc == MPBOX_OK && rt->image_id != img->image_id)
        rc = MPBOX_ERROR; /* the data are not what was written */
    if (rc != MPBOX_OK) {
        free(rt->image_table);
        free(rt->image_slot);
        *rt = saved;
    }
    return rc;
}

int mpb_image_finish(mpbox_runtime *rt)
{
    size_t npages = (size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    rt->image_slot = malloc(sizeof *rt->image_slot * (npages ? npages : 1));
    if (!rt->image_slot)
        return MPBOX_NOMEM;
    for (size_t i = 0; i < npages; i++)
        rt->image_slot[i] = -1;
    for (uint32_t i = 0; i < rt->image_count; i++)
        rt->image_slot[rt->image_index[i]] = (int32_t)i;
    /* Snapshots name the build they belong to: the image's bytes, where
     * they lie, and the instance layout. */
    uint64_t id = mpb_checksum(rt->image_data, (size_t)rt->image_count * MPB_HOST_PAGE, sizeof(Z_micropython_instance_t));
    id = mpb_checksum(rt->image_index, rt->image_count * sizeof *rt->image_index, id);
    rt->image_id = mpb_checksum(&rt->image_pages, sizeof rt->image_pages, id ^ rt->table_size);
    return MPBOX_OK;
}

void mpb_image_release(mpbox_runtime *rt)
{
    if (!rt->image_embedded) {
        free((void *)rt->image_index);
        free((void *)rt->image_data);
    }
    free(rt->image_table);
    free(rt->image_slot);
    rt->image_slot = NULL;
    rt->image_index = NULL;
    rt->image_data = NULL;
    rt->image_table = NULL;
}

void mpb_image_fill(const mpbox_runtime *rt, uint8_t *base)
{
    for (uint32_t i = 0; i < rt->image_count; i++)
        memcpy(base + (size_t)rt->image_index[i] * MPB_HOST_PAGE, rt->image_data + (size_t)i * MPB_HOST_PAGE,
               MPB_HOST_PAGE);
}

/* Put the first image_pages of `base` back into the image state without
 * dropping them. Returns 0, or -1 when the reservation must be emptied. */
/* The image's pages all lie low in memory (static data, the initial heap);
 * above the last of them (rounded up to 2 MiB) a session rarely writes.
 * That part is simply dropped (cheap where nothing was touched), and only
 * the low part is inspected with mincore, whose cost grows with the range. */
static size_t low_pages(const mpbox_runtime *rt)
{
    size_t npages = (size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    size_t last = rt->image_count ? rt->image_index[rt->image_count - 1] + 1 : 0;
    size_t per_2m = (2u << 20) / MPB_HOST_PAGE;
    size_t low = (last + per_2m - 1) / per_2m * per_2m;
    return low < npages ? low : npages;
}

static int restore_in_place(const mpbox_runtime *rt, uint8_t *base, unsigned char *resident)
{
    size_t npages = (size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    size_t low = low_pages(rt);
    if (low < npages && madvise(base + low * MPB_HOST_PAGE, (npages - low) * MPB_HOST_PAGE, MADV_DONTNEED) != 0)
        return -1;
    if (mincore(base, low * MPB_HOST_PAGE, resident) != 0)
        return -1;
    size_t to_zero = 0;
    for (size_t p = 0; p < low; p++)
        if ((resident[p] & 1) && rt->image_slot[p] < 0)
            to_zero++;
    if (to_zero > MAX_PAGES_TO_ZERO)
        return -1;
    for (size_t p = 0; p < low; p++) {
        if (!(resident[p] & 1))
            continue;
        uint8_t *page = base + p * MPB_HOST_PAGE;
        int32_t slot = rt->image_slot[p];
        /* Most image pages come back unchanged: comparing (the image is
         * hot in cache) is cheaper than rewriting them. */
        const uint8_t *want = slot >= 0 ? rt->image_data + (size_t)slot * MPB_HOST_PAGE : NULL;
        if (want && memcmp(page, want, MPB_HOST_PAGE) != 0)
            memcpy(page, want, MPB_HOST_PAGE);
        else if (!want)
            memset(page, 0, MPB_HOST_PAGE);
    }
    return 0;
}

int mpb_image_can_restore(void)
{
    FILE *f = fopen("/proc/swaps", "r");
    if (!f)
        return 0;
    char line[256];
    int lines = 0;
    while (fgets(line, sizeof line, f))
        lines++;
    fclose(f);
    return lines == 1; /* the header only: no swap device */
}

int mpb_image_restore(const mpbox_runtime *rt, uint8_t *base, uint32_t used_pages, int refill)
{
    /* Pages grown past the image go in any case. */
    if (used_pages > rt->image_pages &&
        mpb_rt_reset(base + (size_t)rt->image_pages * MPB_WASM_PAGE, 0, used_pages - rt->image_pages) != 0)
        return -1;
    unsigned char *resident = malloc((size_t)rt->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE));
    int in_place = rt->restore_in_place && resident && restore_in_place(rt, base, resident) == 0;
    free(resident);
    if (in_place)
        return 1;
    if (mpb_rt_reset(base, rt->image_pages, rt->image_pages) != 0)
        return -1;
    if (refill)
        mpb_image_fill(rt, base);
    return refill ? 1 : 0;
}
