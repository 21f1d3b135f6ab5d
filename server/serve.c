/*
 * serve.c — `mpbox serve`: options, then the start-up order that the
 * worker design needs (the zygote is forked before any thread exists),
 * then wait for signals (SIGHUP: reload the token files; SIGINT/SIGTERM:
 * shut down in reverse order).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exit.h"
#include "limit_names.h"
#include "units.h"
#include "sessions.h"
#include "store.h"

__attribute__((format(printf, 1, 2))) static void usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("mpbox serve: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'mpbox serve --help' for more information.\n", stderr);
}

static void print_help(void)
{
    printf("Usage: mpbox serve [OPTION]...\n"
           "\n"
           "Serve sandboxed Python over HTTP: MCP (streamable HTTP) at /mcp and a JSON\n"
           "API at /v1/ (see docs/serve.md). Every session runs in its own worker process.\n"
           "\n"
           "Listening and access:\n"
           "      --listen HOST:PORT   address to listen on (default 127.0.0.1:8080; port 0\n"
           "                           picks a free port); the bound address is printed as\n"
           "                           'mpbox serve: listening on http://HOST:PORT'\n"
           "      --token TOKEN        accept 'Authorization: Bearer TOKEN' (repeatable;\n"
           "                           at least %d characters); sessions belong to the\n"
           "                           token that created them\n"
           "      --token-file FILE    tokens, one a line (# comments allowed); read\n"
           "                           again on SIGHUP\n"
           "      --metrics-token-file FILE\n"
           "                           tokens for /metrics, which then needs one of them\n"
           "                           (client tokens do not open it); read again on SIGHUP\n"
           "      --metrics-loopback   /metrics answers clients on a loopback address\n"
           "                           without a token (and, without a metrics token,\n"
           "                           no one else)\n"
           "      --insecure           allow a non-loopback --listen without tokens\n"
           "      --max-request SIZE   largest request body (default 32M)\n"
           "      --max-request-memory SIZE\n"
           "                           request bodies and workers' answers held at once,\n"
           "                           all requests together; past it 503 (default 256M)\n"
           "      --max-connections N  connections at once, one thread each (default %d)\n"
           "      --max-connections-per-client N\n"
           "                           connections one client address (IPv6: /64) may\n"
           "                           hold (default a quarter of --max-connections)\n"
           "      --connection-timeout SECONDS\n"
           "                           close connections idle this long (default %d)\n"
           "      --header-timeout SECONDS\n"
           "                           a request's line and headers must arrive within\n"
           "                           this of the connection's start or previous answer\n"
           "                           (default 10)\n"
           "      --min-rate SIZE      bytes a second a request body or a streamed answer\n"
           "                           must average after --header-timeout (default 1K;\n"
           "                           0 = none)"
           "      --log-requests       one line per request on stderr (client, token\n"
           "                           number, method, path, status, bytes, time)\n"
           "      --log-format=text|json\n"
           "                           the server's messages on stderr as text lines\n"
           "                           (default) or one JSON object a line\n"
           "      --playground         serve a page at / where a person runs Python in a\n"
           "                           session from a browser (docs/playground.md)\n"
           "\n",
           TOK_MIN_LEN, SRV_DEFAULT_MAX_CONNECTIONS, SRV_DEFAULT_CONN_TIMEOUT_S);
    printf("Sessions:\n"
           "      --max-sessions N     sessions held at once, live or evicted (default %d)\n"
           "      --max-sessions-per-token N\n"
           "                           sessions one token may hold (default: no limit\n"
           "                           but --max-sessions); past it 429\n"
           "      --idle-timeout SECONDS\n"
           "                           save idle sessions to disk and stop their worker\n"
           "                           (default 300; 0 = never); restored on next use\n"
           "      --session-ttl SECONDS\n"
           "                           delete sessions idle this long (default 86400;\n"
           "                           0 = never)\n"
           "      --memory-budget SIZE evict the least recently used idle sessions while\n"
           "                           the workers' resident memory exceeds SIZE\n"
           "      --state-dir DIR      where evicted sessions are kept (mode 0700; default\n"
           "                           a private temporary directory removed at exit);\n"
           "                           sessions there survive a restart: saved at exit,\n"
           "                           restored at their owner's next request\n"
           "      --snapshot-key-file FILE\n"
           "                           key (16-64 bytes) of the MAC snapshots carry;\n"
           "                           default: made in the state directory\n"
           "      --state-dir-budget SIZE\n"
           "                           bytes the state directory may hold (evicted\n"
           "                           sessions, snapshots in transit); past it sessions\n"
           "                           stay live and snapshot requests get 503 (default\n"
           "                           4G; 0 = no limit)\n"
           "      --busy=wait|refuse   a request on a session in use waits (default) or\n"
           "                           gets 409\n"
           "\n"
           "Replicas (docs/serve.md, \"Replicas\"):\n"
           "      --store redis://HOST:PORT[/DB]\n"
           "                           keep API sessions in Redis, shared by every replica\n"
           "                           started with the same store and --snapshot-key-file\n"
           "                           (which it then needs); each change is stored before\n"
           "                           it is answered\n"
           "      --store-password-file FILE\n"
           "                           Redis's password (AUTH), from a private file\n"
           "      --store-lease SECONDS  a session's lease on a replica lasts this long\n"
           "                           unless renewed: how soon a dead replica's sessions\n"
           "                           move on (default 10)\n"
           "\n"
           "MCP (/mcp, streamable HTTP; sessions get the limits below and every --sqlite):\n"
           "      --allow-origin ORIGIN  accept browser requests from ORIGIN besides the\n"
           "                           local ones (repeatable; * = any)\n"
           "      --mcp-return-mode=xml|json\n"
           "                           form of the tool result text (default xml)\n"
           "      --clip-output SIZE   bytes of each output a result keeps: its beginning\n"
           "                           and its end with a line \"[mpbox: N bytes left\n"
           "                           out]\"; for MCP tool results (default 20000) and\n"
           "                           the JSON API's runs (default: all; a request may\n"
           "                           say \"clip_output\"); 0 = all\n"
           "\n"
           "Limits of every session (defaults, and the most a client may ask for; as\n"
           "for mpbox, from the library's limit table):\n",
           SRV_DEFAULT_MAX_SESSIONS);
    app_limit_help();
    printf("\n"
           "Host resources:\n"
           "      --allow-mount DIR    sessions may mount directories under DIR read-only\n"
           "                           (repeatable)\n"
           "      --sqlite NAME=PATH   a database sessions may ask for by NAME (repeatable)\n"
           "      --max-oneshot N      one-shot runs (POST /v1/run) at once; more wait\n"
           "                           (default %d)\n"
           "      --oneshot-reuse N    runs of POST /v1/run one worker serves (default 64)\n"
           "      --no-seccomp         do not install the workers' seccomp filter (debugging)\n"
           "  -h, --help               show this help and exit\n",
           SRV_DEFAULT_MAX_ONESHOT);
}

static int add_token(struct srv_config *c, const char *t, const char *where)
{
    if (!tok_valid(t)) {
        usage_error("%s: a token must be %d to %d visible ASCII characters, without spaces", where, TOK_MIN_LEN,
                    TOK_MAX_LEN);
        return -1;
    }
    if (c->ntokens >= SRV_MAX_LIST) {
        usage_error("%s: at most %d tokens", where, SRV_MAX_LIST);
        return -1;
    }
    c->tokens[c->ntokens++] = t;
    return 0;
}

static int parse_int_option(const char *name, const char *value, long max, int *out)
{
    uint64_t n;
    const char *err = app_parse_uint(value, (uint64_t)max, &n);
    if (err) {
        usage_error("--%s '%s': %s", name, value, err);
        return -1;
    }
    *out = (int)n;
    return 0;
}

static const char *const value_opts[] = {
    "listen", "token", "token-file", "max-sessions", "idle-timeout", "session-ttl", "memory-budget", "state-dir",
    "busy", "max-request", "max-connections", "connection-timeout", "allow-mount", "sqlite", "oneshot-reuse",
    "allow-origin", "mcp-return-mode", "clip-output",
    "max-request-memory", "max-sessions-per-token", "max-oneshot", "snapshot-key-file", "metrics-token-file",
    "log-format", "max-connections-per-client", "header-timeout", "min-rate", "state-dir-budget", "store",
    "store-lease", "store-password-file"};
static const char *const flag_opts[] = {"insecure", "no-seccomp", "log-requests", "metrics-loopback",
                                        "playground", "help"};

static int set_option(struct srv_config *c, const char *name, const char *v, int *help)
{
    const char *err = NULL;
    int64_t ms;
    if (strcmp(name, "help") == 0)
        *help = 1;
    else if (strcmp(name, "insecure") == 0)
        c->insecure = 1;
    else if (strcmp(name, "no-seccomp") == 0)
        c->seccomp = 0;
    else if (strcmp(name, "log-requests") == 0)
        c->log_requests = 1;
    else if (strcmp(name, "metrics-loopback") == 0)
        c->metrics_loopback = 1;
    else if (strcmp(name, "playground") == 0)
        c->playground = 1;
    else if (strcmp(name, "log-format") == 0) {
        if (strcmp(v, "text") == 0 || strcmp(v, "json") == 0)
            c->log_json = strcmp(v, "json") == 0;
        else
            err = "expected text or json";
    } else if (strcmp(name, "token-file") == 0 || strcmp(name, "metrics-token-file") == 0) {
        const char **slot = name[0] == 't' ? &c->token_file : &c->metrics_token_file;
        if (*slot)
            err = "given twice";
        *slot = v;
    }
    else if (strcmp(name, "listen") == 0)
        c->listen = v;
    else if (strcmp(name, "allow-origin") == 0) {
        if (c->norigins >= SRV_MAX_LIST)
            err = "given too many times";
        else if (strcmp(v, "*") != 0 && strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
            err = "expected http://HOST[:PORT], https://HOST[:PORT] or *";
        else
            c->origins[c->norigins++] = v;
    } else if (strcmp(name, "clip-output") == 0) {
        err = app_parse_size(v, &c->clip_output);
        c->clip_given = 1;
    } else if (strcmp(name, "mcp-return-mode") == 0) {
        if (strcmp(v, "xml") == 0 || strcmp(v, "json") == 0)
            c->mcp_json = strcmp(v, "json") == 0;
        else
            err = "expected xml or json";
    }
    else if (strcmp(name, "token") == 0)
        return add_token(c, v, "--token");
    else if (strcmp(name, "max-sessions") == 0)
        return parse_int_option(name, v, 1000000, &c->max_sessions);
    else if (strcmp(name, "max-sessions-per-token") == 0)
        return parse_int_option(name, v, 1000000, &c->max_per_token);
    else if (strcmp(name, "max-oneshot") == 0) {
        if (parse_int_option(name, v, 100000, &c->max_oneshot) < 0)
            return -1;
        if (c->max_oneshot < 1)
            err = "must be at least 1";
    }
    else if (strcmp(name, "max-connections") == 0) {
        if (parse_int_option(name, v, 100000, &c->max_connections) < 0)
            return -1;
        if (c->max_connections < 1)
            err = "must be at least 1";
    } else if (strcmp(name, "max-connections-per-client") == 0) {
        if (parse_int_option(name, v, 100000, &c->max_per_client) < 0)
            return -1;
        if (c->max_per_client < 1)
            err = "must be at least 1";
    } else if (strcmp(name, "header-timeout") == 0) {
        err = app_parse_seconds(v, &c->header_timeout_ms);
        if (!err && (c->header_timeout_ms < 100 || c->header_timeout_ms > 3600000))
            err = "must be from 0.1 to 3600 seconds";
    } else if (strcmp(name, "min-rate") == 0)
        err = app_parse_size(v, &c->min_rate);
    else if (strcmp(name, "oneshot-reuse") == 0) {
        if (parse_int_option(name, v, 1000000, &c->oneshot_reuse) < 0)
            return -1;
        if (c->oneshot_reuse < 1)
            err = "must be at least 1";
    } else if (strcmp(name, "connection-timeout") == 0) {
        err = app_parse_seconds(v, &ms);
        if (!err && (ms < 1000 || ms > 86400000))
            err = "must be from 1 to 86400 seconds";
        c->conn_timeout_s = (int)(ms / 1000);
    } else if (strcmp(name, "idle-timeout") == 0)
        err = app_parse_seconds(v, &c->idle_ms);
    else if (strcmp(name, "session-ttl") == 0)
        err = app_parse_seconds(v, &c->ttl_ms);
    else if (strcmp(name, "memory-budget") == 0)
        err = app_parse_size(v, &c->memory_budget);
    else if (strcmp(name, "max-request") == 0) {
        err = app_parse_size(v, &c->max_request);
        if (!err && (c->max_request < 1024 || c->max_request > (1ull << 30)))
            err = "must be from 1K to 1G";
    } else if (strcmp(name, "max-request-memory") == 0) {
        err = app_parse_size(v, &c->body_budget);
        if (!err && c->body_budget < 1024)
            err = "must be at least 1K";
    } else if (strcmp(name, "state-dir") == 0)
        c->state_dir = v;
    else if (strcmp(name, "snapshot-key-file") == 0)
        c->snapshot_key_file = v;
    else if (strcmp(name, "store") == 0)
        c->store = v;
    else if (strcmp(name, "store-password-file") == 0)
        c->store_password_file = v;
    else if (strcmp(name, "store-lease") == 0) {
        err = app_parse_seconds(v, &c->store_lease_ms);
        if (!err && (c->store_lease_ms < 300 || c->store_lease_ms > 3600000))
            err = "must be from 0.3 to 3600 seconds";
    }
    else if (strcmp(name, "state-dir-budget") == 0)
        err = app_parse_size(v, &c->state_budget);
    else if (strcmp(name, "busy") == 0) {
        if (strcmp(v, "wait") == 0 || strcmp(v, "refuse") == 0)
            c->busy_refuse = strcmp(v, "refuse") == 0;
        else
            err = "expected 'wait' or 'refuse'";
    } else if (strcmp(name, "allow-mount") == 0) {
        char *real = realpath(v, NULL);
        struct stat st;
        if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode))
            err = real ? "not a directory" : strerror(errno);
        else if (c->nmount_roots >= SRV_MAX_LIST)
            err = "given too many times";
        else
            c->mount_roots[c->nmount_roots++] = real, real = NULL;
        free(real);
    } else if (strcmp(name, "sqlite") == 0) {
        const char *eq = strchr(v, '=');
        if (!eq || eq == v || eq[1] == '\0')
            err = "expected NAME=PATH";
        else if (access(eq + 1, R_OK) != 0)
            err = strerror(errno);
        else if (c->nsqlites >= SRV_MAX_LIST)
            err = "given too many times";
        else
            c->sqlites[c->nsqlites++] = v;
    }
    if (err) {
        usage_error("--%s '%s': %s", name, v, err);
        return -1;
    }
    return 0;
}

static int parse_args(struct srv_config *c, int argc, char **argv, int *help)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0) {
            *help = 1;
            continue;
        }
        if (strncmp(a, "--", 2) != 0) {
            usage_error("unexpected argument '%s'", a);
            return -1;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        char opt[32];
        if (n >= sizeof opt) {
            usage_error("unknown option '%s'", a);
            return -1;
        }
        memcpy(opt, name, n);
        opt[n] = '\0';
        int64_t fixed = 0;
        int takes = -1, limit = app_limit_flag(opt, &takes, &fixed);
        for (size_t k = 0; limit < 0 && k < sizeof value_opts / sizeof value_opts[0]; k++)
            if (strcmp(opt, value_opts[k]) == 0)
                takes = 1;
        for (size_t k = 0; limit < 0 && k < sizeof flag_opts / sizeof flag_opts[0]; k++)
            if (strcmp(opt, flag_opts[k]) == 0)
                takes = 0;
        if (takes < 0) {
            usage_error("unknown option '--%s'", opt);
            return -1;
        }
        const char *value = NULL;
        if (takes == 0 && eq) {
            usage_error("option --%s takes no value", opt);
            return -1;
        }
        if (takes == 1) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else {
                usage_error("option --%s needs a value", opt);
                return -1;
            }
        }
        if (limit >= 0) { /* a limit flag (app/limit_names.h), checked against the library's table */
            char msg[160];
            const char *err = value ? app_limit_parse(limit, value, &fixed, msg, sizeof msg) : NULL;
            if (err) {
                usage_error("--%s '%s': %s", opt, value, err);
                return -1;
            }
            app_limit_set(c->limits, limit, fixed);
        } else if (set_option(c, opt, value, help) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- the state directory ------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    remove(path); /* best effort: what cannot go stays */
    return 0;
}

