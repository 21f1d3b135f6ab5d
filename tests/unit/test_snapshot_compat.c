/*
 * test_snapshot_compat.c — snapshots written before still load: format 3
 * (what the library wrote until format 4), and format 4 snapshots holding
 * fewer limits (written before a limit was added: the new one gets the
 * runtime's value) or unknown ones (a later build's: skipped).
 *
 * Format 3 snapshots are made here from a format 4 snapshot of the same
 * session (v3_of): the same contents in format 3's layout (core/snapshot.c,
 * docs/sessions.md). When format 4 came in, v3_of was checked against the
 * last format 3 writer: a deterministic session saved by that writer and
 * v3_of of the same session saved by the new one were equal byte for byte.
 */
#include <stdint.h>

#include "check.h"
#include "core.h"

static mpbox_runtime *rt;

#define V4_HEADER 48u
#define V3_HEADER 80u
#define V3_LIMITS 16u
#define GLOBALS (offsetof(Z_micropython_instance_t, w2c_memory) - offsetof(Z_micropython_instance_t, w2c_g0))

static uint32_t u32_at(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* Rewrite the trailing checksum (and the MAC under `key`, if any). */
static void reseal(uint8_t *data, size_t len, const char *key)
{
    size_t body = len - 8 - (key ? 32 : 0);
    if (key)
        mpb_hmac_sha256(key, strlen(key), data, body, data + body);
    uint64_t sum = mpb_checksum(data, len - 8, 0);
    memcpy(data + len - 8, &sum, 8);
}

/* A format 4 snapshot in format 3's layout: malloc'd, its length in *out_len. */
static uint8_t *v3_of(const uint8_t *v4, size_t len, const char *key, size_t *out_len)
{
    uint32_t limit_count = u32_at(v4 + 32), page_count = u32_at(v4 + 36), mac = u32_at(v4 + 40);
    size_t limits_at = V4_HEADER + GLOBALS;
    size_t pages_at = limits_at + (size_t)limit_count * 16;
    size_t state_at = pages_at + (size_t)page_count * (4 + 4096);
    size_t state_end = len - 8 - (mac ? 32 : 0);
    size_t files_len = state_end - state_at - 40; /* the host state's scalars, then the files */
    size_t n = V3_HEADER + GLOBALS + V3_LIMITS * 8 + (state_at - pages_at) + files_len +
               (mac ? 32 : 0) + 8;
    uint8_t *out = calloc(1, n);
    if (!out)
        return NULL;
    memcpy(out, v4, 8);                      /* magic */
    uint32_t version = 3, header = V3_HEADER, nlim = V3_LIMITS;
    memcpy(out + 8, &version, 4);
    memcpy(out + 12, &header, 4);
    memcpy(out + 16, v4 + 16, 8);            /* image id */
    memcpy(out + 24, v4 + 24, 8);            /* globals bytes, memory pages */
    memcpy(out + 32, &nlim, 4);
    memcpy(out + 36, &page_count, 4);
    memcpy(out + 40, v4 + state_at + 8, 24); /* rng[2], virtual_ms */
    memcpy(out + 72, v4 + state_at + 32, 4); /* deterministic */
    memcpy(out + 76, &mac, 4);
    memcpy(out + V3_HEADER, v4 + V4_HEADER, GLOBALS);
    for (uint32_t i = 0; i < limit_count; i++) {
        const uint8_t *rec = v4 + limits_at + (size_t)i * 16;
        uint32_t id = u32_at(rec);
        if (id < V3_LIMITS)
            memcpy(out + V3_HEADER + GLOBALS + (size_t)id * 8, rec + 8, 8);
    }
    uint8_t *p = out + V3_HEADER + GLOBALS + V3_LIMITS * 8;
    memcpy(p, v4 + pages_at, state_at - pages_at);
    p += state_at - pages_at;
    memcpy(p, v4 + state_at + 40, files_len);
    reseal(out, n, mac ? key : NULL);
    *out_len = n;
    return out;
}

static void expect(mpbox_session *s, const char *src, const char *out)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    if (r && mpbox_result_traceback(r))
        printf("    %s\n", mpbox_result_traceback(r));
    CHECK_STR(r ? mpbox_result_stdout(r, NULL) : "", out);
    mpbox_result_free(r);
}

/* A session with state in every part a snapshot holds: variables, a file
 * put by the host and one written by the guest, the working directory,
 * deterministic mode with its clock and random source, own limits. */
static mpbox_session *make_session(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_DETERMINISTIC, 1) == 0);
    mpbox_session_limit(s, MPBOX_LIMIT_SEED, 7);
    mpbox_session_limit(s, MPBOX_LIMIT_FILES_COUNT, 500);
    mpbox_session_limit(s, MPBOX_LIMIT_HOST_CALLS, 77);
    CHECK(mpbox_session_put_file(s, "/data/in.txt", "from the host", 13) == MPBOX_OK);
    expect(s,
           "import os, random, time\n"
           "os.chdir('/data')\n"
           "with open('out.txt', 'w') as f:\n"
           "    f.write('from the guest')\n"
           "words = {'a': [1, 2], 'b': random.getrandbits(20)}\n"
           "t0 = time.time()\n",
           "");
    return s;
}

