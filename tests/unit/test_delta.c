/*
 * test_delta.c — incremental snapshots: chains of deltas rebuild a session
 * exactly (across rollbacks, memory growth, files, forks and runs without
 * write tracking), and deltas applied to the wrong state, out of order,
 * altered, truncated or unauthenticated are refused without harm.
 */
#include <stdint.h>

#include "check.h"
#include "session.h"

static mpbox_runtime *rt;

struct blob {
    void *data;
    size_t len;
};

/* A full snapshot of s's state that leaves s's chain alone (a fork's). */
static struct blob state_of(mpbox_session *s)
{
    struct blob b = {NULL, 0};
    mpbox_session *f = NULL;
    CHECK(mpbox_session_fork(s, &f) == MPBOX_OK);
    CHECK(f && mpbox_session_save(f, &b.data, &b.len) == MPBOX_OK);
    mpbox_session_free(f);
    return b;
}

static int same_state(mpbox_session *a, mpbox_session *b)
{
    struct blob x = state_of(a), y = state_of(b);
    int same = x.len == y.len && x.data && y.data && memcmp(x.data, y.data, x.len) == 0;
    mpbox_free(x.data);
    mpbox_free(y.data);
    return same;
}

/* Run src with the session's fuel cut to `fuel` (0: unchanged). */
static mpbox_status run_with_fuel(mpbox_session *s, const char *src, int64_t fuel)
{
    int64_t old = mpbox_session_limit(s, MPBOX_LIMIT_FUEL, -1);
    if (fuel)
        mpbox_session_limit(s, MPBOX_LIMIT_FUEL, fuel);
    mpbox_result *r = run_in(s, src);
    mpbox_status st = r ? mpbox_result_status(r) : MPBOX_STATUS_TRAP;
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, old);
    return st;
}

/* Step i of a session's life: kept runs that write a little or a lot,
 * grow the heap, write files; runs rolled back after writing (out of fuel)
 * or after growing memory. */
static void step(mpbox_session *s, int i)
{
    char src[256];
    switch (i % 6) {
    case 0:
        snprintf(src, sizeof src, "log.append(%d)\nd['k%d'] = 'v' * %d", i, i, i * 10);
        expect(s, src, "");
        break;
    case 1: /* written, then undone */
        CHECK(run_with_fuel(s, "log.append(-1)\nwhile True:\n    junk.append(bytearray(100))", 200000) ==
              MPBOX_STATUS_OUT_OF_FUEL);
        break;
    case 2:
        snprintf(src, sizeof src, "big.append(bytearray(b'%c' * 300000))", 'a' + i % 26);
        expect(s, src, "");
        break;
    case 3:
        snprintf(src, sizeof src, "open('/f%d.txt', 'w').write('file %d')\ndel big[:1]", i, i);
        expect(s, src, "");
        break;
    case 4: /* memory grown, then undone */
        CHECK(run_with_fuel(s, "grown = bytearray(4000000)\nwhile True:\n    pass", 2000000) ==
              MPBOX_STATUS_OUT_OF_FUEL);
        break;
    default:
        CHECK(mpbox_session_put_file(s, "/put.bin", "abc", (size_t)(i % 3)) == MPBOX_OK);
        expect(s, "import gc\ngc.collect()\nlog.append(len(d))", "");
        break;
    }
}

static const char setup_src[] = "log = []\nd = {}\nbig = []\njunk = []\n";
static const char check_src[] = "print(len(log), log[-3:], len(d), sum(len(b) for b in big), open('/put.bin').read())";

/* A chain of a base and many deltas rebuilds the session, step by step and
 * from scratch. */
