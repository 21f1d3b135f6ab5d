"""Shared helpers for the mpbox command tests (python3 stdlib only).

Protocol of the test runner: one line per case, "PASS name" or
"FAIL name: reason"; the script exits non-zero if any case failed.
The binary is $MPBOX, or build/mpbox relative to the repository root.
"""
import os
import re
import subprocess
import sys
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MPBOX = os.path.abspath(os.environ.get("MPBOX") or os.path.join(ROOT, "build", "mpbox"))
# The version, from its one home (include/mpbox.h).
VERSION = ".".join(re.findall(r"^#define MPBOX_VERSION_(?:MAJOR|MINOR|PATCH) (\d+)$",
                              open(os.path.join(ROOT, "include", "mpbox.h")).read(), re.M))

# Every subprocess gets this long at most, so that a hang fails one case
# instead of stalling the whole suite.
TIMEOUT = 20

_failed = []


class Fail(Exception):
    pass


def check(cond, reason):
    if not cond:
        raise Fail(reason)


def case(fn):
    """Run fn() now and print its PASS/FAIL line."""
    name = fn.__name__
    if name.startswith("test_"):
        name = name[5:]
    try:
        fn()
    except Fail as e:
        _failed.append(name)
        print("FAIL %s: %s" % (name, e), flush=True)
    except Exception as e:  # a bug in the test or a crash: still one line
        _failed.append(name)
        last = traceback.extract_tb(e.__traceback__)[-1]
        print("FAIL %s: %s: %s (line %d)" % (name, type(e).__name__, e, last.lineno), flush=True)
    else:
        print("PASS %s" % name, flush=True)
    return fn


def run(*args, stdin=b"", timeout=TIMEOUT):
    """Run mpbox with args; returns CompletedProcess with bytes stdout/stderr."""
    return subprocess.run([MPBOX] + list(args), input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def show(b, limit=200):
    """A short printable form of some output, for failure messages."""
    s = repr(b)
    return s if len(s) <= limit else s[:limit] + "..."


def expect_rc(p, rc):
    check(p.returncode == rc, "exit status %d, expected %d; stdout=%s stderr=%s"
          % (p.returncode, rc, show(p.stdout), show(p.stderr)))


def finish():
    sys.exit(1 if _failed else 0)


def require_binary():
    if not os.access(MPBOX, os.X_OK):
        print("FAIL setup: no executable at %s (set MPBOX)" % MPBOX)
        sys.exit(1)
