/*
 * hostjson.c — the strict JSON checker behind host functions.
 *
 * Every payload that crosses the bridge (arguments from the guest, replies
 * from callbacks) is parsed here and re-emitted in one canonical form, so
 * that neither side ever sees JSON the other could misread: the guest's
 * json.loads gets raw UTF-8 instead of \u escapes (it would turn a surrogate
 * pair into two lone surrogates), and callbacks get standard JSON even when
 * the guest's json.dumps wrote something else (nan, a set's repr, raw lone
 * surrogates).
 */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "hostfn.h"

/* ---- parser ------------------------------------------------------------ */

typedef struct parser {
    const unsigned char *p, *end;
    unsigned depth, max_depth;
    struct mpb_buf *out;
    const char *err;
    struct mpb_buf scratch; /* the string being read, decoded */
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int fail(parser *ps, const char *why)
{
    if (!ps->err)
        ps->err = why;
    return -1;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_u4(parser *ps, unsigned *cp)
{
    if (ps->end - ps->p < 4)
        return fail(ps, "bad \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(ps->p[i]);
        if (h < 0)
            return fail(ps, "bad \\u escape");
        v = v << 4 | (unsigned)h;
    }
    ps->p += 4;
    *cp = v;
    return 0;
}

/* A string at ps->p (the opening quote): checked and decoded into
 * ps->scratch, then written out by the one JSON string writer (util/json.h:
 * raw UTF-8, only '"', '\\', control characters and DEL escaped). */
static int parse_string(parser *ps)
{
    struct mpb_buf *t = &ps->scratch;
    mpb_buf_reset(t);
    ps->p++;
    for (;;) {
        const unsigned char *run = ps->p;
        while (ps->p < ps->end && *ps->p >= 0x20 && *ps->p < 0x80 && *ps->p != '"' && *ps->p != '\\')
            ps->p++;
        mpb_buf_append(t, run, (size_t)(ps->p - run));
        if (ps->p >= ps->end)
            return fail(ps, "unterminated string");
        unsigned char c = *ps->p;
        if (c == '"') {
            ps->p++;
            if (t->failed)
                return fail(ps, "out of host memory");
            mpb_json_put_str(ps->out, t->data ? t->data : "", t->len);
            return 0;
        }
        if (c < 0x20)
            return fail(ps, "control character in string");
        if (c >= 0x80) {
            size_t k = mpb_utf8_seq(ps->p, (size_t)(ps->end - ps->p));
            if (!k) {
                /* a surrogate's 3-byte form is what MicroPython stores
                 * for '\udcff' */
                if (c == 0xed && ps->end - ps->p >= 2 && ps->p[1] >= 0xa0)
                    return fail(ps, "str with a lone surrogate");
                return fail(ps, "invalid UTF-8 in string");
            }
            mpb_buf_append(t, ps->p, k);
            ps->p += k;
            continue;
        }
        /* an escape */
        ps->p++;
        if (ps->p >= ps->end)
            return fail(ps, "unterminated string");
        c = *ps->p++;
        unsigned cp;
        switch (c) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (read_u4(ps, &cp))
                return -1;
            if (cp >= 0xdc00 && cp <= 0xdfff)
                return fail(ps, "str with a lone surrogate");
            if (cp >= 0xd800 && cp <= 0xdbff) {
                unsigned lo;
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
                    return fail(ps, "str with a lone surrogate");
                ps->p += 2;
                if (read_u4(ps, &lo))
                    return -1;
                if (lo < 0xdc00 || lo > 0xdfff)
                    return fail(ps, "str with a lone surrogate");
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            break;
        default:
            return fail(ps, "bad escape in string");
        }
        char u[4];
        mpb_buf_append(t, u, mpb_utf8_encode(cp, u));
    }
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

static int parse_number(parser *ps)
{
    const unsigned char *start = ps->p;
    int is_float = 0;
    size_t digits = 0;
    if (ps->p < ps->end && *ps->p == '-')
        ps->p++;
    if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
        return fail(ps, "invalid value");
    if (*ps->p == '0') {
        ps->p++, digits++;
    } else {
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++, digits++;
    }
    if (ps->p < ps->end && *ps->p == '.') {
        is_float = 1;
        ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
            return fail(ps, "invalid number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++, digits++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        is_float = 1;
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
            return fail(ps, "invalid number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++, digits++;
    }
    size_t n = (size_t)(ps->p - start);
    if (digits > MPB_JSON_MAX_DIGITS)
        return fail(ps, is_float ? "number with more than 4300 digits" : "int with more than 4300 digits");
    if (is_float) {
        char tmp[MPB_JSON_MAX_DIGITS + 16];
        memcpy(tmp, start, n);
        tmp[n] = '\0';
        pthread_once(&c_locale_once, make_c_locale);
        double d = c_locale ? strtod_l(tmp, NULL, c_locale) : strtod(tmp, NULL);
        if (!isfinite(d))
            return fail(ps, "float out of range");
    }
    mpb_buf_append(ps->out, start, n);
    return 0;
}

static int parse_value(parser *ps);

static int parse_container(parser *ps, int is_object)
{
    if (++ps->depth > ps->max_depth)
        return fail(ps, "nested too deeply");
    ps->p++;
    mpb_buf_append(ps->out, is_object ? "{" : "[", 1);
    skip_ws(ps);
    unsigned char close = is_object ? '}' : ']';
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
    } else {
        for (;;) {
            skip_ws(ps);
            if (is_object) {
                if (ps->p >= ps->end || *ps->p != '"')
                    return fail(ps, "object key is not a string");
                if (parse_string(ps))
                    return -1;
                skip_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':')
                    return fail(ps, "':' expected");
                ps->p++;
                mpb_buf_append(ps->out, ":", 1);
            }
            if (parse_value(ps))
                return -1;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                mpb_buf_append(ps->out, ",", 1);
                continue;
            }
            if (ps->p < ps->end && *ps->p == close) {
                ps->p++;
                break;
            }
            return fail(ps, is_object ? "',' or '}' expected" : "',' or ']' expected");
        }
    }
    mpb_buf_append(ps->out, is_object ? "}" : "]", 1);
    ps->depth--;
    return 0;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "invalid value");
    ps->p += n;
    mpb_buf_append(ps->out, word, n);
    return 0;
}

static int parse_value(parser *ps)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "value expected");
    switch (*ps->p) {
    case '{': return parse_container(ps, 1);
    case '[': return parse_container(ps, 0);
    case '"': return parse_string(ps);
    case 't': return literal(ps, "true");
    case 'f': return literal(ps, "false");
    case 'n':
        if (ps->end - ps->p >= 3 && memcmp(ps->p, "nan", 3) == 0)
            return fail(ps, "Out of range float values are not JSON compliant");
        return literal(ps, "null");
    case 'N':
    case 'I':
    case 'i':
        return fail(ps, "Out of range float values are not JSON compliant");
    case '-':
        if (ps->end - ps->p >= 2 && (ps->p[1] == 'I' || ps->p[1] == 'i'))
            return fail(ps, "Out of range float values are not JSON compliant");
        return parse_number(ps);
    default:
        return parse_number(ps);
    }
}

