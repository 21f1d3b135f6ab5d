/*
 * test_gc.c — garbage collection during runs (guest/gc.c, host/gc.c):
 * garbage is reclaimed while a program runs, gc.collect()/mem_free()/
 * mem_alloc() report it, the whole memory cap holds live data, objects held
 * only by C code of the guest survive collections before every allocation,
 * the host's sweep and the guest's (finalisers) both free garbage only, a
 * rolled-back run leaves no trace of its collections, and fuel does not
 * depend on them.
 */
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static mpbox_session *session(int64_t memory)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(60000));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 200);
    if (memory)
        mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, memory);
    return s;
}

/* 300 MB of short-lived strings under a 32 MiB cap (the heap alone could
 * hold a tenth of them): the run ends normally, within the cap. Under
 * collection stress, 120 MB in 100 times fewer, larger strings. */
static void garbage_is_reclaimed(void)
{
    mpbox_session *s = session(32 << 20);
    char src[128];
    snprintf(src, sizeof src, "for i in range(%d):\n    s = str(i) * %d\nprint(len(s), s[:6])\n",
             UNDER_GC_STRESS(300000, 3000), UNDER_GC_STRESS(100, 10000));
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), UNDER_GC_STRESS("600 299999\n", "40000 299929\n"));
    CHECK(mpbox_result_peak_memory(r) <= (32u << 20));
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* The gc module's numbers move during one run as MicroPython documents:
 * allocating lowers mem_free and raises mem_alloc, collecting the garbage
 * gives it back; mem_free counts what the cap still allows. */
static void gc_module_mid_run(void)
{
    mpbox_session *s = session(64 << 20);
    expect(s,
           "import gc\n"
           "gc.collect()\n"
           "a0, f0 = gc.mem_alloc(), gc.mem_free()\n"
           "x = [bytes(1000) for _ in range(2000)]\n"
           "a1, f1 = gc.mem_alloc(), gc.mem_free()\n"
           "x = None\n"
           "gc.collect()\n"
           "a2, f2 = gc.mem_alloc(), gc.mem_free()\n"
           "print(a1 - a0 > 2000000, f0 - f1 > 2000000, a1 - a2 > 2000000, f2 - f1 > 2000000)\n"
           "print(40 << 20 < f0 < 64 << 20, gc.threshold())\n",
           UNDER_GC_STRESS("True True True True\nTrue -1\n", "True True True True\nTrue 0\n"));
    mpbox_session_free(s);
}

/* Nearly the whole cap holds live data (before collection during runs, a
 * heap that grows by doubling stopped at about half of it); live data
 * beyond the cap is out_of_memory, rolled back. Under collection stress
 * the 48 MB are 48 objects, not 48000 (each allocation scans them all). */
static void whole_cap_usable(void)
{
    mpbox_session *s = session(64 << 20);
    char make_x[96], make_y[96];
    int count = UNDER_GC_STRESS(48000, 48), size = UNDER_GC_STRESS(1000, 1000000);
    snprintf(make_x, sizeof make_x, "x = [bytes(%d) for _ in range(%d)]\nprint(len(x))\n", size, count);
    snprintf(make_y, sizeof make_y, "y = [bytes(%d) for _ in range(%d)]\n", size, count);
    mpbox_result *r = run_in(s, make_x);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK(mpbox_result_stdout(r, NULL) && atoi(mpbox_result_stdout(r, NULL)) == count);
    CHECK(mpbox_result_peak_memory(r) <= (64u << 20));
    mpbox_result_free(r);
    r = run_in(s, make_y);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, "print(len(x) * len(x[-1]), 'y' in globals())\n", "48000000 False\n");
    mpbox_session_free(s);
}

/* A list extended a little at a time outgrows its area again and again:
 * each new area is large enough for it to grow in place for a while
 * (before, each step left an area of the list's size behind: 64 areas, a
 * run that trapped, or out_of_memory with a few MiB live). Under
 * collection stress, the same list in 10 times fewer, larger steps. */
