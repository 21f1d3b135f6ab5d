/*
 * http_load.c — a load generator for `mpbox serve` (bench/serve drives it;
 * docs/benchmarks.md has the figures).
 *
 *   http_load --port PORT [--host 127.0.0.1] [--token T] [--connections N]
 *             [--duration SEC] [--path /v1/run] [--code PY]
 *             [--hostile N] [--expect TEXT] [--paths P1,P2,...]
 *             [--ports P1,P2,... [--rotate 1]]
 *
 * Each connection is a thread with one HTTP/1.1 keep-alive connection that
 * POSTs {"code": CODE} to PATH in a loop and times every answer. With
 * --hostile N, N more connections send, in turn, an endless loop, a memory
 * bomb and an output flood to the same path; their answers are counted but
 * their latencies are not mixed with the well-behaved ones. A well-behaved
 * answer counts as good only with status 200 and, with --expect, TEXT in the
 * body. --paths gives connection i the path Pi (round robin), e.g. one
 * session each. --ports spreads the connections over several servers
 * (replicas sharing a session store): connection i goes to port Pi (round
 * robin), as behind a load balancer with session affinity; with --rotate
 * each connection sends its successive requests to the ports in turn (a
 * keep-alive connection to each), as behind one without. The report is one
 * JSON object on stdout.
 *
 * A client for measuring, not a general HTTP client: it expects
 * Content-Length framed responses (what libmicrohttpd sends for buffered
 * replies) and reconnects on anything else.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES (1u << 22)
#define MAX_PORTS 16

struct options {
    const char *host, *token, *path, *code, *expect;
    char **paths; /* --paths, split */
    int npaths;
    int port, connections, hostile;
    int ports[MAX_PORTS], nports, rotate; /* --ports, --rotate */
    double duration;
};

struct worker {
    const struct options *opt;
    const char *path;
    int index;       /* of the connection */
    int hostile;     /* 1: sends the adversarial programs */
    uint64_t *lat;   /* latencies, ns (well-behaved only) */
    size_t nlat, cap;
    uint64_t good, bad, io_errors, reconnects;
    uint64_t by_status[6]; /* 1xx..5xx, [0] = no status */
};

static atomic_int stop_flag;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int connect_to(const struct options *o, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, o->host, &a.sin_addr) != 1 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {.tv_sec = 120};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* JSON string body for code (escapes quotes, backslashes, control bytes). */
static char *json_body(const char *code)
{
    size_t n = strlen(code);
    char *b = malloc(n * 6 + 16), *p = b;
    if (!b)
        return NULL;
    p += sprintf(p, "{\"code\":\"");
    for (const unsigned char *c = (const unsigned char *)code; *c; c++) {
        if (*c == '"' || *c == '\\')
            p += sprintf(p, "\\%c", *c);
        else if (*c < 0x20)
            p += sprintf(p, "\\u%04x", *c);
        else
            *p++ = (char)*c;
    }
    strcpy(p, "\"}");
    return b;
}

static char *make_request(const struct options *o, const char *path, const char *code, size_t *len)
{
    char *body = json_body(code);
    if (!body)
        return NULL;
    size_t cap = strlen(body) + 512 + (o->token ? strlen(o->token) : 0);
    char *r = malloc(cap);
    if (!r) {
        free(body);
        return NULL;
    }
    int n = snprintf(r, cap,
                     "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                     "%s%s%sContent-Length: %zu\r\n\r\n%s",
                     path, o->host, o->port, o->token ? "Authorization: Bearer " : "", o->token ? o->token : "",
                     o->token ? "\r\n" : "", strlen(body), body);
    free(body);
    *len = (size_t)n;
    return r;
}

/* Read one response; returns the status (or -1) and leaves the body in
 * *body (NUL-terminated, in buf). */
