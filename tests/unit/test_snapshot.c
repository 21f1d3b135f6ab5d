/*
 * test_snapshot.c — sessions to bytes and back, forks, refusal of bad
 * snapshots, and deterministic mode.
 */
#include <stdint.h>

#include "check.h"
#include "core.h"

static mpbox_runtime *rt;

static mpbox_result *run_in(mpbox_session *s, const char *src)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    return r;
}

static void expect(mpbox_session *s, const char *src, const char *out)
{
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), out);
    if (mpbox_result_traceback(r))
        printf("    %s\n", mpbox_result_traceback(r));
    mpbox_result_free(r);
}

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
        {32, 3},          /* limit count */
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
                   MPBOX_LIMIT_COUNT_ * 8;
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
    memcpy(copy + first - MPBOX_LIMIT_COUNT_ * 8 + MPBOX_LIMIT_MEMORY * 8, &huge, 8);
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

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(round_trip);
    RUN(fork_session);
    RUN(lost_and_misuse);
    RUN(refuses_bad_snapshots);
    RUN(deterministic_mode);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
