/*
 * test_hostfn.c — host functions: registration on runtimes and sessions,
 * arguments and results of every JSON type, errors as Python exceptions,
 * each cap, every malformed payload in both directions, statistics,
 * rollback, forks and threads. Prints the measured per-call overhead.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

/* ---- callbacks ------------------------------------------------------------ */

/* Replies with its own arguments. */
static int echo(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user;
    return mpbox_reply_json(call, args, len);
}

/* Replies with the JSON text in user (NULL: no reply at all). */
static int fixed(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)args, (void)len;
    if (user)
        mpbox_reply_json(call, user, strlen(user));
    return 0;
}

static int last_reply_rc;
static int fixed_rc(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)args, (void)len;
    last_reply_rc = mpbox_reply_json(call, user, strlen(user));
    return 0;
}

/* user = "Type|message" */
static int raise_fn(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)args, (void)len;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", (const char *)user);
    char *bar = strchr(buf, '|');
    *bar = '\0';
    mpbox_reply_error(call, buf, bar + 1);
    return 0;
}

static int failing(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len, (void)call;
    return -1;
}

/* A string of n 'x' characters as the result. */
static int big_result(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)args, (void)len;
    size_t n = (size_t)(uintptr_t)user;
    char *j = malloc(n + 3);
    j[0] = '"';
    memset(j + 1, 'x', n);
    j[n + 1] = '"';
    int rc = mpbox_reply_json(call, j, n + 2);
    free(j);
    return rc == MPBOX_OK ? 0 : 0;
}

static int sleepy(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    struct timespec t = {0, 20 * 1000 * 1000};
    nanosleep(&t, NULL);
    return mpbox_reply_json(call, "1", 1);
}

static int counter(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)args, (void)len;
    int *n = user;
    char buf[32];
    snprintf(buf, sizeof buf, "%d", ++*n);
    return mpbox_reply_json(call, buf, strlen(buf));
}

static mpbox_session *reentrant_session;
static int reentrant_rc;
static int reentrant(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    reentrant_rc = mpbox_session_register(reentrant_session, "other", echo, NULL);
    return mpbox_reply_json(call, "null", 4);
}

/* ---- cases ---------------------------------------------------------------- */

static void test_args_positional_and_keyword(void)
{
    mpbox_session *s = new_session(rt);
    CHECK(mpbox_session_register(s, "echo", echo, NULL) == MPBOX_OK);
    expect(s, "r = echo(1, 'a', k=2, z=None)\nprint(r['args'], sorted(r['kwargs'].items()))\n",
               "[1, 'a'] [('k', 2), ('z', None)]\n");
    expect(s, "from host import echo as e\nprint(e() == {'args': [], 'kwargs': {}}, e is echo)\n",
               "True True\n");
    expect(s, "import host\nprint(host.echo is echo, 'echo' in globals())\n", "True True\n");
    mpbox_session_free(s);
}

static void test_value_round_trip(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_register(s, "echo", echo, NULL);
    expect(s,
               "vals = [None, True, False, 0, -5, 2**63, -2**200, 10**4299, 1.5, 0.1, 1/3, 1e308, -0.0, 5e-324,\n"
               "        '', 'caf\\u00e9 \\U0001f600 \\n\\t\"\\\\ \\x00 \\x7f \\u2028', [], {}, [1, [2, [3, {'a': [None]}]]],\n"
               "        {'k': {'l': [1.25, 'x']}, '': 0}]\n"
               "bad = [v for v in vals if echo(v)['args'][0] != v]\n"
               "print(bad)\n"
               "print(echo((1, (2, 3)))['args'][0])\n"
               "r = echo(-0.0)['args'][0]\n"
               "print(r, type(echo(2**100)['args'][0]).__name__, type(echo(1.0)['args'][0]).__name__)\n",
               "[]\n[1, [2, 3]]\n-0.0 int float\n");
    mpbox_session_free(s);
}

