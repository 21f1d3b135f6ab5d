/*
 * mcp.c — `mpbox mcp`: a Model Context Protocol server over stdio.
 *
 * Transport: newline-delimited JSON-RPC 2.0 on stdin/stdout, one message a
 * line; logs on stderr. Protocol revisions: 2025-06-18 (latest), also
 * 2025-03-26 and 2024-11-05 when the client asks for them. Batches (JSON
 * arrays) are refused with -32600 whatever the revision: 2025-06-18 removed
 * them and the SDKs never send them.
 *
 * One tool, run_python_code, with the input schema and result text of
 * pydantic's mcp-run-python (python_code, global_variables; <status>,
 * <output>, <return_value>, <error>, or JSON with --return-mode json), plus
 * reset_context. One session per connection (= per process): variables,
 * imports and files persist across calls. See docs/mcp.md.
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

#include "cli.h"

#define MCP_MAX_LINE (8u << 20)
#define MCP_LATEST "2025-06-18"

static const char *const supported_versions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};

struct mcp {
    mpbox_runtime *rt;
    const struct cli_config *cfg;
    int json_mode;
    int initialized; /* an initialize request was answered */
    mpbox_session *s;
    char *description; /* the tool description, built once */
};

/* ---- output ------------------------------------------------------------ */

static void send_buf(struct cli_buf *b)
{
    if (!b->data) {
        fputs("mpbox mcp: out of memory for a reply\n", stderr);
        return;
    }
    if (cli_buf_append(b, "\n", 1) < 0 || cli_write_all(1, b->data, b->len) < 0)
        fprintf(stderr, "mpbox mcp: cannot write a reply: %s\n", strerror(errno));
}

static void put_id(struct cli_buf *b, const struct cli_json *id)
{
    if (id)
        cli_json_write(b, id);
    else
        cli_json_put(b, "null");
}

static void send_error(const struct cli_json *id, int code, const char *msg)
{
    struct cli_buf b = {0};
    char num[32];
    snprintf(num, sizeof num, "%d", code);
    int fail = cli_json_put(&b, "{\"jsonrpc\":\"2.0\",\"id\":") < 0;
    put_id(&b, id);
    fail |= cli_json_put(&b, ",\"error\":{\"code\":") < 0;
    fail |= cli_json_put(&b, num) < 0;
    fail |= cli_json_put(&b, ",\"message\":") < 0;
    fail |= cli_json_put_str(&b, msg, strlen(msg)) < 0;
    fail |= cli_json_put(&b, "}}") < 0;
    if (fail)
        cli_buf_free(&b);
    send_buf(&b);
    cli_buf_free(&b);
}

/* result: the JSON text of the "result" member. */
static void send_result(const struct cli_json *id, const char *result, size_t len)
{
    struct cli_buf b = {0};
    int fail = cli_json_put(&b, "{\"jsonrpc\":\"2.0\",\"id\":") < 0;
    put_id(&b, id);
    fail |= cli_json_put(&b, ",\"result\":") < 0;
    fail |= cli_buf_append(&b, result, len) < 0;
    fail |= cli_json_put(&b, "}") < 0;
    if (fail) {
        cli_buf_free(&b);
        send_error(id, -32603, "out of memory");
        return;
    }
    send_buf(&b);
    cli_buf_free(&b);
}

/* ---- the tool ---------------------------------------------------------- */

