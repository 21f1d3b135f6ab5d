/*
 * snapshot.c — sessions to bytes and back, and forks.
 *
 * Format (version 4, little-endian, tied to one guest build by image_id):
 *
 *   header      struct snap_header (magic "MPBOXSNP", version, sizes)
 *   globals     the guest's mutable globals, raw (globals_bytes)
 *   limits      limit_count records: u32 id, u32 0, i64 value; ids this
 *               build does not know are skipped, limits the snapshot does
 *               not hold get the runtime's value: adding a limit keeps old
 *               snapshots loadable
 *   pages       page_count records: u32 page number + 4096 bytes, pages in
 *               increasing order; pages not listed are zero
 *   host state  the random source, the virtual clock and its mode, then the
 *               scratch file system, the working directory and the
 *               descriptors of scratch files (host/state.c "MPBHST01",
 *               host/vfs.c "MPBVFS01"); the section runs up to the MAC or
 *               checksum. Mounts are host resources and are not saved: a
 *               loaded session has none until the embedder mounts again
 *               (descriptors into them are closed)
 *   mac         with a snapshot key (header.mac = 1): HMAC-SHA256 under the
 *               key of everything before it
 *   checksum    u64 over everything before it
 *
 * Version 3, which the library wrote before, is still read: an 80-byte
 * header that also held the random source, the clock and its mode, the
 * limits as MPBOX_LIMIT_COUNT_ (16) values in id order, and the file system
 * alone where version 4 has the host state.
 *
 * A snapshot is untrusted input: every size is checked before use with
 * 64-bit arithmetic, and against the limits of the session it becomes
 * before anything is allocated; its contents only ever become guest memory
 * and guest globals, which the guest controls anyway. The checksum detects
 * damage; only the MAC detects forgery (docs/sessions.md, "Threat model").
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"

#define SNAP_VERSION 4u
#define PAGE MPB_HOST_PAGE
#define MAC_BYTES MPB_SNAP_MAC_BYTES
#define LIMIT_RECORD MPB_SNAP_LIMIT_RECORD

struct snap_header {
    char magic[8];
    uint32_t version;
    uint32_t header_bytes;
    uint64_t image_id;
    uint32_t globals_bytes;
    uint32_t mem_pages;     /* wasm pages */
    uint32_t limit_count;   /* limit records */
    uint32_t page_count;    /* 4 KiB page records */
    uint32_t mac;           /* 1: an HMAC-SHA256 precedes the checksum */
    uint32_t reserved;      /* 0 */
};

/* Version 3's header (read only). */
struct snap_header_v3 {
    char magic[8];
    uint32_t version;
    uint32_t header_bytes;
    uint64_t image_id;
    uint32_t globals_bytes;
    uint32_t mem_pages;
    uint32_t limit_count;   /* MPBOX_LIMIT_COUNT_ int64 values, in id order */
    uint32_t page_count;
    uint64_t rng[2];
    uint64_t virtual_ms;
    uint64_t reserved0;
    uint32_t deterministic;
    uint32_t mac;
};
#define V3_LIMIT_COUNT 16u

/* Where the parts of a snapshot of either version lie, once validated. */
struct snap_layout {
    uint32_t version, mem_pages, page_count, mac;
    size_t globals_at, pages_at, state_at, state_end;
    int is_v3;
    struct snap_header_v3 v3; /* version 3: its header (host state) */
};

static const char magic[8] = {'M', 'P', 'B', 'O', 'X', 'S', 'N', 'P'};

/* The guest's globals: the instance fields from the first global to the
 * memory (wasm2c lays globals out in between, the fuel counter included). */
#define GLOBALS_OFFSET MPB_SNAP_GLOBALS_AT
#define GLOBALS_BYTES MPB_SNAP_GLOBALS_BYTES

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Fault in [p, p + len) in one call rather than one fault per page, which
 * dominates copying megabytes into fresh memory. Best effort: kernels
 * before 5.14 say EINVAL and the pages fault in as they are written. */
