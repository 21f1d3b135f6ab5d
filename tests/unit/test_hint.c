/*
 * test_hint.c — mpbox_result_hint: each rule fires on the error of a real
 * run of the guest, says the right thing, and unrelated errors get no hint.
 * The programs are the CPython code agents write; the guest's own error is
 * what the rule has to recognise.
 */
#include <stdint.h>

#include "check.h"
#include "mpbox.h"
#include "session.h"

static mpbox_runtime *rt;

/* The rules describe the guest itself: each case runs without the
 * compatibility library (which fills some of these gaps), so that the
 * error is MicroPython's own whether or not the library is built in. */
static const char without_library[] =
    "import sys\n"
    "while '/usr/lib/mpbox' in sys.path:\n"
    "    sys.path.remove('/usr/lib/mpbox')\n"
    "for n in list(sys.modules):\n"
    "    if (getattr(sys.modules[n], '__file__', '') or '').startswith('/usr/lib/mpbox/'):\n"
    "        del sys.modules[n]\n";

static int with_library; /* 1: leave the library in place */

/* Run src in a fresh session (flags as given); the caller frees. */
static mpbox_result *run_flags(const char *src, unsigned flags)
{
    mpbox_session *s = NULL;
    mpbox_result *r = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    if (!s)
        return NULL;
    if (!with_library) {
        CHECK(mpbox_run(s, without_library, strlen(without_library), &r) == MPBOX_OK);
        CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
        mpbox_result_free(r);
        r = NULL;
    }
    CHECK(mpbox_run_ex(s, src, strlen(src), flags, &r) == MPBOX_OK);
    mpbox_session_free(s);
    return r;
}

/* src fails with `type` and its hint contains `want`. */
static void expect_hint_flags(const char *src, const char *type, const char *want, unsigned flags)
{
    mpbox_result *r = run_flags(src, flags);
    if (!r)
        return;
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), type);
    const char *hint = mpbox_result_hint(r);
    if (!hint || !strstr(hint, want)) {
        printf("    source: %s\n    error: %s: %s\n    hint: %s\n    want: %s\n", src,
               mpbox_result_error_type(r) ? mpbox_result_error_type(r) : "(none)",
               mpbox_result_error_message(r) ? mpbox_result_error_message(r) : "(none)",
               hint ? hint : "(none)", want);
        CHECK(hint && strstr(hint, want));
    }
    mpbox_result_free(r);
}

static void expect_hint(const char *src, const char *type, const char *want)
{
    expect_hint_flags(src, type, want, 0);
}

/* src fails with `type` and has no hint. */
static void expect_none(const char *src, const char *type)
{
    mpbox_result *r = run_flags(src, 0);
    if (!r)
        return;
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), type);
    const char *hint = mpbox_result_hint(r);
    if (hint) {
        printf("    source: %s\n    unexpected hint: %s\n", src, hint);
        CHECK(hint == NULL);
    }
    mpbox_result_free(r);
}

static void slices_views_types(void)
{
    expect_hint("d = {'a': 1}\nprint(d.values() | {'b'})", "TypeError", "set(d.values()) | other");
    expect_hint("d = {'a': 1}\nprint(d.values() & {'a'})", "TypeError", "set(d.values())");
    expect_hint("d = {'a': 1}\nprint({'a', 'z'} - d.values())", "TypeError", "other - set(d.values())");
    expect_hint("print(isinstance(1, int | str))", "TypeError", "isinstance(x, (int, str))");
    expect_hint("MaybeInt = int | None", "TypeError", "typing.Optional[int]");
    expect_hint("n = 3\nprint('n=' + n)", "TypeError", "str(n)");
    expect_hint("x = 1.5\nprint('x=' + x)", "TypeError", "str(x)");
    expect_hint("print(dict([('a', 1, 2)]))", "ValueError", "sequence of pairs");
    expect_hint("class A:\n    def __init__(self, **kw):\n        self.__dict__.update(kw)\nA(x=1)", "TypeError",
                "setattr(self, k, v)");
    expect_hint("class A:\n    pass\na = A()\nvars(a)['k'] = 1", "TypeError", "setattr(obj, k, v)");
    expect_hint("class A:\n    pass\nd = A().__dict__\nd.setdefault('k', 2)", "TypeError",
                "setattr(obj, name, value)");
}

