/*
 * test_fuel_exact.c — fuel stays exact and deterministic with the guest's
 * call and counting rewrites: guest/invoke (calls that cannot longjmp made
 * directly, not through the host's setjmp trampolines) and guest/fuel's
 * counting in a local (functions with loops keep the count in a register,
 * store it to the global at every charge and reload it after calls).
 *
 * For programs that go through those paths (exceptions raised through
 * try/finally, with and generators; string scans, dicts, interning,
 * sorting), run with collections off: the output is CPython's, two fresh
 * sessions use
 * the same fuel, a budget equal to that fuel passes with the same output
 * and the same fuel, one unit less ends out_of_fuel (so the counter is
 * exact where it ran out), and the session then uses the same fuel again
 * (the failed run was rolled back). Loops that never end stop at the
 * budget. Speed is measured by bench/ (docs/benchmarks.md), never here.
 *
 * Collections are off because with them fuel is not exact between
 * sessions (docs/fuel.md, "Collections"): what garbage a collection keeps
 * depends on stale words on the native stack, and the allocator's searches
 * after it, which are charged, follow. The scans program below varied by
 * about 0.003% between fresh sessions with collections on, in both builds.
 */
#include <stdint.h>

#include "session.h"

static mpbox_runtime *rt;

/* Exceptions through nlr_push/nlr_pop (direct calls now): raised deep
 * under try/finally, swallowed by a context manager, thrown in a
 * generator. */
static const char exceptions[] =
    "import gc\n"
    "gc.disable()\n"
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
    "import gc\n"
    "gc.disable()\n"
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

static void check_exact(const char *src, const char *out)
{
    mpbox_session *a = new_session(rt), *b = new_session(rt);
    uint64_t fa = 0, fb = 0, f = 0;
    CHECK(run_budget(a, src, 0, out, &fa) == MPBOX_STATUS_OK);
    CHECK(run_budget(b, src, 0, out, &fb) == MPBOX_STATUS_OK);
    CHECK(fa == fb);
    mpbox_session_free(a);
    mpbox_session_free(b);
    if (!mpbox_has_fuel())
        return;
    CHECK(fa > 1000000);

    mpbox_session *s = new_session(rt);
    CHECK(run_budget(s, src, fa, out, &f) == MPBOX_STATUS_OK);
    CHECK(f == fa);
    mpbox_session_free(s);

    s = new_session(rt);
    CHECK(run_budget(s, src, fa - 1, out, &f) == MPBOX_STATUS_OUT_OF_FUEL);
    CHECK(f >= fa - 1);
    CHECK(run_budget(s, src, 0, out, &f) == MPBOX_STATUS_OK);
    if (f != fa)
        printf("    fuel %llu, then %llu after the rolled-back run\n", (unsigned long long)fa, (unsigned long long)f);
    CHECK(f == fa);
    mpbox_session_free(s);
}

static void exceptions_are_exact(void) { check_exact(exceptions, exceptions_out); }
static void scans_are_exact(void) { check_exact(scans, scans_out); }

/* A loop that never ends stops at the budget, whatever it loops through:
 * the interpreter, a guest function's loop over a long string, recursion
 * that fails and is caught again, a built-in's loop whose body only calls
 * (max() over 2^29 numbers, through function pointers: calls inside a loop are
 * charged at the loop's header, guest/fuel). */
static void endless_loops_stop(void)
{
    if (!mpbox_has_fuel())
        return;
    const char *loops[] = {
        "while True:\n    pass\n",
        "s = 'a' * 1000000\nwhile True:\n    s.find('b')\n",
        "def r():\n    r()\nwhile True:\n    try:\n        r()\n    except RuntimeError:\n        pass\n",
        "max(range(1 << 29))\n",
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
    RUN(exceptions_are_exact);
    RUN(scans_are_exact);
    RUN(endless_loops_stop);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