static char *build_description(const struct cli_config *cfg)
{
    char mem[32], timeout[32], out[32], fuel[64] = "";
    cli_format_size(cfg->memory, mem, sizeof mem);
    if (cfg->timeout_ms)
        cli_format_ms(cfg->timeout_ms, timeout, sizeof timeout);
    else
        snprintf(timeout, sizeof timeout, "no");
    cli_format_size(cfg->max_output, out, sizeof out);
    if (cfg->fuel)
        snprintf(fuel, sizeof fuel, ", %llu units of fuel (guest work)", (unsigned long long)cfg->fuel);
    struct cli_buf b = {0};
    int fail = 0;
    fail |= cli_json_put(&b,
        "Run Python code in a sandbox and return its output and the value of its last expression.\n"
        "\n"
        "The interpreter is MicroPython 1.27, a small implementation of Python 3 (mostly 3.4-3.8 "
        "syntax and semantics: f-strings, async/await, classes, generators, closures, big ints). "
        "It is NOT CPython: there is no pip and no third-party package (no numpy, pandas, requests), "
        "and the standard library is a subset. Available: math, cmath, json, re (a subset: no "
        "lookbehind, no named groups (?P<...>), limited flags), collections (namedtuple, deque, "
        "OrderedDict, defaultdict), itertools, functools, random, time, datetime, struct, "
        "binascii, base64, hashlib, heapq, io, os (listdir, mkdir, remove, ...), array, asyncio "
        "(asyncio.run works), copy, operator, string, abc, gc. Missing: statistics, csv, "
        "dataclasses, typing, enum, decimal, fractions, bisect, textwrap, uuid, sqlite3, socket, "
        "subprocess, threading, and network access in general. Some str methods are missing "
        "(str.ljust, str.rjust, str.zfill, str.title, str.casefold): use f-strings or format() "
        "for alignment, e.g. f'{x:<10}' or f'{n:>5}'. Exceptions may have shorter messages than "
        "CPython's.\n"
        "\n"
        "Use print() to see results. The value of the last line, when it is an expression, is "
        "returned as return_value (as JSON, or its repr() when not JSON-serialisable), like a "
        "notebook cell. Each call runs in the same session: variables, functions, imports and "
        "files persist across calls; set reset_context to true to start from a fresh interpreter. "
        "global_variables (an object) are set as globals before the code runs. "
        "Files: an in-memory file system, writable, in / and /tmp; no host files") < 0;
    if (cfg->nmounts)
        fail |= cli_json_put(&b, " except the read-only directories mounted for you (see os.listdir('/'))") < 0;
    fail |= cli_json_put(&b, ". input() is not available (it raises EOFError).\n") < 0;
    if (cfg->nsqlites) {
        fail |= cli_json_put(&b, "\nHost functions: `from host import read_only_sql_query`, then "
                                 "read_only_sql_query(database, sql, params=None) runs a read-only SQLite "
                                 "query and returns {'columns': [...], 'rows': [[...]], 'truncated': bool} "
                                 "or {'error': '...'}. Databases:") < 0;
        for (int i = 0; i < cfg->nsqlites; i++) {
            const char *eq = strchr(cfg->sqlites[i], '=');
            char name[160];
            snprintf(name, sizeof name, "%s '%.*s'", i ? "," : "", (int)(eq ? eq - cfg->sqlites[i] : 0),
                     cfg->sqlites[i]);
            fail |= cli_json_put(&b, name) < 0;
        }
        fail |= cli_json_put(&b, ". Use `?` placeholders with params for values.\n") < 0;
    }
    char limits[512];
    snprintf(limits, sizeof limits,
             "\nLimits per call: %s of memory, %s%s wall-clock time, %s of output per stream%s. A call "
             "that hits a limit reports it in <status> (timeout, out_of_memory, ...); when the run "
             "had to be stopped hard, the session goes back to its state before the call.",
             mem, timeout, cfg->timeout_ms ? "" : " limit on", out, fuel);
    fail |= cli_json_put(&b, limits) < 0;
    if (fail) {
        cli_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void tools_list(struct mcp *m, const struct cli_json *id)
{
    struct cli_buf b = {0};
    int fail = cli_json_put(&b, "{\"tools\":[{\"name\":\"run_python_code\",\"title\":\"Run Python code\","
                                "\"description\":") < 0;
    fail |= cli_json_put_str(&b, m->description, strlen(m->description)) < 0;
    fail |= cli_json_put(&b,
        ",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
        "\"python_code\":{\"type\":\"string\",\"description\":\"Python code to run\"},"
        "\"global_variables\":{\"type\":\"object\",\"additionalProperties\":true,\"default\":{},"
        "\"description\":\"Map of global variables in context when the code is executed\"},"
        "\"reset_context\":{\"type\":\"boolean\",\"default\":false,\"description\":"
        "\"Discard the session (variables, imports, files) and start from a fresh interpreter "
        "before running the code\"}},"
        "\"required\":[\"python_code\"]},"
        "\"annotations\":{\"title\":\"Run Python code\",\"readOnlyHint\":false,\"destructiveHint\":false,"
        "\"idempotentHint\":false,\"openWorldHint\":false}}]}") < 0;
    if (fail) {
        cli_buf_free(&b);
        send_error(id, -32603, "out of memory");
        return;
    }
    send_result(id, b.data, b.len);
    cli_buf_free(&b);
}

/* mcp-run-python escapes anything that looks like the closing (or opening)
 * tag of the section inside it: "</output>" becomes "&lt;/output&gt;". The
 * match is `<`, an optional `/`, spaces, the tag name (any case), then up
 * to the first `>` on the same line if there is one. */
static int put_escaped(struct cli_buf *b, const char *s, size_t n, const char *tag)
{
    size_t tl = strlen(tag);
    size_t i = 0, run = 0;
    while (i < n) {
        if (s[i] != '<') {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (j < n && s[j] == '/')
            j++;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f' || s[j] == '\v'))
            j++;
        if (j + tl > n || strncasecmp(s + j, tag, tl) != 0) {
            i++;
            continue;
        }
        j += tl;
        size_t k = j;
        while (k < n && s[k] != '>' && s[k] != '\n' && s[k] != '\r')
            k++;
        size_t end = (k < n && s[k] == '>') ? k + 1 : j;
        if (cli_buf_append(b, s + run, i - run) < 0)
            return -1;
        for (size_t p = i; p < end; p++) {
            const char *e = s[p] == '<' ? "&lt;" : s[p] == '>' ? "&gt;" : NULL;
            if ((e ? cli_json_put(b, e) : cli_buf_append(b, s + p, 1)) < 0)
                return -1;
        }
        i = run = end;
    }
    return cli_buf_append(b, s + run, n - run);
}

static const char *status_word(const mpbox_result *r)
{
    switch (mpbox_result_status(r)) {
    case MPBOX_STATUS_OK: return "success";
    case MPBOX_STATUS_ERROR: return "run-error";
    default: return mpbox_status_name(mpbox_result_status(r));
    }
}

/* The combined output text (stdout, then stderr), with truncation notes. */
static int output_text(const mpbox_result *r, struct cli_buf *o)
{
    size_t n1, n2;
    const char *s1 = mpbox_result_stdout(r, &n1), *s2 = mpbox_result_stderr(r, &n2);
    int fail = cli_buf_append(o, "", 0) < 0;
    fail |= cli_buf_append(o, s1, n1) < 0;
    if (n2) {
        if (o->len && o->data[o->len - 1] != '\n')
            fail |= cli_buf_append(o, "\n", 1) < 0;
        fail |= cli_buf_append(o, s2, n2) < 0;
    }
    if (mpbox_result_stdout_truncated(r) || mpbox_result_stderr_truncated(r)) {
        if (o->len && o->data[o->len - 1] != '\n')
            fail |= cli_buf_append(o, "\n", 1) < 0;
        fail |= cli_json_put(o, "[mpbox: output truncated at the output limit]") < 0;
    }
    while (o->len && (o->data[o->len - 1] == '\n'))
        o->data[--o->len] = '\0';
    return fail ? -1 : 0;
}

/* What went wrong, for <error>. */
static int error_text(const struct mcp *m, const mpbox_result *r, struct cli_buf *e)
{
    const char *tb = mpbox_result_traceback(r);
    char line[256], buf[32];
    int fail = cli_buf_append(e, "", 0) < 0;
    int code;
    if (mpbox_result_exit_code(r, &code) && tb) {
        snprintf(line, sizeof line, "SystemExit: %d", code);
        const char *msg = mpbox_result_error_message(r);
        fail |= cli_json_put(e, code == 1 && msg && *msg && strcmp(msg, "1") ? msg : line) < 0;
    } else if (tb) {
        fail |= cli_json_put(e, tb) < 0;
    }
    line[0] = '\0';
    switch (mpbox_result_status(r)) {
    case MPBOX_STATUS_TIMEOUT:
        cli_format_ms(m->cfg->timeout_ms, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: timeout: the run exceeded the %s wall-clock limit", buf);
        break;
    case MPBOX_STATUS_OUT_OF_MEMORY:
        cli_format_size(m->cfg->memory, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: out_of_memory: the run reached the %s memory limit", buf);
        break;
    case MPBOX_STATUS_OUT_OF_FUEL:
        snprintf(line, sizeof line, "mpbox: out_of_fuel: the run used its budget of %llu fuel units",
                 (unsigned long long)m->cfg->fuel);
        break;
    case MPBOX_STATUS_OUTPUT_TRUNCATED:
        cli_format_size(m->cfg->max_output, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: output_truncated: the output passed the %s limit and the run was stopped",
                 buf);
        break;
    case MPBOX_STATUS_TRAP:
        snprintf(line, sizeof line, "mpbox: trap: %s",
                 mpbox_result_trap_reason(r) ? mpbox_result_trap_reason(r) : "the guest trapped");
        break;
    case MPBOX_STATUS_INTERRUPTED: snprintf(line, sizeof line, "mpbox: interrupted"); break;
    default: break;
    }
    if (line[0]) {
        if (e->len && e->data[e->len - 1] != '\n')
            fail |= cli_json_put(e, "\n") < 0;
        fail |= cli_json_put(e, line) < 0;
    }
    int state = mpbox_result_session_state(r);
    if (state != MPBOX_SESSION_KEPT) {
        if (e->len && e->data[e->len - 1] != '\n')
            fail |= cli_json_put(e, "\n") < 0;
        fail |= cli_json_put(e, state == MPBOX_SESSION_ROLLED_BACK
                                    ? "(the session was rolled back to its state before this call)"
                                    : "(the session was lost; the next call starts a fresh one)") < 0;
    }
    while (e->len && e->data[e->len - 1] == '\n')
        e->data[--e->len] = '\0';
    return fail ? -1 : 0;
}

/* The text of the tool result: the tagged form or JSON. */
static int envelope(const struct mcp *m, const mpbox_result *r, struct cli_buf *t)
{
    struct cli_buf out = {0}, err = {0};
    const char *status = status_word(r);
    int ok = mpbox_result_status(r) == MPBOX_STATUS_OK;
    int fail = output_text(r, &out) < 0;
    if (!ok)
        fail |= error_text(m, r, &err) < 0;
    const char *rv = ok ? mpbox_result_return_value(r) : NULL;
    if (fail) {
        cli_buf_free(&out);
        cli_buf_free(&err);
        return -1;
    }
    if (m->json_mode) {
        fail |= cli_json_put(t, "{\"status\":") < 0;
        fail |= cli_json_put_str(t, status, strlen(status)) < 0;
        fail |= cli_json_put(t, ",\"output\":[") < 0;
        size_t start = 0;
        for (size_t i = 0; out.len && i <= out.len; i++) {
            if (i == out.len || out.data[i] == '\n') {
                if (start)
                    fail |= cli_json_put(t, ",") < 0;
                fail |= cli_json_put_str(t, out.data + start, i - start) < 0;
                start = i + 1;
            }
        }
        fail |= cli_json_put(t, "]") < 0;
        if (ok) {
            fail |= cli_json_put(t, ",\"return_value\":") < 0;
            fail |= cli_json_put(t, rv ? rv : "null") < 0;
        } else {
            fail |= cli_json_put(t, ",\"error\":") < 0;
            fail |= cli_json_put_str(t, err.data, err.len) < 0;
        }
        fail |= cli_json_put(t, "}") < 0;
    } else {
        fail |= cli_json_put(t, "<status>") < 0;
        fail |= cli_json_put(t, status) < 0;
        fail |= cli_json_put(t, "</status>") < 0;
        if (out.len) {
            fail |= cli_json_put(t, "\n<output>\n") < 0;
            fail |= put_escaped(t, out.data, out.len, "output") < 0;
            fail |= cli_json_put(t, "\n</output>") < 0;
        }
        if (ok && rv && strcmp(rv, "null") != 0) {
            fail |= cli_json_put(t, "\n<return_value>\n") < 0;
            fail |= put_escaped(t, rv, strlen(rv), "return_value") < 0;
            fail |= cli_json_put(t, "\n</return_value>") < 0;
        } else if (!ok) {
            fail |= cli_json_put(t, "\n<error>\n") < 0;
            fail |= put_escaped(t, err.data, err.len, "error") < 0;
            fail |= cli_json_put(t, "\n</error>") < 0;
        }
    }
    cli_buf_free(&out);
    cli_buf_free(&err);
    return fail ? -1 : 0;
}

/* A fresh session with the command line's limits and files. */
static int new_session(struct mcp *m)
{
    mpbox_session_free(m->s);
    m->s = NULL;
    int rc = mpbox_session_new(m->rt, &m->s);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox mcp: cannot create a session: %s\n", mpbox_errstr(rc));
        return -1;
    }
    if (cli_files_setup(m->s, m->cfg) != 0) {
        mpbox_session_free(m->s);
        m->s = NULL;
        return -1;
    }
    return 0;
}

/* globals().update(json.loads(...)) in a run of its own. */
static int set_globals(struct mcp *m, const struct cli_json *gv, mpbox_result **out)
{
    struct cli_buf json = {0}, src = {0};
    *out = NULL;
    if (cli_json_write(&json, gv) < 0 || cli_buf_append(&json, "", 0) < 0) {
        cli_buf_free(&json);
        return -1;
    }
    int fail = cli_json_put(&src, "globals().update(__import__('json').loads(bytes.fromhex('") < 0;
    for (size_t i = 0; i < json.len && !fail; i++) {
        char h[2];
        h[0] = "0123456789abcdef"[(unsigned char)json.data[i] >> 4];
        h[1] = "0123456789abcdef"[(unsigned char)json.data[i] & 15];
        fail |= cli_buf_append(&src, h, 2) < 0;
    }
    fail |= cli_json_put(&src, "').decode()))") < 0;
    cli_buf_free(&json);
    int rc = fail ? MPBOX_NOMEM : mpbox_run(m->s, src.data, src.len, out);
    cli_buf_free(&src);
    return rc == MPBOX_OK ? 0 : -1;
}

static void tool_result(const struct cli_json *id, const char *text, size_t len, int is_error)
{
    struct cli_buf b = {0};
    int fail = cli_json_put(&b, "{\"content\":[{\"type\":\"text\",\"text\":") < 0;
    fail |= cli_json_put_str(&b, text, len) < 0;
    fail |= cli_json_put(&b, is_error ? "}],\"isError\":true}" : "}],\"isError\":false}") < 0;
    if (fail) {
        cli_buf_free(&b);
        send_error(id, -32603, "out of memory");
        return;
    }
    send_result(id, b.data, b.len);
    cli_buf_free(&b);
}

static void tools_call(struct mcp *m, const struct cli_json *id, const struct cli_json *params)
{
    const struct cli_json *name = cli_json_get(params, "name");
    const struct cli_json *args = cli_json_get(params, "arguments");
    if (!name || name->type != CLI_JSON_STRING) {
        send_error(id, -32602, "Invalid params: tools/call needs a string 'name'");
        return;
    }
    if (strcmp(name->str, "run_python_code") != 0 || strlen(name->str) != name->len) {
        send_error(id, -32602, "Unknown tool: only run_python_code exists");
        return;
    }
    if (args && args->type != CLI_JSON_OBJECT && args->type != CLI_JSON_NULL) {
        send_error(id, -32602, "Invalid params: 'arguments' must be an object");
        return;
    }
    const struct cli_json *code = cli_json_get(args, "python_code");
    const struct cli_json *gv = cli_json_get(args, "global_variables");
    const struct cli_json *reset = cli_json_get(args, "reset_context");
    if (!code || code->type != CLI_JSON_STRING) {
        send_error(id, -32602, "Invalid arguments for run_python_code: 'python_code' (string) is required");
        return;
    }
    if (gv && gv->type != CLI_JSON_OBJECT && gv->type != CLI_JSON_NULL) {
        send_error(id, -32602, "Invalid arguments for run_python_code: 'global_variables' must be an object");
        return;
    }
    if (reset && reset->type != CLI_JSON_BOOL && reset->type != CLI_JSON_NULL) {
        send_error(id, -32602, "Invalid arguments for run_python_code: 'reset_context' must be a boolean");
        return;
    }
    int want_reset = reset && reset->type == CLI_JSON_BOOL && reset->b;
    if (!m->s || want_reset || mpbox_session_is_lost(m->s)) {
        if (new_session(m) < 0) {
            send_error(id, -32603, "cannot create a Python session");
            return;
        }
    }
    mpbox_result *r = NULL;
    if (gv && gv->type == CLI_JSON_OBJECT && gv->n) {
        if (set_globals(m, gv, &r) < 0) {
            send_error(id, -32603, "cannot set global_variables");
            return;
        }
        if (mpbox_result_status(r) != MPBOX_STATUS_OK) {
            struct cli_buf t = {0};
            if (cli_json_put(&t, "global_variables could not be set:\n") < 0 || envelope(m, r, &t) < 0)
                send_error(id, -32603, "out of memory");
            else
                tool_result(id, t.data, t.len, 1);
            cli_buf_free(&t);
            mpbox_result_free(r);
            return;
        }
        mpbox_result_free(r);
        r = NULL;
    }
    int rc = mpbox_run_ex(m->s, code->str, code->len, MPBOX_RUN_RETURN_VALUE, &r);
    if (rc != MPBOX_OK) {
        char msg[128];
        snprintf(msg, sizeof msg, "the run could not start: %s", mpbox_errstr(rc));
        send_error(id, -32603, msg);
        return;
    }
    struct cli_buf t = {0};
    if (envelope(m, r, &t) < 0 || cli_buf_append(&t, "", 0) < 0)
        send_error(id, -32603, "out of memory");
    else
        tool_result(id, t.data, t.len, mpbox_result_status(r) != MPBOX_STATUS_OK);
    cli_buf_free(&t);
    mpbox_result_free(r);
}

static void initialize(struct mcp *m, const struct cli_json *id, const struct cli_json *params)
{
    const struct cli_json *pv = cli_json_get(params, "protocolVersion");
    if (!pv || pv->type != CLI_JSON_STRING) {
        send_error(id, -32602, "Invalid params: initialize needs a string 'protocolVersion'");
        return;
    }
    const struct cli_json *caps = cli_json_get(params, "capabilities");
    if (caps && caps->type != CLI_JSON_OBJECT) {
        send_error(id, -32602, "Invalid params: 'capabilities' must be an object");
        return;
    }
    if (m->initialized) {
        send_error(id, -32600, "Invalid Request: already initialized");
        return;
    }
    const char *version = MCP_LATEST;
    for (size_t i = 0; i < sizeof supported_versions / sizeof *supported_versions; i++)
        if (strcmp(pv->str, supported_versions[i]) == 0)
            version = supported_versions[i];
    char body[768];
    int n = snprintf(body, sizeof body,
                     "{\"protocolVersion\":\"%s\",\"capabilities\":{\"tools\":{\"listChanged\":false}},"
                     "\"serverInfo\":{\"name\":\"mpbox\",\"title\":\"mpbox (MicroPython sandbox)\",\"version\":\"%s\"},"
                     "\"instructions\":\"Call the run_python_code tool with the Python code to run. It is "
                     "MicroPython 1.27, not CPython: read the tool description for what is available.\"}",
                     version, MPBOX_VERSION);
    m->initialized = 1;
    send_result(id, body, (size_t)n);
}

/* One message (a line). */
static void handle(struct mcp *m, const char *line, size_t len)
{
    const char *err;
    struct cli_json *msg = cli_json_parse(line, len, &err);
    if (!msg) {
        char text[128];
        snprintf(text, sizeof text, "Parse error: %s", err);
        send_error(NULL, -32700, text);
        return;
    }
    if (msg->type == CLI_JSON_ARRAY) {
        send_error(NULL, -32600, "Invalid Request: batches are not supported (MCP 2025-06-18 removed them)");
        goto done;
    }
    if (msg->type != CLI_JSON_OBJECT) {
        send_error(NULL, -32600, "Invalid Request: a message must be a JSON object");
        goto done;
    }
    const struct cli_json *id = cli_json_get(msg, "id");
    const struct cli_json *method = cli_json_get(msg, "method");
    const struct cli_json *jsonrpc = cli_json_get(msg, "jsonrpc");
    const struct cli_json *params = cli_json_get(msg, "params");
    int id_ok = id && (id->type == CLI_JSON_STRING || (id->type == CLI_JSON_NUMBER && id->integer));
    if (!method) {
        /* a response to a request of ours (we send none), or garbage */
        if (!cli_json_get(msg, "result") && !cli_json_get(msg, "error"))
            send_error(id_ok ? id : NULL, -32600, "Invalid Request: no 'method'");
        goto done;
    }
    if (!jsonrpc || jsonrpc->type != CLI_JSON_STRING || strcmp(jsonrpc->str, "2.0") != 0 ||
        method->type != CLI_JSON_STRING || (id && !id_ok)) {
        if (id || !method || method->type != CLI_JSON_STRING) /* notifications are never answered */
            send_error(id_ok ? id : NULL, -32600,
                       "Invalid Request: needs \"jsonrpc\": \"2.0\", a string 'method' and a string or "
                       "integer 'id'");
        goto done;
    }
    if (!id) {
        /* notifications: initialized, cancelled (runs are synchronous:
         * nothing to cancel), roots/list_changed, ... need no action */
        goto done;
    }
    if (params && params->type != CLI_JSON_OBJECT) {
        send_error(id, -32602, "Invalid params: 'params' must be an object");
        goto done;
    }
    const char *name = method->str;
    if (strcmp(name, "initialize") == 0)
        initialize(m, id, params);
    else if (strcmp(name, "ping") == 0)
        send_result(id, "{}", 2);
    else if (!m->initialized)
        send_error(id, -32600, "Invalid Request: the server is not initialized (send initialize first)");
    else if (strcmp(name, "tools/list") == 0)
        tools_list(m, id);
    else if (strcmp(name, "tools/call") == 0)
        tools_call(m, id, params);
    else {
        char text[200];
        snprintf(text, sizeof text, "Method not found: %.120s", name);
        send_error(id, -32601, text);
    }
done:
    cli_json_free(msg);
}

int cli_mcp(mpbox_runtime *rt, const struct cli_config *cfg, int json_mode)
{
    struct mcp m = {.rt = rt, .cfg = cfg, .json_mode = json_mode};
    m.description = build_description(cfg);
    if (!m.description) {
        fputs("mpbox mcp: out of memory\n", stderr);
        return CLI_EXIT_INTERNAL;
    }
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
                send_error(NULL, -32600, text);
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
    mpbox_session_free(m.s);
    free(m.description);
    return CLI_EXIT_OK;
}
