/*
 * map.c — MicroPython's hash maps in insertion order: the imports that
 * guest/map puts behind mp_map_lookup, mp_map_init and dict_popitem.
 *
 * A map (mp_map_t in guest memory) is a flags word {bit 0: all keys are
 * qstrs, bit 1: fixed, bit 2: ordered, bits 3..31: used}, `alloc` and
 * `table`. Ordered maps never come here (guest/map keeps MicroPython's
 * linear search for them). For a hash map, `table` is one guest allocation:
 *
 *     entries[alloc]   {key, value}, in insertion order (mp_map_elem_t)
 *     hashes[alloc]    u32, the hash of each entry's key
 *     fill, nslots     u32: entries [0, fill) have been handed out; index
 *                      slots in use
 *     stamp            u64: a number given to the table whenever a key is
 *                      added (or the table made or indexed again), from the
 *                      guest's counter mpbox_map_stamp: never the same
 *                      twice, never 0. guest/map's mp_load_global keeps a
 *                      name's entry with the stamps of the maps it missed
 *                      in, and trusts it while they are unchanged.
 *     slots[cap]       u32: entry position + 1, 0 = empty
 *
 * except that a small map (alloc <= 8: instance attributes, keyword
 * arguments, records) is the entries alone, as in MicroPython, searched
 * linearly; its `fill` is the position of the first empty (NULL) key.
 *
 * Guest code that walks entries[0..alloc) (iteration, repr, copy, equality,
 * json) therefore sees insertion order. A deleted entry keeps its place with
 * the key MP_OBJ_SENTINEL, as MicroPython marks deleted slots, so guest code
 * skips it; removing the last entry gives its place back. The index is a
 * hint checked against the entries: a slot may point at a deleted or reused
 * entry, at or past `fill` (then it is skipped), and a hit always compares
 * the stored hash and the key itself. So guest code that edits the entries
 * directly (MicroPython's popitem, dict.copy's memcpy) cannot make a lookup
 * wrong: what it can do is leave `used` > `fill` (a copy: the entries came
 * without the index), and then the index is rebuilt from the entries.
 * Everything lives in guest memory, so rollback, snapshots, fork and the
 * start-up image need nothing new, and the garbage collector sees one block
 * reached from the map as before.
 *
 * Hashes are MicroPython's own (qstr_hash, small ints by value, anything
 * else through mp_unary_op(MP_UNARY_OP_HASH)), spread over the index by a
 * multiplicative mix and probed with CPython's perturbation scheme, so that
 * 16-bit string hashes do not cluster once a dict passes 65536 keys (the
 * original probing ran them all into one run of the table).
 *
 * These imports behave like guest code: they hold no host resources and
 * call back into the guest (hash, equality, allocation) with the
 * trampolines of the calling guest code still in place, so an exception
 * raised by a key's __hash__ or __eq__ unwinds through them to the guest's
 * handler exactly as in MicroPython, and a hard stop may unwind them too.
 * After every call back into the guest, which may run Python code that
 * changes this very map, the map is read again from guest memory. Before
 * each call that may recurse (a key's __hash__ or __eq__, an allocation),
 * mpb_rt_check traps when the native stack is nearly used up or a hard
 * stop is pending; the fast paths (qstr and small-int keys; a str key
 * whose hash is stored, compared by its bytes) call nothing.
 */
#include <string.h>

#include "gmem.h"
#include "host.h"
#include "hashkey.h"

enum { LOOKUP = 0, ADD_IF_NOT_FOUND = 1, REMOVE_IF_FOUND = 2 };
enum { FLAG_QSTR_KEYS = 1, FLAG_FIXED = 2, FLAG_ORDERED = 4, USED_ONE = 8 };

#define LINEAR_MAX 8u          /* up to this many entries: no index */
#define HEADER_BYTES 16u       /* fill, nslots, stamp */
#define ALLOC_MAX (1u << 26)   /* entries per map: keeps sizes in 32 bits */
#define MIX 0x9E3779B1u        /* 2^32 / golden ratio */
#define PERTURB_SHIFT 5