static void list_growing_by_steps(void)
{
    mpbox_session *s = session(64 << 20);
    char src[128];
    snprintf(src, sizeof src, "keep = []\nstep = ['x'] * %d\nfor i in range(%d):\n    keep.extend(step)\nprint(len(keep))\n",
             UNDER_GC_STRESS(400, 4000), UNDER_GC_STRESS(4000, 400));
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "1600000\n");
    CHECK(mpbox_result_peak_memory(r) <= (40u << 20));
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* A large allocation that cannot fit raises MemoryError, which the program
 * handles, again after a first one (MicroPython's basics/memoryerror.py):
 * the run goes on and ends ok. */
static void large_refusal_is_catchable(void)
{
    mpbox_session *s = session(64 << 20);
    expect(s,
           "l = list(range(1000))\n"
           "try:\n    1000000000 * l\nexcept MemoryError:\n    print('MemoryError')\n"
           "print(len(l), l[0], l[-1])\n"
           "try:\n    [].extend(range(1000000000))\nexcept MemoryError:\n    print('MemoryError')\n"
           "try:\n    bytearray(100000000)\nexcept MemoryError:\n    print('MemoryError')\n"
           "print(len(bytes(20000000)))\n",
           "MemoryError\n1000 0 999\nMemoryError\nMemoryError\n20000000\n");
    mpbox_session_free(s);
}

/* The same at other caps: the areas the failed extend() left behind (1, 2,
 * 4, 8, 16 MiB ...), empty once its list died, go back to malloc for the
 * 20 MB bytes (before, which caps worked depended on where they happened
 * to lie: 70 MiB failed). */
static void refusal_then_large_at_any_cap(void)
{
    static const int64_t caps[] = {60 << 20, 70 << 20, 96 << 20, 128 << 20};
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
        mpbox_session *s = session(caps[i]);
        expect(s,
               "try:\n    [].extend(range(1000000000))\nexcept MemoryError:\n    print('MemoryError')\n"
               "print(len(bytes(20000000)))\n",
               "MemoryError\n20000000\n");
        mpbox_session_free(s);
    }
}

/* gc.threshold(0) collects before every allocation. Intermediate objects
 * that only C code of the guest holds (a generator feeding join, the list
 * sorted() builds, key results, a dict comprehension's pieces, arguments
 * of a call in progress, locals of deep recursion) must all survive: the
 * output is CPython's. */
static void stress_keeps_live_objects(void)
{
    mpbox_session *s = session(64 << 20);
    expect(s,
           "import gc\n"
           "gc.threshold(0)\n"
           "j = '-'.join(str(i) * 3 for i in range(300))\n"
           "t = sorted([str(i) for i in range(400)], key=lambda v: (v[-1], str(len(v)) * 2, v))\n"
           "d = {str(i): [i, str(i * 2)] for i in range(300)}\n"
           "m = list(map(lambda v: (v, str(v) * 2), range(200)))\n"
           "def deep(n):\n"
           "    a = [n, str(n) * 4]\n"
           "    b = {'k': a, 'n': str(n)}\n"
           "    r = deep(n - 1) if n else sum(len(str(i)) for i in range(500))\n"
           "    return r + len(b['k'][1]) + len(b['n'])\n"
           "f = '%s|%s|%r' % (str(7) * 5, [str(8)] * 2, {'a': str(9) * 3})\n"
           "print(len(j), j[:12], j[-12:])\n"
           "print(t[:4], t[-3:])\n"
           "print(len(d), d['299'], sum(v[0] for v in d.values()))\n"
           "print(m[199], len(m))\n"
           "print(deep(150))\n"
           "print(f)\n"
           "gc.threshold(-1)\n",
           "2669 000-111-222- 98-299299299\n"
           "['0', '10', '20', '30'] ['379', '389', '399']\n"
           "300 [299, '598'] 44850\n"
           "(199, '199199') 200\n"
           "3105\n"
           "77777|['8', '8']|{'a': '999'}\n");
    mpbox_session_free(s);
}

/* The library reads some objects by address (lib/python/_mpbox_funcattrs
 * reads a closure's function and its bytecode): an address does not keep
 * an object alive, so the object must stay held in a name meanwhile. The
 * first error in a closure's arguments imports that module; collecting
 * before every allocation there once reused a temporary closure's memory,
 * and the text counted the closure's cell as a parameter ("takes 3
 * positional arguments but 4 were given"). */
static void library_holds_what_it_reads_by_address(void)
{
    mpbox_session *s = session(64 << 20);
    expect(s,
           "import gc\n"
           "def make():\n"
           "    v = 1\n"
           "    def closed(a, b):\n"
           "        return a + b + v\n"
           "    return closed\n"
           "gc.threshold(0)\n"
           "try:\n"
           "    make()(1, 2, 3)\n"
           "except TypeError as e:\n"
           "    print(e)\n"
           "gc.threshold(-1)\n",
           "make.<locals>.closed() takes 2 positional arguments but 3 were given\n");
    mpbox_session_free(s);
}

