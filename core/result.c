/*
 * result.c — the result object: accessors, parsing of the guest's exception
 * text, and the JSON form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

mpbox_result *mpb_result_new(void)
{
    return calloc(1, sizeof(mpbox_result));
}

void mpbox_result_free(mpbox_result *r)
{
    if (!r)
        return;
    free(r->out[0]);
    free(r->out[1]);
    free(r->error_type);
    free(r->error_message);
    free(r->traceback);
    free(r->return_value);
    free(r->hint);
    free(r);
}

/* Drop the frames a wrapper adds: "<module>" of the wrapper call down to
 * the helper that runs the program ("__mpbox_single" for the interactive
 * mode, "__mpbox_last" for the return value, "__mpbox_rewritten" for a
 * rewritten program; the last one found, as a rewritten program with a
 * return value passes through two). */
static void strip_echo_frames(char *tb)
{
    static const char *const helpers[] = {", in __mpbox_single\n", ", in __mpbox_last\n",
                                          ", in __mpbox_rewritten\n"};
    const char *name = NULL;
    char *helper = NULL;
    for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++) {
        char *at = strstr(tb, helpers[i]);
        if (at && at > helper) {
            helper = at;
            name = helpers[i];
        }
    }
    if (!helper)
        return;
    char *end = helper + strlen(name);
    char *start = strstr(tb, "\n  File ");
    if (!start || start > helper)
        return;
    memmove(start + 1, end, strlen(end) + 1);
}

/* As CPython, at most three identical frame lines in a row, then
 * "[Previous line repeated N more times]": MicroPython prints every frame,
 * thousands of lines for a runaway recursion. In place: the marker is only
 * written where it is shorter than the lines it replaces. */
static void collapse_repeated_frames(char *tb)
{
    char *rd = tb, *wr = tb;
    while (*rd) {
        const char *nl = strchr(rd, '\n');
        size_t len = nl ? (size_t)(nl - rd) + 1 : strlen(rd);
        size_t count = 1;
        if (nl && strncmp(rd, "  File ", 7) == 0)
            while (strncmp(rd + count * len, rd, len) == 0)
                count++;
        char marker[80];
        int m = snprintf(marker, sizeof marker, "  [Previous line repeated %zu more time%s]\n", count - 3,
                         count == 4 ? "" : "s");
        int collapse = count > 3 && m > 0 && (size_t)m <= (count - 3) * len;
        size_t copies = collapse ? 3 : count;
        for (size_t i = 0; i < copies; i++) {
            memmove(wr, rd + i * len, len); /* wr never passes the line it copies */
            wr += len;
        }
        if (collapse) {
            memcpy(wr, marker, (size_t)m);
            wr += m;
        }
        rd += count * len;
    }
    *wr = '\0';
}

/* The last exception's part of a chained traceback (guest/excchain prints
 * the chain oldest first, linked by CPython's lines). */
static const char *last_of_chain(const char *tb)
{
    static const char *const links[] = {
        "\n\nThe above exception was the direct cause of the following exception:\n\n",
        "\n\nDuring handling of the above exception, another exception occurred:\n\n",
    };
    const char *last = tb;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        for (const char *q = strstr(tb, links[i]); q; q = strstr(q + 1, links[i]))
            if (q + strlen(links[i]) > last)
                last = q + strlen(links[i]);
    return last;
}

/* text = "TypeName\x04" + traceback as printed by MicroPython. */
void mpb_result_set_exception(mpbox_result *r, const char *text, size_t len, int echo)
{
    const char *sep = memchr(text, '\x04', len);
    size_t tlen = sep ? (size_t)(sep - text) : 0;
    const char *tb = sep ? sep + 1 : text;
    size_t tblen = len - (size_t)(tb - text);
    free(r->error_type);
    free(r->traceback);
    free(r->error_message);
    r->error_type = mpb_utf8_sanitize(tlen ? text : "Exception", tlen ? tlen : 9, NULL);
    r->traceback = mpb_utf8_sanitize(tb, tblen, NULL);
    r->error_message = NULL;
    if (!r->error_type || !r->traceback)
        return;
    if (echo)
        strip_echo_frames(r->traceback);
    collapse_repeated_frames(r->traceback);

    /* The message follows the frame lines: skip the header and every line
     * that starts with two spaces; what is left is "Type: message\n" or
     * "Type\n" (the message may span lines). */
    const char *p = last_of_chain(r->traceback);
    if (strncmp(p, "Traceback (most recent call last):\n", 35) == 0)
        p += 35;
    while (strncmp(p, "  ", 2) == 0) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    const char *colon = strstr(p, ": ");
    const char *first_nl = strchr(p, '\n');
    const char *msg = "";
    if (colon && (!first_nl || colon < first_nl))
        msg = colon + 2;
    size_t mlen = strlen(msg);
    while (mlen && msg[mlen - 1] == '\n')
        mlen--;
    r->error_message = mpb_utf8_sanitize(msg, mlen, NULL);

    if (strcmp(r->error_type, "SystemExit") == 0 && r->error_message) {
        r->has_exit = 1;
        const char *m = r->error_message;
        char *end;
        long code = strtol(m, &end, 10);
        if (*m == '\0' || strcmp(m, "None") == 0)
            r->exit_code = 0;
        else if (*end == '\0' && end != m)
            r->exit_code = (int)code;
        else
            r->exit_code = 1;
    }
}

