/*
 * mcpcore.c — the MCP server without its transport (see mcp.h): one
 * JSON-RPC message in, its reply out.
 *
 * Methods: initialize, ping, tools/list, tools/call, resources/list and
 * resources/read (mcpfiles.c). One tool,
 * run_python_code, with the input schema and result text of pydantic's
 * mcp-run-python (python_code, global_variables; <status>, <output>,
 * <return_value>, <error>, or JSON in json_mode), plus reset_context and
 * an optional <hint>. The result text is built from the result JSON the
 * backend returns (mpbox_result_json's format), whether the run happened
 * in this process or in a worker.
 *
 * Every byte from the client is untrusted, and so is the result JSON (a
 * worker runs hostile code): both are parsed strictly (json.c) and every
 * type is checked before use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cliptext.h"
#include "mcp.h"
#include "mpbox.h"
#include "units.h"

static const char *const supported_versions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};

struct mcp_server {
    struct mcp_config cfg; /* numbers only: the strings are not kept */
    char *description;     /* the tool description */
};

static int valid_id(const struct mpb_json *id);

/* ---- replies ----------------------------------------------------------- */

static int put_id(struct mpb_buf *b, const struct mpb_json *id)
{
    return id ? mpb_json_write(b, id) : mpb_json_put(b, "null");
}

int mcp_put_error(struct mpb_buf *out, const struct mpb_json *id, int code, const char *message)
{
    char num[32];
    snprintf(num, sizeof num, "%d", code);
    int fail = mpb_json_put(out, "{\"jsonrpc\":\"2.0\",\"id\":") < 0;
    fail |= put_id(out, id) < 0;
    fail |= mpb_json_put(out, ",\"error\":{\"code\":") < 0;
    fail |= mpb_json_put(out, num) < 0;
    fail |= mpb_json_put(out, ",\"message\":") < 0;
    fail |= mpb_json_put_str(out, message, strlen(message)) < 0;
    fail |= mpb_json_put(out, "}}") < 0;
    return fail ? -1 : 0;
}

/* result: the JSON text of the "result" member. */
int mcp_put_result(struct mpb_buf *out, const struct mpb_json *id, const char *result, size_t len)
{
    int fail = mpb_json_put(out, "{\"jsonrpc\":\"2.0\",\"id\":") < 0;
    fail |= put_id(out, id) < 0;
    fail |= mpb_json_put(out, ",\"result\":") < 0;
    fail |= mpb_buf_append(out, result, len) < 0;
    fail |= mpb_json_put(out, "}") < 0;
    return fail ? -1 : 0;
}

/* ---- the tool description ------------------------------------------------ */

/* What the description tells the model about the Python it gets. Each list
 * and each claimed difference is checked against the build by
 * tests/cli/test_mcp_description.py (every module named available imports,
 * every one named missing does not, every difference still shows), so that
 * the description cannot drift into telling the model something false. */
#define MCP_MODULES_AVAILABLE                                                                          \
    "Standard modules available: abc, argparse (sys.argv is empty: pass a list to parse_args), "       \
    "array, ast, asyncio (asyncio.run works), base64, binascii, bisect, calendar, cmath, "             \
    "collections (and collections.abc), colorsys, configparser, contextlib, contextvars, copy, csv, "  \
    "dataclasses, datetime, decimal, difflib, doctest, enum, errno, fnmatch, fractions, functools, "   \
    "gc, glob, graphlib, hashlib, heapq, hmac, html, inspect, io, itertools, json, keyword, "          \
    "logging, math, numbers, operator, os, pathlib, platform, pprint, queue (no threads: a get() "     \
    "that would wait forever raises), random, re, reprlib, secrets, shlex, shutil, statistics, "       \
    "string, struct, sys, tarfile, tempfile, textwrap, time, timeit, traceback, types, typing, "       \
    "unicodedata, unittest, urllib.parse, uuid, warnings, zlib, zoneinfo."
#define MCP_MODULES_MISSING                                                                            \
    "Not available: http, multiprocessing, pickle, signal, socket, sqlite3, ssl, subprocess, "         \
    "threading, urllib.request, weakref, xml, zipfile."
#define MCP_SILENT_DIFFERENCES                                                                         \
    "Differences that raise no error: sets of floats or tuples iterate in another order than "        \
    "CPython's (print sorted(s)); obj.__dict__ and vars(obj) are read-only copies."

