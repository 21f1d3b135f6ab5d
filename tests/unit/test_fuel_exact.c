/*
 * test_fuel_exact.c — fuel stays exact and deterministic with the guest's
 * call and counting rewrites: guest/invoke (calls that cannot longjmp made
 * directly, not through the host's setjmp trampolines) and guest/fuel's
 * counting in a local (loops that make no charging call keep the count in
 * a register, loaded before the loop and stored to the global at every
 * charge; everything else charges the global).
 *
 * And fuel does not depend on collections: guest/fuel charges the
 * allocator a fixed amount per call instead of metering its search, whose
 * length depends on what garbage the last collection kept (stale words on
 * the native stack, docs/fuel.md "Collections"). Before that, the scans
 * program below varied by about 0.003% between fresh sessions.
 *
 * For programs that go through those paths (exceptions raised through
 * try/finally, with and generators; string scans, dicts, interning,
 * sorting; garbage many times the memory cap; a collection before every
 * allocation), with collections on: the output is CPython's, two fresh
 * sessions use the same fuel, a budget equal to that fuel passes with the
 * same output and the same fuel, one unit less ends out_of_fuel (so the
 * counter is exact where it ran out), and the session then uses the same
 * fuel again (the failed run was rolled back); after a first program, the
 * session, a fork of it and a saved and loaded copy use the same fuel.
 * Loops that never end stop at the budget. Speed is measured by bench/
 * (docs/benchmarks.md), never here.
 *
 * Under `make test-gc-stress` (every allocation collects: gc.threshold()
 * is 0 from the start) the same checks run on the programs small enough
 * for it.
 */
#include <stdint.h>

#include "session.h"

static mpbox_runtime *rt;

/* Exceptions through nlr_push/nlr_pop (direct calls now): raised deep
 * under try/finally, swallowed by a context manager, thrown in a
 * generator. */
static const char exceptions[] =
    "class Ctx:\n"
    "    def __init__(self, log): self.log = log\n"
    "    def __enter__(self): self.log.append('in'); return self\n"
    "    def __exit__(self, t, v, tb): self.log.append('out:' + (t.__name__ if t else '-')); return t is KeyError\n"
    "\n"
    "def deep(n):\n"
    "    if n == 0:\n"
    "        raise ValueError('bottom %d' % n)\n"
    "    try:\n"
    "        return deep(n - 1)\n"
    "    finally:\n"
    "        pass\n"
    "\n"
    "def gen(n):\n"
    "    for i in range(n):\n"
    "        try:\n"
    "            yield 10 // (i % 3)\n"
    "        except GeneratorExit:\n"
    "            raise\n"
    "        finally:\n"
    "            pass\n"
    "\n"
    "log = []\n"
    "caught = 0\n"
    "for i in range(300):\n"
    "    try:\n"
    "        deep(i % 25)\n"
    "    except ValueError as e:\n"
    "        caught += len(str(e))\n"
    "    with Ctx(log):\n"
    "        if i % 2:\n"
    "            {}['k%d' % i]\n"
    "    try:\n"
    "        total = sum(gen(i % 7 + 1))\n"
    "    except ZeroDivisionError as e:\n"
    "        caught += 1\n"
    "print(caught, len(log), log[:4], log[-2:])\n";
static const char exceptions_out[] = "2700 600 ['in', 'out:-', 'in', 'out:KeyError'] ['in', 'out:KeyError']\n";

/* Guest functions with loops that count in a local: substring search and
 * split, dict updates, interning new names, sorting tuples. */
static const char scans[] =
    "text = ('lorem ipsum dolor sit amet ' * 4000) + 'needle'\n"
    "n = 0\n"
    "for i in range(40):\n"
    "    n += text.count('or') + text.find('needle') + len(text.split(' '))\n"
    "words = {}\n"
    "for i in range(30000):\n"
    "    w = 'w%d' % (i % 2500)\n"
    "    words[w] = words.get(w, 0) + i\n"
    "class C:\n"
    "    pass\n"
    "for i in range(1500):\n"
    "    setattr(C, 'attr%d' % i, i)\n"
    "rows = sorted(((i * 7919) % 10007, 'r%d' % i) for i in range(20000))\n"
    "print(n, len(words), sum(words.values()) % 1000003, getattr(C, 'attr1499'), rows[0], rows[-1])\n";
