/*
 * fuzz_http.c — libFuzzer target: the HTTP request handling of
 * `mpbox serve` (server/http.c, guard.c, libmicrohttpd's parser in front
 * of them) and the JSON API bodies (server/api.c, util/json.c, mcp_http.c).
 *
 * One server is started at initialisation, as `mpbox serve --token T`
 * would be, on a free loopback port with a private state directory, but
 * without a worker pool: workers are separate processes forked from a
 * zygote that execs the mpbox binary itself, which this is not. Requests
 * that need a worker reach the worker layer and get its refusal; every
 * byte before that (request line, headers, tokens, framing, bodies,
 * routing, JSON, limits, mounts, paths, base64 snapshots into a spool,
 * MCP messages) is the code under test.
 *
 * Two modes, chosen by the low bit of the first byte:
 *
 *   0  raw HTTP: the rest of the input is sent as it is on a fresh
 *      connection, whose write side is then shut; the answer is read to
 *      its end. Asserted: whatever comes back starts with "HTTP/1.".
 *
 *   1  API call: byte 1 picks an endpoint and method from ROUTES, bit 1 of
 *      byte 0 the owner (a token or none), bit 2 whether the body says it
 *      is JSON; the rest is the body, handed to srv_api_handle directly
 *      (faster, and deeper into the JSON validation). Asserted: a status
 *      from 100 to 599, and every error answer is JSON
 *      {"error": {"code": string, "message": string}}.
 *
 * No host crash, leak or undefined behaviour (ASan, UBSan) in either.
 *
 * Build: make fuzz (see fuzz/Makefile).
 * Run:   build-fuzz/fuzz_http -max_total_time=180 build-fuzz/corpus_http fuzz/corpus_http
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "json.h"
#include "sessions.h"
#include "spool.h"
#define FUZZ_NAME "fuzz_http"
#define FUZZ_OWN_ASAN_OPTIONS /* no guest code: leaks are worth finding */
#include "fuzz.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=1";
}


#define TOKEN "fuzz-token-0123456789"

static const struct {
    const char *method, *path;
} ROUTES[] = {
    {"POST", "/v1/run"},
    {"POST", "/v1/sessions"},
    {"GET", "/v1/sessions"},
    {"GET", "/v1/sessions/0123456789abcdef0123456789abcdef"},
    {"DELETE", "/v1/sessions/0123456789abcdef0123456789abcdef"},
    {"POST", "/v1/sessions/0123456789abcdef0123456789abcdef/run"},
    {"POST", "/v1/sessions/0123456789abcdef0123456789abcdef/snapshot"},
    {"PUT", "/v1/sessions/0123456789abcdef0123456789abcdef/files/a/b.txt"},
    {"GET", "/v1/sessions/0123456789abcdef0123456789abcdef/files/../x"},
    {"GET", "/healthz"},
    {"GET", "/metrics"},
    {"PATCH", "/v1/run"},
    {"GET", "/nowhere"},
};
#define NROUTES (sizeof ROUTES / sizeof ROUTES[0])

