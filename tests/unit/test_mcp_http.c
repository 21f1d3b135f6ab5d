/*
 * test_mcp_http.c — the MCP streamable HTTP transport (server/mcp_http.c)
 * and the MCP core (app/mcpcore.c) against a fake backend that returns
 * result JSON chosen by the test: HTTP statuses and headers, sessions and
 * owners, batches, SSE, the envelope built from result JSON (hint, raw
 * return values, lost sessions). The real server is tested end to end by
 * tests/mcp/test_http.mjs and tests/cli/test_mcp_http.py.
 *
 * Linked with the objects of app/ and server/mcp_http.o (Makefile); util/
 * comes with libmpbox.a.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "mcp.h"
#include "mcp_http.h"
#include "mpbox.h"

#include "check.h"

/* ---- a fake session table -------------------------------------------- */

#define FAKE_MAX 8
struct fake {
    struct {
        char id[MCP_HTTP_ID_MAX], owner[32];
        int used, resets;
    } s[FAKE_MAX];
    int created;
    const char *next_json; /* what run returns */
    int next_rc;
    char last_code[256];
    unsigned last_flags;
};
static struct fake fk;

static int fake_find_slot(const char *id, const char *owner)
{
    for (int i = 0; i < FAKE_MAX; i++)
        if (fk.s[i].used && strcmp(fk.s[i].id, id) == 0 && strcmp(fk.s[i].owner, owner) == 0)
            return i;
    return -1;
}

static int fake_create(void *user, const char *owner, char *id, size_t idcap, char *err, size_t errcap)
{
    for (int i = 0; i < FAKE_MAX; i++) {
        if (!fk.s[i].used) {
            fk.s[i].used = 1;
            fk.s[i].resets = 0;
            snprintf(fk.s[i].id, sizeof fk.s[i].id, "sess-%d-Ab_9", ++fk.created);
            snprintf(fk.s[i].owner, sizeof fk.s[i].owner, "%s", owner);
            snprintf(id, idcap, "%s", fk.s[i].id);
            return MCP_BACKEND_OK;
        }
    }
    snprintf(err, errcap, "too many sessions");
    return MCP_BACKEND_ERROR;
}

static int fake_find(void *user, const char *id, const char *owner)
{
    return fake_find_slot(id, owner) >= 0 ? MCP_BACKEND_OK : MCP_BACKEND_GONE;
}

static int fake_run(void *user, const char *id, const char *owner, const struct mcp_call *call, const char *code,
                    size_t len, unsigned flags,
                    char **json, size_t *json_len, char *err, size_t errcap)
{
    if (fake_find_slot(id, owner) < 0)
        return MCP_BACKEND_GONE;
    snprintf(fk.last_code, sizeof fk.last_code, "%.*s", (int)len, code);
    fk.last_flags = flags;
    if (fk.next_rc != MCP_BACKEND_OK) {
        snprintf(err, errcap, "killed by SIGSYS (seccomp)");
        return fk.next_rc;
    }
    *json = strdup(fk.next_json);
    *json_len = strlen(*json);
    return MCP_BACKEND_OK;
}

static int fake_reset(void *user, const char *id, const char *owner, char *err, size_t errcap)
{
    int i = fake_find_slot(id, owner);
    if (i < 0)
        return MCP_BACKEND_GONE;
    fk.s[i].resets++;
    return MCP_BACKEND_OK;
}

static int fake_remove(void *user, const char *id, const char *owner)
{
    int i = fake_find_slot(id, owner);
    if (i < 0)
        return MCP_BACKEND_GONE;
    fk.s[i].used = 0;
    return MCP_BACKEND_OK;
}

static struct mcp_http *make(int json_mode)
{
    static const char *const origins[] = {"https://app.example.com"};
    struct mcp_http_config cfg = {
        .mcp = {.memory = 64u << 20, .timeout_ms = 2000, .max_output = 1 << 20, .json_mode = json_mode},
        .allowed_origins = origins,
        .nallowed_origins = 1,
        .backend = {.create = fake_create, .find = fake_find, .run = fake_run, .reset = fake_reset,
                    .remove = fake_remove},
    };
    struct mcp_http *h;
    char err[128];
    memset(&fk, 0, sizeof fk);
    fk.next_json = "{\"status\":\"ok\",\"stdout\":\"\",\"stderr\":\"\",\"return_value\":null,\"session\":\"kept\"}";
    return mcp_http_new(&cfg, &h, err, sizeof err) == 0 ? h : NULL;
}