static const char scans_out[] = "5440040 2500 983653 1499 (0, 'r0') (10006, 'r11047')\n";

/* Big integers: host/bignum.c adds, subtracts, multiplies (Karatsuba for
 * long operands) and divides the digits, charging by the operands' lengths. */
static const char bignums[] =
    "f = 1\n"
    "for i in range(2, 1500):\n"
    "    f *= i\n"
    "a, b = 0, 1\n"
    "for _ in range(4000):\n"
    "    a, b = b, a + b\n"
    "p = 7 ** 3000\n"
    "q, r = divmod(p * p + 12345, 3 ** 2000 + 1)\n"
    "print(f % 1000003, a % 1000003, (p * p) % 1000003, q % 1000003, r % 1000003, (f - a * p) % 1000003)\n";
static const char bignums_out[] = "976354 608463 930424 365846 635464 494197\n";

/* Garbage about five times the memory cap (CHURN_CAP): rows, an index of
 * them, a set, a joined string and a list grown in place, made and dropped
 * a hundred times. With collections off the same program runs out of
 * memory (churn_needs_collections), so here they run in the middle. */
#define CHURN_CAP (20 << 20)
static const char churn[] = "keep = []\n"
                            "total = 0\n"
                            "for r in range(100):\n"
                            "    rows = []\n"
                            "    for i in range(2000):\n"
                            "        rows.append(('row%d' % (r * 2000 + i), i * r, [i, r] * (i % 7)))\n"
                            "    index = {row[0]: row for row in rows}\n"
                            "    names = set(k[:5] for k in index)\n"
                            "    text = ';'.join(row[0] for row in rows[::3])\n"
                            "    grown = []\n"
                            "    for i in range(300):\n"
                            "        grown += [i, str(i)]\n"
                            "    total += len(index) + len(names) + len(text) + len(grown)\n"
                            "    keep.append(rows[r])\n"
                            "print(total, len(keep), keep[-1][0], sorted(names)[:2])\n";
static const char churn_out[] = "890163 100 row198099 ['row19']\n";

/* A collection before every allocation (what GC_STRESS=1 builds do from
 * the start), over objects of several sizes, strings grown in place and a
 * list of survivors. Small: every allocation scans the heap. */
static const char every_allocation[] = "import gc\n"
                                       "gc.threshold(0)\n"
                                       "keep = []\n"
                                       "s = ''\n"
                                       "for i in range(150):\n"
                                       "    t = ('k%d' % i, [i] * (i % 9), {'a': i})\n"
                                       "    if i % 7 == 0:\n"
                                       "        keep.append(t)\n"
                                       "    s += str(i % 10)\n"
                                       "print(len(keep), len(s), keep[-1][0], gc.threshold())\n";
static const char every_allocation_out[] = "22 150 k147 0\n";

/* What the session, its fork and its saved copy run first: garbage and
 * survivors, so that the heap is not the image's. */
static const char first_program[] = "kept = [('k%d' % i, [i] * (i % 5)) for i in range(100) if i % 3]\n"
                                    "junk = ['-'.join(str(j) for j in range(i % 10)) for i in range(100)]\n"
                                    "del junk\n";

/* Run between two runs that are compared: deep recursion over fresh
 * objects leaves stale words on the native stack, which the conservative
 * scan of the next run's collections may take for references (a fresh
 * session has the same heap addresses as this one had). It needs no
 * collections itself (under GC_STRESS they would make it slow). */