static int read_response(int fd, char **buf, size_t *cap, char **body)
{
    size_t have = 0;
    char *hdr_end = NULL;
    for (;;) {
        if (have + 1 >= *cap) {
            size_t nc = *cap * 2;
            char *nb = realloc(*buf, nc);
            if (!nb)
                return -1;
            *buf = nb;
            *cap = nc;
        }
        ssize_t r = recv(fd, *buf + have, *cap - have - 1, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        have += (size_t)r;
        (*buf)[have] = 0;
        hdr_end = strstr(*buf, "\r\n\r\n");
        if (hdr_end)
            break;
    }
    int status = 0;
    if (sscanf(*buf, "HTTP/1.%*d %d", &status) != 1)
        return -1;
    long clen = -1;
    for (char *l = strstr(*buf, "\r\n"); l && l < hdr_end; l = strstr(l + 2, "\r\n"))
        if (strncasecmp(l + 2, "Content-Length:", 15) == 0)
            clen = strtol(l + 17, NULL, 10);
    if (clen < 0)
        return -1;
    size_t hlen = (size_t)(hdr_end + 4 - *buf), total = hlen + (size_t)clen;
    if (total + 1 > *cap) {
        char *nb = realloc(*buf, total + 1);
        if (!nb)
            return -1;
        *buf = nb;
        *cap = total + 1;
    }
    while (have < total) {
        ssize_t r = recv(fd, *buf + have, total - have, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        have += (size_t)r;
    }
    (*buf)[total] = 0;
    *body = *buf + hlen;
    return status;
}

static const char *const hostile_programs[] = {
    "while True:\n    pass\n",
    "l = []\nwhile True:\n    l.append(bytearray(1 << 20))\n",
    "while True:\n    print('x' * 1000)\n",
};

static void *run_worker(void *arg)
{
    struct worker *w = arg;
    const struct options *o = w->opt;
    size_t nreq = w->hostile ? 3 : 1, lens[3];
    char *reqs[3] = {0};
    for (size_t i = 0; i < nreq; i++)
        reqs[i] = make_request(o, w->path, w->hostile ? hostile_programs[i] : o->code, &lens[i]);
    size_t cap = 65536;
    char *buf = malloc(cap);
    int fds[MAX_PORTS];
    for (int p = 0; p < MAX_PORTS; p++)
        fds[p] = -1;
    for (uint64_t k = 0; !atomic_load(&stop_flag) && buf; k++) {
        int p = o->nports == 0 ? 0 : (int)((o->rotate ? (uint64_t)w->index + k : (uint64_t)w->index) % (uint64_t)o->nports);
        int port = o->nports == 0 ? o->port : o->ports[p];
        int fd = fds[p];
        if (fd < 0) {
            fd = fds[p] = connect_to(o, port);
            if (fd < 0) {
                w->io_errors++;
                usleep(10000);
                continue;
            }
            w->reconnects++;
        }
        size_t i = k % nreq;
        if (!reqs[i])
            break;
        uint64_t t0 = now_ns();
        char *body = NULL;
        int status = write_all(fd, reqs[i], lens[i]) < 0 ? -1 : read_response(fd, &buf, &cap, &body);
        uint64_t dt = now_ns() - t0;
        if (status < 0) {
            w->io_errors++;
            close(fd);
            fds[p] = -1;
            continue;
        }
        w->by_status[status >= 100 && status < 600 ? status / 100 : 0]++;
        int ok = status == 200 && (!o->expect || strstr(body, o->expect));
        if (ok)
            w->good++;
        else
            w->bad++;
        if (!w->hostile && w->nlat < w->cap)
            w->lat[w->nlat++] = dt;
    }
    for (int p = 0; p < MAX_PORTS; p++)
        if (fds[p] >= 0)
            close(fds[p]);
    for (size_t i = 0; i < nreq; i++)
        free(reqs[i]);
    free(buf);
    return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double pct(const uint64_t *v, size_t n, double p)
{
    if (!n)
        return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return (double)v[i] / 1e6;
}

static int parse(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fprintf(stderr, "http_load: %s needs a value\n", a);
            return -1;
        }
        if (!strcmp(a, "--port"))
            o->port = atoi(v);
        else if (!strcmp(a, "--host"))
            o->host = v;
        else if (!strcmp(a, "--token"))
            o->token = v;
        else if (!strcmp(a, "--connections"))
            o->connections = atoi(v);
        else if (!strcmp(a, "--hostile"))
            o->hostile = atoi(v);
        else if (!strcmp(a, "--duration"))
            o->duration = atof(v);
        else if (!strcmp(a, "--path"))
            o->path = v;
        else if (!strcmp(a, "--code"))
            o->code = v;
        else if (!strcmp(a, "--expect"))
            o->expect = v;
        else if (!strcmp(a, "--ports")) {
            char *copy = strdup(v);
            for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && o->nports < MAX_PORTS;
                 t = strtok_r(NULL, ",", &save))
                o->ports[o->nports++] = atoi(t);
            o->port = o->nports ? o->ports[0] : 0;
        } else if (!strcmp(a, "--rotate")) {
            o->rotate = atoi(v);
        } else if (!strcmp(a, "--paths")) {
            char *copy = strdup(v);
            for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                char **np = realloc(o->paths, (size_t)(o->npaths + 1) * sizeof *np);
                if (!np)
                    return -1;
                o->paths = np;
                o->paths[o->npaths++] = t;
            }
        }
        else {
            fprintf(stderr, "http_load: unknown option %s\n", a);
            return -1;
        }
        i++;
    }
    if (o->port <= 0 || o->port > 65535 || o->connections < 1 || o->connections > 1024 || o->hostile < 0 ||
        o->hostile > 1024 || o->duration <= 0) {
        fprintf(stderr, "http_load: bad --port, --connections, --hostile or --duration\n");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct options o = {.host = "127.0.0.1", .path = "/v1/run", .code = "print(1+1)", .connections = 2,
                        .duration = 5};
    if (parse(argc, argv, &o) < 0)
        return 2;
    int n = o.connections + o.hostile;
    struct worker *w = calloc((size_t)n, sizeof *w);
    pthread_t *th = calloc((size_t)n, sizeof *th);
    if (!w || !th)
        return 1;
    size_t per = MAX_SAMPLES / (size_t)o.connections;
    for (int i = 0; i < n; i++) {
        w[i].opt = &o;
        w[i].index = i;
        w[i].hostile = i >= o.connections;
        w[i].path = o.npaths ? o.paths[i % o.npaths] : o.path;
        if (!w[i].hostile) {
            w[i].cap = per;
            w[i].lat = malloc(per * sizeof(uint64_t));
            if (!w[i].lat)
                return 1;
        }
    }
    uint64_t t0 = now_ns();
    for (int i = 0; i < n; i++)
        pthread_create(&th[i], NULL, run_worker, &w[i]);
    struct timespec d = {.tv_sec = (time_t)o.duration,
                         .tv_nsec = (long)((o.duration - (double)(time_t)o.duration) * 1e9)};
    nanosleep(&d, NULL);
    atomic_store(&stop_flag, 1);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    double secs = (double)(now_ns() - t0) / 1e9;

    uint64_t good = 0, bad = 0, io = 0, hgood = 0, hbad = 0, hio = 0, st[6] = {0}, hst[6] = {0};
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        if (w[i].hostile) {
            hgood += w[i].good, hbad += w[i].bad, hio += w[i].io_errors;
            for (int k = 0; k < 6; k++)
                hst[k] += w[i].by_status[k];
        } else {
            good += w[i].good, bad += w[i].bad, io += w[i].io_errors;
            total += w[i].nlat;
            for (int k = 0; k < 6; k++)
                st[k] += w[i].by_status[k];
        }
    }
    uint64_t *all = malloc((total ? total : 1) * sizeof *all);
    if (!all)
        return 1;
    size_t at = 0;
    for (int i = 0; i < n; i++)
        if (!w[i].hostile) {
            memcpy(all + at, w[i].lat, w[i].nlat * sizeof *all);
            at += w[i].nlat;
        }
    qsort(all, total, sizeof *all, cmp_u64);
    printf("{\"connections\":%d,\"hostile\":%d,\"seconds\":%.3f,\"requests\":%zu,\"good\":%llu,\"bad\":%llu,"
           "\"io_errors\":%llu,\"per_second\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,"
           "\"max_ms\":%.3f,\"status\":{\"2xx\":%llu,\"4xx\":%llu,\"5xx\":%llu},"
           "\"hostile_answers\":{\"2xx\":%llu,\"4xx\":%llu,\"5xx\":%llu,\"io_errors\":%llu}}\n",
           o.connections, o.hostile, secs, total, (unsigned long long)good, (unsigned long long)bad,
           (unsigned long long)io, (double)good / secs, pct(all, total, .50), pct(all, total, .90),
           pct(all, total, .99), total ? (double)all[total - 1] / 1e6 : 0, (unsigned long long)st[2],
           (unsigned long long)st[4], (unsigned long long)st[5], (unsigned long long)hst[2],
           (unsigned long long)hst[4], (unsigned long long)hst[5], (unsigned long long)hio);
    (void)hgood, (void)hbad;
    for (int i = 0; i < n; i++)
        free(w[i].lat);
    free(all);
    free(w);
    free(th);
    return 0;
}
