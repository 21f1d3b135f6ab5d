/*
 * fuzz_delta.c — libFuzzer target: applying a delta
 * (mpbox_session_apply_delta) from untrusted bytes to a loaded session.
 *
 * At start-up a session runs a small program and is saved (the base); a
 * second program follows and is saved as a delta (the valid delta). Each
 * input is applied to a session freshly loaded from the base. Two modes,
 * chosen by the first byte:
 *
 *   raw      (any first byte but PATCH_MARKER) the input is the delta.
 *
 *   patch    (first byte PATCH_MARKER) the input edits the valid delta.
 *            Byte 1 changes the length (0 keep; 1..127 cut that many bytes
 *            before the checksum; 128..255 insert op-127 zero bytes before
 *            it), then 4-byte patches follow: lo, mid, sel, value. The top
 *            two bits of sel say where the byte goes:
 *              00  header, globals, limits and zero-page list:
 *                  (lo | mid << 8) % their size
 *              01  a page record's number: record (lo | mid << 8) %
 *                  page_count, byte sel & 3
 *              1x  anywhere: (lo | mid << 8 | (sel & 63) << 16) % length
 *            The result is applied as it is and, when its checksum is then
 *            wrong, again with the checksum recomputed, so that the
 *            structural checks behind the checksum are reached.
 *
 * Asserted: no host crash (ASan, UBSan); a refusal is MPBOX_SNAPSHOT with a
 * non-empty reason and leaves the session exactly as it was (its snapshot
 * is still the base's bytes, and the valid delta still applies); the
 * unpatched delta applies and the session continues; a session a delta
 * applied to saves into a snapshot that loads, and runs a program (under a
 * 200 ms watchdog) with a valid result.
 *
 * Build: make fuzz (see fuzz/Makefile).
 * Run:   build-fuzz/fuzz_delta -max_total_time=180 build-fuzz/corpus_delta
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_delta"
#include "fuzz_session.h"

#define PATCH_MARKER 0xA5
/* sizeof(struct delta_header) in core/delta.c, and where its counts lie */
#define HEADER_BYTES 88u
#define AT_GLOBALS_BYTES 56u
#define AT_LIMIT_COUNT 64u
#define AT_ZERO_COUNT 68u
#define AT_PAGE_COUNT 72u

static mpbox_runtime *rt;
static uint8_t *base, *delta; /* the valid snapshot and delta */
static size_t base_len, delta_len;
static size_t meta_len;       /* header + globals + limits + zero list */
static uint32_t delta_pages;  /* page records in the delta */

static const char setup_src[] = "class Point:\n"
                                "    def __init__(self, x, y):\n"
                                "        self.x, self.y = x, y\n"
                                "p = Point(3, 4)\n"
                                "v = [1, 2, 3]\n";
static const char step_src[] = "v.append(len(v) + 1)\nd = {'k': bytearray(b'abc' * 2000)}\np.x = 5\n";
static const char probe_src[] = "print(v, p.x * p.y, len(d['k']))";

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
    void *b = NULL, *d = NULL;
    if (mpbox_session_save(s, &b, &base_len) != MPBOX_OK)
        DIE("save");
    r = run(s, step_src);
    if (!r || mpbox_result_status(r) != MPBOX_STATUS_OK)
        DIE("step program failed");
    mpbox_result_free(r);
    if (mpbox_session_save_delta(s, &d, &delta_len) != MPBOX_OK)
        DIE("save_delta");
    mpbox_session_free(s);
    base = b;
    delta = d;
    if (getenv("FUZZ_DELTA_STATS"))
        atexit(print_stats);
    uint32_t header_bytes, globals_bytes, limit_count, zero_count;
    memcpy(&header_bytes, delta + 12, 4);
    memcpy(&globals_bytes, delta + AT_GLOBALS_BYTES, 4);
    memcpy(&limit_count, delta + AT_LIMIT_COUNT, 4);
    memcpy(&zero_count, delta + AT_ZERO_COUNT, 4);
    memcpy(&delta_pages, delta + AT_PAGE_COUNT, 4);
    if (header_bytes != HEADER_BYTES)
        DIE("delta header is %u bytes: update fuzz_delta.c", header_bytes);
    meta_len = (size_t)header_bytes + globals_bytes + (size_t)limit_count * 16 + (size_t)zero_count * 4;
    if (meta_len + (size_t)delta_pages * 4100 + 8 > delta_len)
        DIE("delta layout changed: update fuzz_delta.c");
}

