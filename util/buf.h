/*
 * buf.h — a growable byte buffer. Guest output and client bodies may hold
 * NULs, so it works on (pointer, length), never on C strings; a NUL is kept
 * after the bytes all the same, so that text can be handed to C functions.
 *
 * util/ is the bottom layer: it includes no other project header.
 */
#ifndef MPB_UTIL_BUF_H
#define MPB_UTIL_BUF_H

#include <stddef.h>

struct mpb_buf {
    char *data;
    size_t len, cap;
};

/* Append n bytes (and keep a NUL after them). Returns -1 when out of memory. */
int mpb_buf_append(struct mpb_buf *b, const char *p, size_t n);
void mpb_buf_free(struct mpb_buf *b);

#endif /* MPB_UTIL_BUF_H */