static void formatting(void)
{
    /* '{0[a]}'.format(d) works now (host/numfmt.c): no NotImplementedError to hint */
    /* __format__ is called now: no hint, the class's own error */
    expect_none("class P:\n    pass\nprint(f'{P():>5}')", "TypeError");
    expect_hint("print(', '.join([1, 2]))", "TypeError", "str(x) for x in items");
    expect_hint("import time\nprint(time.strftime('%Y'))", "TypeError", "time.localtime()");
}

static void keyword_arguments(void)
{
    expect_hint("from collections import deque\nq = deque([1], maxlen=3)", "TypeError", "deque(items, 100)");
    expect_hint("from collections import deque\nq = deque()", "TypeError", "deque([], 100)");
    expect_hint("class Meta(type):\n    pass\nclass A(metaclass=Meta):\n    pass", "TypeError", "abc.ABC");
    expect_hint("import functools\nparse = functools.partial(complex, imag=2)\nprint(parse(1))",
                "TypeError", "positional arguments only");
    expect_hint("f = open('/out.csv', 'w', newline='')", "TypeError", "no newline=");
}

static void builtin_names(void)
{
    expect_hint("exit(1)", "NameError", "sys.exit()");
    expect_hint("quit()", "NameError", "sys.exit()");
    expect_hint("import os\nprint(os.path.dirname(__file__))", "NameError", "__file__ is not defined");
}

static void modules(void)
{
    expect_hint("import time\nt0 = time.perf_counter()", "AttributeError", "time.ticks_ms()");
    expect_hint("import time\nt0 = time.monotonic()", "AttributeError", "time.ticks_diff()");
    expect_hint("import sys\nprint(sys.exc_info())", "AttributeError", "except Exception as e");
    expect_hint("import itertools\nprint(list(itertools.chain.from_iterable([[1], [2]])))", "AttributeError",
                "itertools.chain(*iterables)");
    expect_hint("print(len.__qualname__)", "AttributeError",
                "built-in functions and methods have no __qualname__");
    expect_hint("def f():\n    pass\nf.calls = 0", "AttributeError", "f.calls = ...");
    expect_hint("import sys\nprint(sys.version_info.major)", "AttributeError", "sys.version_info[0]");
    expect_hint("import json\ntry:\n    json.loads('{')\nexcept json.JSONDecodeError:\n    pass", "AttributeError",
                "catch ValueError");
    expect_hint("from json import JSONDecodeError", "ImportError", "catch ValueError");
    expect_hint("import json\nprint(json.dumps({'a': 1}, indent=2))", "TypeError", "separators=(',', ':')");
    expect_hint("import json\nprint(json.dumps({'a': 1}, sort_keys=True))", "TypeError", "no indent=, sort_keys=");
    expect_hint("from datetime import date\nprint(date(2024, 1, 5).strftime('%Y-%m-%d'))", "AttributeError",
                "f'{d.year:04d}");
    expect_hint("from datetime import datetime\nprint(datetime(2024, 1, 5, 1, 2).strftime('%H:%M'))",
                "AttributeError", "have no strftime()");
    expect_hint("from datetime import datetime\ndatetime.strptime('2024-01-05', '%Y-%m-%d')", "AttributeError",
                "datetime(*map(int");
    expect_hint("import struct\nstruct.no_such_name()", "AttributeError",
                "This sandbox's struct module is smaller than CPython's and has no 'no_such_name'; "
                "dir(struct) lists");
    expect_hint("import os.path\nos.path.no_such_name('a')", "AttributeError", "sandbox's os.path module");
    expect_hint("from math import no_such_function", "ImportError", "has no 'no_such_function'");
}