static void populate(void *p, size_t len)
{
    uintptr_t a = ((uintptr_t)p + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t e = ((uintptr_t)p + len) & ~(uintptr_t)(PAGE - 1);
    if (e > a)
        madvise((void *)a, e - a, MADV_POPULATE_WRITE);
}

void mpb_snap_put_pages(uint8_t *mem, const uint8_t *rec, uint32_t count)
{
    /* populate the runs of pages listed, then copy */
    const uint8_t *first = rec;
    uint32_t start = 0, prev = 0;
    for (uint32_t i = 0; i < count; i++, rec += 4 + PAGE) {
        uint32_t index;
        memcpy(&index, rec, 4);
        if (i == 0 || index != prev + 1) {
            if (i)
                populate(mem + (size_t)start * PAGE, (size_t)(prev - start + 1) * PAGE);
            start = index;
        }
        prev = index;
    }
    if (count)
        populate(mem + (size_t)start * PAGE, (size_t)(prev - start + 1) * PAGE);
    rec = first;
    for (uint32_t i = 0; i < count; i++, rec += 4 + PAGE) {
        uint32_t index;
        memcpy(&index, rec, 4);
        memcpy(mem + (size_t)index * PAGE, rec + 4, PAGE);
    }
}

/* Resident pages (mincore), or all of them when swap exists (a
 * swapped-out page is not resident). */
unsigned char *mpb_snap_candidates(const mpbox_runtime *rt, const wasm_rt_memory_t *m)
{
    size_t n = m->size / PAGE;
    unsigned char *v = malloc(n ? n : 1);
    if (!v)
        return NULL;
    if (!rt->restore_in_place || mincore(m->data, m->size, v) != 0)
        memset(v, 1, n);
    return v;
}

size_t mpb_snap_trailer_bytes(const mpbox_runtime *rt)
{
    return (rt->snap_key_len ? MAC_BYTES : 0) + 8;
}

void mpb_snap_id(const uint8_t *data, size_t len, uint32_t has_mac, uint8_t id[MPB_SHA256_LEN])
{
    memset(id, 0, MPB_SHA256_LEN);
    if (has_mac)
        memcpy(id, data + len - 8 - MAC_BYTES, MAC_BYTES);
    else
        memcpy(id, data + len - 8, 8);
}

void mpb_snap_seal(const mpbox_runtime *rt, uint8_t *buf, size_t body, uint8_t id[MPB_SHA256_LEN])
{
    uint8_t *p = buf + body;
    if (rt->snap_key_len) {
        mpb_hmac_sha256(rt->snap_key, rt->snap_key_len, buf, body, p);
        p += MAC_BYTES;
    }
    uint64_t sum = mpb_checksum(buf, (size_t)(p - buf), 0);
    memcpy(p, &sum, 8);
    mpb_snap_id(buf, (size_t)(p + 8 - buf), rt->snap_key_len != 0, id);
}

const char *mpb_snap_check_mac(const mpbox_runtime *rt, const uint8_t *data, size_t len, uint32_t has_mac)
{
    if (!rt->snap_key_len)
        return NULL;
    if (!has_mac)
        return "not authenticated: this runtime only loads snapshots signed with its key";
    uint8_t want[MAC_BYTES];
    size_t trailer = MAC_BYTES + 8;
    mpb_hmac_sha256(rt->snap_key, rt->snap_key_len, data, len - trailer, want);
    if (!mpb_equal_ct(want, data + len - trailer, MAC_BYTES))
        return "authentication failed: MAC mismatch (forged, altered, or signed with another key)";
    return NULL;
}

const char *mpb_snap_check_sum(const uint8_t *data, size_t len)
{
    uint64_t sum;
    memcpy(&sum, data + len - 8, 8);
    return sum == mpb_checksum(data, len - 8, 0) ? NULL : "checksum mismatch (corrupted)";
}

uint8_t *mpb_snap_put_limits(const int64_t limits[MPBOX_LIMIT_COUNT_], uint8_t *p)
{
    for (uint32_t id = 0; id < MPBOX_LIMIT_COUNT_; id++, p += LIMIT_RECORD) {
        uint32_t zero = 0;
        memcpy(p, &id, 4);
        memcpy(p + 4, &zero, 4);
        memcpy(p + 8, &limits[id], 8);
    }
    return p;
}

int mpb_snap_begin(mpbox_session *s, void **out, size_t *len)
{
    if (!out || !len)
        return MPBOX_MISUSE;
    *out = NULL;
    *len = 0;
    if (!s)
        return MPBOX_MISUSE;
    return mpb_session_acquire(s);
}

int mpb_snap_finish(mpbox_session *s, uint8_t *buf, uint8_t *p, size_t total, void **out, size_t *len)
{
    mpb_state_save(&s->host.state, p);
    p += mpb_state_save_size(&s->host.state);
    uint8_t id[MPB_SHA256_LEN];
    mpb_snap_seal(s->rt, buf, (size_t)(p - buf), id);
    mpb_delta_mark(s, id);
    atomic_store(&s->busy, 0);
    *out = buf;
    *len = total;
    return MPBOX_OK;
}

uint8_t *mpb_snap_put_page(const wasm_rt_memory_t *m, size_t i, uint8_t *p)
{
    uint32_t index = (uint32_t)i;
    memcpy(p, &index, 4);
    memcpy(p + 4, m->data + i * PAGE, PAGE);
    return p + 4 + PAGE;
}

int mpbox_session_save(mpbox_session *s, void **out, size_t *len)
{
    int rc = mpb_snap_begin(s, out, len);
    if (rc != MPBOX_OK)
        return rc;
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t npages = m->size / PAGE;
    unsigned char *cand = mpb_snap_candidates(s->rt, m);
    uint32_t count = 0;
    if (cand) {
        for (size_t p = 0; p < npages; p++) {
            cand[p] = (cand[p] & 1) && !mpb_page_is_zero(m->data + p * PAGE);
            count += cand[p];
        }
    }
    size_t state = mpb_state_save_size(&s->host.state);
    size_t total = sizeof(struct snap_header) + GLOBALS_BYTES + MPBOX_LIMIT_COUNT_ * LIMIT_RECORD +
                   (size_t)count * (4 + PAGE) + state + mpb_snap_trailer_bytes(s->rt);
    uint8_t *buf = cand ? malloc(total) : NULL;
    if (!buf) {
        free(cand);
        atomic_store(&s->busy, 0);
        return MPBOX_NOMEM;
    }
    populate(buf, total);
    struct snap_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, magic, sizeof magic);
    h.version = SNAP_VERSION;
    h.header_bytes = sizeof h;
    h.image_id = s->rt->image_id;
    h.globals_bytes = (uint32_t)GLOBALS_BYTES;
    h.mem_pages = m->pages;
    h.limit_count = MPBOX_LIMIT_COUNT_;
    h.page_count = count;
    h.mac = s->rt->snap_key_len != 0;
    uint8_t *p = buf;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, (const uint8_t *)&s->inst + GLOBALS_OFFSET, GLOBALS_BYTES);
    p += GLOBALS_BYTES;
    p = mpb_snap_put_limits(s->limits, p);
    for (size_t i = 0; i < npages; i++)
        if (cand[i])
            p = mpb_snap_put_page(m, i, p);
    free(cand);
    return mpb_snap_finish(s, buf, p, total, out, len);
}

