/*
 * test_snapshot.c — sessions to bytes and back, forks, refusal of bad
 * snapshots, and deterministic mode.
 */
#include <stdint.h>
#include <sys/resource.h>

#include "check.h"
#include "session.h"
#include "core.h"

static mpbox_runtime *rt;

static const char setup[] = "import json\n"
                            "class Point:\n"
                            "    def __init__(self, x, y):\n"
                            "        self.x, self.y = x, y\n"
                            "    def norm2(self):\n"
                            "        return self.x * self.x + self.y * self.y\n"
                            "def greet(name):\n"
                            "    return 'hello ' + name\n"
                            "p = Point(3, 4)\n"
                            "blob = bytearray(b'\\x01' * (2 * 1024 * 1024))\n"
                            "blob[-1] = 7\n"
                            "counter = 10\n";
static const char check_src[] = "counter += 1\nprint(greet('x'), p.norm2(), json.dumps([counter]), blob[-1], len(blob))";

static void round_trip(void)
{
    mpbox_session *a = NULL, *b = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    expect(a, setup, "");
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(a, &snap, &len) == MPBOX_OK);
    CHECK(snap != NULL && len > 2 * 1024 * 1024);
    const char *why = "unset";
    CHECK(mpbox_session_load(rt, snap, len, &b, &why) == MPBOX_OK);
    CHECK(why == NULL);
    expect(b, check_src, "hello x 25 [11] 7 2097152\n");
    /* independent: the original did not see b's run */
    expect(a, "print(counter)", "10\n");
    expect(b, "print(counter)", "11\n");
    /* a loaded session can be saved again, identically when unchanged */
    void *snap2 = NULL;
    size_t len2 = 0;
    mpbox_session *c = NULL;
    CHECK(mpbox_session_load(rt, snap, len, &c, NULL) == MPBOX_OK);
    CHECK(mpbox_session_save(c, &snap2, &len2) == MPBOX_OK);
    CHECK(len2 == len && memcmp(snap, snap2, len) == 0);
    mpbox_free(snap2);
    mpbox_free(snap);
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_session_free(c);
}

static void fork_session(void)
{
    mpbox_session *a = NULL, *b = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    expect(a, setup, "");
    CHECK(mpbox_session_fork(a, &b) == MPBOX_OK);
    expect(b, check_src, "hello x 25 [11] 7 2097152\n");
    expect(a, check_src, "hello x 25 [11] 7 2097152\n");
    expect(a, "counter = 100", "");
    expect(b, "print(counter)", "11\n");
    /* forking a fresh session and one after a rollback */
    mpbox_session *c = NULL, *d = NULL;
    CHECK(mpbox_session_new(rt, &c) == MPBOX_OK);
    CHECK(mpbox_session_fork(c, &d) == MPBOX_OK);
    expect(d, "print(1 + 1)", "2\n");
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_session_free(c);
    mpbox_session_free(d);
}

static void lost_and_misuse(void)
{
    void *snap = (void *)1;
    size_t len = 1;
    mpbox_session *s = NULL;
    CHECK(mpbox_session_save(NULL, &snap, &len) == MPBOX_MISUSE);
    CHECK(snap == NULL && len == 0);
    CHECK(mpbox_session_load(NULL, "x", 1, &s, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_load(rt, NULL, 5, &s, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_fork(NULL, &s) == MPBOX_MISUSE && s == NULL);
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_ROLLBACK, 0);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 50);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 20);
    mpbox_result *r = run_in(s, "x = 3 ** 5000000");
    mpbox_result_free(r);
    CHECK(mpbox_session_is_lost(s));
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_LOST);
    mpbox_session *f = (mpbox_session *)1;
    CHECK(mpbox_session_fork(s, &f) == MPBOX_LOST && f == NULL);
    mpbox_session_free(s);
}

static void make_snapshot(void **snap, size_t *len)
{
    mpbox_session *a = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    expect(a, "v = [1, 2, 3]", "");
    CHECK(mpbox_session_save(a, snap, len) == MPBOX_OK);
    mpbox_session_free(a);
}

static int refused(const void *data, size_t len)
{
    mpbox_session *s = (mpbox_session *)1;
    const char *why = NULL;
    int rc = mpbox_session_load(rt, data, len, &s, &why);
    if (rc == MPBOX_OK) {
        mpbox_session_free(s);
        return 0;
    }
    return rc == MPBOX_SNAPSHOT && s == NULL && why != NULL && *why;
}

