/*
 * set.c — the guest's sets laid out as CPython lays them out: the imports
 * that guest/setorder puts behind mp_set_lookup and mp_set_remove_first.
 *
 * A set (mp_set_t in guest memory: `alloc`, `used`, `table`) is an open-
 * addressing table of alloc slots, each an object, 0 (empty) or
 * MP_OBJ_SENTINEL (deleted); guest code iterates and prints it in slot
 * order. MicroPython sizes the table by a list of primes and probes it
 * linearly, so {1, 2} printed {2, 1}. Here the table has CPython's
 * geometry: a power of two, at least 8 slots, grown to the smallest power
 * of two above 4 * used (2 * used past 50000) once it is 3/5 full; slot i
 * = hash & (alloc - 1), then up to nine neighbours, then CPython's
 * perturbed jumps; a deleted element leaves a sentinel. Small ints hash to
 * their value as in CPython (-1 to -2), so a set of small ints has
 * CPython's order. Other keys keep MicroPython's hash (CPython randomises
 * the order of str sets anyway).
 *
 * A table that is not such a power of two (mp_set_init(n) of a literal,
 * before its first element) is rebuilt at its first insertion. Where
 * CPython copies a whole set into an empty one (set.copy(), the start of
 * a | b and a - b, and a literal of three or more constants, which CPython
 * compiles as a frozenset that it copies), the copy gets the table
 * CPython's merge picks: 8 slots, or past 4 elements the smallest power of
 * two above twice their number, filled in the original's slot order.
 *
 * Known departures from CPython's order: a literal of three or more
 * elements is taken for constants when its elements are small ints and
 * strs (the guest cannot tell {a, b, c} from {1, 2, 3}); CPython sizes
 * the result of a | b (and intersection, difference) from both operands
 * where the guest adds one element at a time; the table is rebuilt after
 * deletions when a long probe finds it 3/5 full counting sentinels, where
 * CPython counts them at every insertion.
 *
 * Like host/map.c, these imports behave as guest code: they call back into
 * the guest for hashes, equality and allocation, read the set again after
 * every such call (a key's __eq__ may change the set), and trap on a table
 * that guest code broke rather than loop.
 */
#include <stdlib.h>

#include "hashkey.h"

enum { ADD_IF_NOT_FOUND = 1, REMOVE_IF_FOUND = 2 };

#define SET_MIN 8u             /* CPython's PySet_MINSIZE */
#define LINEAR_PROBES 9u       /* CPython's neighbours probed before a jump */
#define PERTURB_SHIFT 5
#define ALLOC_MAX (1u << 26)   /* slots per set: keeps sizes in 32 bits */
#define LONG_PROBE 16u         /* a probe this long (or half the table) counts the sentinels */

/* One set as found in guest memory. */
typedef struct sview {
    uint32_t addr, alloc, used, table;
    uint8_t *s, *slots;
} sview;

