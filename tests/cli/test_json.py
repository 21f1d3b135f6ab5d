#!/usr/bin/env python3
"""mpbox --json: exactly one JSON object on stdout, whatever the guest does."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import Fail, case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

STATUSES = {"ok", "error", "timeout", "out_of_memory", "output_truncated", "trap", "interrupted"}


def one_object(p):
    """Parse p.stdout as exactly one JSON object (plus a final newline)."""
    out = p.stdout
    check(out.endswith(b"\n"), "stdout does not end in a newline: %s" % show(out[-80:]))
    try:
        text = out.decode("utf-8")  # strict: the library must emit valid UTF-8
    except UnicodeDecodeError as e:
        raise Fail("stdout is not UTF-8: %s" % e)
    obj, end = json.JSONDecoder().raw_decode(text)
    check(text[end:] == "\n", "more than one object or trailing text: %s" % show(text[end:]))
    check(isinstance(obj, dict), "not an object: %s" % show(obj))
    check_shape(obj)
    return obj


def check_shape(o):
    for key, types in (("status", str), ("stdout", str), ("stderr", str), ("stdout_truncated", bool),
                       ("stderr_truncated", bool), ("session", str), ("stats", dict)):
        check(key in o, "missing %s" % key)
        check(isinstance(o[key], types), "%s is %s" % (key, type(o[key]).__name__))
    check(o["status"] in STATUSES, "status %r" % o["status"])
    check(o["session"] in ("kept", "rolled_back", "lost"), "session %r" % o["session"])
    check("error" in o and (o["error"] is None or isinstance(o["error"], dict)), "error %r" % o.get("error"))
    if o["error"] is not None:
        for key in ("type", "message", "traceback"):
            check(isinstance(o["error"].get(key), str), "error.%s is %r" % (key, o["error"].get(key)))
    check("exit_code" in o and (o["exit_code"] is None or type(o["exit_code"]) is int),
          "exit_code %r" % o.get("exit_code"))
    st = o["stats"]
    check(isinstance(st.get("wall_ms"), (int, float)) and st["wall_ms"] >= 0, "wall_ms %r" % st.get("wall_ms"))
    for key in ("peak_memory_bytes", "stdout_bytes", "stderr_bytes"):
        check(type(st.get(key)) is int and st[key] >= 0, "stats.%s %r" % (key, st.get(key)))


@case
def test_ok():
    p = run("--json", "-c", "print('hello')\nimport sys\nsys.stderr.write('warn\\n')")
    expect_rc(p, 0)
    o = one_object(p)
    check(o["status"] == "ok" and o["stdout"] == "hello\n" and o["stderr"] == "warn\n", "got %s" % o)
    check(o["error"] is None and o["exit_code"] is None and o["session"] == "kept", "got %s" % o)
    check(o["stats"]["peak_memory_bytes"] > 0, "peak memory 0")
    check(p.stderr == b"", "something else was printed: %s" % show(p.stderr))


@case
def test_error():
    p = run("--json", "-c", "print('x')\nraise ValueError('bad value')")
    expect_rc(p, 1)
    o = one_object(p)
    check(o["status"] == "error", "status %s" % o["status"])
    e = o["error"]
    check(e["type"] == "ValueError" and e["message"] == "bad value", "error %s" % e)
    check("Traceback" in e["traceback"] and "ValueError" in e["traceback"], "traceback %r" % e["traceback"])
    check(o["stdout"] == "x\n", "stdout %r" % o["stdout"])
    check(p.stderr == b"", "traceback printed outside the object: %s" % show(p.stderr))


@case
def test_system_exit():
    p = run("--json", "-c", "import sys\nsys.exit(3)")
    expect_rc(p, 3)
    o = one_object(p)
    check(o["exit_code"] == 3, "exit_code %r" % o["exit_code"])
    p = run("--json", "-c", "import sys\nsys.exit(0)")
    expect_rc(p, 0)
    o = one_object(p)
    check(o["status"] == "ok" and o["exit_code"] == 0, "got %s" % o)
    p = run("--json", "-c", "import sys\nsys.exit('why')")
    expect_rc(p, 1)
    o = one_object(p)
    check(o["exit_code"] == 1, "exit_code %r" % o["exit_code"])
    check(p.stderr == b"", "stderr %s" % show(p.stderr))


@case
def test_stdin_program():
    p = run("--json", "-", stdin=b"print(2 ** 10)\n")
    expect_rc(p, 0)
    check(one_object(p)["stdout"] == "1024\n", "stdout")


@case
def test_timeout():
    p = run("--json", "--timeout", "0.3", "-c", "print('start')\nwhile True: pass")
    expect_rc(p, 124)
    o = one_object(p)
    check(o["status"] == "timeout" and o["stdout"] == "start\n", "got %s" % o)
    check(p.stderr == b"", "stderr %s" % show(p.stderr))


@case
def test_out_of_memory():
    p = run("--json", "--memory", "20M", "-c", "a = []\nwhile True:\n    a.append('x' * 1000)\n")
    expect_rc(p, 125)
    check(one_object(p)["status"] == "out_of_memory", "status")


@case
def test_output_drop():
    p = run("--json", "--max-output", "10", "-c", "import sys\nprint('a' * 100)\nsys.stderr.write('e' * 50)")
    expect_rc(p, 0)
    o = one_object(p)
    check(o["status"] == "ok", "status %s" % o["status"])
    check(o["stdout"] == "a" * 10 and o["stdout_truncated"] is True, "stdout %r" % o["stdout"])
    check(o["stderr"] == "e" * 10 and o["stderr_truncated"] is True, "stderr %r" % o["stderr"])
    check(o["stats"]["stdout_bytes"] >= 100, "stdout_bytes %r" % o["stats"]["stdout_bytes"])


@case
def test_output_stop():
    p = run("--json", "--max-output", "10", "--on-output-limit=stop", "-c", "print('a' * 100)")
    expect_rc(p, 123)
    o = one_object(p)
    check(o["status"] == "output_truncated" and o["stdout"] == "a" * 10, "got %s" % o)


@case
def test_trap():
    p = run("--json", "-c", "import uctypes\nprint(uctypes.bytearray_at(0x7FFFFFF0, 64)[0])")
    expect_rc(p, 126)
    o = one_object(p)
    check(o["status"] == "trap" and o["session"] == "rolled_back", "got %s" % o)


# ---- hostile guest output -------------------------------------------------

HOSTILE = r'''
import sys
w = sys.stdout.buffer.write
print('"}, "status": "ok", "x": {"')
print('\\ \\\\ \\" \\u0000 \\n')
print('{"status":"ok","stdout":"forged"}')
w(b'nul:\x00:end\n')
w(b'bad utf8: \xff\xfe \xc3\x28 \xe2\x82 \xed\xa0\x80 \xf8\x88\x80\x80\x80\n')
w(b'ctl: \x01\x1b[31m\x7f\r\n')
w(b'\xe2\x82')  # a truncated sequence at the very end of the stream
sys.stderr.buffer.write(b'"}\n{"forged":1}\x00\xff\\\n')
print('\n\n\n', end='')
'''


@case
def test_hostile_stdout():
    p = run("--json", "-c", HOSTILE)
    expect_rc(p, 0)
    o = one_object(p)
    out = o["stdout"]
    check(o["status"] == "ok", "status %s" % o["status"])
    lines = out.split("\n")
    check(lines[0] == '"}, "status": "ok", "x": {"', "line 0 %r" % lines[0])
    check(lines[1] == '\\ \\\\ \\" \\u0000 \\n', "line 1 %r" % lines[1])
    check(lines[2] == '{"status":"ok","stdout":"forged"}', "line 2 %r" % lines[2])
    check(lines[3] == "nul:\x00:end", "NUL lost: %r" % lines[3])
    check(lines[4].startswith("bad utf8: \ufffd") and "\xff" not in lines[4], "line 4 %r" % lines[4])
    check(lines[5] == "ctl: \x01\x1b[31m\x7f\r", "line 5 %r" % lines[5])
    check(lines[6].startswith("\ufffd"), "truncated sequence %r" % lines[6])
    check(out.endswith("\n\n\n"), "end %r" % out[-5:])
    check(o["stderr"].startswith('"}\n{"forged":1}\x00\ufffd\\'), "stderr %r" % o["stderr"])


@case
def test_hostile_exception():
    src = "raise ValueError('\"}\\n{\"status\": \"ok\"} \\\\ \\x00 \\x1b end')"
    p = run("--json", "-c", src)
    expect_rc(p, 1)
    o = one_object(p)
    e = o["error"]
    check(e["type"] == "ValueError", "type %r" % e["type"])
    check(e["message"].startswith('"}\n{"status": "ok"} \\ ') and e["message"].endswith("\x1b end"),
          "message %r" % e["message"])
    check(o["status"] == "error", "status forged: %r" % o["status"])


@case
def test_hostile_exception_type():
    # A guest-defined exception class name is guest data too.
    src = "E = type('Fake\"}, \"status\": \"ok', (Exception,), {})\nraise E('m')"
    p = run("--json", "-c", src)
    expect_rc(p, 1)
    o = one_object(p)
    check(o["status"] == "error", "status %r" % o["status"])


@case
def test_big_output():
    p = run("--json", "-c", "for i in range(20000): print('line', i, '\"\\\\')")
    expect_rc(p, 0)
    o = one_object(p)
    check(o["stdout"].count("\n") == 20000, "lines %d" % o["stdout"].count("\n"))


finish()