static char *build_description(const struct mcp_config *cfg)
{
    char mem[32], timeout[32], out[32], fuel[64] = "";
    app_format_size(cfg->memory, mem, sizeof mem);
    if (cfg->timeout_ms)
        app_format_ms(cfg->timeout_ms, timeout, sizeof timeout);
    else
        snprintf(timeout, sizeof timeout, "no");
    app_format_size(cfg->max_output, out, sizeof out);
    if (cfg->fuel)
        snprintf(fuel, sizeof fuel, ", %llu units of fuel (guest work)", (unsigned long long)cfg->fuel);
    struct mpb_buf b = {0};
    int fail = 0;
    fail |= mpb_json_put(&b,
        "Run Python code in a sandbox and return its output and the value of its last expression.\n"
        "\n"
        "The interpreter is MicroPython 1.27 with a compatibility library, so most CPython 3.11 code "
        "runs unchanged (f-strings, match, dataclasses, type hints, async/await, big ints). It is NOT "
        "CPython: no pip and no third-party package (no numpy, pandas, requests), no network, no "
        "threads or processes. " MCP_MODULES_AVAILABLE " " MCP_MODULES_MISSING " "
        MCP_SILENT_DIFFERENCES " Error messages may be worded differently from CPython's; a failed "
        "run carries a hint with the working alternative.\n"
        "\n"
        "Use print() to see results. The value of the last line, when it is an expression, is "
        "returned as return_value (as JSON, or its repr() when not JSON-serialisable), like a "
        "notebook cell. Each call runs in the same session: variables, functions, imports and "
        "files persist across calls; set reset_context to true to start from a fresh interpreter. "
        "global_variables (an object) are set as globals before the code runs. "
        "Files: an in-memory file system, writable, in / and /tmp; no host files") < 0;
    if (cfg->has_mounts)
        fail |= mpb_json_put(&b, " except the read-only directories mounted for you (see os.listdir('/'))") < 0;
    fail |= mpb_json_put(&b, ". input() is not available (it raises EOFError).\n") < 0;
    if (cfg->nsqlites > 0) {
        fail |= mpb_json_put(&b, "\nHost functions: `from host import read_only_sql_query`, then "
                                 "read_only_sql_query(database, sql, params=None) runs a read-only SQLite "
                                 "query and returns {'columns': [...], 'rows': [[...]], 'truncated': bool} "
                                 "or {'error': '...'}. Databases:") < 0;
        for (int i = 0; i < cfg->nsqlites; i++) {
            const char *eq = strchr(cfg->sqlites[i], '=');
            size_t n = eq ? (size_t)(eq - cfg->sqlites[i]) : strlen(cfg->sqlites[i]);
            char name[160];
            snprintf(name, sizeof name, "%s '%.*s'", i ? "," : "", (int)(n < 128 ? n : 128), cfg->sqlites[i]);
            fail |= mpb_json_put(&b, name) < 0;
        }
        fail |= mpb_json_put(&b, ". Use `?` placeholders with params for values.\n") < 0;
    }
    char limits[512];
    snprintf(limits, sizeof limits,
             "\nLimits per call: %s of memory, %s%s wall-clock time, %s of output per stream%s. A call "
             "that hits a limit reports it in <status> (timeout, out_of_memory, ...); when the run "
             "had to be stopped hard, the session goes back to its state before the call.",
             mem, timeout, cfg->timeout_ms ? "" : " limit on", out, fuel);
    fail |= mpb_json_put(&b, limits) < 0;
    if (cfg->clip_output) {
        snprintf(limits, sizeof limits,
                 " Output longer than %llu bytes comes back as its beginning and its end with a line "
                 "\"[mpbox: N bytes left out]\" between them (clip_output changes this; print a part at a "
                 "time to see the rest).",
                 (unsigned long long)cfg->clip_output);
        fail |= mpb_json_put(&b, limits) < 0;
    }
    if (fail) {
        mpb_buf_free(&b);
        return NULL;
    }
    return b.data;
}

struct mcp_server *mcp_server_new(const struct mcp_config *cfg)
{
    struct mcp_server *srv = calloc(1, sizeof *srv);
    if (!srv)
        return NULL;
    srv->cfg = *cfg;
    srv->cfg.sqlites = NULL;
    srv->description = build_description(cfg);
    if (!srv->description) {
        free(srv);
        return NULL;
    }
    return srv;
}

void mcp_server_free(struct mcp_server *srv)
{
    if (!srv)
        return;
    free(srv->description);
    free(srv);
}

static int tools_list(const struct mcp_server *srv, const struct mpb_json *id, struct mpb_buf *out)
{
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, "{\"tools\":[{\"name\":\"run_python_code\",\"title\":\"Run Python code\","
                                "\"description\":") < 0;
    fail |= mpb_json_put_str(&b, srv->description, strlen(srv->description)) < 0;
    fail |= mpb_json_put(&b,
        ",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
        "\"python_code\":{\"type\":\"string\",\"description\":\"Python code to run\"},"
        "\"global_variables\":{\"type\":\"object\",\"additionalProperties\":true,\"default\":{},"
        "\"description\":\"Map of global variables in context when the code is executed\"},"
        "\"reset_context\":{\"type\":\"boolean\",\"default\":false,\"description\":"
        "\"Discard the session (variables, imports, files) and start from a fresh interpreter "
        "before running the code\"},"
        "\"clip_output\":{\"type\":\"integer\",\"minimum\":0,\"description\":"
        "\"Bytes of output (and of error text and return value) to return: longer output keeps its "
        "beginning and its end with a line saying how many bytes were left out. 0 returns all of it "
        "(up to the per-stream output limit); omit it for the server's default\"}},"
        "\"required\":[\"python_code\"]},"
        "\"annotations\":{\"title\":\"Run Python code\",\"readOnlyHint\":false,\"destructiveHint\":false,"
        "\"idempotentHint\":false,\"openWorldHint\":false}}]}") < 0;
    if (!fail)
        fail = mcp_put_result(out, id, b.data, b.len) < 0;
    mpb_buf_free(&b);
    return fail ? -1 : 0;
}

