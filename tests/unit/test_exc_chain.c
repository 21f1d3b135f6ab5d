/*
 * test_exc_chain.c — exception chaining through the public API: an uncaught
 * chained exception's traceback, type and message; the chain kept in a
 * snapshot, a fork and across a rollback; no exception left "being handled"
 * by a run that stopped inside an except block; contexts found through
 * more frames than the host keeps track of; the last line of a traceback
 * for instances of Python classes (str(e), as CPython).
 */
#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static const char chained_program[] =
    "def parse(s):\n"
    "    try:\n"
    "        return int(s)\n"
    "    except ValueError as e:\n"
    "        raise RuntimeError('bad config') from e\n"
    "try:\n"
    "    {}['k']\n"
    "except KeyError:\n"
    "    parse('x')\n";

static void uncaught_chain(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, chained_program);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), "RuntimeError");
    CHECK_STR(mpbox_result_error_message(r), "bad config");
    const char *tb = mpbox_result_traceback(r);
    CHECK(tb != NULL);
    if (tb) {
        const char *k = strstr(tb, "KeyError: 'k'\n");
        const char *during = strstr(tb, "\nDuring handling of the above exception, another exception occurred:\n\n"
                                        "Traceback (most recent call last):\n");
        const char *v = strstr(tb, "ValueError: invalid literal for int() with base 10: 'x'\n");
        const char *cause = strstr(tb, "\nThe above exception was the direct cause of the following exception:\n\n"
                                       "Traceback (most recent call last):\n");
        const char *rt_line = strstr(tb, "RuntimeError: bad config\n");
        CHECK(strncmp(tb, "Traceback (most recent call last):\n", 35) == 0);
        CHECK(k && during && v && cause && rt_line && k < during && during < v && v < cause && cause < rt_line);
    }
    CHECK(strstr(mpbox_result_stderr(r, NULL), "chaining not supported") == NULL);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static const char keep_program[] =
    "try:\n"
    "    try:\n"
    "        raise KeyError('first')\n"
    "    except KeyError as k:\n"
    "        raise ValueError('second') from k\n"
    "except ValueError as v:\n"
    "    kept = v\n"
    "import gc\n"
    "junk = [[i] for i in range(3000)]\n"
    "del junk\n"
    "gc.collect()\n";

static const char show_kept[] = "print(repr(kept), repr(kept.__cause__), kept.__context__ is kept.__cause__)\n";
static const char kept_out[] = "ValueError('second') KeyError('first') True\n";

static void kept_by_snapshot_fork_rollback(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, keep_program, "");
    expect(s, show_kept, kept_out);

    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    mpbox_session *loaded = NULL;
    CHECK(mpbox_session_load(rt, snap, len, &loaded, NULL) == MPBOX_OK);
    if (loaded) {
        expect(loaded, "import gc\ngc.collect()\n", "");
        expect(loaded, show_kept, kept_out);
        mpbox_session_free(loaded);
    }
    mpbox_free(snap);

    mpbox_session *child = NULL;
    CHECK(mpbox_session_fork(s, &child) == MPBOX_OK);
    if (child) {
        expect(child, "kept.__cause__ = None\n", "");
        expect(child, "print(kept.__cause__, kept.__suppress_context__)\n", "None True\n");
        mpbox_session_free(child);
    }
    expect(s, show_kept, kept_out);

    /* a run stopped by its fuel after changing the chain leaves it as it was */
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 2000000);
    mpbox_result *r = run_in(s, "kept.__cause__ = None\nwhile True:\n    pass\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_FUEL);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, show_kept, kept_out);
    mpbox_session_free(s);
}

/* A run stopped inside an except block (deep in calls) leaves no exception
 * being handled for the next run. */
static void stopped_inside_a_handler(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 3000000);
    mpbox_result *r = run_in(s, "def spin(n):\n"
                                "    if n:\n"
                                "        return spin(n - 1)\n"
                                "    while True:\n"
                                "        pass\n"
                                "try:\n"
                                "    raise KeyError('stale')\n"
                                "except KeyError:\n"
                                "    spin(50)\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_FUEL);
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0);
    expect(s, "import sys\n"
              "def deep(n):\n"
              "    return deep(n - 1) if n else sys.exc_info()\n"
              "print(deep(80))\n"
              "try:\n"
              "    raise ValueError('fresh')\n"
              "except ValueError:\n"
              "    pass\n"
              "try:\n"
              "    1 / 0\n"
              "except ZeroDivisionError as e:\n"
              "    print(e.__context__)\n",
           "(None, None, None)\nNone\n");
    mpbox_session_free(s);
}

