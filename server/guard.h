/*
 * guard.h — the connection guard of `mpbox serve`: who may hold a
 * connection, and for how long, before saying anything useful.
 *
 * libmicrohttpd's own limits do not stop a slow client: a connection that
 * sends one header byte a second is never idle (so --connection-timeout
 * never fires), and MHD_OPTION_CONNECTION_LIMIT / _PER_IP_CONNECTION_LIMIT
 * refuse the *new* connection, so whoever holds the slots first keeps
 * them. The guard instead:
 *
 *   - gives every connection a deadline for a complete request head
 *     (request line and headers): --header-timeout from its opening or
 *     from its previous answer (an idle keep-alive connection is waiting
 *     for a head too);
 *   - holds a body, and a streamed answer, to a minimum rate: after a grace
 *     of --header-timeout, at least --min-rate bytes a second on average;
 *   - caps connections per client address (IPv4 address, IPv6 /64) and in
 *     total, and when a new connection would pass a cap it pushes out the
 *     oldest connection (of that client, or of anyone) that is still
 *     waiting for a request head, and refuses the new one only when every
 *     connection is busy with a request.
 *
 * A trickling attacker thus holds slots only while nobody else needs them,
 * and a prompt client (who sends its head in one go) always gets in. A
 * connection is cut with shutdown(2) on a duplicate of its descriptor
 * (the duplicate lives until MHD reports the connection closed, so the
 * descriptor number can never belong to anything else meanwhile); MHD's
 * thread then sees the end of the stream and cleans up as usual.
 *
 * Thread-safe: MHD calls guard_open/guard_close from its listening and
 * connection threads; a watchdog thread checks the deadlines.
 */
#ifndef MPBOX_SERVER_GUARD_H
#define MPBOX_SERVER_GUARD_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/socket.h>

enum guard_phase {
    GUARD_HEAD = 0, /* waiting for a request head: deadline; may be pushed out */
    GUARD_BODY,     /* receiving a body: minimum rate */
    GUARD_BUSY,     /* being answered (a run may take its time): no check */
    GUARD_SENDING   /* sending a streamed answer: minimum rate */
};

/* Why connections were cut, for /metrics. */
enum { GUARD_CUT_HEAD_TIMEOUT, GUARD_CUT_SLOW, GUARD_CUT_PUSHED_OUT, GUARD_CUT_REFUSED, GUARD_CUT_REASONS };
extern const char *const guard_cut_names[GUARD_CUT_REASONS];

struct guard_config {
    int max_connections; /* in total */
    int per_client;      /* per client address */
    int64_t head_ms;     /* deadline for a request head; grace before the rate counts */
    uint64_t min_rate;   /* bytes per second (0: no minimum) */
    atomic_uint_least64_t *cut; /* [GUARD_CUT_REASONS] counters */
};

struct guard;
struct guard_conn;

/* A guard and its watchdog thread. 0, or -1 (out of memory, no thread). */
int guard_new(const struct guard_config *cfg, struct guard **out);
/* Stop the watchdog and free; every connection must be closed already. */
void guard_free(struct guard *g);

/* A connection was accepted (fd is MHD's). Returns its record (NULL when
 * out of memory: the connection is then cut at once); may push out
 * another connection, or refuse this one (cut at once). */
struct guard_conn *guard_open(struct guard *g, int fd, const struct sockaddr *addr);
/* MHD reports it closed: forget it. */
void guard_close(struct guard *g, struct guard_conn *c);
/* The connection's phase changed (the clock of its deadline restarts). */
void guard_phase(struct guard *g, struct guard_conn *c, enum guard_phase phase);
/* n more bytes moved in the current phase (body received, answer sent). */
void guard_progress(struct guard *g, struct guard_conn *c, uint64_t n);

#endif /* MPBOX_SERVER_GUARD_H */
