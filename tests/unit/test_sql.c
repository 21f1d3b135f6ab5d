/*
 * test_sql.c — read_only_sql_query on a real SQLite file: both parameter
 * styles, value types, the row cap, the time limit, and every kind of
 * write refused with {"error": ...} while the file stays byte for byte the
 * same.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "mpbox.h"
#include "session.h"

static mpbox_runtime *rt;
static char db_path[256], dir_path[256];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

static int make_db(void)
{
    snprintf(dir_path, sizeof dir_path, "/tmp/mpbox-sql-XXXXXX");
    if (!mkdtemp(dir_path))
        return -1;
    snprintf(db_path, sizeof db_path, "%.200s/test.db", dir_path);
    sqlite3 *db;
    if (sqlite3_open(db_path, &db) != SQLITE_OK)
        return -1;
    const char *sql =
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB);"
        "INSERT INTO t VALUES (1, 'alice', 1.5, x'000102ff');"
        "INSERT INTO t VALUES (2, 'bob', NULL, NULL);"
        "INSERT INTO t VALUES (3, 'caf\xc3\xa9 \"q\"', -2.25, x'');"
        "CREATE TABLE big (n INTEGER);"
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2500) "
        "INSERT INTO big SELECT x FROM c;"
        "CREATE VIEW v AS SELECT name FROM t;"
        "CREATE INDEX ti ON t (name);";
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

static mpbox_session *sql_session(void)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        exit(1);
    return s;
}

static void expect_out(mpbox_session *s, const char *src, const char *want)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    if (!r)
        return;
    if (mpbox_result_status(r) != MPBOX_STATUS_OK)
        printf("    (error: %s: %s)\n", mpbox_result_error_type(r) ? mpbox_result_error_type(r) : "-",
               mpbox_result_error_message(r) ? mpbox_result_error_message(r) : "-");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), want);
    mpbox_result_free(r);
}

static void test_select(void)
{
    mpbox_session *s = sql_session();
    CHECK(mpbox_session_add_sqlite(s, "main", db_path) == MPBOX_OK);
    expect_out(s,
               "r = read_only_sql_query('main', 'select id, name, score, data from t order by id')\n"
               "print(r['columns'], r['truncated'])\n"
               "for row in r['rows']:\n"
               "    print(row)\n",
               "['id', 'name', 'score', 'data'] False\n"
               "[1, 'alice', 1.5, {'$base64': True, 'encoded': 'AAEC/w=='}]\n"
               "[2, 'bob', None, None]\n"
               "[3, 'caf\xc3\xa9 \"q\"', -2.25, {'$base64': True, 'encoded': ''}]\n");
    /* positional and named parameters, keyword arguments */
    expect_out(s,
               "print(read_only_sql_query('main', 'select name from t where id = ? or name = ? order by id', [2, 'alice'])['rows'])\n"
               "print(read_only_sql_query(database='main', sql='select :a + :b as s, :c as c', params={'a': 2, 'b': 2.5, 'c': None})['rows'])\n"
               "print(read_only_sql_query('main', 'select @x, $y', {'x': True, 'y': 'z'})['rows'])\n"
               "print(read_only_sql_query('main', 'select ?1 || ?1', ['ab'])['rows'])\n"
               "from host import read_only_sql_query as q\n"
               "print(q('main', 'select count(*) from v')['rows'])\n"
               "print(q('main', 'with recursive c(x) as (select 1 union all select x+1 from c where x<3) select x from c')['rows'])\n"
               "print(q('main', \"select name from pragma_table_info('t')\")['rows'])\n"
               "print(q('main', 'pragma table_info(t)')['rows'][0])\n"
               "print(q('main', 'select 1;  ')['rows'])\n",
               "[['alice'], ['bob']]\n"
               "[[4.5, None]]\n"
               "[[1, 'z']]\n"
               "[['abab']]\n"
               "[[3]]\n"
               "[[1], [2], [3]]\n"
               "[['id'], ['name'], ['score'], ['data']]\n"
               "[0, 'id', 'INTEGER', 0, None, 1]\n"
               "[[1]]\n");
    /* errors are values */
    expect_out(s,
               "print(read_only_sql_query('nope', 'select 1'))\n"
               "print(read_only_sql_query('main', 'select * from missing'))\n"
               "print(read_only_sql_query('main', 'select ?', []))\n"
               "print(read_only_sql_query('main', 'select :a', {}))\n"
               "print(read_only_sql_query('main', 'select :a', [1]))\n"
               "print(read_only_sql_query('main', 'select ?', {'a': 1}))\n"
               "print(read_only_sql_query('main', 'select ?', [[1]]))\n"
               "print(read_only_sql_query('main', 'select ?', [2**70]))\n"
               "print(read_only_sql_query('main', 'select 1; select 2'))\n"
               "print(read_only_sql_query('main', ''))\n"
               "print(read_only_sql_query('main', 'select ?', 5))\n",
               "{'error': 'unknown database: nope'}\n"
               "{'error': 'no such table: missing'}\n"
               "{'error': 'the query has 1 parameter(s), 0 given'}\n"
               "{'error': 'missing parameter: a'}\n"
               "{'error': 'named parameter :a needs params as a dict'}\n"
               "{'error': 'positional parameter 1 needs params as a list'}\n"
               "{'error': 'parameter 1: only None, bool, int, float and str can be bound'}\n"
               "{'error': 'parameter 1: int too large for SQLite'}\n"
               "{'error': 'only one SQL statement is allowed'}\n"
               "{'error': 'no SQL statement'}\n"
               "{'error': 'params must be a list, a dict or None'}\n");
    /* wrong calls raise */
    expect_out(s,
               "def t(f, *a, **k):\n"
               "    try:\n"
               "        f(*a, **k)\n"
               "    except Exception as e:\n"
               "        return type(e).__name__\n"
               "print(t(read_only_sql_query), t(read_only_sql_query, 1, 2), t(read_only_sql_query, 'main', 'x', None, 4),\n"
               "      t(read_only_sql_query, 'main', 'select 1', bogus=1), t(read_only_sql_query, 'main', sql='s', database='d'))\n",
               "TypeError TypeError TypeError TypeError TypeError\n");
    mpbox_session_free(s);
}

