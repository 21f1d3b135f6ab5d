/*
 * proto.c — frames on stream sockets, with deadlines, and payload
 * encoding (see proto.h).
 */
#include "proto.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int64_t pr_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t pr_deadline_ms(int64_t ms)
{
    return pr_now_ns() + ms * 1000000;
}

/* Wait until fd is ready for `events` or the deadline passes. */
static int wait_ready(int fd, short events, int64_t deadline)
{
    for (;;) {
        int ms = -1;
        if (deadline) {
            int64_t left = deadline - pr_now_ns();
            if (left <= 0)
                return PR_TIMEOUT;
            ms = (int)((left + 999999) / 1000000);
        }
        struct pollfd pfd = {.fd = fd, .events = events};
        int n = poll(&pfd, 1, ms);
        if (n > 0)
            return PR_DONE; /* ready, or an error the next call reports */
        if (n == 0)
            continue; /* re-check the clock */
        if (errno != EINTR)
            return PR_BROKEN;
    }
}

static int send_iov(int fd, struct iovec *iov, int niov, int64_t deadline, struct msghdr *first)
{
    while (niov > 0) {
        struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)niov};
        if (first) {
            m.msg_control = first->msg_control;
            m.msg_controllen = first->msg_controllen;
        }
        ssize_t n = sendmsg(fd, &m, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                return PR_BROKEN;
            int rc = wait_ready(fd, POLLOUT, deadline);
            if (rc != PR_DONE)
                return rc;
            continue;
        }
        first = NULL; /* the descriptors went with the first bytes */
        size_t done = (size_t)n;
        while (niov > 0 && done >= iov->iov_len) {
            done -= iov->iov_len;
            iov++;
            niov--;
        }
        if (niov > 0) {
            iov->iov_base = (char *)iov->iov_base + done;
            iov->iov_len -= done;
        }
    }
    return PR_DONE;
}

int pr_send(int fd, uint32_t type, uint32_t arg, const void *a, size_t alen, const void *b, size_t blen,
            int64_t deadline)
{
    struct pr_hdr h = {type, arg, (uint64_t)alen + blen};
    struct iovec iov[3] = {{&h, sizeof h}, {(void *)a, alen}, {(void *)b, blen}};
    return send_iov(fd, iov, 3, deadline, NULL);
}

int pr_send_head(int fd, uint32_t type, uint32_t arg, uint64_t len, const void *a, size_t alen, int64_t deadline)
{
    struct pr_hdr h = {type, arg, len};
    struct iovec iov[2] = {{&h, sizeof h}, {(void *)a, alen}};
    return send_iov(fd, iov, 2, deadline, NULL);
}

int pr_send_more(int fd, const void *a, size_t alen, int64_t deadline)
{
    struct iovec iov[1] = {{(void *)a, alen}};
    return send_iov(fd, iov, 1, deadline, NULL);
}

int pr_send_fds(int fd, uint32_t type, uint32_t arg, const void *a, size_t alen, const int *fds, int nfds)
{
    struct pr_hdr h = {type, arg, alen};
    struct iovec iov[2] = {{&h, sizeof h}, {(void *)a, alen}};
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(2 * sizeof(int))];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr m = {0};
    if (nfds > 0 && nfds <= 2) {
        m.msg_control = ctl.buf;
        m.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&m);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
    }
    return send_iov(fd, iov, 2, 0, nfds > 0 ? &m : NULL);
}

/* Descriptors of an SCM_RIGHTS message into fds[2]; any beyond 2 closed. */
static void take_fds(struct msghdr *m, int fds[2])
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
            if (fds && fds[0] < 0)
                fds[0] = fd;
            else if (fds && fds[1] < 0)
                fds[1] = fd;
            else
                close(fd);
        }
    }
}

