/*
 * liveout.h — the worker's channel to the server as two threads write it:
 * the running thread (answers, and a live run's output) and a flusher.
 *
 * A live run's output (PR_RUN with PR_RUN_LIVE) is gathered into
 * PR_OUTPUT frames rather than sent a frame per guest write (which made
 * a program printing a lot in small pieces fifty times slower). What is
 * gathered goes to the server when it passes PR_OUTPUT_PIECE bytes, when
 * its oldest byte has waited LO_FLUSH_MS (the flusher thread: a client
 * watching a slow printer sees each line within that), and before any
 * other frame (a run's answer comes after all of its output). Frames keep
 * the order of the writes, stdout and stderr as they alternated.
 *
 * The flusher (lo_flusher_main) is started by the worker with its other
 * threads, before the seccomp filter (which allows no new thread); it
 * sleeps on a condition while nothing waits.
 */
#ifndef MPBOX_SERVER_LIVEOUT_H
#define MPBOX_SERVER_LIVEOUT_H

#include <stddef.h>
#include <stdint.h>

#define LO_FLUSH_MS 20

struct lo;

/* The writer of channel chan (NULL when out of memory). */
struct lo *lo_new(int chan);
/* The flusher thread's body (arg: the struct lo); it never returns. */
void *lo_flusher_main(void *arg);
/* Send one frame (after the output gathered so far). PR_DONE, or
 * PR_BROKEN once the server is gone. */
int lo_send(struct lo *q, uint32_t type, uint32_t arg, const void *data, size_t len);
/* An mpbox_output_fn (user: the struct lo): gather a piece of the guest's
 * output, fd 1 or 2. A server gone ends the process (as lo_send's callers
 * do): the output has nowhere to go. */
void lo_output(void *user, int fd, const char *data, size_t len);

#endif /* MPBOX_SERVER_LIVEOUT_H */
