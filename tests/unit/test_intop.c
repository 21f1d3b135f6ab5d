/*
 * test_intop.c — operators on small ints, loads from lists and tuples and
 * stores into lists answered in the guest before the setjmp trampoline
 * (guest/intop).
 *
 * Checked here: a program of such operations, with an IndexError and a
 * ZeroDivisionError raised and caught on the way (the paths left to
 * mp_binary_op and mp_obj_subscr, whose longjmp must still land in the
 * interpreter's handler), prints CPython's output and uses the same fuel in
 * fresh, forked and loaded sessions and after a rolled-back run that ran
 * out of fuel in a loop of nothing but such operations. Every operator and
 * edge is compared with CPython in tests/compat/test_intop.py; speed is
 * measured by bench/ (docs/benchmarks.md).
 */
#include <stdint.h>

#include "check.h"
#include "session.h"

static mpbox_runtime *rt;

static const char work[] = "def work(n):\n"
                           "    t = 0\n"
                           "    xs = list(range(64))\n"
                           "    tp = tuple(xs)\n"
                           "    for i in range(n):\n"
                           "        t = (t * 31 + xs[i & 63] - tp[-(i % 64) - 1]) % 1000003\n"
                           "        t ^= i << 3\n"
                           "        t = t | (i >> 2)\n"
                           "        xs[-1 - (i * 5) % 64] = t & 1023\n"
                           "        if i % 7 == 0:\n"
                           "            try:\n"
                           "                t += xs[64 + i % 3]\n"
                           "            except IndexError:\n"
                           "                t += 1\n"
                           "            try:\n"
                           "                t += i // (i % 2)\n"
                           "            except ZeroDivisionError:\n"
                           "                t -= 1\n"
                           "    return t\n"
                           "print(work(3000), work(10) < 2**30, 2**30 + work(5) - 2**30)\n";
static const char work_out[] = "583423 True 166313\n";

/* Two fresh sessions: CPython's output, the same fuel. */
static void same_fuel_fresh(void)
{
    expect_same_fuel_fresh(rt, work, work_out);
}

/* A fork, a loaded copy and the session itself after a rolled-back run
 * that ran out of fuel spinning on small-int operators and list loads:
 * same output, same fuel in all three. */
static void same_fuel_fork_load_and_rollback(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, "xs = [1, 2, 3]\n", "");
    mpbox_session *fork, *loaded;
    fork_and_copy(rt, s, &fork, &loaded);
    if (mpbox_has_fuel())
        expect_out_of_fuel(s, "i = 0\nwhile True:\n    i = (i + xs[i % 3]) & 1023\n", 20000000);
    expect_same_fuel_in_copies(s, fork, loaded, work, work_out);
    expect(s, "print(xs, 'i' in globals())\n", "[1, 2, 3] False\n");
    mpbox_session_free(s);
}

int main(void)
{
    rt = shared_runtime();
    RUN(same_fuel_fresh);
    RUN(same_fuel_fork_load_and_rollback);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