/* Rewrite the trailing checksum so that only the structural checks can
 * catch a crafted change. */
static void reseal(uint8_t *data, size_t len)
{
    uint64_t sum = mpb_checksum(data, len - 8, 0);
    memcpy(data + len - 8, &sum, 8);
}

static void refuses_bad_snapshots(void)
{
    void *snap = NULL;
    size_t len = 0;
    make_snapshot(&snap, &len);
    uint8_t *copy = malloc(len + 16);
    CHECK(copy != NULL);
    if (!copy || !snap)
        return;
    /* truncated anywhere */
    for (size_t cut = 0; cut < len; cut += (cut < 4096 ? 7 : 4093)) {
        memcpy(copy, snap, cut);
        CHECK(refused(copy, cut));
    }
    /* a flipped bit anywhere */
    for (size_t at = 0; at < len; at += 997) {
        memcpy(copy, snap, len);
        copy[at] ^= 0x10;
        CHECK(refused(copy, len));
    }
    /* trailing bytes */
    memcpy(copy, snap, len);
    memset(copy + len, 0, 16);
    CHECK(refused(copy, len + 16));
    /* crafted fields with a valid checksum */
    struct {
        size_t offset;
        uint32_t value;
    } crafted[] = {
        {8, 1},           /* version (1: before the file system) */
        {12, 12},         /* header size */
        {16, 0xdeadbeef}, /* image id (low word) */
        {24, 8},          /* globals size */
        {28, 1},          /* memory pages below the image */
        {28, 40000},      /* memory pages above 2 GiB */
        {32, 5000},       /* limit count */
        {36, 0xffffffffu} /* page count */
    };
    for (size_t i = 0; i < sizeof crafted / sizeof crafted[0]; i++) {
        memcpy(copy, snap, len);
        memcpy(copy + crafted[i].offset, &crafted[i].value, 4);
        reseal(copy, len);
        CHECK(refused(copy, len));
    }
    /* the first page record: out of range, then out of order */
    uint32_t header_bytes;
    memcpy(&header_bytes, (uint8_t *)snap + 12, 4);
    size_t first = header_bytes +
                   (offsetof(Z_micropython_instance_t, w2c_memory) - offsetof(Z_micropython_instance_t, w2c_g0)) +
                   MPBOX_LIMIT_COUNT_ * 16;
    uint32_t bad = 0x7fffffff;
    memcpy(copy, snap, len);
    memcpy(copy + first, &bad, 4);
    reseal(copy, len);
    CHECK(refused(copy, len));
    memcpy(copy, snap, len);
    uint32_t second;
    memcpy(&second, copy + first + 4 + 4096, 4);
    memcpy(copy + first, &second, 4);
    reseal(copy, len);
    CHECK(refused(copy, len));
    /* a limit out of range */
    memcpy(copy, snap, len);
    int64_t huge = INT64_MAX;
    memcpy(copy + first - MPBOX_LIMIT_COUNT_ * 16 + MPBOX_LIMIT_MEMORY * 16 + 8, &huge, 8);
    reseal(copy, len);
    CHECK(refused(copy, len));
    /* random garbage */
    for (size_t i = 0; i < len; i++)
        copy[i] = (uint8_t)(i * 131 + 7);
    CHECK(refused(copy, len));
    /* and the intact one still loads */
    CHECK(!refused(snap, len));
    free(copy);
    mpbox_free(snap);
}

static void deterministic_mode(void)
{
    const char *src = "import random, time\n"
                      "print(random.getrandbits(30), random.random(), time.time(), time.ticks_ms())\n"
                      "d = {}\n"
                      "for i in range(50): d[str(i * 7919)] = i\n"
                      "print(list(d.items())[:5], id(d) % 1000)\n";
    char out[3][512];
    for (int k = 0; k < 3; k++) {
        mpbox_session *s = NULL;
        CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
        CHECK(mpbox_session_limit(s, MPBOX_LIMIT_DETERMINISTIC, 1) == 0);
        mpbox_session_limit(s, MPBOX_LIMIT_SEED, k == 2 ? 43 : 42);
        mpbox_result *r = run_in(s, src);
        CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
        snprintf(out[k], sizeof out[k], "%s", mpbox_result_stdout(r, NULL));
        mpbox_result_free(r);
        mpbox_session_free(s);
    }
    CHECK_STR(out[0], out[1]);
    CHECK(strcmp(out[0], out[2]) != 0); /* another seed, other numbers */
    CHECK(strstr(out[0], " 1767225600.") != NULL); /* the virtual epoch */
}