static void test_host_errors(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_register(s, "bad_value", raise_fn, "ValueError|no such thing");
    mpbox_session_register(s, "bad_key", raise_fn, "KeyError|k");
    mpbox_session_register(s, "custom", raise_fn, "FooError|custom text");
    mpbox_session_register(s, "exit", raise_fn, "SystemExit|0");
    mpbox_session_register(s, "kbd", raise_fn, "KeyboardInterrupt|x");
    mpbox_session_register(s, "weird", raise_fn, "not an identifier!|m\xff");
    mpbox_session_register(s, "failing", failing, NULL);
    mpbox_session_register(s, "silent", fixed, NULL);
    expect(s,
               "def t(f):\n"
               "    try:\n"
               "        return f()\n"
               "    except Exception as e:\n"
               "        return type(e).__name__ + ': ' + str(e)\n"
               "for f in (bad_value, bad_key, custom, exit, kbd, weird, failing, silent):\n"
               "    print(t(f))\n",
               "ValueError: no such thing\n"
               "KeyError: 'k'\n"
               "RuntimeError: FooError: custom text\n"
               "RuntimeError: SystemExit: 0\n"
               "RuntimeError: KeyboardInterrupt: x\n"
               "RuntimeError: m\xef\xbf\xbd\n"
               "RuntimeError: host function 'failing' failed\n"
               "None\n");
    /* uncaught: the run's error is the host's exception */
    mpbox_result *r = run_in(s, "bad_value()\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_ERROR);
    CHECK_STR(r ? mpbox_result_error_type(r) : NULL, "ValueError");
    CHECK_STR(r ? mpbox_result_error_message(r) : NULL, "no such thing");
    mpbox_result_free(r);
    mpbox_session_free(s);
}

static const char probe[] =
    "def t(f, *a, **k):\n"
    "    try:\n"
    "        f(*a, **k)\n"
    "        return 'ok'\n"
    "    except Exception as e:\n"
    "        return type(e).__name__ + ': ' + str(e)\n";

/* Arguments that are not JSON values: each a defined exception, and the
 * callback is never called. */
static void test_bad_arguments(void)
{
    mpbox_session *s = new_session(rt);
    int calls = 0;
    mpbox_session_register(s, "f", counter, &calls);
    mpbox_result *r = run_in(s, probe);
    mpbox_result_free(r);
    expect(s,
               "class C: pass\n"
               "cyc = [1]\n"
               "cyc.append(cyc)\n"
               "d = {}\n"
               "d['self'] = d\n"
               "shared = [1]\n"
               "print(t(f, {1, 2}))\n"
               "print(t(f, b'ab'))\n"
               "print(t(f, bytearray(2)))\n"
               "print(t(f, C()))\n"
               "print(t(f, [1, {'a': print}]))\n"
               "print(t(f, {1: 2}))\n"
               "print(t(f, float('nan')))\n"
               "print(t(f, x=[float('inf')]))\n"
               "print(t(f, -float('inf')))\n"
               "print(t(f, cyc))\n"
               "print(t(f, d))\n"
               "print(t(f, [shared, shared]))\n"
               "print(t(f, '\\ud800'))\n"
               "print(t(f, k='a\\udfff'))\n"
               "print(t(f, 10**4300))\n"
               "print(t(f, 10**4299))\n",
               "TypeError: Object of type set is not JSON serializable\n"
               "TypeError: Object of type bytes is not JSON serializable\n"
               "TypeError: Object of type bytearray is not JSON serializable\n"
               "TypeError: Object of type C is not JSON serializable\n"
               "TypeError: Object of type builtin_function_or_method is not JSON serializable\n"
               "TypeError: keys must be str, not int\n"
               "ValueError: Out of range float values are not JSON compliant\n"
               "ValueError: Out of range float values are not JSON compliant\n"
               "ValueError: Out of range float values are not JSON compliant\n"
               "ValueError: Circular reference detected\n"
               "ValueError: Circular reference detected\n"
               "ok\n"
               "ValueError: host function arguments: str with a lone surrogate\n"
               "ValueError: host function arguments: str with a lone surrogate\n"
               "ValueError: host function arguments: int with more than 4300 digits\n"
               "ok\n");
    CHECK(calls == 2);
    mpbox_session_free(s);
}

/* Replies a callback may attempt: each refused by mpbox_reply_json, and
 * the guest gets RuntimeError. */
static void test_bad_replies(void)
{
    static const char *const bad[] = {
        "{bad", "", "[1,]", "{\"a\" 1}", "NaN", "nan", "Infinity", "-Infinity", "[1e400]", "-1e999",
        "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"", "\"a\xed\xa0\x80\"", "\"\xff\"", "\"\xc0\xaf\"",
        "\"tab\tinside\"", "01", "1.", ".5", "+1", "[1] [2]", "{1: 2}", "'single'", "true false", "nul",
        "\"\\x41\"", "[\"unterminated]", "/* c */ 1", "0x10",
    };
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, probe);
    mpbox_result_free(r);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mpbox_session_register(s, "f", fixed_rc, (void *)bad[i]);
        last_reply_rc = -1;
        r = run_in(s, "print(t(f)[:60])\n");
        CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
        const char *out = r ? mpbox_result_stdout(r, NULL) : "";
        if (strncmp(out, "RuntimeError: host function 'f' returned invalid JSON", 53) != 0) {
            printf("    reply %zu (%s) gave: %s", i, bad[i], out);
            CHECK(0);
        }
        CHECK(last_reply_rc == MPBOX_MISUSE);
        mpbox_result_free(r);
    }
    /* a huge int is refused with its own reason */
    char *huge = malloc(4302);
    memset(huge, '7', 4301);
    huge[4301] = '\0';
    mpbox_session_register(s, "f", fixed_rc, huge);
    expect(s, "print(t(f))\n", "RuntimeError: host function 'f' returned invalid JSON: int with more than 4300 digits\n");
    huge[4300] = '\0';
    expect(s, "from host import f\nprint(f() == 10**4300 // 9 * 7)\n", "True\n");
    free(huge);
    /* accepted: the odd but valid ones, canonicalised for the guest */
    mpbox_session_register(s, "f", fixed_rc, " [ \"\\ud83d\\ude00\\u00e9\\/\" , 1E2, -0, 1e-400, {\"a\":1,\"a\":2} ] ");
    expect(s, "r = f()\nprint(r[0], r[1:])\n", "\xf0\x9f\x98\x80\xc3\xa9/ [100.0, 0, 0.0, {'a': 2}]\n");
    CHECK(last_reply_rc == MPBOX_OK);
    mpbox_session_free(s);
}