static const char stale_stack[] = "import gc\n"
                                  "gc.disable()\n"
                                  "def deep(n, acc):\n"
                                  "    if n == 0:\n"
                                  "        return [str(x) * 3 for x in acc]\n"
                                  "    return deep(n - 1, acc + [(n, 'p%d' % n, [n] * 5)])\n"
                                  "for k in range(30):\n"
                                  "    r = deep(150, [])\n"
                                  "d = {('x%d' % i): [i] * 20 for i in range(20000)}\n"
                                  "s = sorted(d.items(), key=lambda kv: kv[1][0] % 97)\n";

/* Runs src in s with a fuel budget (0: none); returns the status, and the
 * fuel used through *fuel. An ok run must print `out`. */
static int run_budget(mpbox_session *s, const char *src, uint64_t budget, const char *out, uint64_t *fuel)
{
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, budget) >= 0);
    mpbox_result *r = run_in(s, src);
    int status = r ? (int)mpbox_result_status(r) : -1;
    if (r && status == MPBOX_STATUS_OK)
        CHECK_STR(mpbox_result_stdout(r, NULL), out);
    *fuel = r ? mpbox_result_fuel_used(r) : 0;
    mpbox_result_free(r);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0) >= 0);
    return status;
}

/* A new session with memory cap `cap` (0: the runtime's) and a timeout
 * far above the runs' time: under GC_STRESS, the sanitizers and a loaded
 * machine a small program can take minutes. */
static mpbox_session *capped(int64_t cap)
{
    mpbox_session *s = new_session(rt);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 900000) >= 0);
    if (cap)
        CHECK(mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, cap) >= 0);
    return s;
}

/* Runs stale_stack in a session of its own. */
static void leave_stale_stack(void)
{
    mpbox_session *s = capped(0);
    uint64_t f = 0;
    CHECK(run_budget(s, stale_stack, 0, "", &f) == MPBOX_STATUS_OK);
    mpbox_session_free(s);
}

static void check_exact(const char *src, const char *out, int64_t cap)
{
    mpbox_session *a = capped(cap), *b = capped(cap);
    uint64_t fa = 0, fb = 0, f = 0;
    CHECK(run_budget(a, src, 0, out, &fa) == MPBOX_STATUS_OK);
    leave_stale_stack();
    CHECK(run_budget(b, src, 0, out, &fb) == MPBOX_STATUS_OK);
    if (fa != fb)
        printf("    fuel %llu, then %llu in a second fresh session\n", (unsigned long long)fa, (unsigned long long)fb);
    CHECK(fa == fb);
    mpbox_session_free(a);
    mpbox_session_free(b);
    if (!mpbox_has_fuel())
        return;
    CHECK(fa > 1000000);

    mpbox_session *s = capped(cap);
    CHECK(run_budget(s, src, fa, out, &f) == MPBOX_STATUS_OK);
    CHECK(f == fa);
    mpbox_session_free(s);

    s = capped(cap);
    CHECK(run_budget(s, src, fa - 1, out, &f) == MPBOX_STATUS_OUT_OF_FUEL);
    CHECK(f >= fa - 1);
    CHECK(run_budget(s, src, 0, out, &f) == MPBOX_STATUS_OK);
    if (f != fa)
        printf("    fuel %llu, then %llu after the rolled-back run\n", (unsigned long long)fa, (unsigned long long)f);
    CHECK(f == fa);
    mpbox_session_free(s);

    /* after a first program: the session, a fork, a saved and loaded copy */
    s = capped(cap);
    CHECK(run_budget(s, first_program, 0, "", &f) == MPBOX_STATUS_OK);
    mpbox_session *fork = NULL, *loaded = NULL;
    void *blob = NULL;
    size_t len = 0;
    CHECK(mpbox_session_fork(s, &fork) == MPBOX_OK);
    CHECK(mpbox_session_save(s, &blob, &len) == MPBOX_OK);
    CHECK(mpbox_session_load(rt, blob, len, &loaded, NULL) == MPBOX_OK);
    mpbox_free(blob);
    uint64_t fs = 0, ff = 0, fl = 0;
    CHECK(run_budget(s, src, 0, out, &fs) == MPBOX_STATUS_OK);
    leave_stale_stack();
    if (fork)
        CHECK(run_budget(fork, src, 0, out, &ff) == MPBOX_STATUS_OK);
    if (loaded) {
        CHECK(mpbox_session_limit(loaded, MPBOX_LIMIT_TIMEOUT_MS, 900000) >= 0);
        if (cap)
            CHECK(mpbox_session_limit(loaded, MPBOX_LIMIT_MEMORY, cap) >= 0);
        CHECK(run_budget(loaded, src, 0, out, &fl) == MPBOX_STATUS_OK);
    }
    if (fs != ff || fs != fl)
        printf("    fuel %llu in the session, %llu in its fork, %llu in its loaded copy\n", (unsigned long long)fs,
               (unsigned long long)ff, (unsigned long long)fl);
    CHECK(fs > 1000000 && fs == ff && fs == fl);
    mpbox_session_free(s);
    mpbox_session_free(fork);
    mpbox_session_free(loaded);
}

