/*
 * utf8.h — UTF-8 as RFC 3629 defines it: what a valid sequence is, how a
 * code point is written, and a sanitized copy of arbitrary bytes. One home
 * for the library (results, host functions), the JSON reader and writer,
 * and the server.
 */
#ifndef MPB_UTIL_UTF8_H
#define MPB_UTIL_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4; surrogates, overlong forms
 * and code points past U+10FFFF are invalid), or 0. n >= 1. */
size_t mpb_utf8_seq(const unsigned char *s, size_t n);
/* 1 when s[0..n) is valid UTF-8 throughout. */
int mpb_utf8_valid(const char *s, size_t n);
/* Write code point cp (at most U+10FFFF) to out; returns its length, 1-4. */
size_t mpb_utf8_encode(unsigned cp, char out[4]);
/* A NUL-terminated malloc'd copy of s with invalid UTF-8 (and NUL bytes)
 * replaced by U+FFFD; *out_len (when not NULL) its length. NULL when out
 * of memory. */
char *mpb_utf8_sanitize(const char *s, size_t len, size_t *out_len);

#endif /* MPB_UTIL_UTF8_H */