static void sload(mpb_host *h, uint32_t addr, sview *v)
{
    v->addr = addr;
    v->s = span(h, addr, 12);
    v->alloc = rd(v->s);
    v->used = rd(v->s + 4);
    v->table = rd(v->s + 8);
    v->slots = NULL;
    if (v->alloc == 0)
        return;
    if (v->alloc > ALLOC_MAX || v->table == 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    v->slots = span(h, v->table, 4 * (uint64_t)v->alloc);
}

static inline uint32_t slot(const sview *v, uint32_t i) { return rd(v->slots + 4 * i); }

static inline int is_cpython_size(uint32_t alloc) { return alloc >= SET_MIN && (alloc & (alloc - 1)) == 0; }

/* CPython's table for at least `min_used`: the smallest power of two
 * above it, 8 at least. */
static uint32_t pow2_above(uint64_t min_used)
{
    uint32_t n = SET_MIN;
    while (n <= min_used && n < ALLOC_MAX)
        n <<= 1;
    return n;
}

/* The table CPython resizes to when `used` elements fill it. */
static uint32_t size_for(uint32_t used)
{
    return pow2_above(used > 50000 ? 2 * (uint64_t)used : 4 * (uint64_t)used);
}

/* A key's hash: CPython's for small ints (their value, -1 is -2),
 * MicroPython's for the rest. */
static uint32_t set_hash(mpb_host *h, uint32_t key, int *called)
{
    uint32_t hash = hash_of(h, key, called);
    return is_small_int(key) && hash == UINT32_MAX ? UINT32_MAX - 1 : hash;
}

/* CPython's probe sequence over a table of mask + 1 slots. */
typedef struct sprobe {
    uint32_t i, j, mask, left;
    uint64_t perturb;
} sprobe;

static inline sprobe sprobe_start(uint32_t hash, uint32_t mask)
{
    uint32_t i = hash & mask;
    sprobe p = {i, i, mask, i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0, (uint64_t)(int64_t)(int32_t)hash};
    return p;
}

/* How many probes find an empty slot if there is one: CPython's sequence
 * may visit a slot again while the perturbation lasts (13 jumps of 64
 * hash bits); then its jumps cover every slot. */
static inline uint64_t probe_bound(uint32_t alloc) { return (LINEAR_PROBES + 1) * ((uint64_t)alloc + 16); }

static inline void sprobe_next(sprobe *p)
{
    if (p->left) {
        p->left--;
        p->j++;
        return;
    }
    p->perturb >>= PERTURB_SHIFT;
    p->i = (uint32_t)((p->i * 5u + 1u + p->perturb) & p->mask);
    p->j = p->i;
    p->left = p->i + LINEAR_PROBES <= p->mask ? LINEAR_PROBES : 0;
}

/* Put `key` into the first empty slot of its probe sequence (a table
 * being built: no sentinels, no equal keys). */
static void insert_clean(uint8_t *slots, uint32_t mask, uint32_t key, uint32_t hash)
{
    for (sprobe p = sprobe_start(hash, mask);; sprobe_next(&p))
        if (rd(slots + 4 * p.j) == 0) {
            wr(slots + 4 * p.j, key);
            return;
        }
}

/* Move the elements, in slot order, into a new table of `alloc` slots
 * (CPython's resize). Hashing an element may run guest code that changes
 * the set: then start again. */
static void resize(mpb_host *h, uint32_t addr, sview *v, uint32_t alloc)
{
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    for (;;) {
        mpb_rt_check(h->call);
        uint32_t fresh = Z_micropythonZ_mpbox_malloc0(h->inst, 4 * alloc); /* may collect, may raise */
        sload(h, addr, v);
        uint32_t sp = mpb_guest_root(h, fresh), old = v->table, n = 0;
        int changed = 0;
        for (uint32_t i = 0; i < v->alloc && !changed; i++) {
            uint32_t key = slot(v, i);
            if (key == 0 || key == sentinel)
                continue;
            int called = 0;
            uint32_t hash = set_hash(h, key, &called);
            if (called) {
                uint32_t used = v->used;
                sload(h, addr, v);
                changed = v->table != old || v->used != used;
            }
            if (++n > alloc)
                mpb_rt_trap(h->call, MPB_TRAP_OOB); /* more elements than `used` said */
            insert_clean(span(h, fresh, 4 * (uint64_t)alloc), alloc - 1, key, hash);
        }
        mpb_guest_unroot(h, sp);
        if (changed)
            continue;
        wr(v->s, alloc);
        wr(v->s + 4, n);
        wr(v->s + 8, fresh);
        if (old)
            Z_micropythonZ_mpbox_free(h->inst, old);
        sload(h, addr, v);
        return;
    }
}

/* After an insertion: resize as CPython does once the table is 3/5 full
 * counting sentinels (which the resize drops). Sentinels are not counted
 * as CPython counts them, at each insertion into an empty slot (that would
 * cost a scan): only after a long probe, whichever slot it took, which
 * also keeps a table from filling up with sentinels. */
static void maybe_grow(mpb_host *h, uint32_t addr, sview *v, uint64_t probe_len)
{
    uint64_t mask = v->alloc - 1, fill = v->used;
    if (fill * 5 < mask * 3 && (probe_len >= LONG_PROBE || probe_len >= v->alloc / 2)) {
        uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
        for (uint32_t i = 0; i < v->alloc; i++)
            fill += slot(v, i) == sentinel;
    }
    if (fill * 5 >= mask * 3)
        resize(h, addr, v, size_for(v->used));
}

/* A search by walking every slot: for a table of another geometry (guest
 * code wrote it) and after a probe that met no empty slot. Returns the
 * slot of `key` or -1, or -2 when guest code ran and changed the set. */
static int64_t scan(mpb_host *h, sview *v, uint32_t key)
{
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst)), table = v->table;
    for (uint32_t i = 0; i < v->alloc; i++) {
        uint32_t e = slot(v, i);
        if (e == key)
            return i;
        if (e == 0 || e == sentinel || !may_equal(e, key, 0))
            continue;
        int eq_str = str_equal(h, e, key);
        if (eq_str >= 0) {
            if (eq_str)
                return i;
            continue;
        }
        mpb_rt_check(h->call);
        uint32_t eq = Z_micropythonZ_mpbox_obj_equal(h->inst, e, key);
        sload(h, v->addr, v);
        if (v->table != table)
            return -2;
        if (eq)
            return i;
    }
    return -1;
}

