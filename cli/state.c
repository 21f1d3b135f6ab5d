/*
 * state.c — where the session comes from and where it goes: a fresh one, or
 * one loaded from a snapshot file (--load-session FILE); saved after the
 * run or the REPL (--save-session FILE).
 *
 * A snapshot holds the session's limits too. The limits given on the
 * command line override them; the others stay as they were saved. A value
 * equal to the stored one is not set again, so that --deterministic or the
 * same --seed with a deterministic snapshot does not restart its clock and
 * random source: the loaded session continues exactly where it stopped.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* cfg's limits and the runtime's defaults from the session. */
static void adopt_limits(mpbox_runtime *rt, mpbox_session *s, struct cli_config *c)
{
    for (int id = 0; id < MPBOX_LIMIT_COUNT_; id++) {
        int64_t v = mpbox_session_limit(s, id, -1);
        if (v >= 0) {
            c->limits[id] = v;
            (void)mpbox_runtime_limit(rt, id, v);
        }
    }
}

static int read_file(const char *path, struct mpb_buf *b)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "mpbox: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    int rc = app_read_fd(fd, b);
    if (rc < 0)
        fprintf(stderr, "mpbox: cannot read '%s': %s\n", path, strerror(errno));
    close(fd);
    return rc;
}

int cli_session_open(mpbox_runtime *rt, struct cli_config *cfg, mpbox_session **out)
{
    int rc;

    *out = NULL;
    if (!cfg->load_session) {
        rc = mpbox_session_new(rt, out);
        if (rc != MPBOX_OK) {
            fprintf(stderr, "mpbox: cannot create a session: %s\n", mpbox_errstr(rc));
            return APP_EXIT_INTERNAL;
        }
        return 0;
    }

    struct mpb_buf snap = {0};
    if (read_file(cfg->load_session, &snap) < 0) {
        mpb_buf_free(&snap);
        return APP_EXIT_USAGE;
    }
    /* The library caps a loaded session's memory and files at the
     * runtime's limits: --memory when given, else the snapshot's own. */
    (void)mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY,
                              (cfg->given & 1u << MPBOX_LIMIT_MEMORY) ? cfg->limits[MPBOX_LIMIT_MEMORY]
                                                                       : (int64_t)MPBOX_MAX_MEMORY);
    (void)mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_BYTES, INT64_MAX);
    (void)mpbox_runtime_limit(rt, MPBOX_LIMIT_FILES_COUNT, INT64_MAX);
    const char *why = NULL;
    mpbox_session *s = NULL;
    rc = mpbox_session_load(rt, snap.data, snap.len, &s, &why);
    mpb_buf_free(&snap);
    if (rc == MPBOX_SNAPSHOT) {
        fprintf(stderr, "mpbox: cannot load session from %s: %s", cfg->load_session,
                why && *why ? why : mpbox_errstr(rc));
        if (why && strstr(why, "memory cap") && (cfg->given & 1u << MPBOX_LIMIT_MEMORY))
            fprintf(stderr, " (--memory %lld bytes)", (long long)cfg->limits[MPBOX_LIMIT_MEMORY]);
        fputc('\n', stderr);
        return APP_EXIT_USAGE;
    }
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot load session from %s: %s\n", cfg->load_session, mpbox_errstr(rc));
        return rc == MPBOX_MISUSE ? APP_EXIT_USAGE : APP_EXIT_INTERNAL;
    }

    /* the limits given on the command line override the snapshot's, in id
     * order: deterministic mode before its seed (each re-seeds) */
    for (int id = 0; id < MPBOX_LIMIT_COUNT_; id++) {
        int64_t want = cfg->limits[id];
        if (!(cfg->given & 1u << id) || mpbox_session_limit(s, id, -1) == want)
            continue;
        if (mpbox_session_limit(s, id, want) < 0) {
            char flag[64];
            app_limit_flag_name(id, flag, sizeof flag);
            fprintf(stderr, "mpbox: --%s: value out of the range the library accepts\n", flag);
            mpbox_session_free(s);
            return APP_EXIT_USAGE;
        }
    }
    adopt_limits(rt, s, cfg);
    *out = s;
    return 0;
}

static int write_snapshot(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 5);
    if (!tmp) {
        fprintf(stderr, "mpbox: cannot save the session: out of memory\n");
        return -1;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);

    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        fprintf(stderr, "mpbox: cannot save the session to %s: cannot create '%s': %s\n", path, tmp,
                strerror(errno));
        free(tmp);
        return -1;
    }
    int err = 0;
    if (app_write_all(fd, data, len) < 0 || fsync(fd) < 0)
        err = errno;
    if (close(fd) < 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) < 0)
        err = errno;
    if (err) {
        fprintf(stderr, "mpbox: cannot save the session to %s: %s\n", path, strerror(err));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int cli_session_save(mpbox_session *s, const struct cli_config *cfg)
{
    if (!cfg->save_session)
        return 0;
    void *snap = NULL;
    size_t len = 0;
    int rc = mpbox_session_save(s, &snap, &len);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot save the session to %s: %s\n", cfg->save_session,
                rc == MPBOX_LOST ? "the session was lost (run with rollback, the default, to keep it)"
                                 : mpbox_errstr(rc));
        return -1;
    }
    rc = write_snapshot(cfg->save_session, snap, len);
    mpbox_free(snap);
    return rc;
}

int cli_status_after_save(int status, int save_rc)
{
    if (status != APP_EXIT_OK || save_rc == 0)
        return status;
    return APP_EXIT_INTERNAL;
}
