/*
 * main.c — the `mpbox` command but `mpbox serve` (cmd/main.c dispatches):
 * parse options, pick the program (FILE, -c CODE, stdin), the REPL or
 * `mpbox mcp`, set limits, run, exit with a status that says what
 * happened. See docs/mpbox.1.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum source { SRC_NONE, SRC_FILE, SRC_CODE, SRC_STDIN };

struct invocation {
    struct cli_config cfg;
    enum source src;
    const char *src_arg; /* FILE or CODE */
    int help, version;
};

__attribute__((format(printf, 1, 2))) static void usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("mpbox: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'mpbox --help' for more information.\n", stderr);
}

static void print_help(void)
{
    printf("Usage: mpbox [OPTION]... FILE\n"
           "       mpbox [OPTION]... -c CODE\n"
           "       mpbox [OPTION]... -        (program from stdin)\n"
           "       mpbox [OPTION]...          (REPL on a terminal, else program from stdin)\n"
           "       mpbox mcp [OPTION]... [--return-mode=xml|json]\n"
           "                                  (MCP server on stdin/stdout: docs/mcp.md)\n"
           "       mpbox serve [OPTION]...    (HTTP server: JSON API and MCP, one process per\n"
           "                                  session; mpbox serve --help, docs/serve.md)\n"
           "\n"
           "Run Python in a sandbox with hard limits (guest: %s).\n"
           "\n"
           "Options (--opt VALUE and --opt=VALUE both work; options come before the program):\n"
           "  -c CODE                  run CODE\n"
           "      --json               print one JSON object describing the run on stdout\n"
           "                           (guest output inside it); nothing is streamed\n"
           "      --clip-output SIZE   show at most SIZE bytes of each output (stdout,\n"
           "                           stderr; in --json too): its beginning and its end\n"
           "                           with a line \"[mpbox: N bytes left out]\"; the\n"
           "                           output is then printed when the run ends. 0 = all\n"
           "                           (default; `mpbox mcp`: 20000)\n",
           MPBOX_GUEST_VERSION);
    /* the limits: one line each from the library's table (docs/limits.md);
     * a yes/no limit also takes --NAME / --no-NAME */
    app_limit_help();
    printf("      --load-session FILE  start from a session saved with --save-session\n"
           "                           (limits given here override the saved ones)\n"
           "      --save-session FILE  save the session to FILE after the program, or when\n"
           "                           the REPL exits\n"
           "      --mount DIR[:/PATH]  mount host directory DIR read-only at PATH (default\n"
           "                           /input); the guest cannot leave it (no symlinks out,\n"
           "                           no ..); repeatable\n"
           "      --file PATH[:NAME]   copy host file PATH into the session's scratch area\n"
           "                           as NAME (default /BASENAME) before the run;\n"
           "                           repeatable\n"
           "      --output-dir DIR     after the run, copy every scratch file into DIR\n"
           "                           (subdirectories created; nothing written outside DIR)\n"
           "      --sqlite NAME=PATH   let the program query the SQLite file PATH, read-only,\n"
           "                           as read_only_sql_query(NAME, sql, params=None);\n"
           "                           repeatable\n"
           "  -h, --help               show this help and exit\n"
           "  -V, --version            show the versions and exit\n"
           "SIZE is a number of bytes with an optional K, M or G suffix (powers of 1024).\n"
           "SECONDS: 10, 0.5 or 250ms; N: a whole number (K, M, G: powers of 1000).\n"
           "Arguments after the program are refused: there is no sys.argv support yet.\n");
    printf("\n"
           "Exit status:\n"
           "  0    success (or sys.exit(0))\n"
           "  1    uncaught Python exception (also sys.exit(\"message\"))\n"
           "  N    sys.exit(N)\n"
           "  2    usage error: bad option or value, unreadable FILE, refused snapshot\n"
           "  70   internal error in the host; also a failed --save-session after a\n"
           "       run that succeeded (a run's own non-zero status takes precedence)\n"
           "  122  fuel budget used up (--fuel)\n"
           "  123  output passed --max-output with --on-output-limit=stop\n"
           "  124  timeout\n"
           "  125  memory cap reached\n"
           "  126  the guest trapped\n"
           "  130  interrupted (Ctrl-C)\n"
           "\n"
           "In the REPL: Ctrl-C discards the input or interrupts the running code,\n"
           "Ctrl-D on an empty line exits. See mpbox(1).\n");
}