static uint32_t found(sview *v, uint32_t i, uint32_t kind, uint32_t sentinel)
{
    uint32_t e = slot(v, i);
    if (kind & REMOVE_IF_FOUND) {
        wr(v->slots + 4 * i, sentinel);
        wr(v->s + 4, v->used - 1);
    }
    return e;
}

/* Store `key` in slot i, found by a probe of probe_len slots. */
static uint32_t put(mpb_host *h, sview *v, uint32_t i, uint32_t key, uint64_t probe_len)
{
    wr(v->slots + 4 * i, key);
    wr(v->s + 4, ++v->used);
    maybe_grow(h, v->addr, v, probe_len);
    return key;
}

/* mp_set_lookup: the element equal to `key` or 0; with ADD_IF_NOT_FOUND,
 * key is added when missing; with REMOVE_IF_FOUND, the element found is
 * removed. */
uint32_t Z_envZ_mpbox_set_lookup(struct Z_env_instance_t *env, uint32_t addr, uint32_t key, uint32_t kind)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    sview v;
restart:
    sload(h, addr, &v);
    if (kind & ADD_IF_NOT_FOUND) {
        if (!is_cpython_size(v.alloc))
            resize(h, addr, &v, size_for(v.used));
    } else if (v.alloc == 0) {
        return 0;
    } else if (!is_cpython_size(v.alloc)) {
        int64_t i = scan(h, &v, key);
        if (i == -2)
            goto restart;
        return i < 0 ? 0 : found(&v, (uint32_t)i, kind, sentinel);
    }

    int called = 0;
    uint32_t hash = set_hash(h, key, &called);
    if (called) {
        sload(h, addr, &v);
        if (!is_cpython_size(v.alloc))
            goto restart;
    }
    uint64_t steps = 0, bound = probe_bound(v.alloc); /* past it: no empty slot */
    uint32_t table = v.table;
    int64_t free_slot = -1;
    for (sprobe p = sprobe_start(hash, v.alloc - 1);; sprobe_next(&p)) {
        if (++steps > bound) {
            /* no empty slot on the way (sentinels): look everywhere */
            int64_t i = scan(h, &v, key);
            if (i == -2)
                goto restart;
            if (i >= 0)
                return found(&v, (uint32_t)i, kind, sentinel);
            if (!(kind & ADD_IF_NOT_FOUND))
                return 0;
            if (free_slot < 0)
                mpb_rt_trap(h->call, MPB_TRAP_OOB); /* full of elements: guest code broke `used` */
            return put(h, &v, (uint32_t)free_slot, key, steps);
        }
        uint32_t e = slot(&v, p.j);
        if (e == 0) {
            if (!(kind & ADD_IF_NOT_FOUND))
                return 0;
            if (free_slot >= 0)
                return put(h, &v, (uint32_t)free_slot, key, steps);
            return put(h, &v, p.j, key, steps);
        }
        if (e == sentinel) {
            if (free_slot < 0)
                free_slot = p.j;
            continue;
        }
        if (e == key)
            return found(&v, p.j, kind, sentinel);
        if (!may_equal(e, key, 0))
            continue;
        int eq_str = str_equal(h, e, key);
        if (eq_str > 0)
            return found(&v, p.j, kind, sentinel);
        if (eq_str == 0)
            continue;
        mpb_rt_check(h->call);
        uint32_t eq = Z_micropythonZ_mpbox_obj_equal(h->inst, e, key);
        sload(h, addr, &v);
        if (v.table != table)
            goto restart;
        if (eq)
            return found(&v, p.j, kind, sentinel);
    }
}

/* mp_set_remove_first (set.pop): the first element in slot order, as
 * CPython's pop takes them, or 0 when the set is empty. */
