/*
 * test_strrepr.c — repr() of str (host/strrepr.c, guest/strrepr): the
 * pieces the import writes, the printable table, hostile states, and the
 * guest printing through it.
 */
#include "check.h"
#include "core.h"
#include "strrepr.h"

/* The whole quoted text of s, written in pieces of at most cap bytes. */
static const char *quoted(const char *s, size_t cap)
{
    static char all[4096];
    char piece[256];
    uint32_t pos = 0, quote = 0;
    size_t n = 0;
    int more, calls = 0;
    all[0] = '\0';
    do {
        more = mpb_str_repr((const uint8_t *)s, (uint32_t)strlen(s), &pos, &quote, piece, cap);
        size_t k = strlen(piece);
        CHECK(k < cap);
        if (n + k >= sizeof all || ++calls > 1000)
            return "(too long)";
        memcpy(all + n, piece, k + 1);
        n += k;
    } while (more);
    return all;
}

static void escapes_and_quotes(void)
{
    CHECK_STR(quoted("", 64), "''");
    CHECK_STR(quoted("abc", 64), "'abc'");
    CHECK_STR(quoted("it's", 64), "\"it's\"");
    CHECK_STR(quoted("say \"hi\"", 64), "'say \"hi\"'");
    CHECK_STR(quoted("both ' and \"", 64), "'both \\' and \"'");
    CHECK_STR(quoted("a\tb\nc\rd\\e", 64), "'a\\tb\\nc\\rd\\\\e'");
    CHECK_STR(quoted("\x01\x1f\x7f", 64), "'\\x01\\x1f\\x7f'");
}

static void non_ascii(void)
{
    /* printable: as they are (Latin, CJK, combining mark, emoji) */
    CHECK_STR(quoted("\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac e\xcc\x81 \xf0\x9f\x98\x80", 64),
              "'\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac e\xcc\x81 \xf0\x9f\x98\x80'");
    /* C1 control, no-break space, soft hyphen (Cf): \x */
    CHECK_STR(quoted("\xc2\x80\xc2\xa0\xc2\xad", 64), "'\\x80\\xa0\\xad'");
    /* line separator (Zl), zero width space (Cf), BOM, private use, a surrogate */
    CHECK_STR(quoted("\xe2\x80\xa8\xe2\x80\x8b\xef\xbb\xbf\xee\x80\x80\xed\xa0\x80", 64),
              "'\\u2028\\u200b\\ufeff\\ue000\\ud800'");
    /* unassigned, a tag character, the last code point */
    CHECK_STR(quoted("\xcd\xb8\xf3\xa0\x80\x81\xf4\x8f\xbf\xbf", 64), "'\\u0378\\U000e0001\\U0010ffff'");
    CHECK(mpb_uni_isprintable(0x20) && !mpb_uni_isprintable(0x3000) && mpb_uni_isprintable(0x3001));
    CHECK(mpb_uni_isprintable(0x1f600) && !mpb_uni_isprintable(0xe0001) && !mpb_uni_isprintable(0x110000));
}

static void pieces(void)
{
    /* every cap from the smallest gives the same text */
    const char *s = "\xc3\xa9t\xc3\xa9 '\x01' \xf0\x9f\x98\x80\xf3\xa0\x80\x81 \\\\ \xe6\x97\xa5\xe6\x9c\xac.";
    char want[512];
    snprintf(want, sizeof want, "%s", quoted(s, 256));
    CHECK_STR(want, "\"\xc3\xa9t\xc3\xa9 '\\x01' \xf0\x9f\x98\x80\\U000e0001 \\\\\\\\ \xe6\x97\xa5\xe6\x9c\xac.\"");
    for (size_t cap = MPB_STRREPR_MIN; cap < 40; cap++)
        CHECK_STR(quoted(s, cap), want);
}

static void hostile_state(void)
{
    char out[64];
    uint32_t pos, quote;
    /* too small a buffer: nothing, done */
    pos = 0, quote = 0;
    CHECK(mpb_str_repr((const uint8_t *)"abc", 3, &pos, &quote, out, MPB_STRREPR_MIN - 1) == 0 && out[0] == 0);
    /* a position past the end: nothing, done */
    pos = 99, quote = '\'';
    CHECK(mpb_str_repr((const uint8_t *)"abc", 3, &pos, &quote, out, sizeof out) == 0 && out[0] == 0);
    /* an unknown quote: starts over */
    pos = 2, quote = 7;
    CHECK(mpb_str_repr((const uint8_t *)"abc", 3, &pos, &quote, out, sizeof out) == 0);
    CHECK_STR(out, "'abc'");
    /* UTF-8 cut at the end or without continuation bytes: bounded */
    pos = 0, quote = 0;
    CHECK(mpb_str_repr((const uint8_t *)"a\xf0\x9f", 3, &pos, &quote, out, sizeof out) == 0 && pos == 3);
    pos = 0, quote = 0;
    CHECK(mpb_str_repr((const uint8_t *)"\xe6zz\xff", 4, &pos, &quote, out, sizeof out) == 0 && pos == 4);
}

static void through_the_guest(void)
{
    mpbox_runtime *rt = NULL;
    mpbox_session *s = NULL;
    mpbox_result *r = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_session_new(rt, &s) != MPBOX_OK) {
        CHECK(0);
        return;
    }
    /* a heap string longer than the guest's buffer, interned strings,
     * containers and print(), which does not quote */
    const char *src = "s = 'é\\x00' * 300\n"
                      "r = repr(s)\n"
                      "print(len(r), r[:7], r[-6:])\n"
                      "print(repr('日本'), ['ü', \"it's\"], {'k': 'ß'}, 'é')\n";
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(r ? mpbox_result_stdout(r, NULL) : NULL,
              "1502 'é\\x00é é\\x00'\n'日本' ['ü', \"it's\"] {'k': 'ß'} é\n");
    mpbox_result_free(r);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
}

int main(void)
{
    RUN(escapes_and_quotes);
    RUN(non_ascii);
    RUN(pieces);
    RUN(hostile_state);
    RUN(through_the_guest);
    CHECK_EXIT();
}