/* Whether this library collects before every allocation (GC_STRESS=1). */
static int stress_build(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, "import gc\nprint(gc.threshold())\n");
    int stress = r && strcmp(mpbox_result_stdout(r, NULL), "0\n") == 0;
    mpbox_result_free(r);
    mpbox_session_free(s);
    return stress;
}

static void exceptions_are_exact(void) { check_exact(exceptions, exceptions_out, 0); }
static void scans_are_exact(void) { check_exact(scans, scans_out, 0); }
static void churn_is_exact(void) { check_exact(churn, churn_out, CHURN_CAP); }
static void every_allocation_is_exact(void) { check_exact(every_allocation, every_allocation_out, 0); }
static void bignums_are_exact(void) { check_exact(bignums, bignums_out, 0); }

/* The churn program needs collections in the middle of the run: without
 * them it runs out of memory under the same cap. */
static void churn_needs_collections(void)
{
    char src[sizeof churn + 32];
    snprintf(src, sizeof src, "import gc\ngc.disable()\n%s", churn);
    mpbox_session *s = capped(CHURN_CAP);
    uint64_t f = 0;
    CHECK(run_budget(s, src, 0, churn_out, &f) == MPBOX_STATUS_OUT_OF_MEMORY);
    mpbox_session_free(s);
}

/* A loop that never ends stops at the budget, whatever it loops through:
 * the interpreter, a guest function's loop over a long string, recursion
 * that fails and is caught again, a built-in's loop whose body only calls
 * (max() over 2^29 numbers, through function pointers: calls inside a loop are
 * charged at the loop's header, guest/fuel), big-integer arithmetic in the
 * host. */
static void endless_loops_stop(void)
{
    if (!mpbox_has_fuel())
        return;
    const char *loops[] = {
        "while True:\n    pass\n",
        "s = 'a' * 1000000\nwhile True:\n    s.find('b')\n",
        "def r():\n    r()\nwhile True:\n    try:\n        r()\n    except RuntimeError:\n        pass\n",
        "max(range(1 << 29))\n",
        "x = 7 ** 1000\nwhile True:\n    x * x // (x - 1)\n",
    };
    for (size_t i = 0; i < sizeof loops / sizeof *loops; i++) {
        mpbox_session *s = new_session(rt);
        uint64_t f = 0;
        CHECK(run_budget(s, loops[i], 50000000, "", &f) == MPBOX_STATUS_OUT_OF_FUEL);
        CHECK(f >= 50000000 && f < 50000000 + 200000);
        mpbox_session_free(s);
    }
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime_new\n");
        return 1;
    }
    if (stress_build()) {
        /* every allocation collects: only what is small enough for that */
        RUN(every_allocation_is_exact);
    } else {
        RUN(exceptions_are_exact);
        RUN(scans_are_exact);
        RUN(churn_is_exact);
        RUN(churn_needs_collections);
        RUN(every_allocation_is_exact);
        RUN(bignums_are_exact);
        RUN(endless_loops_stop);
    }
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