uint32_t Z_envZ_mpbox_set_pop(struct Z_env_instance_t *env, uint32_t addr)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    sview v;
    sload(h, addr, &v);
    for (uint32_t i = 0; i < v.alloc; i++) {
        uint32_t e = slot(&v, i);
        if (e != 0 && e != sentinel)
            return found(&v, i, REMOVE_IF_FOUND, sentinel);
    }
    return 0;
}

/* The set inside a set object (mp_obj_set_t: the type, then mp_set_t). */
#define SET_IN_OBJECT 4u

/* Lay out a copy as CPython's set_merge into an empty set does. */
static void as_merged(mpb_host *h, uint32_t obj)
{
    sview v;
    uint32_t addr = obj + SET_IN_OBJECT;
    sload(h, addr, &v);
    uint32_t alloc = (uint64_t)v.used * 5 >= (uint64_t)(SET_MIN - 1) * 3 ? pow2_above(2 * (uint64_t)v.used) : SET_MIN;
    int sentinels = 0;
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    for (uint32_t i = 0; i < v.alloc && !sentinels; i++)
        sentinels = slot(&v, i) == sentinel;
    if (v.alloc == 0 || (alloc == v.alloc && !sentinels))
        return;
    resize(h, addr, &v, alloc);
}

/* set_copy's result. */
uint32_t Z_envZ_mpbox_set_copied(struct Z_env_instance_t *env, uint32_t obj)
{
    as_merged((mpb_host *)env, obj);
    return obj;
}

/* Whether the table holds the very object `key` (found by its hash). */
static int holds(const sview *v, uint32_t key, uint32_t hash)
{
    uint64_t steps = 0;
    for (sprobe p = sprobe_start(hash, v->alloc - 1); ++steps <= probe_bound(v->alloc); sprobe_next(&p)) {
        uint32_t e = slot(v, p.j);
        if (e == key)
            return 1;
        if (e == 0)
            return 0;
    }
    return 0;
}

/* Rebuild the set at `addr` by adding its elements one at a time, with
 * CPython's growth, to an empty table, in the slot order of the set at
 * `order` (which holds them all, and may hold more): how CPython builds a
 * frozenset constant again from the first one's items (order = addr), and
 * a - b (order = a). Hashes of small ints and strs run no Python code;
 * other elements leave the set as it is. */
static void re_add(mpb_host *h, uint32_t addr, uint32_t order)
{
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    sview v, o;
    sload(h, addr, &v);
    uint32_t used = v.used, old = v.table, alloc = SET_MIN;
    if (!old || used == 0 || !is_cpython_size(v.alloc))
        return;
    mpb_rt_check(h->call);
    uint32_t fresh = Z_micropythonZ_mpbox_malloc0(h->inst, 4 * alloc); /* may collect, may raise */
    uint32_t sp = mpb_guest_root(h, fresh), n = 0;
    sload(h, addr, &v);
    sload(h, order, &o);
    if (v.table != old || v.used != used) {
        mpb_guest_unroot(h, sp);
        return; /* changed meanwhile: leave it */
    }
    for (uint32_t i = 0; i < o.alloc; i++) {
        uint32_t key = slot(&o, i);
        if (key == 0 || key == sentinel || !(is_small_int(key) || is_qstr(key)))
            continue;
        int called = 0;
        uint32_t hash = set_hash(h, key, &called);
        if (order != addr && !holds(&v, key, hash))
            continue;
        if (++n > used)
            mpb_rt_trap(h->call, MPB_TRAP_OOB);
        insert_clean(span(h, fresh, 4 * (uint64_t)alloc), alloc - 1, key, hash);
        if ((uint64_t)n * 5 < (uint64_t)(alloc - 1) * 3)
            continue;
        /* grow: the elements so far, in the new table's slot order */
        uint32_t bigger_alloc = size_for(n);
        mpb_rt_check(h->call);
        uint32_t bigger = Z_micropythonZ_mpbox_malloc0(h->inst, 4 * bigger_alloc);
        mpb_guest_unroot(h, sp);
        sp = mpb_guest_root(h, bigger);
        for (uint32_t j = 0; j < alloc; j++) {
            uint32_t k = rd(span(h, fresh, 4 * (uint64_t)alloc) + 4 * j);
            if (k != 0)
                insert_clean(span(h, bigger, 4 * (uint64_t)bigger_alloc), bigger_alloc - 1, k, set_hash(h, k, &called));
        }
        Z_micropythonZ_mpbox_free(h->inst, fresh);
        fresh = bigger;
        alloc = bigger_alloc;
        sload(h, addr, &v);
        sload(h, order, &o);
    }
    mpb_guest_unroot(h, sp);
    if (n != used) {
        Z_micropythonZ_mpbox_free(h->inst, fresh); /* an element of another kind: leave the set */
        return;
    }
    sload(h, addr, &v);
    wr(v.s, alloc);
    wr(v.s + 8, fresh);
    Z_micropythonZ_mpbox_free(h->inst, old);
}