#define INIT_BODY                                                                                            \
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"," \
    "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"
#define ACCEPT_BOTH "application/json, text/event-stream"

/* One request; the caller frees resp. */
static void request(struct mcp_http *h, const char *method, const char *sid, const char *body,
                    struct mcp_http_response *resp)
{
    struct mcp_http_request req = {.method = method, .accept = ACCEPT_BOTH, .content_type = "application/json",
                                   .session_id = sid, .protocol_version = sid ? "2025-06-18" : NULL,
                                   .owner = "tok1", .body = body, .body_len = body ? strlen(body) : 0};
    mcp_http_handle(h, &req, resp);
}

static void open_session(struct mcp_http *h, char *sid)
{
    struct mcp_http_response r;
    request(h, "POST", NULL, INIT_BODY, &r);
    CHECK(r.status == 200 && r.session_id[0]);
    snprintf(sid, MCP_HTTP_ID_MAX, "%s", r.session_id);
    mcp_http_response_free(&r);
}

static char *call(const char *code)
{
    static char body[1024];
    snprintf(body, sizeof body,
             "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"run_python_code\","
             "\"arguments\":{\"python_code\":\"%s\"}}}",
             code);
    return body;
}

/* The text of the tool result in a reply body (unescaped \n only). */
static char *tool_text(const char *body)
{
    static char text[4096];
    struct mpb_json *v = mpb_json_parse(body, strlen(body), NULL);
    const struct mpb_json *res = mpb_json_get(v, "result");
    const struct mpb_json *content = mpb_json_get(res, "content");
    text[0] = '\0';
    if (content && content->type == MPB_JSON_ARRAY && content->n == 1) {
        const struct mpb_json *t = mpb_json_get(content->items[0], "text");
        if (t && t->type == MPB_JSON_STRING)
            snprintf(text, sizeof text, "%s", t->str);
    }
    mpb_json_free(v);
    return text;
}

/* ---- cases ------------------------------------------------------------- */

