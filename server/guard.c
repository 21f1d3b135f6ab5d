/*
 * guard.c — deadlines, minimum rates and per-client caps for the HTTP
 * connections of `mpbox serve` (guard.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "guard.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How often the watchdog looks: deadlines are kept to within this. */
#define WATCH_MS 200
#define CLIENT_LEN 9

const char *const guard_cut_names[GUARD_CUT_REASONS] = {"header_timeout", "too_slow", "pushed_out", "refused"};

struct guard_conn {
    int fd;                 /* our duplicate of MHD's descriptor */
    unsigned char client[CLIENT_LEN];
    int cut;                /* shut down already: no longer counted */
    enum guard_phase phase;
    int64_t since_ms;       /* start of the phase (monotonic) */
    int64_t opened_ms;
    uint64_t bytes;         /* moved in the phase */
    struct guard_conn *prev, *next;
};

struct guard {
    struct guard_config cfg;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct guard_conn *head; /* newest first */
    int stopping;
    pthread_t watchdog;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Lock held. */
static void cut(struct guard *g, struct guard_conn *c, int why)
{
    if (c->cut)
        return;
    c->cut = 1;
    if (c->fd >= 0)
        shutdown(c->fd, SHUT_RDWR);
    atomic_fetch_add(&g->cfg.cut[why], 1);
}

/* Lock held: the connection is past its deadline or below the rate. */
static int overdue(const struct guard *g, const struct guard_conn *c, int64_t now)
{
    int64_t t = now - c->since_ms;
    switch (c->phase) {
    case GUARD_HEAD: return t > g->cfg.head_ms ? GUARD_CUT_HEAD_TIMEOUT : -1;
    case GUARD_BODY:
    case GUARD_SENDING:
        if (g->cfg.min_rate == 0 || t <= g->cfg.head_ms)
            return -1;
        return c->bytes < g->cfg.min_rate * (uint64_t)(t - g->cfg.head_ms) / 1000 ? GUARD_CUT_SLOW : -1;
    case GUARD_BUSY: return -1;
    }
    return -1;
}

static void *watchdog_main(void *arg)
{
    struct guard *g = arg;
    pthread_mutex_lock(&g->lock);
    while (!g->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += WATCH_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->wake, &g->lock, &ts);
        int64_t now = now_ms();
        for (struct guard_conn *c = g->head; c; c = c->next) {
            int why = c->cut ? -1 : overdue(g, c, now);
            if (why >= 0)
                cut(g, c, why);
        }
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

int guard_new(const struct guard_config *cfg, struct guard **out)
{
    *out = NULL;
    struct guard *g = calloc(1, sizeof *g);
    if (!g)
        return -1;
    g->cfg = *cfg;
    pthread_mutex_init(&g->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&g->watchdog, NULL, watchdog_main, g) != 0) {
        pthread_cond_destroy(&g->wake);
        pthread_mutex_destroy(&g->lock);
        free(g);
        return -1;
    }
    *out = g;
    return 0;
}

void guard_free(struct guard *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = 1;
    pthread_cond_broadcast(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->watchdog, NULL);
    while (g->head) { /* none should be left; MHD closed them all */
        struct guard_conn *c = g->head;
        g->head = c->next;
        if (c->fd >= 0)
            close(c->fd);
        free(c);
    }
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

/* The client a connection counts against: its IPv4 address, or the /64 of
 * its IPv6 address (one host can use a whole /64), after a family tag. */
static void client_of(const struct sockaddr *sa, unsigned char out[CLIENT_LEN])
{
    memset(out, 0, CLIENT_LEN);
    if (sa && sa->sa_family == AF_INET) {
        out[0] = 4;
        memcpy(out + 1, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    } else if (sa && sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(a)) { /* the same client as over IPv4 */
            out[0] = 4;
            memcpy(out + 1, a->s6_addr + 12, 4);
        } else {
            out[0] = 6;
            memcpy(out + 1, a->s6_addr, 8);
        }
    }
}

/* Lock held: the oldest connection waiting for a request head, of `client`
 * when not NULL. */
static struct guard_conn *oldest_waiting(struct guard *g, const unsigned char *client, const struct guard_conn *not)
{
    struct guard_conn *best = NULL;
    for (struct guard_conn *c = g->head; c; c = c->next)
        if (c != not && !c->cut && c->phase == GUARD_HEAD && (!client || memcmp(c->client, client, CLIENT_LEN) == 0) &&
            (!best || c->since_ms <= best->since_ms))
            best = c;
    return best;
}

struct guard_conn *guard_open(struct guard *g, int fd, const struct sockaddr *addr)
{
    struct guard_conn *c = calloc(1, sizeof *c);
    if (!c) {
        shutdown(fd, SHUT_RDWR);
        return NULL;
    }
    c->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    client_of(addr, c->client);
    c->phase = GUARD_HEAD;
    c->since_ms = c->opened_ms = now_ms();
    pthread_mutex_lock(&g->lock);
    int total = 0, mine = 0;
    for (struct guard_conn *o = g->head; o; o = o->next) {
        if (o->cut)
            continue;
        total++;
        mine += memcmp(o->client, c->client, CLIENT_LEN) == 0;
    }
    c->next = g->head;
    if (g->head)
        g->head->prev = c;
    g->head = c;
    if (c->fd < 0) { /* no descriptor to cut it with later: not taken */
        shutdown(fd, SHUT_RDWR);
        c->cut = 1;
        atomic_fetch_add(&g->cfg.cut[GUARD_CUT_REFUSED], 1);
    } else if (g->cfg.per_client > 0 && mine + 1 > g->cfg.per_client) {
        struct guard_conn *victim = oldest_waiting(g, c->client, c);
        cut(g, victim ? victim : c, victim ? GUARD_CUT_PUSHED_OUT : GUARD_CUT_REFUSED);
    } else if (g->cfg.max_connections > 0 && total + 1 > g->cfg.max_connections) {
        struct guard_conn *victim = oldest_waiting(g, NULL, c);
        cut(g, victim ? victim : c, victim ? GUARD_CUT_PUSHED_OUT : GUARD_CUT_REFUSED);
    }
    pthread_mutex_unlock(&g->lock);
    return c;
}

void guard_close(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        g->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&g->lock);
    if (c->fd >= 0)
        close(c->fd);
    free(c);
}

void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase phase)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    c->phase = phase;
    c->since_ms = now_ms();
    c->bytes = 0;
    pthread_mutex_unlock(&g->lock);
}

void guard_progress(struct guard *g, struct guard_conn *c, uint64_t n)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    c->bytes += n;
    pthread_mutex_unlock(&g->lock);
}
