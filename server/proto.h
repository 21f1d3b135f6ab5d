/*
 * proto.h — the framing of the server's channels to its zygote and its
 * workers, and the little encoder/decoder their payloads are made with.
 *
 * A frame is a 16-byte header {type, arg, len} (host byte order: both ends
 * are the same program on the same machine) followed by len bytes. The
 * reader states how large a frame it accepts; anything larger, short or
 * unknown is a protocol error, and the peer is treated as broken. Channels
 * are SOCK_STREAM socketpairs; descriptors travel only on the zygote's
 * control socket (SCM_RIGHTS on a frame's header).
 */
#ifndef MPBOX_SERVER_PROTO_H
#define MPBOX_SERVER_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum pr_type {
    /* server -> worker */
    PR_SETUP = 1, /* arg: PR_MODE_*; the session spec */
    PR_RUN,       /* arg: MPBOX_RUN_* flags; the code */
    PR_ONCE,      /* arg: flags; limits[MPBOX_LIMIT_COUNT_] then the code */
    PR_PUT,       /* path (str) then the data */
    PR_GET,       /* path (str) */
    PR_LIST,
    PR_SAVE,
    PR_COMMIT,    /* arg: PR_COMMIT_*; u64 the largest delta wanted */
    /* worker -> server */
    PR_OK = 100, /* arg: the run's outcome for PR_RUN/PR_ONCE (pr_outcome) */
    PR_FAIL,     /* arg: PR_FAIL_* (what failed, typed); a message */
    PR_NOFILE,   /* PR_GET: no such file */
    PR_OUTPUT,   /* during a PR_RUN with PR_RUN_LIVE: arg: 1 stdout, 2 stderr; the bytes */
    /* server <-> zygote */
    PR_CONFIG = 200, /* the encoded wk_config */
    PR_READY,        /* the zygote built its runtime */
    PR_SPAWN,        /* arg: request id */
    PR_SPAWNED,      /* arg: request id; pid; fds: channel, pidfd */
    PR_SPAWN_FAILED, /* arg: request id; a message */
    PR_DIED          /* pid, wait status */
};

/* PR_OK's arg for a run: what the library said of it, typed (never read
 * back from the result's JSON): the mpbox_status in the low byte, the
 * mpbox_session_state in the next. */
static inline uint32_t pr_outcome(int status, int session_state)
{
    return (uint32_t)(status & 0xff) | (uint32_t)(session_state & 0xff) << 8;
}
static inline int pr_outcome_status(uint32_t arg) { return (int)(arg & 0xff); }
static inline int pr_outcome_session(uint32_t arg) { return (int)(arg >> 8 & 0xff); }

/* PR_FAIL's arg: failures the server answers differently, told apart by
 * this code, never by the message's text. */
enum { PR_FAIL_OTHER = 0, PR_FAIL_SNAPSHOT = 1, PR_FAIL_MOUNT = 2 };

enum { PR_MODE_SESSION = 0, PR_MODE_ONESHOT = 1 };
/* PR_SETUP's arg may add: the snapshot is a session store chain (store.h:
 * the base then its deltas, each a u64 length then its bytes), and the
 * next PR_COMMIT may be a delta against it */
enum { PR_MODE_CHAIN = 0x100 };
/* PR_COMMIT: the request's arg, and the answer's (what its bytes are) */
enum { PR_COMMIT_FORCE_BASE = 1, PR_COMMIT_BASE = 1, PR_COMMIT_DELTA = 2 };

/* A bit of PR_RUN's arg besides the MPBOX_RUN_* flags: send the guest's
 * output as it comes (PR_OUTPUT frames) before the answer. */
#define PR_RUN_LIVE 0x80000000u
/* Live output goes in pieces of about this many bytes: the worker sends
 * what it gathered once it is this large (liveout.h), the server passes
 * on frames that arrived together merged up to this size. */
#define PR_OUTPUT_PIECE (64u << 10)

struct pr_hdr {
    uint32_t type;
    uint32_t arg;
    uint64_t len;
};

/* Results of the read and write functions. */
enum { PR_DONE = 0, PR_BROKEN = -1, PR_TIMEOUT = -2 };

/* Monotonic clock in ns; deadlines are absolute on it, 0 = none. */
int64_t pr_now_ns(void);
int64_t pr_deadline_ms(int64_t ms);

/* Send one frame: the header, then a and b (either may be empty). With a
 * deadline the descriptor may be non-blocking (poll waits). fds (at most
 * 2) go with the header. */
int pr_send(int fd, uint32_t type, uint32_t arg, const void *a, size_t alen, const void *b, size_t blen,
            int64_t deadline);
/* A frame sent in pieces (a payload too large to hold): the header, which
 * announces len bytes in all, with the first alen of them; then the rest
 * with pr_send_more, exactly len in all. */
int pr_send_head(int fd, uint32_t type, uint32_t arg, uint64_t len, const void *a, size_t alen, int64_t deadline);
int pr_send_more(int fd, const void *a, size_t alen, int64_t deadline);
int pr_send_fds(int fd, uint32_t type, uint32_t arg, const void *a, size_t alen, const int *fds, int nfds);

/* Read a header; a frame longer than max is PR_BROKEN. */
int pr_recv_hdr(int fd, struct pr_hdr *h, uint64_t max, int64_t deadline);
/* The same, taking up to 2 descriptors that came with it (close-on-exec);
 * unused slots are -1. */
int pr_recv_hdr_fds(int fd, struct pr_hdr *h, uint64_t max, int64_t deadline, int fds[2]);
/* Read exactly len bytes. */
int pr_recv_all(int fd, void *buf, size_t len, int64_t deadline);
/* Read and drop len bytes. */
int pr_skip(int fd, uint64_t len, int64_t deadline);

/* Payloads are built in a struct mpb_buf (util/buf.h: mpb_buf_append,
 * mpb_buf_room, mpb_buf_reset, mpb_buf_free; a failed allocation sticks in
 * failed). */
void pb_u32(struct mpb_buf *b, uint32_t v);
void pb_u64(struct mpb_buf *b, uint64_t v);
/* A string with its NUL (NULL is encoded as ""). */
void pb_str(struct mpb_buf *b, const char *s);
/* u64 length, then the bytes. */
void pb_bytes(struct mpb_buf *b, const void *data, size_t len);

/* Reading a payload: every function checks bounds; a failure sets bad and
 * returns 0 / NULL. */
struct pr_in {
    const char *p;
    size_t len, off;
    int bad;
};
uint32_t pi_u32(struct pr_in *in);
uint64_t pi_u64(struct pr_in *in);
/* A NUL-terminated string of at most max bytes without NULs inside,
 * pointing into the payload. */
const char *pi_str(struct pr_in *in, size_t max);
const void *pi_bytes(struct pr_in *in, size_t *len);
/* The rest of the payload. */
const void *pi_rest(struct pr_in *in, size_t *len);

#endif
