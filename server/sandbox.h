/*
 * sandbox.h — what a worker process does to itself before it runs guest
 * code (docs/isolation.md).
 *
 * sb_enter_process: right after fork, before anything else: signals back
 * to default and unblocked, death with the parent (PR_SET_PDEATHSIG,
 * then a check that the parent is still there), descriptors 0-2 on
 * /dev/null, the channel moved to descriptor 3 and every other descriptor
 * closed, not dumpable, no core files.
 *
 * Then, once the session is set up (mounts and databases known):
 * sb_restrict_files (Landlock: file access only below the mounts and to
 * the database files, read-only) and, after the worker's threads exist,
 * sb_lock (resource limits, no capabilities, the seccomp filter). Nothing
 * can be loosened afterwards.
 */
#ifndef MPBOX_SERVER_SANDBOX_H
#define MPBOX_SERVER_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

/* Returns the channel's new descriptor (3), or -1 with err set. */
int sb_enter_process(int chan, int devnull, char *err, size_t errcap);

struct sb_policy {
    uint64_t address_space; /* RLIMIT_AS bytes (0 = none) */
    uint64_t cpu_seconds;   /* RLIMIT_CPU (0 = none) */
    int seccomp;            /* install the filter */
    /* Read-only file access (mounts, SQLite databases); with none, the
     * filter allows no file opening at all. */
    const char *const *read_dirs;
    int nread_dirs;
    const char *const *read_files;
    int nread_files;
};

/* Landlock, before the worker starts its threads (a thread inherits the
 * domain of the thread that creates it); sets PR_SET_NO_NEW_PRIVS, which
 * Landlock needs. Returns the Landlock ABI version applied, 0 when the
 * kernel has none, -1 with err set. */
int sb_restrict_files(const struct sb_policy *pol, char *err, size_t errcap);

/* The rest, once the threads exist: rlimits, capabilities, seccomp (on all
 * threads). */
int sb_lock(const struct sb_policy *pol, char *err, size_t errcap);

/* The seccomp filter alone (also used by tests): files = 1 allows opening
 * files read-only (for mounts and databases). 0, or -1 with err set. */
int sb_install_seccomp(int files, char *err, size_t errcap);

/* RLIMIT_NOFILE of a worker: the channel, 0-2, 16 mounts, and what the
 * guest opens below them or SQLite opens. */
#define SB_MAX_FILES 64

#endif
