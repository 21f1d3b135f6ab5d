/*
 * spool.c — see spool.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "spool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int spool_new(const char *dir, struct budget *b, struct spool **out)
{
    *out = NULL;
    struct spool *sp = calloc(1, sizeof *sp);
    if (!sp) {
        errno = ENOMEM;
        return -1;
    }
    sp->budget = b;
    sp->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (sp->fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        /* a file system without O_TMPFILE: a named file, unlinked at once */
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/spool-XXXXXX", dir);
        sp->fd = mkostemp(path, O_CLOEXEC);
        if (sp->fd >= 0)
            unlink(path);
    }
    if (sp->fd < 0) {
        int e = errno;
        free(sp);
        errno = e;
        return -1;
    }
    *out = sp;
    return 0;
}

int spool_room(void *arg, uint64_t len)
{
    struct spool *sp = arg;
    if (len > sp->held && budget_take(sp->budget, len - sp->held) < 0)
        return -1;
    if (len > sp->held)
        sp->held = len;
    return 0;
}

void spool_free(struct spool *sp)
{
    if (!sp)
        return;
    if (sp->fd >= 0)
        close(sp->fd);
    budget_give(sp->budget, sp->held);
    free(sp);
}
