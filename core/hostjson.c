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

/* ---- buffer ------------------------------------------------------------ */

void mpb_jb_put(mpb_jbuf *b, const void *s, size_t n)
{
    if (b->failed)
        return;
    if (n > SIZE_MAX / 4 - b->len) {
        b->failed = 1;
        return;
    }
    if (b->len + n + 1 > b->alloc) {
        size_t want = b->alloc ? b->alloc * 2 : 256;
        while (want < b->len + n + 1)
            want *= 2;
        char *q = realloc(b->p, want);
        if (!q) {
            b->failed = 1;
            return;
        }
        b->p = q;
        b->alloc = want;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void mpb_jb_lit(mpb_jbuf *b, const char *s) { mpb_jb_put(b, s, strlen(s)); }

void mpb_jb_free(mpb_jbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->alloc = 0;
    b->failed = 0;
}


/* Escape one ASCII character that may not appear raw in a JSON string
 * (returns 0 when it may). */
static int put_escaped(mpb_jbuf *b, unsigned char c)
{
    char esc[8];
    switch (c) {
    case '"': mpb_jb_put(b, "\\\"", 2); return 1;
    case '\\': mpb_jb_put(b, "\\\\", 2); return 1;
    case '\n': mpb_jb_put(b, "\\n", 2); return 1;
    case '\r': mpb_jb_put(b, "\\r", 2); return 1;
    case '\t': mpb_jb_put(b, "\\t", 2); return 1;
    case '\b': mpb_jb_put(b, "\\b", 2); return 1;
    case '\f': mpb_jb_put(b, "\\f", 2); return 1;
    default:
        if (c >= 0x20)
            return 0;
        snprintf(esc, sizeof esc, "\\u%04x", c);
        mpb_jb_put(b, esc, 6);
        return 1;
    }
}

void mpb_jb_str(mpb_jbuf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    mpb_jb_put(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        size_t run = i;
        /* copy runs of characters that need nothing */
        while (run < n && u[run] >= 0x20 && u[run] < 0x80 && u[run] != '"' && u[run] != '\\')
            run++;
        mpb_jb_put(b, u + i, run - i);
        i = run;
        if (i >= n)
            break;
        if (u[i] < 0x80) {
            put_escaped(b, u[i]);
            i++;
            continue;
        }
        size_t k = mpb_utf8_seq(u + i, n - i);
        if (!k) {
            mpb_jb_put(b, "\xef\xbf\xbd", 3);
            i++;
        } else {
            mpb_jb_put(b, u + i, k);
            i += k;
        }
    }
    mpb_jb_put(b, "\"", 1);
}

/* ---- parser ------------------------------------------------------------ */

typedef struct parser {
    const unsigned char *p, *end;
    unsigned depth, max_depth;
    mpb_jbuf *out;
    const char *err;
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

static void put_utf8(mpb_jbuf *b, unsigned cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        if (put_escaped(b, (unsigned char)cp))
            return;
        u[0] = (unsigned char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xc0 | cp >> 6), u[1] = (unsigned char)(0x80 | (cp & 0x3f)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xe0 | cp >> 12), u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (unsigned char)(0x80 | (cp & 0x3f)), n = 3;
    } else {
        u[0] = (unsigned char)(0xf0 | cp >> 18), u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
        u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f)), u[3] = (unsigned char)(0x80 | (cp & 0x3f)), n = 4;
    }
    mpb_jb_put(b, u, n);
}

/* A string at ps->p (the opening quote). */
static int parse_string(parser *ps)
{
    ps->p++;
    mpb_jb_put(ps->out, "\"", 1);
    for (;;) {
        const unsigned char *run = ps->p;
        while (ps->p < ps->end && *ps->p >= 0x20 && *ps->p < 0x80 && *ps->p != '"' && *ps->p != '\\')
            ps->p++;
        mpb_jb_put(ps->out, run, (size_t)(ps->p - run));
        if (ps->p >= ps->end)
            return fail(ps, "unterminated string");
        unsigned char c = *ps->p;
        if (c == '"') {
            ps->p++;
            mpb_jb_put(ps->out, "\"", 1);
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
            mpb_jb_put(ps->out, ps->p, k);
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
        put_utf8(ps->out, cp);
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
    mpb_jb_put(ps->out, start, n);
    return 0;
}

static int parse_value(parser *ps);

static int parse_container(parser *ps, int is_object)
{
    if (++ps->depth > ps->max_depth)
        return fail(ps, "nested too deeply");
    ps->p++;
    mpb_jb_put(ps->out, is_object ? "{" : "[", 1);
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
                mpb_jb_put(ps->out, ":", 1);
            }
            if (parse_value(ps))
                return -1;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                mpb_jb_put(ps->out, ",", 1);
                continue;
            }
            if (ps->p < ps->end && *ps->p == close) {
                ps->p++;
                break;
            }
            return fail(ps, is_object ? "',' or '}' expected" : "',' or ']' expected");
        }
    }
    mpb_jb_put(ps->out, is_object ? "}" : "]", 1);
    ps->depth--;
    return 0;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "invalid value");
    ps->p += n;
    mpb_jb_put(ps->out, word, n);
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

const char *mpb_json_canon(const char *in, size_t len, unsigned max_depth, mpb_jbuf *out)
{
    parser ps = {(const unsigned char *)in, (const unsigned char *)in + len, 0, max_depth, out, NULL};
    size_t mark = out->len;
    parse_value(&ps);
    return finish(&ps, mark);
}

const char *mpb_json_canon_args(const char *in, size_t len, unsigned max_depth, mpb_jbuf *out)
{
    /* depth counts from the values: the object and the array around them
     * are two more levels */
    parser ps = {(const unsigned char *)in, (const unsigned char *)in + len, 0, max_depth + 2, out, NULL};
    size_t mark = out->len;
    mpb_jbuf parts[2] = {{0}, {0}};
    int seen[2] = {0, 0};
    skip_ws(&ps);
    if (ps.p >= ps.end || *ps.p != '{') {
        fail(&ps, "malformed host call");
    } else {
        ps.p++;
        ps.depth = 1;
        for (int i = 0; i < 2 && !ps.err; i++) {
            skip_ws(&ps);
            mpb_jbuf key = {0};
            ps.out = &key;
            if (ps.p >= ps.end || *ps.p != '"' || parse_string(&ps)) {
                fail(&ps, "malformed host call");
                mpb_jb_free(&key);
                break;
            }
            int which = key.p && strcmp(key.p, "\"args\"") == 0 ? 0 : key.p && strcmp(key.p, "\"kwargs\"") == 0 ? 1 : -1;
            mpb_jb_free(&key);
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
        mpb_jb_lit(out, "{\"args\":");
        mpb_jb_put(out, parts[0].p, parts[0].len);
        mpb_jb_lit(out, ",\"kwargs\":");
        mpb_jb_put(out, parts[1].p, parts[1].len);
        mpb_jb_lit(out, "}");
    }
    mpb_jb_free(&parts[0]);
    mpb_jb_free(&parts[1]);
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