/* Long options. Each either takes a value (--name VALUE, --name=VALUE) or
 * must not be given one. */
enum opt {
    OPT_JSON,
    OPT_LOAD_SESSION,
    OPT_SAVE_SESSION,
    OPT_MOUNT,
    OPT_FILE,
    OPT_OUTPUT_DIR,
    OPT_SQLITE,
    OPT_CLIP_OUTPUT,
    OPT_HELP,
    OPT_VERSION
};
static const struct {
    const char *name;
    int has_value;
    enum opt id;
} long_opts[] = {
    {"json", 0, OPT_JSON},
    {"load-session", 1, OPT_LOAD_SESSION},
    {"save-session", 1, OPT_SAVE_SESSION},
    {"mount", 1, OPT_MOUNT},
    {"file", 1, OPT_FILE},
    {"output-dir", 1, OPT_OUTPUT_DIR},
    {"sqlite", 1, OPT_SQLITE},
    {"clip-output", 1, OPT_CLIP_OUTPUT},
    {"help", 0, OPT_HELP},
    {"version", 0, OPT_VERSION},
};

/* Check one option's value and store it. Returns -1 after a message. */
static int set_option(struct invocation *inv, enum opt id, const char *name, const char *value)
{
    struct cli_config *c = &inv->cfg;
    const char *err = NULL;

    switch (id) {
    case OPT_JSON: c->json = 1; return 0;
    case OPT_HELP: inv->help = 1; return 0;
    case OPT_VERSION: inv->version = 1; return 0;
    case OPT_LOAD_SESSION:
    case OPT_SAVE_SESSION:
        if (*value == '\0')
            err = "empty file name";
        else if (id == OPT_LOAD_SESSION)
            c->load_session = value;
        else
            c->save_session = value;
        break;
    case OPT_MOUNT:
    case OPT_FILE:
        if (*value == '\0')
            err = "empty path";
        else if ((id == OPT_MOUNT ? c->nmounts : c->nfiles) >= CLI_MAX_FILE_OPTS)
            err = "given too many times (at most 64)";
        else if (id == OPT_MOUNT)
            c->mounts[c->nmounts++] = value;
        else
            c->files[c->nfiles++] = value;
        break;
    case OPT_SQLITE:
        if (!strchr(value, '=') || value[0] == '=' || strchr(value, '=')[1] == '\0')
            err = "expected NAME=PATH";
        else if (c->nsqlites >= CLI_MAX_FILE_OPTS)
            err = "given too many times (at most 64)";
        else
            c->sqlites[c->nsqlites++] = value;
        break;
    case OPT_OUTPUT_DIR:
        if (*value == '\0')
            err = "empty directory name";
        else
            c->output_dir = value;
        break;
    case OPT_CLIP_OUTPUT:
        err = app_parse_size(value, &c->clip_output);
        c->clip_given = 1;
        break;
    }
    if (err) {
        usage_error("--%s '%s': %s", name, value, err);
        return -1;
    }
    return 0;
}

/* A limit flag (app/limit_names.h): its value checked against the library's
 * limit table. Returns -1 after a message. */
static int set_limit(struct cli_config *c, int id, const char *name, const char *value, int64_t fixed)
{
    char msg[160];
    if (value) {
        const char *err = app_limit_parse(id, value, &fixed, msg, sizeof msg);
        if (err) {
            usage_error("--%s '%s': %s", name, value, err);
            return -1;
        }
    }
    c->given |= app_limit_set(c->limits, id, fixed);
    return 0;
}

