/*
 * fuzz_snapshot.c — libFuzzer target: the snapshot loader
 * (mpbox_session_load) on untrusted bytes.
 *
 * Two modes, chosen by the first byte:
 *
 *   raw      (any first byte but PATCH_MARKER) the input is the snapshot.
 *
 *   patch    (first byte PATCH_MARKER) the input edits a valid snapshot
 *            made once at start-up from a session that ran a small
 *            program. Byte 1 changes the length (0 keep; 1..127 cut that
 *            many bytes before the checksum; 128..255 insert op-127 zero
 *            bytes before it), then 4-byte patches follow: lo, mid, sel,
 *            value. The top two bits of sel say where the byte goes:
 *              00  header, globals and limits: (lo | mid << 8) % their size
 *              01  a page record's number: record (lo | mid << 8) %
 *                  page_count, byte sel & 3
 *              1x  anywhere: (lo | mid << 8 | (sel & 63) << 16) % length
 *            The result is loaded as it is and, when its checksum is then
 *            wrong, a second time with the checksum recomputed, so that the
 *            structural checks behind the checksum are reached.
 *
 * Asserted: no host crash (ASan, UBSan); a refusal is MPBOX_SNAPSHOT with
 * no session and a non-empty reason; an unpatched snapshot loads; a session
 * that loads can be saved again, that snapshot loads too, and it runs a
 * program (under a 200 ms watchdog: patched guest memory may do anything
 * to itself) with a valid result.
 *
 * Build: make fuzz (see fuzz/Makefile).
 * Run:   build-fuzz/fuzz_snapshot -max_total_time=180 build-fuzz/corpus_snapshot
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_snapshot"
#include "fuzz_session.h"

#define PATCH_MARKER 0xA5
/* The fixed-size part before the page records: header, globals, limits.
 * Its size is read from the valid snapshot's header fields. */
#define HEADER_BYTES 48u /* sizeof(struct snap_header) in core/snapshot.c */

static mpbox_runtime *rt;
static uint8_t *base;     /* the valid snapshot */
static size_t base_len;
static size_t meta_len;   /* header + globals + limits */
static uint32_t base_pages; /* page records in it */

static const char setup_src[] = "import json\n"
                                "class Point:\n"
                                "    def __init__(self, x, y):\n"
                                "        self.x, self.y = x, y\n"
                                "def twice(n):\n"
                                "    return 2 * n\n"
                                "p = Point(3, 4)\n"
                                "v = [1, 2, 3]\n"
                                "d = {'k': bytearray(b'abc' * 100)}\n";
static const char probe_src[] = "print(twice(len(v)), p.x * p.y, json.dumps(v), len(d['k']))";

static void setup(void)
{
    rt = fuzz_runtime();

    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        DIE("session");
    mpbox_result *r = run(s, setup_src);
    if (!r || mpbox_result_status(r) != MPBOX_STATUS_OK)
        DIE("setup program failed");
    mpbox_result_free(r);
    void *snap = NULL;
    if (mpbox_session_save(s, &snap, &base_len) != MPBOX_OK)
        DIE("save");
    mpbox_session_free(s);
    base = snap;
    if (getenv("FUZZ_SNAPSHOT_STATS"))
        atexit(print_stats);

    /* header: magic[8] version header_bytes image_id globals_bytes
     * mem_pages limit_count page_count ... */
    uint32_t header_bytes, globals_bytes, limit_count;
    memcpy(&header_bytes, base + 12, 4);
    memcpy(&globals_bytes, base + 24, 4);
    memcpy(&limit_count, base + 32, 4);
    memcpy(&base_pages, base + 36, 4);
    if (header_bytes != HEADER_BYTES)
        DIE("snapshot header is %u bytes: update fuzz_snapshot.c", header_bytes);
    meta_len = (size_t)header_bytes + globals_bytes + (size_t)limit_count * 16; /* (id, value) records */
    /* the file-system section runs from the last page record to the checksum */
    if (meta_len + (size_t)base_pages * 4100 + 8 > base_len)
        DIE("snapshot layout changed: update fuzz_snapshot.c");
}

/* Load one candidate; check what the loader says and use what it gives. */
static void try_load(const uint8_t *data, size_t len, int must_load)
{
    mpbox_session *s = (mpbox_session *)1;
    const char *why = NULL;
    int rc = mpbox_session_load(rt, data, len, &s, &why);
    if (rc != MPBOX_OK) {
        if (s != NULL)
            DIE("refused (%d) but *out was not cleared", rc);
        if (rc == MPBOX_SNAPSHOT) {
            if (!why || !*why)
                DIE("refused without a reason");
            count_refusal(why);
            if (must_load)
                DIE("a valid snapshot was refused: %s", why);
            return;
        }
        /* host failures are allowed (a huge memory size, say), misuse not */
        if (rc != MPBOX_NOMEM && rc != MPBOX_ERROR)
            DIE("mpbox_session_load returned %d (%s)", rc, mpbox_errstr(rc));
        stats.other_rc++;
        return;
    }
    if (!s || why)
        DIE("loaded, but out=%p why=%s", (void *)s, why ? why : "(null)");
    stats.loaded++;

    /* Whatever the snapshot said, keep the runs short and small. */
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 200);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, 1u << 16);
    mpbox_session_limit(s, MPBOX_LIMIT_STDERR, 1u << 16);
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0);

    /* A session that loaded saves again into a snapshot that loads. */
    void *again = NULL;
    size_t again_len = 0;
    rc = mpbox_session_save(s, &again, &again_len);
    if (rc != MPBOX_OK && rc != MPBOX_NOMEM)
        DIE("a loaded session could not be saved: %d", rc);
    if (rc == MPBOX_OK) {
        mpbox_session *t = NULL;
        rc = mpbox_session_load(rt, again, again_len, &t, &why);
        if (rc == MPBOX_SNAPSHOT)
            DIE("the re-saved snapshot was refused: %s", why ? why : "?");
        mpbox_session_free(t);
        mpbox_free(again);
    }

    mpbox_result *r = run(s, probe_src);
    if (r && mpbox_result_status(r) == MPBOX_STATUS_OK)
        stats.ran_ok++;
    if (must_load) {
        size_t n = 0;
        const char *out = r ? mpbox_result_stdout(r, &n) : NULL;
        if (!r || mpbox_result_status(r) != MPBOX_STATUS_OK || !out || strcmp(out, "6 12 [1, 2, 3] 300\n") != 0)
            DIE("the unpatched snapshot does not continue: %s", out ? out : "(no output)");
    }
    mpbox_result_free(r);
    if (!mpbox_session_is_lost(s)) {
        r = run(s, "x = 1 + 1");
        mpbox_result_free(r);
    }
    mpbox_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* not in LLVMFuzzerInitialize: see fuzz_runtime() */
    if (!rt)
        setup();
    if (size && data[0] == PATCH_MARKER)
        patch_and_try(base, base_len, meta_len, base_pages, data + 1, size - 1, try_load);
    else
        try_load(data, size, 0);
    return 0;
}