static void test_row_cap(void)
{
    mpbox_session *s = sql_session();
    mpbox_session_add_sqlite(s, "main", db_path);
    expect_out(s,
               "r = read_only_sql_query('main', 'select n from big')\n"
               "print(len(r['rows']), r['truncated'], r['rows'][-1])\n"
               "r = read_only_sql_query('main', 'select n from big limit 1000')\n"
               "print(len(r['rows']), r['truncated'])\n",
               "1000 True [1000]\n1000 False\n");
    mpbox_session_free(s);
}

static void test_time_limit(void)
{
    mpbox_session *s = sql_session();
    mpbox_session_add_sqlite(s, "main", db_path);
    mpbox_result *r = NULL;
    const char *src = "print(read_only_sql_query('main', 'with recursive c(x) as (select 1 union all select x+1 from c) "
                      "select count(*) from c'))\n";
    CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
    CHECK_STR(r ? mpbox_result_stdout(r, NULL) : NULL, "{'error': 'SQL query took too long (time limit 1000 ms)'}\n");
    CHECK(r && mpbox_result_host_ms(r) >= 900 && mpbox_result_host_ms(r) < 3000);
    mpbox_result_free(r);
    mpbox_session_free(s);
}

/* Every way of writing is refused, and the file does not change. */
static void test_writes_refused(void)
{
    static const char *const writes[] = {
        "insert into t (name) values ('x')",
        "update t set name = 'x'",
        "delete from t",
        "create table u (a)",
        "create temp table u (a)",
        "create index i on t (name)",
        "drop table t",
        "drop view v",
        "alter table t add column z",
        "replace into t (id, name) values (1, 'x')",
        "attach database '/tmp/mpbox-attached.db' as other",
        "attach ':memory:' as m",
        "detach database main",
        "pragma writable_schema = 1",
        "pragma writable_schema",
        "pragma journal_mode = delete",
        "pragma user_version = 5",
        "pragma foreign_keys = off",
        "vacuum",
        "vacuum into '/tmp/mpbox-vacuum.db'",
        "reindex",
        "analyze",
        "begin",
        "savepoint a",
        "select load_extension('/lib/x86_64-linux-gnu/libm.so.6')",
        "select writefile('/tmp/mpbox-w', 'x')",
        "with x as (select 1) insert into t (name) select 'y' from x",
        "create trigger tr after insert on t begin select 1; end",
        "update sqlite_master set sql = 'x'",
        "pragma main.writable_schema = 1",
    };
    mpbox_session *s = sql_session();
    mpbox_session_add_sqlite(s, "main", db_path);
    size_t len0;
    char *before = slurp(db_path, &len0);
    struct stat st0;
    CHECK(before && stat(db_path, &st0) == 0);
    for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
        char src[512];
        snprintf(src, sizeof src, "r = read_only_sql_query('main', \"%s\")\nprint(list(r.keys()))\n", writes[i]);
        mpbox_result *r = NULL;
        CHECK(mpbox_run(s, src, strlen(src), &r) == MPBOX_OK);
        const char *out = r ? mpbox_result_stdout(r, NULL) : "";
        if (strcmp(out, "['error']\n") != 0) {
            printf("    not refused: %s -> %s\n", writes[i], out);
            CHECK(0);
        }
        mpbox_result_free(r);
    }
    size_t len1;
    char *after = slurp(db_path, &len1);
    struct stat st1;
    CHECK(after && stat(db_path, &st1) == 0);
    CHECK(len0 == len1 && after && before && memcmp(before, after, len0) == 0);
    CHECK(st0.st_mtim.tv_sec == st1.st_mtim.tv_sec && st0.st_mtim.tv_nsec == st1.st_mtim.tv_nsec);
    CHECK(access("/tmp/mpbox-attached.db", F_OK) != 0);
    CHECK(access("/tmp/mpbox-vacuum.db", F_OK) != 0);
    CHECK(access("/tmp/mpbox-w", F_OK) != 0);
    free(before);
    free(after);
    /* still readable afterwards */
    expect_out(s, "print(read_only_sql_query('main', 'select count(*) from t')['rows'])\n", "[[3]]\n");
    mpbox_session_free(s);
}

