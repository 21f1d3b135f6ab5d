/*
 * test_codegen.c — how the translated guest is compiled: tools/membase
 * keeps the memory's base address in a local of each function.
 *
 * Speed is measured by bench/ (docs/benchmarks.md), never here. What is
 * checked is behaviour: every load and store width reads back what was
 * written (outputs are CPython's, computed with python3 3.11), data written
 * before the memory grew during a run is intact after it, and the same
 * program uses the same fuel in fresh and forked sessions.
 */
#include <stdint.h>

#include "session.h"

static mpbox_runtime *rt;

/* Runs src in two fresh sessions, then again in the first and in a fork
 * of it: it must print out each time, with the same fuel in both fresh
 * sessions and the same in both warm ones. */
static void same_output_and_fuel(const char *src, const char *out)
{
    mpbox_session *s = new_session(rt), *t = new_session(rt), *fork = NULL;
    mpbox_result *r[4] = {run_in(s, src), run_in(t, src), NULL, NULL};
    CHECK(mpbox_session_fork(s, &fork) == MPBOX_OK && fork);
    r[2] = run_in(s, src);
    r[3] = fork ? run_in(fork, src) : NULL;
    for (int i = 0; i < 4; i++) {
        CHECK(r[i] && mpbox_result_status(r[i]) == MPBOX_STATUS_OK);
        CHECK_STR(r[i] ? mpbox_result_stdout(r[i], NULL) : NULL, out);
    }
    if (r[0] && r[1] && r[2] && r[3]) {
        CHECK(mpbox_result_fuel_used(r[0]) == mpbox_result_fuel_used(r[1]));
        CHECK(mpbox_result_fuel_used(r[2]) == mpbox_result_fuel_used(r[3]));
        CHECK(!mpbox_has_fuel() || mpbox_result_fuel_used(r[2]) > 0);
    }
    for (int i = 0; i < 4; i++)
        mpbox_result_free(r[i]);
    mpbox_session_free(fork);
    mpbox_session_free(t);
    mpbox_session_free(s);
}

/* Every access width of the guest (i8 to i64, f32, f64; signed and
 * unsigned loads) through array and struct. */
static void every_width(void)
{
    same_output_and_fuel(
        "import array, struct\n"
        "for code, vals in (('b', (-128, -1, 0, 127)), ('B', (0, 1, 200, 255)),\n"
        "                   ('h', (-32768, -2, 32767)), ('H', (0, 65535, 4660)),\n"
        "                   ('i', (-2147483648, -5, 2147483647)), ('I', (0, 4294967295, 305419896)),\n"
        "                   ('q', (-9223372036854775808, -7, 9223372036854775807)),\n"
        "                   ('Q', (0, 18446744073709551615, 81985529216486895)),\n"
        "                   ('f', (1.5, -0.25, 1024.0)), ('d', (0.5, -2.25, 1e300))):\n"
        "    a = array.array(code, vals)\n"
        "    a[1] = a[0]\n"
        "    a.append(a[2])\n"
        "    print(code, list(a), bytes(a).hex())\n"
        "b = bytes(range(64))\n"
        "print(struct.unpack('<hHiIqQfd', b[3:3 + struct.calcsize('<hHiIqQfd')]))\n",
        "b [-128, -128, 0, 127, 0] 8080007f00\n"
        "B [0, 0, 200, 255, 200] 0000c8ffc8\n"
        "h [-32768, -32768, 32767, 32767] 00800080ff7fff7f\n"
        "H [0, 0, 4660, 4660] 0000000034123412\n"
        "i [-2147483648, -2147483648, 2147483647, 2147483647] 0000008000000080ffffff7fffffff7f\n"
        "I [0, 0, 305419896, 305419896] 00000000000000007856341278563412\n"
        "q [-9223372036854775808, -9223372036854775808, 9223372036854775807, 9223372036854775807] "
        "00000000000000800000000000000080ffffffffffffff7fffffffffffffff7f\n"
        "Q [0, 0, 81985529216486895, 81985529216486895] "
        "00000000000000000000000000000000efcdab8967452301efcdab8967452301\n"
        "f [1.5, 1.5, 1024.0, 1024.0] 0000c03f0000c03f0000804400008044\n"
        "d [0.5, 0.5, 1e+300, 1e+300] 000000000000e03f000000000000e03f9c7500883ce4377e9c7500883ce4377e\n"
        "(1027, 1541, 168364039, 235736075, 1591200115485380623, 2169921498189994007, "
        "2.1836573486713336e-18, 1.3710956260778948e-105)\n");
}

/* 48 MiB kept alive grows the memory several times during the run (the
 * start-up memory is about 16 MiB): what was written before, and on the
 * way, reads back afterwards. */
static void memory_grows_during_a_run(void)
{
    const char *src = "keep = bytearray(b'0123456789abcdef' * 4096)\n"
                      "chunks = []\n"
                      "for i in range(48):\n"
                      "    c = bytearray(1 << 20)\n"
                      "    c[0] = i\n"
                      "    c[-1] = 255 - i\n"
                      "    chunks.append(c)\n"
                      "print(sum(c[0] + c[-1] for c in chunks), sum(keep), keep[40000:40008], len(chunks))\n";
    same_output_and_fuel(src, "12240 4595712 bytearray(b'01234567') 48\n");

    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, src);
    CHECK(r && mpbox_result_peak_memory(r) > 48u << 20);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int main(void)
{
    rt = shared_runtime();
    RUN(every_width);
    RUN(memory_grows_during_a_run);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