/* Grow a fresh session's memory to `pages` (ignoring its cap, which the
 * snapshot's limits set afterwards). */
int mpb_snap_grow_to(mpbox_session *s, uint32_t pages)
{
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t cap = m->max_pages;
    m->max_pages = 32768u;
    int rc = mpb_rt_grow_to(m, pages);
    m->max_pages = cap;
    return rc;
}

#define REFUSE(text)                                                           \
    do {                                                                       \
        if (why)                                                               \
            *why = (text);                                                     \
        return MPBOX_SNAPSHOT;                                                 \
    } while (0)

/* The caps of the session a snapshot becomes: the snapshot's own, never
 * above the runtime's. */
static const int resource_caps[] = {MPBOX_LIMIT_MEMORY, MPBOX_LIMIT_FILES_BYTES, MPBOX_LIMIT_FILES_COUNT};

/* A limit value from a snapshot into lim[id]: in range and, for an id
 * given twice, refused. Unknown ids (a later build's) are skipped. */
static const char *take_limit(int64_t lim[MPBOX_LIMIT_COUNT_], uint32_t *seen, uint32_t id, int64_t v)
{
    if (id >= MPBOX_LIMIT_COUNT_)
        return NULL;
    if (v < 0 || mpb_limit_invalid((int)id, v))
        return "a limit is out of range";
    if (*seen & (1u << id))
        return "a limit is given twice";
    *seen |= 1u << id;
    lim[id] = v;
    return NULL;
}

