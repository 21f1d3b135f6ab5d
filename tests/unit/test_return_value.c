/*
 * test_return_value.c — MPBOX_RUN_RETURN_VALUE: the value of the last
 * expression statement, as JSON.
 */
#include <stdint.h>

#include "check.h"
#include "mpbox.h"

static mpbox_runtime *rt;
static mpbox_session *s;

static mpbox_result *run_rv(const char *src)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run_ex(s, src, strlen(src), MPBOX_RUN_RETURN_VALUE, &r) == MPBOX_OK);
    CHECK(r != NULL);
    return r;
}

/* The return value of src, or "(none)"; status must be ok. */
static void expect(const char *src, const char *want)
{
    mpbox_result *r = run_rv(src);
    if (!r)
        return;
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    if (mpbox_result_traceback(r))
        printf("    traceback: %s\n", mpbox_result_traceback(r));
    const char *v = mpbox_result_return_value(r);
    CHECK_STR(v ? v : "(none)", want);
    mpbox_result_free(r);
}

static void expressions(void)
{
    expect("1 + 2", "3");
    expect("x = 6\nx * 7\n", "42");
    expect("'héllo'", "\"héllo\"");
    expect("[1, 2.5, True, None, 'a', (3, 4)]", "[1,2.5,true,null,\"a\",[3,4]]");
    expect("{'a': {'b': [1]}}", "{\"a\":{\"b\":[1]}}");
    expect("10 ** 30", "1000000000000000000000000000000");
    expect("x  # a trailing comment\n\n# and another\n", "6");
}

static void statements(void)
{
    expect("y = 1", "(none)");
    expect("", "(none)");
    expect("# only a comment\n", "(none)");
    expect("def f():\n    return 1\n", "(none)");
    expect("if True:\n    z = 2\nelse:\n    z = 3\n", "(none)");
    expect("for i in range(3):\n    i\n", "(none)");
    expect("import math", "(none)");
    /* the last statement is what counts */
    expect("1\nw = 2", "(none)");
}

static void multi_line(void)
{
    expect("(1 +\n 2)", "3");
    expect("[\n  1,\n  2,\n]\n", "[1,2]");
    expect("1 + \\\n 2", "3");
    expect("'''a\nb = 1\n'''", "\"a\\nb = 1\\n\"");
    expect("s = '''\nx = 5\n'''\nlen(s)", "7");
    expect("d = {\n'k': ')'}\nd['k']", "\")\"");
    expect("def g(a,\n      b):\n    return a + b\ng(1,\n  2)", "3");
    expect("'a\\\nb'", "\"ab\"");
}

static void none_and_repr(void)
{
    expect("None", "null");
    expect("print('x')", "null");
    expect("{1, 2} if False else {3}", "\"{3}\"");
    expect("b'ab'", "\"b'ab'\"");
    expect("float('nan')", "\"nan\"");
    expect("{1: 2}", "\"{1: 2}\"");
    expect("class K:\n    def __repr__(self):\n        return 'K!'\nK()", "\"K!\"");
}

static void exceptions(void)
{
    mpbox_result *r = run_rv("a = 1\n1 / 0");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK(mpbox_result_return_value(r) == NULL);
    CHECK_STR(mpbox_result_error_type(r), "ZeroDivisionError");
    CHECK(strstr(mpbox_result_traceback(r), "__mpbox") == NULL);
    CHECK(strstr(mpbox_result_traceback(r), "line 2, in <module>") != NULL);
    mpbox_result_free(r);
    r = run_rv("import sys\nsys.exit(0)\n5");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK(mpbox_result_return_value(r) == NULL);
    mpbox_result_free(r);
    r = run_rv("raise ValueError('v')");
    CHECK_STR(mpbox_result_error_message(r), "v");
    CHECK(mpbox_result_return_value(r) == NULL);
    mpbox_result_free(r);
}

static void with_output(void)
{
    mpbox_result *r = run_rv("print('hello')\n40 + 2");
    CHECK_STR(mpbox_result_stdout(r, NULL), "hello\n");
    CHECK_STR(mpbox_result_return_value(r), "42");
    char *j = mpbox_result_json(r, NULL);
    CHECK(j && strstr(j, "\"return_value\":42,") != NULL);
    mpbox_free(j);
    mpbox_result_free(r);
    /* without the flag: no value, null in JSON */
    r = NULL;
    CHECK(mpbox_run(s, "1", 1, &r) == MPBOX_OK);
    CHECK(mpbox_result_return_value(r) == NULL);
    j = mpbox_result_json(r, NULL);
    CHECK(j && strstr(j, "\"return_value\":null") != NULL);
    mpbox_free(j);
    mpbox_result_free(r);
}