static const char *finish(parser *ps, size_t mark)
{
    if (!ps->err) {
        skip_ws(ps);
        if (ps->p != ps->end)
            ps->err = "extra data after the value";
    }
    if (!ps->err && ps->out->failed)
        ps->err = "out of host memory";
    if (ps->err)
        ps->out->len = mark < ps->out->len ? mark : ps->out->len;
    return ps->err;
}

const char *mpb_json_canon(const char *in, size_t len, unsigned max_depth, struct mpb_buf *out)
{
    parser ps = {(const unsigned char *)in, (const unsigned char *)in + len, 0, max_depth, out, NULL, {0}};
    size_t mark = out->len;
    parse_value(&ps);
    mpb_buf_free(&ps.scratch);
    return finish(&ps, mark);
}

const char *mpb_json_canon_args(const char *in, size_t len, unsigned max_depth, struct mpb_buf *out)
{
    /* depth counts from the values: the object and the array around them
     * are two more levels */
    parser ps = {(const unsigned char *)in, (const unsigned char *)in + len, 0, max_depth + 2, out, NULL, {0}};
    size_t mark = out->len;
    struct mpb_buf parts[2] = {{0}, {0}};
    int seen[2] = {0, 0};
    skip_ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{') {
        fail(&ps, "malformed host call");
    } else {
        ps.p++;
        ps.depth = 1;
        for (int i = 0; i < 2 && !ps.err; i++) {
            skip_ws(&ps);
            struct mpb_buf key = {0};
            ps.out = &key;
            if (ps.p >= ps.end || *ps.p != '"' || parse_string(&ps)) {
                fail(&ps, "malformed host call");
                mpb_buf_free(&key);
                break;
            }
            int which = key.data && strcmp(key.data, "\"args\"") == 0 ? 0 : key.data && strcmp(key.data, "\"kwargs\"") == 0 ? 1 : -1;
            mpb_buf_free(&key);
            skip_ws(&ps);
            if (which < 0 || seen[which] || ps.p >= ps.end || *ps.p != ':') {
                fail(&ps, "malformed host call");
                break;
            }
            ps.p++;
            skip_ws(&ps);
            if (ps.p >= ps.end || *ps.p != (which ? '{' : '[')) {
                fail(&ps, "malformed host call");
                break;
            }
            seen[which] = 1;
            ps.out = &parts[which];
            if (parse_value(&ps))
                break;
            skip_ws(&ps);
            if (ps.p < ps.end && *ps.p == (i == 0 ? ',' : '}'))
                ps.p++;
            else
                fail(&ps, "malformed host call");
        }
    }
    ps.out = out;
    if (!ps.err && (parts[0].failed || parts[1].failed))
        ps.err = "out of host memory";
    if (!ps.err) {
        mpb_json_put(out, "{\"args\":");
        mpb_buf_append(out, parts[0].data, parts[0].len);
        mpb_json_put(out, ",\"kwargs\":");
        mpb_buf_append(out, parts[1].data, parts[1].len);
        mpb_json_put(out, "}");
    }
    mpb_buf_free(&parts[0]);
    mpb_buf_free(&parts[1]);
    mpb_buf_free(&ps.scratch);
    return finish(&ps, mark);
}

int mpb_hostfn_name_ok(const char *s, size_t n)
{
    if (!s || n == 0 || n > MPB_HOSTFN_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
            return 0;
    }
    return 1;
}
