/*
 * files.c — --mount, --file and --output-dir: host directories mounted
 * read-only into the session, host files copied into its scratch area
 * before the run, and the scratch area copied out after it.
 *
 * Copying out never writes outside DIR: DIR is opened once, every
 * directory below it is entered with openat(O_NOFOLLOW | O_DIRECTORY)
 * one component at a time (a symlink planted in DIR is refused, not
 * followed), and each file is written to a fresh temporary name
 * (O_CREAT | O_EXCL | O_NOFOLLOW) then renamed over its final name, so that
 * an existing symlink or hard link there is replaced, not written through.
 * Scratch names never contain "/", "." or ".." (the library refuses them).
 * A file refused this way is reported and skipped; the rest are copied.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Split "A[:/B]" at the last ':' whose right side starts with '/' (for
 * --mount) or is non-empty (for --file). Returns the guest part or NULL;
 * host receives a malloc'd copy of the left part. */
static const char *split_spec(const char *spec, int need_slash, char **host)
{
    const char *colon = strrchr(spec, ':');
    if (colon && colon[1] && (!need_slash || colon[1] == '/') && colon != spec) {
        *host = strndup(spec, (size_t)(colon - spec));
        return colon + 1;
    }
    *host = strdup(spec);
    return NULL;
}

static int mount_one(mpbox_session *s, const char *spec)
{
    char *dir = NULL;
    const char *guest = split_spec(spec, 1, &dir);
    if (!dir)
        return -1;
    struct stat st;
    int rc = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mpbox: --mount '%s': %s\n", spec, errno ? strerror(errno) : "not a directory");
        rc = -1;
    } else {
        int e = mpbox_session_mount(s, dir, guest ? guest : "/input");
        if (e != MPBOX_OK) {
            fprintf(stderr, "mpbox: --mount '%s': %s\n", spec,
                    e == MPBOX_MISUSE ? "bad or duplicate guest path (an absolute path other than /)"
                                      : "cannot mount it (the kernel needs openat2, Linux 5.6 or later)");
            rc = -1;
        }
    }
    free(dir);
    return rc;
}

static int put_one(mpbox_session *s, const char *spec)
{
    char *path = NULL;
    const char *name = split_spec(spec, 0, &path);
    if (!path)
        return -1;
    char guest[4200];
    if (name)
        snprintf(guest, sizeof guest, "%s%s", name[0] == '/' ? "" : "/", name);
    else {
        const char *base = strrchr(path, '/');
        snprintf(guest, sizeof guest, "/%s", base ? base + 1 : path);
    }
    struct mpb_buf data = {0};
    int rc = -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || app_read_fd(fd, &data) < 0) {
        fprintf(stderr, "mpbox: --file '%s': %s\n", spec, strerror(errno));
    } else {
        int e = mpbox_session_put_file(s, guest, data.data ? data.data : "", data.len);
        if (e == MPBOX_OK)
            rc = 0;
        else
            fprintf(stderr, "mpbox: --file '%s': %s\n", spec,
                    e == MPBOX_ERROR   ? "over the session's file quota"
                    : e == MPBOX_NOMEM ? "out of memory"
                                       : "bad guest name");
    }
    if (fd >= 0)
        close(fd);
    mpb_buf_free(&data);
    free(path);
    return rc;
}

int cli_files_setup(mpbox_session *s, const struct cli_config *cfg)
{
    for (int i = 0; i < cfg->nmounts; i++)
        if (mount_one(s, cfg->mounts[i]) < 0)
            return APP_EXIT_USAGE;
    for (int i = 0; i < cfg->nfiles; i++)
        if (put_one(s, cfg->files[i]) < 0)
            return APP_EXIT_USAGE;
    return 0;
}

struct out_ctx {
    mpbox_session *s;
    int root;     /* DIR */
    int failed, written;
};

/* Write one scratch file below ctx->root. */
static int copy_out(struct out_ctx *c, const char *path)
{
    char *rel = strdup(path + 1); /* without the leading "/" */
    if (!rel)
        return -1;
    int dir = dup(c->root), rc = -1;
    char *name = rel, *slash;
    while (dir >= 0 && (slash = strchr(name, '/')) != NULL) {
        *slash = 0;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || !*name) {
            close(dir);
            dir = -1;
            errno = EINVAL;
            break;
        }
        if (mkdirat(dir, name, 0755) != 0 && errno != EEXIST) {
            close(dir);
            dir = -1;
            break;
        }
        int next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(dir);
        dir = next;
        name = slash + 1;
    }
    if (dir >= 0 && (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0))
        errno = EINVAL;
    else if (dir >= 0) {
        void *data = NULL;
        size_t len = 0;
        if (mpbox_session_get_file(c->s, path, &data, &len) != MPBOX_OK) {
            errno = EIO;
        } else {
            char tmp[64];
            int fd = -1;
            for (int k = 0; k < 100 && fd < 0; k++) {
                snprintf(tmp, sizeof tmp, ".mpbox-out-%ld-%d", (long)getpid(), k);
                fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
                if (fd < 0 && errno != EEXIST)
                    break;
            }
            if (fd >= 0) {
                int ok = app_write_all(fd, data, len) == 0;
                ok = close(fd) == 0 && ok;
                if (ok && renameat(dir, tmp, dir, name) == 0)
                    rc = 0;
                else
                    unlinkat(dir, tmp, 0);
            }
            mpbox_free(data);
        }
    }
    if (rc != 0)
        fprintf(stderr, "mpbox: --output-dir: cannot write '%s': %s\n", path, strerror(errno));
    if (dir >= 0)
        close(dir);
    free(rel);
    return rc;
}

struct path_list {
    char **p;
    size_t n, cap;
};

static void gather(void *user, const char *path, size_t size)
{
    struct path_list *l = user;
    (void)size;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->p, sizeof *p * cap);
        if (!p)
            return;
        l->p = p;
        l->cap = cap;
    }
    if ((l->p[l->n] = strdup(path)) != NULL)
        l->n++;
}

int cli_files_output(mpbox_session *s, const struct cli_config *cfg)
{
    if (!cfg->output_dir || !s)
        return 0;
    if (mkdir(cfg->output_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "mpbox: --output-dir '%s': %s\n", cfg->output_dir, strerror(errno));
        return -1;
    }
    struct out_ctx c = {.s = s};
    c.root = open(cfg->output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (c.root < 0) {
        fprintf(stderr, "mpbox: --output-dir '%s': %s\n", cfg->output_dir, strerror(errno));
        return -1;
    }
    struct path_list l = {0};
    int n = mpbox_session_list_files(s, gather, &l);
    int rc = n < 0 || (size_t)n != l.n ? -1 : 0;
    if (rc != 0)
        fprintf(stderr, "mpbox: --output-dir: cannot list the session's files\n");
    /* A file that cannot be written (a planted symlink in the way, ...) is
     * reported and skipped; the others are still copied. */
    size_t refused = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (copy_out(&c, l.p[i]) != 0)
            refused++;
        free(l.p[i]);
    }
    if (refused) {
        fprintf(stderr, "mpbox: --output-dir: %zu of %zu files not copied (see above); the others were\n", refused,
                l.n);
        rc = -1;
    }
    free(l.p);
    close(c.root);
    return rc;
}