/* Check everything about a snapshot before anything is built from it: the
 * MAC first (with a key), then layout, sizes against `lim` (the limits the
 * session will have, written here) and the checksum. */
static int validate(const mpbox_runtime *rt, const uint8_t *data, size_t len, struct snap_layout *lay,
                    int64_t lim[MPBOX_LIMIT_COUNT_], const char **why)
{
    struct snap_header h;
    if (len >= sizeof magic && memcmp(data, magic, sizeof magic) != 0)
        REFUSE("not an mpbox session snapshot (bad magic)");
    if (len < sizeof h + 8)
        REFUSE("truncated: shorter than a header");
    memcpy(&h, data, sizeof h); /* the fields both versions share */
    uint32_t mac_flag = h.mac;
    uint64_t record = LIMIT_RECORD;
    memset(lay, 0, sizeof *lay);
    lay->version = h.version;
    if (h.version == 3) {
        if (len < sizeof(struct snap_header_v3) + 8 || h.header_bytes != sizeof(struct snap_header_v3))
            REFUSE("snapshot layout does not match this build");
        lay->is_v3 = 1;
        memcpy(&lay->v3, data, sizeof lay->v3);
        if (lay->v3.limit_count != V3_LIMIT_COUNT)
            REFUSE("snapshot layout does not match this build");
        if (lay->v3.deterministic > 1 || lay->v3.reserved0 != 0 || lay->v3.mac > 1)
            REFUSE("bad host state");
        mac_flag = lay->v3.mac;
        record = 8;
    } else if (h.version != SNAP_VERSION) {
        REFUSE("unsupported snapshot format version");
    } else if (h.header_bytes != sizeof h || h.reserved != 0) {
        REFUSE("snapshot layout does not match this build");
    }
    if (h.globals_bytes != GLOBALS_BYTES || h.limit_count > 4096)
        REFUSE("snapshot layout does not match this build");
    if (h.image_id != rt->image_id)
        REFUSE("snapshot of another guest build");
    if (mac_flag > 1)
        REFUSE("bad host state");
    uint64_t trailer = 8 + (mac_flag ? MAC_BYTES : 0);
    if (len < (uint64_t)h.header_bytes + trailer)
        REFUSE("truncated: shorter than a header");
    const char *bad = mpb_snap_check_mac(rt, data, len, mac_flag);
    if (bad)
        REFUSE(bad);
    if (h.mem_pages < rt->image_pages || h.mem_pages > 32768u)
        REFUSE("memory size out of range");
    if (h.page_count > (uint64_t)h.mem_pages * (MPB_WASM_PAGE / PAGE))
        REFUSE("more pages than the memory holds");
    uint64_t limits_at = (uint64_t)h.header_bytes + GLOBALS_BYTES;
    uint64_t pages_at = limits_at + (uint64_t)h.limit_count * record;
    uint64_t want = pages_at + (uint64_t)h.page_count * (4 + PAGE) + trailer;
    if (want > len)
        REFUSE("truncated");
    if ((bad = mpb_snap_check_sum(data, len)) != NULL ||
        (bad = mpb_snap_read_limits(rt, data + limits_at, h.limit_count, (uint32_t)record, lim)) != NULL)
        REFUSE(bad);
    if (lay->is_v3 && (uint64_t)lim[MPBOX_LIMIT_DETERMINISTIC] != lay->v3.deterministic)
        REFUSE("inconsistent host state");
    if ((uint64_t)h.mem_pages > (uint64_t)lim[MPBOX_LIMIT_MEMORY] / MPB_WASM_PAGE)
        REFUSE("its linear memory is larger than the memory cap (linear memory cannot shrink: raise the cap)");
    bad = mpb_snap_check_pages(data + pages_at, h.page_count, (uint64_t)h.mem_pages * (MPB_WASM_PAGE / PAGE));
    if (bad)
        REFUSE(bad);
    lay->mem_pages = h.mem_pages;
    lay->page_count = h.page_count;
    lay->mac = mac_flag;
    lay->globals_at = h.header_bytes;
    lay->pages_at = (size_t)pages_at;
    /* the host state fills the rest (checked when loaded) */
    lay->state_at = (size_t)(pages_at + (uint64_t)h.page_count * (4 + PAGE));
    lay->state_end = len - (size_t)trailer;
    return MPBOX_OK;
}