static void initialize_makes_session(void)
{
    struct mcp_http *h = make(0);
    struct mcp_http_response r;
    request(h, "POST", NULL, INIT_BODY, &r);
    CHECK(r.status == 200);
    CHECK_STR(r.content_type, "application/json");
    CHECK_STR(r.session_id, "sess-1-Ab_9");
    CHECK(r.body && strstr(r.body, "\"protocolVersion\":\"2025-06-18\"") && strstr(r.body, "\"id\":1"));
    mcp_http_response_free(&r);
    /* initialize with bad params: a JSON-RPC error and no session */
    request(h, "POST", NULL, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{}}", &r);
    CHECK(r.status == 200 && r.session_id[0] == '\0' && strstr(r.body, "-32602"));
    CHECK(fk.created == 1);
    mcp_http_response_free(&r);
    /* initialize again on an existing session: refused by the core */
    request(h, "POST", "sess-1-Ab_9", INIT_BODY, &r);
    CHECK(r.status == 200 && strstr(r.body, "-32600") && r.session_id[0] == '\0');
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void session_required_and_owned(void)
{
    struct mcp_http *h = make(0);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    const char *list = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";
    struct mcp_http_response r;
    request(h, "POST", NULL, list, &r);
    CHECK(r.status == 400 && strstr(r.body, "Mcp-Session-Id"));
    mcp_http_response_free(&r);
    request(h, "POST", "nope", list, &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    request(h, "POST", "bad id with spaces", list, &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    request(h, "POST", sid, list, &r);
    CHECK(r.status == 200 && strstr(r.body, "run_python_code") && strstr(r.body, "64 MiB"));
    mcp_http_response_free(&r);
    /* another token does not see the session */
    struct mcp_http_request req = {.method = "POST", .accept = ACCEPT_BOTH, .content_type = "application/json",
                                   .session_id = sid, .owner = "tok2", .body = list, .body_len = strlen(list)};
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    req.owner = NULL; /* no authentication: owner "" */
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void headers_checked(void)
{
    struct mcp_http *h = make(0);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    const char *ping = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}";
    struct mcp_http_request req = {.method = "POST", .accept = ACCEPT_BOTH, .content_type = "application/json",
                                   .session_id = sid, .owner = "tok1", .body = ping, .body_len = strlen(ping)};
    struct mcp_http_response r;
    struct {
        const char *accept, *ctype, *origin, *version;
        int status;
    } cases[] = {
        {ACCEPT_BOTH, "application/json", NULL, "2025-06-18", 200},
        {"application/json", "application/json; charset=utf-8", "http://localhost:6274", "2025-03-26", 200},
        {"*/*", "Application/JSON", "http://127.0.0.1", NULL, 200},
        {"application/*;q=0.5", "application/json", "https://app.example.com", " 2025-06-18 ", 200},
        {"text/html", "application/json", NULL, NULL, 406},
        {"application/json;q=0", "application/json", NULL, NULL, 406},
        {NULL, "application/json", NULL, NULL, 406},
        {ACCEPT_BOTH, "text/plain", NULL, NULL, 415},
        {ACCEPT_BOTH, NULL, NULL, NULL, 415},
        {ACCEPT_BOTH, "application/json", "http://evil.example", NULL, 403},
        {ACCEPT_BOTH, "application/json", "http://localhost.evil.example", NULL, 403},
        {ACCEPT_BOTH, "application/json", "http://localhost:80x", NULL, 403},
        {ACCEPT_BOTH, "application/json", "null", NULL, 403},
        {ACCEPT_BOTH, "application/json", NULL, "2099-01-01", 400},
        {ACCEPT_BOTH, "application/json", NULL, "", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        req.accept = cases[i].accept;
        req.content_type = cases[i].ctype;
        req.origin = cases[i].origin;
        req.protocol_version = cases[i].version;
        mcp_http_handle(h, &req, &r);
        if (r.status != cases[i].status)
            printf("    case %zu: status %d, expected %d\n", i, r.status, cases[i].status);
        CHECK(r.status == cases[i].status);
        CHECK(r.body && r.content_type && strcmp(r.content_type, "application/json") == 0);
        mcp_http_response_free(&r);
    }
    /* SSE when the client takes nothing else */
    req.accept = "text/event-stream";
    req.content_type = "application/json";
    req.origin = NULL;
    req.protocol_version = NULL;
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 200);
    CHECK_STR(r.content_type, "text/event-stream");
    CHECK(r.body && strncmp(r.body, "event: message\ndata: {", 22) == 0 && strstr(r.body, "}\n\n"));
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void methods_and_deletion(void)
{
    struct mcp_http *h = make(0);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    struct mcp_http_response r;
    request(h, "GET", sid, NULL, &r);
    CHECK(r.status == 405 && r.allow && strcmp(r.allow, "POST, DELETE") == 0);
    mcp_http_response_free(&r);
    request(h, "PUT", sid, NULL, &r);
    CHECK(r.status == 405);
    mcp_http_response_free(&r);
    request(h, "DELETE", NULL, NULL, &r);
    CHECK(r.status == 400);
    mcp_http_response_free(&r);
    request(h, "DELETE", sid, NULL, &r);
    CHECK(r.status == 200 && !r.body);
    mcp_http_response_free(&r);
    request(h, "DELETE", sid, NULL, &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}", &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void notifications_batches_and_bad_json(void)
{
    struct mcp_http *h = make(0);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    struct mcp_http_response r;
    request(h, "POST", sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", &r);
    CHECK(r.status == 202 && !r.body && !r.content_type);
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}", &r);
    CHECK(r.status == 202 && !r.body);
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"nope\"}", &r);
    CHECK(r.status == 200 && strstr(r.body, "-32601"));
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}", &r);
    CHECK(r.status == 400 && strstr(r.body, "-32600"));
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{\"jsonrpc\":\"1.0\",\"method\":\"x\"}", &r);
    CHECK(r.status == 400 && strstr(r.body, "-32600"));
    mcp_http_response_free(&r);
    request(h, "POST", sid, "{not json", &r);
    CHECK(r.status == 400 && strstr(r.body, "-32700") && strstr(r.body, "\"id\":null"));
    mcp_http_response_free(&r);
    request(h, "POST", sid, "", &r);
    CHECK(r.status == 400 && strstr(r.body, "-32700"));
    mcp_http_response_free(&r);
    const char *batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"},"
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]";
    request(h, "POST", sid, batch, &r); /* revision 2025-06-18: no batches */
    CHECK(r.status == 400 && strstr(r.body, "-32600"));
    mcp_http_response_free(&r);
    struct mcp_http_request req = {.method = "POST", .accept = ACCEPT_BOTH, .content_type = "application/json",
                                   .session_id = sid, .protocol_version = "2025-03-26", .owner = "tok1",
                                   .body = batch, .body_len = strlen(batch)};
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 200);
    CHECK(r.body && strcmp(r.body, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},"
                                   "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}]") == 0);
    mcp_http_response_free(&r);
    req.body = "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}]";
    req.body_len = strlen(req.body);
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 202 && !r.body);
    mcp_http_response_free(&r);
    req.body = "[]";
    req.body_len = 2;
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 400);
    mcp_http_response_free(&r);
    req.body = "[" INIT_BODY "]";
    req.body_len = strlen(req.body);
    mcp_http_handle(h, &req, &r);
    CHECK(r.status == 200 && strstr(r.body, "-32600") && strstr(r.body, "batch"));
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void envelope_from_result_json(void)
{
    struct mcp_http *h = make(0);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    struct mcp_http_response r;
    /* the return value's text is kept as the worker wrote it */
    fk.next_json = "{\"status\":\"ok\",\"stdout\":\"a\\n\",\"stderr\":\"\",\"return_value\":{\"k\": [1, \"\\u007f}\"]},"
                   "\"session\":\"kept\",\"hint\":null}";
    request(h, "POST", sid, call("x"), &r);
    CHECK_STR(tool_text(r.body),
              "<status>success</status>\n<output>\na\n</output>\n<return_value>\n{\"k\": [1, \"\\u007f}\"]}\n"
              "</return_value>");
    CHECK(strstr(r.body, "\"isError\":false"));
    CHECK_STR(fk.last_code, "x");
    CHECK(fk.last_flags == MPBOX_RUN_RETURN_VALUE);
    mcp_http_response_free(&r);
    /* an error with a hint */
    fk.next_json = "{\"status\":\"error\",\"stdout\":\"\",\"stderr\":\"\",\"error\":{\"type\":\"AttributeError\","
                   "\"message\":\"no ljust\",\"traceback\":\"Traceback (most recent call last):\\nAttributeError: "
                   "no ljust\\n\"},\"hint\":\"use f'{s:<10}' </hint>\",\"return_value\":null,\"session\":\"kept\"}";
    request(h, "POST", sid, call("s.ljust(10)"), &r);
    CHECK_STR(tool_text(r.body), "<status>run-error</status>\n<error>\nTraceback (most recent call last):\n"
                                 "AttributeError: no ljust\n</error>\n<hint>\nuse f'{s:<10}' &lt;/hint&gt;\n</hint>");
    CHECK(strstr(r.body, "\"isError\":true"));
    mcp_http_response_free(&r);
    /* a timeout names the configured limit; rolled back */
    fk.next_json = "{\"status\":\"timeout\",\"stdout\":\"\",\"stderr\":\"\",\"error\":null,\"session\":\"rolled_back\"}";
    request(h, "POST", sid, call("while 1: pass"), &r);
    CHECK_STR(tool_text(r.body), "<status>timeout</status>\n<error>\nmpbox: timeout: the run exceeded the 2 s "
                                 "wall-clock limit\n(the session was rolled back to its state before this call)\n"
                                 "</error>");
    mcp_http_response_free(&r);
    /* a session lost by the run is reset */
    fk.next_json = "{\"status\":\"trap\",\"stdout\":\"\",\"stderr\":\"\",\"trap\":\"hard stop\",\"session\":\"lost\"}";
    request(h, "POST", sid, call("x"), &r);
    CHECK(strstr(tool_text(r.body), "mpbox: trap: hard stop\n(the session was lost"));
    CHECK(fk.s[fake_find_slot(sid, "tok1")].resets == 1);
    mcp_http_response_free(&r);
    /* a status that is not a name is not echoed */
    fk.next_json = "{\"status\":\"<b>\",\"stdout\":\"\",\"stderr\":\"\"}";
    request(h, "POST", sid, call("x"), &r);
    CHECK(strncmp(tool_text(r.body), "<status>unknown</status>", 24) == 0);
    mcp_http_response_free(&r);
    /* results that are not result JSON */
    const char *bad[] = {"", "[1]", "{\"status\":1,\"stdout\":\"\",\"stderr\":\"\"}", "{\"status\":\"ok\"}",
                         "{\"status\":\"ok\",\"stdout\":\"\",\"stderr\":\"\",\"return_value\":[1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        fk.next_json = bad[i];
        request(h, "POST", sid, call("x"), &r);
        CHECK(r.status == 200 && strstr(r.body, "-32603") && strstr(r.body, "malformed result"));
        mcp_http_response_free(&r);
    }
    mcp_http_free(h);
}

