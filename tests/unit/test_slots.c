/*
 * test_slots.c — __slots__ checked in the guest (guest/binop, at
 * mp_store_attr's entry; lib/python/_mpbox_slots.py): a class of the
 * program keeps the names it allows in its own dict and a flag bit in its
 * type word, both guest memory.
 *
 * Checked here: the check holds in fresh, forked and loaded sessions and
 * after a rollback that undid a run which had unmarked the class; the same
 * store-heavy program (allowed stores, refused ones caught) uses the same
 * fuel in each; a program that rebinds, empties or deletes the names' entry,
 * or puts one on a plain class, gets a defined answer, never a crash.
 * CPython's behaviour itself is compared in tests/compat/test_slots*.py;
 * speed is measured by bench/ (docs/benchmarks.md).
 */
#include <stdint.h>

#include "check.h"
#include "session.h"

static mpbox_runtime *rt;

static const char classes[] = "class P:\n"
                              "    __slots__ = ('x', 'y')\n"
                              "    def __init__(self, x, y):\n"
                              "        self.x = x\n"
                              "        self.y = y\n"
                              "class Q(P):\n"
                              "    __slots__ = ('z',)\n";

/* Allowed stores, and a refused one caught, on every round. */
static const char stores[] = "t = 0\n"
                             "for i in range(2000):\n"
                             "    q = Q(i, i + 1)\n"
                             "    q.z = q.x + q.y\n"
                             "    t += q.z\n"
                             "    try:\n"
                             "        q.w = 1\n"
                             "    except AttributeError as e:\n"
                             "        t += 1\n"
                             "        last = str(e)\n"
                             "print(t, last)\n";
static const char stores_out[] = "4002000 'Q' object has no attribute 'w'\n";

/* Two fresh sessions: same output, same fuel. */
static void same_fuel_fresh(void)
{
    char src[2048];
    snprintf(src, sizeof src, "%s%s", classes, stores);
    expect_same_fuel_fresh(rt, src, stores_out);
}

/* The classes made in one run, checked in the next one of a fork, of a
 * loaded copy and of the session itself after a rolled-back run that had
 * deleted the names' entry (which unmarks the class): same output, same
 * fuel in all three. */
static void carried_by_fork_load_and_rollback(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, classes, "");
    mpbox_session *fork, *loaded;
    fork_and_copy(rt, s, &fork, &loaded);
    if (mpbox_has_fuel()) {
        expect_out_of_fuel(s, "del P.__mpbox_slots__\ndel Q.__mpbox_slots__\nQ(1, 2).w = 1\nwhile True:\n    pass\n",
                           20000000);
    }
    expect_same_fuel_in_copies(s, fork, loaded, stores, stores_out);
    mpbox_session_free(s);
}

/* The entry is the program's to break: rebound to what is not a tuple, the
 * check allows everything; emptied, the slots still work (refused() asks
 * the class's __slots__ again) and other names are refused; deleted, the
 * class is unmarked; on a plain class it limits nothing. */
static void entry_rebound_by_the_program(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, classes, "");
    expect_fuel(s,
           "def t(o, name):\n"
           "    try:\n"
           "        setattr(o, name, 1)\n"
           "        return 'ok'\n"
           "    except AttributeError:\n"
           "        return 'refused'\n"
           "p = P(1, 2)\n"
           "print(t(p, 'x'), t(p, 'w'))\n"
           "P.__mpbox_slots__ = ()\n"
           "print(t(p, 'x'), t(p, 'w'))\n"
           "P.__mpbox_slots__ = 5\n"
           "print(t(p, 'x'), t(p, 'v'))\n"
           "P.__mpbox_slots__ = {'u': None}\n"
           "print(t(p, 'x'), t(p, 'v'))\n"
           "P.__mpbox_slots__ = ('x', 'y')\n"
           "print(t(P(0, 0), 'y'), t(P(0, 0), 'u'))\n"
           "del P.__mpbox_slots__\n"
           "print(t(P(0, 0), 'u'))\n"
           "class R:\n"
           "    pass\n"
           "R.__mpbox_slots__ = ()\n"
           "print(t(R(), 'anything'), t(Q(1, 2), 'w'))\n",
           "ok refused\nok refused\nok ok\nok ok\nok refused\nok\nok refused\n");
    mpbox_session_free(s);
}

int main(void)
{
    rt = shared_runtime();
    RUN(same_fuel_fresh);
    RUN(carried_by_fork_load_and_rollback);
    RUN(entry_rebound_by_the_program);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