/* Payloads only a hand-made call through js.mpbox_call can send. */
static void test_bridge_direct(void)
{
    mpbox_session *s = new_session(rt);
    int calls = 0;
    mpbox_session_register(s, "f", counter, &calls);
    expect(s,
               "import js\n"
               "c = js.mpbox_call\n"
               "print(c('f', '{\"args\": [], \"kwargs\": {}}'))\n"
               "print(c('f', '{\"kwargs\": {}, \"args\": [1]}'))\n"
               "for p in ('[1]', '{}', '{\"args\": []}', '{\"args\": {}, \"kwargs\": {}}', '{\"args\": [], \"kwargs\": {}, \"x\": 1}',\n"
               "          '{\"args\": [], \"args\": [], \"kwargs\": {}}', '{\"args\": [nan], \"kwargs\": {}}', 'x', ''):\n"
               "    print(c('f', p)[:58])\n"
               "print(c('nope', '{}'))\n"
               "print(c('f' * 300, '{}'))\n"
               "print(c(1, 2))\n"
               "print(c())\n"
               "print(c('f'))\n"
               "print(c('f', '{}', 3))\n"
               "print(c('f', p='{}'))\n"
               "print(c('f', b'{}'))\n"
               "print(type(js.mpbox_call).__name__, js.mpbox_call == c)\n"
               "def t(f):\n"
               "    try:\n"
               "        f()\n"
               "    except Exception as e:\n"
               "        return type(e).__name__\n"
               "print(t(lambda: js.document), t(lambda: js.mpbox_callx), t(lambda: js.globalThis))\n",
               "[1]\n"
               "[2]\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: O\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"ValueError\",\"message\":\"host function arguments: m\n"
               "{\"type\":\"NameError\",\"message\":\"no host function named 'nope'\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "{\"type\":\"TypeError\",\"message\":\"mpbox_call takes two str arguments: name, payload\"}\n"
               "JsProxy True\n"
               "AttributeError AttributeError AttributeError\n");
    CHECK(calls == 2);
    /* a JsProxy made by user code and then dropped does not disturb the
     * wrappers' own one (the top-level GC runs its finaliser) */
    expect(s, "import js, gc\nx = js.mpbox_call\ndel x, c\ngc.collect()\n", "");
    expect(s, "import gc\ngc.collect()\nprint(f())\n", "3\n");
    mpbox_session_free(s);
}

static void test_caps(void)
{
    mpbox_session *s = new_session(rt);
    int calls = 0;
    mpbox_session_register(s, "f", counter, &calls);
    mpbox_session_register(s, "big", big_result, (void *)(uintptr_t)5000);
    mpbox_result *r = run_in(s, probe);
    mpbox_result_free(r);

    /* argument bytes: the payload is {"args": [...], "kwargs": {}} */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_ARG_BYTES, 1000) == 1 << 20);
    expect(s, "print(t(f, 'x' * 900))\nprint(t(f, 'x' * 1000))\n",
               "ok\nValueError: host function arguments too large (1028 bytes, limit 1000)\n");
    /* result bytes */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_RESULT_BYTES, 4000) == 16 << 20);
    expect(s, "print(t(big))\n",
               "RuntimeError: host function 'big' returned result too large (5002 bytes, limit 4000)\n");
    mpbox_session_limit(s, MPBOX_LIMIT_HOST_RESULT_BYTES, 5002);
    expect(s, "print(len(big()))\n", "5000\n");
    /* depth, from the argument values */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_DEPTH, 3) == 64);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_DEPTH, 1001) == -1);
    expect(s, "print(t(f, [[[1]]]))\nprint(t(f, [[[[1]]]]))\nprint(t(f, k={'a': {'b': [[]]}}))\n",
               "ok\nValueError: host function arguments nested too deeply (limit 3)\n"
               "ValueError: host function arguments nested too deeply (limit 3)\n");
    mpbox_session_register(s, "deep", fixed, "[[[[0]]]]");
    expect(s, "print(t(deep))\n", "RuntimeError: host function 'deep' returned result nested too deeply (limit 3)\n");
    /* deeper than the guest's own recursion can check */
    mpbox_session_limit(s, MPBOX_LIMIT_HOST_DEPTH, 1000);
    expect(s, "import gc\nx = []\ngc.disable()\nfor i in range(100000):\n    x = [x]\ngc.enable()\nprint(t(f, x))\n",
               "ValueError: host function arguments nested too deeply\n");
    /* calls per run, counted again in each run */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_HOST_CALLS, 5) == 10000);
    calls = 0;
    expect(s, "print([t(f) for i in range(7)])\n",
               "['ok', 'ok', 'ok', 'ok', 'ok', 'RuntimeError: too many host function calls in this run (limit 5)', "
               "'RuntimeError: too many host function calls in this run (limit 5)']\n");
    CHECK(calls == 5);
    r = run_in(s, "print(f())\n");
    CHECK(r && mpbox_result_host_calls(r) == 1);
    CHECK_STR(r ? mpbox_result_stdout(r, NULL) : NULL, "6\n");
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_HOST_CALLS, 0);
    expect(s, "print(t(f))\n", "RuntimeError: too many host function calls in this run (limit 0)\n");
    mpbox_session_free(s);
}

