/*
 * cli.h — the pieces of the `mpbox` command and how they talk to each other.
 *
 *   main.c      options, validation, dispatch (cli_main, from cmd/main.c)
 *   sigwatch.c  the thread that turns Ctrl-C into mpbox_session_interrupt
 *   run.c       one program (FILE, -c CODE, stdin), text or --json
 *   report.c    what a result means: messages on stderr, exit status
 *   complete.c  the REPL's "is this input complete?" rule
 *   repl.c      the interactive loop (libedit)
 *   state.c     sessions from --load-session, saved with --save-session
 *   mcp.c       `mpbox mcp`: the MCP server over stdio (on app/mcp.h)
 *
 * The command's layer: on app/ (shared with the server: units, I/O, the
 * MCP core, output clipping, exit statuses), util/ (buffers, JSON) and
 * include/mpbox.h, never on server/ (docs/architecture.md, "Layers").
 */
#ifndef MPBOX_CLI_H
#define MPBOX_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "exit.h"
#include "io.h"
#include "limit_names.h"
#include "mpbox.h"
#include "units.h"

#define CLI_MAX_FILE_OPTS 64 /* --mount and --file, each */

/* What the command line asked for. With --load-session, limits[] is
 * updated to the loaded session's limits (state.c), so that messages name
 * the limits that were in force. */
struct cli_config {
    int64_t limits[MPBOX_LIMIT_COUNT_]; /* by id: the defaults, or the flags' (app/limits.h) */
    unsigned given;      /* 1 << id: limits given on the command line, which
                            override a loaded session's own */
    int json;            /* --json */
    const char *load_session; /* --load-session FILE, or NULL */
    const char *save_session; /* --save-session FILE, or NULL */
    /* files.c: --mount DIR[:/PATH], --file PATH[:NAME] (in the order
     * given), --output-dir DIR */
    const char *mounts[CLI_MAX_FILE_OPTS];
    int nmounts;
    const char *files[CLI_MAX_FILE_OPTS];
    int nfiles;
    const char *output_dir;
    /* --sqlite NAME=PATH (repeatable): databases for read_only_sql_query */
    const char *sqlites[CLI_MAX_FILE_OPTS];
    int nsqlites;
    /* --clip-output: bytes of each output kept in what is shown (head and
     * tail, clip.h); 0 = all. The MCP server's default is CLIP_DEFAULT_MCP. */
    uint64_t clip_output;
    int clip_given; /* --clip-output was given */
};

/* ---- sigwatch.c -------------------------------------------------------- */
/* Block SIGINT in the calling thread (and so in every thread created after
 * it, including the library's) and start the thread that sigwait()s for it.
 * Call before mpbox_runtime_new. With exit_when_idle, a Ctrl-C while no run
 * is in progress exits the process with status 130 (used outside the REPL).
 * Returns -1 on failure. */
int cli_sigwatch_start(int exit_when_idle);
/* Bracket a run so that Ctrl-C reaches this session. */
void cli_sigwatch_begin(mpbox_session *s);
void cli_sigwatch_end(void);

/* ---- report.c ---------------------------------------------------------- */
/* The exit status a result maps to (SystemExit code, 1 for an error, the
 * APP_EXIT_* codes above for limits). */
int cli_exit_status(const mpbox_result *r);
/* State of the live output, so that messages after it start on a line of
 * their own. */
struct cli_stream {
    int mid_line; /* the last byte streamed was not a newline */
};
/* Live output callback for mpbox_session_set_output (user: a struct
 * cli_stream): guest fd 1 -> our stdout, fd 2 -> our stderr. */
void cli_stream_output(void *user, int fd, const char *data, size_t len);
/* Print to stderr what the user needs to see after a run whose output was
 * already streamed (through `stream`, or NULL): the traceback, a SystemExit
 * message, or a one-line diagnostic such as
 * "mpbox: timeout: run exceeded 30 s wall-clock limit". */
void cli_report(const mpbox_result *r, const struct cli_config *cfg, struct cli_stream *stream);

/* ---- state.c ----------------------------------------------------------- */
/* The session to run in: loaded from cfg->load_session (the limits given on
 * the command line applied over the snapshot's, then cfg's limit fields and
 * the runtime's defaults set to the session's, so that a replacement
 * session in the REPL gets the same limits), or else a fresh one. Returns 0,
 * or an exit status after a message (APP_EXIT_USAGE: unreadable file or
 * refused snapshot; APP_EXIT_INTERNAL: host failure). */
int cli_session_open(mpbox_runtime *rt, struct cli_config *cfg, mpbox_session **out);
/* Save s to cfg->save_session (written to FILE.tmp, then renamed over FILE)
 * when that option was given. Returns 0 (also when there is nothing to do)
 * or -1 after a message. */
int cli_session_save(mpbox_session *s, const struct cli_config *cfg);
/* The exit status once the run chose `status` and saving returned
 * `save_rc`: the run's own non-zero status wins; a failed save turns
 * success into APP_EXIT_INTERNAL. */
int cli_status_after_save(int status, int save_rc);

/* ---- files.c ------------------------------------------------------------ */
/* Mount cfg->mounts and put cfg->files into a new session. Returns 0, or
 * APP_EXIT_USAGE after a message. */
int cli_files_setup(mpbox_session *s, const struct cli_config *cfg);
/* --output-dir: copy every scratch file of s into DIR (created if needed,
 * subdirectories too), never writing outside it. Returns 0 (also when the
 * option was not given) or -1 after a message. */
int cli_files_output(mpbox_session *s, const struct cli_config *cfg);

/* ---- run.c ------------------------------------------------------------- */
/* Run one program in a session (cli_session_open), save it if asked;
 * returns the process exit status. */
int cli_run_program(mpbox_runtime *rt, struct cli_config *cfg, const char *src, size_t len);

/* ---- complete.c -------------------------------------------------------- */
enum cli_input {
    CLI_INPUT_EMPTY,      /* only blank lines and comments: nothing to run */
    CLI_INPUT_INCOMPLETE, /* needs more lines ("... " prompt) */
    CLI_INPUT_COMPLETE    /* run it (syntax errors are Python's to report) */
};
/* Decide whether the lines typed so far (each ending in '\n') form a whole
 * input, the way the Python REPL does. */
enum cli_input cli_input_state(const char *src, size_t len);

/* ---- repl.c ------------------------------------------------------------ */
/* The interactive loop on a terminal; returns the process exit status. */
int cli_repl(mpbox_runtime *rt, struct cli_config *cfg);

/* ---- main.c ------------------------------------------------------------ */
/* The command but `mpbox serve`: argv as main's. Returns the exit status. */
int cli_main(int argc, char **argv);

/* ---- mcp.c ------------------------------------------------------------- */
/* Serve MCP over stdin/stdout until stdin ends. json_mode: the tool result
 * text as JSON instead of the tagged form. Returns the exit status. */
int cli_mcp(mpbox_runtime *rt, const struct cli_config *cfg, int json_mode);

#endif /* MPBOX_CLI_H */