/* mp_obj_new_set(n, items)'s result: CPython compiles a literal of 3 or
 * more constants to a frozenset constant (made twice by the compiler)
 * copied into a new set. Small ints and strs stand for constants (other
 * constants are rare in sets and cannot be told from variables). */
uint32_t Z_envZ_mpbox_set_literal(struct Z_env_instance_t *env, uint32_t obj, uint32_t n, uint32_t items)
{
    mpb_host *h = (mpb_host *)env;
    if (n < 3)
        return obj;
    uint8_t *p = span(h, items, 4 * (uint64_t)n);
    uint32_t str_type = gconst(Z_micropythonZ_mpbox_type_str(h->inst));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t o = rd(p + 4 * i);
        if (!is_small_int(o) && !is_qstr(o) && ((o & 3) || rd(span(h, o, 4)) != str_type))
            return obj;
    }
    re_add(h, obj + SET_IN_OBJECT, obj + SET_IN_OBJECT);
    as_merged(h, obj);
    return obj;
}

/* set_update_int(self, other) is about to add the elements of `other`:
 * when it is a set of the same type, make room for them at once as
 * CPython's set_merge does. */
void Z_envZ_mpbox_set_update(struct Z_env_instance_t *env, uint32_t self, uint32_t other)
{
    mpb_host *h = (mpb_host *)env;
    if ((other & 3) || other == 0 || rd(span(h, other, 4)) != rd(span(h, self, 4)) || other == self)
        return;
    sview so, o;
    sload(h, self + SET_IN_OBJECT, &so);
    sload(h, other + SET_IN_OBJECT, &o);
    if (!is_cpython_size(so.alloc) || o.used == 0)
        return;
    if (((uint64_t)so.used + o.used) * 5 >= (uint64_t)(so.alloc - 1) * 3)
        resize(h, self + SET_IN_OBJECT, &so, pow2_above(2 * ((uint64_t)so.used + o.used)));
}

/* set_diff_int's result for a - b and a.difference(b) (not the _update):
 * when b is a set at least a quarter of a's size, CPython builds the
 * result by adding a's elements that b lacks, in a's slot order, to an
 * empty set (else it copies a and removes b's elements, as the guest
 * does). */
uint32_t Z_envZ_mpbox_set_diff(struct Z_env_instance_t *env, uint32_t result, uint32_t n_args, uint32_t args,
                               uint32_t update)
{
    mpb_host *h = (mpb_host *)env;
    if (update || n_args != 2 || (result & 3) || result == 0)
        return result;
    uint8_t *p = span(h, args, 8);
    uint32_t a = rd(p), b = rd(p + 4);
    if ((b & 3) || b == 0 || rd(span(h, b, 4)) != rd(span(h, result, 4)) || b == a)
        return result;
    sview sa, sb;
    sload(h, a + SET_IN_OBJECT, &sa);
    sload(h, b + SET_IN_OBJECT, &sb);
    if ((sa.used >> 2) <= sb.used)
        re_add(h, result + SET_IN_OBJECT, a + SET_IN_OBJECT);
    return result;
}

/* ---- a ^ b, laid out in host memory ------------------------------------ */

/* A CPython set of small ints and interned strs kept in host memory while
 * a ^ b is laid out: a slot is 0 (empty), `dummy` (deleted: the guest's
 * MP_OBJ_SENTINEL, which no small int or str is) or the element. No guest
 * code runs while it lives (their hashes need none), so nothing can unwind
 * past its free(). */
typedef struct simset {
    uint32_t *slot, *hash;
    uint32_t alloc, used, fill, dummy;
} simset;

