/*
 * mcp.c — `mpbox mcp`: a Model Context Protocol server over stdio.
 *
 * Transport: newline-delimited JSON-RPC 2.0 on stdin/stdout, one message a
 * line; logs on stderr. Protocol revisions: 2025-06-18 (latest), also
 * 2025-03-26 and 2024-11-05 when the client asks for them. Batches (JSON
 * arrays) are refused with -32600 whatever the revision: 2025-06-18 removed
 * them and the SDKs never send them.
 *
 * The messages are handled by the transport-agnostic core (mcpcore.c,
 * mcp.h); this file reads lines, writes replies and is the core's backend
 * with one in-process mpbox_session per connection (= per process):
 * variables, imports and files persist across calls. See docs/mcp.md.
 *
 * Every byte from the client is untrusted: lines are capped at
 * MCP_MAX_LINE, JSON is parsed strictly (json.c), types are checked before
 * use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clip.h"
#include "mcp.h"

#define MCP_MAX_LINE (8u << 20)

/* The backend: the connection's session, in this process. */
struct stdio_sessions {
    mpbox_runtime *rt;
    const struct cli_config *cfg;
    mpbox_session *s; /* NULL until the first run, and after a reset */
};

/* A fresh session with the command line's limits and files. */
static int new_session(struct stdio_sessions *ss)
{
    mpbox_session_free(ss->s);
    ss->s = NULL;
    int rc = mpbox_session_new(ss->rt, &ss->s);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox mcp: cannot create a session: %s\n", mpbox_errstr(rc));
        return -1;
    }
    if (cli_files_setup(ss->s, ss->cfg) != 0) {
        mpbox_session_free(ss->s);
        ss->s = NULL;
        return -1;
    }
    return 0;
}

static int stdio_run(void *user, const char *code, size_t len, unsigned flags, char **json, size_t *json_len,
                     char *err, size_t errcap)
{
    struct stdio_sessions *ss = user;
    if ((!ss->s || mpbox_session_is_lost(ss->s)) && new_session(ss) < 0) {
        snprintf(err, errcap, "cannot create a Python session");
        return MCP_BACKEND_ERROR;
    }
    mpbox_result *r = NULL;
    int rc = mpbox_run_ex(ss->s, code, len, flags, &r);
    if (rc != MPBOX_OK) {
        snprintf(err, errcap, "the run could not start: %s", mpbox_errstr(rc));
        return MCP_BACKEND_ERROR;
    }
    size_t n = 0;
    char *text = mpbox_result_json(r, &n);
    mpbox_result_free(r);
    /* the core frees with free(): a copy, whatever allocator the library uses */
    *json = text ? malloc(n + 1) : NULL;
    if (*json) {
        memcpy(*json, text, n + 1);
        *json_len = n;
    }
    mpbox_free(text);
    if (!*json) {
        snprintf(err, errcap, "out of memory");
        return MCP_BACKEND_ERROR;
    }
    return MCP_BACKEND_OK;
}

static int stdio_reset(void *user, char *err, size_t errcap)
{
    struct stdio_sessions *ss = user;
    mpbox_session_free(ss->s);
    ss->s = NULL;
    return MCP_BACKEND_OK;
}

struct mcp_stdio {
    const struct mcp_server *srv;
    struct mcp_conn conn;
    struct mcp_backend be;
};

static void send_reply(struct cli_buf *b)
{
    if (cli_buf_append(b, "\n", 1) < 0 || cli_write_all(1, b->data, b->len) < 0)
        fprintf(stderr, "mpbox mcp: cannot write a reply: %s\n", strerror(errno));
}

static void send_error(int code, const char *msg)
{
    struct cli_buf b = {0};
    if (mcp_put_error(&b, NULL, code, msg) < 0)
        fputs("mpbox mcp: out of memory for a reply\n", stderr);
    else
        send_reply(&b);
    cli_buf_free(&b);
}

/* One message (a line). */
static void handle(struct mcp_stdio *m, const char *line, size_t len)
{
    const char *err;
    struct cli_json *msg = cli_json_parse(line, len, &err);
    if (!msg) {
        char text[128];
        snprintf(text, sizeof text, "Parse error: %s", err);
        send_error(-32700, text);
        return;
    }
    if (msg->type == CLI_JSON_ARRAY) {
        send_error(-32600, "Invalid Request: batches are not supported (MCP 2025-06-18 removed them)");
    } else {
        struct cli_buf b = {0};
        if (mcp_handle(m->srv, &m->conn, &m->be, msg, &b) == -1) {
            cli_buf_free(&b);
            const struct cli_json *id = mcp_message_kind(msg) == MCP_MSG_REQUEST ? cli_json_get(msg, "id") : NULL;
            if (mcp_put_error(&b, id, -32603, "out of memory") < 0) {
                cli_buf_free(&b);
                fputs("mpbox mcp: out of memory for a reply\n", stderr);
            }
        }
        if (b.len)
            send_reply(&b);
        cli_buf_free(&b);
    }
    cli_json_free(msg);
}

int cli_mcp(mpbox_runtime *rt, const struct cli_config *cfg, int json_mode)
{
    struct mcp_config mc = {
        .memory = cfg->memory,
        .timeout_ms = cfg->timeout_ms,
        .max_output = cfg->max_output,
        .fuel = cfg->fuel,
        .has_mounts = cfg->nmounts > 0,
        .sqlites = cfg->sqlites,
        .nsqlites = cfg->nsqlites,
        .json_mode = json_mode,
        .clip_output = cfg->clip_given ? cfg->clip_output : CLIP_DEFAULT_MCP,
    };
    struct stdio_sessions ss = {.rt = rt, .cfg = cfg};
    struct mcp_stdio m = {.be = {.user = &ss, .run = stdio_run, .reset = stdio_reset}};
    struct mcp_server *srv = mcp_server_new(&mc);
    if (!srv) {
        fputs("mpbox mcp: out of memory\n", stderr);
        return CLI_EXIT_INTERNAL;
    }
    m.srv = srv;
    struct cli_buf line = {0};
    int skipping = 0; /* inside a line longer than MCP_MAX_LINE */
    char chunk[65536];
    for (;;) {
        ssize_t n = read(0, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        const char *p = chunk, *end = chunk + n;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t take = (size_t)((nl ? nl : end) - p);
            if (!skipping) {
                if (line.len + take > MCP_MAX_LINE) {
                    skipping = 1;
                    line.len = 0;
                } else if (cli_buf_append(&line, p, take) < 0) {
                    skipping = 1;
                    line.len = 0;
                }
            }
            p += take;
            if (!nl)
                break;
            p++; /* the newline */
            if (skipping) {
                char text[96];
                snprintf(text, sizeof text, "Invalid Request: message longer than %u bytes", MCP_MAX_LINE);
                send_error(-32600, text);
                skipping = 0;
            } else {
                size_t l = line.len;
                while (l && (line.data[l - 1] == '\r' || line.data[l - 1] == ' ' || line.data[l - 1] == '\t'))
                    l--;
                size_t s = 0;
                while (s < l && (line.data[s] == ' ' || line.data[s] == '\t'))
                    s++;
                if (l > s)
                    handle(&m, line.data + s, l - s);
            }
            line.len = 0;
        }
    }
    if (!skipping && line.len)
        handle(&m, line.data, line.len); /* a last message without newline */
    cli_buf_free(&line);
    mpbox_session_free(ss.s);
    mcp_server_free(srv);
    return CLI_EXIT_OK;
}