/* The host sweeps the heap, except when an unreachable object has a
 * finaliser (a JsProxy's): then the guest's own sweep runs, finalisers
 * first. Through both kinds of collection, strings of 1 to 200 bytes kept
 * among many that are not keep their contents, and once dropped their
 * memory comes back (about 13 bytes per string made: 411 kB of them; a
 * tenth under collection stress). The strings are dropped by emptying the
 * list, not the list itself: a conservative scan may keep a block alive
 * (under stress, `keep` was the block right after the module's qstr table,
 * whose end pointer MicroPython stores as the empty object table). */
static void sweep_keeps_live_frees_garbage(void)
{
    mpbox_session *s = session(48 << 20);
    char src[600];
    snprintf(src, sizeof src,
             "import gc, js\n"
             "N = %d\n"
             "keep = []\n"
             "for i in range(N):\n"
             "    s = str(i) * (i %% 40 + 1)\n"
             "    if i %% 7 == 0:\n"
             "        keep.append(s)\n"
             "    if i %% (N // 30) == 0:\n"
             "        p = js.mpbox_call\n"
             "        gc.collect()\n"
             "gc.collect()\n"
             "ok = all(keep[k] == str(7 * k) * (7 * k %% 40 + 1) for k in range(len(keep)))\n"
             "a = gc.mem_alloc()\n"
             "n = len(keep)\n"
             "keep.clear()\n"
             "gc.collect()\n"
             "print(n == (N + 6) // 7, ok, a - gc.mem_alloc() > N * 13)\n",
             UNDER_GC_STRESS(30000, 3000));
    expect(s, src, "True True True\n");
    mpbox_session_free(s);
}

/* A run that collects and then is rolled back (out_of_memory) leaves the
 * session exactly as before, its heap included: afterwards it behaves as a
 * fork made before that run. */
static void rollback_after_collection(void)
{
    mpbox_session *s = session(48 << 20), *twin = NULL;
    expect(s, "import gc\nkeep = [str(i) for i in range(5000)]\n", "");
    CHECK(mpbox_session_fork(s, &twin) == MPBOX_OK);
    char src[160]; /* under collection stress: less garbage, larger blocks */
    snprintf(src, sizeof src,
             "keep = None\n"
             "for i in range(%d):\n    s = str(i) * 40\n"
             "gc.collect()\n"
             "x = []\n"
             "while True:\n    x.append(bytearray(%d))\n",
             UNDER_GC_STRESS(100000, 2000), UNDER_GC_STRESS(100000, 1000000));
    mpbox_result *r = run_in(s, src);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    static const char probe[] = "print(gc.mem_alloc(), gc.mem_free(), len(keep), keep[4999])\n";
    mpbox_result *a = run_in(s, probe), *b = run_in(twin, probe);
    CHECK_STR(mpbox_result_stdout(a, NULL), mpbox_result_stdout(b, NULL));
    mpbox_result_free(a);
    mpbox_result_free(b);
    mpbox_session_free(twin);
    mpbox_session_free(s);
}

/* The same program uses the same fuel in fresh sessions, whatever the
 * collections found on the native stack. */
static void fuel_does_not_depend_on_collections(void)
{
    if (!mpbox_has_fuel())
        return;
    char prog[128];
    snprintf(prog, sizeof prog,
             "import gc\nd = {}\nfor i in range(%d):\n    d[i %% 500] = str(i) * 20\n"
             "gc.collect()\nprint(len(d), gc.mem_alloc() < 8000000)\n",
             UNDER_GC_STRESS(60000, 3000));
    uint64_t fuel[2];
    for (int i = 0; i < 2; i++) {
        mpbox_session *s = session(32 << 20);
        mpbox_session_limit(s, MPBOX_LIMIT_DETERMINISTIC, 1);
        mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 1000000000000);
        mpbox_result *r = run_in(s, prog);
        CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
        CHECK_STR(mpbox_result_stdout(r, NULL), "500 True\n");
        fuel[i] = mpbox_result_fuel_used(r);
        mpbox_result_free(r);
        mpbox_session_free(s);
    }
    CHECK(fuel[0] > 0 && fuel[0] == fuel[1]);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: cannot create\n");
        return 1;
    }
    RUN(garbage_is_reclaimed);
    RUN(gc_module_mid_run);
    RUN(whole_cap_usable);
    RUN(list_growing_by_steps);
    RUN(large_refusal_is_catchable);
    RUN(refusal_then_large_at_any_cap);
    RUN(stress_keeps_live_objects);
    RUN(library_holds_what_it_reads_by_address);
    RUN(sweep_keeps_live_frees_garbage);
    RUN(rollback_after_collection);
    RUN(fuel_does_not_depend_on_collections);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
