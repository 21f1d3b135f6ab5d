/*
 * test_pool.c — recycled memory reservations: a session created after
 * another one was destroyed sees exactly the start-up image, whatever the
 * previous session did (wrote secrets, grew its heap, was hard-stopped),
 * on both recycling paths (restored in place, or emptied and refilled).
 */
#include "check.h"
#include "core.h"

static mpbox_runtime *rt;

/* Does the session's memory equal the image byte for byte? */
static int is_pristine(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    if (m->pages != rt->image_pages)
        return 0;
    static const uint8_t zero[MPB_HOST_PAGE];
    size_t npages = (size_t)m->size / MPB_HOST_PAGE;
    for (size_t p = 0; p < npages; p++) {
        int32_t slot = rt->image_slot[p];
        const uint8_t *want = slot >= 0 ? rt->image_data + (size_t)slot * MPB_HOST_PAGE : zero;
        if (memcmp(m->data + p * MPB_HOST_PAGE, want, MPB_HOST_PAGE) != 0) {
            printf("    page %zu differs from the image\n", p);
            return 0;
        }
    }
    return 1;
}

static void dirty_then_check(const char *src, int64_t timeout_ms)
{
    mpbox_session *a = NULL, *b = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    mpbox_session_limit(a, MPBOX_LIMIT_TIMEOUT_MS, timeout_ms);
    mpbox_session_limit(a, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_result *r = NULL;
    CHECK(mpbox_run(a, src, strlen(src), &r) == MPBOX_OK);
    mpbox_result_free(r);
    uint8_t *used = a->inst.w2c_memory.data;
    mpbox_session_free(a);
    CHECK(mpbox_session_new(rt, &b) == MPBOX_OK);
    CHECK(b->inst.w2c_memory.data == used); /* the same reservation came back */
    CHECK(is_pristine(b));
    /* and it works */
    CHECK(mpbox_run(b, "print(2 + 3)", 12, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "5\n");
    mpbox_result_free(r);
    mpbox_session_free(b);
}

static const char small_secret[] = "secret = 'TOP' + 'SECRET' * 100\nx = [secret] * 1000\n";
static const char big_growth[] = "blobs = [bytearray(b'Z' * 1000000) for i in range(40)]\n";
static const char many_pages[] = "import uctypes\n"
                                 "for a in range(2 * 1024 * 1024, 12 * 1024 * 1024, 4096):\n"
                                 "    uctypes.bytearray_at(a, 8)[:] = b'DIRTYPAG'\n";
static const char hard_stopped[] = "s = 'LEFT' * 100000\nx = 9 ** 9000000\n";

static void in_place_small(void) { dirty_then_check(small_secret, 5000); }
static void in_place_growth(void) { dirty_then_check(big_growth, 5000); }
static void in_place_many_pages(void) { dirty_then_check(many_pages, 5000); }
static void in_place_hard_stop(void) { dirty_then_check(hard_stopped, 100); }

static void refill_path(void)
{
    int saved = rt->restore_in_place;
    rt->restore_in_place = 0;
    dirty_then_check(small_secret, 5000);
    dirty_then_check(big_growth, 5000);
    dirty_then_check(hard_stopped, 100);
    rt->restore_in_place = saved;
}

/* The first run of a fresh session is not tracked: its checkpoint is the
 * image itself, and rolling back restores it. */
static void first_run_rolls_back_to_image(void)
{
    const char *progs[] = {hard_stopped, "s = 'X' * 100000\nimport uctypes\nuctypes.bytearray_at(0x7FFFFFF0, 8)[0]",
                           "b = [bytearray(1000000) for i in range(30)]\nx = bytearray(10**9)"};
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        mpbox_session *s = NULL;
        CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
        /* only the first program needs the timeout (a hard stop) */
        mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, i == 0 ? 100 : 20000);
        mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
        mpbox_result *r = NULL;
        CHECK(mpbox_run(s, progs[i], strlen(progs[i]), &r) == MPBOX_OK);
        CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
        mpbox_result_free(r);
        CHECK(is_pristine(s));
        CHECK(mpbox_run(s, "print(7)", 8, &r) == MPBOX_OK);
        CHECK_STR(mpbox_result_stdout(r, NULL), "7\n");
        mpbox_result_free(r);
        mpbox_session_free(s);
    }
}

#include <sys/mman.h>

static size_t resident_pages(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t n = m->size / MPB_HOST_PAGE, count = 0;
    unsigned char *v = malloc(n);
    if (v && mincore(m->data, m->size, v) == 0)
        for (size_t i = 0; i < n; i++)
            count += v[i] & 1;
    free(v);
    return count;
}

/* Memory is given back after a rollback: pages the failed run touched
 * for the first time are decommitted, and so is the undo area. */
static void rollback_gives_memory_back(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 300);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, "a = 1", 5, &r) == MPBOX_OK); /* no longer pristine: tracked */
    mpbox_result_free(r);
    size_t before = resident_pages(s);
    const char *src = "b = bytearray(b'\\x05' * (6 * 1024 * 1024))\nx = 7 ** 5000000\n";
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    size_t after = resident_pages(s);
    if (after > before + 64)
        printf("    resident pages: %zu before, %zu after the rollback\n", before, after);
    CHECK(after <= before + 64);
    unsigned char v;
    size_t undo_resident = 0;
    for (size_t off = 0; off < s->track.capacity; off += MPB_HOST_PAGE)
        if (mincore(s->track.undo + off, MPB_HOST_PAGE, &v) == 0)
            undo_resident += v & 1;
    CHECK(undo_resident <= 256 + 64); /* at most UNDO_KEEP_PAGES stay (rt/track.c) */
    CHECK(mpbox_run(s, "print(a)", 8, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "1\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(in_place_small);
    RUN(in_place_growth);
    RUN(in_place_many_pages);
    RUN(in_place_hard_stop);
    RUN(refill_path);
    RUN(first_run_rolls_back_to_image);
    RUN(rollback_gives_memory_back);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