/* "--name", "--name=value" or "--name value" at argv[*i]. */
static int parse_long(struct invocation *inv, int argc, char **argv, int *i)
{
    const char *arg = argv[*i] + 2;
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    char flag[64];
    int takes_value;
    int64_t fixed;
    snprintf(flag, sizeof flag, "%.*s", (int)n, arg);
    int id = n < sizeof flag ? app_limit_flag(flag, &takes_value, &fixed) : -1;
    if (id >= 0) {
        const char *value = NULL;
        if (!takes_value && eq) {
            usage_error("option --%s takes no value", flag);
            return -1;
        }
        if (takes_value && eq) {
            value = eq + 1;
        } else if (takes_value) {
            if (*i + 1 >= argc) {
                usage_error("option --%s needs a value", flag);
                return -1;
            }
            value = argv[++*i];
        }
        return set_limit(&inv->cfg, id, flag, value, fixed);
    }

    for (size_t k = 0; k < sizeof long_opts / sizeof long_opts[0]; k++) {
        const char *name = long_opts[k].name;
        if (strlen(name) != n || strncmp(arg, name, n) != 0)
            continue;
        const char *value = NULL;
        if (!long_opts[k].has_value) {
            if (eq) {
                usage_error("option --%s takes no value", name);
                return -1;
            }
        } else if (eq) {
            value = eq + 1;
        } else if (*i + 1 < argc) {
            value = argv[++*i];
        } else {
            usage_error("option --%s needs a value", name);
            return -1;
        }
        return set_option(inv, long_opts[k].id, name, value);
    }
    usage_error("unknown option '--%.*s'", (int)n, arg);
    return -1;
}

/* Fill inv from argv. Returns -1 after printing a usage error. */
static int parse_args(struct invocation *inv, int argc, char **argv)
{
    int i;

    for (i = 1; i < argc && inv->src == SRC_NONE; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { /* what follows is a FILE, even "-c" */
            if (i + 1 >= argc) {
                usage_error("'--' must be followed by a FILE");
                return -1;
            }
            inv->src = SRC_FILE;
            inv->src_arg = argv[++i];
        } else if (strncmp(a, "--", 2) == 0) {
            if (parse_long(inv, argc, argv, &i) < 0)
                return -1;
        } else if (strcmp(a, "-") == 0) {
            inv->src = SRC_STDIN;
        } else if (strncmp(a, "-c", 2) == 0) {
            inv->src = SRC_CODE;
            if (a[2] != '\0') {
                inv->src_arg = a + 2;
            } else if (i + 1 < argc) {
                inv->src_arg = argv[++i];
            } else {
                usage_error("option -c needs CODE");
                return -1;
            }
        } else if (strcmp(a, "-h") == 0) {
            inv->help = 1;
        } else if (strcmp(a, "-V") == 0) {
            inv->version = 1;
        } else if (a[0] == '-') {
            usage_error("unknown option '%s'", a);
            return -1;
        } else {
            inv->src = SRC_FILE;
            inv->src_arg = a;
        }
    }
    if (i < argc && !inv->help && !inv->version) {
        usage_error("unexpected argument '%s' after the program: arguments cannot be passed to it "
                    "(no sys.argv support yet), and options go before the program",
                    argv[i]);
        return -1;
    }
    return 0;
}

/* The program text, or -1 after a message (a usage error: exit 2). */
static int load_program(const struct invocation *inv, struct mpb_buf *prog)
{
    if (inv->src == SRC_CODE)
        return mpb_buf_append(prog, inv->src_arg, strlen(inv->src_arg)) < 0 ? -1 : 0;
    if (inv->src == SRC_STDIN) {
        if (app_read_fd(0, prog) < 0) {
            fprintf(stderr, "mpbox: cannot read the program from stdin: %s\n", strerror(errno));
            return -1;
        }
        return 0;
    }
    int fd = open(inv->src_arg, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "mpbox: cannot open '%s': %s\n", inv->src_arg, strerror(errno));
        return -1;
    }
    int rc = app_read_fd(fd, prog);
    if (rc < 0)
        fprintf(stderr, "mpbox: cannot read '%s': %s\n", inv->src_arg, strerror(errno));
    close(fd);
    return rc;
}

/* Give the runtime our limits as defaults for every session it creates
 * (the REPL makes a new one when a session is lost). */
static int apply_limits(mpbox_runtime *rt, const struct cli_config *c)
{
    /* in id order: deterministic mode before its seed (each re-seeds) */
    for (int id = 0; id < MPBOX_LIMIT_COUNT_; id++) {
        if (mpbox_runtime_limit(rt, id, c->limits[id]) < 0) {
            char flag[64];
            app_limit_flag_name(id, flag, sizeof flag);
            usage_error("--%s: value out of the range the library accepts", flag);
            return -1;
        }
    }
    for (int i = 0; i < c->nsqlites; i++) {
        const char *spec = c->sqlites[i], *eq = strchr(spec, '=');
        char name[160];
        snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
        if (access(eq + 1, R_OK) != 0) {
            usage_error("--sqlite '%s': %s", spec, strerror(errno));
            return -1;
        }
        int e = mpbox_runtime_add_sqlite(rt, name, eq + 1);
        if (e != MPBOX_OK) {
            usage_error("--sqlite '%s': %s", spec,
                        e == MPBOX_MISUSE ? "NAME must be a Python identifier" : mpbox_errstr(e));
            return -1;
        }
    }
    return 0;
}

