/*
 * test_recursion.c — the guest's larger stacks (core/startup.c): Python
 * recursion goes past CPython's default depth of 1000, a runaway recursion
 * ends in RecursionError (a RuntimeError) and leaves the session usable, and the moved stack
 * survives what copies a session: snapshots, forks, rollback after a hard
 * stop. C code that recurses without MicroPython's check and runs past the
 * stack's bottom ends in a trap that undoes the run.
 */
#include <pthread.h>
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

/* Defines f (plain recursion) and depth() (how deep a runaway recursion
 * gets before RuntimeError, which it expects). */
static const char defs[] = "def f(n):\n"
                           "    return 0 if n == 0 else 1 + f(n - 1)\n"
                           "def depth():\n"
                           "    n = 0\n"
                           "    def g():\n"
                           "        nonlocal n\n"
                           "        n += 1\n"
                           "        g()\n"
                           "    try:\n"
                           "        g()\n"
                           "    except RuntimeError as e:\n"
                           "        assert str(e) == 'maximum recursion depth exceeded', e\n"
                           "    return n\n";

static mpbox_session *session(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    return s;
}

static void depth_1000(void)
{
    mpbox_session *s = session();
    expect(s, defs, "");
    expect(s, "print(f(1000))", "1000\n");
    expect(s, "print(f(2000))", "2000\n");
    /* a tree walk: depth-first over a 1500-deep chain of dicts */
    expect(s,
           "def walk(t):\n"
           "    n = 1\n"
           "    for c in t['kids']:\n"
           "        n += walk(c)\n"
           "    return n\n"
           "t = {'kids': []}\n"
           "for i in range(1500):\n"
           "    t = {'kids': [t]}\n"
           "print(walk(t))\n",
           "1501\n");
    mpbox_session_free(s);
}

/* Generators, lambdas, methods, Python decorators, lru_cache. */
static void kinds_of_calls(void)
{
    mpbox_session *s = session();
    expect(s,
           "def gen(n):\n"
           "    if n:\n"
           "        yield from gen(n - 1)\n"
           "    yield n\n"
           "print(sum(1 for _ in gen(1000)))\n",
           "1001\n");
    expect(s, "fact = lambda n: 1 if n == 0 else n * fact(n - 1)\nprint(len(str(fact(1000))))\n", "2568\n");
    expect(s,
           "class T:\n"
           "    def f(self, n):\n"
           "        return 0 if n == 0 else 1 + self.f(n - 1)\n"
           "print(T().f(1000))\n",
           "1000\n");
    expect(s,
           "def deco(g):\n"
           "    def w(*a, **k):\n"
           "        return g(*a, **k)\n"
           "    return w\n"
           "@deco\n"
           "def d(n):\n"
           "    return 0 if n == 0 else 1 + d(n - 1)\n"
           "print(d(1000))\n",
           "1000\n");
    expect(s,
           "import functools\n"
           "@functools.lru_cache(None)\n"
           "def fib(n):\n"
           "    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
           "print(fib(700) % 1000000)\n",
           "124275\n");
    mpbox_session_free(s);
}

/* A runaway recursion is a clean RecursionError, again and again, and does
 * not shrink the stack: unwinding through try/except and try/finally at
 * every level (setjmp/longjmp trampolines) restores the stack pointer. */
static void runaway(void)
{
    mpbox_session *s = session();
    expect(s, defs, "");
    mpbox_result *r = run_in(s, "def g(): g()\ng()\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(r ? mpbox_result_error_type(r) : NULL, "RecursionError");
    CHECK_STR(r ? mpbox_result_error_message(r) : NULL, "maximum recursion depth exceeded");
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_KEPT);
    /* the traceback shows three of the identical frames, as CPython does */
    const char *tb = r ? mpbox_result_traceback(r) : NULL;
    CHECK(tb && strstr(tb, "  File \"<stdin>\", line 1, in g\n  [Previous line repeated "));
    CHECK(tb && strlen(tb) < 1000);
    mpbox_result_free(r);
    expect(s, "print(f(1000))", "1000\n");
    expect(s,
           "d0 = depth()\n"
           "print(d0 > 2000)\n"
           "def h(n):\n"
           "    try:\n"
           "        try:\n"
           "            h(n + 1)\n"
           "        finally:\n"
           "            n += 0\n"
           "    except ZeroDivisionError:\n"
           "        pass\n"
           "for i in range(20):\n"
           "    try:\n"
           "        h(0)\n"
           "    except RuntimeError:\n"
           "        pass\n"
           "print(depth() == d0)\n",
           "True\nTrue\n");
    /* frames with many locals run out of Python stack first */
    r = run_in(s,
               "def big(n, a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10):\n"
               "    x1 = x2 = x3 = x4 = x5 = x6 = x7 = x8 = x9 = x10 = n\n"
               "    return big(n + 1)\n"
               "big(0)\n");
    CHECK_STR(r ? mpbox_result_error_type(r) : NULL, "RecursionError");
    mpbox_result_free(r);
    expect(s, "print(f(1000), depth() == d0)", "1000 True\n");
    mpbox_session_free(s);
}