mpbox_status mpbox_result_status(const mpbox_result *r) { return r ? r->status : MPBOX_STATUS_TRAP; }

static const char *stream(const mpbox_result *r, int i, size_t *len)
{
    if (len)
        *len = r ? r->out_len[i] : 0;
    return r && r->out[i] ? r->out[i] : "";
}

const char *mpbox_result_stdout(const mpbox_result *r, size_t *len) { return stream(r, 0, len); }
const char *mpbox_result_stderr(const mpbox_result *r, size_t *len) { return stream(r, 1, len); }
int mpbox_result_stdout_truncated(const mpbox_result *r) { return r && r->out_truncated[0]; }
int mpbox_result_stderr_truncated(const mpbox_result *r) { return r && r->out_truncated[1]; }
const char *mpbox_result_error_type(const mpbox_result *r) { return r ? r->error_type : NULL; }
const char *mpbox_result_error_message(const mpbox_result *r) { return r ? r->error_message : NULL; }
const char *mpbox_result_traceback(const mpbox_result *r) { return r ? r->traceback : NULL; }
const char *mpbox_result_trap_reason(const mpbox_result *r) { return r ? r->trap_reason : NULL; }
double mpbox_result_wall_ms(const mpbox_result *r) { return r ? r->wall_ms : 0; }
uint64_t mpbox_result_peak_memory(const mpbox_result *r) { return r ? r->peak_memory : 0; }
int mpbox_result_session_lost(const mpbox_result *r) { return r && r->lost; }
mpbox_session_state mpbox_result_session_state(const mpbox_result *r)
{
    return r ? (mpbox_session_state)r->session_state : MPBOX_SESSION_LOST;
}
uint64_t mpbox_result_checkpoint_pages(const mpbox_result *r) { return r ? r->checkpoint_pages : 0; }
double mpbox_result_cpu_ms(const mpbox_result *r) { return r ? r->cpu_ms : 0; }
uint64_t mpbox_result_fuel_used(const mpbox_result *r) { return r ? r->fuel_used : 0; }
double mpbox_result_host_ms(const mpbox_result *r) { return r ? r->host_ms : 0; }
uint64_t mpbox_result_host_calls(const mpbox_result *r) { return r ? r->host_calls : 0; }

const char *mpbox_session_state_name(int state)
{
    switch (state) {
    case MPBOX_SESSION_KEPT: return "kept";
    case MPBOX_SESSION_ROLLED_BACK: return "rolled_back";
    case MPBOX_SESSION_LOST: return "lost";
    default: return "unknown";
    }
}

const char *mpbox_result_return_value(const mpbox_result *r) { return r ? r->return_value : NULL; }
const char *mpbox_result_hint(const mpbox_result *r) { return r ? r->hint : NULL; }

int mpbox_result_exit_code(const mpbox_result *r, int *code)
{
    if (!r || !r->has_exit)
        return 0;
    if (code)
        *code = r->exit_code;
    return 1;
}

const char *mpbox_status_name(int status)
{
    switch (status) {
    case MPBOX_STATUS_OK: return "ok";
    case MPBOX_STATUS_ERROR: return "error";
    case MPBOX_STATUS_TIMEOUT: return "timeout";
    case MPBOX_STATUS_OUT_OF_MEMORY: return "out_of_memory";
    case MPBOX_STATUS_OUTPUT_TRUNCATED: return "output_truncated";
    case MPBOX_STATUS_TRAP: return "trap";
    case MPBOX_STATUS_INTERRUPTED: return "interrupted";
    case MPBOX_STATUS_OUT_OF_FUEL: return "out_of_fuel";
    default: return "unknown";
    }
}

