/*
 * repl.c — the interactive loop: read lines with libedit until the input is
 * complete (complete.c), run it with MPBOX_RUN_ECHO in one long-lived
 * session, show what happened, repeat.
 *
 * Ctrl-C: while a line is being edited, libedit runs with the terminal's
 * ISIG flag off, so ^C arrives as a character and a key binding discards
 * the input. While code runs the terminal is back in its normal mode, ^C
 * raises SIGINT, and sigwatch.c interrupts the session.
 *
 * The first session may come from --load-session; the session the loop
 * ends with is saved with --save-session (state.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <histedit.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "cli.h"

#define HISTORY_SIZE 1000

struct repl {
    mpbox_runtime *rt;
    struct cli_config *cfg;
    mpbox_session *session;
    struct cli_stream stream; /* live output of the current input */
    int continuation; /* waiting for more lines: "... " prompt */
    int discard;      /* ^C was pressed while editing */
};

static char *prompt(EditLine *el)
{
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return r && r->continuation ? "... " : ">>> ";
}

/* Bound to ^C: end the line now and mark it to be thrown away. */
static unsigned char on_ctrl_c(EditLine *el, wint_t ch)
{
    struct repl *r = NULL;
    (void)ch;
    el_get(el, EL_CLIENTDATA, &r);
    r->discard = 1;
    return CC_NEWLINE;
}

static int new_session(struct repl *r)
{
    int rc = mpbox_session_new(r->rt, &r->session);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot create a session: %s\n", mpbox_errstr(rc));
        return -1;
    }
    mpbox_session_set_output(r->session, cli_stream_output, &r->stream);
    return cli_files_setup(r->session, r->cfg) == 0 ? 0 : -1;
}

/* The first session: fresh, or from --load-session (0, or an exit status
 * after a message). A session that replaces a lost one is always fresh. */
static int first_session(struct repl *r)
{
    int status = cli_session_open(r->rt, r->cfg, &r->session);
    if (status == 0)
        mpbox_session_set_output(r->session, cli_stream_output, &r->stream);
    if (status == 0)
        status = cli_files_setup(r->session, r->cfg);
    return status;
}

/* The session cannot run any more (hard stop, trap): start over, and say
 * so, since every variable and import is gone. */
static int replace_session(struct repl *r)
{
    mpbox_session_free(r->session);
    r->session = NULL;
    if (new_session(r) < 0)
        return -1;
    fputs("mpbox: the session was lost; started a fresh one (all variables, functions and imports are gone)\n",
          stderr);
    return 0;
}

/* Run one complete input. Returns -1 to keep going, or the exit status
 * when the REPL must end (SystemExit, host failure). */
static int run_input(struct repl *r, const char *src, size_t len)
{
    mpbox_result *res = NULL;
    int code;

    r->stream.mid_line = 0;
    cli_sigwatch_begin(r->session);
    int rc = mpbox_run_ex(r->session, src, len, MPBOX_RUN_ECHO, &res);
    cli_sigwatch_end();

    if (rc == MPBOX_LOST)
        return replace_session(r) < 0 ? APP_EXIT_INTERNAL : -1;
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot run the input: %s\n", mpbox_errstr(rc));
        return rc == MPBOX_NOMEM ? -1 : APP_EXIT_INTERNAL;
    }

    cli_report(res, r->cfg, &r->stream);
    mpbox_status st = mpbox_result_status(res);
    if ((st == MPBOX_STATUS_OK || st == MPBOX_STATUS_ERROR) && mpbox_result_exit_code(res, &code)) {
        /* sys.exit() leaves the REPL, as in Python. */
        int status = cli_exit_status(res);
        mpbox_result_free(res);
        return status;
    }
    int lost = mpbox_result_session_lost(res) || mpbox_session_is_lost(r->session);
    if (!lost && mpbox_result_session_state(res) == MPBOX_SESSION_ROLLED_BACK)
        fputs("mpbox: the session was rolled back to its state before this input\n", stderr);
    mpbox_result_free(res);
    if (lost && replace_session(r) < 0)
        return APP_EXIT_INTERNAL;
    return -1;
}

