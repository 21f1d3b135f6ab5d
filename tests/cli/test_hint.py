#!/usr/bin/env python3
"""mpbox prints a hint on a known MicroPython difference: "hint: ..." on
stderr right after the traceback, and "hint" in --json (null otherwise)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

HINTED = "import os\nprint(os.system('ls'))\n"


@case
def test_text_mode_hint_after_traceback():
    p = run("-c", HINTED)
    expect_rc(p, 1)
    err = p.stderr.decode()
    lines = err.splitlines()
    check(len(lines) >= 2, "stderr: %s" % show(p.stderr))
    check(lines[-2] == "AttributeError: module 'os' has no attribute 'system'", "stderr: %s" % show(p.stderr))
    check(lines[-1].startswith("hint: There are no processes in the sandbox"),
          "stderr: %s" % show(p.stderr))
    check(p.stdout == b"", "stdout: %s" % show(p.stdout))


@case
def test_syntax_hint_from_a_file():
    path = "/tmp/mpbox-test-hint-%d.py" % os.getpid()
    with open(path, "w") as f:
        f.write("try:\n    print('x')\nexcept* ValueError:\n    pass\n")
    try:
        p = run(path)
    finally:
        os.unlink(path)
    expect_rc(p, 1)
    err = p.stderr.decode()
    check("SyntaxError: invalid syntax\nhint: MicroPython has no exception groups (except*)" in err,
          "stderr: %s" % show(p.stderr))


@case
def test_no_hint_for_ordinary_errors():
    p = run("-c", "raise ValueError('bad input')")
    expect_rc(p, 1)
    check(b"ValueError: bad input" in p.stderr, "stderr: %s" % show(p.stderr))
    check(b"hint:" not in p.stderr, "unexpected hint: %s" % show(p.stderr))


@case
def test_json_hint_field():
    p = run("--json", "-c", "import pandas as pd\n")
    expect_rc(p, 1)
    obj = json.loads(p.stdout)
    check(obj["status"] == "error", "status %r" % obj["status"])
    check(isinstance(obj["hint"], str) and "'pandas' is a third-party package" in obj["hint"],
          "hint %r" % obj.get("hint"))
    check(b"hint:" not in p.stderr, "--json printed on stderr: %s" % show(p.stderr))


@case
def test_json_hint_null():
    for code in ("print(1)", "raise KeyError('k')", "import sys\nsys.exit(3)"):
        p = run("--json", "-c", code)
        obj = json.loads(p.stdout)
        check("hint" in obj and obj["hint"] is None, "%r: hint %r" % (code, obj.get("hint")))


finish()
