/*
 * json.c — a small JSON reader (a tree of values) and writer helpers for
 * the MCP server (mcp.c). The input is hostile: strict RFC 8259 (no
 * comments, NaN or trailing commas), valid UTF-8 only, bounded nesting.
 * Lone surrogate escapes (\ud800) become U+FFFD.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

struct jparser {
    const char *p, *end;
    unsigned depth;
    const char *err;
    int surrogate; /* a \u escape named a surrogate (\ud800-\udfff) */
};

static void ws(struct jparser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

const char mpb_json_nomem[] = "out of memory";

static struct mpb_json *jnew(struct jparser *ps, int type)
{
    struct mpb_json *v = calloc(1, sizeof *v);
    if (!v)
        ps->err = mpb_json_nomem;
    else
        v->type = type;
    return v;
}

static int hex4(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_cp(struct mpb_buf *b, unsigned cp, int *fail)
{
    char u[4];
    if (b && mpb_buf_append(b, u, mpb_utf8_encode(cp, u)) < 0)
        *fail = 1;
}

/* A string at ps->p (after the opening quote), checked and, when b is not
 * NULL, decoded into b. */
static int scan_string(struct jparser *ps, struct mpb_buf *b)
{
    int fail = 0;
    while (!fail) {
        if (ps->p >= ps->end) {
            ps->err = "unterminated string";
            break;
        }
        const char *run = ps->p;
        while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (unsigned char)*ps->p >= 0x20 &&
               (unsigned char)*ps->p < 0x80)
            ps->p++;
        if (b && ps->p > run && mpb_buf_append(b, run, (size_t)(ps->p - run)) < 0) {
            fail = 1;
            break;
        }
        if (ps->p >= ps->end)
            continue;
        unsigned char c = (unsigned char)*ps->p;
        if (c == '"') {
            ps->p++;
            return 0;
        }
        if (c < 0x20) {
            ps->err = "control character in string";
            break;
        }
        if (c >= 0x80) {
            size_t k = mpb_utf8_seq((const unsigned char *)ps->p, (size_t)(ps->end - ps->p));
            if (!k) {
                ps->err = "invalid UTF-8";
                break;
            }
            if (b && mpb_buf_append(b, ps->p, k) < 0)
                fail = 1;
            ps->p += k;
            continue;
        }
        /* backslash */
        if (ps->end - ps->p < 2) {
            ps->err = "unterminated string";
            break;
        }
        char e = ps->p[1];
        ps->p += 2;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char repl[] = "\"\\/\b\f\n\r\t";
            if (b && mpb_buf_append(b, &repl[simple - "\"\\/bfnrt"], 1) < 0)
                fail = 1;
            continue;
        }
        unsigned cp;
        if (e != 'u' || hex4(ps->p, ps->end, &cp) < 0) {
            ps->err = "invalid escape";
            break;
        }
        ps->p += 4;
        if (cp >= 0xd800 && cp <= 0xdfff)
            ps->surrogate = 1;
        if (cp >= 0xd800 && cp <= 0xdbff) {
            unsigned lo;
            if (ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u' && hex4(ps->p + 2, ps->end, &lo) == 0 &&
                lo >= 0xdc00 && lo <= 0xdfff) {
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else {
                cp = 0xfffd;
            }
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            cp = 0xfffd;
        }
        put_cp(b, cp, &fail);
    }
    if (fail)
        ps->err = mpb_json_nomem;
    return -1;
}

/* A string at ps->p (after the opening quote) into a NUL-terminated buffer. */
static int parse_string(struct jparser *ps, char **out, size_t *out_len)
{
    struct mpb_buf b = {0};
    if (mpb_buf_append(&b, "", 0) < 0) {
        ps->err = mpb_json_nomem;
        return -1;
    }
    if (scan_string(ps, &b) < 0) {
        mpb_buf_free(&b);
        return -1;
    }
    *out = b.data;
    *out_len = b.len;
    return 0;
}

static struct mpb_json *parse_value(struct jparser *ps);

static int add_item(struct jparser *ps, struct mpb_json *v, char *key, struct mpb_json *item)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        struct mpb_json **items = realloc(v->items, cap * sizeof *items);
        char **keys = items ? realloc(v->keys, cap * sizeof *keys) : NULL;
        if (items)
            v->items = items;
        if (keys)
            v->keys = keys;
        if (!items || !keys) {
            ps->err = mpb_json_nomem;
            return -1;
        }
        v->cap = cap;
    }
    v->items[v->n] = item;
    v->keys[v->n] = key;
    v->n++;
    return 0;
}