static void test_registration(void)
{
    mpbox_runtime *rt2;
    CHECK(mpbox_runtime_new(&rt2) == MPBOX_OK);
    CHECK(mpbox_runtime_add_sqlite(rt2, "db", db_path) == MPBOX_OK);
    CHECK(mpbox_runtime_add_sqlite(rt2, "bad name", db_path) == MPBOX_MISUSE);
    CHECK(mpbox_runtime_add_sqlite(rt2, "x", "") == MPBOX_MISUSE);
    CHECK(mpbox_runtime_add_sqlite(NULL, "x", db_path) == MPBOX_MISUSE);
    mpbox_session *s;
    CHECK(mpbox_session_new(rt2, &s) == MPBOX_OK);
    CHECK(mpbox_session_add_sqlite(s, "missing", "/nonexistent/dir/x.db") == MPBOX_OK);
    expect_out(s,
               "print(read_only_sql_query('db', 'select 1 + 1')['rows'])\n"
               "print(read_only_sql_query('missing', 'select 1')['error'].startswith('cannot open the database'))\n",
               "[[2]]\nTrue\n");
    mpbox_session_free(s);
    mpbox_runtime_free(rt2);
}

int main(void)
{
    if (make_db() != 0) {
        printf("FAIL setup: cannot make the database\n");
        return 1;
    }
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        return 1;
    }
    stress_timeouts(rt);
    RUN(test_select);
    RUN(test_row_cap);
    RUN(test_time_limit);
    RUN(test_writes_refused);
    RUN(test_registration);
    mpbox_runtime_free(rt);
    unlink(db_path);
    rmdir(dir_path);
    CHECK_EXIT();
}
