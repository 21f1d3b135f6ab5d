/*
 * io.c — growable byte buffers, reading a whole file descriptor, and
 * writing every byte. Guest output may contain NULs, so everything here
 * works on (pointer, length), never on C strings.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_buf_append(struct cli_buf *b, const char *p, size_t n)
{
    if (n >= SIZE_MAX / 2 - b->len)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

void cli_buf_free(struct cli_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int cli_read_fd(int fd, struct cli_buf *b)
{
    char chunk[65536];

    if (cli_buf_append(b, "", 0) < 0) { /* an empty file is still a buffer */
        errno = ENOMEM;
        return -1;
    }
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (cli_buf_append(b, chunk, (size_t)n) < 0) {
            errno = ENOMEM;
            return -1;
        }
    }
}

int cli_write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}
