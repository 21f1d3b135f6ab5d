/*
 * run.c — one program, one fresh session, one run. Text mode streams the
 * guest's output as it comes; --json streams nothing and prints the
 * library's JSON object for the result as the only thing on stdout.
 * The session is fresh or loaded (--load-session), and saved after the run
 * when asked (--save-session), whatever the run's outcome: a run that was
 * rolled back leaves the session as it was before it.
 */
#include <stdio.h>

#include "cli.h"

static int print_json(const mpbox_result *r)
{
    size_t len = 0;
    char *json = mpbox_result_json(r, &len);

    if (!json) {
        fputs("mpbox: out of memory while formatting the JSON result\n", stderr);
        return -1;
    }
    int rc = cli_write_all(1, json, len);
    if (rc == 0)
        rc = cli_write_all(1, "\n", 1);
    mpbox_free(json);
    return rc;
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
    if (!cfg->json)
        mpbox_session_set_output(s, cli_stream_output, &stream);

    cli_sigwatch_begin(s);
    rc = mpbox_run(s, src, len, &r);
    cli_sigwatch_end();

    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot run the program: %s\n", mpbox_errstr(rc));
        mpbox_session_free(s);
        return CLI_EXIT_INTERNAL;
    }
    status = cli_exit_status(r);
    if (cfg->json) {
        if (print_json(r) < 0)
            status = CLI_EXIT_INTERNAL;
    } else {
        cli_report(r, cfg, &stream);
    }
    mpbox_result_free(r);
    /* After the result is out: a failed save is reported on its own line. */
    status = cli_status_after_save(status, cli_files_output(s, cfg));
    status = cli_status_after_save(status, cli_session_save(s, cfg));
    mpbox_session_free(s);
    return status;
}
