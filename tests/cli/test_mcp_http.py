#!/usr/bin/env python3
"""MCP over streamable HTTP (`mpbox serve`, /mcp), raw HTTP with http.client:
the statuses and headers of the transport, sessions, batches, Origin."""
import http.client
import json
import os
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, finish, require_binary, show  # noqa: E402
import servetest  # noqa: E402

require_binary()

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "t", "version": "1"}}}
BOTH = "application/json, text/event-stream"


class Server(servetest.Server):
    """servetest.Server, driven through /mcp."""

    def mcp(self, method, body=None, headers=None, path="/mcp", raw=None):
        """Returns (status, headers dict with lower-case names, body bytes)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Accept": BOTH, "Content-Type": "application/json"}
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        c.close()
        return out

    def initialize(self, headers=None):
        status, hdrs, body = self.mcp("POST", INIT, headers)
        check(status == 200, "initialize: %d %s" % (status, show(body)))
        sid = hdrs.get("mcp-session-id")
        check(sid and re.fullmatch(r"[\x21-\x7e]{16,63}", sid), "session id: %s" % show(sid))
        return sid

    def post(self, sid, msg, headers=None, version="2025-06-18", raw=None):
        h = {"Mcp-Session-Id": sid, "MCP-Protocol-Version": version}
        h.update(headers or {})
        return self.mcp("POST", msg, h, raw=raw)


def call(i, code, **extra):
    a = {"python_code": code}
    a.update(extra)
    return {"jsonrpc": "2.0", "id": i, "method": "tools/call",
            "params": {"name": "run_python_code", "arguments": a}}


def text_of(body):
    r = json.loads(body)
    return r["result"]["content"][0]["text"]


def rpc_error(body):
    return json.loads(body).get("error", {}).get("code")


srv = Server()


@case
def test_initialize_and_call():
    sid = srv.initialize()
    status, hdrs, body = srv.post(sid, {"jsonrpc": "2.0", "method": "notifications/initialized"})
    check(status == 202 and body == b"", "notification: %d %s" % (status, show(body)))
    status, hdrs, body = srv.post(sid, call(1, "x = 20\nprint('hi')\nx + 1"))
    check(status == 200 and hdrs.get("content-type", "").startswith("application/json"), "%d %s" % (status, hdrs))
    check(text_of(body) == "<status>success</status>\n<output>\nhi\n</output>\n<return_value>\n21\n</return_value>",
          show(body))
    status, _, body = srv.post(sid, call(2, "x * 2"))
    check("<return_value>\n40\n</return_value>" in text_of(body), "state kept: %s" % show(body))
    status, _, body = srv.post(sid, call(3, "import os\nos.system('ls')"))
    t = text_of(body)
    check(json.loads(body)["result"]["isError"] and "AttributeError" in t and "line 2" in t, show(t))
    check(re.search(r"</error>\n<hint>\n[^\n]*no processes[^\n]*\n</hint>$", t), "hint: %s" % show(t, 600))


@case
def test_missing_session_id():
    status, _, body = srv.mcp("POST", {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    check(status == 400, "%d %s" % (status, show(body)))
    check(json.loads(body)["id"] is None, show(body))


@case
def test_unknown_session_id():
    for sid in ("0123456789abcdef0123456789abcdef", "x" * 200, "bad id"):
        status, _, body = srv.post(sid, {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        check(status == 404, "%s: %d %s" % (sid[:20], status, show(body)))
        status, _, _ = srv.mcp("DELETE", headers={"Mcp-Session-Id": sid})
        check(status == 404, "DELETE %s: %d" % (sid[:20], status))


@case
def test_bad_accept_and_content_type():
    sid = srv.initialize()
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    for accept in ("text/html", "application/json;q=0", None):
        status, _, body = srv.post(sid, ping, headers={"Accept": accept})
        check(status == 406, "Accept %s: %d %s" % (accept, status, show(body)))
    status, _, _ = srv.post(sid, ping, headers={"Content-Type": "text/plain"})
    check(status == 415, "Content-Type text/plain: %d" % status)
    status, hdrs, body = srv.post(sid, ping, headers={"Accept": "text/event-stream"})
    check(status == 200 and hdrs.get("content-type", "").startswith("text/event-stream"), "SSE: %d %s" % (status, hdrs))
    m = re.fullmatch(rb"event: message\ndata: (.*)\n\n", body)
    check(m and json.loads(m.group(1)) == {"jsonrpc": "2.0", "id": 1, "result": {}}, "SSE body %s" % show(body))


@case
def test_batch():
    sid = srv.initialize()
    batch = [{"jsonrpc": "2.0", "id": 1, "method": "ping"},
             {"jsonrpc": "2.0", "method": "notifications/progress"},
             call(2, "6 * 7")]
    status, _, body = srv.post(sid, batch, version="2025-03-26")
    check(status == 200, "%d %s" % (status, show(body)))
    replies = json.loads(body)
    check([r["id"] for r in replies] == [1, 2], show(replies))
    check("<return_value>\n42\n</return_value>" in replies[1]["result"]["content"][0]["text"], show(replies))
    status, _, body = srv.post(sid, batch)  # 2025-06-18 has no batches
    check(status == 400 and rpc_error(body) == -32600, "%d %s" % (status, show(body)))
    status, _, body = srv.post(sid, [INIT], version="2025-03-26")
    check(status == 200 and json.loads(body)[0]["error"]["code"] == -32600, show(body))


@case
def test_malformed_json():
    sid = srv.initialize()
    for raw in (b"{not json", b"", b"\xff\xfe", b'{"jsonrpc": "2.0", "id": 1, "method": "ping"} x',
                b"[" * 100000):
        status, _, body = srv.post(sid, None, raw=raw)
        check(status == 400 and rpc_error(body) == -32700, "%s: %d %s" % (show(raw, 30), status, show(body)))
    status, _, body = srv.post(sid, {"jsonrpc": "1.0", "id": 1, "method": "ping"})
    check(status == 400 and rpc_error(body) == -32600, "%d %s" % (status, show(body)))
    status, _, body = srv.post(sid, {"jsonrpc": "2.0", "id": 1, "method": "ping"})
    check(status == 200 and json.loads(body)["result"] == {}, "still usable: %d %s" % (status, show(body)))


@case
def test_protocol_version():
    sid = srv.initialize()
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    for v, want in (("2099-01-01", 400), ("", 400), ("2025-03-26", 200), ("2025-06-18", 200), (None, 200)):
        status, _, body = srv.post(sid, ping, version=v)
        check(status == want, "version %r: %d %s" % (v, status, show(body)))


@case
def test_notifications_and_responses():
    sid = srv.initialize()
    for msg in ({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}},
                {"jsonrpc": "2.0", "method": "no/such/notification"},
                {"jsonrpc": "2.0", "id": "s1", "result": {}}):
        status, hdrs, body = srv.post(sid, msg)
        check(status == 202 and body == b"", "%s: %d %s" % (msg, status, show(body)))


@case
def test_origin():
    for origin in ("http://evil.example", "http://localhost.evil.example", "null", "file://"):
        status, _, body = srv.mcp("POST", INIT, {"Origin": origin})
        check(status == 403, "Origin %s: %d %s" % (origin, status, show(body)))
    for origin in ("http://localhost:6274", "http://127.0.0.1", "https://[::1]:8443"):
        status, _, body = srv.mcp("POST", INIT, {"Origin": origin})
        check(status == 200, "Origin %s: %d %s" % (origin, status, show(body)))


@case
def test_get_and_delete():
    sid = srv.initialize()
    status, hdrs, _ = srv.mcp("GET", headers={"Mcp-Session-Id": sid, "Accept": "text/event-stream"})
    check(status == 405 and "POST" in hdrs.get("allow", ""), "GET: %d %s" % (status, hdrs))
    status, _, _ = srv.mcp("DELETE")
    check(status == 400, "DELETE without a session id: %d" % status)
    status, _, _ = srv.mcp("DELETE", headers={"Mcp-Session-Id": sid})
    check(status == 200, "DELETE: %d" % status)
    status, _, _ = srv.post(sid, {"jsonrpc": "2.0", "id": 1, "method": "ping"})
    check(status == 404, "after DELETE: %d" % status)


@case
def test_sessions_are_separate():
    a, b = srv.initialize(), srv.initialize()
    check(a != b, "same id")
    srv.post(a, call(1, "secret = 1"))
    _, _, body = srv.post(b, call(1, "'secret' in globals()"))
    check("<return_value>\nfalse\n</return_value>" in text_of(body), show(body))
    _, _, body = srv.post(a, call(2, "secret", reset_context=True))
    check("NameError" in text_of(body), "reset_context: %s" % show(body))


srv.stop()

def children(pid):
    """Child processes of pid, oldest first (by start time)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:  # fields[0] is the state, then ppid
                out.append((int(fields[19]), int(d)))  # starttime
    return [p for _, p in sorted(out)]


