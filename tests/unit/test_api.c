/*
 * test_api.c — the public API: misuse, persistence, results, statuses that
 * do not need limits to fire, JSON form.
 */
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static void expect_stdout(mpbox_session *s, const char *src, const char *want)
{
    mpbox_result *r = run_in(s, src);
    if (!r)
        return;
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), want);
    if (mpbox_result_status(r) != MPBOX_STATUS_OK && mpbox_result_traceback(r))
        printf("    traceback: %s\n", mpbox_result_traceback(r));
    mpbox_result_free(r);
}

static void misuse(void)
{
    mpbox_session *s = (mpbox_session *)1;
    mpbox_result *r = (mpbox_result *)1;
    CHECK(mpbox_runtime_new(NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_new(NULL, &s) == MPBOX_MISUSE);
    CHECK(s == NULL); /* written even on failure */
    CHECK(mpbox_session_new(rt, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_run(NULL, "x", 1, &r) == MPBOX_MISUSE);
    CHECK(r == NULL);
    CHECK(mpbox_run_once(NULL, "x", 1, &r) == MPBOX_MISUSE);
    mpbox_session_free(NULL);
    mpbox_runtime_free(NULL);
    mpbox_result_free(NULL);
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    CHECK(mpbox_run(s, NULL, 5, &r) == MPBOX_MISUSE);
    CHECK(mpbox_run(s, "x", 1, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_limit(s, -1, 5) == -1);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_COUNT_, 5) == -1);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, 1000) == -1); /* below the image */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, (int64_t)MPBOX_MAX_MEMORY + 1) == -1);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_OUTPUT_STOP, 2) == -1);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, -1) == MPBOX_DEFAULT_MEMORY);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 1234) == MPBOX_DEFAULT_TIMEOUT_MS);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, -1) == 1234);
    CHECK(mpbox_runtime_limit(rt, 99, 1) == -1);
    CHECK(mpbox_runtime_limit(NULL, 0, 1) == -1);
    CHECK(!mpbox_session_is_lost(s));
    CHECK(mpbox_session_is_lost(NULL));
    mpbox_session_free(s);
}

static void names(void)
{
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_OK), "ok");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_ERROR), "error");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_TIMEOUT), "timeout");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_OUT_OF_MEMORY), "out_of_memory");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_OUTPUT_TRUNCATED), "output_truncated");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_TRAP), "trap");
    CHECK_STR(mpbox_status_name(MPBOX_STATUS_INTERRUPTED), "interrupted");
    CHECK_STR(mpbox_status_name(42), "unknown");
    for (int rc = 0; rc <= MPBOX_GUEST + 1; rc++)
        CHECK(mpbox_errstr(rc) != NULL && *mpbox_errstr(rc));
    CHECK(mpbox_libversion_number() == MPBOX_VERSION_NUMBER);
    CHECK(strcmp(mpbox_libversion(), MPBOX_VERSION) == 0);
}

static void persistence(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    expect_stdout(s, "x = 41\nimport math\n", "");
    expect_stdout(s, "def inc(v):\n    return v + 1\nclass C:\n    k = 'kls'\n", "");
    expect_stdout(s, "print(inc(x), C.k, math.floor(2.5))", "42 kls 2\n");
    expect_stdout(s, "x += 1\nprint(x)", "42\n");
    expect_stdout(s, "", "");
    mpbox_session_free(s);
}

static void sessions_are_separate(void)
{
    mpbox_session *a, *b;
    CHECK(mpbox_session_new(rt, &a) == MPBOX_OK);
    CHECK(mpbox_session_new(rt, &b) == MPBOX_OK);
    expect_stdout(a, "secret = 'a'", "");
    mpbox_result *r = run_in(b, "print(secret)");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), "NameError");
    mpbox_result_free(r);
    mpbox_session_free(a);
    mpbox_session_free(b);
}

static void run_once(void)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run_once(rt, "print(6*7)", 10, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "42\n");
    CHECK(mpbox_result_wall_ms(r) >= 0);
    CHECK(mpbox_result_peak_memory(r) >= MPBOX_MIN_MEMORY);
    CHECK(mpbox_result_peak_memory(r) <= MPBOX_DEFAULT_MEMORY);
    mpbox_result_free(r);
}

