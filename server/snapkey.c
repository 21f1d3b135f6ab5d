/*
 * snapkey.c — the key that authenticates the server's snapshots
 * (mpbox_runtime_snapshot_key; docs/sessions.md, "Threat model").
 *
 * Every snapshot the server hands out or writes to its state directory
 * carries an HMAC-SHA256 under this key, and workers load only snapshots
 * with a valid one, so a client cannot hand the server a forged or altered
 * snapshot. The key is --snapshot-key-file's contents (one trailing newline
 * dropped), or STATE_DIR/snapshot.key, made of 32 random bytes when it does
 * not exist yet: with the default temporary state directory, snapshots are
 * good for one server run only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve.h"

#define KEY_FILE "snapshot.key"

/* A secret from an open file: a regular file of this user's, mode 0600
 * or stricter, min to max bytes once one trailing newline is dropped. */
static int read_secret(int fd, const char *what, const char *path, uint8_t *out, size_t min, size_t max, size_t *len,
                       char *err, size_t errcap)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errcap, "%s '%s': not a regular file", what, path);
        return -1;
    }
    if (st.st_uid != geteuid() || (st.st_mode & 077)) {
        snprintf(err, errcap, "%s '%s': must be owned by this user and private (chmod 600)", what, path);
        return -1;
    }
    uint8_t buf[SRV_SECRET_MAX + 2];
    size_t n = 0, cap = max + 2 < sizeof buf ? max + 2 : sizeof buf;
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, errcap, "%s '%s': %s", what, path, strerror(errno));
            return -1;
        }
        if (r == 0 || (n += (size_t)r) == cap)
            break;
    }
    if (n && buf[n - 1] == '\n')
        n--;
    if (n < min || n > max) {
        snprintf(err, errcap, "%s '%s': must hold %zu to %zu bytes", what, path, min, max);
        return -1;
    }
    memcpy(out, buf, n);
    *len = n;
    return 0;
}

static int read_key(int fd, const char *path, uint8_t *key, size_t *len, char *err, size_t errcap)
{
    return read_secret(fd, "snapshot key", path, key, MPBOX_SNAPSHOT_KEY_MIN, MPBOX_SNAPSHOT_KEY_MAX, len, err,
                       errcap);
}

int srv_read_secret(const char *path, const char *what, char *out, size_t max, char *err, size_t errcap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        snprintf(err, errcap, "%s '%s': %s", what, path, strerror(errno));
        return -1;
    }
    size_t len = 0;
    int rc = read_secret(fd, what, path, (uint8_t *)out, 1, max < SRV_SECRET_MAX ? max : SRV_SECRET_MAX, &len, err,
                         errcap);
    close(fd);
    if (rc == 0 && memchr(out, '\0', len)) {
        snprintf(err, errcap, "%s '%s': holds a NUL byte", what, path);
        return -1;
    }
    if (rc == 0)
        out[len] = '\0';
    return rc;
}

int srv_snapshot_key(const char *key_file, const char *state_dir, uint8_t *key, size_t *len, char *err,
                     size_t errcap)
{
    char path[4200];
    if (key_file)
        snprintf(path, sizeof path, "%s", key_file);
    else
        snprintf(path, sizeof path, "%s/%s", state_dir, KEY_FILE);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ENOENT && !key_file) {
        uint8_t fresh[32];
        if (getrandom(fresh, sizeof fresh, 0) != (ssize_t)sizeof fresh) {
            snprintf(err, errcap, "no random bytes for a snapshot key");
            return -1;
        }
        int wfd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (wfd < 0 || write(wfd, fresh, sizeof fresh) != (ssize_t)sizeof fresh || fsync(wfd) < 0) {
            snprintf(err, errcap, "cannot write the snapshot key '%s': %s", path, strerror(errno));
            if (wfd >= 0) {
                close(wfd);
                unlink(path);
            }
            return -1;
        }
        close(wfd);
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    }
    if (fd < 0) {
        snprintf(err, errcap, "snapshot key '%s': %s", path, strerror(errno));
        return -1;
    }
    int rc = read_key(fd, path, key, len, err, errcap);
    close(fd);
    return rc;
}
