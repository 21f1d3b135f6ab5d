/*
 * sort.c — list.sort and sorted() stable, as in CPython: the import that
 * guest/sort puts behind MicroPython's mp_quicksort.
 *
 * mp_quicksort(head, tail, key_fn, less_result) sorts the words
 * (head, tail] in place (head is one before the first item), with
 * `key_fn` (or MP_OBJ_NULL) and less_result = mp_const_true, or
 * mp_const_false for reverse=True. Here, as in CPython:
 *   - each item's key is computed once, in order, before any comparison;
 *   - a bottom-up merge sort (binary insertion sort for runs of 16, runs
 *     already in order are not merged) compares with `<` only and never
 *     moves an item past an equal one;
 *   - reverse=True reverses, sorts, and reverses again, so equal items
 *     keep their order too.
 * The items, their keys and the merge buffers are sorted in a block of the
 * guest's heap, rooted on the guest's shadow stack while the sort runs (the
 * garbage collector may run in a key function or a comparison and must see
 * the keys), and copied back into the list only when the sort is complete:
 * an exception raised by a key function or a comparison propagates to the
 * guest as in MicroPython and leaves the list as it was.
 *
 * Like host/map.c, this import behaves as guest code (no host resources;
 * guest calls may unwind through it). Comparing two small ints needs no
 * call into the guest. The guest's linear memory never moves during a call
 * (rt/memory.c keeps it in one reservation), so host addresses into it stay
 * valid across guest calls; every range is checked before use.
 */
#include <string.h>

#include "gmem.h"
#include "host.h"

#define RUN 16u
#define ITEMS_MAX (1u << 26) /* more items than any memory cap allows */

typedef struct sorter {
    mpb_host *h;
    uint8_t *vals, *keys, *tv, *tk; /* items, keys (or = vals), buffers */
    uint32_t key_fn, true_obj;
} sorter;