static int sim_alloc(simset *s, uint32_t alloc)
{
    s->slot = calloc(alloc, 4);
    s->hash = calloc(alloc, 4);
    s->alloc = alloc;
    s->used = s->fill = 0;
    return s->slot && s->hash;
}

static void sim_free(simset *s)
{
    free(s->slot);
    free(s->hash);
    s->slot = s->hash = NULL;
}

static void sim_insert_clean(simset *s, uint32_t key, uint32_t hash)
{
    for (sprobe p = sprobe_start(hash, s->alloc - 1);; sprobe_next(&p))
        if (s->slot[p.j] == 0) {
            s->slot[p.j] = key;
            s->hash[p.j] = hash;
            return;
        }
}

/* CPython's set_table_resize: the elements in slot order into a new table. */
static int sim_resize(simset *s, uint32_t alloc)
{
    simset n = {.dummy = s->dummy};
    if (!sim_alloc(&n, alloc)) {
        sim_free(&n);
        return 0;
    }
    for (uint32_t i = 0; i < s->alloc; i++)
        if (s->slot[i] != 0 && s->slot[i] != s->dummy)
            sim_insert_clean(&n, s->slot[i], s->hash[i]);
    n.used = n.fill = s->used;
    sim_free(s);
    *s = n;
    return 1;
}

/* CPython's set_add_entry for a key known to be absent (ints and strs
 * compare by identity here: equal ones are the same object). */
static int sim_add(simset *s, uint32_t key, uint32_t hash)
{
    int64_t free_slot = -1;
    uint64_t steps = 0;
    for (sprobe p = sprobe_start(hash, s->alloc - 1);; sprobe_next(&p)) {
        if (++steps > probe_bound(s->alloc))
            return 0; /* no empty slot: give up the layout */
        uint32_t e = s->slot[p.j];
        if (e == s->dummy && free_slot < 0)
            free_slot = p.j;
        if (e != 0)
            continue;
        s->used++;
        if (free_slot >= 0) {
            s->slot[free_slot] = key;
            s->hash[free_slot] = hash;
            return 1;
        }
        s->slot[p.j] = key;
        s->hash[p.j] = hash;
        s->fill++;
        if ((uint64_t)s->fill * 5 < (uint64_t)(s->alloc - 1) * 3)
            return 1;
        return sim_resize(s, size_for(s->used));
    }
}

/* The slot of `key` or -1. */
static int64_t sim_find(const simset *s, uint32_t key, uint32_t hash)
{
    uint64_t steps = 0;
    for (sprobe p = sprobe_start(hash, s->alloc - 1); ++steps <= probe_bound(s->alloc); sprobe_next(&p)) {
        if (s->slot[p.j] == key)
            return p.j;
        if (s->slot[p.j] == 0)
            return -1;
    }
    return -1;
}

/* The hash of a small int or interned str, or 0 with *ok cleared. */
static uint32_t plain_hash(mpb_host *h, uint32_t key, int *ok)
{
    int called = 0;
    if (!is_small_int(key) && !is_qstr(key)) {
        *ok = 0;
        return 0;
    }
    return set_hash(h, key, &called);
}

/* set_symmetric_difference's result (a ^ b): CPython copies b (as
 * set_merge into an empty set) and then, for each element of a in slot
 * order, removes it from the copy or adds it. Laid out so for sets of
 * small ints and interned strs; the guest's result is kept otherwise. */