/* The directory for evicted sessions: created private, or checked private.
 * *made: we created it (and remove it at exit). */
static char *prepare_state_dir(const char *given, int *made)
{
    *made = 0;
    if (!given) {
        const char *tmp = getenv("TMPDIR");
        char templ[PATH_MAX];
        snprintf(templ, sizeof templ, "%s/mpbox-serve-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
        if (!mkdtemp(templ)) {
            fprintf(stderr, "mpbox serve: cannot create a state directory in %s: %s\n",
                    tmp && tmp[0] == '/' ? tmp : "/tmp", strerror(errno));
            return NULL;
        }
        *made = 1;
        return strdup(templ);
    }
    if (mkdir(given, 0700) == 0)
        *made = 0;
    else if (errno != EEXIST) {
        usage_error("--state-dir '%s': %s", given, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (lstat(given, &st) < 0 || !S_ISDIR(st.st_mode)) {
        usage_error("--state-dir '%s': not a directory", given);
        return NULL;
    }
    if (st.st_uid != geteuid() || (st.st_mode & 077)) {
        usage_error("--state-dir '%s': must be owned by this user and private (chmod 700)", given);
        return NULL;
    }
    return realpath(given, NULL);
}

/* ---- main ----------------------------------------------------------------- */

int serve_main(int argc, char **argv)
{
    struct srv_config cfg = {
        .listen = "127.0.0.1:8080",
        .max_sessions = SRV_DEFAULT_MAX_SESSIONS,
        .idle_ms = SRV_DEFAULT_IDLE_MS,
        .ttl_ms = SRV_DEFAULT_TTL_MS,
        .max_request = SRV_DEFAULT_MAX_REQUEST,
        .body_budget = SRV_DEFAULT_BODY_BUDGET,
        .max_connections = SRV_DEFAULT_MAX_CONNECTIONS,
        .conn_timeout_s = SRV_DEFAULT_CONN_TIMEOUT_S,
        .header_timeout_ms = SRV_DEFAULT_HEADER_TIMEOUT_MS,
        .min_rate = SRV_DEFAULT_MIN_RATE,
        .state_budget = SRV_DEFAULT_STATE_BUDGET,
        .max_oneshot = SRV_DEFAULT_MAX_ONESHOT,
        .seccomp = 1,
        .oneshot_reuse = 64,
        .store_lease_ms = SRV_DEFAULT_STORE_LEASE_MS,
    };
    int help = 0, status = APP_EXIT_INTERNAL, made_dir = 0;
    char err[512] = "", bound[300];
    char *state_dir = NULL;
    struct store *store = NULL;
    struct srv srv = {.cfg = &cfg};
    if (tok_new(&srv.tokens) < 0) {
        fprintf(stderr, "mpbox serve: out of memory\n");
        return APP_EXIT_INTERNAL;
    }
    pthread_mutex_init(&srv.oneshot_lock, NULL);
    pthread_cond_init(&srv.oneshot_free, NULL);
    struct srv_http *http = NULL;
    app_limit_defaults(cfg.limits); /* the library's table: shown, and the ceiling of what clients ask for */

    if (parse_args(&cfg, argc, argv, &help) < 0) {
        status = APP_EXIT_USAGE;
        goto out;
    }
    if (help) {
        print_help();
        status = APP_EXIT_OK;
        goto out;
    }
    if (tok_load(srv.tokens, cfg.tokens, cfg.ntokens, cfg.token_file, cfg.metrics_token_file, err, sizeof err) < 0) {
        usage_error("%s", err);
        status = APP_EXIT_USAGE;
        goto out;
    }
    cfg.has_tokens = tok_client_count(srv.tokens) > 0;
    srv_log_set_json(cfg.log_json);
    if (cfg.max_per_client == 0)
        cfg.max_per_client = cfg.max_connections / 4 > 8 ? cfg.max_connections / 4 : 8;
    if (cfg.store && !cfg.snapshot_key_file) {
        usage_error("--store needs --snapshot-key-file: every replica must verify the snapshots the others wrote");
        status = APP_EXIT_USAGE;
        goto out;
    }
    if (!(state_dir = prepare_state_dir(cfg.state_dir, &made_dir))) {
        status = APP_EXIT_USAGE;
        goto out;
    }
    char store_password[SRV_SECRET_MAX + 1] = "";
    if (cfg.store_password_file &&
        srv_read_secret(cfg.store_password_file, "--store-password-file", store_password, SRV_SECRET_MAX, err,
                        sizeof err) < 0) {
        usage_error("%s", err);
        status = APP_EXIT_USAGE;
        goto out;
    }
    if (cfg.store) {
        struct store_config scfg = {
            .url = cfg.store,
            .password = store_password[0] ? store_password : NULL,
            .lease_ms = cfg.store_lease_ms,
            .ttl_ms = cfg.ttl_ms,
            .max_sessions = cfg.max_sessions,
            .max_per_owner = cfg.max_per_token,
            .compact_deltas = SRV_STORE_COMPACT_DELTAS,
            .compact_percent = SRV_STORE_COMPACT_PERCENT,
        };
        if (store_open(&scfg, &store, err, sizeof err) != STORE_OK) {
            usage_error("%s", err);
            status = APP_EXIT_USAGE;
            goto out;
        }
    }

    /* The zygote first: it must be forked while this process has one thread. */
    struct wk_config wcfg = {
        .sqlites = cfg.sqlites,
        .nsqlites = cfg.nsqlites,
        .mount_roots = cfg.mount_roots,
        .nmount_roots = cfg.nmount_roots,
        .seccomp = cfg.seccomp,
        .rlimit_cpu_s = 0,
        .oneshot_reuse = cfg.oneshot_reuse,
        .answers = &srv.memory,
    };
    srv.memory.cap = cfg.body_budget;
    memcpy(wcfg.limits, cfg.limits, sizeof wcfg.limits);
    if (srv_snapshot_key(cfg.snapshot_key_file, state_dir, wcfg.snapshot_key, &wcfg.snapshot_key_len, err,
                         sizeof err) < 0) {
        fprintf(stderr, "mpbox serve: %s\n", err);
        status = APP_EXIT_USAGE;
        goto out;
    }
    /* Workers apply the pool's limits over a loaded snapshot's: leave the
     * random state and clock mode of snapshots alone (sessions.c passes
     * each session's own). */
    wcfg.limits[MPBOX_LIMIT_DETERMINISTIC] = -1;
    wcfg.limits[MPBOX_LIMIT_SEED] = -1;
    if (wk_pool_start(&wcfg, &srv.pool, err, sizeof err) != WK_OK) {
        srv_log(SRV_ERROR, "start_failed", "cannot start the worker zygote: %s", err);
        goto out;
    }

    /* Each connection holds a descriptor and each live session two (its
     * channel and pidfd): raise the soft limit to the hard one (the
     * zygote, forked already, keeps its own), and say when even that is
     * short of what the options allow. */
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
        getrlimit(RLIMIT_NOFILE, &nofile);
        uint64_t need = (uint64_t)cfg.max_connections + 2ull * (uint64_t)cfg.max_sessions +
                        2ull * (uint64_t)cfg.max_oneshot + 64;
        if (nofile.rlim_cur != RLIM_INFINITY && nofile.rlim_cur < need)
            srv_log(SRV_WARN, "descriptor_limit",
                    "%llu file descriptors allowed, up to %llu may be needed "
                    "(--max-connections + 2 x --max-sessions + 2 x --max-oneshot); raise ulimit -n",
                    (unsigned long long)nofile.rlim_cur, (unsigned long long)need);
    }

    /* Every thread created from here on inherits this mask: the main
     * thread alone takes SIGINT, SIGTERM and SIGHUP, with sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    srv.started_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    struct sess_table_config tcfg = {
        .max_sessions = cfg.max_sessions,
        .max_per_owner = cfg.max_per_token,
        .idle_ms = cfg.idle_ms,
        .ttl_ms = cfg.ttl_ms,
        .memory_budget = cfg.memory_budget,
        .state_dir = state_dir,
        .persist = !made_dir && !store, /* with a store, sessions outlive a replica there */
        .tokens = srv.tokens,
        .ceilings = cfg.limits,
        .state_budget = cfg.state_budget,
        .store = store,
        .store_lease_ms = cfg.store_lease_ms,
        /* long enough for the holder to finish a run, or for a dead
         * holder's lease to expire */
        .store_wait_ms = (cfg.limits[MPBOX_LIMIT_TIMEOUT_MS] > cfg.store_lease_ms
                              ? cfg.limits[MPBOX_LIMIT_TIMEOUT_MS] : cfg.store_lease_ms) + 2000,
    };
    if (sess_table_new(&tcfg, srv.pool, &srv.metrics, &srv.sessions, err, sizeof err) != SESS_OK) {
        srv_log(SRV_ERROR, "start_failed", "%s", err);
        goto out;
    }
    int restored = sess_table_load(srv.sessions);
    if (restored > 0)
        srv_log(SRV_INFO, "sessions_found", "%d session(s) in the state directory, restored on their next use",
                restored);
    if (sess_janitor_start(srv.sessions, err, sizeof err) != SESS_OK) {
        srv_log(SRV_ERROR, "start_failed", "%s", err);
        goto out;
    }
    if (srv_mcp_start(&srv, err, sizeof err) < 0) {
        srv_log(SRV_ERROR, "start_failed", "MCP: %s", err);
        goto out;
    }
    if (srv_http_start(&srv, &http, bound, sizeof bound, err, sizeof err) < 0) {
        srv_log(SRV_ERROR, "start_failed", "%s", err);
        status = APP_EXIT_USAGE;
        goto out;
    }
    if (store)
        srv_log(SRV_INFO, "store", "sessions in the store at redis://%s (this replica: %s)", store_name(store),
                store_replica(store));
    srv_log(SRV_INFO, "listening", "listening on http://%s", bound);

    int sig = 0;
    for (;;) {
        if (sigwait(&stop, &sig) != 0)
            continue;
        if (sig != SIGHUP)
            break;
        /* Reload: the same checks as at start; all or nothing. */
        if (!cfg.token_file && !cfg.metrics_token_file)
            srv_log(SRV_INFO, "reload", "SIGHUP: no token file to read again");
        else if (tok_load(srv.tokens, cfg.tokens, cfg.ntokens, cfg.token_file, cfg.metrics_token_file, err,
                          sizeof err) < 0)
            srv_log(SRV_ERROR, "reload_failed", "SIGHUP: tokens not reloaded, the old ones stay: %s", err);
        else
            srv_log(SRV_INFO, "reload", "SIGHUP: tokens reloaded (%d client, %d metrics)",
                    tok_client_count(srv.tokens), tok_metrics_count(srv.tokens));
    }
    srv_log(SRV_INFO, "shutdown", "%s, shutting down", strsignal(sig));
    /* Interrupt every run in flight, session or one-shot, so that each is
     * answered ("interrupted"); srv_http_stop then gives the requests a
     * grace period and kills the workers that still hold one up. */
    atomic_store(&srv.closing, 1);
    sess_shutdown(srv.sessions);
    wk_pool_shutdown(srv.pool);
    pthread_mutex_lock(&srv.oneshot_lock);
    pthread_cond_broadcast(&srv.oneshot_free);
    pthread_mutex_unlock(&srv.oneshot_lock);
    status = APP_EXIT_OK;

out:
    srv_http_stop(http);
    srv_mcp_stop(&srv);
    sess_table_free(srv.sessions);
    store_close(store);
    if (srv.pool)
        wk_pool_stop(srv.pool);
    if (state_dir && made_dir)
        nftw(state_dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(state_dir);
    for (int i = 0; i < cfg.nmount_roots; i++)
        free((char *)cfg.mount_roots[i]);
    tok_free(srv.tokens);
    return status;
}