static long peak_rss_kib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

static int load_why(const void *data, size_t len, const char **why)
{
    mpbox_session *s = NULL;
    int rc = mpbox_session_load(rt, data, len, &s, why);
    mpbox_session_free(s);
    return rc;
}

/* Issue 10: a header declaring 2 GiB of linear memory (and a 2 GiB cap of
 * its own), checksum recomputed, loaded where the cap is 32 MiB: refused
 * with a clear reason before any memory is set up for it. */
static void refuses_memory_above_cap(void)
{
    void *snap = NULL;
    size_t len = 0;
    make_snapshot(&snap, &len);
    uint8_t *copy = malloc(len);
    CHECK(copy != NULL && snap != NULL);
    if (!copy || !snap)
        return;
    memcpy(copy, snap, len);
    uint32_t pages = 32768, header_bytes;
    memcpy(copy + 28, &pages, 4);
    memcpy(&header_bytes, copy + 12, 4);
    size_t limits_at = header_bytes +
                       (offsetof(Z_micropython_instance_t, w2c_memory) - offsetof(Z_micropython_instance_t, w2c_g0));
    int64_t cap = (int64_t)MPBOX_MAX_MEMORY;
    memcpy(copy + limits_at + MPBOX_LIMIT_MEMORY * 16 + 8, &cap, 8); /* records: u32 id, u32 0, i64 */
    reseal(copy, len);
    int64_t old = mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, 32 << 20);
    long before = peak_rss_kib();
    const char *why = NULL;
    for (int i = 0; i < 20; i++)
        CHECK(load_why(copy, len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "larger than the memory cap"));
    CHECK(peak_rss_kib() - before < 16 * 1024);
    /* under a 2 GiB cap the same snapshot is within limits */
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, cap);
    mpbox_session *s = NULL;
    CHECK(mpbox_session_load(rt, copy, len, &s, NULL) == MPBOX_OK);
    mpbox_session_free(s);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, old);
    free(copy);
    mpbox_free(snap);
}

/* Saved with a 512 MiB cap holding ~100 MiB, loaded under 32 MiB: refused;
 * under 256 MiB it loads with the lower cap; under 512 MiB as saved. */
static void saved_large_loaded_small(void)
{
    mpbox_session *a = NULL, *b = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    mpbox_session_limit(a, MPBOX_LIMIT_MEMORY, 512 << 20);
    expect(a, "big = bytearray(100 * 1024 * 1024)\nbig[-1] = 5", "");
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(a, &snap, &len) == MPBOX_OK);
    mpbox_session_free(a);
    int64_t old = mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, 32 << 20);
    const char *why = NULL;
    CHECK(load_why(snap, len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "larger than the memory cap"));
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, 256 << 20);
    CHECK(mpbox_session_load(rt, snap, len, &b, NULL) == MPBOX_OK);
    CHECK(mpbox_session_limit(b, MPBOX_LIMIT_MEMORY, -1) == 256 << 20);
    expect(b, "print(big[-1], len(big))", "5 104857600\n");
    mpbox_result *r = run_in(b, "more = bytearray(200 * 1024 * 1024)");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK(mpbox_result_peak_memory(r) <= 256u << 20);
    mpbox_result_free(r);
    mpbox_session_free(b);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, 512 << 20);
    CHECK(mpbox_session_load(rt, snap, len, &b, NULL) == MPBOX_OK);
    CHECK(mpbox_session_limit(b, MPBOX_LIMIT_MEMORY, -1) == 512 << 20);
    mpbox_session_free(b);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, old);
    mpbox_free(snap);
}

/* Files beyond the runtime's file caps are refused too. */
static void refuses_files_above_cap(void)
{
    mpbox_session *a = NULL;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    expect(a, "open('/f', 'wb').write(b'x' * 300000)\nimport os\nfor i in range(20): os.mkdir('/d%d' % i)", "");
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(a, &snap, &len) == MPBOX_OK);
    mpbox_session_free(a);
    const char *why = NULL;
    int64_t old = mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_BYTES, 100000);
    CHECK(load_why(snap, len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "file size cap"));
    mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_BYTES, old);
    old = mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_COUNT, 10);
    CHECK(load_why(snap, len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "file count cap"));
    mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_COUNT, old);
    CHECK(load_why(snap, len, &why) == MPBOX_OK);
    mpbox_free(snap);
}