static void chain_round_trip(void)
{
    mpbox_session *a = new_session(rt);
    expect(a, setup_src, "");
    struct blob base = {NULL, 0};
    CHECK(mpbox_session_save(a, &base.data, &base.len) == MPBOX_OK);
    enum { STEPS = 40 };
    struct blob deltas[STEPS];
    mpbox_session *b = NULL;
    CHECK(mpbox_session_load(rt, base.data, base.len, &b, NULL) == MPBOX_OK);
    size_t small = 0;
    for (int i = 0; i < STEPS; i++) {
        step(a, i);
        CHECK(mpbox_session_save_delta(a, &deltas[i].data, &deltas[i].len) == MPBOX_OK);
        small += deltas[i].len < base.len / 4;
        const char *why = "unset";
        CHECK(mpbox_session_apply_delta(b, deltas[i].data, deltas[i].len, &why) == MPBOX_OK);
        CHECK(why == NULL);
        if (i % 7 == 0)
            CHECK(same_state(a, b));
    }
    CHECK(same_state(a, b));
    /* deltas hold what changed, not the session: all but the runs that
     * wrote 300 KB (every sixth) are under a quarter of the base */
    CHECK(small >= STEPS - STEPS / 6 - 1);
    /* from scratch */
    mpbox_session *c = NULL;
    CHECK(mpbox_session_load(rt, base.data, base.len, &c, NULL) == MPBOX_OK);
    for (int i = 0; c && i < STEPS; i++)
        CHECK(mpbox_session_apply_delta(c, deltas[i].data, deltas[i].len, NULL) == MPBOX_OK);
    CHECK(same_state(a, c));
    /* all three go on alike */
    expect(a, check_src, "13 [30, 6, 36] 7 0 ab\n");
    expect(b, check_src, "13 [30, 6, 36] 7 0 ab\n");
    expect(c, check_src, "13 [30, 6, 36] 7 0 ab\n");
    for (int i = 0; i < STEPS; i++)
        mpbox_free(deltas[i].data);
    mpbox_free(base.data);
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_session_free(c);
}

/* Runs without write tracking (a new session's first run, rollback off)
 * make the next delta hold the whole memory, and it is still exact. */
static void untracked_runs(void)
{
    mpbox_session *a = new_session(rt);
    struct blob base = {NULL, 0}, d1 = {NULL, 0}, d2 = {NULL, 0}, d3 = {NULL, 0};
    CHECK(mpbox_session_save(a, &base.data, &base.len) == MPBOX_OK);
    expect(a, "x = [1] * 1000", ""); /* pristine: not tracked */
    CHECK(mpbox_session_save_delta(a, &d1.data, &d1.len) == MPBOX_OK);
    mpbox_session_limit(a, MPBOX_LIMIT_ROLLBACK, 0);
    expect(a, "x.append(2)\ny = bytearray(5000)", "");
    CHECK(mpbox_session_save_delta(a, &d2.data, &d2.len) == MPBOX_OK);
    mpbox_session_limit(a, MPBOX_LIMIT_ROLLBACK, 1);
    expect(a, "del y\nimport gc\ngc.collect()\nx.append(3)", "");
    CHECK(mpbox_session_save_delta(a, &d3.data, &d3.len) == MPBOX_OK);
    CHECK(d3.len < d2.len / 2);
    mpbox_session *b = NULL;
    CHECK(mpbox_session_load(rt, base.data, base.len, &b, NULL) == MPBOX_OK);
    CHECK(b && mpbox_session_apply_delta(b, d1.data, d1.len, NULL) == MPBOX_OK);
    CHECK(b && mpbox_session_apply_delta(b, d2.data, d2.len, NULL) == MPBOX_OK);
    CHECK(b && mpbox_session_apply_delta(b, d3.data, d3.len, NULL) == MPBOX_OK);
    CHECK(same_state(a, b));
    expect(b, "print(len(x), x[-2:], 'y' in globals())", "1002 [2, 3] False\n");
    mpbox_free(base.data);
    mpbox_free(d1.data);
    mpbox_free(d2.data);
    mpbox_free(d3.data);
    mpbox_session_free(a);
    mpbox_session_free(b);
}

/* A delta applies to the state it was taken from only: not out of order,
 * not twice, not to a fork's chain, not to another session; a refused
 * delta leaves the session as it was. */
