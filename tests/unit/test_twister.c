/*
 * test_twister.c — the Mersenne Twister of lib/python/random.py: the
 * algorithm (util/twister.c) against the published reference output, the
 * host message js.mpbox_internal("mt19937", ...) (core/internal.c) with
 * hostile addresses and lengths, and fuel: a seeded program uses the same
 * fuel in fresh, forked and loaded sessions and after a rollback.
 * CPython's numbers themselves are compared in tests/compat/
 * test_random*.py; speed is measured by bench/ (docs/benchmarks.md).
 */
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "twister.h"

static mpbox_runtime *rt;

/* mt19937ar's reference run: init_by_array({0x123, 0x234, 0x345, 0x456})
 * and its first outputs, as published with the algorithm; then the first
 * words of the next block, which CPython gives for that key as a seed. */
static void reference_output(void)
{
    static const uint32_t key[] = {0x123, 0x234, 0x345, 0x456};
    static const uint32_t first[] = {1067595299u, 955945823u, 477289528u, 4107218783u, 4228976476u};
    uint32_t mt[MPB_MT_N];
    mpb_mt_seed(mt, key, 4);
    CHECK(mt[0] == 0x80000000u);
    mpb_mt_twist(mt);
    for (int i = 0; i < 5; i++)
        CHECK(mpb_mt_temper(mt[i]) == first[i]);
}

/* The message takes only a generator of 3 * 624 words wholly in guest
 * memory, a key of whole words, and its three operations; anything else
 * is refused with a ValueError envelope, and the session goes on. */
static void hostile_requests(void)
{
    mpbox_session *s = new_session(rt);
    expect(s,
           "import js, uctypes\n"
           "from array import array\n"
           "w = array('I', bytes(7488))\n"
           "k = array('I', [5])\n"
           "a, ka = uctypes.addressof(w), uctypes.addressof(k)\n"
           "def ask(p):\n"
           "    return js.mpbox_internal('mt19937', p)\n"
           "good = ask('seed %d 7488 %d 4' % (a, ka)), ask('twist %d 7488' % a), ask('temper %d 7488' % a)\n"
           "print(good, w[0] == w[624] >> 2, w[1248] != 0)\n"
           "bad = ['', 'seed', 'twist', 'twist ', 'spin %d 7488' % a, 'twist %d 7487' % a, 'twist %d 7492' % a,\n"
           "       'twist %d' % a, 'twist %d 7488 ' % a, 'twist %d 7488 1' % a, 'twist 4294967295 7488',\n"
           "       'twist 4294967296 7488', 'twist -1 7488', 'twist %d 7488x' % a, 'twist  %d 7488' % a,\n"
           "       'seed %d 7488' % a, 'seed %d 7488 %d 0' % (a, ka), 'seed %d 7488 %d 3' % (a, ka),\n"
           "       'seed %d 7488 4294967292 4' % a, 'seed %d 7488 %d 4294967292' % (a, ka),\n"
           "       'twist %d 7488' % (1 << 31), 'twist 9' + '9' * 30 + ' 7488', 'temper 0 ' + '7' * 40]\n"
           "print(set(ask(p) for p in bad))\n"
           "import random\n"
           "print(random.Random(5).getrandbits(32))\n",
           "('[null]', '[null]', '[null]') True True\n"
           "{'{\"type\":\"ValueError\",\"message\":\"mt19937: bad request\"}'}\n"
           "2675342405\n");
    mpbox_session_free(s);
}

/* Draws across many blocks, seeding and a setstate: the host's work is
 * charged per word, so the total is the same in every session. */
static const char draws[] = "import random\n"
                            "random.seed(12345)\n"
                            "t = sum(random.randrange(1000) for _ in range(3000))\n"
                            "r = random.Random('a seed')\n"
                            "s = r.getstate()\n"
                            "x = [r.random() for _ in range(2000)]\n"
                            "r.setstate(s)\n"
                            "print(t, x == [r.random() for _ in range(2000)], r.getrandbits(100))\n";
static const char draws_out[] = "1480874 True 287536213520430132651994359719\n";

static void same_fuel_everywhere(void)
{
    expect_same_fuel_fresh(rt, draws, draws_out);
    mpbox_session *s = new_session(rt), *fork, *loaded;
    expect_fuel(s, draws, draws_out); /* random is imported from here on */
    fork_and_copy(rt, s, &fork, &loaded);
    if (mpbox_has_fuel()) /* a seeded loop that runs out, rolled back */
        expect_out_of_fuel(s, "import random\nrandom.seed(1)\nwhile True:\n    random.random()\n", 5000000);
    expect_same_fuel_in_copies(s, fork, loaded, draws, draws_out);
    mpbox_session_free(s);
}

int main(void)
{
    rt = shared_runtime();
    RUN(reference_output);
    RUN(hostile_requests);
    RUN(same_fuel_everywhere);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