static void exceptions(void)
{
    mpbox_result *r = NULL;
    const char *src = "def f():\n    raise ValueError('bad\\nline2')\nf()\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), "ValueError");
    CHECK_STR(mpbox_result_error_message(r), "bad\nline2");
    CHECK_STR(mpbox_result_traceback(r), "Traceback (most recent call last):\n"
                                         "  File \"<stdin>\", line 3, in <module>\n"
                                         "  File \"<stdin>\", line 2, in f\n"
                                         "ValueError: bad\nline2\n");
    CHECK(!mpbox_result_exit_code(r, NULL));
    CHECK(!mpbox_result_session_lost(r));
    CHECK(mpbox_result_trap_reason(r) == NULL);
    mpbox_result_free(r);

    src = "class MyError(Exception):\n    pass\nraise MyError\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_error_type(r), "MyError");
    CHECK_STR(mpbox_result_error_message(r), "");
    mpbox_result_free(r);

    src = "def broken(:\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(mpbox_result_error_type(r), "SyntaxError");
    mpbox_result_free(r);

    src = "def f(): f()\nf()\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_error_type(r), "RecursionError");
    CHECK_STR(mpbox_result_error_message(r), "maximum recursion depth exceeded");
    mpbox_result_free(r);
}

static void system_exit(void)
{
    static const struct {
        const char *src;
        int code;
        mpbox_status status;
    } cases[] = {
        {"import sys\nsys.exit()", 0, MPBOX_STATUS_OK},
        {"import sys\nsys.exit(0)", 0, MPBOX_STATUS_OK},
        {"import sys\nsys.exit(None)", 0, MPBOX_STATUS_OK},
        {"import sys\nsys.exit(3)", 3, MPBOX_STATUS_ERROR},
        {"raise SystemExit(42)", 42, MPBOX_STATUS_ERROR},
        {"import sys\nsys.exit('message')", 1, MPBOX_STATUS_ERROR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mpbox_result *r = NULL;
        CHECK(mpbox_run_once(rt, cases[i].src, strlen(cases[i].src), &r) == MPBOX_OK);
        int code = -1;
        CHECK(mpbox_result_exit_code(r, &code) == 1);
        CHECK(code == cases[i].code);
        CHECK(mpbox_result_status(r) == cases[i].status);
        if (cases[i].status == MPBOX_STATUS_OK)
            CHECK(mpbox_result_error_type(r) == NULL);
        else
            CHECK_STR(mpbox_result_error_type(r), "SystemExit");
        mpbox_result_free(r);
    }
}

static void streams(void)
{
    mpbox_result *r = NULL;
    const char *src = "import sys\nprint('out')\nsys.stderr.write('err\\n')\nprint('more', file=sys.stderr)\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "out\n");
    CHECK_STR(mpbox_result_stderr(r, NULL), "err\nmore\n");
    CHECK(!mpbox_result_stdout_truncated(r));
    mpbox_result_free(r);

    /* Output is bytes: NUL and invalid UTF-8 come through unchanged. */
    src = "import sys\nsys.stdout.buffer.write(b'a\\x00b\\xff\\n')\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    size_t n = 0;
    const char *out = mpbox_result_stdout(r, &n);
    CHECK(n == 5 && memcmp(out, "a\0b\xff\n", 5) == 0);
    mpbox_result_free(r);
}

static void output_cap_drop(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, 10);
    mpbox_result *r = run_in(s, "for i in range(100):\n    print('line', i)\nprint('done')");
    size_t n;
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK); /* drop policy: the run goes on */
    mpbox_result_stdout(r, &n);
    CHECK(n == 10);
    CHECK_STR(mpbox_result_stdout(r, NULL), "line 0\nlin");
    CHECK(mpbox_result_stdout_truncated(r));
    CHECK(!mpbox_result_stderr_truncated(r));
    char *j = mpbox_result_json(r, NULL);
    CHECK(j && strstr(j, "\"stdout_truncated\":true"));
    CHECK(j && strstr(j, "\"stdout_bytes\":"));
    mpbox_free(j);
    mpbox_result_free(r);
    /* the cap is per run */
    expect_stdout(s, "print('ok')", "ok\n");
    mpbox_session_free(s);
}