const char *mpbox_errstr(int rc)
{
    switch (rc) {
    case MPBOX_OK: return "ok";
    case MPBOX_ERROR: return "host error";
    case MPBOX_NOMEM: return "out of host memory";
    case MPBOX_MISUSE: return "library misuse (bad argument)";
    case MPBOX_LOST: return "session lost by an earlier hard stop or trap";
    case MPBOX_BUSY: return "session busy with another run";
    case MPBOX_GUEST: return "guest failed to start";
    case MPBOX_SNAPSHOT: return "snapshot refused (truncated, corrupted, foreign or another version)";
    default: return "unknown error";
    }
}

void mpbox_free(void *p) { free(p); }

const char *mpbox_libversion(void) { return MPBOX_VERSION; }
int mpbox_libversion_number(void) { return MPBOX_VERSION_NUMBER; }

/* ---- JSON ------------------------------------------------------------ */

/* Built in a struct mpb_buf with util/json.h's writer: mpb_json_put_str
 * escapes control characters and DEL and turns invalid UTF-8 into \ufffd,
 * so nothing the guest prints can end a string or reach a terminal raw. */

static void jstr0(struct mpb_buf *b, const char *s)
{
    if (s)
        mpb_json_put_str(b, s, strlen(s));
    else
        mpb_json_put(b, "null");
}

char *mpbox_result_json(const mpbox_result *r, size_t *len)
{
    if (!r)
        return NULL;
    struct mpb_buf b = {0};
    char num[64];
    mpb_json_put(&b, "{\"status\":");
    jstr0(&b, mpbox_status_name(r->status));
    mpb_json_put(&b, ",\"stdout\":");
    mpb_json_put_str(&b, r->out[0] ? r->out[0] : "", r->out_len[0]);
    mpb_json_put(&b, ",\"stderr\":");
    mpb_json_put_str(&b, r->out[1] ? r->out[1] : "", r->out_len[1]);
    mpb_json_put(&b, r->out_truncated[0] ? ",\"stdout_truncated\":true" : ",\"stdout_truncated\":false");
    mpb_json_put(&b, r->out_truncated[1] ? ",\"stderr_truncated\":true" : ",\"stderr_truncated\":false");
    mpb_json_put(&b, ",\"error\":");
    if (r->error_type) {
        mpb_json_put(&b, "{\"type\":");
        jstr0(&b, r->error_type);
        mpb_json_put(&b, ",\"message\":");
        jstr0(&b, r->error_message ? r->error_message : "");
        mpb_json_put(&b, ",\"traceback\":");
        jstr0(&b, r->traceback ? r->traceback : "");
        mpb_json_put(&b, "}");
    } else {
        mpb_json_put(&b, "null");
    }
    mpb_json_put(&b, ",\"hint\":");
    jstr0(&b, r->hint);
    mpb_json_put(&b, ",\"exit_code\":");
    if (r->has_exit) {
        snprintf(num, sizeof num, "%d", r->exit_code);
        mpb_json_put(&b, num);
    } else {
        mpb_json_put(&b, "null");
    }
    mpb_json_put(&b, ",\"return_value\":");
    mpb_json_put(&b, r->return_value ? r->return_value : "null");
    mpb_json_put(&b, ",\"trap\":");
    jstr0(&b, r->trap_reason);
    mpb_json_put(&b, ",\"session\":");
    jstr0(&b, mpbox_session_state_name(r->session_state));
    snprintf(num, sizeof num, "%.3f", r->wall_ms);
    mpb_json_put(&b, ",\"stats\":{\"wall_ms\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%.3f", r->cpu_ms);
    mpb_json_put(&b, ",\"cpu_ms\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->fuel_used);
    mpb_json_put(&b, ",\"fuel_used\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->peak_memory);
    mpb_json_put(&b, ",\"peak_memory_bytes\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->out_attempted[0]);
    mpb_json_put(&b, ",\"stdout_bytes\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->out_attempted[1]);
    mpb_json_put(&b, ",\"stderr_bytes\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->checkpoint_pages);
    mpb_json_put(&b, ",\"checkpoint_pages\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%.3f", r->host_ms);
    mpb_json_put(&b, ",\"host_ms\":");
    mpb_json_put(&b, num);
    snprintf(num, sizeof num, "%llu", (unsigned long long)r->host_calls);
    mpb_json_put(&b, ",\"host_calls\":");
    mpb_json_put(&b, num);
    mpb_json_put(&b, "}}");
    if (b.failed) {
        free(b.data);
        return NULL;
    }
    if (len)
        *len = b.len;
    return b.data;
}