/* tracebacks name the same lines as a plain run */
static void line_numbers(void)
{
    static const char *srcs[] = {
        "a = 1\nb = 2\nc = a +\n",                 /* syntax error, last stmt */
        "a = 1\nb = (2 +\n\n  undefined_name)\nb",  /* head */
        "x = 1\n\n\nx + undefined_name",          /* tail */
        "def f():\n    raise KeyError('k')\n\n\nf()", /* tail calls into head */
        "for i in range(2):\n    pass\nelse:\n    1 / 0\n", /* no expression */
        "  x = 1\n",                                   /* indentation error */
    };
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        mpbox_result *a = NULL, *b = NULL;
        CHECK(mpbox_run(s, srcs[i], strlen(srcs[i]), &a) == MPBOX_OK);
        CHECK(mpbox_run_ex(s, srcs[i], strlen(srcs[i]), MPBOX_RUN_RETURN_VALUE, &b) == MPBOX_OK);
        CHECK(mpbox_result_status(a) == MPBOX_STATUS_ERROR);
        CHECK_STR(mpbox_result_traceback(b), mpbox_result_traceback(a));
        CHECK(mpbox_result_return_value(b) == NULL);
        mpbox_result_free(a);
        mpbox_result_free(b);
    }
}

/* Programs that go through the source rewriter (match, unpacking inside
 * displays, f-string '='): the last expression's value still comes back,
 * and a rewritten program's error keeps its own line. */
static void rewritten(void)
{
    expect("a = [1, 2]\n[*a, *a]", "[1,2,1,2]");
    expect("match 5:\n    case int(n):\n        r = n * 2\nr", "10");
    expect("n = 3\nf'{n=}'", "\"n=3\"");
    expect("{**{'a': 1}, 'b': [*range(2)]}", "{\"a\":1,\"b\":[0,1]}");
    mpbox_result *r = run_rv("x = 1\nmatch x:\n    case 1:\n        1 / 0\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK(strstr(mpbox_result_traceback(r), "line 4, in <module>") != NULL);
    CHECK(strstr(mpbox_result_traceback(r), "_mpbox_rewrite") == NULL);
    mpbox_result_free(r);
}

static void state_and_limits(void)
{
    /* definitions in the head and the tail land in __main__ */
    expect("q = 5\nq", "5");
    expect("q + 1", "6");
    expect("(lambda: q)()", "5");
    /* echo takes precedence */
    mpbox_result *r = NULL;
    CHECK(mpbox_run_ex(s, "7", 1, MPBOX_RUN_ECHO | MPBOX_RUN_RETURN_VALUE, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "7\n");
    CHECK(mpbox_result_return_value(r) == NULL);
    mpbox_result_free(r);
    /* a value whose JSON is longer than the stdout cap */
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, 100);
    r = run_rv("'x' * 1000");
    CHECK(mpbox_result_return_value(r) && strstr(mpbox_result_return_value(r), "too large"));
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, MPBOX_DEFAULT_OUTPUT);
    /* host calls are not counted */
    r = run_rv("3");
    CHECK(mpbox_result_host_calls(r) == 0);
    mpbox_result_free(r);
    /* a timeout gives no value */
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 100);
    r = run_rv("while True:\n    pass\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK(mpbox_result_return_value(r) == NULL);
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, MPBOX_DEFAULT_TIMEOUT_MS);
    expect("q", "5");
}

/* The value travels on the internal channel (js.mpbox_internal), not the
 * user host-function bridge: there "@return" is just a name no host
 * function has, and no value is taken from it. */
static void own_channel(void)
{
    mpbox_result *r = run_rv("import js\ne = js.mpbox_call('@return', '41')\ne");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    const char *v = mpbox_result_return_value(r);
    CHECK(v && strstr(v, "NameError") && strstr(v, "no host function named '@return'"));
    mpbox_result_free(r);
    r = run_rv("import js\nt = js.mpbox_internal('nonsense', '')\nt");
    v = mpbox_result_return_value(r);
    CHECK(v && strstr(v, "no such internal message"));
    mpbox_result_free(r);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_session_new(rt, &s) != MPBOX_OK) {
        printf("FAIL setup\n");
        return 1;
    }
    RUN(expressions);
    RUN(statements);
    RUN(multi_line);
    RUN(none_and_repr);
    RUN(exceptions);
    RUN(with_output);
    RUN(line_numbers);
    RUN(rewritten);
    RUN(state_and_limits);
    RUN(own_channel);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