static void wrong_base_refused(void)
{
    mpbox_session *a = new_session(rt);
    expect(a, "n = 0", "");
    struct blob base = {NULL, 0}, d1 = {NULL, 0}, d2 = {NULL, 0};
    CHECK(mpbox_session_save(a, &base.data, &base.len) == MPBOX_OK);
    expect(a, "n = 1", "");
    CHECK(mpbox_session_save_delta(a, &d1.data, &d1.len) == MPBOX_OK);
    expect(a, "n = 2", "");
    CHECK(mpbox_session_save_delta(a, &d2.data, &d2.len) == MPBOX_OK);

    mpbox_session *b = NULL;
    CHECK(mpbox_session_load(rt, base.data, base.len, &b, NULL) == MPBOX_OK);
    const char *why = NULL;
    CHECK(mpbox_session_apply_delta(b, d2.data, d2.len, &why) == MPBOX_SNAPSHOT); /* out of order */
    CHECK(why && strstr(why, "another state"));
    CHECK(mpbox_session_apply_delta(b, d1.data, d1.len, NULL) == MPBOX_OK);
    CHECK(mpbox_session_apply_delta(b, d1.data, d1.len, &why) == MPBOX_SNAPSHOT); /* twice */
    CHECK(mpbox_session_apply_delta(b, d2.data, d2.len, NULL) == MPBOX_OK);
    expect(b, "print(n)", "2\n");
    /* a session that ran since no longer holds the state its deltas name */
    mpbox_session *c = NULL;
    CHECK(mpbox_session_load(rt, base.data, base.len, &c, NULL) == MPBOX_OK);
    expect(c, "print(n)", "0\n");
    CHECK(mpbox_session_apply_delta(c, d1.data, d1.len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "changed"));
    expect(c, "print(n)", "0\n");
    mpbox_session_free(c);

    /* a fork has no saved state: no delta from it until it is saved */
    mpbox_session *f = NULL;
    struct blob fd = {NULL, 0}, fbase = {NULL, 0};
    CHECK(mpbox_session_fork(a, &f) == MPBOX_OK);
    CHECK(mpbox_session_save_delta(f, &fd.data, &fd.len) == MPBOX_MISUSE && !fd.data);
    CHECK(mpbox_session_save(f, &fbase.data, &fbase.len) == MPBOX_OK);
    expect(f, "n = 'fork'", "");
    CHECK(mpbox_session_save_delta(f, &fd.data, &fd.len) == MPBOX_OK);
    CHECK(mpbox_session_apply_delta(b, fd.data, fd.len, &why) == MPBOX_SNAPSHOT);
    expect(b, "print(n)", "2\n");
    /* a new session has none either */
    mpbox_session *n = new_session(rt);
    struct blob nd = {NULL, 0};
    CHECK(mpbox_session_save_delta(n, &nd.data, &nd.len) == MPBOX_MISUSE);
    CHECK(mpbox_session_apply_delta(n, d1.data, d1.len, &why) == MPBOX_SNAPSHOT);
    CHECK(mpbox_session_apply_delta(NULL, d1.data, d1.len, &why) == MPBOX_MISUSE);
    CHECK(mpbox_session_apply_delta(n, NULL, 5, &why) == MPBOX_MISUSE);
    mpbox_session_free(n);
    mpbox_free(fd.data);
    mpbox_free(fbase.data);
    mpbox_free(base.data);
    mpbox_free(d1.data);
    mpbox_free(d2.data);
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_session_free(f);
}

/* Every single-byte change and every truncation of a delta is refused, and
 * the session still holds its state. */
