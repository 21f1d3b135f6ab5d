/*
 * redis.h — connections to one Redis server for the session store
 * (store.h), through hiredis.
 *
 * A small pool of connections shared by the server's threads: a command
 * takes one, and a connection that fails (Redis down, a timeout) is
 * dropped, so the next command connects again. Nothing here waits longer
 * than RD_TIMEOUT_MS for Redis, and no call ever retries a command: a
 * command that may or may not have been applied is reported as failed,
 * and the caller's protocol (fenced writes, store.c) makes that safe.
 *
 * Thread-safe. Called only by the server process: workers never talk to
 * Redis (docs/isolation.md).
 */
#ifndef MPBOX_SERVER_REDIS_H
#define MPBOX_SERVER_REDIS_H

#include <stddef.h>
#include <stdint.h>

#include <hiredis/hiredis.h>

#define RD_TIMEOUT_MS 2000 /* connect and each command */

struct rd;

/* Parse "redis://HOST:PORT[/DB]" (HOST a name or an IPv4 address, or
 * [IPV6]; DB 0-15, default 0); password (or NULL) is sent with AUTH on
 * every new connection. Connects lazily: a Redis that is down now is not
 * an error here. 0, or -1 with err. */
int rd_open(const char *url, const char *password, struct rd **out, char *err, size_t errcap);
void rd_close(struct rd *r);
/* "HOST:PORT/DB", for messages. */
const char *rd_name(const struct rd *r);

/* One command; the reply (freeReplyObject), or NULL when Redis could not
 * be reached or did not answer in time (err says why). An error reply
 * (REDIS_REPLY_ERROR) is returned as a reply. */
redisReply *rd_cmd(struct rd *r, int argc, const char **argv, const size_t *lens, char *err, size_t errcap);

/* A connection of its own, for SUBSCRIBE (the pool's are for commands).
 * NULL with err when Redis cannot be reached. */
redisContext *rd_connect(struct rd *r, char *err, size_t errcap);

#endif /* MPBOX_SERVER_REDIS_H */