/* ---- the result of a run, read back from its JSON ------------------------ */

/* The fields of mpbox_result_json that the envelope needs. Strings point
 * into the parsed tree or the JSON text; absent ones are NULL. */
struct run_result {
    char status[32];           /* a status name; "unknown" when it is not one */
    const struct mpb_json *out, *err; /* stdout, stderr (strings) */
    int out_truncated, err_truncated;
    const char *message, *traceback; /* of "error" */
    int has_exit;
    long long exit_code;
    const char *rv; /* the return value's JSON text as sent, NULL for none or null */
    size_t rv_len;
    const char *trap;
    int session_state; /* MPBOX_SESSION_* */
    const struct mpb_json *hint; /* a string, or NULL */
};

static const struct mpb_json *member_of_type(const struct mpb_json *obj, const char *key, int type)
{
    const struct mpb_json *v = mpb_json_get(obj, key);
    return v && v->type == type ? v : NULL;
}

/* Skip one value of a valid JSON text (checked by mpb_json_parse first;
 * bounded by end all the same). */
static const char *skip_value(const char *p, const char *end)
{
    int depth = 0;
    do {
        if (p >= end)
            return end;
        if (*p == '"') {
            for (p++; p < end && *p != '"'; p++)
                if (*p == '\\' && p + 1 < end)
                    p++;
            if (p < end)
                p++; /* the closing quote */
        } else if (*p == '{' || *p == '[') {
            depth++;
            p++;
        } else if (*p == '}' || *p == ']') {
            depth--;
            p++;
        } else if (depth == 0) { /* a number or a literal */
            while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' &&
                   *p != '\r')
                p++;
        } else {
            p++;
        }
    } while (depth > 0);
    return p < end ? p : end;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* The text of top-level member `key` (an escape-free name) of the valid
 * JSON object in text, the last one when repeated; NULL when absent. */
static const char *raw_member(const char *text, size_t len, const char *key, size_t *vlen)
{
    const char *p = skip_ws(text, text + len), *end = text + len, *found = NULL;
    size_t klen = strlen(key);
    if (p >= end || *p != '{')
        return NULL;
    p++;
    for (;;) {
        p = skip_ws(p, end);
        if (p >= end || *p != '"')
            break;
        const char *name = p + 1;
        const char *q = skip_value(p, end); /* the name is a string value */
        int match = (size_t)(q - name) == klen + 1 && memcmp(name, key, klen) == 0;
        p = skip_ws(q, end);
        if (p >= end || *p != ':')
            break;
        const char *v = skip_ws(p + 1, end);
        const char *vend = skip_value(v, end);
        if (match) {
            const char *e = vend;
            while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
                e--;
            found = v;
            *vlen = (size_t)(e - v);
        }
        p = skip_ws(vend, end);
        if (p >= end || *p != ',')
            break;
        p++;
    }
    return found;
}

/* Read a result JSON into r (pointing into tree and text). -1 when it is
 * not one. */
static int read_result(const char *text, size_t len, const struct mpb_json *tree, struct run_result *r)
{
    memset(r, 0, sizeof *r);
    const struct mpb_json *status = member_of_type(tree, "status", MPB_JSON_STRING);
    r->out = member_of_type(tree, "stdout", MPB_JSON_STRING);
    r->err = member_of_type(tree, "stderr", MPB_JSON_STRING);
    if (!status || !r->out || !r->err)
        return -1;
    /* the status goes into the text as it is: only a plain name */
    size_t n = strspn(status->str, "abcdefghijklmnopqrstuvwxyz_");
    snprintf(r->status, sizeof r->status, "%s",
             n && n == status->len && n < sizeof r->status ? status->str : "unknown");
    const struct mpb_json *t;
    r->out_truncated = (t = member_of_type(tree, "stdout_truncated", MPB_JSON_BOOL)) && t->b;
    r->err_truncated = (t = member_of_type(tree, "stderr_truncated", MPB_JSON_BOOL)) && t->b;
    const struct mpb_json *error = member_of_type(tree, "error", MPB_JSON_OBJECT);
    if (error) {
        if ((t = member_of_type(error, "message", MPB_JSON_STRING)))
            r->message = t->str;
        if ((t = member_of_type(error, "traceback", MPB_JSON_STRING)) && t->len)
            r->traceback = t->str;
    }
    if ((t = member_of_type(tree, "exit_code", MPB_JSON_NUMBER)) && t->integer) {
        r->has_exit = 1;
        r->exit_code = strtoll(t->str, NULL, 10);
    }
    if ((t = member_of_type(tree, "trap", MPB_JSON_STRING)))
        r->trap = t->str;
    r->session_state = MPBOX_SESSION_KEPT;
    if ((t = member_of_type(tree, "session", MPB_JSON_STRING)))
        r->session_state = strcmp(t->str, "rolled_back") == 0 ? MPBOX_SESSION_ROLLED_BACK
                           : strcmp(t->str, "lost") == 0      ? MPBOX_SESSION_LOST
                                                              : MPBOX_SESSION_KEPT;
    r->hint = member_of_type(tree, "hint", MPB_JSON_STRING);
    t = mpb_json_get(tree, "return_value");
    if (t && t->type != MPB_JSON_NULL) {
        r->rv = raw_member(text, len, "return_value", &r->rv_len);
        if (!r->rv)
            return -1;
    }
    return 0;
}