static void output_cap_stop(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_STDOUT, 100);
    mpbox_session_limit(s, MPBOX_LIMIT_OUTPUT_STOP, 1);
    mpbox_result *r = run_in(s, "i = 0\nwhile True:\n    print('flood', i)\n    i += 1\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUTPUT_TRUNCATED);
    CHECK(mpbox_result_stdout_truncated(r));
    size_t n;
    mpbox_result_stdout(r, &n);
    CHECK(n == 100);
    CHECK(!mpbox_result_session_lost(r)); /* stopped softly */
    CHECK(mpbox_result_error_type(r) == NULL); /* the interrupt was ours */
    mpbox_result_free(r);
    /* nothing is kept after the cap, on either stream */
    r = run_in(s, "import sys\nprint('a' * 200)\nsys.stderr.write('after')\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUTPUT_TRUNCATED);
    CHECK_STR(mpbox_result_stderr(r, NULL), "");
    mpbox_result_free(r);
    expect_stdout(s, "print(i > 0)", "True\n");
    mpbox_session_free(s);
}

static void echo_mode(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_result *r = NULL;
    CHECK(mpbox_run_ex(s, "x = 20", 6, MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "");
    mpbox_result_free(r);
    CHECK(mpbox_run_ex(s, "x * 2 + 2", 9, MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "42\n");
    mpbox_result_free(r);
    CHECK(mpbox_run_ex(s, "'it''s'", 7, MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "'its'\n");
    mpbox_result_free(r);
    CHECK(mpbox_run_ex(s, "None", 4, MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "");
    mpbox_result_free(r);
    const char *block = "for i in range(2):\n    i\n";
    CHECK(mpbox_run_ex(s, block, strlen(block), MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "0\n1\n");
    mpbox_result_free(r);
    /* the wrapper's frames do not show */
    CHECK(mpbox_run_ex(s, "1/0", 3, MPBOX_RUN_ECHO, &r) == MPBOX_OK);
    CHECK_STR(mpbox_result_error_type(r), "ZeroDivisionError");
    CHECK_STR(mpbox_result_traceback(r), "Traceback (most recent call last):\n"
                                         "  File \"<stdin>\", line 1, in <module>\n"
                                         "ZeroDivisionError: division by zero\n");
    mpbox_result_free(r);
    /* state is shared with plain runs */
    expect_stdout(s, "print(x)", "20\n");
    mpbox_session_free(s);
}

static void json_is_safe(void)
{
    mpbox_result *r = NULL;
    const char *src = "import sys\nprint('\"},{\"status\":\"ok\"\\\\\\t\\x01\\x7f')\n"
                      "sys.stdout.buffer.write(b'\\x00\\xc3\\x28\\xed\\xa0\\x80\\xf0\\x9f\\x98\\x80')\n"
                      "raise KeyError('\"')\n";
    CHECK(mpbox_run_once(rt, src, strlen(src), &r) == MPBOX_OK);
    size_t len = 0;
    char *j = mpbox_result_json(r, &len);
    CHECK(j != NULL);
    if (j) {
        CHECK(strlen(j) == len);
        /* no raw control characters anywhere */
        for (size_t i = 0; i < len; i++)
            CHECK((unsigned char)j[i] >= 0x20);
        CHECK(strstr(j, "\\\"},{\\\"status\\\":\\\"ok\\\"\\\\\\t\\u0001\\u007f") != NULL);
        CHECK(strstr(j, "\\u0000\\ufffd(\\ufffd\\ufffd\\ufffd\xf0\x9f\x98\x80") != NULL);
        CHECK(strncmp(j, "{\"status\":\"error\"", 17) == 0);
        CHECK(strstr(j, "\"type\":\"KeyError\"") != NULL);
        CHECK(strstr(j, "\"session\":\"kept\"") != NULL);
        CHECK(j[len - 1] == '}');
    }
    mpbox_free(j);
    mpbox_result_free(r);
}

static void no_js_world(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_result *r = run_in(s, "import js\njs.document");
    CHECK_STR(mpbox_result_error_type(r), "AttributeError");
    mpbox_result_free(r);
    r = run_in(s, "import js\njs.globalThis.process");
    CHECK_STR(mpbox_result_error_type(r), "AttributeError");
    mpbox_result_free(r);
    expect_stdout(s, "print(1)", "1\n");
    mpbox_session_free(s);
}

static void files_basics(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    expect_stdout(s,
                  "import os, errno\n"
                  "def err(f, *a):\n"
                  "    try:\n"
                  "        f(*a)\n"
                  "    except OSError as e:\n"
                  "        return e.errno\n"
                  "print(err(open, '/etc/passwd') == errno.ENOENT)\n"
                  "print(err(open, 'new.txt', 'w') is None)\n"
                  "print(err(os.mkdir, '/d') is None)\n"
                  "print(err(os.remove, 'x') == errno.ENOENT)\n"
                  "print(os.getcwd(), os.listdir(), os.listdir('/'), [e[:2] for e in os.ilistdir('/')])\n"
                  "print(err(open, '/') is not None)\n"
                  "for i in range(100):\n"
                  "    os.listdir('/')  # handles are closed again\n"
                  "try:\n"
                  "    import not_a_module\n"
                  "except ImportError:\n"
                  "    print('no module')\n",
                  "True\nTrue\nTrue\nTrue\n/ ['d', 'new.txt'] ['d', 'new.txt'] [('d', 16384), ('new.txt', 32768)]\n"
                  "True\nno module\n");
    mpbox_result *r = run_in(s, "print(input('name? '))");
    CHECK_STR(mpbox_result_error_type(r), "EOFError");
    CHECK_STR(mpbox_result_stdout(r, NULL), "name? ");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static void count_chunk(void *user, int fd, const char *data, size_t len)
{
    int *calls = user;
    calls[fd == 2]++;
    (void)data, (void)len;
}

static void live_output(void)
{
    int calls[2] = {0, 0};
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_set_output(s, count_chunk, calls);
    mpbox_result *r = run_in(s, "print('a')\nimport sys\nsys.stderr.write('b')");
    CHECK(calls[0] >= 1 && calls[1] >= 1);
    mpbox_result_free(r);
    mpbox_session_set_output(s, NULL, NULL);
    int before = calls[0];
    r = run_in(s, "print('quiet')");
    CHECK(calls[0] == before);
    CHECK_STR(mpbox_result_stdout(r, NULL), "quiet\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static void asyncio_runs(void)
{
    mpbox_session *s;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    expect_stdout(s,
                  "import asyncio\n"
                  "async def work(n, delay):\n"
                  "    await asyncio.sleep(delay)\n"
                  "    print('work', n)\n"
                  "    return n * 10\n"
                  "async def main():\n"
                  "    return await asyncio.gather(work(1, 0.02), work(2, 0.01))\n"
                  "print(asyncio.run(main()))\n",
                  "work 2\nwork 1\n[10, 20]\n");
    mpbox_result *r = run_in(s, "async def bad():\n    raise ValueError('inner')\nasyncio.run(bad())\n");
    CHECK_STR(mpbox_result_error_type(r), "ValueError");
    mpbox_result_free(r);
    /* waiting for something that can never happen is an error, not a hang */
    r = run_in(s, "async def stuck():\n    await asyncio.Event().wait()\nasyncio.run(stuck())\n");
    CHECK_STR(mpbox_result_error_type(r), "RuntimeError");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(misuse);
    RUN(names);
    RUN(persistence);
    RUN(sessions_are_separate);
    RUN(run_once);
    RUN(exceptions);
    RUN(system_exit);
    RUN(streams);
    RUN(output_cap_drop);
    RUN(output_cap_stop);
    RUN(echo_mode);
    RUN(json_is_safe);
    RUN(no_js_world);
    RUN(files_basics);
    RUN(live_output);
    RUN(asyncio_runs);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
