/*
 * zygote.h — what the zygote (server/zygote.c) and the worker loop
 * (server/worker_main.c) share; the server side is server/worker.c.
 *
 * The zygote is a fresh process: worker.c forks and execs /proc/self/exe
 * with argv[0] = ZY_ARGV0, an empty environment and its control socket as
 * descriptor 3, so that no memory, descriptor or thread of the server
 * reaches it or the workers it forks. A constructor in zygote.c runs it
 * before main() of whatever program it is linked into.
 */
#ifndef MPBOX_SERVER_ZYGOTE_H
#define MPBOX_SERVER_ZYGOTE_H

#include "proto.h"
#include "worker.h"

#define ZY_ARGV0 "mpbox-zygote"
#define ZY_CTL_FD 3
#define ZY_CHAN_FD 3 /* a worker's channel */

/* Frame size caps. */
#define ZY_MAX_CONTROL (1u << 20)        /* any control frame */
#define ZY_MAX_REQUEST (4ull << 30)      /* a request to a worker */
#define ZY_MAX_PATH 4096

/* The configuration as the zygote holds it (decoded from PR_CONFIG). */
struct zy_config {
    int64_t limits[MPBOX_LIMIT_COUNT_];
    int nsqlites;
    const char **sqlite_names, **sqlite_paths;
    int seccomp;
    uint64_t rlimit_cpu_s;
    const void *snapshot_key; /* into payload */
    size_t snapshot_key_len;
    char *payload; /* the strings point into it */
};

struct zy {
    mpbox_runtime *rt;
    struct zy_config cfg;
    int devnull;
};

/* Server side: the PR_CONFIG payload. */
void zy_encode_config(const struct wk_config *cfg, struct mpb_buf *b);
/* Zygote side: takes ownership of payload (malloc'd). 0 or -1. */
int zy_decode_config(char *payload, size_t len, struct zy_config *out);

/* The worker process: never returns. */
_Noreturn void zy_worker_main(struct zy *z, int chan);

#endif
