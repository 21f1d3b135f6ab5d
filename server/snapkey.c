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

static int read_key(int fd, const char *path, uint8_t *key, size_t *len, char *err, size_t errcap)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errcap, "snapshot key '%s': not a regular file", path);
        return -1;
    }
    if (st.st_uid != geteuid() || (st.st_mode & 077)) {
        snprintf(err, errcap, "snapshot key '%s': must be owned by this user and private (chmod 600)", path);
        return -1;
    }
    uint8_t buf[MPBOX_SNAPSHOT_KEY_MAX + 2];
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, sizeof buf - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, errcap, "snapshot key '%s': %s", path, strerror(errno));
            return -1;
        }
        if (r == 0 || (n += (size_t)r) == sizeof buf)
            break;
    }
    if (n && buf[n - 1] == '\n')
        n--;
    if (n < MPBOX_SNAPSHOT_KEY_MIN || n > MPBOX_SNAPSHOT_KEY_MAX) {
        snprintf(err, errcap, "snapshot key '%s': must hold %d to %d bytes", path, MPBOX_SNAPSHOT_KEY_MIN,
                 MPBOX_SNAPSHOT_KEY_MAX);
        return -1;
    }
    memcpy(key, buf, n);
    *len = n;
    return 0;
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