/* What the session answers next: must be the same from every copy. */
static const char probe[] = "print(words, open('in.txt').read(), open('/data/out.txt').read(), os.getcwd(),\n"
                            "      random.getrandbits(30), time.time() - t0 > 0)\n";

static char *probe_output(mpbox_session *s)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, probe, strlen(probe), &r) == MPBOX_OK);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    char *out = strdup(r ? mpbox_result_stdout(r, NULL) : "");
    mpbox_result_free(r);
    return out;
}

static void check_loads(const uint8_t *data, size_t len, const char *want)
{
    mpbox_session *s = NULL;
    const char *why = NULL;
    CHECK(mpbox_session_load(rt, data, len, &s, &why) == MPBOX_OK);
    if (why)
        printf("    refused: %s\n", why);
    if (!s)
        return;
    char *got = probe_output(s);
    CHECK_STR(got, want);
    free(got);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_COUNT, -1) == 500);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_CALLS, -1) == 77);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_SEED, -1) == 7);
    mpbox_session_free(s);
}

static void format_3_loads(void)
{
    static const char key[] = "compat test key, 32 bytes long!!";
    for (int keyed = 0; keyed < 2; keyed++) {
        CHECK(mpbox_runtime_snapshot_key(rt, key, keyed ? strlen(key) : 0) == MPBOX_OK);
        mpbox_session *s = make_session();
        void *snap = NULL;
        size_t len = 0;
        CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
        CHECK(snap && u32_at(snap) == 0x4f42504d && u32_at((uint8_t *)snap + 8) == 4);
        char *want = probe_output(s);
        size_t len3 = 0;
        uint8_t *v3 = snap ? v3_of(snap, len, keyed ? key : NULL, &len3) : NULL;
        CHECK(v3 != NULL);
        if (v3) {
            check_loads(snap, len, want);
            check_loads(v3, len3, want);
            /* format 3 is checked as strictly: a flipped bit is refused */
            v3[V3_HEADER + 3] ^= 1;
            mpbox_session *bad = NULL;
            CHECK(mpbox_session_load(rt, v3, len3, &bad, NULL) == MPBOX_SNAPSHOT && bad == NULL);
        }
        free(v3);
        free(want);
        mpbox_free(snap);
        mpbox_session_free(s);
    }
    mpbox_runtime_snapshot_key(rt, NULL, 0);
}

/* The limit record of `id` in a format 4 snapshot, or NULL. */
static uint8_t *limit_record(uint8_t *snap, uint32_t id)
{
    uint32_t n = u32_at(snap + 32);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *rec = snap + V4_HEADER + GLOBALS + (size_t)i * 16;
        if (u32_at(rec) == id)
            return rec;
    }
    return NULL;
}

static void limits_added_or_unknown(void)
{
    mpbox_session *s = make_session();
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    mpbox_session_free(s);
    if (!snap)
        return;
    uint8_t *copy = malloc(len);
    CHECK(copy != NULL);
    if (!copy)
        return;
    int64_t old = mpbox_runtime_limit(rt, MPBOX_LIMIT_HOST_CALLS, 1234);
    /* written before host_calls existed: its record left out */
    memcpy(copy, snap, len);
    uint8_t *rec = limit_record(copy, MPBOX_LIMIT_HOST_CALLS);
    CHECK(rec != NULL);
    size_t after = (size_t)(rec + 16 - copy);
    memmove(rec, rec + 16, len - after);
    uint32_t n = u32_at(copy + 32) - 1;
    memcpy(copy + 32, &n, 4);
    reseal(copy, len - 16, NULL);
    mpbox_session *t = NULL;
    CHECK(mpbox_session_load(rt, copy, len - 16, &t, NULL) == MPBOX_OK);
    CHECK(mpbox_session_limit(t, MPBOX_LIMIT_HOST_CALLS, -1) == 1234); /* the runtime's */
    CHECK(mpbox_session_limit(t, MPBOX_LIMIT_FILES_COUNT, -1) == 500); /* the snapshot's */
    expect(t, "print(words['a'])", "[1, 2]\n");
    mpbox_session_free(t);
    /* written by a later build with a limit this one does not know */
    memcpy(copy, snap, len);
    uint32_t unknown = 200;
    memcpy(limit_record(copy, MPBOX_LIMIT_HOST_CALLS), &unknown, 4);
    reseal(copy, len, NULL);
    t = NULL;
    CHECK(mpbox_session_load(rt, copy, len, &t, NULL) == MPBOX_OK);
    CHECK(mpbox_session_limit(t, MPBOX_LIMIT_HOST_CALLS, -1) == 1234);
    mpbox_session_free(t);
    /* a limit given twice: refused */
    memcpy(copy, snap, len);
    uint32_t twice = MPBOX_LIMIT_FILES_COUNT;
    memcpy(limit_record(copy, MPBOX_LIMIT_HOST_CALLS), &twice, 4);
    reseal(copy, len, NULL);
    const char *why = NULL;
    t = NULL;
    CHECK(mpbox_session_load(rt, copy, len, &t, &why) == MPBOX_SNAPSHOT && t == NULL);
    CHECK(why && strstr(why, "twice"));
    mpbox_runtime_limit(rt, MPBOX_LIMIT_HOST_CALLS, old);
    free(copy);
    mpbox_free(snap);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(format_3_loads);
    RUN(limits_added_or_unknown);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