static void xor_layout(mpb_host *h, uint32_t result, uint32_t a, uint32_t b, int may_resize)
{
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    if ((b & 3) || b == 0 || (result & 3) || result == 0 || rd(span(h, b, 4)) != rd(span(h, result, 4)))
        return;
    sview sa, sb, sr;
    sload(h, a + SET_IN_OBJECT, &sa);
    sload(h, b + SET_IN_OBJECT, &sb);
    sload(h, result + SET_IN_OBJECT, &sr);
    if (!is_cpython_size(sr.alloc) || sb.alloc > ALLOC_MAX / 2)
        return;
    /* the copy of b */
    simset s = {.dummy = sentinel};
    uint32_t alloc = (uint64_t)sb.used * 5 >= (uint64_t)(SET_MIN - 1) * 3 ? pow2_above(2 * (uint64_t)sb.used) : SET_MIN;
    int ok = sim_alloc(&s, alloc), same = alloc == sb.alloc;
    for (uint32_t i = 0; ok && i < sb.alloc; i++)
        same &= slot(&sb, i) != sentinel;
    for (uint32_t i = 0; ok && i < sb.alloc; i++) {
        uint32_t key = slot(&sb, i);
        if (key == 0 || key == sentinel)
            continue;
        uint32_t hash = plain_hash(h, key, &ok);
        if (!ok)
            break;
        if (same) {
            s.slot[i] = key;
            s.hash[i] = hash;
        } else {
            sim_insert_clean(&s, key, hash);
        }
        s.used++;
    }
    s.fill = s.used;
    /* then a's elements, in a's slot order */
    for (uint32_t i = 0; ok && i < sa.alloc; i++) {
        uint32_t key = slot(&sa, i);
        if (key == 0 || key == sentinel)
            continue;
        uint32_t hash = plain_hash(h, key, &ok);
        if (!ok)
            break;
        int64_t at = sim_find(&s, key, hash);
        if (at >= 0) {
            s.slot[at] = sentinel;
            s.used--;
        } else {
            ok = sim_add(&s, key, hash);
        }
    }
    /* the guest's result holds the same elements: lay them out as s */
    if (ok && s.used == sr.used && s.alloc == sr.alloc) {
        for (uint32_t i = 0; i < s.alloc; i++)
            wr(sr.slots + 4 * i, s.slot[i]);
    } else if (ok && s.used == sr.used && may_resize) {
        uint32_t want = s.alloc;
        sim_free(&s);
        resize(h, result + SET_IN_OBJECT, &sr, want); /* may run guest code: s is gone */
        xor_layout(h, result, a, b, 0);
        return;
    }
    sim_free(&s);
}

uint32_t Z_envZ_mpbox_set_xor(struct Z_env_instance_t *env, uint32_t result, uint32_t a, uint32_t b)
{
    xor_layout((mpb_host *)env, result, a, b, 1);
    return result;
}

/* set_make_new's result for set(s) with s a set of the same type: CPython
 * copies s as set_merge into an empty set does: s's own layout when the
 * table it picks has s's size and s has no sentinel, else s's elements in
 * its slot order. For sets of small ints and interned strs. */
uint32_t Z_envZ_mpbox_set_made(struct Z_env_instance_t *env, uint32_t result, uint32_t n_args, uint32_t args)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t sentinel = gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst));
    if (n_args != 1 || (result & 3) || result == 0)
        return result;
    uint32_t src = rd(span(h, args, 4));
    if ((src & 3) || src == 0 || src == result || rd(span(h, src, 4)) != rd(span(h, result, 4)))
        return result;
    sview s, r;
    sload(h, src + SET_IN_OBJECT, &s);
    sload(h, result + SET_IN_OBJECT, &r);
    if (s.used != r.used || s.used == 0 || !is_cpython_size(s.alloc))
        return result;
    uint32_t alloc = (uint64_t)s.used * 5 >= (uint64_t)(SET_MIN - 1) * 3 ? pow2_above(2 * (uint64_t)s.used) : SET_MIN;
    int same = alloc == s.alloc;
    for (uint32_t i = 0; i < s.alloc; i++) {
        uint32_t e = slot(&s, i);
        same &= e != sentinel;
        if (e != 0 && e != sentinel && !is_small_int(e) && !is_qstr(e))
            return result;
    }
    mpb_rt_check(h->call);
    uint32_t fresh = Z_micropythonZ_mpbox_malloc0(h->inst, 4 * alloc); /* may collect, may raise */
    sload(h, src + SET_IN_OBJECT, &s);
    sload(h, result + SET_IN_OBJECT, &r);
    uint8_t *to = span(h, fresh, 4 * (uint64_t)alloc);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s.alloc; i++) {
        uint32_t e = slot(&s, i);
        if (e == 0 || e == sentinel)
            continue;
        int called = 0;
        if (same)
            wr(to + 4 * i, e);
        else
            insert_clean(to, alloc - 1, e, set_hash(h, e, &called));
        n++;
    }
    if (n != r.used) {
        Z_micropythonZ_mpbox_free(h->inst, fresh);
        return result;
    }
    uint32_t old = r.table;
    wr(r.s, alloc);
    wr(r.s + 8, fresh);
    if (old)
        Z_micropythonZ_mpbox_free(h->inst, old);
    return result;
}
