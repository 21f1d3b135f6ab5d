/*
 * json.h — a small strict JSON reader and a writer (RFC 8259), for the MCP
 * messages and the server's request and response bodies.
 */
#ifndef MPB_UTIL_JSON_H
#define MPB_UTIL_JSON_H

#include <stddef.h>

#include "buf.h"

enum { MPB_JSON_NULL, MPB_JSON_BOOL, MPB_JSON_NUMBER, MPB_JSON_STRING, MPB_JSON_ARRAY, MPB_JSON_OBJECT };
#define MPB_JSON_READ_MAX_DEPTH 200
struct mpb_json {
    int type;
    int b;              /* BOOL */
    int integer;        /* NUMBER: no fraction or exponent */
    double num;         /* NUMBER */
    char *str;          /* STRING (NUL-terminated, may hold NULs: use len);
                           NUMBER: its text as written */
    size_t len;
    struct mpb_json **items; /* ARRAY, OBJECT */
    char **keys;        /* OBJECT: member names */
    size_t n, cap;
};
/* Parse exactly one JSON value (strict; valid UTF-8; nesting at most
 * MPB_JSON_READ_MAX_DEPTH). NULL and *err set on failure: a static
 * message, mpb_json_nomem itself (compare the pointer) when out of memory. */
extern const char mpb_json_nomem[];
struct mpb_json *mpb_json_parse(const char *text, size_t len, const char **err);
void mpb_json_free(struct mpb_json *v);
/* Whether text[0..len) is exactly one value, as strictly as mpb_json_parse
 * reads it but with nesting at most max_depth (capped at
 * MPB_JSON_CHECK_MAX_DEPTH), without building anything: 0 if so, else -1.
 * With MPB_JSON_CHECK_NO_SURROGATES a \u escape of a surrogate fails too. */
#define MPB_JSON_CHECK_MAX_DEPTH 4096
#define MPB_JSON_CHECK_NO_SURROGATES 1u
int mpb_json_check(const char *text, size_t len, unsigned max_depth, unsigned flags);
/* Member `key` of an object (the last one when repeated), or NULL. */
const struct mpb_json *mpb_json_get(const struct mpb_json *obj, const char *key);
/* Append a JSON string literal of s[0..n): '"', '\\', \n, \r and \t as
 * such, other control characters and DEL as \u00XX, valid UTF-8 as it is
 * and each byte of invalid UTF-8 as \ufffd, so that nothing in s can end
 * the string or reach a terminal raw. The one JSON string writer: results
 * (mpbox_result_json), host function payloads, the server's answers. Also
 * a literal text, or a parsed value in compact form. -1 when out of
 * memory. */
int mpb_json_put_str(struct mpb_buf *b, const char *s, size_t n);
int mpb_json_put(struct mpb_buf *b, const char *lit);
int mpb_json_write(struct mpb_buf *b, const struct mpb_json *v);

#endif /* MPB_UTIL_JSON_H */
