#!/usr/bin/env python3
"""Output for people and programs: --clip-output of the command (text and
--json), "clip_output" of the JSON API (one-shot and session runs, and
the server's --clip-output default), and runs streamed as NDJSON
("stream": true). Python stdlib only."""
import json
import os
import re
import sys
import time

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


def stream_lines(sid, body, on_line):
    """POST a streamed run; call on_line(obj) for each NDJSON line as it
    arrives; returns the status, the content type and the lines."""
    c = srv.conn()
    c.request("POST", "/v1/sessions/%s/run" % sid, body=json.dumps(body), headers={"Content-Type": "application/json"})
    r = c.getresponse()
    lines = []
    while True:
        raw = r.readline()  # chunked: returns as soon as a line is complete
        if not raw:
            break
        obj = json.loads(raw)
        lines.append(obj)
        on_line(obj)
    c.close()
    return r.status, r.getheader("Content-Type"), lines


@case
def test_stream_output_before_the_end():
    # The run waits forever after its first line: only a client that got
    # that line while the run was going can interrupt it. Had the output
    # come at the end only, the run would end by its timeout instead.
    sid = srv.create({"limits": {"timeout_ms": 20000}})
    code = "import sys\nprint('ready')\nprint('warm', file=sys.stderr)\nwhile True:\n    pass\n"

    seen = {"stdout": "", "stderr": ""}

    def on_line(obj):
        for k in ("stdout", "stderr"):
            if k in obj:
                seen[k] += obj[k]
                if k == "stdout" and seen[k] == "ready\n":  # once
                    srv.json("POST", "/v1/sessions/%s/interrupt" % sid, expect=200)

    status, ctype, lines = stream_lines(sid, {"code": code, "stream": True}, on_line)
    check(status == 200 and ctype == "application/x-ndjson", "%d %s" % (status, ctype))
    check(seen == {"stdout": "ready\n", "stderr": "warm\n"}, show(lines))
    check(all(len(o) == 1 and ("stdout" in o or "stderr" in o) for o in lines[:-1]), show(lines))
    final = lines[-1]["result"]
    check(final["status"] == "interrupted", "the run was interrupted, not timed out: %s" % show(final))
    check(final["stdout"] == "ready\n", show(final))
    # the session goes on
    r = srv.run(sid, "print('after')")
    check(r["stdout"] == "after\n", show(r))


@case
def test_stream_result_and_options():
    sid = srv.create()
    status, _, lines = stream_lines(sid, {"code": LINES + "7 * 6", "stream": True, "return_value": True,
                                          "clip_output": 100}, lambda o: None)
    out = "".join(o["stdout"] for o in lines[:-1])
    check(out == "".join("line %05d\n" % i for i in range(20000)), "every byte streamed, in order")
    final = lines[-1]["result"]
    check(final["return_value"] == 42 and final["stdout_omitted_bytes"] > 0, show(final))
    status, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1", "stream": "yes"})
    check(status == 400 and b"stream" in data, show(data))


@case
def test_stream_client_gone_stops_the_run():
    sid = srv.create({"limits": {"timeout_ms": 20000}})
    c = srv.conn()
    code = "n = 0\nprint('go')\nwhile True:\n    n += 1\n"
    c.request("POST", "/v1/sessions/%s/run" % sid, body=json.dumps({"code": code, "stream": True}),
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    out = ""
    while out != "go\n":
        out += json.loads(r.readline())["stdout"]
    c.sock.shutdown(2)
    c.close()
    # the run was interrupted: the session answers (it would be busy for 20 s)
    t0 = time.monotonic()
    r = srv.run(sid, "n > 0")
    check(r["status"] == "ok", show(r))
    check(time.monotonic() - t0 < 10, "the run did not go on to its timeout")


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
