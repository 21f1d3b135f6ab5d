/*
 * io.h — whole reads and whole writes on file descriptors, for the command
 * and the server.
 */
#ifndef MPBOX_APP_IO_H
#define MPBOX_APP_IO_H

#include <stddef.h>

#include "buf.h"

/* Read everything from fd into b. Returns -1 with errno set on failure. */
int app_read_fd(int fd, struct mpb_buf *b);
/* Write all n bytes, retrying short writes. Returns -1 on failure (e.g. a
 * closed pipe: SIGPIPE is ignored by the command). */
int app_write_all(int fd, const char *p, size_t n);

#endif /* MPBOX_APP_IO_H */