/* ---- the envelope -------------------------------------------------------- */

/* mcp-run-python escapes anything that looks like the closing (or opening)
 * tag of the section inside it: "</output>" becomes "&lt;/output&gt;". The
 * match is `<`, an optional `/`, spaces, the tag name (any case), then up
 * to the first `>` on the same line if there is one. */
static int put_escaped(struct mpb_buf *b, const char *s, size_t n, const char *tag)
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
        if (mpb_buf_append(b, s + run, i - run) < 0)
            return -1;
        for (size_t p = i; p < end; p++) {
            const char *e = s[p] == '<' ? "&lt;" : s[p] == '>' ? "&gt;" : NULL;
            if ((e ? mpb_json_put(b, e) : mpb_buf_append(b, s + p, 1)) < 0)
                return -1;
        }
        i = run = end;
    }
    return mpb_buf_append(b, s + run, n - run);
}

static int ends_line(struct mpb_buf *b)
{
    if (b->len && b->data[b->len - 1] != '\n')
        return mpb_buf_append(b, "\n", 1);
    return 0;
}

static void strip_newlines(struct mpb_buf *b)
{
    while (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
}

/* The combined output text (stdout, then stderr), with truncation notes. */
static int output_text(const struct run_result *r, struct mpb_buf *o)
{
    int fail = mpb_buf_append(o, "", 0) < 0;
    fail |= mpb_buf_append(o, r->out->str, r->out->len) < 0;
    if (r->err->len) {
        fail |= ends_line(o) < 0;
        fail |= mpb_buf_append(o, r->err->str, r->err->len) < 0;
    }
    if (r->out_truncated || r->err_truncated) {
        fail |= ends_line(o) < 0;
        fail |= mpb_json_put(o, "[mpbox: output truncated at the output limit]") < 0;
    }
    strip_newlines(o);
    return fail ? -1 : 0;
}

/* What went wrong, for <error>. */
static int error_text(const struct mcp_config *cfg, const struct run_result *r, struct mpb_buf *e)
{
    char line[256], buf[32];
    int fail = mpb_buf_append(e, "", 0) < 0;
    if (r->has_exit && r->traceback) {
        long long code = r->exit_code;
        snprintf(line, sizeof line, "SystemExit: %lld", code);
        const char *msg = r->message;
        fail |= mpb_json_put(e, code == 1 && msg && *msg && strcmp(msg, "1") ? msg : line) < 0;
    } else if (r->traceback) {
        fail |= mpb_json_put(e, r->traceback) < 0;
    }
    line[0] = '\0';
    if (strcmp(r->status, "timeout") == 0) {
        app_format_ms(cfg->timeout_ms, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: timeout: the run exceeded the %s wall-clock limit", buf);
    } else if (strcmp(r->status, "out_of_memory") == 0) {
        app_format_size(cfg->memory, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: out_of_memory: the run reached the %s memory limit", buf);
    } else if (strcmp(r->status, "out_of_fuel") == 0) {
        snprintf(line, sizeof line, "mpbox: out_of_fuel: the run used its budget of %llu fuel units",
                 (unsigned long long)cfg->fuel);
    } else if (strcmp(r->status, "output_truncated") == 0) {
        app_format_size(cfg->max_output, buf, sizeof buf);
        snprintf(line, sizeof line, "mpbox: output_truncated: the output passed the %s limit and the run was stopped",
                 buf);
    } else if (strcmp(r->status, "trap") == 0) {
        snprintf(line, sizeof line, "mpbox: trap: %.200s", r->trap ? r->trap : "the guest trapped");
    } else if (strcmp(r->status, "interrupted") == 0) {
        snprintf(line, sizeof line, "mpbox: interrupted");
    }
    if (line[0]) {
        fail |= ends_line(e) < 0;
        fail |= mpb_json_put(e, line) < 0;
    }
    if (r->session_state != MPBOX_SESSION_KEPT) {
        fail |= ends_line(e) < 0;
        fail |= mpb_json_put(e, r->session_state == MPBOX_SESSION_ROLLED_BACK
                                    ? "(the session was rolled back to its state before this call)"
                                    : "(the session was lost; the next call starts a fresh one)") < 0;
    }
    strip_newlines(e);
    return fail ? -1 : 0;
}

/* The text of the tool result, tagged or JSON, from its parts. status: the
 * word shown; rv: the return value's JSON (NULL: none); err: the error text
 * (NULL on success); hint: NULL or the hint. */
static int put_envelope(int json_mode, struct mpb_buf *t, const char *status, const struct mpb_buf *out,
                        const char *rv, size_t rv_len, const struct mpb_buf *err, const struct mpb_json *hint)
{
    int fail = 0;
    if (json_mode) {
        fail |= mpb_json_put(t, "{\"status\":") < 0;
        fail |= mpb_json_put_str(t, status, strlen(status)) < 0;
        fail |= mpb_json_put(t, ",\"output\":[") < 0;
        size_t start = 0;
        for (size_t i = 0; out->len && i <= out->len; i++) {
            if (i == out->len || out->data[i] == '\n') {
                if (start)
                    fail |= mpb_json_put(t, ",") < 0;
                fail |= mpb_json_put_str(t, out->data + start, i - start) < 0;
                start = i + 1;
            }
        }
        fail |= mpb_json_put(t, "]") < 0;
        if (!err) {
            fail |= mpb_json_put(t, ",\"return_value\":") < 0;
            fail |= (rv ? mpb_buf_append(t, rv, rv_len) : mpb_json_put(t, "null")) < 0;
        } else {
            fail |= mpb_json_put(t, ",\"error\":") < 0;
            fail |= mpb_json_put_str(t, err->data ? err->data : "", err->len) < 0;
        }
        if (hint) {
            fail |= mpb_json_put(t, ",\"hint\":") < 0;
            fail |= mpb_json_put_str(t, hint->str, hint->len) < 0;
        }
        fail |= mpb_json_put(t, "}") < 0;
    } else {
        fail |= mpb_json_put(t, "<status>") < 0;
        fail |= mpb_json_put(t, status) < 0;
        fail |= mpb_json_put(t, "</status>") < 0;
        if (out->len) {
            fail |= mpb_json_put(t, "\n<output>\n") < 0;
            fail |= put_escaped(t, out->data, out->len, "output") < 0;
            fail |= mpb_json_put(t, "\n</output>") < 0;
        }
        if (!err && rv && !(rv_len == 4 && memcmp(rv, "null", 4) == 0)) {
            fail |= mpb_json_put(t, "\n<return_value>\n") < 0;
            fail |= put_escaped(t, rv, rv_len, "return_value") < 0;
            fail |= mpb_json_put(t, "\n</return_value>") < 0;
        } else if (err) {
            fail |= mpb_json_put(t, "\n<error>\n") < 0;
            fail |= put_escaped(t, err->data ? err->data : "", err->len, "error") < 0;
            fail |= mpb_json_put(t, "\n</error>") < 0;
        }
        if (hint) {
            fail |= mpb_json_put(t, "\n<hint>\n") < 0;
            fail |= put_escaped(t, hint->str, hint->len, "hint") < 0;
            fail |= mpb_json_put(t, "\n</hint>") < 0;
        }
    }
    return fail ? -1 : 0;
}

/* Replace b's text by its head and tail when it is longer than limit. */
static int clip_buf(struct mpb_buf *b, size_t limit)
{
    if (!limit || b->len <= limit)
        return 0;
    struct mpb_buf c = {0};
    if (app_clip_append(&c, b->data, b->len, limit) < 0) {
        mpb_buf_free(&c);
        return -1;
    }
    mpb_buf_free(b);
    *b = c;
    return 0;
}

/* limit: bytes kept of the output, of the error text and of the return
 * value each (0: all). A return value longer than that becomes, in JSON
 * mode, a string holding its clipped JSON text. */
static int envelope(const struct mcp_server *srv, const struct run_result *r, size_t limit, struct mpb_buf *t)
{
    struct mpb_buf out = {0}, err = {0}, rv = {0};
    int ok = strcmp(r->status, "ok") == 0;
    const char *word = ok ? "success" : strcmp(r->status, "error") == 0 ? "run-error" : r->status;
    int fail = output_text(r, &out) < 0 || clip_buf(&out, limit) < 0;
    if (!ok)
        fail |= error_text(&srv->cfg, r, &err) < 0 || clip_buf(&err, limit) < 0;
    const char *rv_text = ok ? r->rv : NULL;
    size_t rv_len = r->rv_len;
    if (rv_text && limit && rv_len > limit) {
        struct mpb_buf c = {0};
        fail |= app_clip_append(&c, rv_text, rv_len, limit) < 0;
        fail |= (srv->cfg.json_mode ? mpb_json_put_str(&rv, c.data ? c.data : "", c.len)
                                    : mpb_buf_append(&rv, c.data ? c.data : "", c.len)) < 0;
        mpb_buf_free(&c);
        rv_text = rv.data;
        rv_len = rv.len;
    }
    if (!fail)
        fail = put_envelope(srv->cfg.json_mode, t, word, &out, rv_text, rv_len, ok ? NULL : &err, r->hint) < 0;
    mpb_buf_free(&out);
    mpb_buf_free(&err);
    mpb_buf_free(&rv);
    return fail ? -1 : 0;
}

/* The envelope of a run that lost its session without a result. */
static int lost_envelope(const struct mcp_server *srv, const char *why, struct mpb_buf *t)
{
    struct mpb_buf out = {0}, err = {0};
    int fail = mpb_json_put(&err, "mpbox: ") < 0;
    fail |= mpb_json_put(&err, why[0] ? why : "the session died") < 0;
    fail |= mpb_json_put(&err, "\n(the session was lost; the next call starts a fresh one)") < 0;
    if (!fail)
        fail = put_envelope(srv->cfg.json_mode, t, "lost", &out, NULL, 0, &err, NULL) < 0;
    mpb_buf_free(&err);
    return fail ? -1 : 0;
}

/* ---- tools/call ---------------------------------------------------------- */

static int put_tool_result(struct mpb_buf *out, const struct mpb_json *id, const struct mpb_buf *text, int is_error)
{
    struct mpb_buf b = {0};
    int fail = mpb_json_put(&b, "{\"content\":[{\"type\":\"text\",\"text\":") < 0;
    fail |= mpb_json_put_str(&b, text->data ? text->data : "", text->len) < 0;
    fail |= mpb_json_put(&b, is_error ? "}],\"isError\":true}" : "}],\"isError\":false}") < 0;
    if (!fail)
        fail = mcp_put_result(out, id, b.data, b.len) < 0;
    mpb_buf_free(&b);
    return fail ? -1 : 0;
}

/* globals().update(json.loads(...)), the JSON hex-encoded so that no text
 * of the client is ever parsed as Python. NULL when out of memory. */
static char *globals_code(const struct mpb_json *gv, size_t *len)
{
    struct mpb_buf json = {0}, src = {0};
    if (mpb_json_write(&json, gv) < 0) {
        mpb_buf_free(&json);
        return NULL;
    }
    int fail = mpb_json_put(&src, "globals().update(__import__('json').loads(bytes.fromhex('") < 0;
    for (size_t i = 0; i < json.len && !fail; i++) {
        char h[2];
        h[0] = "0123456789abcdef"[(unsigned char)json.data[i] >> 4];
        h[1] = "0123456789abcdef"[(unsigned char)json.data[i] & 15];
        fail |= mpb_buf_append(&src, h, 2) < 0;
    }
    fail |= mpb_json_put(&src, "').decode()))") < 0;
    mpb_buf_free(&json);
    if (fail) {
        mpb_buf_free(&src);
        return NULL;
    }
    *len = src.len;
    return src.data;
}

/* A backend failure as the reply: a JSON-RPC error, a tool error (lost),
 * or MCP_BACKEND_GONE for the transport. */
static int backend_failure(const struct mcp_server *srv, const struct mpb_json *id, int rc, const char *why,
                           const char *prefix, struct mpb_buf *out)
{
    char msg[400];
    if (rc == MCP_BACKEND_GONE)
        return MCP_BACKEND_GONE;
    if (rc == MCP_BACKEND_LOST) {
        struct mpb_buf t = {0};
        int fail = mpb_json_put(&t, prefix) < 0 || lost_envelope(srv, why, &t) < 0 ||
                   put_tool_result(out, id, &t, 1) < 0;
        mpb_buf_free(&t);
        return fail ? -1 : 0;
    }
    if (rc == MCP_BACKEND_BUSY) {
        snprintf(msg, sizeof msg, "Session busy: %s", why[0] ? why : "another call is running in this session");
        return mcp_put_error(out, id, -32000, msg);
    }
    snprintf(msg, sizeof msg, "%s%s", prefix[0] ? "cannot set global_variables: " : "",
             why[0] ? why : "the run failed in the host");
    return mcp_put_error(out, id, -32603, msg);
}

/* Run code through the backend; on MCP_BACKEND_OK *tree and *json hold the
 * parsed result (the caller frees both). A result that is not one is a
 * MCP_BACKEND_ERROR. A run that lost the session resets it, so that the
 * next call starts afresh whatever the backend. */
static int run_code(const struct mcp_backend *be, const struct mcp_call *call, const char *code, size_t len,
                    unsigned flags, char **json, struct mpb_json **tree, struct run_result *r, char *why,
                    size_t whycap)
{
    size_t json_len = 0;
    *json = NULL;
    *tree = NULL;
    why[0] = '\0';
    int rc = be->run(be->user, call, code, len, flags, json, &json_len, why, whycap);
    if (rc != MCP_BACKEND_OK) {
        free(*json);
        *json = NULL;
        return rc;
    }
    if (!*json || !(*tree = mpb_json_parse(*json, json_len, NULL)) || read_result(*json, json_len, *tree, r) < 0) {
        snprintf(why, whycap, "the session sent a malformed result");
        mpb_json_free(*tree);
        free(*json);
        *tree = NULL;
        *json = NULL;
        return MCP_BACKEND_ERROR;
    }
    if (r->session_state == MPBOX_SESSION_LOST) {
        char ignored[64];
        be->reset(be->user, ignored, sizeof ignored);
    }
    return MCP_BACKEND_OK;
}

/* The runs of a tools/call whose arguments were checked: the globals,
 * then the code; the reply goes to out. */
static int run_tool(const struct mcp_server *srv, const struct mcp_backend *be, const struct mcp_call *call,
                    const struct mpb_json *code, const struct mpb_json *gv, size_t limit, struct mpb_buf *out)
{
    const struct mpb_json *id = call->id;
    char why[256] = "";
    char *json;
    struct mpb_json *tree;
    struct run_result r;
    struct mpb_buf t = {0};
    int rc, fail;
    if (gv && gv->type == MPB_JSON_OBJECT && gv->n) {
        size_t len;
        char *src = globals_code(gv, &len);
        if (!src)
            return -1;
        rc = run_code(be, call, src, len, 0, &json, &tree, &r, why, sizeof why);
        free(src);
        if (rc != MCP_BACKEND_OK)
            return backend_failure(srv, id, rc, why, "global_variables could not be set:\n", out);
        if (strcmp(r.status, "ok") != 0) {
            fail = mpb_json_put(&t, "global_variables could not be set:\n") < 0 || envelope(srv, &r, limit, &t) < 0 ||
                   put_tool_result(out, id, &t, 1) < 0;
            mpb_buf_free(&t);
            mpb_json_free(tree);
            free(json);
            return fail ? -1 : 0;
        }
        mpb_json_free(tree);
        free(json);
    }
    rc = run_code(be, call, code->str, code->len, MPBOX_RUN_RETURN_VALUE, &json, &tree, &r, why, sizeof why);
    if (rc != MCP_BACKEND_OK)
        return backend_failure(srv, id, rc, why, "", out);
    fail = envelope(srv, &r, limit, &t) < 0 || put_tool_result(out, id, &t, strcmp(r.status, "ok") != 0) < 0;
    mpb_buf_free(&t);
    mpb_json_free(tree);
    free(json);
    return fail ? -1 : 0;
}

static int tools_call(const struct mcp_server *srv, const struct mcp_backend *be, const struct mpb_json *id,
                      const struct mpb_json *params, struct mpb_buf *out)
{
    const struct mpb_json *name = mpb_json_get(params, "name");
    const struct mpb_json *args = mpb_json_get(params, "arguments");
    if (!name || name->type != MPB_JSON_STRING)
        return mcp_put_error(out, id, -32602, "Invalid params: tools/call needs a string 'name'");
    if (strcmp(name->str, "run_python_code") != 0 || strlen(name->str) != name->len)
        return mcp_put_error(out, id, -32602, "Unknown tool: only run_python_code exists");
    if (args && args->type != MPB_JSON_OBJECT && args->type != MPB_JSON_NULL)
        return mcp_put_error(out, id, -32602, "Invalid params: 'arguments' must be an object");
    const struct mpb_json *code = mpb_json_get(args, "python_code");
    const struct mpb_json *gv = mpb_json_get(args, "global_variables");
    const struct mpb_json *reset = mpb_json_get(args, "reset_context");
    if (!code || code->type != MPB_JSON_STRING)
        return mcp_put_error(out, id, -32602,
                             "Invalid arguments for run_python_code: 'python_code' (string) is required");
    if (gv && gv->type != MPB_JSON_OBJECT && gv->type != MPB_JSON_NULL)
        return mcp_put_error(out, id, -32602,
                             "Invalid arguments for run_python_code: 'global_variables' must be an object");
    if (reset && reset->type != MPB_JSON_BOOL && reset->type != MPB_JSON_NULL)
        return mcp_put_error(out, id, -32602,
                             "Invalid arguments for run_python_code: 'reset_context' must be a boolean");
    const struct mpb_json *clip = mpb_json_get(args, "clip_output");
    size_t limit = (size_t)srv->cfg.clip_output;
    if (clip && clip->type != MPB_JSON_NULL) {
        if (clip->type != MPB_JSON_NUMBER || !clip->integer || clip->str[0] == '-' || clip->len > 15)
            return mcp_put_error(out, id, -32602,
                                 "Invalid arguments for run_python_code: 'clip_output' must be a whole number of "
                                 "bytes (0: keep all output)");
        limit = (size_t)strtoull(clip->str, NULL, 10);
    }
    char why[256] = "";
    int rc;
    if (reset && reset->type == MPB_JSON_BOOL && reset->b) {
        rc = be->reset(be->user, why, sizeof why);
        if (rc != MCP_BACKEND_OK)
            return backend_failure(srv, id, rc, why, "", out);
    }
    /* progress notifications when the client asked and the transport can */
    struct mcp_call call = {.id = id};
    const struct mpb_json *token = mcp_progress_token(params);
    struct mcp_progress *progress = NULL;
    if (token && be->notify) {
        progress = mcp_progress_new(token, be);
        if (!progress)
            return -1;
        call.live = mcp_progress_live;
        call.live_ctx = progress;
    }
    rc = run_tool(srv, be, &call, code, gv, limit, out);
    mcp_progress_free(progress);
    return rc;
}

/* ---- the other methods --------------------------------------------------- */

static int initialize(struct mcp_conn *conn, const struct mpb_json *id, const struct mpb_json *params,
                      struct mpb_buf *out)
{
    const struct mpb_json *pv = mpb_json_get(params, "protocolVersion");
    if (!pv || pv->type != MPB_JSON_STRING)
        return mcp_put_error(out, id, -32602, "Invalid params: initialize needs a string 'protocolVersion'");
    const struct mpb_json *caps = mpb_json_get(params, "capabilities");
    if (caps && caps->type != MPB_JSON_OBJECT)
        return mcp_put_error(out, id, -32602, "Invalid params: 'capabilities' must be an object");
    if (conn->initialized)
        return mcp_put_error(out, id, -32600, "Invalid Request: already initialized");
    const char *version = MCP_LATEST_VERSION;
    for (size_t i = 0; i < sizeof supported_versions / sizeof *supported_versions; i++)
        if (strcmp(pv->str, supported_versions[i]) == 0)
            version = supported_versions[i];
    char body[768];
    int n = snprintf(body, sizeof body,
                     "{\"protocolVersion\":\"%s\",\"capabilities\":{\"tools\":{\"listChanged\":false},"
                     "\"resources\":{\"listChanged\":false,\"subscribe\":false}},"
                     "\"serverInfo\":{\"name\":\"mpbox\",\"title\":\"mpbox (MicroPython sandbox)\",\"version\":\"%s\"},"
                     "\"instructions\":\"Call the run_python_code tool with the Python code to run. It is "
                     "MicroPython 1.27, not CPython: read the tool description for what is available.\"}",
                     version, MPBOX_VERSION);
    conn->initialized = 1;
    return mcp_put_result(out, id, body, (size_t)n);
}

static int valid_id(const struct mpb_json *id)
{
    return id && (id->type == MPB_JSON_STRING || (id->type == MPB_JSON_NUMBER && id->integer));
}

enum mcp_kind mcp_message_kind(const struct mpb_json *msg)
{
    if (!msg || msg->type != MPB_JSON_OBJECT)
        return MCP_MSG_INVALID;
    const struct mpb_json *id = mpb_json_get(msg, "id");
    const struct mpb_json *method = mpb_json_get(msg, "method");
    const struct mpb_json *jsonrpc = mpb_json_get(msg, "jsonrpc");
    if (!method)
        return mpb_json_get(msg, "result") || mpb_json_get(msg, "error") ? MCP_MSG_RESPONSE : MCP_MSG_INVALID;
    if (!jsonrpc || jsonrpc->type != MPB_JSON_STRING || strcmp(jsonrpc->str, "2.0") != 0 ||
        method->type != MPB_JSON_STRING || (id && !valid_id(id)))
        return MCP_MSG_INVALID;
    return id ? MCP_MSG_REQUEST : MCP_MSG_NOTIFICATION;
}

int mcp_is_initialize(const struct mpb_json *msg)
{
    if (mcp_message_kind(msg) != MCP_MSG_REQUEST)
        return 0;
    const struct mpb_json *method = mpb_json_get(msg, "method");
    return strcmp(method->str, "initialize") == 0 && method->len == strlen("initialize");
}

int mcp_handle(const struct mcp_server *srv, struct mcp_conn *conn, const struct mcp_backend *be,
               const struct mpb_json *msg, struct mpb_buf *out)
{
    if (!msg || msg->type != MPB_JSON_OBJECT)
        return mcp_put_error(out, NULL, -32600, "Invalid Request: a message must be a JSON object");
    const struct mpb_json *id = mpb_json_get(msg, "id");
    const struct mpb_json *method = mpb_json_get(msg, "method");
    const struct mpb_json *params = mpb_json_get(msg, "params");
    switch (mcp_message_kind(msg)) {
    case MCP_MSG_RESPONSE:
        return 0; /* a response to a request of ours: we send none */
    case MCP_MSG_NOTIFICATION:
        /* cancelled stops the run it names; initialized,
         * roots/list_changed, ... need no action */
        if (strcmp(method->str, "notifications/cancelled") == 0 && be->cancel && params &&
            params->type == MPB_JSON_OBJECT) {
            const struct mpb_json *rid = mpb_json_get(params, "requestId");
            if (valid_id(rid))
                be->cancel(be->user, rid);
        }
        return 0;
    case MCP_MSG_INVALID:
        if (!method)
            return mcp_put_error(out, valid_id(id) ? id : NULL, -32600, "Invalid Request: no 'method'");
        if (id || method->type != MPB_JSON_STRING) /* notifications are never answered */
            return mcp_put_error(out, valid_id(id) ? id : NULL, -32600,
                                 "Invalid Request: needs \"jsonrpc\": \"2.0\", a string 'method' and a string or "
                                 "integer 'id'");
        return 0;
    case MCP_MSG_REQUEST: break;
    }
    if (params && params->type != MPB_JSON_OBJECT)
        return mcp_put_error(out, id, -32602, "Invalid params: 'params' must be an object");
    const char *name = method->str;
    if (strlen(name) != method->len) {
        char text[200];
        snprintf(text, sizeof text, "Method not found: %.120s", name);
        return mcp_put_error(out, id, -32601, text);
    }
    if (strcmp(name, "initialize") == 0)
        return initialize(conn, id, params, out);
    if (strcmp(name, "ping") == 0)
        return mcp_put_result(out, id, "{}", 2);
    if (!conn->initialized)
        return mcp_put_error(out, id, -32600, "Invalid Request: the server is not initialized (send initialize first)");
    if (strcmp(name, "tools/list") == 0)
        return tools_list(srv, id, out);
    if (strcmp(name, "tools/call") == 0)
        return tools_call(srv, be, id, params, out);
    if (strcmp(name, "resources/list") == 0 && be->list_files)
        return mcp_resources_list(be, id, out);
    if (strcmp(name, "resources/read") == 0 && be->read_file)
        return mcp_resources_read(be, id, params, out);
    if (strcmp(name, "resources/templates/list") == 0 && be->list_files)
        return mcp_put_result(out, id, "{\"resourceTemplates\":[]}", 24);
    char text[200];
    snprintf(text, sizeof text, "Method not found: %.120s", name);
    return mcp_put_error(out, id, -32601, text);
}