int cli_main(int argc, char **argv)
{
    struct invocation inv = {0};
    app_limit_defaults(inv.cfg.limits);
    struct mpb_buf prog = {0};
    mpbox_runtime *rt = NULL;
    int status;

    /* `mpbox mcp [OPTION]...`: the options set the limits of the MCP
     * session; --return-mode=xml|json is the server's own. */
    int mcp = argc >= 2 && strcmp(argv[1], "mcp") == 0, mcp_json = 0;
    if (mcp) {
        int k = 1;
        for (int i = 2; i < argc; i++) {
            const char *a = argv[i], *mode = NULL;
            if (strncmp(a, "--return-mode=", 14) == 0)
                mode = a + 14;
            else if (strcmp(a, "--return-mode") == 0 && i + 1 < argc)
                mode = argv[++i];
            if (!mode) {
                argv[k++] = argv[i];
                continue;
            }
            if (strcmp(mode, "json") != 0 && strcmp(mode, "xml") != 0) {
                usage_error("--return-mode '%s': expected xml or json", mode);
                return APP_EXIT_USAGE;
            }
            mcp_json = strcmp(mode, "json") == 0;
        }
        argc = k;
    }
    if (parse_args(&inv, argc, argv) < 0)
        return APP_EXIT_USAGE;
    if (mcp && (inv.src != SRC_NONE || inv.cfg.json || inv.cfg.load_session || inv.cfg.save_session ||
                inv.cfg.output_dir)) {
        usage_error("mpbox mcp takes limit and file options only (no program, --json, --load-session, "
                    "--save-session or --output-dir)");
        return APP_EXIT_USAGE;
    }
    if (mcp && !inv.help && !inv.version) {
        signal(SIGPIPE, SIG_IGN);
        int rc = mpbox_runtime_new(&rt);
        if (rc != MPBOX_OK) {
            fprintf(stderr, "mpbox: cannot start the runtime: %s\n", mpbox_errstr(rc));
            return APP_EXIT_INTERNAL;
        }
        status = apply_limits(rt, &inv.cfg) < 0 ? APP_EXIT_USAGE : cli_mcp(rt, &inv.cfg, mcp_json);
        mpbox_runtime_free(rt);
        return status;
    }
    if (inv.help) {
        print_help();
        return APP_EXIT_OK;
    }
    if (inv.version) {
        printf("mpbox %s\n%s\nfuel: %s\n", mpbox_libversion(), MPBOX_GUEST_VERSION, mpbox_has_fuel() ? "yes" : "no");
        return APP_EXIT_OK;
    }

    int repl = inv.src == SRC_NONE && isatty(0);
    if (repl && inv.cfg.json) {
        usage_error("--json needs a program: FILE, -c CODE, or - for stdin");
        return APP_EXIT_USAGE;
    }
    if (inv.src == SRC_NONE)
        inv.src = repl ? SRC_NONE : SRC_STDIN;

    /* Before any thread exists, so that every thread inherits the mask. */
    if (cli_sigwatch_start(!repl) < 0) {
        fputs("mpbox: cannot start the Ctrl-C watcher thread\n", stderr);
        return APP_EXIT_INTERNAL;
    }
    /* A closed stdout must not kill us half-way through a run. */
    signal(SIGPIPE, SIG_IGN);

    if (!repl && load_program(&inv, &prog) < 0) {
        mpb_buf_free(&prog);
        return APP_EXIT_USAGE;
    }

    int rc = mpbox_runtime_new(&rt);
    if (rc != MPBOX_OK) {
        fprintf(stderr, "mpbox: cannot start the runtime: %s\n", mpbox_errstr(rc));
        mpb_buf_free(&prog);
        return APP_EXIT_INTERNAL;
    }
    if (apply_limits(rt, &inv.cfg) < 0)
        status = APP_EXIT_USAGE;
    else if (repl)
        status = cli_repl(rt, &inv.cfg);
    else
        status = cli_run_program(rt, &inv.cfg, prog.data, prog.len);

    mpbox_runtime_free(rt);
    mpb_buf_free(&prog);
    return status;
}