static int recv_some(int fd, void *buf, size_t len, int64_t deadline, int fds[2])
{
    size_t got = 0;
    while (got < len) {
        ssize_t n;
        if (fds) {
            union {
                struct cmsghdr align;
                char buf[CMSG_SPACE(4 * sizeof(int))];
            } ctl;
            struct iovec iov = {(char *)buf + got, len - got};
            struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                               .msg_controllen = sizeof ctl.buf};
            n = recvmsg(fd, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
            if (n >= 0)
                take_fds(&m, fds);
        } else {
            n = recv(fd, (char *)buf + got, len - got, MSG_DONTWAIT);
        }
        if (n > 0) {
            got += (size_t)n;
            continue;
        }
        if (n == 0)
            return PR_BROKEN; /* end of stream */
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return PR_BROKEN;
        int rc = wait_ready(fd, POLLIN, deadline);
        if (rc != PR_DONE)
            return rc;
    }
    return PR_DONE;
}

int pr_recv_all(int fd, void *buf, size_t len, int64_t deadline)
{
    return recv_some(fd, buf, len, deadline, NULL);
}

int pr_recv_hdr(int fd, struct pr_hdr *h, uint64_t max, int64_t deadline)
{
    int rc = recv_some(fd, h, sizeof *h, deadline, NULL);
    if (rc == PR_DONE && h->len > max)
        return PR_BROKEN;
    return rc;
}

int pr_recv_hdr_fds(int fd, struct pr_hdr *h, uint64_t max, int64_t deadline, int fds[2])
{
    fds[0] = fds[1] = -1;
    int rc = recv_some(fd, h, sizeof *h, deadline, fds);
    if (rc == PR_DONE && h->len > max)
        rc = PR_BROKEN;
    if (rc != PR_DONE) {
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0)
                close(fds[i]);
        fds[0] = fds[1] = -1;
    }
    return rc;
}

int pr_skip(int fd, uint64_t len, int64_t deadline)
{
    char buf[4096];
    while (len > 0) {
        size_t n = len < sizeof buf ? (size_t)len : sizeof buf;
        int rc = pr_recv_all(fd, buf, n, deadline);
        if (rc != PR_DONE)
            return rc;
        len -= n;
    }
    return PR_DONE;
}

/* ---- payloads ------------------------------------------------------------ */

void pb_u32(struct mpb_buf *b, uint32_t v)
{
    mpb_buf_append(b, &v, sizeof v);
}

void pb_u64(struct mpb_buf *b, uint64_t v)
{
    mpb_buf_append(b, &v, sizeof v);
}

void pb_str(struct mpb_buf *b, const char *s)
{
    if (!s)
        s = "";
    mpb_buf_append(b, s, strlen(s) + 1);
}

void pb_bytes(struct mpb_buf *b, const void *data, size_t len)
{
    pb_u64(b, len);
    mpb_buf_append(b, data, len);
}

static const void *take(struct pr_in *in, size_t n)
{
    if (in->bad || n > in->len - in->off) {
        in->bad = 1;
        return NULL;
    }
    const void *p = in->p + in->off;
    in->off += n;
    return p;
}

uint32_t pi_u32(struct pr_in *in)
{
    uint32_t v = 0;
    const void *p = take(in, sizeof v);
    if (p)
        memcpy(&v, p, sizeof v);
    return v;
}

uint64_t pi_u64(struct pr_in *in)
{
    uint64_t v = 0;
    const void *p = take(in, sizeof v);
    if (p)
        memcpy(&v, p, sizeof v);
    return v;
}

const char *pi_str(struct pr_in *in, size_t max)
{
    if (in->bad)
        return NULL;
    size_t left = in->len - in->off;
    const char *s = in->p + in->off;
    const char *nul = memchr(s, 0, left < max + 1 ? left : max + 1);
    if (!nul) {
        in->bad = 1;
        return NULL;
    }
    in->off += (size_t)(nul - s) + 1;
    return s;
}

const void *pi_bytes(struct pr_in *in, size_t *len)
{
    uint64_t n = pi_u64(in);
    *len = 0;
    if (in->bad || n > in->len - in->off) {
        in->bad = 1;
        return NULL;
    }
    *len = (size_t)n;
    return take(in, (size_t)n);
}

const void *pi_rest(struct pr_in *in, size_t *len)
{
    *len = in->bad ? 0 : in->len - in->off;
    return in->bad ? NULL : take(in, *len);
}
