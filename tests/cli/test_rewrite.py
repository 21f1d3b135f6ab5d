#!/usr/bin/env python3
"""Programs that go through the source rewriter (match, unpacking in
displays, f-string '='): line numbers, errors and side effects stay the
program's own (lib/python/_mpbox_rewrite.py, core/exec.c)."""
import json

from clitest import case, check, expect_rc, finish, require_binary, run, show

require_binary()

MATCH_ERROR = b"""x = 1
match x:
    case 1:
        y = 2
        raise ValueError('in case')
"""


@case
def test_traceback_line_in_match_body():
    p = run("-c", MATCH_ERROR)
    expect_rc(p, 1)
    err = p.stderr.decode()
    check('File "<stdin>", line 5, in <module>' in err, "line 5 expected: %s" % show(p.stderr))
    check("_mpbox_rewrite" not in err and "__mpbox" not in err, "helper frames leak: %s" % show(p.stderr))
    check(err.rstrip().endswith("ValueError: in case"), show(p.stderr))


@case
def test_real_syntax_error_is_reported_as_is():
    p = run("-c", b"x = [*a, *b]\nprint(1\n")
    expect_rc(p, 1)
    err = p.stderr.decode()
    check("SyntaxError" in err and "_mpbox_rewrite" not in err, show(p.stderr))
    check("line 2" in err or "line 3" in err, "the error's own line expected: %s" % show(p.stderr))


@case
def test_runtime_syntax_error_runs_once():
    # a SyntaxError raised by exec() at run time is the program's: the
    # program must not be run a second time
    p = run("-c", b"print('side effect')\nexec('match x:')\n")
    expect_rc(p, 1)
    check(p.stdout == b"side effect\n", "ran twice? stdout=%s" % show(p.stdout))


@case
def test_fstring_debug_uses_repr():
    p = run("-c", b"name = 'a'\nprint(f'{name=}', f'{name = !s}', f'{1+1=}')\n")
    expect_rc(p, 0)
    check(p.stdout == b"name='a' name = a 1+1=2\n", show(p.stdout))


@case
def test_fstring_false_alarm_unchanged():
    # '=' followed by ':' in a dict literal inside an f-string expression
    p = run("-c", b"d = {'k': 1}\nprint(f\"{d['k']}\", 'x' if 1 == 1 else 'y')\n")
    expect_rc(p, 0)
    check(p.stdout == b"1 x\n", show(p.stdout))


@case
def test_rewritten_program_in_json_mode():
    p = run("--json", "-c", b"a = [1]\nprint([*a, *a])\nmatch a:\n    case [v]:\n        print(v)\n")
    expect_rc(p, 0)
    doc = json.loads(p.stdout)
    check(doc["status"] == "ok" and doc["stdout"] == "[1, 1]\n1\n", show(p.stdout))


@case
def test_state_persists_between_rewritten_runs():
    import os
    import tempfile
    d = tempfile.mkdtemp()
    snap = os.path.join(d, "s.snap")
    p = run("--save-session", snap, "-c", b"match 3:\n    case n:\n        kept = [*range(n)]\n")
    expect_rc(p, 0)
    p = run("--load-session", snap, "-c", b"print(kept, n)\n")
    expect_rc(p, 0)
    check(p.stdout == b"[0, 1, 2] 3\n", show(p.stdout))


finish()