static void json_mode_and_backend_failures(void)
{
    struct mcp_http *h = make(1);
    char sid[MCP_HTTP_ID_MAX];
    open_session(h, sid);
    struct mcp_http_response r;
    fk.next_json = "{\"status\":\"error\",\"stdout\":\"l1\\nl2\",\"stderr\":\"\",\"error\":{\"traceback\":\"TB\"},"
                   "\"hint\":\"H\",\"session\":\"kept\"}";
    request(h, "POST", sid, call("x"), &r);
    CHECK_STR(tool_text(r.body), "{\"status\":\"run-error\",\"output\":[\"l1\",\"l2\"],\"error\":\"TB\",\"hint\":\"H\"}");
    mcp_http_response_free(&r);
    fk.next_json = "{\"status\":\"ok\",\"stdout\":\"\",\"stderr\":\"\",\"return_value\":[1,null]}";
    request(h, "POST", sid, call("x"), &r);
    CHECK_STR(tool_text(r.body), "{\"status\":\"success\",\"output\":[],\"return_value\":[1,null]}");
    mcp_http_response_free(&r);
    /* the worker died */
    fk.next_rc = MCP_BACKEND_LOST;
    request(h, "POST", sid, call("x"), &r);
    CHECK(r.status == 200 && strstr(r.body, "\"isError\":true"));
    CHECK_STR(tool_text(r.body), "{\"status\":\"lost\",\"output\":[],\"error\":\"mpbox: killed by SIGSYS (seccomp)\\n"
                                 "(the session was lost; the next call starts a fresh one)\"}");
    mcp_http_response_free(&r);
    fk.next_rc = MCP_BACKEND_BUSY;
    request(h, "POST", sid, call("x"), &r);
    CHECK(r.status == 200 && strstr(r.body, "-32000") && strstr(r.body, "busy"));
    mcp_http_response_free(&r);
    fk.next_rc = MCP_BACKEND_ERROR;
    request(h, "POST", sid, call("x"), &r);
    CHECK(r.status == 200 && strstr(r.body, "-32603"));
    mcp_http_response_free(&r);
    fk.next_rc = MCP_BACKEND_GONE; /* deleted while the request was on its way */
    request(h, "POST", sid, call("x"), &r);
    CHECK(r.status == 404);
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

static void too_many_sessions(void)
{
    struct mcp_http *h = make(0);
    struct mcp_http_response r;
    for (int i = 0; i < FAKE_MAX; i++) {
        request(h, "POST", NULL, INIT_BODY, &r);
        CHECK(r.status == 200);
        mcp_http_response_free(&r);
    }
    request(h, "POST", NULL, INIT_BODY, &r);
    CHECK(r.status == 503 && strstr(r.body, "too many sessions") && !r.session_id[0]);
    mcp_http_response_free(&r);
    mcp_http_free(h);
}

/* ---- progress notifications (app/mcplive.c) --------------------------- */

static int notified;
static char last_note[512];

static int note(void *user, const char *msg, size_t len)
{
    (void)user;
    snprintf(last_note, sizeof last_note, "%.*s", (int)len, msg);
    notified++;
    return 0;
}

/* A run silent from its start: the tick after a second says how long it
 * has run, and the pending output (none, never allocated) is left alone. */
static void progress_of_a_silent_run(void)
{
    struct mcp_backend be = {.notify = note};
    struct mpb_json *token = mpb_json_parse("\"t1\"", 4, NULL);
    CHECK(token != NULL);
    struct mcp_progress *p = mcp_progress_new(token, &be);
    CHECK(p != NULL);
    struct timespec ts = {1, 100 * 1000000L};
    nanosleep(&ts, NULL);
    mcp_progress_live(p, 1, NULL, 0);
    CHECK(notified == 1);
    CHECK(strstr(last_note, "\"progressToken\":\"t1\"") != NULL);
    CHECK(strstr(last_note, "\"message\":\"running for ") != NULL);
    mcp_progress_free(p);
    mpb_json_free(token);
}

int main(void)
{
    RUN(initialize_makes_session);
    RUN(session_required_and_owned);
    RUN(headers_checked);
    RUN(methods_and_deletion);
    RUN(notifications_batches_and_bad_json);
    RUN(envelope_from_result_json);
    RUN(json_mode_and_backend_failures);
    RUN(too_many_sessions);
    RUN(progress_of_a_silent_run);
    CHECK_EXIT();
}
