/*
 * test_traceback_guard.c — an uncaught exception whose printing raises
 * (the program's __str__) is printed with "<exception str() failed>"
 * under a guard (host/exc.c, guest/excchain), and a __repr__ that raises is
 * not called for the last line (str(e), as CPython);
 * many such runs in one session leave it as it was: the same recursion
 * depth (the guest's stacks), the same globals, ordinary output.
 */
#include "session.h"

static mpbox_runtime *rt;

/* How deep a plain recursion gets before the guest refuses. */
static long recursion_depth(mpbox_session *s)
{
    mpbox_result *r = run_in(s, "def f(n):\n    try:\n        return f(n + 1)\n    except RuntimeError:\n"
                                "        return n\nprint(f(0))\n");
    const char *out = r ? mpbox_result_stdout(r, NULL) : NULL;
    long d = out ? strtol(out, NULL, 10) : -1;
    mpbox_result_free(r);
    return d;
}

static void failed_printing_loses_nothing(void)
{
    static const char *const progs[] = {
        "class E(Exception):\n    def __repr__(self): raise ValueError()\nraise E()\n",
        "def g(*a, **k): raise ValueError()\nclass E(Exception):\n    def __repr__(self): return g(*[1, 2], **{'a': 1})\n"
        "raise E()\n",
        "class B:\n    def __str__(self): return '%s' % (self,)\nraise ValueError(B())\n",
        "class E(Exception):\n    def __repr__(self): raise ValueError()\ntry:\n    raise E()\nexcept E:\n"
        "    raise KeyError('k')\n",
    };
    /* as CPython 3.11: the last line of an instance of a Python class is
     * str(e) (its __repr__ is not called); a native exception's argument
     * is printed by the guest, under the guard */
    static const char *const last_lines[] = {"E\n", "E\n", "ValueError: <exception str() failed>\n", "KeyError: 'k'\n"};
    mpbox_session *s = new_session(rt);
    expect(s, "kept = 41\n", "");
    long before = recursion_depth(s);
    CHECK(before > 100);
    for (int i = 0; i < 400; i++) {
        size_t k = (size_t)i % (sizeof progs / sizeof progs[0]);
        mpbox_result *r = run_in(s, progs[k]);
        CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_ERROR && !mpbox_result_session_lost(r));
        const char *tb = r ? mpbox_result_traceback(r) : NULL;
        size_t n = tb ? strlen(tb) : 0, m = strlen(last_lines[k]);
        CHECK(tb && n >= m && strcmp(tb + n - m, last_lines[k]) == 0);
        if (!tb || n < m || strcmp(tb + n - m, last_lines[k]) != 0)
            printf("    run %d: %s\n", i, tb ? tb : "(no traceback)");
        mpbox_result_free(r);
        if (!r)
            break;
    }
    CHECK(recursion_depth(s) == before);
    expect(s, "print(kept + 1)\n", "42\n");
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: mpbox_runtime_new\n");
        return 1;
    }
    RUN(failed_printing_loses_nothing);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
