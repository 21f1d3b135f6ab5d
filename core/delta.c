/*
 * delta.c — incremental snapshots: what changed in a session since its last
 * save or load, as a delta that applies to that state only.
 *
 * Format (version 1, little-endian, tied to one guest build by image_id):
 *
 *   header      struct delta_header ("MPBOXDLT", the id of the state it
 *               applies to, sizes)
 *   globals     the guest's mutable globals, raw, as in a snapshot
 *   limits      limit_count records, as in a snapshot
 *   zeros       zero_count u32 page numbers, increasing: pages now zero
 *   pages       page_count records (u32 page number + 4096 bytes),
 *               increasing: pages with their new contents
 *   host state  all of it, as in a snapshot, up to the trailer
 *   trailer     as a snapshot's: HMAC-SHA256 under the runtime's key (when
 *               it has one), then a u64 checksum (core/snapshot.c)
 *
 * Pages listed neither way are unchanged; with DELTA_WHOLE (a run without
 * write tracking came since the last save, so nothing is known of what it
 * wrote) they are zero, and the pages list every non-zero page.
 *
 * Ids: each save, load, delta save and delta applied names the state the
 * session then holds by its bytes' MAC (with a key) or checksum, kept in
 * the session (core.h). A delta carries its base's id under its own MAC:
 * it applies to that state only, so a chain applies in its order only.
 * Without a key the id is a 64-bit checksum: it catches mistakes, not
 * forgeries, as the snapshot's checksum does.
 *
 * The pages changed since the last save are those write tracking saved at
 * a checkpoint since (rt/track.c keeps them, rolled-back runs' too: more
 * than needed, never less), those past the memory's size then (growth
 * during a run is not tracked), and the watchdog's hot pages (written from
 * its thread, always writable).
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define DELTA_VERSION 1u
#define PAGE MPB_HOST_PAGE
#define DELTA_WHOLE 1u

struct delta_header {
    char magic[8];
    uint32_t version;
    uint32_t header_bytes;
    uint64_t image_id;
    uint8_t base_id[MPB_SHA256_LEN]; /* the state this delta applies to */
    uint32_t globals_bytes;
    uint32_t mem_pages;   /* wasm pages */
    uint32_t limit_count; /* limit records */
    uint32_t zero_count;  /* page numbers of pages now zero */
    uint32_t page_count;  /* 4 KiB page records */
    uint32_t flags;       /* DELTA_WHOLE */
    uint32_t mac;         /* 1: an HMAC-SHA256 precedes the checksum */
    uint32_t reserved;    /* 0 */
};

static const char magic[8] = {'M', 'P', 'B', 'O', 'X', 'D', 'L', 'T'};

void mpb_delta_mark(mpbox_session *s, const uint8_t id[MPB_SHA256_LEN])
{
    memcpy(s->delta_id, id, MPB_SHA256_LEN);
    s->delta_has_id = 1;
    s->delta_all = 0;
    s->delta_changed = 0;
    s->delta_pages = s->inst.w2c_memory.pages;
    mpb_track_clean(&s->track);
}

/* Which pages the next delta must look at: 1 for each 4 KiB page of the
 * memory that may have changed since the last save (malloc'd). */
static unsigned char *changed_pages(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t npages = m->size / PAGE, grown_from = (size_t)s->delta_pages * (MPB_WASM_PAGE / PAGE);
    unsigned char *v = calloc(npages ? npages : 1, 1);
    if (!v)
        return NULL;
    for (size_t p = 0; p < npages; p++)
        v[p] = p >= grown_from || mpb_track_dirty(&s->track, p);
    uint32_t hot[MPB_HOT_COUNT];
    mpb_hot_addrs(s->rt, hot);
    for (int i = 0; i < MPB_HOT_COUNT; i++)
        if (hot[i] / PAGE < npages)
            v[hot[i] / PAGE] = 1;
    return v;
}