const char *mpb_snap_read_limits(const mpbox_runtime *rt, const uint8_t *rec, uint32_t count, uint32_t record,
                                 int64_t lim[MPBOX_LIMIT_COUNT_])
{
    _Static_assert(MPBOX_LIMIT_COUNT_ <= 32, "limit ids fit the seen mask");
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        lim[i] = atomic_load(&rt->limits[i]);
    uint32_t seen = 0;
    for (uint32_t i = 0; i < count; i++, rec += record) {
        uint32_t id = i, pad = 0;
        int64_t v;
        if (record == LIMIT_RECORD) {
            memcpy(&id, rec, 4);
            memcpy(&pad, rec + 4, 4);
        }
        memcpy(&v, rec + record - 8, 8);
        const char *bad = pad ? "a limit record is malformed" : take_limit(lim, &seen, id, v);
        if (bad)
            return bad;
    }
    for (size_t k = 0; k < sizeof resource_caps / sizeof resource_caps[0]; k++) {
        int id = resource_caps[k];
        int64_t mine = atomic_load(&rt->limits[id]);
        if (lim[id] > mine)
            lim[id] = mine;
    }
    return NULL;
}

const char *mpb_snap_check_pages(const uint8_t *rec, uint32_t count, uint64_t limit)
{
    int64_t prev = -1;
    for (uint32_t i = 0; i < count; i++, rec += 4 + PAGE) {
        uint32_t index;
        memcpy(&index, rec, 4);
        if (index >= limit || (int64_t)index <= prev)
            return "page numbers out of range or out of order";
        prev = index;
    }
    return NULL;
}

/* The host state of a version 3 snapshot: the clock and the random source
 * from its header, the file system from its files section. */
static int load_state_v3(mpb_host_state *st, const struct snap_layout *lay, const uint8_t *data,
                         const int64_t *lim, const char **why)
{
    const struct snap_header_v3 *v3 = &lay->v3;
    if (mpb_vfs_load(&st->vfs, data + lay->state_at, lay->state_end - lay->state_at,
                     (uint64_t)lim[MPBOX_LIMIT_FILES_BYTES], (uint64_t)lim[MPBOX_LIMIT_FILES_COUNT], why) != 0)
        return -1;
    memcpy(st->rng, v3->rng, sizeof st->rng);
    st->virtual_ms = v3->virtual_ms;
    st->deterministic = (int)v3->deterministic;
    return 0;
}

int mpbox_session_load(mpbox_runtime *rt, const void *data, size_t len, mpbox_session **out, const char **why)
{
    if (why)
        *why = NULL;
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!rt || (!data && len))
        return MPBOX_MISUSE;
    struct snap_layout lay;
    int64_t lim[MPBOX_LIMIT_COUNT_];
    int rc = validate(rt, data, len, &lay, lim, why);
    if (rc != MPBOX_OK)
        return rc;
    mpbox_session *s;
    rc = mpb_session_create(rt, &s, 1);
    if (rc != MPBOX_OK)
        return rc;
    if (mpb_snap_grow_to(s, lay.mem_pages) != 0) {
        mpbox_session_free(s);
        return MPBOX_ERROR;
    }
    const uint8_t *base = data;
    memcpy((uint8_t *)&s->inst + GLOBALS_OFFSET, base + lay.globals_at, GLOBALS_BYTES);
    memcpy(s->limits, lim, sizeof s->limits);
    /* The memory starts as the image: clear the image's pages, then write
     * the snapshot's. */
    uint8_t *mem = s->inst.w2c_memory.data;
    for (uint32_t i = 0; i < rt->image_count; i++)
        memset(mem + (size_t)rt->image_index[i] * PAGE, 0, PAGE);
    mpb_snap_put_pages(mem, base + lay.pages_at, lay.page_count);
    const char *state_why = NULL;
    int bad = lay.is_v3 ? load_state_v3(&s->host.state, &lay, base, lim, &state_why)
                     : mpb_state_load(&s->host.state, base + lay.state_at, lay.state_end - lay.state_at,
                                      (uint64_t)lim[MPBOX_LIMIT_FILES_BYTES], (uint64_t)lim[MPBOX_LIMIT_FILES_COUNT],
                                      &state_why);
    if (!bad && (int64_t)s->host.state.deterministic != lim[MPBOX_LIMIT_DETERMINISTIC]) {
        bad = 1;
        state_why = "inconsistent host state";
    }
    if (bad) {
        if (why)
            *why = state_why;
        mpbox_session_free(s);
        return MPBOX_SNAPSHOT;
    }
    s->inst.w2c_memory.max_pages = (uint32_t)(s->limits[MPBOX_LIMIT_MEMORY] / MPB_WASM_PAGE);
    s->pristine = 0;
    uint8_t id[MPB_SHA256_LEN];
    mpb_snap_id(data, len, lay.mac, id);
    mpb_delta_mark(s, id);
    *out = s;
    return MPBOX_OK;
}

