#!/usr/bin/env python3
"""Streamed runs of `mpbox serve` ("stream": true, NDJSON) beyond the basics
of test_output.py: the order of stdout and stderr pieces, prompt delivery
of a slow printer while output is coalesced in the worker, a print flood,
and a client that goes away as its run ends (the session's next run must
not be interrupted). Python stdlib only."""
import json
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, finish, require_binary, show  # noqa: E402

require_binary()

from servetest import Server, in_thread  # noqa: E402

srv = Server("--idle-timeout", "0")


def open_stream(sid, body):
    """A streamed run on a raw socket (so that closing it is a real close
    at once); returns the socket once the answer's headers are in, and
    what followed them."""
    data = json.dumps(body).encode()
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=60)
    s.sendall(b"POST /v1/sessions/%s/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              b"Content-Length: %d\r\n\r\n%s" % (sid.encode(), len(data), data))
    got = b""
    while b"\r\n\r\n" not in got:
        piece = s.recv(65536)
        check(piece, "closed without an answer: %s" % show(got))
        got += piece
    head, _, rest = got.partition(b"\r\n\r\n")
    check(head.startswith(b"HTTP/1.1 200"), show(head))
    return s, rest


def reset(s):
    """Close with a reset (SO_LINGER 0): the server's next send fails."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def stream(sid, body, on_line=None):
    """A streamed run read to its end: (the output lines as
    [("stdout"|"stderr", text)], the result object)."""
    c = srv.conn()
    c.request("POST", "/v1/sessions/%s/run" % sid, body=json.dumps(body), headers={"Content-Type": "application/json"})
    r = c.getresponse()
    check(r.status == 200, "status %d" % r.status)
    pieces, final = [], None
    for raw in r:  # chunked: each line as soon as it is complete
        obj = json.loads(raw)
        check(final is None, "a line after the result: %s" % show(obj))
        if "result" in obj:
            final = obj["result"]
            continue
        check(len(obj) == 1 and ("stdout" in obj or "stderr" in obj), show(obj))
        (k, v), = obj.items()
        pieces.append((k, v))
        if on_line:
            on_line(k, v)
    c.close()
    check(final is not None, "no result line")
    return pieces, final


def runs_of(pieces):
    """Pieces with consecutive ones of the same stream joined."""
    out = []
    for k, v in pieces:
        if out and out[-1][0] == k:
            out[-1] = (k, out[-1][1] + v)
        else:
            out.append((k, v))
    return out


@case
def test_stdout_and_stderr_in_the_order_written():
    # Each write goes to the other stream than the one before: however the
    # worker gathers and sends them, joined runs are the writes themselves.
    sid = srv.create()
    code = "import sys\nfor i in range(3000):\n    sys.stdout.write('o%d;' % i)\n    sys.stderr.write('e%d;' % i)\n"
    pieces, final = stream(sid, {"code": code, "stream": True})
    want = []
    for i in range(3000):
        want += [("stdout", "o%d;" % i), ("stderr", "e%d;" % i)]
    got = runs_of(pieces)
    check(got == want, "first difference at %s" % next(
        (show((i, a, b)) for i, (a, b) in enumerate(zip(got, want)) if a != b), "the lengths %d, %d" % (len(got), len(want))))
    check(final["status"] == "ok", show(final))
    check(final["stdout"] == "".join(v for k, v in want if k == "stdout"), "stdout as the result holds it")
    check(final["stderr"] == "".join(v for k, v in want if k == "stderr"), "stderr as the result holds it")


@case
def test_a_flood_comes_in_few_pieces():
    # 100,000 prints (200,000 writes): gathered in the worker, they reach
    # the client in a few large pieces, whole and in order.
    sid = srv.create()
    pieces, final = stream(sid, {"code": "for i in range(100000):\n    print(i)\n", "stream": True})
    want = "".join("%d\n" % i for i in range(100000))
    check(all(k == "stdout" for k, _ in pieces), "stdout only")
    check("".join(v for _, v in pieces) == want, "every byte, in order")
    check(final["status"] == "ok" and final["stdout"] == want, show(final))
    # the worker sends what it gathered once it is 64 KiB, once its oldest
    # byte waited 20 ms, and at the end: no more pieces than that allows
    most = len(want) // 65536 + int(final["stats"]["wall_ms"] / 20) + 5
    check(len(pieces) <= most, "%d pieces for 100,000 prints in %.0f ms (at most %d)" % (
        len(pieces), final["stats"]["wall_ms"], most))


@case
def test_a_slow_printer_is_seen_while_it_runs():
    # Three lines 0.2 s apart, then a loop that never ends: the client
    # interrupts once it has the three, which it can only have had from a
    # worker that sends gathered output while the run goes on (the run
    # would otherwise end by its 20 s timeout, its output held).
    sid = srv.create({"limits": {"timeout_ms": 20000}})
    code = "import time\nfor i in range(3):\n    print('line', i)\n    time.sleep(0.2)\nwhile True:\n    pass\n"
    seen = []
    t0 = time.monotonic()

    def on_line(k, v):
        seen.append((time.monotonic() - t0, v))
        if "".join(x for _, x in seen) == "line 0\nline 1\nline 2\n":
            srv.json("POST", "/v1/sessions/%s/interrupt" % sid, expect=200)

    pieces, final = stream(sid, {"code": code, "stream": True}, on_line)
    check(final["status"] == "interrupted", "interrupted by the client, not timed out: %s" % show(final))
    check(runs_of(pieces) == [("stdout", "line 0\nline 1\nline 2\n")], show(pieces))
    # a generous bound (a flusher that waits for the run's end fails it by
    # 20 s): the lines came while the program slept between them
    check(seen[0][0] < 10, "the first line after %.1f s" % seen[0][0])


@case
def test_output_limits_hold_for_streamed_pieces():
    # The pieces are the bytes the result keeps: no more once a cap is hit.
    sid = srv.create({"limits": {"max_output": 1000}})
    pieces, final = stream(sid, {"code": "import sys\nfor i in range(5000):\n    print(i)\n"
                                         "sys.stderr.write('done')\n", "stream": True})
    out = "".join(v for k, v in pieces if k == "stdout")
    check(final["stdout_truncated"] and len(final["stdout"]) <= 1000, show(final))
    check(out == final["stdout"], "streamed %d bytes, the result holds %d" % (len(out), len(final["stdout"])))
    check("".join(v for k, v in pieces if k == "stderr") == "done" == final["stderr"], show(pieces[-3:]))


@case
def test_disconnect_at_the_end_spares_the_next_run():
    # The client resets its connection while the run sleeps, so the server
    # learns of it when it sends the run's last line, after the session
    # was handed on: the next run, already waiting for the session, starts
    # at that moment. A 1 MB return value makes the server's last steps
    # long enough for the two to overlap. Before the fix, about one loop
    # in five had its next run interrupted.
    sid = srv.create({"limits": {"timeout_ms": 20000}})
    code = "import time\nprint('go')\ntime.sleep(0.05)\n'x' * 1000000"
    for i in range(20):
        s, got = open_stream(sid, {"code": code, "stream": True, "return_value": True})
        while b'"go\\n"' not in got:
            piece = s.recv(65536)
            check(piece, "closed before the first line: %s" % show(got))
            got += piece
        t, box = in_thread(lambda: srv.run(sid, "import time\ntime.sleep(0.2)\nprint('next')"))
        reset(s)
        t.join()
        check("error" not in box, "loop %d: %r" % (i, box.get("error")))
        r = box["value"]
        check(r["status"] == "ok" and r["stdout"] == "next\n", "loop %d: the next run: %s" % (i, show(r)))


srv.stop()
finish()
