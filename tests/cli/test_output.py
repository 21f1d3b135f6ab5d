#!/usr/bin/env python3
"""Output for people and programs: --clip-output of the command (text and
--json) and "clip_output" of the JSON API (one-shot and session runs, and
the server's --clip-output default). Python stdlib only."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

from servetest import Server  # noqa: E402

LINES = "for i in range(20000):\n    print(f'line {i:05d}')\n"  # 220000 bytes
MARKER = re.compile(r"\n\[mpbox: (\d+) bytes left out\]\n")


def check_clipped(text, total, limit):
    """text: the head, the marker, the tail of `total` bytes of LINES."""
    m = MARKER.search(text)
    check(m, "no marker in %s" % show(text))
    head, tail = text[:m.start() + 1], text[m.end():]
    check(len(head) + len(tail) <= limit, "kept %d + %d > %d" % (len(head), len(tail), limit))
    check(len(head) + len(tail) + int(m.group(1)) == total, "%d + %d + %s != %d" % (
        len(head), len(tail), m.group(1), total))
    check(head.startswith("line 00000\n") and tail.endswith("line 19999\n"), show(text))
    check(re.fullmatch(r"(line \d{5}\n)+", head) and re.fullmatch(r"(line \d{5}\n)+", tail), "whole lines")


@case
def test_cli_text():
    p = run("--clip-output", "1000", "-c", LINES)
    expect_rc(p, 0)
    check_clipped(p.stdout.decode(), 220000, 1000)
    # without the option everything is printed
    p = run("-c", LINES)
    check(len(p.stdout) == 220000 and not MARKER.search(p.stdout.decode()), "all of it")


@case
def test_cli_text_stderr_and_error():
    p = run("--clip-output", "100", "-c", "import sys\nprint('o' * 500)\nprint('e' * 500, file=sys.stderr)\n1/0")
    expect_rc(p, 1)
    out, err = p.stdout.decode(), p.stderr.decode()
    check(out == "o" * 50 + "\n[mpbox: 401 bytes left out]\n" + "o" * 49 + "\n", show(out))
    check(err.startswith("e" * 50 + "\n[mpbox: 401 bytes left out]\n"), show(err))
    check("ZeroDivisionError" in err, "the traceback still follows: " + show(err))


@case
def test_cli_json():
    p = run("--json", "--clip-output", "1000", "-c", LINES)
    expect_rc(p, 0)
    r = json.loads(p.stdout)
    check_clipped(r["stdout"], 220000, 1000)
    check(r["stdout_omitted_bytes"] == int(MARKER.search(r["stdout"]).group(1)), show(r))
    check(r["stderr"] == "" and r["stderr_omitted_bytes"] == 0, show(r))
    check(r["stats"]["stdout_bytes"] == 220000, show(r["stats"]))
    p = run("--json", "-c", "print(1)")
    check("stdout_omitted_bytes" not in json.loads(p.stdout), "no member without the option")


@case
def test_cli_bad_value():
    p = run("--clip-output", "lots", "-c", "1")
    expect_rc(p, 2)
    check(b"--clip-output" in p.stderr, show(p.stderr))


srv = Server("--idle-timeout", "0")


@case
def test_api_one_shot():
    r = srv.json("POST", "/v1/run", {"code": LINES, "clip_output": 2000})
    check_clipped(r["stdout"], 220000, 2000)
    check(r["stdout_omitted_bytes"] > 200000, show(r))
    r = srv.json("POST", "/v1/run", {"code": LINES})
    check(len(r["stdout"]) == 220000 and "stdout_omitted_bytes" not in r, "the API keeps all by default")


@case
def test_api_session():
    sid = srv.create()
    r = srv.json("POST", "/v1/sessions/%s/run" % sid, {"code": LINES, "clip_output": 500})
    check_clipped(r["stdout"], 220000, 500)
    for bad in (-1, 1.5, "10", True):
        status, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1", "clip_output": bad})
        check(status == 400 and b"clip_output" in data, "%r: %d %s" % (bad, status, show(data)))


srv.stop()
srv = Server("--idle-timeout", "0", "--clip-output", "300")


@case
def test_api_server_default():
    r = srv.json("POST", "/v1/run", {"code": LINES})
    check_clipped(r["stdout"], 220000, 300)
    r = srv.json("POST", "/v1/run", {"code": LINES, "clip_output": 0})
    check(len(r["stdout"]) == 220000 and "stdout_omitted_bytes" not in r, "0 keeps all")


srv.stop()
finish()