/* A result the guest has no memory for: MemoryError (out_of_memory,
 * rolled back), and the session goes on. */
static void test_result_out_of_guest_memory(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, 32 << 20);
    mpbox_session_register(s, "big", big_result, (void *)(uintptr_t)(15u << 20));
    mpbox_result *r = run_in(s, "x = big()\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_MEMORY);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, "print(1)\n", "1\n");
    mpbox_session_free(s);
}

static int ret_runtime(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    return mpbox_reply_json(call, "\"runtime\"", 9);
}

static int ret_session(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    return mpbox_reply_json(call, "\"session\"", 9);
}

static void test_registration(void)
{
    mpbox_runtime *rt2;
    CHECK(mpbox_runtime_new(&rt2) == MPBOX_OK);
    mpbox_session *before;
    CHECK(mpbox_session_new(rt2, &before) == MPBOX_OK);
    CHECK(mpbox_runtime_register(rt2, "which", ret_runtime, NULL) == MPBOX_OK);
    CHECK(mpbox_runtime_register(rt2, "which2", ret_runtime, NULL) == MPBOX_OK);
    mpbox_session *a, *b;
    CHECK(mpbox_session_new(rt2, &a) == MPBOX_OK);
    CHECK(mpbox_session_new(rt2, &b) == MPBOX_OK);
    CHECK(mpbox_session_register(a, "which", ret_session, NULL) == MPBOX_OK);
    expect(a, "print(which(), which2())\n", "session runtime\n");
    expect(b, "print(which(), which2())\n", "runtime runtime\n");
    /* sessions made before the registration do not get it */
    expect(before, "import host\nprint(hasattr(host, 'which'), 'which' in globals())\n", "False False\n");
    /* a registration between runs shows up in the next run */
    CHECK(mpbox_session_register(b, "late", echo, NULL) == MPBOX_OK);
    expect(b, "print(late(1)['args'])\n", "[1]\n");
    /* bad names and arguments */
    CHECK(mpbox_session_register(b, "", echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(b, "1abc", echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(b, "a-b", echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(b, "x')\nimport os#", echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(b, NULL, echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(b, "ok", NULL, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_session_register(NULL, "ok", echo, NULL) == MPBOX_MISUSE);
    CHECK(mpbox_runtime_register(NULL, "ok", echo, NULL) == MPBOX_MISUSE);
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CHECK(mpbox_session_register(b, longname, echo, NULL) == MPBOX_MISUSE);
    /* from inside a callback of the same session: busy */
    reentrant_session = b;
    reentrant_rc = -1;
    CHECK(mpbox_session_register(b, "re", reentrant, NULL) == MPBOX_OK);
    expect(b, "re()\n", "");
    CHECK(reentrant_rc == MPBOX_BUSY);
    /* a fork keeps the session's own functions */
    mpbox_session *c;
    CHECK(mpbox_session_fork(a, &c) == MPBOX_OK);
    expect(c, "print(which())\n", "session\n");
    /* a snapshot loaded into a runtime without the function: NameError */
    void *snap;
    size_t snap_len;
    CHECK(mpbox_session_save(a, &snap, &snap_len) == MPBOX_OK);
    mpbox_session *d = NULL;
    CHECK(mpbox_session_load(rt2, snap, snap_len, &d, NULL) == MPBOX_OK);
    expect(d, "print(which())\n", "runtime\n");
    mpbox_free(snap);
    mpbox_session *e;
    CHECK(mpbox_session_new(rt, &e) == MPBOX_OK);
    CHECK(mpbox_session_register(e, "only_here", echo, NULL) == MPBOX_OK);
    expect(e, "only_here()\n", "");
    CHECK(mpbox_session_save(e, &snap, &snap_len) == MPBOX_OK);
    mpbox_session *f = NULL;
    CHECK(mpbox_session_load(rt, snap, snap_len, &f, NULL) == MPBOX_OK);
    mpbox_free(snap);
    mpbox_result *r = f ? run_in(f, "only_here()\n") : NULL;
    CHECK_STR(r ? mpbox_result_error_type(r) : NULL, "NameError");
    CHECK_STR(r ? mpbox_result_error_message(r) : NULL, "no host function named 'only_here'");
    mpbox_result_free(r);
    mpbox_session_free(f);
    mpbox_session_free(e);
    mpbox_session_free(d);
    mpbox_session_free(c);
    mpbox_session_free(a);
    mpbox_session_free(b);
    mpbox_session_free(before);
    mpbox_runtime_free(rt2);
}

/* No functions: `host` is empty and nothing else is reachable. */
static void test_nothing_registered(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_result *r = run_in(s, "print(1)\n");
    CHECK(r && mpbox_result_host_calls(r) == 0 && mpbox_result_host_ms(r) == 0);
    mpbox_result_free(r);
    expect(s,
               "import host, js\n"
               "print([n for n in dir(host) if not n.startswith('__')])\n"
               "try:\n"
               "    from host import anything\n"
               "except ImportError as e:\n"
               "    print('ImportError')\n"
               "try:\n"
               "    host.anything\n"
               "except AttributeError as e:\n"
               "    print('AttributeError')\n"
               "for n in ('document', 'process', 'require', 'eval', 'Function', 'globalThis', 'mpbox', 'MPBOX_CALL'):\n"
               "    try:\n"
               "        getattr(js, n)\n"
               "        print('reachable', n)\n"
               "    except AttributeError:\n"
               "        pass\n",
               "[]\nImportError\nAttributeError\n");
    mpbox_session_free(s);
}

static void test_stats(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_register(s, "slow", sleepy, NULL);
    mpbox_result *r = run_in(s, "for i in range(3):\n    slow()\n");
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK(r && mpbox_result_host_calls(r) == 3);
    CHECK(r && mpbox_result_host_ms(r) >= 59.0 && mpbox_result_host_ms(r) <= mpbox_result_wall_ms(r));
    char *j = r ? mpbox_result_json(r, NULL) : NULL;
    CHECK(j && strstr(j, "\"host_calls\":3}") != NULL);
    CHECK(j && strstr(j, "\"host_ms\":") != NULL);
    mpbox_free(j);
    mpbox_result_free(r);
    r = run_in(s, "pass\n");
    CHECK(r && mpbox_result_host_calls(r) == 0 && mpbox_result_host_ms(r) == 0);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* A rolled-back run: names stay bound (bound again), calls made stay made. */
static void test_rollback(void)
{
    mpbox_session *s = new_session(rt);
    int calls = 0;
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(200));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_session_register(s, "f", counter, &calls);
    mpbox_result *r = run_in(s, "f()\nx = 3\nx = x ** 10000000\n");
    if (r && mpbox_result_host_calls(r) != 1)
        printf("    status %s, host_calls %llu\n", mpbox_status_name(mpbox_result_status(r)), (unsigned long long)mpbox_result_host_calls(r));
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    CHECK(r && mpbox_result_host_calls(r) == 1);
    mpbox_result_free(r);
    CHECK(calls == 1);
    expect(s, "print(f())\n", "2\n");
    mpbox_session_free(s);
}

/* Two threads, each with its own session and function. */
struct worker {
    int calls, ok;
};

static int add_one(void *user, const char *args, size_t len, mpbox_call *call)
{
    struct worker *w = user;
    w->calls++;
    /* {"args":[N],"kwargs":{}} -> N + 1 */
    long n = strtol(args + 9, NULL, 10);
    (void)len;
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", n + 1);
    return mpbox_reply_json(call, buf, strlen(buf));
}

static void *thread_main(void *arg)
{
    struct worker *w = arg;
    mpbox_session *s;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        return NULL;
    mpbox_session_register(s, "inc", add_one, w);
    const char *src = "n = 0\nfor i in range(2000):\n    n = inc(n)\nprint(n)\n";
    w->ok = 1;
    for (int i = 0; i < 5; i++) {
        mpbox_result *r = run_in(s, src);
        if (!r || strcmp(mpbox_result_stdout(r, NULL), "2000\n") != 0 || mpbox_result_host_calls(r) != 2000)
            w->ok = 0;
        mpbox_result_free(r);
    }
    mpbox_session_free(s);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[2];
    struct worker w[2] = {{0, 0}, {0, 0}};
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&t[i], NULL, thread_main, &w[i]) == 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK(w[0].ok && w[1].ok);
    CHECK(w[0].calls == 10000 && w[1].calls == 10000);
}

static int noop(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    return mpbox_reply_json(call, "null", 4);
}

/* Not a check: the cost of one call, printed for docs. */
static void test_overhead(void)
{
    mpbox_session *s = new_session(rt);
    mpbox_session_register(s, "noop", noop, NULL);
    mpbox_session_register(s, "echo", echo, NULL);
    mpbox_session_limit(s, MPBOX_LIMIT_HOST_CALLS, 1000000);
    mpbox_result *r;
    const int n = UNDER_GC_STRESS(20000, 200); /* each call allocates */
    const char *srcs[3] = {"def g():\n    return None\nfor i in range(%d):\n    g()\n",
                           "for i in range(%d):\n    noop()\n",
                           "v = [1, 2.5, 'text', {'k': [None, True]}]\nfor i in range(%d):\n    echo(v, k=1)\n"};
    double ms[3];
    for (int i = 0; i < 3; i++) {
        char src[128];
        snprintf(src, sizeof src, srcs[i], n);
        r = run_in(s, src);
        CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
        ms[i] = r ? mpbox_result_wall_ms(r) : 0;
        mpbox_result_free(r);
    }
    printf("    per call: Python function %.2f us, host noop() %.2f us, echo(list, k=1) %.2f us\n",
           ms[0] * 1000 / n, ms[1] * 1000 / n, ms[2] * 1000 / n);
    mpbox_session_free(s);
}

/* Charges 1M units per call and counts the calls that were refused. */
static int refused_charges;
static int costly(void *user, const char *args, size_t len, mpbox_call *call)
{
    (void)user, (void)args, (void)len;
    if (mpbox_call_charge(call, 1000000) != MPBOX_OK)
        refused_charges++;
    return mpbox_reply_json(call, "1", 1) == MPBOX_OK ? 0 : -1;
}

/* mpbox_call_charge: an embedder's host function charges its own work;
 * the budget then stops the run (out_of_fuel, rolled back), the same
 * number of calls every time. */
static void test_call_charge(void)
{
    CHECK(mpbox_call_charge(NULL, 1) == MPBOX_MISUSE);
    uint64_t used[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        /* the same starting state each time: a fresh session */
        mpbox_session *s = new_session(rt);
        CHECK(mpbox_session_register(s, "costly", costly, NULL) == MPBOX_OK);
        refused_charges = 0;
        if (mpbox_has_fuel())
            mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 10500000);
        mpbox_result *r = run_in(s, "n = 0\nfor i in range(100):\n    n += costly()\n");
        CHECK(r != NULL);
        if (r && mpbox_has_fuel()) {
            CHECK(mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_FUEL);
            CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
            CHECK(refused_charges == 1);
            CHECK(mpbox_result_host_calls(r) >= 9 && mpbox_result_host_calls(r) <= 11);
            used[k] = mpbox_result_fuel_used(r);
        }
        mpbox_result_free(r);
        mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0);
        expect(s, "print('n' in globals())", "False\n");
        mpbox_session_free(s);
    }
    CHECK(used[0] == used[1]);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        return 1;
    }
    stress_timeouts(rt);
    RUN(test_args_positional_and_keyword);
    RUN(test_value_round_trip);
    RUN(test_host_errors);
    RUN(test_bad_arguments);
    RUN(test_bad_replies);
    RUN(test_bridge_direct);
    RUN(test_caps);
    RUN(test_result_out_of_guest_memory);
    RUN(test_registration);
    RUN(test_nothing_registered);
    RUN(test_stats);
    RUN(test_rollback);
    RUN(test_threads);
    RUN(test_call_charge);
    RUN(test_overhead);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