static void tampering_refused(mpbox_runtime *r, const char *name)
{
    (void)name;
    mpbox_session *a = NULL;
    CHECK(mpbox_session_new(r, &a) == MPBOX_OK);
    if (!a)
        return;
    expect(a, "s = 'x' * 100", "");
    struct blob base = {NULL, 0}, d = {NULL, 0};
    CHECK(mpbox_session_save(a, &base.data, &base.len) == MPBOX_OK);
    expect(a, "s = 'y' * 100", "");
    CHECK(mpbox_session_save_delta(a, &d.data, &d.len) == MPBOX_OK);
    mpbox_session *b = NULL;
    CHECK(mpbox_session_load(r, base.data, base.len, &b, NULL) == MPBOX_OK);
    if (!b || !d.data)
        return;
    uint8_t *bytes = d.data;
    int refused = 1;
    size_t stride = d.len / 3000 + 1;
    for (size_t i = 0; i < d.len; i += (i < 512 ? 1 : stride)) {
        bytes[i] ^= 0x5a;
        refused &= mpbox_session_apply_delta(b, d.data, d.len, NULL) == MPBOX_SNAPSHOT;
        bytes[i] ^= 0x5a;
    }
    for (size_t n = 0; n < d.len; n += (n < 512 ? 1 : stride))
        refused &= mpbox_session_apply_delta(b, d.data, n, NULL) == MPBOX_SNAPSHOT;
    CHECK(refused);
    mpbox_session *f = NULL; /* b itself must not run: its deltas would no longer apply */
    CHECK(mpbox_session_fork(b, &f) == MPBOX_OK);
    expect(f, "print(s[0])", "x\n");
    mpbox_session_free(f);
    CHECK(mpbox_session_apply_delta(b, d.data, d.len, NULL) == MPBOX_OK);
    expect(b, "print(s[0])", "y\n");
    mpbox_free(base.data);
    mpbox_free(d.data);
    mpbox_session_free(a);
    mpbox_session_free(b);
}

static void tampering_refused_checksum(void) { tampering_refused(rt, "checksum"); }

/* With a key, a delta needs a MAC under it: one made under another key or
 * none is refused, even when its base id is right. */
static void authenticated_deltas(void)
{
    mpbox_runtime *k1 = NULL, *k2 = NULL;
    CHECK(mpbox_runtime_new(&k1) == MPBOX_OK && mpbox_runtime_new(&k2) == MPBOX_OK);
    if (!k1 || !k2)
        return;
    CHECK(mpbox_runtime_snapshot_key(k1, "0123456789abcdef0123456789abcdef", 32) == MPBOX_OK);
    CHECK(mpbox_runtime_snapshot_key(k2, "fedcba9876543210fedcba9876543210", 32) == MPBOX_OK);
    tampering_refused(k1, "mac");
    /* the same session saved under both keys: deltas do not cross */
    mpbox_session *a = NULL, *b = NULL;
    CHECK(mpbox_session_new(k1, &a) == MPBOX_OK);
    expect(a, "v = 1", "");
    struct blob base = {NULL, 0}, d = {NULL, 0};
    CHECK(mpbox_session_save(a, &base.data, &base.len) == MPBOX_OK);
    CHECK(mpbox_session_load(k1, base.data, base.len, &b, NULL) == MPBOX_OK);
    /* re-key: a's chain continues, but its deltas carry k2's MAC */
    CHECK(mpbox_runtime_snapshot_key(k1, "fedcba9876543210fedcba9876543210", 32) == MPBOX_OK);
    expect(a, "v = 2", "");
    CHECK(mpbox_session_save_delta(a, &d.data, &d.len) == MPBOX_OK);
    CHECK(mpbox_runtime_snapshot_key(k1, "0123456789abcdef0123456789abcdef", 32) == MPBOX_OK);
    const char *why = NULL;
    CHECK(b && mpbox_session_apply_delta(b, d.data, d.len, &why) == MPBOX_SNAPSHOT);
    CHECK(why && strstr(why, "authentication"));
    expect(b, "print(v)", "1\n");
    mpbox_free(base.data);
    mpbox_free(d.data);
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_runtime_free(k1);
    mpbox_runtime_free(k2);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(chain_round_trip);
    RUN(untracked_runs);
    RUN(wrong_base_refused);
    RUN(tampering_refused_checksum);
    RUN(authenticated_deltas);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
