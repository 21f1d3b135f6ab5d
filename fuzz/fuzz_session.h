/*
 * fuzz_session.h — what the fuzz targets of saved sessions (fuzz_snapshot,
 * fuzz_delta) share beyond fuzz.h: a run whose result is checked, the
 * checksum trailer, patching a valid input, and counts of how inputs ended.
 * Define FUZZ_NAME before including it.
 */
#ifndef MPB_FUZZ_SESSION_H
#define MPB_FUZZ_SESSION_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "fuzz.h"

/* How the inputs ended (printed at exit when asked): whether they get past
 * the checksum to the structural checks and to running. */
static struct {
    unsigned long loaded, ran_ok, other_rc;
    const char *why[32];
    unsigned long why_count[32];
} stats;

static void count_refusal(const char *why)
{
    for (int i = 0; i < 32; i++) {
        if (stats.why[i] == why || !stats.why[i]) {
            stats.why[i] = why;
            stats.why_count[i]++;
            return;
        }
    }
}

static void print_stats(void)
{
    fprintf(stderr, FUZZ_NAME ": loaded %lu (probe ran ok %lu), host failures %lu\n", stats.loaded, stats.ran_ok,
            stats.other_rc);
    for (int i = 0; i < 32 && stats.why[i]; i++)
        fprintf(stderr, FUZZ_NAME ": refused %8lu  %s\n", stats.why_count[i], stats.why[i]);
}

/* Run src in s and check the result's shape; NULL when s is lost. */
static mpbox_result *run(mpbox_session *s, const char *src)
{
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, src, strlen(src), &r);
    if (rc == MPBOX_LOST)
        return NULL; /* a patched session may be unusable: fine */
    if (rc != MPBOX_OK || !r)
        DIE("mpbox_run returned %d (%s)", rc, mpbox_errstr(rc));
    mpbox_status st = mpbox_result_status(r);
    if (st < MPBOX_STATUS_OK || st > MPBOX_STATUS_OUT_OF_FUEL)
        DIE("bad status %d", (int)st);
    if (mpbox_result_session_lost(r) != mpbox_session_is_lost(s))
        DIE("lost flags disagree");
    size_t jn = 0;
    char *json = mpbox_result_json(r, &jn);
    if (!json || strlen(json) != jn)
        DIE("json");
    mpbox_free(json);
    return r;
}

/* The checksum that ends a snapshot or a delta (no key: no MAC). */
static void reseal(uint8_t *buf, size_t len)
{
    if (len < 8)
        return;
    uint64_t sum = mpb_checksum(buf, len - 8, 0);
    memcpy(buf + len - 8, &sum, 8);
}

static int sealed(const uint8_t *buf, size_t len)
{
    if (len < 8)
        return 0;
    uint64_t sum;
    memcpy(&sum, buf + len - 8, 8);
    return sum == mpb_checksum(buf, len - 8, 0);
}

/* Patch mode: `orig` (a valid snapshot or delta: meta_len bytes of header
 * and tables, then `pages` page records of 4 + 4096 bytes) edited by the
 * input. Its first byte edits the length: 1-127 cut that many bytes before
 * the checksum, 128-255 insert op - 127 zero bytes there. Then each 4 bytes
 * (lo, mid, sel, value) set one byte: in the metadata (sel >> 6 == 0), at
 * the start of a page record (1), or anywhere (2, 3). The result is tried
 * as it is and, when the edit broke the checksum, resealed and tried again,
 * so the structural checks behind the checksum get inputs too. try_one must
 * succeed when the edit changed nothing. */
static void patch_and_try(const uint8_t *orig, size_t orig_len, size_t meta_len, uint32_t pages,
                          const uint8_t *data, size_t size, void (*try_one)(const uint8_t *, size_t, int))
{
    unsigned op = size ? data[0] : 0;
    if (size)
        data++, size--;
    size_t body = orig_len - 8, cut = 0, grow = 0;
    if (op >= 1 && op <= 127)
        cut = op < body ? op : body;
    else if (op >= 128)
        grow = op - 127;
    size_t len = orig_len - cut + grow;
    uint8_t *buf = malloc(len);
    if (!buf)
        DIE("malloc");
    memcpy(buf, orig, body - cut);
    memset(buf + body - cut, 0, grow);
    memcpy(buf + len - 8, orig + body, 8);
    for (; size >= 4; data += 4, size -= 4) {
        unsigned lo = data[0], mid = data[1], sel = data[2];
        size_t off;
        switch (sel >> 6) {
        case 0: off = (lo | mid << 8) % meta_len; break;
        case 1:
            if (!pages)
                continue;
            off = meta_len + (size_t)((lo | mid << 8) % pages) * 4100 + (sel & 3);
            break;
        default: off = (lo | mid << 8 | (size_t)(sel & 63) << 16) % len; break;
        }
        if (off < len)
            buf[off] = data[3];
    }
    int must_succeed = len == orig_len && memcmp(buf, orig, len) == 0;
    try_one(buf, len, must_succeed);
    if (!sealed(buf, len)) {
        reseal(buf, len);
        try_one(buf, len, must_succeed);
    }
    free(buf);
}

#endif /* MPB_FUZZ_SESSION_H */
