#!/usr/bin/env python3
"""Hostile guest programs against the code mpbox adds to the guest: each
gets a Python exception or a clean status, never a hang or a crash.

Printing the uncaught exception runs the program's own code (__str__ of an
exception class, __str__ of an argument): whatever that raises is caught
where the traceback is printed (host/exc.c), as CPython prints
"<exception str() failed>", instead of spinning in nlr_jump_fail until the
time limit."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

FAILED = "<exception str() failed>"


def run_json(src, *opts):
    # a hang would show as status "timeout" (10 s), well inside TIMEOUT
    p = run("--json", "--timeout", "10", *opts, "-c", src)
    obj = json.loads(p.stdout)
    return p, obj


def last_line(text):
    lines = text.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


@case
def test_argument_str_raises():
    p, obj = run_json("class B:\n    def __str__(self): raise RuntimeError('no')\nraise ValueError(B())\n")
    expect_rc(p, 1)
    check(obj["status"] == "error" and obj["trap"] is None, "status %r trap %r" % (obj["status"], obj["trap"]))
    check(obj["error"]["type"] == "ValueError", "error %r" % obj["error"])
    check(last_line(obj["error"]["traceback"]) == "ValueError: " + FAILED, "stderr %s" % show(obj["error"]["traceback"]))
    check(obj["session"] != "rolled_back", "session %r" % obj["session"])


@case
def test_exception_repr_raises():
    # the last line of an instance of a Python class is str(e), as CPython's:
    # its __repr__ is not called
    p, obj = run_json("class E(Exception):\n    def __repr__(self): raise RuntimeError('no')\nraise E('m')\n")
    check(obj["status"] == "error", "status %r trap %r" % (obj["status"], obj["trap"]))
    check(obj["error"]["type"] == "E", "error %r" % obj["error"])
    check(last_line(obj["error"]["traceback"]) == "E: m", "stderr %s" % show(obj["error"]["traceback"]))


@case
def test_exception_str_raises():
    for exc in ("RuntimeError('no')", "SystemExit(3)"):
        p, obj = run_json("class E(Exception):\n    def __str__(self): raise %s\nraise E('m')\n" % exc)
        check(obj["status"] == "error", "status %r trap %r" % (obj["status"], obj["trap"]))
        check(obj["error"]["type"] == "E", "error %r" % obj["error"])
        check(last_line(obj["error"]["traceback"]) == "E: " + FAILED, "stderr %s" % show(obj["error"]["traceback"]))


@case
def test_keyerror_argument_repr_raises():
    # guest/excprint prints a KeyError's argument with repr()
    p, obj = run_json("class B:\n    def __repr__(self): raise RuntimeError('no')\nraise KeyError(B())\n")
    check(obj["status"] == "error", "status %r trap %r" % (obj["status"], obj["trap"]))
    check(last_line(obj["error"]["traceback"]) == "KeyError: " + FAILED, "stderr %s" % show(obj["error"]["traceback"]))


@case
def test_chain_member_repr_raises():
    # the context printed first fails; the rest of the chain is still printed
    src = ("class E(Exception):\n    def __str__(self): raise RuntimeError('no')\n"
           "try:\n    raise E()\nexcept E:\n    raise ValueError('v')\n")
    p, obj = run_json(src)
    err = obj["error"]["traceback"]
    check(obj["status"] == "error" and obj["error"]["type"] == "ValueError", "status %r error %r"
          % (obj["status"], obj["error"]))
    check(FAILED + "\n\nDuring handling of the above exception, another exception occurred:" in err,
          "stderr %s" % show(err, 600))
    check(last_line(err) == "ValueError: v", "stderr %s" % show(err, 600))


@case
def test_exit_inside_str_while_printing():
    src = "import sys\nclass B:\n    def __str__(self): sys.exit(3)\nraise ValueError(B())\n"
    p, obj = run_json(src)
    check(obj["status"] == "error" and obj["error"]["type"] == "ValueError", "status %r error %r"
          % (obj["status"], obj["error"]))
    check(last_line(obj["error"]["traceback"]) == "ValueError: " + FAILED, "stderr %s" % show(obj["error"]["traceback"]))


@case
def test_timeout_inside_str_while_printing():
    # the time limit's KeyboardInterrupt arrives while the traceback is
    # printed: the run ends "timeout" with the traceback, not a hard stop;
    # in an argument's __str__ (printed by the guest) and in an exception
    # class's (lib/python/_mpbox_exc.py writes its last line and swallows
    # what str() raises, as CPython does)
    loop = "    def __str__(self):\n        while True: pass\n"
    for src, line in (("class B:\n" + loop + "raise ValueError(B())\n", "ValueError: " + FAILED),
                      ("class E(Exception):\n" + loop + "raise E()\n", "E: " + FAILED)):
        p = run("--json", "--timeout", "1", "-c", src)
        obj = json.loads(p.stdout)
        check(obj["status"] == "timeout" and obj["trap"] is None, "status %r trap %r" % (obj["status"], obj["trap"]))
        check(last_line(obj["error"]["traceback"]) == line, "stderr %s" % show(obj["error"]["traceback"]))


@case
def test_print_exception_raises_where_it_is_called():
    # sys.print_exception has the program's handlers around it: the error
    # of an argument's __str__ reaches them, and the run goes on
    src = ("import sys\nclass B:\n    def __str__(self): raise RuntimeError('no')\n"
           "try:\n    raise ValueError(B())\nexcept ValueError as e:\n    try:\n        sys.print_exception(e)\n"
           "    except RuntimeError as r:\n        print('caught', r)\nprint('after')\n")
    p, obj = run_json(src)
    expect_rc(p, 0)
    check(obj["status"] == "ok", "status %r" % obj["status"])
    check(obj["stdout"].endswith("caught no\nafter\n"), "stdout %s" % show(obj["stdout"]))


finish()