static inline uint32_t rd(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void wr(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* a < b, as MicroPython's sort decides it: mp_binary_op(LESS, a, b) is
 * True. */
static int less(sorter *s, uint32_t a, uint32_t b)
{
    if ((a & b & 1) == 1) /* two small ints */
        return (int32_t)a >> 1 < (int32_t)b >> 1;
    mpb_host *h = s->h;
    mpb_rt_check(h->call);
    uint32_t r = Z_micropythonZ_mpbox_binary_op(h->inst, *Z_micropythonZ_mpbox_binary_less(h->inst), a, b);
    return r == s->true_obj;
}

static inline void put(uint8_t *dv, uint8_t *dk, uint32_t to, const uint8_t *sv, const uint8_t *sk, uint32_t from,
                       int keyed)
{
    memcpy(dv + 4 * to, sv + 4 * from, 4);
    if (keyed)
        memcpy(dk + 4 * to, sk + 4 * from, 4);
}

/* Sort [lo, hi) by binary insertion: each item goes after the equal ones. */
static void insertion(sorter *s, uint32_t lo, uint32_t hi)
{
    int keyed = s->keys != s->vals;
    for (uint32_t i = lo + 1; i < hi; i++) {
        uint32_t v = rd(s->vals + 4 * i), k = rd(s->keys + 4 * i);
        uint32_t a = lo, b = i;
        while (a < b) {
            uint32_t mid = a + (b - a) / 2;
            if (less(s, k, rd(s->keys + 4 * mid)))
                b = mid;
            else
                a = mid + 1;
        }
        if (a == i)
            continue;
        memmove(s->vals + 4 * (a + 1), s->vals + 4 * a, 4 * (size_t)(i - a));
        wr(s->vals + 4 * a, v);
        if (keyed) {
            memmove(s->keys + 4 * (a + 1), s->keys + 4 * a, 4 * (size_t)(i - a));
            wr(s->keys + 4 * a, k);
        }
    }
}

/* Merge the sorted runs [lo, mid) and [mid, hi): an item of the right run
 * goes first only when it is less, so equal items keep their order. */
static void merge(sorter *s, uint32_t lo, uint32_t mid, uint32_t hi)
{
    int keyed = s->keys != s->vals;
    if (!less(s, rd(s->keys + 4 * mid), rd(s->keys + 4 * (mid - 1))))
        return; /* already in order */
    uint32_t i = lo, j = mid, o = lo;
    while (i < mid && j < hi) {
        if (less(s, rd(s->keys + 4 * j), rd(s->keys + 4 * i)))
            put(s->tv, s->tk, o++, s->vals, s->keys, j++, keyed);
        else
            put(s->tv, s->tk, o++, s->vals, s->keys, i++, keyed);
    }
    while (i < mid)
        put(s->tv, s->tk, o++, s->vals, s->keys, i++, keyed);
    /* the rest of the right run is in place already */
    memcpy(s->vals + 4 * lo, s->tv + 4 * lo, 4 * (size_t)(o - lo));
    if (keyed)
        memcpy(s->keys + 4 * lo, s->tk + 4 * lo, 4 * (size_t)(o - lo));
}

static void reverse_words(uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0, j = n - 1; n && i < j; i++, j--) {
        uint32_t a = rd(p + 4 * i);
        wr(p + 4 * i, rd(p + 4 * j));
        wr(p + 4 * j, a);
    }
}

void Z_envZ_mpbox_sort(struct Z_env_instance_t *env, uint32_t head, uint32_t tail, uint32_t key_fn,
                       uint32_t less_result)
{
    mpb_host *h = (mpb_host *)env;
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (tail <= head || (tail - head) % 4)
        return;
    uint32_t n = (tail - head) / 4, first = head + 4;
    if (n < 2)
        return;
    if (n > ITEMS_MAX || !mpb_g_ok(m, first, 4 * (uint64_t)n))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    int keyed = key_fn != 0;
    uint64_t bytes = 4 * (uint64_t)n * (keyed ? 4 : 2);
    mpb_rt_check(h->call);
    uint32_t block = Z_micropythonZ_mpbox_malloc0(h->inst, (uint32_t)bytes); /* may collect, may raise */
    uint8_t *b = mpb_g_span(m, block, bytes);
    if (!b)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    uint32_t sp = mpb_guest_root(h, block);

    sorter s = {h, b, b, b + 4 * (size_t)n, b + 4 * (size_t)n, key_fn, *Z_micropythonZ_mpbox_const_true(h->inst)};
    if (keyed) {
        s.keys = b + 4 * (size_t)n;
        s.tv = b + 8 * (size_t)n;
        s.tk = b + 12 * (size_t)n;
    }
    int reverse = less_result != s.true_obj;
    /* memmove: a forged call may name a range that overlaps the block */
    memmove(s.vals, mpb_g_span(m, first, 4 * (uint64_t)n), 4 * (size_t)n);
    if (reverse)
        reverse_words(s.vals, n);
    if (keyed)
        for (uint32_t i = 0; i < n; i++) {
            mpb_rt_check(h->call);
            wr(s.keys + 4 * i, Z_micropythonZ_mpbox_call_function_1(h->inst, key_fn, rd(s.vals + 4 * i)));
        }
    for (uint32_t lo = 0; lo < n; lo += RUN)
        insertion(&s, lo, lo + RUN < n ? lo + RUN : n);
    for (uint32_t width = RUN; width < n; width *= 2)
        for (uint32_t lo = 0; lo + width < n; lo += 2 * width)
            merge(&s, lo, lo + width, lo + 2 * width < n ? lo + 2 * width : n);
    if (reverse)
        reverse_words(s.vals, n);

    /* the list may have shrunk or moved meanwhile (a key function changed
     * it): the range is checked again, as MicroPython writes through the
     * same pointers */
    uint8_t *items = mpb_g_span(m, first, 4 * (uint64_t)n);
    if (!items)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    memmove(items, s.vals, 4 * (size_t)n);
    mpb_guest_unroot(h, sp);
    Z_micropythonZ_mpbox_free(h->inst, block);
}
