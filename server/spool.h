/*
 * spool.h — an anonymous file in the state directory (O_TMPFILE: it has
 * no name and vanishes with its last descriptor) whose size is counted
 * against the directory's budget. Snapshots pass through spools between a
 * worker and a client, in either direction, so that the server never holds
 * one in memory: downloads are saved into a spool and sent from it,
 * uploads are decoded into one and streamed to the new worker.
 */
#ifndef MPBOX_SERVER_SPOOL_H
#define MPBOX_SERVER_SPOOL_H

#include <stdint.h>

#include "budget.h"

struct spool {
    int fd;
    uint64_t held; /* bytes of the budget taken */
    struct budget *budget;
};

/* A new empty spool in dir. 0, or -1 with errno. */
int spool_new(const char *dir, struct budget *b, struct spool **out);
/* Take room for a spool of len bytes (a wk_save_to `room` callback; sp is
 * a struct spool *): 0, or -1 when the budget has no room. */
int spool_room(void *sp, uint64_t len);
/* Close, give the room back. NULL is fine. */
void spool_free(struct spool *sp);

#endif
