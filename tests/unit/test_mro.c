/*
 * test_mro.c — multiple inheritance in C3 order (guest/mro) across the
 * session machinery: the order a class keeps (its __mro__ and a flag bit,
 * both guest memory) survives a rollback, a saved and loaded session and
 * a fork, and classes made afterwards below it still get theirs.
 */
#include <string.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

/* A diamond whose C3 order differs from the depth-first one: D().who()
 * is C's, and the super() chain runs D, B, C, A. */
static const char diamond[] =
    "class A:\n"
    "    def who(self): return 'A'\n"
    "    def chain(self): return ['A']\n"
    "class B(A):\n"
    "    def chain(self): return ['B'] + super().chain()\n"
    "class C(A):\n"
    "    def who(self): return 'C'\n"
    "    def chain(self): return ['C'] + super().chain()\n"
    "class D(B, C):\n"
    "    def chain(self): return ['D'] + super().chain()\n";
static const char show[] = "print(D().who(), D().chain(), [c.__name__ for c in D.__mro__])\n";
static const char shown[] = "C ['D', 'B', 'C', 'A'] ['D', 'B', 'C', 'A', 'object']\n";
/* a class made later below the diamond, and a new inconsistent one */
static const char below[] =
    "class E(D):\n"
    "    def chain(self): return ['E'] + super().chain()\n"
    "try:\n"
    "    class F(A, D): pass\n"
    "except TypeError as e:\n"
    "    print(str(e).replace('\\n', ' '))\n"
    "print(E().who(), E().chain())\n";
static const char below_shown[] = "Cannot create a consistent method resolution order (MRO) for bases A, D\n"
                                  "C ['E', 'D', 'B', 'C', 'A']\n";

static void rollback_keeps_order(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 100);
    expect(s, diamond, "");
    /* a run that makes classes and ends in a hard stop is undone, the
     * diamond stays */
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 300);
    mpbox_result *r = NULL;
    const char *stopped = "class G(C, B): pass\nclass H(G): pass\nwhile True:\n    try:\n"
                          "        while True: H().chain()\n    except KeyboardInterrupt:\n        pass\n";
    CHECK(mpbox_run(s, stopped, strlen(stopped), &r) == MPBOX_OK);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(10000));
    expect(s, "print('G' in globals(), 'H' in globals())\n", "False False\n");
    expect(s, show, shown);
    expect(s, below, below_shown);
    mpbox_session_free(s);
}

static void save_load_and_fork_keep_order(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, diamond, "");
    mpbox_session *fork, *loaded;
    fork_and_copy(rt, s, &fork, &loaded);
    if (loaded && fork) {
        expect(loaded, show, shown);
        expect(fork, show, shown);
        expect(loaded, below, below_shown);
        expect(fork, below, below_shown);
    }
    mpbox_session_free(loaded);
    mpbox_session_free(fork);
    mpbox_session_free(s);
}

int main(void)
{
    CHECK(mpbox_runtime_new(&rt) == MPBOX_OK);
    stress_timeouts(rt);
    RUN(rollback_keeps_order);
    RUN(save_load_and_fork_keep_order);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