static struct srv_config cfg;
static struct srv srv;
static struct srv_http *http;
static int port;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static char dir[] = "/tmp/mpbox-fuzz-http-XXXXXX";
    if (!mkdtemp(dir))
        DIE("mkdtemp failed");
    cfg.listen = "127.0.0.1:0";
    cfg.tokens[0] = TOKEN;
    cfg.ntokens = 1;
    cfg.max_sessions = 16;
    cfg.max_oneshot = 4;
    cfg.max_request = 1 << 20;
    cfg.body_budget = 16 << 20;
    cfg.max_connections = 64;
    cfg.max_per_client = 64;
    cfg.playground = 1; /* its routes too (server/playground.c) */
    cfg.conn_timeout_s = 2;
    cfg.header_timeout_ms = 2000;
    cfg.state_budget = 64 << 20;
    cfg.seccomp = 1;
    cfg.oneshot_reuse = 1;
    /* the library's defaults, as serve.c makes them explicit */
    int64_t *l = cfg.limits;
    l[MPBOX_LIMIT_MEMORY] = MPBOX_DEFAULT_MEMORY;
    l[MPBOX_LIMIT_TIMEOUT_MS] = MPBOX_DEFAULT_TIMEOUT_MS;
    l[MPBOX_LIMIT_GRACE_MS] = MPBOX_DEFAULT_GRACE_MS;
    l[MPBOX_LIMIT_STDOUT] = l[MPBOX_LIMIT_STDERR] = MPBOX_DEFAULT_OUTPUT;
    l[MPBOX_LIMIT_ROLLBACK] = 1;
    l[MPBOX_LIMIT_SEED] = -1;
    l[MPBOX_LIMIT_FILES_BYTES] = 64ll << 20;
    l[MPBOX_LIMIT_FILES_COUNT] = 1000;
    l[MPBOX_LIMIT_HOST_ARG_BYTES] = 1ll << 20;
    l[MPBOX_LIMIT_HOST_RESULT_BYTES] = 16ll << 20;
    l[MPBOX_LIMIT_HOST_DEPTH] = 64;
    l[MPBOX_LIMIT_HOST_CALLS] = 10000;
    srv.cfg = &cfg;
    srv.memory.cap = cfg.body_budget;
    pthread_mutex_init(&srv.oneshot_lock, NULL);
    pthread_cond_init(&srv.oneshot_free, NULL);
    char err[300], bound[300];
    if (tok_new(&srv.tokens) < 0 || tok_load(srv.tokens, cfg.tokens, cfg.ntokens, NULL, NULL, err, sizeof err) < 0)
        DIE("tokens: %s", err);
    cfg.has_tokens = 1;
    struct sess_table_config tcfg = {
        .max_sessions = 16, .state_dir = dir, .state_budget = cfg.state_budget, .tokens = srv.tokens};
    if (sess_table_new(&tcfg, NULL, &srv.metrics, &srv.sessions, err, sizeof err) != SESS_OK)
        DIE("sessions: %s", err);
    if (srv_mcp_start(&srv, err, sizeof err) < 0)
        DIE("mcp: %s", err);
    if (srv_http_start(&srv, &http, bound, sizeof bound, err, sizeof err) < 0)
        DIE("http: %s", err);
    const char *colon = strrchr(bound, ':');
    port = colon ? atoi(colon + 1) : 0;
    if (port <= 0)
        DIE("no port in %s", bound);
    return 0;
}

static void raw_http(const uint8_t *data, size_t size)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {5, 0};
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
        connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        DIE("cannot connect to the server");
    size_t off = 0;
    while (off < size) {
        ssize_t n = send(fd, data + off, size - off, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may close early (401, 413, 400): fine */
        off += (size_t)n;
    }
    shutdown(fd, SHUT_WR);
    char head[8], buf[4096];
    size_t got = 0;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n && got < sizeof head; i++)
            head[got++] = buf[i];
    }
    close(fd);
    if (got >= 7 && memcmp(head, "HTTP/1.", 7) != 0)
        DIE("an answer that is not HTTP: %.7s", head);
}

static void check_error_body(const struct srv_response *r)
{
    if (r->status < 400)
        return;
    if (!r->body)
        DIE("status %u without a body", r->status);
    const char *why;
    struct mpb_json *v = mpb_json_parse(r->body, r->body_len, &why);
    const struct mpb_json *e = v ? mpb_json_get(v, "error") : NULL;
    const struct mpb_json *code = e ? mpb_json_get(e, "code") : NULL, *msg = e ? mpb_json_get(e, "message") : NULL;
    if (!code || code->type != MPB_JSON_STRING || !msg || msg->type != MPB_JSON_STRING)
        DIE("status %u with a body that is not a JSON error: %.200s", r->status, r->body);
    mpb_json_free(v);
}

static void api_call(const uint8_t *data, size_t size)
{
    if (size < 2)
        return;
    unsigned route = data[1] % NROUTES;
    struct srv_request rq = {
        .method = ROUTES[route].method,
        .path = ROUTES[route].path,
        .content_type = data[0] & 4 ? "application/json" : NULL,
        .body = (const char *)data + 2,
        .body_len = size - 2,
        .owner = data[0] & 2 ? 0 : -1,
    };
    if (rq.owner < 0 && strcmp(rq.path, "/healthz") != 0)
        rq.owner = 0; /* http.c lets no anonymous request past but /healthz */
    struct srv_response r = {0};
    srv_api_handle(&srv, &rq, &r);
    if (r.status < 100 || r.status > 599)
        DIE("status %u", r.status);
    check_error_body(&r);
    free(r.body);
    spool_free(r.file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1)
        api_call(data, size);
    else
        raw_http(data + 1, size - 1);
    return 0;
}
