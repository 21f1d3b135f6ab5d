/*
 * sql.c — the built-in host function read_only_sql_query(database, sql,
 * params=None) on SQLite databases registered with mpbox_*_add_sqlite.
 *
 * Each query opens the file read-only (SQLITE_OPEN_READONLY, no URI), turns
 * extension loading off, sets defensive mode, allows no attached databases,
 * and installs an authorizer that lets through only reading: SELECT, reads
 * of columns, functions other than load_extension, recursive CTEs and a
 * list of PRAGMAs that only report (table_info(t) and the like). The
 * prepared statement must also be read-only by sqlite3_stmt_readonly, and
 * be the only statement. A progress handler stops it after
 * MPBOX_SQL_TIME_LIMIT_MS; at most MPBOX_SQL_MAX_ROWS rows are returned.
 * Errors are values: {"error": "..."}.
 */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* ---- a small reader for the canonical JSON of the arguments --------------- */

typedef struct jv {
    char type; /* 'n' null, 'b' bool, 'i' int, 'f' float, 's' str, 'a' array, 'o' object */
    const char *text; /* where the value starts */
    size_t len;       /* its length in the text */
} jv;

/* The end of the canonical value at p. */
static const char *skip_value(const char *p)
{
    if (*p == '"') {
        for (p++; *p != '"'; p++)
            if (*p == '\\')
                p++;
        return p + 1;
    }
    if (*p == '[' || *p == '{') {
        int depth = 0;
        for (;; p++) {
            if (*p == '"') {
                p = skip_value(p) - 1;
            } else if (*p == '[' || *p == '{') {
                depth++;
            } else if (*p == ']' || *p == '}') {
                if (--depth == 0)
                    return p + 1;
            }
        }
    }
    while (*p && *p != ',' && *p != ']' && *p != '}')
        p++;
    return p;
}

static jv value_at(const char *p)
{
    jv v = {0, p, 0};
    const char *e = skip_value(p);
    v.len = (size_t)(e - p);
    switch (*p) {
    case 'n': v.type = 'n'; break;
    case 't': case 'f': v.type = 'b'; break;
    case '"': v.type = 's'; break;
    case '[': v.type = 'a'; break;
    case '{': v.type = 'o'; break;
    default: v.type = memchr(p, '.', v.len) || memchr(p, 'e', v.len) || memchr(p, 'E', v.len) ? 'f' : 'i';
    }
    return v;
}

/* Element i of an array (0 when absent). */
static int array_get(jv a, size_t i, jv *out)
{
    const char *p = a.text + 1;
    for (size_t k = 0; *p != ']'; k++) {
        jv v = value_at(p);
        if (k == i) {
            *out = v;
            return 1;
        }
        p += v.len;
        if (*p == ',')
            p++;
    }
    return 0;
}

static size_t array_len(jv a)
{
    size_t n = 0;
    jv v;
    while (array_get(a, n, &v))
        n++;
    return n;
}

/* Decode a canonical string (only \" \\ \n \r \t \b \f \u00XX escapes). */
static char *str_decode(jv s, size_t *len)
{
    char *o = malloc(s.len + 1);
    if (!o)
        return NULL;
    size_t j = 0;
    for (size_t i = 1; i + 1 < s.len; i++) {
        char c = s.text[i];
        if (c != '\\') {
            o[j++] = c;
            continue;
        }
        c = s.text[++i];
        switch (c) {
        case 'n': o[j++] = '\n'; break;
        case 'r': o[j++] = '\r'; break;
        case 't': o[j++] = '\t'; break;
        case 'b': o[j++] = '\b'; break;
        case 'f': o[j++] = '\f'; break;
        case 'u': o[j++] = (char)strtol((char[]){s.text[i + 3], s.text[i + 4], 0}, NULL, 16); i += 4; break;
        default: o[j++] = c; break;
        }
    }
    o[j] = '\0';
    if (len)
        *len = j;
    return o;
}