int mpbox_runtime_snapshot_key(mpbox_runtime *rt, const void *key, size_t len)
{
    if (!rt || (len && (!key || len < MPBOX_SNAPSHOT_KEY_MIN || len > MPBOX_SNAPSHOT_KEY_MAX)))
        return MPBOX_MISUSE;
    memset(rt->snap_key, 0, sizeof rt->snap_key);
    if (len)
        memcpy(rt->snap_key, key, len);
    rt->snap_key_len = len;
    return MPBOX_OK;
}

int mpbox_session_fork(mpbox_session *src, mpbox_session **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!src)
        return MPBOX_MISUSE;
    int rc = mpb_session_acquire(src);
    if (rc != MPBOX_OK)
        return rc;
    const mpbox_runtime *rt = src->rt;
    const wasm_rt_memory_t *from = &src->inst.w2c_memory;
    unsigned char *cand = mpb_snap_candidates(rt, from);
    mpbox_session *s = NULL;
    rc = cand ? mpb_session_create(src->rt, &s, 1) : MPBOX_NOMEM;
    if (rc == MPBOX_OK && mpb_snap_grow_to(s, from->pages) != 0)
        rc = MPBOX_ERROR;
    if (rc != MPBOX_OK) {
        mpbox_session_free(s);
        free(cand);
        atomic_store(&src->busy, 0);
        return rc;
    }
    uint8_t *mem = s->inst.w2c_memory.data;
    size_t npages = from->size / PAGE;
    for (size_t p = 0, start = 0; p <= npages; p++) {
        int in = p < npages && (cand[p] & 1);
        if (!in) {
            if (p > start)
                populate(mem + start * PAGE, (p - start) * PAGE);
            start = p + 1;
        }
    }
    for (size_t p = 0; p < npages; p++) {
        if (cand[p] & 1)
            memcpy(mem + p * PAGE, from->data + p * PAGE, PAGE);
        else if (p < (size_t)rt->image_pages * (MPB_WASM_PAGE / PAGE) && rt->image_slot[p] >= 0)
            memset(mem + p * PAGE, 0, PAGE); /* image data the source no longer has */
    }
    free(cand);
    memcpy((uint8_t *)&s->inst + GLOBALS_OFFSET, (const uint8_t *)&src->inst + GLOBALS_OFFSET, GLOBALS_BYTES);
    memcpy(s->limits, src->limits, sizeof s->limits);
    s->inst.w2c_memory.max_pages = from->max_pages;
    if (mpb_state_copy(&s->host.state, &src->host.state) != 0) {
        atomic_store(&src->busy, 0);
        mpbox_session_free(s);
        return MPBOX_NOMEM;
    }
    s->host.output_fn = src->host.output_fn;
    s->host.output_user = src->host.output_user;
    s->pristine = src->pristine;
    mpb_hostreg_free(&s->host_reg); /* the source's host functions, not the runtime's */
    if (mpb_hostreg_copy(&s->host_reg, &src->host_reg) != MPBOX_OK) {
        atomic_store(&src->busy, 0);
        mpbox_session_free(s);
        return MPBOX_NOMEM;
    }
    s->host_unbound = src->host_unbound;
    atomic_store(&src->busy, 0);
    *out = s;
    return MPBOX_OK;
}
