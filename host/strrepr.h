/*
 * strrepr.h — repr() of str as CPython writes it (host/strrepr.c), behind
 * the import env.mpbox_str_repr that guest/strrepr.c adds.
 */
#ifndef MPB_STRREPR_H
#define MPB_STRREPR_H

#include <stddef.h>
#include <stdint.h>

#include "wasm-rt.h"

/* The code point at s[*i] (i < len), as MicroPython's utf8_get_char reads
 * it; *i moves past it. */
uint32_t mpb_str_next_char(const uint8_t *s, uint32_t len, uint32_t *i);
/* CPython's str.isprintable() for one code point. */
int mpb_uni_isprintable(uint32_t c);

/* The quoted form of the UTF-8 text [s, s + len), in pieces: *pos (a byte
 * offset, 0 at first) and *quote (0 at first, then the quote character
 * chosen) carry the state from one call to the next. Writes at most cap - 1
 * bytes and a NUL to out (cap >= MPB_STRREPR_MIN), and returns 1 when more
 * pieces follow, 0 when the closing quote was written. CPython's rules:
 * ' unless the text holds ' and no "; backslash escapes for the quote,
 * \\, \t, \n and \r; \xNN, \uNNNN or \UNNNNNNNN for the other characters
 * that are not printable; printable ones as they are. Text that is not
 * UTF-8 is read as MicroPython reads it (a lead byte and its continuation
 * bytes, unchecked; cut at the end). */
#define MPB_STRREPR_MIN 16
int mpb_str_repr(const uint8_t *s, uint32_t len, uint32_t *pos, uint32_t *quote, char *out, size_t cap);

#endif