/* Index slots for `alloc` entries: at least 1.5 per entry, a power of 2. */
static uint32_t slots_for(uint32_t alloc)
{
    if (alloc <= LINEAR_MAX)
        return 0;
    uint32_t want = alloc + alloc / 2; /* alloc <= ALLOC_MAX: no overflow */
    /* the power of 2 at or above want, by counting bits: every lookup
     * sizes its map's table */
    return want <= 16 ? 16 : 2u << (31 - __builtin_clz(want - 1));
}

/* Bytes of a table of `alloc` entries (alloc <= ALLOC_MAX). */
static uint32_t table_bytes(uint32_t alloc)
{
    return alloc <= LINEAR_MAX ? 8 * alloc : 12 * alloc + HEADER_BYTES + 4 * slots_for(alloc);
}

/* How full the index may get: one slot in three stays empty, which keeps
 * probe sequences short and guarantees they end. */
static uint32_t slot_limit(uint32_t cap) { return cap - cap / 3; }

/* The most entries an index of `cap` slots serves (slots_for gives cap
 * back for it). */
static uint32_t alloc_for_slots(uint32_t cap) { return 2 * cap / 3; }

/* One hash map as found in guest memory. */
typedef struct view {
    uint32_t addr;        /* the mp_map_t */
    uint8_t *m;           /* ... its 12 bytes */
    uint32_t flags, alloc, table, cap;
    uint8_t *entries, *hashes, *hdr, *slots;
} view;

static inline uint32_t used_of(const view *v) { return v->flags >> 3; }
static inline uint32_t key_at(const view *v, uint32_t pos) { return rd(v->entries + 8 * pos); }
static inline uint32_t nslots_of(const view *v) { return v->cap ? rd(v->hdr + 4) : 0; }

static inline uint32_t fill_of(const view *v)
{
    if (v->cap)
        return rd(v->hdr);
    uint32_t fill = 0;
    while (fill < v->alloc && key_at(v, fill) != 0)
        fill++;
    return fill;
}
static inline uint32_t hash_at(const view *v, uint32_t pos) { return rd(v->hashes + 4 * pos); }
static inline uint32_t entry_addr(const view *v, uint32_t pos) { return v->table + 8 * pos; }