@case
def test_worker_death_costs_one_session():
    s = Server()
    try:
        a = s.initialize()
        s.post(a, call(1, "mine = 'a'"))
        b = s.initialize()
        s.post(b, call(1, "mine = 'b'"))
        (zygote,) = children(s.p.pid)
        workers = children(zygote)
        check(len(workers) == 2, "two workers: %s" % workers)
        result = {}
        t = threading.Thread(target=lambda: result.update(r=s.post(a, call(2, "while True:\n    pass"))))
        t.start()
        time.sleep(0.5)  # the call is in progress (the check below does not depend on it)
        os.kill(workers[0], 9)
        t.join(60)
        status, _, body = result["r"]
        t = text_of(body)
        check(status == 200 and json.loads(body)["result"]["isError"], show(body))
        check(t.startswith("<status>lost</status>") and "SIGKILL" in t and "next call starts a fresh one" in t,
              show(t, 400))
        _, _, body = s.post(a, call(3, "'mine' in globals()"))
        check("<return_value>\nfalse\n</return_value>" in text_of(body), "a fresh session: %s" % show(body))
        _, _, body = s.post(b, call(2, "mine"))
        check('<return_value>\n"b"\n</return_value>' in text_of(body), "the other session: %s" % show(body))
    finally:
        s.stop()