static void hex(const uint8_t *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

/* SHA-256 (FIPS 180-4 examples) and HMAC-SHA256 (RFC 4231 cases 1, 2, 6). */
static void hmac_vectors(void)
{
    uint8_t out[32];
    char h[65];
    mpb_sha256("abc", 3, out);
    hex(out, 32, h);
    CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    mpb_sha256(two, strlen(two), out);
    hex(out, 32, h);
    CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    uint8_t key[131];
    memset(key, 0x0b, 20);
    mpb_hmac_sha256(key, 20, "Hi There", 8, out);
    hex(out, 32, h);
    CHECK_STR(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    mpb_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, out);
    hex(out, 32, h);
    CHECK_STR(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    memset(key, 0xaa, sizeof key);
    const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
    mpb_hmac_sha256(key, sizeof key, msg, strlen(msg), out);
    hex(out, 32, h);
    CHECK_STR(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(mpb_equal_ct("abc", "abc", 3) && !mpb_equal_ct("abc", "abd", 3));
    /* FIPS 180-2's long vector: a million 'a', 15625 blocks in one call
     * (the hardware block function where the CPU has one) */
    char *million = malloc(1000000);
    if (million) {
        memset(million, 'a', 1000000);
        mpb_sha256(million, 1000000, out);
        hex(out, 32, h);
        CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        free(million);
    }
}

/* With a key, snapshots carry a MAC and loads require a valid one. */
static void authenticated_snapshots(void)
{
    void *plain = NULL, *signed_ = NULL;
    size_t plain_len = 0, signed_len = 0;
    make_snapshot(&plain, &plain_len);
    const char key[] = "0123456789abcdef0123456789abcdef";
    CHECK(mpbox_runtime_snapshot_key(rt, key, 15) == MPBOX_MISUSE);
    CHECK(mpbox_runtime_snapshot_key(rt, key, 65) == MPBOX_MISUSE);
    CHECK(mpbox_runtime_snapshot_key(NULL, key, 32) == MPBOX_MISUSE);
    CHECK(mpbox_runtime_snapshot_key(rt, key, 32) == MPBOX_OK);
    make_snapshot(&signed_, &signed_len);
    CHECK(signed_len == plain_len + 32);
    const char *why = NULL;
    CHECK(load_why(signed_, signed_len, &why) == MPBOX_OK);
    /* unsigned: refused */
    CHECK(load_why(plain, plain_len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "not authenticated"));
    /* altered anywhere, checksum recomputed (a forger can): refused */
    uint8_t *copy = malloc(signed_len);
    CHECK(copy != NULL);
    if (!copy)
        return;
    for (size_t at = 48; at < signed_len - 8; at += 4099) {
        memcpy(copy, signed_, signed_len);
        copy[at] ^= 1;
        reseal(copy, signed_len);
        why = NULL;
        CHECK(load_why(copy, signed_len, &why) == MPBOX_SNAPSHOT);
        CHECK(why && strstr(why, "MAC mismatch"));
    }
    /* another key: refused */
    CHECK(mpbox_runtime_snapshot_key(rt, "another key, 16+ bytes", 22) == MPBOX_OK);
    CHECK(load_why(signed_, signed_len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "MAC mismatch"));
    /* no key: both load (the MAC cannot be checked without it) */
    CHECK(mpbox_runtime_snapshot_key(rt, NULL, 0) == MPBOX_OK);
    CHECK(load_why(signed_, signed_len, &why) == MPBOX_OK);
    CHECK(load_why(plain, plain_len, &why) == MPBOX_OK);
    free(copy);
    mpbox_free(plain);
    mpbox_free(signed_);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    stress_timeouts(rt);
    RUN(round_trip);
    RUN(fork_session);
    RUN(lost_and_misuse);
    RUN(refuses_bad_snapshots);
    RUN(deterministic_mode);
    RUN(refuses_memory_above_cap);
    RUN(refuses_files_above_cap);
    RUN(saved_large_loaded_small);
    RUN(hmac_vectors);
    RUN(authenticated_snapshots);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
