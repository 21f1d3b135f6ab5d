/*
 * test_json_check.c — mpb_json_check (util/json.c), the strict check of a
 * JSON document without building it, and js.mpbox_internal("json_check",
 * ...), the host side of lib/python/json.py's loads (core/internal.c):
 * ADDRESS and LENGTH come from the guest and are hostile.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "json.h"
#include "mpbox.h"

static int ok(const char *doc, unsigned depth, unsigned flags)
{
    /* a copy of exactly the document's bytes, so ASan sees any read past it */
    size_t n = strlen(doc);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, doc, n);
    int r = mpb_json_check(copy, n, depth, flags);
    free(copy);
    return r == 0;
}

static void documents(void)
{
    static const char *good[] = {
        "0", "-0", "12", "-3.25e-7", "1E5", "2e+2", "1e400", "true", "false", "null", "\"\"",
        "\"a\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"", "\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\"", "[]", "{}", " [ ] ",
        "\t\r\n 7 \n", "[1, [2, {\"a\": [null]}], {}]", "{\"a\": 1, \"a\": 2}", "{\"\": \"\"}", "\"\\u0000\"",
    };
    static const char *bad[] = {
        "", " ", "[1 2]", "{\"a\" 1}", "[\"a\" \"b\"]", "\"\\x\"", "\"\x01\"", "[1,]", "{\"a\":1,}", "NaN",
        "[Infinity]", "-Infinity", "01", "-", "1.", ".5", "1e", "tru", "nul", "[,1]", "{,}", "[1]]", "{\"a\":1}}",
        "{1: 2}", "{\"a\": }", "[1,,2]", "\"a\" \"b\"", "\xef\xbb\xbf{}", "\x0b" "1", "[", "{", "\"abc", "\"\\u12",
        "\"\\u12g4\"", "\"\xff\"", "\"\xc3\"", "{\"a\"", "{\"a\":", "[1,", "truex", "[1]x",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        CHECK(ok(good[i], 10, 0));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!ok(bad[i], 10, 0));
}

/* Surrogate escapes pass unless the caller refuses them; nesting is
 * counted per level of arrays and objects alike, up to the cap. */
static void surrogates_and_depth(void)
{
    CHECK(ok("\"\\ud83d\\ude00\"", 10, 0));
    CHECK(!ok("\"\\ud83d\\ude00\"", 10, MPB_JSON_CHECK_NO_SURROGATES));
    CHECK(!ok("[\"\\uDC00\"]", 10, MPB_JSON_CHECK_NO_SURROGATES));
    CHECK(ok("\"\\ud7ff\\ue000\"", 10, MPB_JSON_CHECK_NO_SURROGATES));
    CHECK(ok("[[{\"a\": []}]]", 4, 0));
    CHECK(!ok("[[{\"a\": [[]]}]]", 4, 0));
    size_t n = 2 * MPB_JSON_CHECK_MAX_DEPTH + 2;
    char *deep = malloc(n + 1);
    memset(deep, '[', n / 2);
    memset(deep + n / 2, ']', n / 2);
    deep[n] = '\0';
    CHECK(!ok(deep, 100000, 0)); /* one level more than the cap */
    deep[n / 2 - 1] = ' ';
    deep[n / 2] = ' ';
    CHECK(ok(deep, 100000, 0));
    free(deep);
}

/* The host message: the answer is [1] or [0], and nothing outside guest
 * memory is read. */
static void internal_message(void)
{
    mpbox_runtime *rt = NULL;
    mpbox_session *s = NULL;
    CHECK(mpbox_runtime_new(&rt) == MPBOX_OK && mpbox_session_new(rt, &s) == MPBOX_OK);
    static const char src[] =
        "import js, uctypes\n"
        "def ask(p):\n"
        "    return js.mpbox_internal('json_check', p)\n"
        "def doc(t):\n"
        "    b = t.encode()\n"
        "    return ask('%d %d' % (uctypes.addressof(b), len(b)))\n"
        "print(doc('[1, {\"a\": null}]'), doc('[1 2]'), doc('NaN'), doc('\"\\\\ud800\"'))\n"
        "print(doc('[' * 995 + ']' * 995), doc('[' * 996 + ']' * 996))\n"
        "print(ask(''), ask('1'), ask('4294967295 10'), ask('4294967296 1'), ask('0 %d' % (1 << 40)),\n"
        "      ask('0 ' + '9' * 100), ask('x y'))\n";
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "[1] [0] [0] [0]\n[1] [0]\n[0] [0] [0] [0] [0] [0] [0]\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
}

int main(void)
{
    RUN(documents);
    RUN(surrogates_and_depth);
    RUN(internal_message);
    CHECK_EXIT();
}
