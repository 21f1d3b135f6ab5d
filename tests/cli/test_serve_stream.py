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