static struct mpb_json *parse_container(struct jparser *ps, int obj)
{
    if (++ps->depth > MPB_JSON_READ_MAX_DEPTH) {
        ps->err = "nested too deeply";
        return NULL;
    }
    struct mpb_json *v = jnew(ps, obj ? MPB_JSON_OBJECT : MPB_JSON_ARRAY);
    if (!v)
        return NULL;
    ps->p++;
    ws(ps);
    char close = obj ? '}' : ']';
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return v;
    }
    for (;;) {
        char *key = NULL;
        size_t klen;
        ws(ps);
        if (obj) {
            if (ps->p >= ps->end || *ps->p != '"') {
                ps->err = "expected a member name";
                break;
            }
            ps->p++;
            if (parse_string(ps, &key, &klen) < 0)
                break;
            ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                ps->err = "expected ':'";
                break;
            }
            ps->p++;
        }
        struct mpb_json *item = parse_value(ps);
        if (!item || add_item(ps, v, key, item) < 0) {
            free(key);
            mpb_json_free(item);
            break;
        }
        ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return v;
        }
        ps->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
        break;
    }
    if (!ps->err)
        ps->err = "syntax error";
    mpb_json_free(v);
    return NULL;
}

/* The end of the number at ps->p, or NULL (ps->err set); *integer: it has
 * no fraction or exponent. */
static const char *scan_number(struct jparser *ps, int *integer)
{
    const char *p = ps->p;
    *integer = 1;
    if (p < ps->end && *p == '-')
        p++;
    if (p < ps->end && *p == '0')
        p++;
    else if (p < ps->end && *p >= '1' && *p <= '9')
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    else
        goto bad;
    if (p < ps->end && *p == '.') {
        *integer = 0;
        p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            goto bad;
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < ps->end && (*p == 'e' || *p == 'E')) {
        *integer = 0;
        p++;
        if (p < ps->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= ps->end || *p < '0' || *p > '9')
            goto bad;
        while (p < ps->end && *p >= '0' && *p <= '9')
            p++;
    }
    return p;
bad:
    ps->err = "invalid number";
    return NULL;
}

static struct mpb_json *parse_number(struct jparser *ps)
{
    const char *s = ps->p;
    int integer;
    const char *p = scan_number(ps, &integer);
    if (!p)
        return NULL;
    if (p - s > 4096) {
        ps->err = "number too long";
        return NULL;
    }
    struct mpb_json *v = jnew(ps, MPB_JSON_NUMBER);
    if (!v)
        return NULL;
    v->str = malloc((size_t)(p - s) + 1);
    if (!v->str) {
        free(v);
        ps->err = mpb_json_nomem;
        return NULL;
    }
    memcpy(v->str, s, (size_t)(p - s));
    v->str[p - s] = '\0';
    v->len = (size_t)(p - s);
    v->integer = integer;
    v->num = strtod(v->str, NULL);
    ps->p = p;
    return v;
}

static struct mpb_json *parse_value(struct jparser *ps)
{
    ws(ps);
    if (ps->p >= ps->end) {
        ps->err = "unexpected end of input";
        return NULL;
    }
    char c = *ps->p;
    static const struct {
        const char *word;
        int type, b;
    } words[] = {{"null", MPB_JSON_NULL, 0}, {"true", MPB_JSON_BOOL, 1}, {"false", MPB_JSON_BOOL, 0}};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, words[i].word, n) == 0) {
            struct mpb_json *v = jnew(ps, words[i].type);
            if (v)
                v->b = words[i].b;
            ps->p += n;
            return v;
        }
    }
    if (c == '"') {
        ps->p++;
        char *s;
        size_t n;
        if (parse_string(ps, &s, &n) < 0)
            return NULL;
        struct mpb_json *v = jnew(ps, MPB_JSON_STRING);
        if (!v) {
            free(s);
            return NULL;
        }
        v->str = s;
        v->len = n;
        return v;
    }
    if (c == '{' || c == '[')
        return parse_container(ps, c == '{');
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_number(ps);
    ps->err = "unexpected character";
    return NULL;
}

struct mpb_json *mpb_json_parse(const char *text, size_t len, const char **err)
{
    struct jparser ps = {text, text + len, 0, NULL, 0};
    struct mpb_json *v = parse_value(&ps);
    if (v) {
        ws(&ps);
        if (ps.p != ps.end) {
            ps.err = "trailing characters after the value";
            mpb_json_free(v);
            v = NULL;
        }
    }
    if (err)
        *err = v ? NULL : (ps.err ? ps.err : "syntax error");
    return v;
}

void mpb_json_free(struct mpb_json *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        mpb_json_free(v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v);
}

const struct mpb_json *mpb_json_get(const struct mpb_json *obj, const char *key)
{
    if (!obj || obj->type != MPB_JSON_OBJECT)
        return NULL;
    const struct mpb_json *found = NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            found = obj->items[i]; /* the last duplicate wins, as in JS */
    return found;
}

/* ---- writing ----------------------------------------------------------- */

