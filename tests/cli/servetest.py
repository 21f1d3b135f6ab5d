"""Helpers for the tests of `mpbox serve` (test_serve*.py, test_mcp_http.py,
test_output.py): a server on a free loopback port, requests, polling.
Python stdlib only. Start servers with Server (or a subclass of it, as
test_mcp_http.py's for /mcp), not with a copy of it."""
import http.client
import json
import re
import signal
import socket
import subprocess
import threading
import time

from clitest import MPBOX, check, show

TOKEN_A = "alpha-0123456789abcdef"
TOKEN_B = "bravo-0123456789abcdef"
JSON = {"Content-Type": "application/json"}


class Server:
    """`mpbox serve --listen 127.0.0.1:0 ARGS...` until stop()."""

    def __init__(self, *args, token=None, env=None):
        self.p = subprocess.Popen([MPBOX, "serve", "--listen", "127.0.0.1:0"] + list(args), env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.token = token
        self.lines = []
        self.port = None
        found = threading.Event()

        def reader(stream):
            for raw in stream:
                line = raw.decode("utf-8", "replace")
                self.lines.append(line)
                m = re.match(r"mpbox serve: listening on http://[0-9.]+:(\d+)$", line.strip())
                if line.startswith("{"):  # --log-format=json
                    m = re.search(r'"event":"listening","message":"listening on http://[0-9.]+:(\d+)"', line)
                if m and self.port is None:
                    self.port = int(m.group(1))
                    found.set()

        for s in (self.p.stdout, self.p.stderr):
            threading.Thread(target=reader, args=(s,), daemon=True).start()
        deadline = time.monotonic() + 20
        while not found.wait(0.1):
            if self.p.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("mpbox serve did not start: %s" % show("".join(self.lines), 600))

    def conn(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method, path, body=None, headers=None, token=None, conn=None):
        """(status, headers with lower-case names, body bytes). body: a dict
        (sent as JSON) or bytes (sent as they are)."""
        h = {}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h.update(JSON)
        tok = token if token is not None else self.token
        if tok:
            h["Authorization"] = "Bearer " + tok
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        c = conn or self.conn()
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        if conn is None:
            c.close()
        return out

    def json(self, method, path, body=None, expect=200, **kw):
        status, hdrs, data = self.request(method, path, body, **kw)
        check(status == expect, "%s %s: %d, expected %d: %s" % (method, path, status, expect, show(data, 400)))
        return json.loads(data) if data else None

    def create(self, body=None, **kw):
        return self.json("POST", "/v1/sessions", body if body is not None else {}, expect=201, **kw)["id"]

    def run(self, sid, code, expect=200, **kw):
        body = {"code": code}
        body.update({k: v for k, v in kw.items() if k == "return_value"})
        return self.json("POST", "/v1/sessions/%s/run" % sid, body, expect=expect,
                         **{k: v for k, v in kw.items() if k != "return_value"})

    def snapshot(self, sid):
        """The session's snapshot file (POST /v1/sessions/ID/snapshot)."""
        status, _, data = self.request("POST", "/v1/sessions/%s/snapshot" % sid)
        check(status == 200 and data[:8] == b"MPBOXSNP", "snapshot: %d %s" % (status, show(data[:60])))
        return data

    def metric(self, name):
        status, _, data = self.request("GET", "/metrics")
        check(status == 200, "metrics: %d" % status)
        m = re.search(r"^%s (\d+)$" % re.escape(name), data.decode(), re.M)
        check(m, "no %s in %s" % (name, show(data, 300)))
        return int(m.group(1))

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(15)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


def error_code(data):
    try:
        return json.loads(data)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


def wait_for(what, pred, limit=15):
    """Poll pred() until true; a failure names what never happened."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.05)
    raise AssertionError("never happened: " + what)


def post_expecting(port, path, body):
    """POST with "Expect: 100-continue" on a raw socket: the body is sent
    only after "100 Continue", so that an early refusal is read, not lost to
    a reset. Returns (status, body bytes)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.sendall(b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
                 % (path.encode(), len(body)))
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        check(piece, "closed without an answer: %s" % show(data))
        data += piece
    if data.startswith(b"HTTP/1.1 100"):
        data = data[data.index(b"\r\n\r\n") + 4:]
        sock.sendall(body)
    while True:
        piece = sock.recv(65536)
        if not piece:
            break
        data += piece
    sock.close()
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), rest


def in_thread(fn):
    box = {}

    def go():
        try:
            box["value"] = fn()
        except Exception as e:  # reported by the case that joins
            box["error"] = e
    t = threading.Thread(target=go)
    t.start()
    return t, box