static void load(mpb_host *h, uint32_t addr, view *v)
{
    v->addr = addr;
    v->m = span(h, addr, 12);
    v->flags = rd(v->m);
    v->alloc = rd(v->m + 4);
    v->table = rd(v->m + 8);
    v->cap = 0;
    v->entries = v->hashes = v->hdr = v->slots = NULL;
    if (v->alloc == 0)
        return;
    if (v->alloc > ALLOC_MAX || v->table == 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    v->cap = slots_for(v->alloc);
    v->entries = span(h, v->table, table_bytes(v->alloc));
    if (!v->cap)
        return;
    v->hashes = v->entries + 8 * v->alloc;
    v->hdr = v->hashes + 4 * v->alloc;
    v->slots = v->hdr + HEADER_BYTES;
}

/* A new stamp for the table at hdr (its header): a key was added, or the
 * table is new or indexed again. The counter is a guest global, so a
 * rollback, fork or snapshot takes it with the tables. */
static void restamp(mpb_host *h, uint8_t *hdr)
{
    uint64_t *counter = Z_micropythonZ_mpbox_map_stamp(h->inst);
    *counter += 1;
    memcpy(hdr + 8, counter, 8);
}

static void set_flags(view *v, uint32_t flags)
{
    v->flags = flags;
    wr(v->m, flags);
}

/* The last entry was deleted: give back the places of the deleted entries
 * at the end (a small map's are emptied: its fill is its first NULL key). */
static void shrink_fill(mpb_host *h, view *v, uint32_t fill);

/* ---- the index -------------------------------------------------------- */

typedef struct probe {
    uint32_t i, mask, perturb;
} probe;

static inline probe probe_start(uint32_t hash, uint32_t cap)
{
    uint32_t x = hash * MIX;
    /* the high bits of x are the best mixed: fold them in */
    probe p = {((x >> 16) ^ x) & (cap - 1), cap - 1, x};
    return p;
}

static inline void probe_next(probe *p)
{
    p->perturb >>= PERTURB_SHIFT;
    p->i = (p->i * 5 + 1 + p->perturb) & p->mask;
}

/* The entries a lookup of `hash` must look at in an indexed map, in probe
 * order: those below fill whose stored hash is `hash`. */
typedef struct candidates {
    probe p;
    uint32_t hash, fill, n;
} candidates;

static inline candidates candidates_of(const view *v, uint32_t hash)
{
    candidates c = {probe_start(hash, v->cap), hash, fill_of(v), 0};
    return c;
}

/* The next candidate's position into *pos: 1, or 0 when an empty slot
 * ends the probe. */
static inline int next_candidate(mpb_host *h, const view *v, candidates *c, uint32_t *pos)
{
    for (;;) {
        if (c->n++ == v->cap)
            mpb_rt_trap(h->call, MPB_TRAP_OOB); /* no empty slot: see index_add */
        uint32_t s = rd(v->slots + 4 * c->p.i);
        if (s == 0)
            return 0;
        probe_next(&c->p);
        if (s - 1 < c->fill && hash_at(v, s - 1) == c->hash) {
            *pos = s - 1;
            return 1;
        }
    }
}

/* Put entry `pos` (with `hash`) into the index. There is always an empty
 * slot (slot_limit); if there is none, the guest wrote over its own index. */
static void index_add(mpb_host *h, view *v, uint32_t pos, uint32_t hash)
{
    if (!v->cap)
        return;
    probe p = probe_start(hash, v->cap);
    for (uint32_t n = 0; rd(v->slots + 4 * p.i) != 0; n++) {
        if (n == v->cap)
            mpb_rt_trap(h->call, MPB_TRAP_OOB);
        probe_next(&p);
    }
    wr(v->slots + 4 * p.i, pos + 1);
    wr(v->hdr + 4, nslots_of(v) + 1);
}

static void shrink_fill(mpb_host *h, view *v, uint32_t fill)
{
    while (fill > 0 && is_dead(h, key_at(v, fill - 1))) {
        fill--;
        if (!v->cap)
            wr(v->entries + 8 * fill, 0); /* the value stays for the caller */
    }
    if (v->cap)
        wr(v->hdr, fill);
}

/* Index every live entry of [0, fill) again from hashes[]. */
static void index_all(mpb_host *h, view *v, uint32_t fill)
{
    if (!v->cap)
        return;
    memset(v->slots, 0, 4 * (size_t)v->cap);
    wr(v->hdr, fill);
    wr(v->hdr + 4, 0);
    restamp(h, v->hdr);
    for (uint32_t pos = 0; pos < fill; pos++)
        if (!is_dead(h, key_at(v, pos)))
            index_add(h, v, pos, hash_at(v, pos));
}

/* Rebuild the hashes and the index from the entries alone (the entries came
 * without them, as dict.copy copies them, or the header is not ours). */
static void rebuild(mpb_host *h, uint32_t addr, view *v)
{
    for (;;) {
        wr(v->hdr, 0); /* until done, used > fill marks the index stale */
        wr(v->hdr + 4, 0);
        uint32_t fill = v->alloc, table = v->table;
        while (fill > 0 && key_at(v, fill - 1) == 0)
            fill--;
        int changed = 0;
        for (uint32_t pos = 0; pos < fill && !changed; pos++) {
            uint32_t key = key_at(v, pos);
            if (is_dead(h, key))
                continue;
            int called = 0;
            uint32_t hash = hash_of(h, key, &called);
            if (called) {
                load(h, addr, v);
                changed = v->table != table || v->alloc == 0;
                if (changed)
                    break;
            }
            wr(v->hashes + 4 * pos, hash);
        }
        if (v->alloc == 0)
            return;
        if (changed)
            continue;
        uint32_t live = 0;
        for (uint32_t pos = 0; pos < fill; pos++)
            live += !is_dead(h, key_at(v, pos));
        index_all(h, v, fill);
        set_flags(v, (v->flags & 7) | live << 3);
        return;
    }
}

/* The header is believable: otherwise rebuild. */
static void check(mpb_host *h, uint32_t addr, view *v)
{
    if (!v->cap)
        return; /* empty or small: the entries are all there is */
    uint32_t fill = fill_of(v), nslots = nslots_of(v);
    if (fill > v->alloc || used_of(v) > fill || nslots > (v->cap ? slot_limit(v->cap) : 0))
        rebuild(h, addr, v);
}

/* Move the live entries, in order, into a new table sized for `used` plus
 * half again (at least one free entry), dropping deleted ones. */
static void grow(mpb_host *h, uint32_t addr, view *v)
{
    for (;;) {
        uint32_t used = used_of(v);
        uint64_t want = (uint64_t)used + used / 2 + 1;
        uint32_t alloc;
        if (want <= 2)
            alloc = 2;
        else if (want <= 4)
            alloc = 4;
        else if (want <= LINEAR_MAX)
            alloc = LINEAR_MAX;
        else {
            if (want > ALLOC_MAX)
                want = ALLOC_MAX;
            alloc = alloc_for_slots(slots_for((uint32_t)want));
            if (alloc > ALLOC_MAX)
                alloc = ALLOC_MAX;
            if (alloc <= used)
                mpb_rt_trap(h->call, MPB_TRAP_OOB); /* a map of 2^26 entries: more than the memory cap */
        }
        mpb_rt_check(h->call);
        uint32_t fresh = Z_micropythonZ_mpbox_malloc0(h->inst, table_bytes(alloc)); /* may collect, may raise */
        load(h, addr, v); /* as it is now */
        view f = {.table = fresh, .alloc = alloc, .cap = slots_for(alloc)};
        f.entries = span(h, fresh, table_bytes(alloc));
        if (f.cap) {
            f.hashes = f.entries + 8 * alloc;
            f.hdr = f.hashes + 4 * alloc;
            f.slots = f.hdr + HEADER_BYTES;
        }
        uint32_t n = 0, fill = v->alloc ? fill_of(v) : 0, old = v->table;
        for (uint32_t pos = 0; pos < fill && n < alloc; pos++) {
            if (is_dead(h, key_at(v, pos)))
                continue;
            memcpy(f.entries + 8 * n, v->entries + 8 * pos, 8);
            if (f.cap && v->cap)
                wr(f.hashes + 4 * n, hash_at(v, pos));
            n++;
        }
        if (f.cap && !v->cap) {
            /* from a small map: hash its keys, which may run guest code
             * (the new table is rooted meanwhile; if the map changes, start
             * again) */
            uint32_t sp = mpb_guest_root(h, fresh);
            int changed = 0;
            for (uint32_t i = 0; i < n && !changed; i++) {
                int called = 0;
                uint32_t hash = hash_of(h, key_at(&f, i), &called);
                if (called) {
                    load(h, addr, v);
                    changed = v->table != old || used_of(v) != used;
                }
                wr(f.hashes + 4 * i, hash);
            }
            mpb_guest_unroot(h, sp);
            if (changed)
                continue;
        }
        wr(v->m + 4, alloc);
        wr(v->m + 8, fresh);
        set_flags(v, (v->flags & 7) | n << 3);
        load(h, addr, v);
        index_all(h, v, n);
        if (old)
            Z_micropythonZ_mpbox_free(h->inst, old);
        return;
    }
}

/* ---- lookup ---------------------------------------------------------- */

/* Whether an entry's key k equals `key`, when the two differ and may still
 * be equal: asks the guest. 1, 0, or -2 when the equality test ran guest code
 * that changed the map (of table `table` before the test). */
static int holds_equal(mpb_host *h, view *v, uint32_t k, uint32_t key, uint32_t table)
{
    int eq_str = str_equal(h, k, key);
    if (eq_str >= 0)
        return eq_str;
    mpb_rt_check(h->call);
    uint32_t eq = Z_micropythonZ_mpbox_obj_equal(h->inst, k, key);
    load(h, v->addr, v);
    if (v->table != table || v->alloc == 0)
        return -2;
    return eq != 0;
}

/* Whether entry `pos` holds `key`: 1, 0, or -2 as above. The common cases
 * (the same key; keys that cannot be equal, such as two qstrs) call
 * nothing. */
static inline int holds(mpb_host *h, view *v, uint32_t pos, uint32_t key, uint32_t table, int ptrs_only)
{
    uint32_t k = key_at(v, pos);
    if (k == key)
        return 1;
    if (!may_equal(k, key, ptrs_only) || is_dead(h, k))
        return 0;
    return holds_equal(h, v, k, key, table);
}

/* The position of `key` (with `hash`, unused for a small map), or -1, or
 * -2 when guest code ran and changed the map (start again). */
static int64_t find(mpb_host *h, view *v, uint32_t key, uint32_t hash, int ptrs_only)
{
    uint32_t table = v->table;
    if (!v->cap) {
        /* a small map's entries end at its first NULL key */
        for (uint32_t pos = 0; pos < v->alloc && key_at(v, pos) != 0; pos++) {
            int is = holds(h, v, pos, key, table, ptrs_only);
            if (is != 0)
                return is < 0 ? (int64_t)is : (int64_t)pos;
        }
        return -1;
    }
    candidates c = candidates_of(v, hash);
    uint32_t pos;
    while (next_candidate(h, v, &c, &pos)) {
        int is = holds(h, v, pos, key, table, ptrs_only);
        if (is != 0)
            return is < 0 ? (int64_t)is : (int64_t)pos;
    }
    return -1;
}

/* find() for `key`, a heap str (type str exactly) whose hash is stored,
 * with its bytes, in an indexed map whose header check() would accept:
 * the same probe, and keys compared as holds() compares them, without
 * the guest: the same key, else a plain str's bytes (charged as
 * str_equal charges). -1 when it is not there; -3 when an entry of the
 * same hash holds a key that is neither (find() must answer). */
static int64_t find_str(mpb_host *h, const view *v, uint32_t key, uint32_t hash, const uint8_t *bytes, uint32_t len)
{
    candidates c = candidates_of(v, hash);
    uint32_t pos;
    while (next_candidate(h, v, &c, &pos)) {
        uint32_t k = key_at(v, pos), klen;
        if (k == key)
            return pos;
        if (is_dead(h, k))
            continue;
        const uint8_t *kbytes = plain_str(h, k, &klen);
        if (!kbytes)
            return -3;
        if (klen != len)
            continue;
        mpb_host_spend(h, (uint64_t)len * MPB_FUEL_PER_BYTE);
        if (memcmp(kbytes, bytes, len) == 0)
            return pos;
    }
    return -1;
}

/* mp_map_lookup of a hash map, after the guest has tried its lookup cache
 * (a recent position of this key in any map; guest/map writes it with the
 * position answered here). */
uint32_t Z_envZ_mpbox_map_lookup(struct Z_env_instance_t *env, uint32_t addr, uint32_t key, uint32_t kind)
{
    mpb_host *h = (mpb_host *)env;
    view v;
    load(h, addr, &v);

    uint32_t str_hash = 0, str_len = 0;
    const uint8_t *str_bytes = (key & 3) == 0 ? heap_str(h, key, &str_hash, &str_len) : NULL;
    int str = str_bytes != NULL;
    if (str && str_hash && v.cap && kind != REMOVE_IF_FOUND) {
        /* a str key whose hash is known (a word split out of a text, say)
         * in an indexed map with a believable header: found, or not
         * there, without hashing, checking or calling anything */
        uint32_t fill = fill_of(&v);
        if (fill <= v.alloc && used_of(&v) <= fill && nslots_of(&v) <= slot_limit(v.cap)) {
            int64_t pos = find_str(h, &v, key, str_hash, str_bytes, str_len);
            if (pos >= 0)
                return entry_addr(&v, (uint32_t)pos);
            if (pos == -1 && kind == LOOKUP)
                return 0;
        }
    }
    int ptrs_only = v.flags & FLAG_QSTR_KEYS;
    if (ptrs_only && !is_qstr(key)) {
        if (str)
            ptrs_only = 0; /* a str that is not interned may equal a qstr key */
        else if (kind != ADD_IF_NOT_FOUND)
            return 0; /* no other kind of key can be in the map */
    }

    if (v.alloc == 0 && kind != ADD_IF_NOT_FOUND)
        return 0;
    check(h, addr, &v);
    int called = 0, hashed = 0;
    uint32_t hash = 0;
    if (!is_qstr(key) && !is_small_int(key) && !str) {
        /* even where no hash is needed (a small map), hashing raises for
         * an unhashable key, as in MicroPython and CPython */
        hash = hash_of(h, key, &called);
        hashed = 1;
    }
    for (;;) {
        if (called) {
            load(h, addr, &v);
            check(h, addr, &v);
            called = 0;
        }
        if (v.alloc == 0) {
            if (kind != ADD_IF_NOT_FOUND)
                return 0;
            grow(h, addr, &v);
        }
        int64_t pos;
        if (!v.cap) {
            pos = find(h, &v, key, 0, ptrs_only); /* small: no hash needed */
        } else {
            if (!hashed) {
                hash = hash_of(h, key, &called);
                hashed = 1;
                if (called)
                    continue;
            }
            pos = find(h, &v, key, hash, ptrs_only);
        }
        if (pos == -2) {
            called = 1;
            continue;
        }
        if (pos >= 0) {
            uint32_t p = (uint32_t)pos;
            if (kind == REMOVE_IF_FOUND) {
                /* keep the value: the caller takes it and clears it */
                set_flags(&v, v.flags - USED_ONE);
                wr(v.entries + 8 * p, gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst)));
                if (p + 1 == fill_of(&v))
                    shrink_fill(h, &v, p + 1);
            }
            return entry_addr(&v, p);
        }
        if (kind != ADD_IF_NOT_FOUND)
            return 0;
        uint32_t fill = fill_of(&v);
        if (fill == v.alloc || (v.cap && nslots_of(&v) >= slot_limit(v.cap))) {
            grow(h, addr, &v);
            called = 1; /* the allocation may have run guest code: look again */
            continue;
        }
        uint8_t *e = v.entries + 8 * fill;
        wr(e, key);
        wr(e + 4, 0);
        if (v.cap) {
            wr(v.hashes + 4 * fill, hash);
            wr(v.hdr, fill + 1);
            index_add(h, &v, fill, hash);
            restamp(h, v.hdr);
        }
        uint32_t flags = v.flags + USED_ONE;
        if (!is_qstr(key))
            flags &= ~(uint32_t)FLAG_QSTR_KEYS;
        set_flags(&v, flags);
        return entry_addr(&v, fill);
    }
}