int mpbox_session_save_delta(mpbox_session *s, void **out, size_t *len)
{
    int rc = mpb_snap_begin(s, out, len);
    if (rc != MPBOX_OK)
        return rc;
    if (!s->delta_has_id) {
        atomic_store(&s->busy, 0);
        return MPBOX_MISUSE;
    }
    const mpbox_runtime *rt = s->rt;
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t npages = m->size / PAGE, grown_from = (size_t)s->delta_pages * (MPB_WASM_PAGE / PAGE);
    int whole = s->delta_all;
    /* look[p]: 0 unchanged, 1 now zero, 2 to copy */
    unsigned char *look = whole ? mpb_snap_candidates(rt, m) : changed_pages(s);
    uint32_t zeros = 0, pages = 0;
    for (size_t p = 0; look && p < npages; p++) {
        if (!(look[p] & 1))
            look[p] = 0;
        else if (!mpb_page_is_zero(m->data + p * PAGE))
            look[p] = 2;
        else /* a zero page is news only where the base may hold data */
            look[p] = !whole && p < grown_from;
        zeros += look[p] == 1;
        pages += look[p] == 2;
    }
    size_t state = mpb_state_save_size(&s->host.state);
    size_t total = sizeof(struct delta_header) + MPB_SNAP_GLOBALS_BYTES + MPBOX_LIMIT_COUNT_ * MPB_SNAP_LIMIT_RECORD +
                   (size_t)zeros * 4 + (size_t)pages * (4 + PAGE) + state + mpb_snap_trailer_bytes(rt);
    uint8_t *buf = look ? malloc(total) : NULL;
    if (!buf) {
        free(look);
        atomic_store(&s->busy, 0);
        return MPBOX_NOMEM;
    }
    struct delta_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, magic, sizeof magic);
    h.version = DELTA_VERSION;
    h.header_bytes = sizeof h;
    h.image_id = rt->image_id;
    memcpy(h.base_id, s->delta_id, sizeof h.base_id);
    h.globals_bytes = (uint32_t)MPB_SNAP_GLOBALS_BYTES;
    h.mem_pages = m->pages;
    h.limit_count = MPBOX_LIMIT_COUNT_;
    h.zero_count = zeros;
    h.page_count = pages;
    h.flags = whole ? DELTA_WHOLE : 0;
    h.mac = rt->snap_key_len != 0;
    uint8_t *p = buf;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, (const uint8_t *)&s->inst + MPB_SNAP_GLOBALS_AT, MPB_SNAP_GLOBALS_BYTES);
    p += MPB_SNAP_GLOBALS_BYTES;
    p = mpb_snap_put_limits(s->limits, p);
    for (size_t i = 0; i < npages; i++) {
        if (look[i] == 1) {
            uint32_t index = (uint32_t)i;
            memcpy(p, &index, 4);
            p += 4;
        }
    }
    for (size_t i = 0; i < npages; i++)
        if (look[i] == 2)
            p = mpb_snap_put_page(m, i, p);
    free(look);
    return mpb_snap_finish(s, buf, p, total, out, len);
}

#define REFUSE(text)                                                           \
    do {                                                                       \
        if (why)                                                               \
            *why = (text);                                                     \
        return MPBOX_SNAPSHOT;                                                 \
    } while (0)

/* Where the parts of a delta lie, once checked. */
struct delta_layout {
    struct delta_header h;
    size_t limits_at, zeros_at, pages_at, state_at, state_end;
};

/* Check everything about a delta for session s before anything changes:
 * the MAC first (with a key), then that it applies to s's state, layout
 * and sizes, the checksum, and the limits (into lim). */
static int validate(const mpbox_session *s, const uint8_t *data, size_t len, struct delta_layout *lay,
                    int64_t lim[MPBOX_LIMIT_COUNT_], const char **why)
{
    const mpbox_runtime *rt = s->rt;
    struct delta_header *h = &lay->h;
    if (len >= sizeof magic && memcmp(data, magic, sizeof magic) != 0)
        REFUSE("not an mpbox session delta (bad magic)");
    if (len < sizeof *h + 8)
        REFUSE("truncated: shorter than a header");
    memcpy(h, data, sizeof *h);
    if (h->version != DELTA_VERSION)
        REFUSE("unsupported delta format version");
    if (h->header_bytes != sizeof *h || h->reserved != 0 || h->globals_bytes != MPB_SNAP_GLOBALS_BYTES ||
        h->limit_count > 4096 || h->flags > DELTA_WHOLE || h->mac > 1)
        REFUSE("delta layout does not match this build");
    if (h->image_id != rt->image_id)
        REFUSE("delta of another guest build");
    uint64_t trailer = 8 + (h->mac ? MPB_SNAP_MAC_BYTES : 0);
    if (len < (uint64_t)h->header_bytes + trailer)
        REFUSE("truncated: shorter than a header");
    const char *bad = mpb_snap_check_mac(rt, data, len, h->mac);
    if (bad)
        REFUSE(bad);
    if (!s->delta_has_id || !mpb_equal_ct(h->base_id, s->delta_id, MPB_SHA256_LEN))
        REFUSE("the delta applies to another state (wrong base, or out of order)");
    if (s->delta_changed)
        REFUSE("the session changed since its last save or load (a run, a file): the delta applies to the state before");
    uint64_t limit = (uint64_t)h->mem_pages * (MPB_WASM_PAGE / PAGE);
    if (h->mem_pages < s->inst.w2c_memory.pages || h->mem_pages > 32768u)
        REFUSE("memory size out of range");
    if (h->page_count > limit || h->zero_count > limit)
        REFUSE("more pages than the memory holds");
    uint64_t limits_at = (uint64_t)h->header_bytes + MPB_SNAP_GLOBALS_BYTES;
    uint64_t zeros_at = limits_at + (uint64_t)h->limit_count * MPB_SNAP_LIMIT_RECORD;
    uint64_t pages_at = zeros_at + (uint64_t)h->zero_count * 4;
    uint64_t state_at = pages_at + (uint64_t)h->page_count * (4 + PAGE);
    if (state_at + trailer > len)
        REFUSE("truncated");
    if ((bad = mpb_snap_check_sum(data, len)) != NULL ||
        (bad = mpb_snap_read_limits(rt, data + limits_at, h->limit_count, MPB_SNAP_LIMIT_RECORD, lim)) != NULL)
        REFUSE(bad);
    if ((uint64_t)h->mem_pages > (uint64_t)lim[MPBOX_LIMIT_MEMORY] / MPB_WASM_PAGE)
        REFUSE("its linear memory is larger than the memory cap (linear memory cannot shrink: raise the cap)");
    int64_t prev = -1;
    for (uint32_t i = 0; i < h->zero_count; i++) {
        uint32_t index;
        memcpy(&index, data + zeros_at + (size_t)i * 4, 4);
        if (index >= limit || (int64_t)index <= prev)
            REFUSE("page numbers out of range or out of order");
        prev = index;
    }
    if ((bad = mpb_snap_check_pages(data + pages_at, h->page_count, limit)) != NULL)
        REFUSE(bad);
    lay->limits_at = (size_t)limits_at;
    lay->zeros_at = (size_t)zeros_at;
    lay->pages_at = (size_t)pages_at;
    lay->state_at = (size_t)state_at;
    lay->state_end = len - (size_t)trailer;
    return MPBOX_OK;
}

