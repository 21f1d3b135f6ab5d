/*
 * buf.c — growable byte buffers (buf.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

char *mpb_buf_room(struct mpb_buf *b, size_t n)
{
    if (b->failed)
        return NULL;
    if (n >= SIZE_MAX / 2 - b->len) {
        b->failed = 1;
        return NULL;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return NULL;
        }
        b->data = d;
        b->cap = cap;
    }
    return b->data + b->len;
}

void mpb_buf_commit(struct mpb_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

int mpb_buf_append(struct mpb_buf *b, const void *p, size_t n)
{
    char *at = mpb_buf_room(b, n);
    if (!at)
        return -1;
    if (n)
        memcpy(at, p, n);
    mpb_buf_commit(b, n);
    return 0;
}

void mpb_buf_reset(struct mpb_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

void mpb_buf_free(struct mpb_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