static mpbox_session *load_base(void)
{
    mpbox_session *s = NULL;
    if (mpbox_session_load(rt, base, base_len, &s, NULL) != MPBOX_OK)
        DIE("the base does not load");
    return s;
}

/* s still holds the base: a fork saves into the base's bytes. */
static void check_unchanged(mpbox_session *s)
{
    mpbox_session *f = NULL;
    void *snap = NULL;
    size_t len = 0;
    if (mpbox_session_fork(s, &f) != MPBOX_OK || mpbox_session_save(f, &snap, &len) != MPBOX_OK)
        DIE("fork or save after a refusal");
    if (len != base_len || memcmp(snap, base, len) != 0)
        DIE("a refused delta changed the session");
    mpbox_free(snap);
    mpbox_session_free(f);
}

/* Apply one candidate to a fresh copy of the base; check what it says. */
static void try_apply(const uint8_t *data, size_t len, int must_apply)
{
    mpbox_session *s = load_base();
    const char *why = NULL;
    int rc = mpbox_session_apply_delta(s, data, len, &why);
    if (rc != MPBOX_OK) {
        if (rc == MPBOX_SNAPSHOT) {
            if (!why || !*why)
                DIE("refused without a reason");
            count_refusal(why);
            if (must_apply)
                DIE("the valid delta was refused: %s", why);
            check_unchanged(s);
            if (mpbox_session_apply_delta(s, delta, delta_len, &why) != MPBOX_OK)
                DIE("the valid delta no longer applies after a refusal: %s", why ? why : "?");
        } else if (rc == MPBOX_NOMEM || rc == MPBOX_ERROR) {
            stats.other_rc++; /* host failures are allowed (a huge memory), misuse not */
            mpbox_session_free(s);
            return;
        } else {
            DIE("mpbox_session_apply_delta returned %d (%s)", rc, mpbox_errstr(rc));
        }
    } else {
        if (why)
            DIE("applied, but why=%s", why);
        stats.loaded++;
    }
    /* Whatever the delta said, keep the runs short and small. */
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 200);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, 1u << 16);
    mpbox_session_limit(s, MPBOX_LIMIT_STDERR, 1u << 16);
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0);
    void *again = NULL;
    size_t again_len = 0;
    rc = mpbox_session_save(s, &again, &again_len);
    if (rc != MPBOX_OK && rc != MPBOX_NOMEM)
        DIE("a session a delta applied to could not be saved: %d", rc);
    if (rc == MPBOX_OK) {
        mpbox_session *t = NULL;
        if (mpbox_session_load(rt, again, again_len, &t, &why) == MPBOX_SNAPSHOT)
            DIE("its snapshot was refused: %s", why ? why : "?");
        mpbox_session_free(t);
        mpbox_free(again);
    }
    mpbox_result *r = run(s, probe_src);
    if (r && mpbox_result_status(r) == MPBOX_STATUS_OK)
        stats.ran_ok++;
    if (must_apply) {
        const char *out = r ? mpbox_result_stdout(r, NULL) : NULL;
        if (!out || strcmp(out, "[1, 2, 3, 4] 20 6000\n") != 0)
            DIE("the valid delta does not continue: %s", out ? out : "(no output)");
    }
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* not in LLVMFuzzerInitialize: see fuzz_runtime() */
    if (!rt)
        setup();
    if (size && data[0] == PATCH_MARKER)
        patch_and_try(delta, delta_len, meta_len, delta_pages, data + 1, size - 1, try_apply);
    else
        try_apply(data, size, 0);
    return 0;
}