/* DELTA_WHOLE: zero every page the delta does not list (its records are
 * written over the rest next). */
static void clear_unlisted(uint8_t *mem, size_t npages, const uint8_t *rec, uint32_t count)
{
    size_t next = 0;
    for (uint32_t i = 0; i <= count; i++, rec += 4 + PAGE) {
        uint32_t index = (uint32_t)npages;
        if (i < count)
            memcpy(&index, rec, 4);
        for (; next < index; next++)
            if (!mpb_page_is_zero(mem + next * PAGE))
                memset(mem + next * PAGE, 0, PAGE);
        next = (size_t)index + 1;
    }
}

int mpbox_session_apply_delta(mpbox_session *s, const void *data, size_t len, const char **why)
{
    if (why)
        *why = NULL;
    if (!s || (!data && len))
        return MPBOX_MISUSE;
    int rc = mpb_session_acquire(s);
    if (rc != MPBOX_OK)
        return rc;
    const uint8_t *d = data;
    struct delta_layout lay;
    int64_t lim[MPBOX_LIMIT_COUNT_];
    rc = validate(s, d, len, &lay, lim, why);
    /* The host state goes first: the one step that can still refuse
     * (its file system, within the new limits) leaves s as it was. */
    const char *state_why = NULL;
    if (rc == MPBOX_OK &&
        mpb_state_replace(&s->host.state, d + lay.state_at, lay.state_end - lay.state_at,
                          (uint64_t)lim[MPBOX_LIMIT_FILES_BYTES], (uint64_t)lim[MPBOX_LIMIT_FILES_COUNT],
                          lim[MPBOX_LIMIT_DETERMINISTIC] != 0, &state_why) != 0) {
        if (why)
            *why = state_why;
        rc = MPBOX_SNAPSHOT;
    }
    /* memory is written outside a run: it must be writable */
    if (rc == MPBOX_OK && (mpb_track_release(&s->track) != 0 || mpb_snap_grow_to(s, lay.h.mem_pages) != 0)) {
        s->lost = 1; /* its host state is the delta's already */
        rc = MPBOX_ERROR;
    }
    if (rc != MPBOX_OK) {
        atomic_store(&s->busy, 0);
        return rc;
    }
    uint8_t *mem = s->inst.w2c_memory.data;
    if (lay.h.flags & DELTA_WHOLE)
        clear_unlisted(mem, s->inst.w2c_memory.size / PAGE, d + lay.pages_at, lay.h.page_count);
    for (uint32_t i = 0; i < lay.h.zero_count; i++) {
        uint32_t index;
        memcpy(&index, d + lay.zeros_at + (size_t)i * 4, 4);
        memset(mem + (size_t)index * PAGE, 0, PAGE);
    }
    mpb_snap_put_pages(mem, d + lay.pages_at, lay.h.page_count);
    memcpy((uint8_t *)&s->inst + MPB_SNAP_GLOBALS_AT, d + lay.h.header_bytes, MPB_SNAP_GLOBALS_BYTES);
    memcpy(s->limits, lim, sizeof s->limits);
    s->inst.w2c_memory.max_pages = (uint32_t)(s->limits[MPBOX_LIMIT_MEMORY] / MPB_WASM_PAGE);
    s->pristine = 0;
    uint8_t id[MPB_SHA256_LEN];
    mpb_snap_id(d, len, lay.h.mac, id);
    mpb_delta_mark(s, id);
    atomic_store(&s->busy, 0);
    return MPBOX_OK;
}