static void imports(void)
{
    expect_hint("import pandas as pd", "ModuleNotFoundError", "'pandas' is a third-party package");
    expect_hint("import numpy as np", "ModuleNotFoundError", "lists and the math module");
    expect_hint("import requests", "ModuleNotFoundError", "no network access");
    expect_hint("import subprocess", "ModuleNotFoundError", "no processes");
    expect_hint("import threading", "ModuleNotFoundError", "no threads");
    expect_hint("import sqlite3", "ModuleNotFoundError", "read_only_sql_query");
    expect_hint("from os import no_such_name", "ImportError", "MicroPython's os has no 'no_such_name'");
    expect_hint("from __future__ import annotations\nprint(1)", "ModuleNotFoundError", "remove the 'from __future__");
    expect_hint("import zipfile", "ModuleNotFoundError", "CPython standard module");
    expect_hint("import urllib.request", "ModuleNotFoundError", "no network access");
    expect_hint("from urllib.request import urlopen", "ModuleNotFoundError", "no network access");
}

static void syntax(void)
{
    expect_hint("x = 2\nmatch x:\n    case 1:\n        print('one')", "SyntaxError", "no match statement");
    expect_hint("def f(a, /, b):\n    return a + b", "SyntaxError", "positional-only");
    expect_hint("a = {'x': 1}\nb = {**a, 'y': 2}", "SyntaxError", "a | b");
    expect_hint("a = {'x': 1}\nb = {'y': 2, **a}", "SyntaxError", "a | b");
    expect_hint("a = [1]\nb = {*a, 2}", "SyntaxError", "set(a) | set(b)");
    expect_hint("a = [1]\nb = [*a, 2]", "SyntaxError", "a + b");
    expect_hint("with (open('/a', 'w') as f, open('/b', 'w') as g):\n    pass", "SyntaxError", "nest the with");
    expect_hint("try:\n    pass\nexcept* ValueError:\n    pass", "SyntaxError", "except*");
    expect_hint("class Box[T]:\n    pass", "SyntaxError", "class C[T]");
    expect_hint("type Number = int", "SyntaxError", "X = int");
    expect_hint("x = 'é'\nprint(f'{x!a}')", "SyntaxError", "use !r");
}

static void limits_and_files(void)
{
    expect_hint("def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\nprint(depth(5000))",
                "RecursionError", "explicit stack");
    expect_hint("print(open('/no/such/file.csv').read())", "FileNotFoundError", "os.listdir()");
    expect_hint("name = input('Your name: ')\nprint('hi', name)", "EOFError", "no standard input");
    expect_hint("import os\nos.system('ls')", "AttributeError", "no processes");
    expect_hint("def r(n, *a, **k):\n    x = [1, 2, 3]\n    return 0 if n == 0 else 1 + r(n - 1, *a, **k)\n"
                "print(r(10000))", "RecursionError", "explicit stack");
}

/* The failing line is found in the other run modes too. */
static void run_modes(void)
{
    expect_hint_flags("x = 1\nmatch x:\n    case 1:\n        pass", "SyntaxError", "match", MPBOX_RUN_RETURN_VALUE);
    expect_hint_flags("print(complex(real=1))", "TypeError", "positional arguments only", MPBOX_RUN_ECHO);
    expect_hint_flags("y = 2\ncomplex(real=y)", "TypeError", "positional arguments only", MPBOX_RUN_RETURN_VALUE);
}

/* Errors that are not MicroPython differences, and look-alikes that must
 * not borrow a rule's advice. */
