#!/usr/bin/env python3
"""mpbox --sqlite NAME=PATH: read_only_sql_query on a real file, writes refused."""
import hashlib
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

tmp = tempfile.TemporaryDirectory()
DB = os.path.join(tmp.name, "fixtures.db")
con = sqlite3.connect(DB)
con.executescript("create table t (id integer primary key, name text);"
                  "insert into t values (1, 'alice'), (2, 'bob');")
con.commit()
con.close()


def digest():
    with open(DB, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest(), os.stat(DB).st_mtime_ns


@case
def test_select():
    p = run("--sqlite", "fx=" + DB, "-c",
            "r = read_only_sql_query('fx', 'select name from t where id > ? order by id', [0])\n"
            "print(r['columns'], r['rows'], r['truncated'])\n"
            "print(read_only_sql_query('fx', 'select :n as n', {'n': 5})['rows'])")
    expect_rc(p, 0)
    check(p.stdout == b"['name'] [['alice'], ['bob']] False\n[[5]]\n", "got %s" % show(p.stdout))


@case
def test_writes_refused():
    before = digest()
    prog = ("for q in ('delete from t', \"insert into t (name) values ('x')\", 'drop table t',\n"
            "          \"attach 'x.db' as x\", 'pragma writable_schema = 1', 'vacuum'):\n"
            "    print(sorted(read_only_sql_query('fx', q)))")
    p = run("--sqlite", "fx=" + DB, "-c", prog)
    expect_rc(p, 0)
    check(p.stdout == b"['error']\n" * 6, "got %s" % show(p.stdout))
    check(digest() == before, "the database file changed")


@case
def test_two_databases_and_json_stats():
    p = run("--json", "--sqlite", "a=" + DB, "--sqlite", "b=" + DB, "-c",
            "print(read_only_sql_query('b', 'select count(*) from t')['rows'])")
    expect_rc(p, 0)
    check(b'"stdout":"[[2]]\\n"' in p.stdout and b'"host_calls":1' in p.stdout, "got %s" % show(p.stdout))


@case
def test_bad_option():
    for spec in ("noequals", "=x", "x=", "bad-name=" + DB, "x=/nonexistent/file.db"):
        p = run("--sqlite", spec, "-c", "pass")
        expect_rc(p, 2)
        check(b"--sqlite" in p.stderr, "no message for %s: %s" % (spec, show(p.stderr)))


@case
def test_without_option():
    p = run("-c", "read_only_sql_query('fx', 'select 1')")
    expect_rc(p, 1)
    check(b"NameError" in p.stderr, "got %s" % show(p.stderr))


finish()
