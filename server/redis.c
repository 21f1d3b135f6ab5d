/*
 * redis.c — see redis.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "redis.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define POOL 16
/* After a connection attempt that failed slowly (a host that does not
 * answer: up to RD_TIMEOUT_MS), commands fail at once for this long
 * instead of each waiting as long. A refused connection fails fast and is
 * tried again at the next command, so that Redis is used again as soon as
 * it is back. */
#define DOWN_BACKOFF_MS 1000
#define SLOW_CONNECT_MS 100

struct rd {
    char host[256];
    int port, db;
    char name[300];
    char *password; /* NULL: no AUTH */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    redisContext *conn[POOL];
    int busy[POOL];
    int64_t down_until; /* CLOCK_MONOTONIC ms */
    char down_why[160];
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rd_open(const char *url, const char *password, struct rd **out, char *err, size_t errcap)
{
    *out = NULL;
    static const char scheme[] = "redis://";
    if (strncmp(url, scheme, sizeof scheme - 1) != 0) {
        snprintf(err, errcap, "--store: expected redis://HOST:PORT[/DB], not '%.100s'", url);
        return -1;
    }
    const char *p = url + sizeof scheme - 1, *hend;
    char host[256];
    if (*p == '[') {
        hend = strchr(p, ']');
        if (!hend || hend[1] != ':') {
            snprintf(err, errcap, "--store: bad address in '%.100s'", url);
            return -1;
        }
        p++;
    } else {
        hend = strchr(p, ':');
    }
    if (!hend || hend == p || (size_t)(hend - p) >= sizeof host) {
        snprintf(err, errcap, "--store: expected redis://HOST:PORT[/DB], not '%.100s'", url);
        return -1;
    }
    memcpy(host, p, (size_t)(hend - p));
    host[hend - p] = '\0';
    const char *port_s = hend + (*hend == ']' ? 2 : 1);
    char *end;
    errno = 0;
    long port = strtol(port_s, &end, 10);
    long db = 0;
    if (end == port_s || errno || port < 1 || port > 65535) {
        snprintf(err, errcap, "--store: bad port in '%.100s'", url);
        return -1;
    }
    if (*end == '/') {
        const char *db_s = end + 1;
        db = strtol(db_s, &end, 10);
        if (end == db_s || db < 0 || db > 15) {
            snprintf(err, errcap, "--store: bad database number in '%.100s' (0 to 15)", url);
            return -1;
        }
    }
    if (*end != '\0') {
        snprintf(err, errcap, "--store: unexpected '%.40s' in '%.100s'", end, url);
        return -1;
    }
    struct rd *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    snprintf(r->host, sizeof r->host, "%s", host);
    r->port = (int)port;
    r->db = (int)db;
    snprintf(r->name, sizeof r->name, "%s:%d/%d", host, r->port, r->db);
    if (password && !(r->password = strdup(password))) {
        free(r);
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->freed, NULL);
    *out = r;
    return 0;
}

void rd_close(struct rd *r)
{
    if (!r)
        return;
    for (int i = 0; i < POOL; i++)
        if (r->conn[i])
            redisFree(r->conn[i]);
    pthread_cond_destroy(&r->freed);
    pthread_mutex_destroy(&r->lock);
    if (r->password) /* a secret: not left in freed memory */
        explicit_bzero(r->password, strlen(r->password));
    free(r->password);
    free(r);
}

const char *rd_name(const struct rd *r) { return r->name; }

/* A two-word command of a new connection that must answer +OK. */
static int setup_cmd(struct rd *r, redisContext *c, const char **argv, const char *what, char *err, size_t errcap)
{
    redisReply *rep = redisCommandArgv(c, 2, argv, NULL);
    int ok = rep && rep->type == REDIS_REPLY_STATUS;
    if (!ok)
        snprintf(err, errcap, "Redis at %s refused %s: %s", r->name, what,
                 rep && rep->type == REDIS_REPLY_ERROR ? rep->str : c->errstr);
    if (rep)
        freeReplyObject(rep);
    return ok ? 0 : -1;
}

redisContext *rd_connect(struct rd *r, char *err, size_t errcap)
{
    struct timeval tv = {RD_TIMEOUT_MS / 1000, (RD_TIMEOUT_MS % 1000) * 1000};
    redisContext *c = redisConnectWithTimeout(r->host, r->port, tv);
    if (!c || c->err) {
        snprintf(err, errcap, "cannot connect to Redis at %s: %s", r->name, c ? c->errstr : "out of memory");
        if (c)
            redisFree(c);
        return NULL;
    }
    redisSetTimeout(c, tv);
    redisEnableKeepAlive(c);
    char db[16];
    snprintf(db, sizeof db, "%d", r->db);
    const char *auth[] = {"AUTH", r->password}, *select[] = {"SELECT", db};
    if ((r->password && setup_cmd(r, c, auth, "the password (AUTH)", err, errcap) < 0) ||
        (r->db != 0 && setup_cmd(r, c, select, "SELECT", err, errcap) < 0)) {
        redisFree(c);
        return NULL;
    }
    return c;
}

/* A pooled connection has nothing to read between commands: if it has
 * (end of file, a reset), the server closed it, and a command sent on it
 * would fail after it was written. Checked without waiting. */
static int idle_and_open(redisContext *c)
{
    struct pollfd p = {c->fd, POLLIN, 0};
    return poll(&p, 1, 0) == 0;
}

redisReply *rd_cmd(struct rd *r, int argc, const char **argv, const size_t *lens, char *err, size_t errcap)
{
    pthread_mutex_lock(&r->lock);
    int slot = -1;
    while (slot < 0) {
        for (int i = 0; i < POOL; i++)
            if (!r->busy[i] && (slot < 0 || (!r->conn[slot] && r->conn[i])))
                slot = i; /* a free slot, preferably one already connected */
        if (slot < 0)
            pthread_cond_wait(&r->freed, &r->lock);
    }
    r->busy[slot] = 1;
    redisContext *c = r->conn[slot];
    int down = !c && mono_ms() < r->down_until;
    if (down)
        snprintf(err, errcap, "%s", r->down_why);
    pthread_mutex_unlock(&r->lock);

    if (c && !idle_and_open(c)) { /* Redis closed it (restarted): a new one */
        redisFree(c);
        c = NULL;
    }
    redisReply *rep = NULL;
    if (!c && !down) {
        char why[160];
        int64_t t0 = mono_ms();
        c = rd_connect(r, why, sizeof why);
        if (!c) {
            snprintf(err, errcap, "%s", why);
            if (mono_ms() - t0 >= SLOW_CONNECT_MS) {
                pthread_mutex_lock(&r->lock);
                r->down_until = mono_ms() + DOWN_BACKOFF_MS;
                snprintf(r->down_why, sizeof r->down_why, "%s", why);
                pthread_mutex_unlock(&r->lock);
            }
        }
    }
    if (c) {
        rep = redisCommandArgv(c, argc, argv, lens);
        if (!rep || c->err) {
            snprintf(err, errcap, "Redis at %s: %s", r->name, c->err ? c->errstr : "no reply");
            if (rep)
                freeReplyObject(rep);
            rep = NULL;
            redisFree(c); /* its state is unknown: connect again next time */
            c = NULL;
        }
    }
    pthread_mutex_lock(&r->lock);
    r->conn[slot] = c;
    r->busy[slot] = 0;
    pthread_cond_signal(&r->freed);
    pthread_mutex_unlock(&r->lock);
    return rep;
}