/* Deeper than the frames the host follows (MPB_EXC_FRAMES, 64): the
 * context is still found in the frames it follows. */
static void deeper_than_followed(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, "import sys\n"
              "sys.setrecursionlimit(5000)\n"
              "def down(n):\n"
              "    if n:\n"
              "        return down(n - 1)\n"
              "    try:\n"
              "        raise ValueError('deep')\n"
              "    except ValueError as e:\n"
              "        return repr(e.__context__)\n"
              "try:\n"
              "    raise KeyError('top')\n"
              "except KeyError:\n"
              "    print(down(1100))\n",
           "KeyError('top')\n");
    mpbox_session_free(s);
}

/* The last line of an uncaught exception's traceback, as CPython writes
 * it, and the result's message. */
static void expect_last_line(const char *src, const char *type, const char *line, const char *message)
{
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, src);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    const char *tb = r ? mpbox_result_traceback(r) : NULL;
    size_t n = strlen(line), len = tb ? strlen(tb) : 0;
    CHECK(tb && len > n && strcmp(tb + len - n, line) == 0 && tb[len - n - 1] == '\n');
    if (tb && !(len > n && strcmp(tb + len - n, line) == 0))
        printf("    traceback: %s\n", tb);
    CHECK_STR(r ? mpbox_result_error_type(r) : NULL, type);
    CHECK_STR(r ? mpbox_result_error_message(r) : NULL, message);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static void last_lines(void)
{
    expect_last_line("open('x.txt')", "FileNotFoundError",
                     "FileNotFoundError: [Errno 2] No such file or directory: 'x.txt'\n",
                     "[Errno 2] No such file or directory: 'x.txt'");
    expect_last_line("class AppError(Exception):\n"
                     "    def __str__(self):\n"
                     "        return 'custom text'\n"
                     "raise AppError(1, 2)\n",
                     "AppError", "AppError: custom text\n", "custom text");
    expect_last_line("class Quiet(Exception):\n    pass\nraise Quiet()\n", "Quiet", "Quiet\n", "");
    expect_last_line("class Bad(Exception):\n"
                     "    def __str__(self):\n"
                     "        raise ValueError('no')\n"
                     "raise Bad()\n",
                     "Bad", "Bad: <exception str() failed>\n", "<exception str() failed>");
    expect_last_line("import statistics\nstatistics.mean([])\n", "StatisticsError",
                     "statistics.StatisticsError: mean requires at least one data point\n",
                     "mean requires at least one data point");
    expect_last_line("raise KeyError('k')\n", "KeyError", "KeyError: 'k'\n", "'k'");
    /* an empty str(e) ends the line with the name alone, as CPython's */
    expect_last_line("raise ValueError()\n", "ValueError", "ValueError\n", "");
    expect_last_line("raise ValueError('')\n", "ValueError", "ValueError\n", "");
    expect_last_line("raise KeyError('')\n", "KeyError", "KeyError: ''\n", "''");
    expect_last_line("raise ValueError('x', '')\n", "ValueError", "ValueError: ('x', '')\n", "('x', '')");
    /* an exception that is its own cause is printed once */
    expect_last_line("a = ValueError('a')\nraise a from a\n", "ValueError", "ValueError: a\n", "a");
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, "a = ValueError('a')\nraise a from a\n");
    const char *tb = r ? mpbox_result_traceback(r) : NULL;
    CHECK(tb && strstr(tb, "Traceback") == tb && !strstr(tb + 1, "Traceback") && !strstr(tb, "direct cause"));
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime_new\n");
        return 1;
    }
    RUN(uncaught_chain);
    RUN(kept_by_snapshot_fork_rollback);
    RUN(stopped_inside_a_handler);
    RUN(deeper_than_followed);
    RUN(last_lines);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
