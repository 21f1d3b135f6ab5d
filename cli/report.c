/*
 * report.c — what a finished run means for the person at the terminal:
 * the exit status it maps to, and what to print on stderr once the guest's
 * own output has been streamed (traceback and "hint: ..." line, SystemExit
 * message, or a one-line "mpbox: <status>: ..." diagnostic for limits).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_exit_status(const mpbox_result *r)
{
    int code;

    switch (mpbox_result_status(r)) {
    case MPBOX_STATUS_OK:
    case MPBOX_STATUS_ERROR:
        /* Like CPython, the OS keeps the low 8 bits of sys.exit(n). */
        if (mpbox_result_exit_code(r, &code))
            return (int)((unsigned)code & 0xffu);
        return mpbox_result_status(r) == MPBOX_STATUS_OK ? APP_EXIT_OK : APP_EXIT_ERROR;
    case MPBOX_STATUS_TIMEOUT: return APP_EXIT_TIMEOUT;
    case MPBOX_STATUS_OUT_OF_MEMORY: return APP_EXIT_NOMEM;
    case MPBOX_STATUS_OUTPUT_TRUNCATED: return APP_EXIT_TRUNCATED;
    case MPBOX_STATUS_TRAP: return APP_EXIT_TRAP;
    case MPBOX_STATUS_INTERRUPTED: return APP_EXIT_INTERRUPTED;
    case MPBOX_STATUS_OUT_OF_FUEL: return APP_EXIT_FUEL;
    }
    return APP_EXIT_INTERNAL;
}

static void put_text(const char *text)
{
    size_t n = strlen(text);
    fputs(text, stderr);
    if (n > 0 && text[n - 1] != '\n')
        fputc('\n', stderr);
}

/* sys.exit("message") prints the message, as CPython does. The library
 * reports such an exit as code 1 with the argument's str() as message; a
 * plain sys.exit(1) has message "1" and prints nothing. */
static void report_system_exit(const mpbox_result *r, int code)
{
    const char *msg = mpbox_result_error_message(r);
    if (code == 1 && msg && *msg && strcmp(msg, "1") != 0)
        put_text(msg);
}

static void report_truncation(const mpbox_result *r, const struct cli_config *cfg, int stopped)
{
    char cap[32];
    const char *which = NULL;

    if (mpbox_result_stdout_truncated(r) && mpbox_result_stderr_truncated(r))
        which = "stdout and stderr";
    else if (mpbox_result_stdout_truncated(r))
        which = "stdout";
    else if (mpbox_result_stderr_truncated(r))
        which = "stderr";
    app_format_size((uint64_t)cfg->limits[MPBOX_LIMIT_STDOUT], cap, sizeof cap);
    if (stopped)
        fprintf(stderr, "mpbox: output_truncated: %s passed its cap of %s (--max-output); run stopped\n",
                which ? which : "output", cap);
    else if (which)
        fprintf(stderr, "mpbox: warning: %s truncated at %s (--max-output)\n", which, cap);
}

/* Guest output that stopped mid-line would glue our first message to it on
 * a terminal ("aaaampbox: warning: ..."). Only for a terminal: a redirected
 * stderr gets exactly the guest's bytes and ours. */
static void start_line(struct cli_stream *stream)
{
    if (stream && stream->mid_line && isatty(2))
        fputc('\n', stderr);
    if (stream)
        stream->mid_line = 0;
}

void cli_report(const mpbox_result *r, const struct cli_config *cfg, struct cli_stream *stream)
{
    mpbox_status status = mpbox_result_status(r);
    const char *tb = mpbox_result_traceback(r);
    char buf[32];
    int code;

    if (status != MPBOX_STATUS_OK || mpbox_result_stdout_truncated(r) || mpbox_result_stderr_truncated(r) ||
        mpbox_result_exit_code(r, &code))
        start_line(stream);

    if ((status == MPBOX_STATUS_OK || status == MPBOX_STATUS_ERROR) && mpbox_result_exit_code(r, &code)) {
        report_system_exit(r, code);
        report_truncation(r, cfg, 0);
        return;
    }
    /* The traceback shows where the program was, even when a limit (not the
     * program) ended it; the diagnostic line then says which limit. Not for
     * the output cap: the place is the print that overflowed, and the
     * KeyboardInterrupt that stopped it would only confuse. */
    if (tb && *tb && status != MPBOX_STATUS_OUTPUT_TRUNCATED)
        put_text(tb);
    /* Advice on a known MicroPython difference, right under the error. */
    const char *hint = mpbox_result_hint(r);
    if (hint && status == MPBOX_STATUS_ERROR)
        fprintf(stderr, "hint: %s\n", hint);

    switch (status) {
    case MPBOX_STATUS_OK:
        break;
    case MPBOX_STATUS_ERROR:
        if (!tb || !*tb) {
            const char *type = mpbox_result_error_type(r);
            const char *msg = mpbox_result_error_message(r);
            fprintf(stderr, "mpbox: error: %s%s%s\n", type ? type : "uncaught exception",
                    msg && *msg ? ": " : "", msg ? msg : "");
        }
        break;
    case MPBOX_STATUS_TIMEOUT:
        app_format_ms(cfg->limits[MPBOX_LIMIT_TIMEOUT_MS], buf, sizeof buf);
        fprintf(stderr, "mpbox: timeout: run exceeded %s wall-clock limit (--timeout)\n", buf);
        break;
    case MPBOX_STATUS_OUT_OF_MEMORY:
        app_format_size((uint64_t)cfg->limits[MPBOX_LIMIT_MEMORY], buf, sizeof buf);
        fprintf(stderr, "mpbox: out_of_memory: run reached the %s memory cap (--memory)\n", buf);
        break;
    case MPBOX_STATUS_OUTPUT_TRUNCATED:
        report_truncation(r, cfg, 1);
        return;
    case MPBOX_STATUS_TRAP: {
        const char *why = mpbox_result_trap_reason(r);
        fprintf(stderr, "mpbox: trap: %s\n", why && *why ? why : "the guest trapped");
        break;
    }
    case MPBOX_STATUS_OUT_OF_FUEL:
        fprintf(stderr, "mpbox: out_of_fuel: run used its fuel budget of %llu (--fuel)\n",
                (unsigned long long)cfg->limits[MPBOX_LIMIT_FUEL]);
        break;
    case MPBOX_STATUS_INTERRUPTED:
        if (!tb || !*tb)
            fputs("mpbox: interrupted\n", stderr);
        break;
    default:
        fprintf(stderr, "mpbox: run ended with unknown status %d\n", (int)status);
        break;
    }
    report_truncation(r, cfg, 0);
}

void cli_stream_output(void *user, int fd, const char *data, size_t len)
{
    struct cli_stream *stream = user;
    if (stream && len > 0)
        stream->mid_line = data[len - 1] != '\n';
    /* A closed stdout (mpbox ... | head) is not the guest's problem: the
     * bytes are dropped and the run goes on, as with the captured copy. */
    (void)app_write_all(fd == 2 ? 2 : 1, data, len);
}
