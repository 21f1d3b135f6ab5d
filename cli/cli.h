/*
 * cli.h — the pieces of the `mpbox` command and how they talk to each other.
 *
 *   main.c      options, validation, dispatch
 *   size.c      parsing and printing sizes (256M) and durations (0.5)
 *   io.c        byte buffers, reading whole files, writing all bytes
 *   sigwatch.c  the thread that turns Ctrl-C into mpbox_session_interrupt
 *   run.c       one program (FILE, -c CODE, stdin), text or --json
 *   report.c    what a result means: messages on stderr, exit status
 *   complete.c  the REPL's "is this input complete?" rule
 *   repl.c      the interactive loop (libedit)
 *   state.c     sessions from --load-session, saved with --save-session
 *   json.c      a small JSON reader and writer (for the MCP server)
 *   mcpcore.c   the MCP server without its transport (mcp.h)
 *   mcp.c       `mpbox mcp`: the MCP server over stdio
 *   clip.c      where to cut a long text to keep its head and tail (clip.h)
 *   cliptext.c  that cut applied to text and to a result's JSON
 *
 * Only include/mpbox.h is used from the library.
 */
#ifndef MPBOX_CLI_H
#define MPBOX_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "../include/mpbox.h"

/* Exit statuses (documented in --help and docs/mpbox.1). */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_ERROR = 1,          /* uncaught Python exception */
    CLI_EXIT_USAGE = 2,          /* bad option, value or file */
    CLI_EXIT_INTERNAL = 70,      /* host-side failure (EX_SOFTWARE); also a
                                    failed --save-session after a run that
                                    itself ended with status 0 */
    CLI_EXIT_FUEL = 122,         /* the run used its --fuel budget */
    CLI_EXIT_TRUNCATED = 123,    /* output cap reached with --on-output-limit=stop */
    CLI_EXIT_TIMEOUT = 124,      /* as timeout(1) */
    CLI_EXIT_NOMEM = 125,        /* memory cap reached */
    CLI_EXIT_TRAP = 126,         /* the guest trapped */
    CLI_EXIT_INTERRUPTED = 130   /* Ctrl-C: 128 + SIGINT, as shells do */
};

/* Options that set a limit, as bits of cli_config.given: with
 * --load-session only the limits given on the command line override the
 * ones stored in the snapshot. */
enum {
    CLI_GIVEN_MEMORY = 1u << 0,
    CLI_GIVEN_TIMEOUT = 1u << 1,
    CLI_GIVEN_MAX_OUTPUT = 1u << 2,
    CLI_GIVEN_OUTPUT_STOP = 1u << 3,
    CLI_GIVEN_FUEL = 1u << 4,
    CLI_GIVEN_DETERMINISTIC = 1u << 5,
    CLI_GIVEN_SEED = 1u << 6,
    CLI_GIVEN_ROLLBACK = 1u << 7
};

#define CLI_MAX_FILE_OPTS 64 /* --mount and --file, each */

/* What the command line asked for. With --load-session, the limit fields
 * are updated to the loaded session's limits (state.c), so that messages
 * name the limits that were in force. */
struct cli_config {
    uint64_t memory;     /* bytes */
    int64_t timeout_ms;  /* 0 = no limit */
    uint64_t max_output; /* bytes per stream */
    int output_stop;     /* 1: --on-output-limit=stop */
    int json;            /* --json */
    uint64_t fuel;       /* --fuel: units per run; 0 = no limit */
    int deterministic;   /* --deterministic */
    uint64_t seed;       /* --seed (used in deterministic mode) */
    int rollback;        /* 1 unless --no-rollback */
    unsigned given;      /* CLI_GIVEN_* bits */
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

/* ---- size.c ------------------------------------------------------------ */
/* Each parser returns NULL on success or a static message saying what is
 * wrong with the text (to be printed after the option name). */
const char *cli_parse_size(const char *text, uint64_t *bytes);
const char *cli_parse_seconds(const char *text, int64_t *ms);
/* A count with an optional K, M or G suffix (powers of 1000): --fuel. */
const char *cli_parse_count(const char *text, uint64_t *n);
/* A plain whole number from 0 to max: --seed. */
const char *cli_parse_uint(const char *text, uint64_t max, uint64_t *n);
/* "256 MiB", "1536 KiB", "1000 bytes": exact, never rounded. */
void cli_format_size(uint64_t bytes, char *buf, size_t cap);
/* "30 s", "0.5 s", "1.25 s". */
void cli_format_ms(int64_t ms, char *buf, size_t cap);

/* ---- io.c -------------------------------------------------------------- */
struct cli_buf {
    char *data;
    size_t len, cap;
};
/* Append n bytes (and keep a NUL after them). Returns -1 when out of memory. */
int cli_buf_append(struct cli_buf *b, const char *p, size_t n);
void cli_buf_free(struct cli_buf *b);
/* Read everything from fd into b. Returns -1 with errno set on failure. */
int cli_read_fd(int fd, struct cli_buf *b);
/* Write all n bytes, retrying short writes. Returns -1 on failure (e.g. a
 * closed pipe: SIGPIPE is ignored by main). */
int cli_write_all(int fd, const char *p, size_t n);

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
 * CLI_EXIT_* codes above for limits). */
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
 * or an exit status after a message (CLI_EXIT_USAGE: unreadable file or
 * refused snapshot; CLI_EXIT_INTERNAL: host failure). */