/* Member `key` of an object. */
static int object_get(jv o, const char *key, jv *out)
{
    const char *p = o.text + 1;
    while (*p != '}') {
        jv k = value_at(p);
        size_t klen;
        char *ks = str_decode(k, &klen);
        p += k.len + 1; /* ':' */
        jv v = value_at(p);
        int match = ks && strcmp(ks, key) == 0;
        free(ks);
        if (match) {
            *out = v;
            return 1;
        }
        p += v.len;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* ---- the query ------------------------------------------------------------ */

static const char *const read_pragmas[] = {
    "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "collation_list", "function_list", "module_list", "pragma_list", "database_list", "table_list",
    "compile_options", NULL,
};

static int authorize(void *user, int action, const char *a, const char *b, const char *db, const char *trigger)
{
    (void)user, (void)db, (void)trigger;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        /* b is the function's name */
        if (b && (sqlite3_stricmp(b, "load_extension") == 0 || sqlite3_stricmp(b, "fts3_tokenizer") == 0 ||
                  sqlite3_stricmp(b, "writefile") == 0 || sqlite3_stricmp(b, "readfile") == 0 ||
                  sqlite3_stricmp(b, "edit") == 0))
            return SQLITE_DENY;
        return SQLITE_OK;
    case SQLITE_UPDATE:
        /* SQLite asks this while it sets up a pragma table-valued function
         * (pragma_table_info('t')); a real UPDATE of the schema table is
         * still refused: the statement must be read-only
         * (sqlite3_stmt_readonly) and the file is opened read-only */
        if (a && (strcmp(a, "sqlite_master") == 0 || strcmp(a, "sqlite_temp_master") == 0))
            return SQLITE_OK;
        return SQLITE_DENY;
    case SQLITE_PRAGMA:
        /* only pragmas that report, whatever their argument (a table
         * name); all others, read or set, are refused */
        if (!a)
            return SQLITE_DENY;
        for (int i = 0; read_pragmas[i]; i++)
            if (sqlite3_stricmp(a, read_pragmas[i]) == 0)
                return SQLITE_OK;
        return SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

/* The progress handler runs every PROGRESS_STEPS virtual-machine steps:
 * it charges their fuel and stops the statement when the run's fuel is
 * spent, the run is being stopped (its timeout, an interrupt) or the
 * query's own time limit has passed. */
#define PROGRESS_STEPS 1000
typedef struct progress_state {
    mpbox_call *call;
    uint64_t at;       /* the query's time limit */
    uint64_t charged;  /* fuel charged by the handler */
    int expired, out_of_fuel, stopped;
} progress_state;

static int progress(void *user)
{
    progress_state *d = user;
    d->charged += (uint64_t)PROGRESS_STEPS * MPB_FUEL_PER_SQL_STEP;
    if (mpb_call_charge(d->call, (uint64_t)PROGRESS_STEPS * MPB_FUEL_PER_SQL_STEP) != 0) {
        d->out_of_fuel = 1;
        return 1;
    }
    if (mpb_call_stopping(d->call)) {
        d->stopped = 1;
        return 1;
    }
    if (mpb_now_ns() >= d->at) {
        d->expired = 1;
        return 1;
    }
    return 0;
}

static int reply_error(mpbox_call *call, const char *msg)
{
    struct mpb_buf b = {0};
    mpb_json_put(&b, "{\"error\":");
    mpb_json_put_str(&b, msg, strlen(msg));
    mpb_json_put(&b, "}");
    int rc = b.failed ? MPBOX_NOMEM : mpbox_reply_json(call, b.data, b.len);
    mpb_buf_free(&b);
    return rc == MPBOX_OK ? 0 : -1;
}

static int bind_value(sqlite3_stmt *st, int i, jv v, char *err, size_t errlen)
{
    switch (v.type) {
    case 'n': return sqlite3_bind_null(st, i);
    case 'b': return sqlite3_bind_int(st, i, v.text[0] == 't');
    case 'i': {
        char tmp[32];
        if (v.len >= sizeof tmp) {
            snprintf(err, errlen, "parameter %d: int too large for SQLite", i);
            return SQLITE_RANGE;
        }
        memcpy(tmp, v.text, v.len);
        tmp[v.len] = '\0';
        char *end;
        errno = 0;
        long long n = strtoll(tmp, &end, 10);
        if (errno) {
            snprintf(err, errlen, "parameter %d: int too large for SQLite", i);
            return SQLITE_RANGE;
        }
        return sqlite3_bind_int64(st, i, n);
    }
    case 'f': {
        char tmp[MPB_JSON_MAX_DIGITS + 16];
        size_t n = v.len < sizeof tmp - 1 ? v.len : sizeof tmp - 1;
        memcpy(tmp, v.text, n);
        tmp[n] = '\0';
        return sqlite3_bind_double(st, i, strtod(tmp, NULL));
    }
    case 's': {
        size_t n;
        char *s = str_decode(v, &n);
        if (!s)
            return SQLITE_NOMEM;
        return sqlite3_bind_text64(st, i, s, n, free, SQLITE_UTF8);
    }
    default:
        snprintf(err, errlen, "parameter %d: only None, bool, int, float and str can be bound", i);
        return SQLITE_MISMATCH;
    }
}

static int bind_params(sqlite3_stmt *st, jv params, int have, char *err, size_t errlen)
{
    int n = sqlite3_bind_parameter_count(st);
    if (!have || params.type == 'n') {
        if (n > 0) {
            snprintf(err, errlen, "the query has %d parameter(s) and none were given", n);
            return -1;
        }
        return 0;
    }
    if (params.type == 'a') {
        size_t given = array_len(params);
        if (given != (size_t)n) {
            snprintf(err, errlen, "the query has %d parameter(s), %zu given", n, given);
            return -1;
        }
        for (int i = 1; i <= n; i++) {
            const char *name = sqlite3_bind_parameter_name(st, i);
            if (name && name[0] != '?') {
                snprintf(err, errlen, "named parameter %s needs params as a dict", name);
                return -1;
            }
            jv v;
            array_get(params, (size_t)i - 1, &v);
            if (bind_value(st, i, v, err, errlen) != SQLITE_OK) {
                if (!err[0])
                    snprintf(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(st)));
                return -1;
            }
        }
        return 0;
    }
    if (params.type == 'o') {
        for (int i = 1; i <= n; i++) {
            const char *name = sqlite3_bind_parameter_name(st, i);
            if (!name || name[0] == '?') {
                snprintf(err, errlen, "positional parameter %d needs params as a list", i);
                return -1;
            }
            jv v;
            if (!object_get(params, name + 1, &v)) {
                snprintf(err, errlen, "missing parameter: %s", name + 1);
                return -1;
            }
            if (bind_value(st, i, v, err, errlen) != SQLITE_OK) {
                if (!err[0])
                    snprintf(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(st)));
                return -1;
            }
        }
        return 0;
    }
    snprintf(err, errlen, "params must be a list, a dict or None");
    return -1;
}

static void put_blob(struct mpb_buf *b, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    mpb_json_put(b, "{\"$base64\":true,\"encoded\":\"");
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        q[0] = tab[v >> 18 & 63];
        q[1] = tab[v >> 12 & 63];
        q[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? tab[v & 63] : '=';
        mpb_buf_append(b, q, 4);
    }
    mpb_json_put(b, "\"}");
}

static int run_query(mpbox_call *call, const char *path, const char *sql, size_t sql_len, jv params, int have_params)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char err[512] = "";
    struct mpb_buf b = {0};
    progress_state d = {call, 0, 0, 0, 0, 0};
    if (mpb_call_charge(call, MPB_FUEL_SQL_QUERY) != 0)
        return reply_error(call, "out of fuel");
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, sizeof err, "cannot open the database: %s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        goto done;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
#endif
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 << 20);
    sqlite3_set_authorizer(db, authorize, NULL);
    d.at = mpb_now_ns() + (uint64_t)MPBOX_SQL_TIME_LIMIT_MS * 1000000u;
    sqlite3_progress_handler(db, PROGRESS_STEPS, progress, &d);

    const char *tail = NULL;
    rc = sqlite3_prepare_v2(db, sql, (int)sql_len, &st, &tail);
    if (rc != SQLITE_OK || !st) {
        snprintf(err, sizeof err, "%s", rc != SQLITE_OK ? sqlite3_errmsg(db) : "no SQL statement");
        goto done;
    }
    while (tail && tail < sql + sql_len && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r' || *tail == ';'))
        tail++;
    if (tail && tail < sql + sql_len) {
        snprintf(err, sizeof err, "only one SQL statement is allowed");
        goto done;
    }
    if (!sqlite3_stmt_readonly(st)) {
        snprintf(err, sizeof err, "only read-only statements are allowed");
        goto done;
    }
    if (bind_params(st, params, have_params, err, sizeof err) != 0)
        goto done;
    int ncol = sqlite3_column_count(st);
    mpb_json_put(&b, "{\"columns\":[");
    for (int c = 0; c < ncol; c++) {
        const char *name = sqlite3_column_name(st, c);
        if (c)
            mpb_buf_append(&b, ",", 1);
        mpb_json_put_str(&b, name ? name : "", name ? strlen(name) : 0);
    }
    mpb_json_put(&b, "],\"rows\":[");
    int rows = 0, truncated = 0;
    char num[64];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (rows == MPBOX_SQL_MAX_ROWS) {
            truncated = 1;
            break;
        }
        mpb_json_put(&b, rows ? ",[" : "[");
        for (int c = 0; c < ncol; c++) {
            if (c)
                mpb_buf_append(&b, ",", 1);
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_INTEGER:
                snprintf(num, sizeof num, "%lld", (long long)sqlite3_column_int64(st, c));
                mpb_json_put(&b, num);
                break;
            case SQLITE_FLOAT: {
                double v = sqlite3_column_double(st, c);
                if (!isfinite(v)) {
                    mpb_json_put(&b, "null");
                } else {
                    snprintf(num, sizeof num, "%.17g", v);
                    if (!strpbrk(num, ".eE"))
                        strcat(num, ".0");
                    mpb_json_put(&b, num);
                }
                break;
            }
            case SQLITE_TEXT:
                mpb_json_put_str(&b, (const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
                break;
            case SQLITE_BLOB:
                put_blob(&b, sqlite3_column_blob(st, c), (size_t)sqlite3_column_bytes(st, c));
                break;
            default:
                mpb_json_put(&b, "null");
            }
        }
        mpb_buf_append(&b, "]", 1);
        rows++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        if (d.out_of_fuel)
            snprintf(err, sizeof err, "out of fuel");
        else if (d.stopped)
            snprintf(err, sizeof err, "interrupted");
        else if (d.expired)
            snprintf(err, sizeof err, "SQL query took too long (time limit %d ms)", MPBOX_SQL_TIME_LIMIT_MS);
        else
            snprintf(err, sizeof err, "%s", sqlite3_errmsg(db));
        goto done;
    }
    mpb_json_put(&b, truncated ? "],\"truncated\":true}" : "],\"truncated\":false}");
done:
    if (st) {
        /* the exact count: the handler charged whole batches */
        uint64_t steps = (uint64_t)sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
        if (steps * MPB_FUEL_PER_SQL_STEP > d.charged)
            mpb_call_charge(call, steps * MPB_FUEL_PER_SQL_STEP - d.charged);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    int result;
    if (err[0])
        result = reply_error(call, err);
    else if (b.failed)
        result = -1;
    else if (mpbox_reply_json(call, b.data, b.len) != MPBOX_OK)
        result = reply_error(call, "the result is too large");
    else
        result = 0;
    mpb_buf_free(&b);
    return result;
}

int mpb_sql_fn(void *user, const char *args_json, size_t len, mpbox_call *call)
{
    (void)user, (void)len;
    mpbox_session *s = mpb_call_session(call);
    jv all = value_at(args_json), args, kwargs;
    object_get(all, "args", &args);
    object_get(all, "kwargs", &kwargs);
    jv dbname, sql, params;
    int have_db = array_get(args, 0, &dbname), have_sql = array_get(args, 1, &sql);
    int have_params = array_get(args, 2, &params);
    jv extra;
    if (array_get(args, 3, &extra))
        return mpbox_reply_error(call, "TypeError", "read_only_sql_query() takes at most 3 arguments") ? -1 : 0;
    const char *names[] = {"database", "sql", "params"};
    jv *slots[] = {&dbname, &sql, &params};
    int *have[] = {&have_db, &have_sql, &have_params};
    size_t found = 0, nkw = 0;
    for (int i = 0; i < 3; i++) {
        jv v;
        if (object_get(kwargs, names[i], &v)) {
            if (*have[i])
                return mpbox_reply_error(call, "TypeError",
                                         "read_only_sql_query() got multiple values for an argument") ? -1 : 0;
            *slots[i] = v;
            *have[i] = 1;
            found++;
        }
    }
    for (const char *p = kwargs.text + 1; *p != '}'; nkw++) {
        p += value_at(p).len + 1; /* key and ':' */
        p += value_at(p).len;
        if (*p == ',')
            p++;
    }
    if (nkw > found)
        return mpbox_reply_error(call, "TypeError", "read_only_sql_query() got an unexpected keyword argument") ? -1 : 0;
    if (!have_db || !have_sql)
        return mpbox_reply_error(call, "TypeError", "read_only_sql_query() needs database and sql") ? -1 : 0;
    if (dbname.type != 's' || sql.type != 's')
        return mpbox_reply_error(call, "TypeError", "database and sql must be str") ? -1 : 0;
    char *name = str_decode(dbname, NULL);
    size_t sql_len;
    char *text = str_decode(sql, &sql_len);
    int result = -1;
    if (name && text) {
        const char *path = NULL;
        for (size_t i = 0; i < s->host_reg.ndbs; i++)
            if (strcmp(s->host_reg.dbs[i].name, name) == 0)
                path = s->host_reg.dbs[i].path;
        if (!path) {
            char msg[256];
            snprintf(msg, sizeof msg, "unknown database: %.128s", name);
            result = reply_error(call, msg);
        } else if (sql_len > INT32_MAX / 2) {
            result = reply_error(call, "the SQL text is too long");
        } else {
            result = run_query(call, path, text, sql_len, params, have_params);
        }
    }
    free(name);
    free(text);
    return result;
}