/* mp_map_init: an empty hash map with room for n entries. */
void Z_envZ_mpbox_map_init(struct Z_env_instance_t *env, uint32_t addr, uint32_t n)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_check(h->call);
    span(h, addr, 12);
    uint32_t table = 0;
    if (n > 0) /* too many entries: ask for more than any memory, get MemoryError */
        table = Z_micropythonZ_mpbox_malloc0(h->inst, n > ALLOC_MAX ? UINT32_MAX : table_bytes(n));
    uint8_t *m = span(h, addr, 12);
    wr(m, FLAG_QSTR_KEYS);
    wr(m + 4, table ? n : 0);
    wr(m + 8, table);
    if (table && n > LINEAR_MAX)
        restamp(h, span(h, table, table_bytes(n)) + 12 * n);
}

/* dict.popitem, first half: the entry to pop (the last one, as CPython),
 * or 0 to let MicroPython's own popitem deal with the dict (ordered or
 * fixed map: it pops or raises; empty: it raises KeyError). */
uint32_t Z_envZ_mpbox_popitem_pick(struct Z_env_instance_t *env, uint32_t self)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_check(h->call);
    view v;
    load(h, self + 4, &v);
    if ((v.flags & (FLAG_FIXED | FLAG_ORDERED)) || used_of(&v) == 0 || v.alloc == 0)
        return 0;
    check(h, self + 4, &v);
    for (uint32_t pos = fill_of(&v); pos-- > 0;)
        if (!is_dead(h, key_at(&v, pos)))
            return entry_addr(&v, pos);
    return 0;
}

/* ... second half, once the (key, value) tuple is built from the entry:
 * delete it. */
void Z_envZ_mpbox_popitem_done(struct Z_env_instance_t *env, uint32_t self, uint32_t entry)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_check(h->call);
    view v;
    load(h, self + 4, &v);
    if (v.alloc == 0 || entry < v.table || entry >= v.table + 8 * v.alloc || (entry - v.table) % 8)
        return; /* the tuple's allocation changed the dict: nothing of ours to delete */
    uint32_t pos = (entry - v.table) / 8;
    if (is_dead(h, key_at(&v, pos)))
        return;
    wr(v.entries + 8 * pos, gconst(Z_micropythonZ_mpbox_obj_sentinel(h->inst)));
    wr(v.entries + 8 * pos + 4, 0);
    set_flags(&v, v.flags - USED_ONE);
    if (v.cap ? pos + 1 == fill_of(&v) : pos + 1 == v.alloc || key_at(&v, pos + 1) == 0)
        shrink_fill(h, &v, pos + 1);
}
