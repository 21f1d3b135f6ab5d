/*
 * buf.h — a growable byte buffer: the one buffer of the library's JSON
 * (results, host function payloads), the worker protocol's frames and the
 * command's and server's texts. Guest output and client bodies may hold
 * NULs, so it works on (pointer, length), never on C strings; a NUL is kept
 * after the bytes all the same, so that text can be handed to C functions.
 *
 * A failed allocation sticks: every later append fails too, so that a
 * writer may append many pieces and check once (b->failed, or the -1 of
 * any append).
 *
 * util/ is the bottom layer: it includes no other project header.
 */
#ifndef MPB_UTIL_BUF_H
#define MPB_UTIL_BUF_H

#include <stddef.h>

struct mpb_buf {
    char *data; /* NULL until the first append */
    size_t len, cap;
    int failed; /* an allocation failed: the contents are incomplete */
};

/* Append n bytes (and keep a NUL after them). 0, or -1 once out of memory. */
int mpb_buf_append(struct mpb_buf *b, const void *p, size_t n);
/* Room for n more bytes at the end, for a caller that fills them itself
 * (reading from a descriptor): where they go, or NULL once out of memory.
 * mpb_buf_commit(b, n) then counts the n bytes written there. */
char *mpb_buf_room(struct mpb_buf *b, size_t n);
void mpb_buf_commit(struct mpb_buf *b, size_t n);
/* Empty b for reuse, keeping its memory (and clearing failed). */
void mpb_buf_reset(struct mpb_buf *b);
void mpb_buf_free(struct mpb_buf *b);

#endif /* MPB_UTIL_BUF_H */
