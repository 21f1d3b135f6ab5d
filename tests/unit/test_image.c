/*
 * test_image.c — the start-up image made at build time (tools/mkimage.c,
 * core/image.c) is the one a runtime builds at run time: same pages,
 * globals, function table and image_id; snapshots go from one to the other;
 * an image that does not match the build is refused.
 */
#include <stdint.h>

#include "check.h"
#include "core.h"

static mpbox_runtime *embedded, *built;

static char *run_out(mpbox_session *s, const char *src)
{
    mpbox_result *r = NULL;
    if (mpbox_run(s, src, strlen(src), &r) != MPBOX_OK)
        return NULL;
    const char *out = mpbox_result_stdout(r, NULL);
    char *copy = mpbox_result_status(r) == MPBOX_STATUS_OK && out ? strdup(out) : NULL;
    mpbox_result_free(r);
    return copy;
}

static void embedded_is_used(void)
{
    CHECK(mpb_embedded_image != NULL);
    CHECK(embedded->image_embedded == 1);
    CHECK(built->image_embedded == 0);
    mpbox_runtime *rt = NULL;
    CHECK(mpbox_runtime_new(&rt) == MPBOX_OK);
    CHECK(rt && rt->image_embedded == 1 && rt->image_id == built->image_id);
    mpbox_runtime_free(rt);
}

static void same_image(void)
{
    const mpbox_runtime *a = embedded, *b = built;
    CHECK(a->image_pages == b->image_pages);
    CHECK(a->image_count == b->image_count && a->image_count > 0);
    if (a->image_count == b->image_count) {
        CHECK(memcmp(a->image_index, b->image_index, sizeof *a->image_index * a->image_count) == 0);
        CHECK(memcmp(a->image_data, b->image_data, (size_t)MPB_HOST_PAGE * a->image_count) == 0);
    }
    size_t npages = (size_t)a->image_pages * (MPB_WASM_PAGE / MPB_HOST_PAGE);
    if (a->image_pages == b->image_pages)
        CHECK(memcmp(a->image_slot, b->image_slot, sizeof *a->image_slot * npages) == 0);
    CHECK(memcmp((const uint8_t *)&a->image_inst + MPB_GLOBALS_START, (const uint8_t *)&b->image_inst + MPB_GLOBALS_START,
                 MPB_GLOBALS_SIZE) == 0);
    CHECK(a->table_size == b->table_size && a->table_max == b->table_max && a->table_size > 0);
    int table_same = a->table_size == b->table_size;
    for (uint32_t i = 0; table_same && i < a->table_size; i++)
        table_same = a->image_table[i].func == b->image_table[i].func &&
                     a->image_table[i].func_type == b->image_table[i].func_type;
    CHECK(table_same);
    CHECK(a->image_id == b->image_id);
    CHECK(a->kbd_pending_addr == b->kbd_pending_addr && a->kbd_pending_addr != 0);
    CHECK(a->sched_state_addr == b->sched_state_addr);
    CHECK(a->kbd_exc_addr == b->kbd_exc_addr);
    CHECK(mpb_image_fingerprint(built) == mpb_embedded_image->fingerprint);
}

/* A session saved under one runtime continues under the other, both ways;
 * the preloaded modules are there in both. */
static void snapshots_cross(void)
{
    mpbox_runtime *pairs[2][2] = {{embedded, built}, {built, embedded}};
    for (int k = 0; k < 2; k++) {
        mpbox_session *s = NULL, *t = NULL;
        CHECK(mpbox_session_new(pairs[k][0], &s) == MPBOX_OK);
        if (!s)
            continue;
        char *out = run_out(s, "import collections, sys\n"
                               "d = collections.OrderedDict(a=1)\n"
                               "n = [k for k in ('math', 'itertools', 'functools', 'operator') if k in sys.modules]\n"
                               "print(len(n))\n");
        CHECK_STR(out, "4\n");
        free(out);
        void *snap = NULL;
        size_t len = 0;
        CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
        const char *why = NULL;
        CHECK(mpbox_session_load(pairs[k][1], snap, len, &t, &why) == MPBOX_OK);
        if (t) {
            out = run_out(t, "d['b'] = 2\nprint(list(d.items()), len(n))\n");
            CHECK_STR(out, "[('a', 1), ('b', 2)] 4\n");
            free(out);
        }
        mpbox_free(snap);
        mpbox_session_free(t);
        mpbox_session_free(s);
    }
}