static void unrelated_errors(void)
{
    expect_none("raise ValueError('bad input')", "ValueError");
    expect_none("print(undefined_name)", "NameError");
    expect_none("class MyError(Exception):\n    pass\ntry:\n    raise MyError()\nexcept MissingError:\n    pass",
                "NameError");
    expect_none("d = {}\nprint(d['missing'])", "KeyError");
    expect_none("print([1, 2][5])", "IndexError");
    expect_none("print(1 / 0)", "ZeroDivisionError");
    expect_none("print(int('x'))", "ValueError");
    expect_none("x = None\nx.foo()", "AttributeError");
    expect_none("print('abc'.no_such_method())", "AttributeError");
    expect_none("class A:\n    pass\nA().missing", "AttributeError");
    expect_none("import my_own_module", "ModuleNotFoundError");
    /* the program's own modules are not MicroPython's */
    expect_none("with open('/helpers.py', 'w') as f:\n    f.write('X = 1\\n')\nimport helpers\n"
                "helpers.missing()", "AttributeError");
    expect_none("import os\nos.mkdir('/mypkg')\nopen('/mypkg/__init__.py', 'w').close()\n"
                "from mypkg import missing", "ImportError");
    expect_none("print(len(5))", "TypeError");
    expect_none("print('a'.startswith(1))", "TypeError");
    expect_none("x = (1, 2\nprint(x)", "SyntaxError");
    expect_none("for i in range(3)\n    print(i)", "SyntaxError");
    /* look-alike text inside strings and comments is not code */
    expect_none("print('{**kwargs}' 1)", "SyntaxError");
    expect_none("x = 1 2  # match x: case", "SyntaxError");
    expect_none("def g(a, b):\n    pass\ng(1, 2, '.center(')", "TypeError");
    expect_none("def g(a, b):\n    pass\ng(1, 2, 3)  # s.center(", "TypeError");
    expect_none("a = [1, 2]\nb = a[1:0:2]\nraise ValueError(b)", "ValueError");
    /* a message the guest forges is not quoted back when it is not a name */
    expect_none("raise AttributeError(\"module 'a b' has no attribute 'c'\")", "AttributeError");
    /* a function that really takes no keywords, with a look-alike line */
    expect_none("def f(**k):\n    raise TypeError('something else')\nf(maxsplit=1)", "TypeError");
}

/* Differences the library cannot remove (built-in types, syntax) are
 * hinted with the library in place too. */
static void library_in_place(void)
{
    with_library = 1;
    expect_hint("d = {'a': 1}\nprint(d.values() | {'b'})", "TypeError", "set(d.values()) | other");
    /* with the library, match statements run (the source rewriter) */
    expect_hint("try:\n    pass\nexcept* ValueError:\n    pass", "SyntaxError", "except*");
    expect_hint("import pandas", "ModuleNotFoundError", "third-party");
    with_library = 0;
}

/* A line crafted to make the pattern matcher backtrack: the run's result
 * must still come back (the matcher has a step budget). */
static void hostile_line(void)
{
    char src[1100];
    int n = snprintf(src, sizeof src, "raise NotImplementedError('')  # ");
    while (n < 990) {
        memcpy(src + n, "[:", 2);
        n += 2;
    }
    src[n] = '\0';
    mpbox_result *r = run_flags(src, 0);
    if (r) {
        CHECK_STR(mpbox_result_error_type(r), "NotImplementedError");
        CHECK(mpbox_result_hint(r) == NULL);
        mpbox_result_free(r);
    }
}

static void api(void)
{
    CHECK(mpbox_result_hint(NULL) == NULL);
    mpbox_result *r = run_flags("print('ok')", 0);
    if (r) {
        CHECK(mpbox_result_hint(r) == NULL);
        char *json = mpbox_result_json(r, NULL);
        CHECK(json && strstr(json, "\"hint\":null"));
        mpbox_free(json);
        mpbox_result_free(r);
    }
    r = run_flags("__import__('os').system('ls')", 0);
    if (r) {
        char *json = mpbox_result_json(r, NULL);
        CHECK(json && strstr(json, "\"hint\":\"There are no processes in the sandbox"));
        mpbox_free(json);
        mpbox_result_free(r);
    }
    /* sys.exit(2) is an error status, but not a difference */
    r = run_flags("import sys\nsys.exit(2)", 0);
    if (r) {
        CHECK(mpbox_result_hint(r) == NULL);
        mpbox_result_free(r);
    }
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime_new\n");
        return 1;
    }
    stress_timeouts(rt);
    RUN(slices_views_types);
    RUN(formatting);
    RUN(keyword_arguments);
    RUN(builtin_names);
    RUN(modules);
    RUN(imports);
    RUN(syntax);
    RUN(limits_and_files);
    RUN(run_modes);
    RUN(unrelated_errors);
    RUN(library_in_place);
    RUN(hostile_line);
    RUN(api);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