int mpb_json_put_str(struct mpb_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    mpb_buf_append(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n && u[run] >= 0x20 && u[run] < 0x7f && u[run] != '"' && u[run] != '\\')
            run++;
        mpb_buf_append(b, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (c >= 0x80) {
            size_t k = mpb_utf8_seq(u + i, n - i);
            if (k)
                mpb_buf_append(b, s + i, k);
            else
                mpb_buf_append(b, "\\ufffd", 6);
            i += k ? k : 1;
            continue;
        }
        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        switch (c) {
        case '"': mpb_buf_append(b, "\\\"", 2); break;
        case '\\': mpb_buf_append(b, "\\\\", 2); break;
        case '\n': mpb_buf_append(b, "\\n", 2); break;
        case '\r': mpb_buf_append(b, "\\r", 2); break;
        case '\t': mpb_buf_append(b, "\\t", 2); break;
        default: mpb_buf_append(b, e, 6); /* other control characters, DEL */
        }
        i++;
    }
    return mpb_buf_append(b, "\"", 1);
}

int mpb_json_put(struct mpb_buf *b, const char *lit) { return mpb_buf_append(b, lit, strlen(lit)); }

int mpb_json_write(struct mpb_buf *b, const struct mpb_json *v)
{
    int fail = 0;
    switch (v->type) {
    case MPB_JSON_NULL: return mpb_json_put(b, "null");
    case MPB_JSON_BOOL: return mpb_json_put(b, v->b ? "true" : "false");
    case MPB_JSON_NUMBER: return mpb_buf_append(b, v->str, v->len);
    case MPB_JSON_STRING: return mpb_json_put_str(b, v->str, v->len);
    case MPB_JSON_ARRAY:
    case MPB_JSON_OBJECT:
        fail |= mpb_json_put(b, v->type == MPB_JSON_ARRAY ? "[" : "{") < 0;
        for (size_t i = 0; i < v->n && !fail; i++) {
            if (i)
                fail |= mpb_json_put(b, ",") < 0;
            if (v->type == MPB_JSON_OBJECT) {
                fail |= mpb_json_put_str(b, v->keys[i], strlen(v->keys[i])) < 0;
                fail |= mpb_json_put(b, ":") < 0;
            }
            fail |= mpb_json_write(b, v->items[i]) < 0;
        }
        fail |= mpb_json_put(b, v->type == MPB_JSON_ARRAY ? "]" : "}") < 0;
        return fail ? -1 : 0;
    }
    return -1;
}

/* mpb_json_check: a value is checked where it starts; a container's kind
 * is kept per level, so nesting costs no recursion. */
int mpb_json_check(const char *text, size_t len, unsigned max_depth, unsigned flags)
{
    struct jparser ps = {text, text + len, 0, NULL, 0};
    unsigned char in_object[MPB_JSON_CHECK_MAX_DEPTH];
    if (max_depth > MPB_JSON_CHECK_MAX_DEPTH)
        max_depth = MPB_JSON_CHECK_MAX_DEPTH;
    unsigned depth = 0;
    int want_name = 0; /* after '{' or a ',' in an object */
    for (;;) {
        ws(&ps);
        if (want_name) {
            if (ps.p >= ps.end || *ps.p != '"')
                return -1;
            ps.p++;
            if (scan_string(&ps, NULL) < 0)
                return -1;
            ws(&ps);
            if (ps.p >= ps.end || *ps.p != ':')
                return -1;
            ps.p++;
            ws(&ps);
            want_name = 0;
        }
        if (ps.p >= ps.end)
            return -1;
        char c = *ps.p;
        size_t left = (size_t)(ps.end - ps.p);
        int integer;
        if (c == '{' || c == '[') {
            if (depth == max_depth)
                return -1;
            in_object[depth++] = c == '{';
            ps.p++;
            ws(&ps);
            if (ps.p < ps.end && *ps.p == (c == '{' ? '}' : ']')) {
                ps.p++;
                depth--;
            } else {
                want_name = c == '{';
                continue;
            }
        } else if (c == '"') {
            ps.p++;
            if (scan_string(&ps, NULL) < 0)
                return -1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!(ps.p = scan_number(&ps, &integer)))
                return -1;
        } else if (left >= 4 && (memcmp(ps.p, "null", 4) == 0 || memcmp(ps.p, "true", 4) == 0)) {
            ps.p += 4;
        } else if (left >= 5 && memcmp(ps.p, "false", 5) == 0) {
            ps.p += 5;
        } else {
            return -1;
        }
        /* after a value: the brackets that close here, then ',' or the end */
        for (;;) {
            ws(&ps);
            if (depth == 0)
                return ps.p == ps.end && !(ps.surrogate && (flags & MPB_JSON_CHECK_NO_SURROGATES)) ? 0 : -1;
            if (ps.p >= ps.end)
                return -1;
            if (*ps.p == (in_object[depth - 1] ? '}' : ']')) {
                ps.p++;
                depth--;
                continue;
            }
            if (*ps.p != ',')
                return -1;
            ps.p++;
            want_name = in_object[depth - 1];
            break;
        }
    }
}