int cli_session_open(mpbox_runtime *rt, struct cli_config *cfg, mpbox_session **out);
/* Save s to cfg->save_session (written to FILE.tmp, then renamed over FILE)
 * when that option was given. Returns 0 (also when there is nothing to do)
 * or -1 after a message. */
int cli_session_save(mpbox_session *s, const struct cli_config *cfg);
/* The exit status once the run chose `status` and saving returned
 * `save_rc`: the run's own non-zero status wins; a failed save turns
 * success into CLI_EXIT_INTERNAL. */
int cli_status_after_save(int status, int save_rc);

/* ---- files.c ------------------------------------------------------------ */
/* Mount cfg->mounts and put cfg->files into a new session. Returns 0, or
 * CLI_EXIT_USAGE after a message. */
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

/* ---- json.c ------------------------------------------------------------ */
enum { CLI_JSON_NULL, CLI_JSON_BOOL, CLI_JSON_NUMBER, CLI_JSON_STRING, CLI_JSON_ARRAY, CLI_JSON_OBJECT };
#define CLI_JSON_MAX_DEPTH 200
struct cli_json {
    int type;
    int b;              /* BOOL */
    int integer;        /* NUMBER: no fraction or exponent */
    double num;         /* NUMBER */
    char *str;          /* STRING (NUL-terminated, may hold NULs: use len);
                           NUMBER: its text as written */
    size_t len;
    struct cli_json **items; /* ARRAY, OBJECT */
    char **keys;        /* OBJECT: member names */
    size_t n, cap;
};
/* Parse exactly one JSON value (strict; valid UTF-8; nesting at most
 * CLI_JSON_MAX_DEPTH). NULL and *err set on failure. */
struct cli_json *cli_json_parse(const char *text, size_t len, const char **err);
void cli_json_free(struct cli_json *v);
/* Member `key` of an object (the last one when repeated), or NULL. */
const struct cli_json *cli_json_get(const struct cli_json *obj, const char *key);
/* Append a JSON string literal (invalid UTF-8 becomes U+FFFD), a literal
 * text, or a parsed value in compact form. -1 when out of memory. */
int cli_json_put_str(struct cli_buf *b, const char *s, size_t n);
int cli_json_put(struct cli_buf *b, const char *lit);
int cli_json_write(struct cli_buf *b, const struct cli_json *v);

/* ---- cliptext.c -------------------------------------------------------- */
/* Append s[0..n), or when it is longer than limit (0: no limit) its head,
 * a marker line "[mpbox: N bytes left out]" and its tail (clip.h). -1 when
 * out of memory. */
int cli_clip_append(struct cli_buf *b, const char *s, size_t n, size_t limit);
/* Copy a result JSON (mpbox_result_json's object) to out with its stdout
 * and stderr clipped to limit bytes each, each followed by a member
 * stdout_omitted_bytes / stderr_omitted_bytes (0 when kept whole). 0, -1
 * when out of memory, -2 when json is not a JSON object. */
int cli_clip_result_json(const char *json, size_t len, size_t limit, struct cli_buf *out);

/* ---- mcp.c ------------------------------------------------------------- */
/* Serve MCP over stdin/stdout until stdin ends. json_mode: the tool result
 * text as JSON instead of the tagged form. Returns the exit status. */
int cli_mcp(mpbox_runtime *rt, const struct cli_config *cfg, int json_mode);

#endif /* MPBOX_CLI_H */