TOKEN_A, TOKEN_B = "token-a-0123456789abcdef", "token-b-0123456789abcdef"


def bearer(token):
    return {"Authorization": "Bearer " + token}


@case
def test_tokens_json_mode_allowed_origin():
    s = Server("--token", TOKEN_A, "--token", TOKEN_B, "--mcp-return-mode=json",
               "--allow-origin", "https://app.example.com", "--timeout", "3", "--memory", "48M")
    try:
        status, _, _ = s.mcp("POST", INIT)
        check(status == 401, "no token: %d" % status)
        status, _, _ = s.mcp("POST", INIT, bearer("wrong-token-0123456789"))
        check(status == 401, "wrong token: %d" % status)
        sid = s.initialize(bearer(TOKEN_A))
        status, _, body = s.post(sid, {"jsonrpc": "2.0", "id": 9, "method": "tools/list"}, bearer(TOKEN_A))
        desc = json.loads(body)["result"]["tools"][0]["description"]
        check("3 s wall-clock" in desc and "48 MiB of memory" in desc, "the server's limits: %s" % show(desc[-400:], 500))
        status, _, body = s.post(sid, call(1, "print('a')\nz = 2\n[z, None]"), bearer(TOKEN_A))
        check(status == 200 and json.loads(text_of(body)) == {"status": "success", "output": ["a"],
                                                               "return_value": [2, None]}, show(body))
        status, _, body = s.post(sid, call(2, "__import__('os').system('ls')"), bearer(TOKEN_A))
        j = json.loads(text_of(body))
        check(j["status"] == "run-error" and "AttributeError" in j["error"] and "processes" in j.get("hint", ""),
              show(body, 600))
        # the session belongs to token A: token B cannot use or delete it
        status, _, _ = s.post(sid, call(3, "z"), bearer(TOKEN_B))
        check(status == 404, "another token's session: %d" % status)
        status, _, _ = s.mcp("DELETE", headers=dict(bearer(TOKEN_B), **{"Mcp-Session-Id": sid}))
        check(status == 404, "another token's DELETE: %d" % status)
        status, _, body = s.post(sid, call(4, "z"), bearer(TOKEN_A))
        check(status == 200 and json.loads(text_of(body))["return_value"] == 2, show(body))
        status, _, _ = s.mcp("POST", INIT, dict(bearer(TOKEN_A), Origin="https://app.example.com"))
        check(status == 200, "allowed Origin: %d" % status)
        status, _, _ = s.mcp("POST", INIT, dict(bearer(TOKEN_A), Origin="https://other.example.com"))
        check(status == 403, "other Origin: %d" % status)
    finally:
        s.stop()


finish()