/* Sessions of the embedded runtime fork, and the pool recycles them into
 * the image state. */
static void sessions_fork_and_recycle(void)
{
    for (int round = 0; round < 3; round++) {
        mpbox_session *s = NULL, *f = NULL;
        CHECK(mpbox_session_new(embedded, &s) == MPBOX_OK);
        if (!s)
            return;
        char *out = run_out(s, "print('x' in globals())\nx = bytearray(300000)\nx[-1] = 5\n");
        CHECK_STR(out, "False\n");
        free(out);
        CHECK(mpbox_session_fork(s, &f) == MPBOX_OK);
        if (f) {
            out = run_out(f, "print(x[-1], len(x))\n");
            CHECK_STR(out, "5 300000\n");
            free(out);
        }
        mpbox_session_free(f);
        mpbox_session_free(s);
    }
}

/* An image from another build (other fingerprint) or with altered data is
 * refused, and the runtime it was offered to keeps its own. */
static void mismatch_refused(void)
{
    const mpb_image *img = mpb_embedded_image;
    if (!img)
        return;
    mpb_image other = *img;
    other.fingerprint ^= 1;
    uint64_t id = built->image_id;
    const uint8_t *data = built->image_data;
    CHECK(mpb_image_load(built, &other) != MPBOX_OK);
    CHECK(built->image_id == id && built->image_data == data && built->image_embedded == 0);

    size_t len = (size_t)img->count * MPB_HOST_PAGE;
    uint8_t *altered = malloc(len);
    CHECK(altered != NULL);
    if (altered && len) {
        memcpy(altered, img->data, len);
        altered[len / 2] ^= 0x40;
        other = *img;
        other.data = altered;
        CHECK(mpb_image_load(built, &other) != MPBOX_OK);
        CHECK(built->image_id == id && built->image_data == data);
    }
    free(altered);

    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(built, &s) == MPBOX_OK);
    char *out = s ? run_out(s, "print(6 * 7)") : NULL;
    CHECK_STR(out, "42\n");
    free(out);
    mpbox_session_free(s);
}

/* The image holds no garbage (core/startup.c collects the heap at the end
 * of the start-up): a collection at the start of a session frees nothing,
 * and the blocks the heap has free are zero bytes, whose pages stay out of
 * the image. (The start-up's garbage was about 400 KB, and with it every
 * session's snapshot was that much larger.) */
static void holds_no_garbage(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(embedded, &s) == MPBOX_OK);
    if (!s)
        return;
    /* the first heap area (py/gc.c, host/gc.c): next, allocation table, its
     * length in bytes (4 blocks a byte), finaliser table, pool, pool end */
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t w[6];
    CHECK(mpb_g_read(m, embedded->gc_area_addr, w, sizeof w) == 0);
    const uint8_t *atb = mpb_g_span(m, w[1], w[2]);
    const uint8_t *pool = mpb_g_span(m, w[4], w[2] * 4 * 16);
    CHECK(atb && pool && w[5] - w[4] == w[2] * 4 * 16);
    uint32_t free_blocks = 0, dirty = 0;
    for (uint32_t b = 0; atb && pool && b < w[2] * 4; b++) {
        if ((atb[b / 4] >> (b % 4 * 2) & 3) != 0)
            continue;
        free_blocks++;
        for (int i = 0; i < 16; i++)
            if (pool[b * 16 + i]) {
                dirty++;
                break;
            }
    }
    CHECK(free_blocks > 1000);
    CHECK(dirty == 0);
    if (dirty)
        printf("    %u of %u free blocks hold bytes\n", dirty, free_blocks);
    char *out = run_out(s, "import gc\na = gc.mem_alloc()\ngc.collect()\nprint(a - gc.mem_alloc())\n");
    CHECK_STR(out, "0\n");
    free(out);
    mpbox_session_free(s);
}

int main(void)
{
    if (mpb_runtime_create(&embedded, 1) != MPBOX_OK || mpb_runtime_create(&built, 0) != MPBOX_OK) {
        printf("FAIL runtime: cannot create the runtimes\n");
        return 1;
    }
    RUN(embedded_is_used);
    RUN(same_image);
    RUN(snapshots_cross);
    RUN(sessions_fork_and_recycle);
    RUN(mismatch_refused);
    RUN(holds_no_garbage);
    mpbox_runtime_free(embedded);
    mpbox_runtime_free(built);
    CHECK_EXIT();
}
