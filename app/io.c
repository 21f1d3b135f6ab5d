/*
 * io.c — reading a whole file descriptor and writing every byte (io.h).
 * Guest output may contain NULs, so everything here works on (pointer,
 * length), never on C strings.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

int app_read_fd(int fd, struct mpb_buf *b)
{
    char chunk[65536];

    if (mpb_buf_append(b, "", 0) < 0) { /* an empty file is still a buffer */
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
        if (mpb_buf_append(b, chunk, (size_t)n) < 0) {
            errno = ENOMEM;
            return -1;
        }
    }
}

int app_write_all(int fd, const char *p, size_t n)
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
