/*
 * run.c — one program, one fresh session, one run. Text mode streams the
 * guest's output as it comes; --json streams nothing and prints the
 * library's JSON object for the result as the only thing on stdout.
 * The session is fresh or loaded (--load-session), and saved after the run
 * when asked (--save-session), whatever the run's outcome: a run that was
 * rolled back leaves the session as it was before it. With --clip-output
 * the output is printed (clipped) when the run ends instead.
 */
#include <stdio.h>

#include "cli.h"
#include "cliptext.h"

static int print_json(const mpbox_result *r, size_t clip)
{
    size_t len = 0;
    char *json = mpbox_result_json(r, &len);
    struct mpb_buf clipped = {0};

    if (!json || (clip && app_clip_result_json(json, len, clip, &clipped) < 0)) {
        fputs("mpbox: out of memory while formatting the JSON result\n", stderr);
        mpbox_free(json);
        mpb_buf_free(&clipped);
        return -1;
    }
    int rc = clip ? app_write_all(1, clipped.data, clipped.len) : app_write_all(1, json, len);
    if (rc == 0)
        rc = app_write_all(1, "\n", 1);
    mpbox_free(json);
    mpb_buf_free(&clipped);
    return rc;
}

/* --clip-output in text mode: the captured output, each stream clipped,
 * once the run is over (the middle of it is not known before the end). */
static int print_clipped(const mpbox_result *r, size_t clip, struct cli_stream *stream)
{
    for (int fd = 1; fd <= 2; fd++) {
        size_t n = 0;
        const char *s = fd == 1 ? mpbox_result_stdout(r, &n) : mpbox_result_stderr(r, &n);
        struct mpb_buf b = {0};
        if (app_clip_append(&b, s, n, clip) < 0) {
            mpb_buf_free(&b);
            fputs("mpbox: out of memory while clipping the output\n", stderr);
            return -1;
        }
        if (b.len)
            cli_stream_output(stream, fd, b.data, b.len);
        mpb_buf_free(&b);
    }
    return 0;
}

int cli_run_program(mpbox_runtime *rt, struct cli_config *cfg, const char *src, size_t len)
{
    mpbox_session *s = NULL;
    mpbox_result *r = NULL;
    struct cli_stream stream = {0};
    int rc, status;

    status = cli_session_open(rt, cfg, &s);
    if (status != 0)
        return status;
    status = cli_files_setup(s, cfg);
    if (status != 0) {
        mpbox_session_free(s);
        return status;
    }
    size_t clip = (size_t)cfg->clip_output;
    if (!cfg->json && !clip)
        mpbox_session_set_output(s, cli_stream_output, &stream);

    cli_sigwatch_begin(s);
    rc = mpbox_run(s, src, len, &r);
    cli_sigwatch_end();

    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot run the program: %s\n", mpbox_errstr(rc));
        mpbox_session_free(s);
        return APP_EXIT_INTERNAL;
    }
    status = cli_exit_status(r);
    if (cfg->json) {
        if (print_json(r, clip) < 0)
            status = APP_EXIT_INTERNAL;
    } else {
        if (clip && print_clipped(r, clip, &stream) < 0)
            status = APP_EXIT_INTERNAL;
        cli_report(r, cfg, &stream);
    }
    mpbox_result_free(r);
    /* After the result is out: a failed save is reported on its own line. */
    status = cli_status_after_save(status, cli_files_output(s, cfg));
    status = cli_status_after_save(status, cli_session_save(s, cfg));
    mpbox_session_free(s);
    return status;
}