static void after_snapshot_and_fork(void)
{
    mpbox_session *s = session();
    expect(s, defs, "");
    expect(s, "d0 = depth()\nprint(f(1000))", "1000\n");
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    mpbox_session *loaded = NULL;
    CHECK(mpbox_session_load(rt, snap, len, &loaded, NULL) == MPBOX_OK);
    mpbox_free(snap);
    if (loaded) {
        expect(loaded, "print(f(1500), depth() == d0)", "1500 True\n");
        mpbox_session_free(loaded);
    }
    mpbox_session *forked = NULL;
    CHECK(mpbox_session_fork(s, &forked) == MPBOX_OK);
    if (forked) {
        expect(forked, "print(f(1500), depth() == d0)", "1500 True\n");
        mpbox_session_free(forked);
    }
    expect(s, "print(f(1500), depth() == d0)", "1500 True\n");
    mpbox_session_free(s);
}

/* A hard stop deep inside a recursion rolls the session back to its state
 * before the run, stack pointer included. */
static void hard_stop_deep(void)
{
    mpbox_session *s = session();
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(200));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    expect(s, defs, "");
    expect(s, "d0 = depth()", "");
    mpbox_result *r = run_in(s,
                             "import time\n"
                             "def sleepy(n):\n"
                             "    if n == 0:\n"
                             "        time.sleep(1000)\n"
                             "    return sleepy(n - 1)\n"
                             "sleepy(1500)\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, "print(f(1500), depth() == d0)", "1500 True\n");
    mpbox_session_free(s);
}

struct deep_run {
    mpbox_session *s;
    const char *src;
    mpbox_result *r;
};

static void *deep_run_main(void *arg)
{
    struct deep_run *d = arg;
    d->r = run_in(d->s, d->src);
    return NULL;
}

/* Comparing dicts nested 60000 deep recurses in C without MicroPython's
 * check, past the bottom of the guest's stack block. On a thread with a
 * large native stack (so that the host's own stack does not run out first)
 * the run must still end in a trap and be undone. The nests are built
 * without collections (each would walk them: minutes under collection
 * stress). */
static void unchecked_overflow(void)
{
    mpbox_session *s = session();
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(20000));
    expect(s, defs, "");
    expect(s, "d0 = depth()", "");
    struct deep_run d = {s,
                         "import gc\n"
                         "def nest(n):\n"
                         "    x = {}\n"
                         "    for i in range(n):\n"
                         "        x = {1: x}\n"
                         "    return x\n"
                         "gc.disable()\n"
                         "a, b = nest(60000), nest(60000)\n"
                         "gc.enable()\n"
                         "print(a == b)\n",
                         NULL};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64u << 20);
    pthread_t t;
    CHECK(pthread_create(&t, &attr, deep_run_main, &d) == 0);
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    CHECK(d.r && mpbox_result_status(d.r) != MPBOX_STATUS_OK);
    CHECK(d.r && mpbox_result_session_state(d.r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(d.r);
    expect(s, "print(f(1000), depth() == d0)", "1000 True\n");
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    stress_timeouts(rt);
    RUN(depth_1000);
    RUN(kinds_of_calls);
    RUN(runaway);
    RUN(after_snapshot_and_fork);
    RUN(hard_stop_deep);
    RUN(unchecked_overflow);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