static EditLine *editor_new(struct repl *r, History *hist)
{
    EditLine *el = el_init("mpbox", stdin, stdout, stderr);
    if (!el)
        return NULL;
    el_set(el, EL_CLIENTDATA, r);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, prompt);
    el_set(el, EL_HIST, history, hist);
    el_set(el, EL_SIGNAL, 1); /* restore the terminal on SIGTSTP, SIGTERM, ... */
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
    /* The wide form: el_set() copies the names and libedit never frees
     * the copies (a leak LeakSanitizer reports). */
    el_wset(el, EL_ADDFN, L"mpbox-ctrl-c", L"discard the input", on_ctrl_c);
    el_set(el, EL_BIND, "^C", "mpbox-ctrl-c", NULL);
    el_set(el, EL_BIND, "^I", "ed-insert", NULL); /* Tab indents code */
    return el;
}

int cli_repl(mpbox_runtime *rt, struct cli_config *cfg)
{
    struct repl r = {.rt = rt, .cfg = cfg};
    struct mpb_buf input = {0};
    HistEvent ev;
    int status = APP_EXIT_OK;

    status = first_session(&r);
    if (status != 0)
        return status;
    History *hist = history_init();
    EditLine *el = hist ? editor_new(&r, hist) : NULL;
    if (!el) {
        fputs("mpbox: cannot start line editing\n", stderr);
        if (hist)
            history_end(hist);
        mpbox_session_free(r.session);
        return APP_EXIT_INTERNAL;
    }
    history(hist, &ev, H_SETSIZE, HISTORY_SIZE);
    history(hist, &ev, H_SETUNIQUE, 1);

    printf("mpbox %s \xe2\x80\x94 %s sandbox; Ctrl-D to exit\n", MPBOX_VERSION, MPBOX_GUEST_VERSION);
    fflush(stdout);

    for (;;) {
        int n = 0;
        r.discard = 0;
        const char *line = el_gets(el, &n);

        if (r.discard) {
            fputs("\nKeyboardInterrupt\n", stdout);
            fflush(stdout);
            input.len = 0;
            r.continuation = 0;
            continue;
        }
        if (!line || n <= 0) { /* Ctrl-D on an empty line, or end of input */
            fputs("\n", stdout);
            fflush(stdout);
            break;
        }
        size_t len = (size_t)n;
        if (line[len - 1] == '\n')
            len--;
        if (len > 0) {
            /* History holds single lines, as typed. */
            char one[4096];
            size_t k = len < sizeof one - 1 ? len : sizeof one - 1;
            memcpy(one, line, k);
            one[k] = '\0';
            history(hist, &ev, H_ENTER, one);
        }
        if (mpb_buf_append(&input, line, len) < 0 || mpb_buf_append(&input, "\n", 1) < 0) {
            fputs("mpbox: out of memory\n", stderr);
            status = APP_EXIT_INTERNAL;
            break;
        }

        switch (cli_input_state(input.data, input.len)) {
        case CLI_INPUT_EMPTY:
            input.len = 0;
            r.continuation = 0;
            continue;
        case CLI_INPUT_INCOMPLETE:
            r.continuation = 1;
            continue;
        case CLI_INPUT_COMPLETE:
            break;
        }
        r.continuation = 0;
        int end = run_input(&r, input.data, input.len);
        input.len = 0;
        if (end >= 0) {
            status = end;
            break;
        }
    }

    el_end(el);
    history_end(hist);
    mpb_buf_free(&input);
    /* --save-session: the session as the REPL leaves it (Ctrl-D or
     * sys.exit), unless a host failure ended it. */
    if (status != APP_EXIT_INTERNAL && r.session)
        status = cli_status_after_save(status, cli_files_output(r.session, cfg));
    if (status != APP_EXIT_INTERNAL && r.session)
        status = cli_status_after_save(status, cli_session_save(r.session, cfg));
    mpbox_session_free(r.session);
    return status;
}
