#!/usr/bin/env python3
"""mpbox serve: the JSON API (/v1/...), /healthz, /metrics, tokens and
owners, the busy rule, eviction and restore, dead workers, hostile
requests. Python stdlib only: subprocess, http.client, socket."""
import base64
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, case, check, finish, require_binary, show  # noqa: E402

require_binary()

from servetest import (JSON, TOKEN_A, TOKEN_B, Server, error_code, in_thread,  # noqa: E402,F401
                       post_expecting, wait_for)

srv = Server("--max-request", "8M", "--idle-timeout", "0")


@case
def test_healthz_and_listen_line():
    status, hdrs, data = srv.request("GET", "/healthz")
    check(status == 200 and json.loads(data) == {"status": "ok"}, "%d %s" % (status, show(data)))
    check(hdrs.get("content-type") == "application/json", show(hdrs))


@case
def test_one_shot():
    r = srv.json("POST", "/v1/run", {"code": "print(1+1)"})
    check(r["status"] == "ok" and r["stdout"] == "2\n", show(r))
    r = srv.json("POST", "/v1/run", {"code": "x = 6\nx * 7", "return_value": True})
    check(r["status"] == "ok" and r["return_value"] == 42, show(r))
    r = srv.json("POST", "/v1/run", {"code": "1/0"})
    check(r["status"] == "error" and r["error"]["type"] == "ZeroDivisionError", show(r))
    # nothing is kept between one-shot runs
    srv.json("POST", "/v1/run", {"code": "leak = 1"})
    r = srv.json("POST", "/v1/run", {"code": "print(leak)"})
    check(r["status"] == "error" and r["error"]["type"] == "NameError", show(r))


@case
def test_one_shot_limits():
    r = srv.json("POST", "/v1/run", {"code": "while True: pass", "limits": {"timeout_ms": 200}})
    check(r["status"] == "timeout", show(r))
    r = srv.json("POST", "/v1/run", {"code": "print('x' * 100)", "limits": {"max_output": 10}})
    check(r["stdout"] == "x" * 10 and r["stdout_truncated"] is True, show(r))


@case
def test_session_state_persists():
    sid = srv.create()
    check(re.fullmatch(r"[0-9a-f]{32}", sid), sid)
    r = srv.run(sid, "x = 20\nprint('hi')")
    check(r["status"] == "ok" and r["stdout"] == "hi\n" and r["session"] == "kept", show(r))
    r = srv.run(sid, "x + 1", return_value=True)
    check(r["return_value"] == 21, show(r))
    r = srv.run(sid, "def f(a):\n    return a * x\nf(2)", return_value=True)
    check(r["return_value"] == 40, show(r))
    info = srv.json("GET", "/v1/sessions/" + sid)
    check(info["id"] == sid and info["state"] == "live" and info["runs"] == 3, show(info))
    check(isinstance(info["pid"], int) and info["pid"] > 0 and info["rss_bytes"] > 0, show(info))
    check(info["limits"]["memory"] > 0 and info["limits"]["rollback"] is True, show(info))
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_create_with_limits():
    sid = srv.create({"limits": {"timeout_ms": 300, "memory": 32 << 20, "max_output": 5,
                                 "on_output_limit": "drop", "deterministic": True, "seed": 7}})
    info = srv.json("GET", "/v1/sessions/" + sid)
    lim = info["limits"]
    check(lim["timeout_ms"] == 300 and lim["memory"] == 32 << 20 and lim["max_output"] == 5, show(lim))
    check(lim["deterministic"] is True and lim["seed"] == 7, show(lim))
    r = srv.run(sid, "x = 1\nwhile True: pass")
    check(r["status"] == "timeout", show(r))
    r = srv.run(sid, "print('abcdefgh')")
    check(r["stdout"] == "abcde" and r["stdout_truncated"], show(r))
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_limits_refused():
    for lim, code, word in (({"memory": 1 << 40}, "limit_too_high", "limits.memory"),
                            ({"timeout_ms": 0}, "limit_too_high", "limits.timeout_ms"),
                            ({"timeout_ms": -1}, "bad_request", "limits.timeout_ms"),
                            ({"timeout_ms": 1.5}, "bad_request", "limits.timeout_ms"),
                            ({"memory": 1000}, "bad_request", "minimum"),
                            ({"rollback": 1}, "bad_request", "limits.rollback"),
                            ({"on_output_limit": "explode"}, "bad_request", "on_output_limit"),
                            ({"cpu": 1}, "bad_request", "\"cpu\"")):
        status, _, data = srv.request("POST", "/v1/sessions", {"limits": lim})
        check(status == 400 and error_code(data) == code and word in json.loads(data)["error"]["message"],
              "%s: %d %s" % (lim, status, show(data)))
    status, _, data = srv.request("POST", "/v1/run", {"code": "1", "limits": {"memory": 1 << 40}})
    check(status == 400 and error_code(data) == "limit_too_high", show(data))


@case
def test_list_and_delete():
    a, b = srv.create(), srv.create()
    ids = [s["id"] for s in srv.json("GET", "/v1/sessions")["sessions"]]
    check(a in ids and b in ids, show(ids))
    srv.json("DELETE", "/v1/sessions/" + a, expect=204)
    status, _, data = srv.request("GET", "/v1/sessions/" + a)
    check(status == 404 and error_code(data) == "session_not_found", "%d %s" % (status, show(data)))
    status, _, data = srv.request("POST", "/v1/sessions/%s/run" % a, {"code": "1"})
    check(status == 404, "run after delete: %d" % status)
    status, _, _ = srv.request("DELETE", "/v1/sessions/" + a)
    check(status == 404, "second delete: %d" % status)
    ids = [s["id"] for s in srv.json("GET", "/v1/sessions")["sessions"]]
    check(a not in ids and b in ids, show(ids))
    srv.json("DELETE", "/v1/sessions/" + b, expect=204)


@case
def test_files():
    sid = srv.create()
    base = "/v1/sessions/%s/files" % sid
    status, _, data = srv.request("PUT", base + "/data/in.txt", b"hello\x00world", {"Content-Type": "text/plain"})
    check(status == 201 and json.loads(data) == {"path": "/data/in.txt", "size": 11}, "%d %s" % (status, show(data)))
    r = srv.run(sid, "d = open('/data/in.txt', 'rb').read()\nprint(len(d))\n"
                     "with open('/out.bin', 'wb') as f:\n    f.write(bytes(range(256)))")
    check(r["status"] == "ok" and r["stdout"] == "11\n", show(r))
    status, hdrs, data = srv.request("GET", base + "/out.bin")
    check(status == 200 and data == bytes(range(256)), "%d %s" % (status, show(data)))
    check(hdrs.get("content-type") == "application/octet-stream", show(hdrs))
    status, _, data = srv.request("GET", base + "/data/in.txt")
    check(data == b"hello\x00world", show(data))
    listing = srv.json("GET", base)["files"]
    paths = {f["path"]: f["size"] for f in listing}
    check(paths.get("/data/in.txt") == 11 and paths.get("/out.bin") == 256, show(listing))
    status, _, data = srv.request("GET", base + "/nope.txt")
    check(status == 404 and error_code(data) == "file_not_found", "%d %s" % (status, show(data)))
    for bad in ("/a/../b", "/a/%2e%2e/b", "/a%00b", "/a//b", "/a/", "/%01"):
        status, _, data = srv.request("GET", base + bad)
        check(status == 400 and error_code(data) == "bad_path", "%s: %d %s" % (bad, status, show(data)))
        status, _, data = srv.request("PUT", base + bad, b"x")
        check(status == 400 and error_code(data) == "bad_path", "PUT %s: %d %s" % (bad, status, show(data)))
    status, _, data = srv.request("DELETE", base + "/out.bin")
    check(status == 405, "DELETE file: %d" % status)
    status, _, data = srv.request("PUT", base + "/data", b"x")  # a directory is in the way
    check(status == 400 and error_code(data) == "file_refused", "%d %s" % (status, show(data)))
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)
    small = srv.create({"limits": {"files_bytes": 100}})
    status, _, data = srv.request("PUT", "/v1/sessions/%s/files/big" % small, b"x" * 200)
    check(status == 400 and error_code(data) == "file_refused", "quota: %d %s" % (status, show(data)))
    status, _, data = srv.request("PUT", "/v1/sessions/%s/files/fits" % small, b"x" * 50)
    check(status == 201, "under the quota: %d %s" % (status, show(data)))
    srv.json("DELETE", "/v1/sessions/" + small, expect=204)


@case
def test_snapshot_and_restore_from_it():
    sid = srv.create()
    srv.run(sid, "import json\nstate = {'n': 41}\nwith open('/keep.txt', 'w') as f:\n    f.write('kept')")
    status, hdrs, snap = srv.request("POST", "/v1/sessions/%s/snapshot" % sid)
    check(status == 200 and hdrs.get("content-type") == "application/octet-stream" and snap[:8] == b"MPBOXSNP",
          "%d %s" % (status, show(snap[:40])))
    copy = srv.create({"snapshot": base64.b64encode(snap).decode()})
    check(copy != sid, "same id")
    r = srv.run(copy, "state['n'] += 1\nprint(open('/keep.txt').read())\nstate['n']", return_value=True)
    check(r["status"] == "ok" and r["return_value"] == 42 and r["stdout"] == "kept\n", show(r))
    r = srv.run(sid, "state['n']", return_value=True)
    check(r["return_value"] == 41, "the original changed: %s" % show(r))
    # a damaged snapshot is refused, not crashed on
    bad = bytearray(snap)
    bad[len(bad) // 2] ^= 0xff
    status, _, data = srv.request("POST", "/v1/sessions", {"snapshot": base64.b64encode(bytes(bad)).decode()})
    check(status == 400 and error_code(data) == "bad_snapshot" and b"snapshot refused" in data,
          "%d %s" % (status, show(data)))
    status, _, data = srv.request("POST", "/v1/sessions", {"snapshot": "not base64!"})
    check(status == 400, "%d %s" % (status, show(data)))
    for s in (sid, copy):
        srv.json("DELETE", "/v1/sessions/" + s, expect=204)


@case
def test_interrupt():
    sid = srv.create()
    r = srv.json("POST", "/v1/sessions/%s/interrupt" % sid)
    check(r == {"interrupted": False}, show(r))
    t, box = in_thread(lambda: srv.run(sid, "n = 0\nwhile True:\n    n += 1"))
    wait_for("the run starts", lambda: srv.json("GET", "/v1/sessions/" + sid)["running"])
    r = srv.json("POST", "/v1/sessions/%s/interrupt" % sid)
    check(r == {"interrupted": True}, show(r))
    t.join(30)
    check("value" in box, "run failed: %s" % box.get("error"))
    check(box["value"]["status"] == "interrupted", show(box["value"]))
    r = srv.run(sid, "print('still here')")
    check(r["status"] == "ok", show(r))
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_busy_waits_by_default():
    sid = srv.create()
    t, box = in_thread(lambda: srv.run(sid, "import time\ntime.sleep(1)\nx = 'first'"))
    wait_for("the first run starts", lambda: srv.json("GET", "/v1/sessions/" + sid)["running"])
    r = srv.run(sid, "x", return_value=True)  # waits for the first run
    check(r["status"] == "ok" and r["return_value"] == "first", show(r))
    t.join(30)
    check(box.get("value", {}).get("status") == "ok", show(box))
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_runs_in_parallel_sessions():
    a, b = srv.create(), srv.create()
    t, box = in_thread(lambda: srv.run(a, "while True: pass"))
    wait_for("the run in a starts", lambda: srv.json("GET", "/v1/sessions/" + a)["running"])
    r = srv.run(b, "print('b answers')")  # not held up by a
    check(r["stdout"] == "b answers\n", show(r))
    check(srv.json("GET", "/v1/sessions/" + a)["running"], "a finished first")
    srv.json("POST", "/v1/sessions/%s/interrupt" % a)
    t.join(30)
    check(box.get("value", {}).get("status") == "interrupted", show(box))
    for s in (a, b):
        srv.json("DELETE", "/v1/sessions/" + s, expect=204)


@case
def test_delete_stops_a_run():
    sid = srv.create()
    t, box = in_thread(lambda: srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "while True: pass"}))
    wait_for("the run starts", lambda: srv.json("GET", "/v1/sessions/" + sid)["running"])
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)
    t.join(30)
    check("value" in box and box["value"][0] == 200, show(box))
    status, _, _ = srv.request("GET", "/v1/sessions/" + sid)
    check(status == 404, "still there: %d" % status)


@case
def test_bad_requests():
    cases = [
        ("POST", "/v1/run", b"{", JSON, 400, "bad_json"),
        ("POST", "/v1/run", b"[1]", JSON, 400, "bad_json"),
        ("POST", "/v1/run", b'{"code": "1"} x', JSON, 400, "bad_json"),
        ("POST", "/v1/run", b'{"code": "\xff"}', JSON, 400, "bad_json"),
        ("POST", "/v1/run", b'{"code": 1}', JSON, 400, "bad_request"),
        ("POST", "/v1/run", b'{}', JSON, 400, "bad_request"),
        ("POST", "/v1/run", b'{"code": "1", "cod": 2}', JSON, 400, "bad_request"),
        ("POST", "/v1/run", b'{"code": "1", "code": "2"}', JSON, 400, "bad_request"),
        ("POST", "/v1/run", b'{"code": "1", "return_value": "yes"}', JSON, 400, "bad_request"),
        ("POST", "/v1/run", b'{"code": "1"}', {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
        ("POST", "/v1/run", b'{"code": "1"}', {}, 415, "unsupported_media_type"),
        ("POST", "/v1/sessions", b'{"mounts": [{"source": "/"}]}', JSON, 403, "mounts_not_allowed"),
        ("POST", "/v1/sessions", b'{"sqlite": ["nope"]}', JSON, 400, "unknown_database"),
        ("POST", "/v1/sessions", b'{"limits": []}', JSON, 400, "bad_request"),
        ("GET", "/v2/run", None, {}, 404, "not_found"),
        ("GET", "/", None, {}, 404, "not_found"),
        ("GET", "/v1/sessions/0123456789abcdef0123456789abcdef", None, {}, 404, "session_not_found"),
        ("GET", "/v1/sessions/xyz", None, {}, 404, "session_not_found"),
        ("GET", "/v1/sessions/0123456789abcdef0123456789abcdef/nope", None, {}, 404, "not_found"),
        ("GET", "/v1/run", None, {}, 405, "method_not_allowed"),
        ("PUT", "/v1/sessions", b"", {}, 405, "method_not_allowed"),
        ("POST", "/healthz", b"", {}, 405, "method_not_allowed"),
        ("GET", "/v1/sessions/0123456789abcdef0123456789abcdef/run", None, {}, 405, "method_not_allowed"),
    ]
    for method, path, body, hdrs, status, code in cases:
        st, h, data = srv.request(method, path, body, hdrs)
        check(st == status and error_code(data) == code,
              "%s %s %s: %d %s, expected %d %s" % (method, path, show(body), st, show(data), status, code))
        check(h.get("content-type") == "application/json", "%s %s: %s" % (method, path, show(h)))
        if status == 405:
            check(h.get("allow"), "%s %s: no Allow header" % (method, path))
    st, _, data = srv.request("POST", "/v1/run", b'{"code": "1", "cod": 2}', JSON)
    check('"cod"' in json.loads(data)["error"]["message"], "the message names the member: %s" % show(data))


@case
def test_body_too_large():
    # refused from the Content-Length alone, before any byte of the body
    status, data = post_expecting(srv.port, "/v1/run", b"x" * (9 << 20))
    check(status == 413 and error_code(data) == "body_too_large", "%d %s" % (status, show(data)))
    # without Content-Length (chunked): refused all the same
    c = srv.conn()
    c.putrequest("POST", "/v1/run")
    c.putheader("Content-Type", "application/json")
    c.putheader("Transfer-Encoding", "chunked")
    c.endheaders()
    for _ in range(9):
        piece = b"x" * (1 << 20)
        c.send(b"%x\r\n%s\r\n" % (len(piece), piece))
    c.send(b"0\r\n\r\n")
    r = c.getresponse()
    data = r.read()
    check(r.status == 413, "chunked: %d %s" % (r.status, show(data)))
    c.close()
    status, _, _ = srv.request("GET", "/healthz")
    check(status == 200, "server after big bodies: %d" % status)


@case
def test_request_memory_bound():
    # a JSON body counts twice (the body and its parsed copy)
    s2 = Server("--max-request", "1M", "--max-request-memory", "3M")
    try:
        # one client announces a 1 MiB body and sends nothing of it
        hog = socket.create_connection(("127.0.0.1", s2.port), timeout=20)
        hog.sendall(b"POST /v1/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n" % (1 << 20))
        body = json.dumps({"code": "#" + "x" * (800 << 10)}).encode()
        wait_for("the hog's body is counted", lambda: s2.metric("mpbox_http_request_body_bytes") == 2 << 20)
        status, data = post_expecting(s2.port, "/v1/run", body)
        check(status == 503 and error_code(data) == "overloaded", "%d %s" % (status, show(data)))
        status, _, data = s2.request("POST", "/v1/run", {"code": "print(1)"})
        check(status == 200, "small request: %d %s" % (status, show(data)))
        hog.close()
        wait_for("the budget comes back", lambda: s2.metric("mpbox_http_request_body_bytes") == 0)
        status, data = post_expecting(s2.port, "/v1/run", body)
        check(status == 200, "after: %d %s" % (status, show(data)))
    finally:
        s2.stop()


@case
def test_ambiguous_body_length_refused():
    """Two Content-Length headers, or Content-Length with Transfer-Encoding:
    400 and the connection closed, so that nothing after it on the
    connection is read as another request."""
    heads = [b"Content-Length: 12\r\nContent-Length: 13\r\n",
             b"Content-Length: 12\r\nTransfer-Encoding: chunked\r\n"]
    for extra in heads:
        sock = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
        sock.sendall(b"POST /v1/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra +
                     b"\r\n{\"code\":\"1\"}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data = b""
        while True:
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
        sock.close()
        check(data.startswith(b"HTTP/1.1 400") and b"conflicting body length" in data, show(data))
        check(data.count(b"HTTP/1.1 ") == 1, "a second answer on the connection: %s" % show(data))
    status, _, data = srv.request("POST", "/v1/run", {"code": "print(2)"})
    check(status == 200 and json.loads(data)["stdout"] == "2\n", show(data))


@case
def test_keep_alive():
    c = srv.conn()
    for i in range(20):
        status, hdrs, data = srv.request("POST", "/v1/run", {"code": "print(%d)" % i}, conn=c)
        check(status == 200 and json.loads(data)["stdout"] == "%d\n" % i, "%d: %s" % (i, show(data)))
    c.close()


@case
def test_hostile_connections():
    # a client that stops half-way through its headers, one that sends
    # binary garbage, one with huge headers: the others keep being served,
    # and the stalled ones are cut off after --connection-timeout
    s2 = Server("--connection-timeout", "1")
    try:
        slow = socket.create_connection(("127.0.0.1", s2.port), timeout=20)
        slow.sendall(b"POST /v1/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        junk = socket.create_connection(("127.0.0.1", s2.port), timeout=20)
        junk.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 GARBAGE\r\n\r\n")
        status, _, _ = s2.request("GET", "/healthz", headers={"X-Big": "a" * 100000})
        check(status == 431, "huge header: %d" % status)
        r = s2.json("POST", "/v1/run", {"code": "print('fine')"})
        check(r["stdout"] == "fine\n", show(r))
        for sock in (slow, junk):
            reply = sock.recv(4096)  # the server closes it (b"") or says 400
            check(reply == b"" or reply.startswith(b"HTTP/1.1 400"), show(reply))
            sock.close()
        # HTTP/1.1 without Host is refused (strict parsing)
        bare = socket.create_connection(("127.0.0.1", s2.port), timeout=20)
        bare.sendall(b"GET /healthz HTTP/1.1\r\n\r\n")
        reply = bare.recv(4096)
        check(reply.startswith(b"HTTP/1.1 400"), show(reply))
        bare.close()
        # a connection that sent nothing at all
        idle = socket.create_connection(("127.0.0.1", s2.port), timeout=20)
        check(idle.recv(10) == b"", "an idle connection stays open")
        idle.close()
    finally:
        s2.stop()


@case
def test_host_header_checked_without_tokens():
    status, _, data = srv.request("GET", "/v1/sessions", headers={"Host": "evil.example:80"})
    check(status == 403 and error_code(data) == "forbidden_host", "%d %s" % (status, show(data)))
    for host in ("localhost:1", "127.0.0.1", "[::1]:80"):
        status, _, _ = srv.request("GET", "/v1/sessions", headers={"Host": host})
        check(status == 200, "%s: %d" % (host, status))


@case
def test_worker_killed():
    sid = srv.create()
    srv.run(sid, "x = 1")
    pid = srv.json("GET", "/v1/sessions/" + sid)["pid"]
    os.kill(pid, signal.SIGKILL)
    status, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x"})
    check(status == 500 and error_code(data) == "worker_died", "%d %s" % (status, show(data)))
    msg = json.loads(data)["error"]["message"]
    check("SIGKILL" in msg and "lost" in msg, msg)
    wait_for("the loss is logged", lambda: any(sid[:8] in line and "SIGKILL" in line for line in srv.lines))
    info = srv.json("GET", "/v1/sessions/" + sid)
    check(info["state"] == "lost" and "SIGKILL" in info["lost_reason"] and info["pid"] is None, show(info))
    status, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x"})
    check(status == 410 and error_code(data) == "session_lost", "%d %s" % (status, show(data)))
    # the server and other sessions live on
    other = srv.create()
    check(srv.run(other, "print(2)")["stdout"] == "2\n", "new session")
    check(srv.metric("mpbox_worker_deaths_total") >= 1, "deaths not counted")
    for s in (sid, other):
        srv.json("DELETE", "/v1/sessions/" + s, expect=204)


@case
def test_run_that_loses_its_session():
    # rollback off, and a program that ignores the soft interrupt: the hard
    # stop loses the session inside the library
    sid = srv.create({"limits": {"rollback": False, "timeout_ms": 200}})
    deaths = srv.metric("mpbox_worker_deaths_total")
    r = srv.run(sid, "while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass")
    check(r["status"] == "timeout" and r["session"] == "lost", show(r))
    status, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1"})
    check(status == 410 and "rollback" in json.loads(data)["error"]["message"], "%d %s" % (status, show(data)))
    check(srv.json("GET", "/v1/sessions/" + sid)["state"] == "lost", "state")
    check(srv.metric("mpbox_worker_deaths_total") == deaths, "counted as a worker death")
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_run_that_kills_its_worker():
    sid = srv.create({"limits": {"memory": 64 << 20}})
    r = srv.run(sid, "x = 5")
    # the worker is killed from outside in the middle of a run
    t, box = in_thread(lambda: srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": "while True: pass"}))
    wait_for("the run starts", lambda: srv.json("GET", "/v1/sessions/" + sid)["running"])
    os.kill(srv.json("GET", "/v1/sessions/" + sid)["pid"], signal.SIGKILL)
    t.join(30)
    status, _, data = box["value"]
    check(status == 500 and error_code(data) == "worker_died", "%d %s" % (status, show(data)))
    status, _, _ = srv.request("GET", "/healthz")
    check(status == 200 and r["status"] == "ok", "server down")
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_metrics():
    srv.json("POST", "/v1/run", {"code": "pass"})
    status, hdrs, data = srv.request("GET", "/metrics")
    text = data.decode()
    check(status == 200 and hdrs.get("content-type", "").startswith("text/plain"), show(hdrs))
    for name in ("mpbox_sessions{state=\"live\"}", "mpbox_sessions{state=\"evicted\"}", "mpbox_session_workers",
                 "mpbox_session_workers_rss_bytes", "mpbox_evictions_total", "mpbox_restores_total",
                 "mpbox_busy_rejected_total", "mpbox_http_requests_total{code=\"200\"}"):
        check(re.search(r"^%s \d+$" % re.escape(name), text, re.M), "no %s" % name)
    m = re.search(r'^mpbox_runs_total\{status="ok"\} (\d+)$', text, re.M)
    check(m and int(m.group(1)) > 0, "runs by status")
    check("# TYPE mpbox_runs_total counter" in text, "TYPE lines")


def make_db(path):
    db = sqlite3.connect(path)
    db.execute("create table t (a integer, b text)")
    db.executemany("insert into t values (?, ?)", [(1, "one"), (2, "two")])
    db.commit()
    db.close()


@case
def test_mounts_and_sqlite():
    with tempfile.TemporaryDirectory() as tmp:
        allowed = os.path.join(tmp, "allowed")
        os.makedirs(os.path.join(allowed, "data"))
        with open(os.path.join(allowed, "data", "in.txt"), "w") as f:
            f.write("mounted")
        os.makedirs(os.path.join(tmp, "secret"))
        os.symlink(os.path.join(tmp, "secret"), os.path.join(allowed, "escape"))
        make_db(os.path.join(tmp, "t.db"))
        s2 = Server("--allow-mount", allowed, "--sqlite", "db=" + os.path.join(tmp, "t.db"))
        try:
            sid = s2.create({"mounts": [{"source": os.path.join(allowed, "data"), "target": "/in"}],
                             "sqlite": ["db"]})
            r = s2.run(sid, "print(open('/in/in.txt').read())\n"
                            "read_only_sql_query('db', 'select b from t order by a')", return_value=True)
            check(r["status"] == "ok" and r["stdout"] == "mounted\n", show(r))
            check("one" in json.dumps(r["return_value"]) and "two" in json.dumps(r["return_value"]), show(r))
            info = s2.json("GET", "/v1/sessions/" + sid)
            want = [{"source": os.path.realpath(os.path.join(allowed, "data")), "target": "/in"}]
            check(info["mounts"] == want and info["sqlite"] == ["db"], show(info))
            listed = s2.json("GET", "/v1/sessions")["sessions"]
            check(listed[0]["mounts"] == want, show(listed))
            for src in (os.path.join(tmp, "secret"), os.path.join(allowed, "escape"),
                        os.path.join(allowed, "data", "..", "..", "secret"), os.path.join(allowed, "missing")):
                status, _, data = s2.request("POST", "/v1/sessions", {"mounts": [{"source": src}]})
                check(status == 403 and error_code(data) == "mount_not_allowed", "%s: %d %s"
                      % (src, status, show(data)))
            status, _, data = s2.request("POST", "/v1/sessions",
                                         {"mounts": [{"source": allowed, "target": "/a/../b"}]})
            check(status == 400, "bad target: %d %s" % (status, show(data)))
            status, _, data = s2.request("POST", "/v1/sessions",
                                         {"mounts": [{"source": allowed}, {"source": allowed + "/data"}]})
            check(status == 400 and "twice" in data.decode(), "same target: %d %s" % (status, show(data)))
            status, _, data = s2.request("POST", "/v1/sessions",
                                         {"mounts": [{"source": allowed, "target": "/x"},
                                                     {"source": allowed + "/data", "target": "/x/y"}]})
            check(status in (201, 400), "nested targets: %d %s" % (status, show(data)))
            # a session without "sqlite" has no database
            plain = s2.create()
            r = s2.run(plain, "read_only_sql_query('db', 'select 1')")
            check(r["status"] == "error", "database without asking: %s" % show(r))
        finally:
            s2.stop()


@case
def test_tokens_and_owners():
    s2 = Server("--token", TOKEN_A, "--token", TOKEN_B, token=TOKEN_A)
    try:
        status, _, _ = s2.request("GET", "/healthz", token="")
        check(status == 200, "healthz needs no token: %d" % status)
        for tok in ("", "wrong-token-0123456789", TOKEN_A + "x", TOKEN_A[:-1]):
            status, hdrs, data = s2.request("GET", "/v1/sessions", token=tok)
            check(status == 401 and error_code(data) == "unauthorized", "token %r: %d" % (tok, status))
            check(hdrs.get("www-authenticate", "").startswith("Bearer"), show(hdrs))
        status, _, data = s2.request("GET", "/v1/sessions", headers={"Authorization": "Basic " + TOKEN_A})
        check(status == 401, "Basic: %d" % status)
        # 401 comes before the body is read, and before routing
        status, _, _ = s2.request("POST", "/v1/run", {"code": "1"}, token="")
        check(status == 401, "run without token: %d" % status)
        status, _, _ = s2.request("GET", "/nowhere", token="")
        check(status == 401, "unknown route without token: %d" % status)

        a = s2.create()
        s2.run(a, "secret = 'of a'")
        b = s2.create(token=TOKEN_B)
        # B does not see A's session, cannot touch it, and cannot tell it exists
        for method, path, body in (("GET", "", None), ("POST", "/run", {"code": "secret"}),
                                   ("GET", "/files", None), ("POST", "/snapshot", None),
                                   ("POST", "/interrupt", None), ("DELETE", "", None)):
            status, _, data = s2.request(method, "/v1/sessions/" + a + path, body, token=TOKEN_B)
            check(status == 404 and error_code(data) == "session_not_found",
                  "B %s %s: %d %s" % (method, path, status, show(data)))
        ids_b = [s["id"] for s in s2.json("GET", "/v1/sessions", token=TOKEN_B)["sessions"]]
        ids_a = [s["id"] for s in s2.json("GET", "/v1/sessions")["sessions"]]
        check(ids_b == [b] and ids_a == [a], "lists: %s %s" % (ids_a, ids_b))
        r = s2.run(a, "secret", return_value=True)
        check(r["return_value"] == "of a", show(r))
        status, _, _ = s2.request("GET", "/v1/sessions", headers={"Host": "evil.example"})
        check(status == 200, "with tokens any Host is fine: %d" % status)
    finally:
        s2.stop()


@case
def test_log_requests():
    s2 = Server("--log-requests", "--token", TOKEN_A, token=TOKEN_A)
    try:
        s2.request("GET", "/v1/sessions")
        s2.request("GET", "/v1/sessions", token="")
        s2.request("GET", "/v1/%01x")

        def logged(pattern):
            return any(re.search(pattern, line) for line in s2.lines)
        wait_for("log lines", lambda: logged(r'^mpbox serve: 127\.0\.0\.1 token1 "GET /v1/sessions" 200 \d+ [\d.]+ms$')
                 and logged(r'^mpbox serve: 127\.0\.0\.1 - "GET /v1/sessions" 401 ')
                 and logged(r'"GET /v1/\?x" 404 '))
        check(not any(TOKEN_A in line for line in s2.lines), "the token is logged")
    finally:
        s2.stop()


@case
def test_token_file_and_insecure_listen():
    with tempfile.NamedTemporaryFile("w", suffix=".tokens", delete=False) as f:
        f.write("# comment\n\n%s\n" % TOKEN_B)
    try:
        s2 = Server("--token-file", f.name, token=TOKEN_B)
        try:
            check(s2.request("GET", "/v1/sessions")[0] == 200, "token from the file")
            check(s2.request("GET", "/v1/sessions", token=TOKEN_A)[0] == 401, "other token")
        finally:
            s2.stop()
    finally:
        os.unlink(f.name)
    p = subprocess.run([MPBOX, "serve", "--listen", "0.0.0.0:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=20)
    check(p.returncode == 2 and b"--token" in p.stderr and b"--insecure" in p.stderr, show(p.stderr))
    p = subprocess.run([MPBOX, "serve", "--token", "short"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=20)
    check(p.returncode == 2 and b"token" in p.stderr, show(p.stderr))
    p = subprocess.run([MPBOX, "serve", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 0 and b"--listen" in p.stdout and b"--idle-timeout" in p.stdout, show(p.stdout))
    p = subprocess.run([MPBOX, "serve", "--lisen", "x"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 2 and b"unknown option '--lisen'" in p.stderr, show(p.stderr))
    p = subprocess.run([MPBOX, "serve", "--busy", "sometimes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=20)
    check(p.returncode == 2 and b"--busy" in p.stderr, show(p.stderr))


@case
def test_busy_refuse():
    s2 = Server("--busy=refuse")
    try:
        sid = s2.create()
        t, box = in_thread(lambda: s2.run(sid, "while True: pass"))
        wait_for("the run starts", lambda: s2.json("GET", "/v1/sessions/" + sid)["running"])
        status, _, data = s2.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1"})
        check(status == 409 and error_code(data) == "busy", "%d %s" % (status, show(data)))
        status, _, data = s2.request("GET", "/v1/sessions/%s/files" % sid)
        check(status == 409, "files while busy: %d" % status)
        check(s2.metric("mpbox_busy_rejected_total") >= 2, "not counted")
        s2.json("POST", "/v1/sessions/%s/interrupt" % sid)
        t.join(30)
        check(box.get("value", {}).get("status") == "interrupted", show(box))
        check(s2.run(sid, "print(1)")["stdout"] == "1\n", "usable after")
    finally:
        s2.stop()


@case
def test_eviction_and_restore():
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state")
        mounted = os.path.join(tmp, "mounted")
        os.makedirs(mounted)
        with open(os.path.join(mounted, "m.txt"), "w") as f:
            f.write("from the host")
        s2 = Server("--idle-timeout", "0.3", "--state-dir", state, "--allow-mount", mounted)
        try:
            sid = s2.create({"limits": {"deterministic": True, "seed": 3, "max_output": 30},
                             "mounts": [{"source": mounted, "target": "/m"}]})
            s2.run(sid, "import random\nx = [42]\ndef f():\n    return x[0] + 1\n"
                        "with open('/notes.txt', 'w') as fh:\n    fh.write('before')")
            r1 = s2.run(sid, "random.getrandbits(30)", return_value=True)["return_value"]
            pid = s2.json("GET", "/v1/sessions/" + sid)["pid"]
            wait_for("eviction", lambda: s2.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
            info = s2.json("GET", "/v1/sessions/" + sid)
            check(info["pid"] is None, show(info))
            snaps = sorted(f for f in os.listdir(state) if f != "snapshot.key")  # the server's snapshot key
            # a --state-dir keeps the description next to the snapshot
            check(snaps == [sid + ".meta", sid + ".snap"], show(os.listdir(state)))
            check(not os.path.exists("/proc/%d" % pid) or open("/proc/%d/stat" % pid).read().split()[2] == "Z",
                  "the worker still runs")
            r = s2.run(sid, "print(open('/notes.txt').read())\nf()", return_value=True)
            check(r["status"] == "ok" and r["return_value"] == 43 and r["stdout"] == "before\n", show(r))
            # limits, clock mode and mounts came back too
            r = s2.run(sid, "import time\nopen('/m/m.txt').read(), time.time() < 1767225700", return_value=True)
            check(r["return_value"] == ["from the host", True], show(r))
            r = s2.run(sid, "print('y' * 50)")
            check(r["stdout"] == "y" * 30 and r["stdout_truncated"], show(r))
            r2 = s2.run(sid, "random.getrandbits(30)", return_value=True)["return_value"]
            # while a run holds it, it cannot be evicted again: it is live in
            # a new worker and its snapshot file is gone
            # (deterministic mode: time.sleep does not wait; a loop, interrupted)
            t, box = in_thread(lambda: s2.run(sid, "while True: pass"))
            wait_for("the run starts", lambda: s2.json("GET", "/v1/sessions/" + sid)["running"])
            info = s2.json("GET", "/v1/sessions/" + sid)
            check(info["state"] == "live" and info["pid"] not in (None, pid), show(info))
            check(os.listdir(state) == ["snapshot.key"], "snapshot left: %s" % os.listdir(state))
            s2.json("POST", "/v1/sessions/%s/interrupt" % sid)
            t.join(30)
            check(box.get("value", {}).get("status") == "interrupted", show(box))
            check(s2.metric("mpbox_evictions_total") >= 1 and s2.metric("mpbox_restores_total") >= 1, "metrics")
            # the random state went through eviction too: a fresh session
            # with the same seed gives r1 then r2
            fresh = s2.create({"limits": {"deterministic": True, "seed": 3}})
            s2.run(fresh, "import random")
            f1 = s2.run(fresh, "random.getrandbits(30)", return_value=True)["return_value"]
            f2 = s2.run(fresh, "random.getrandbits(30)", return_value=True)["return_value"]
            check((f1, f2) == (r1, r2), "random state: %s vs %s" % ((f1, f2), (r1, r2)))
            # files of an evicted session, and its snapshot, restore it too
            wait_for("eviction", lambda: s2.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
            status, _, data = s2.request("GET", "/v1/sessions/%s/files/notes.txt" % sid)
            check(status == 200 and data == b"before", "%d %s" % (status, show(data)))
            # deleting an evicted session removes its snapshot
            wait_for("eviction", lambda: s2.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
            s2.json("DELETE", "/v1/sessions/" + sid, expect=204)
            check(not os.path.exists(os.path.join(state, sid + ".snap")), "snapshot kept after delete")
        finally:
            s2.stop()
        check(s2.p.returncode == 0, "exit status %s" % s2.p.returncode)


def mcp_post(server, sid, msg):
    h = {"Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"}
    if sid:
        h["Mcp-Session-Id"] = sid
    return server.request("POST", "/mcp", msg, headers=h)


@case
def test_mcp_sessions_in_the_table():
    s2 = Server("--idle-timeout", "0.3", "--token", TOKEN_A, "--token", TOKEN_B, token=TOKEN_A)
    try:
        init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                           "clientInfo": {"name": "t", "version": "1"}}}
        status, hdrs, data = mcp_post(s2, None, init)
        check(status == 200, "initialize: %d %s" % (status, show(data)))
        sid = hdrs["mcp-session-id"]
        call = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                "params": {"name": "run_python_code",
                           "arguments": {"python_code": "n = 41\nopen('/agent.txt', 'w').write('by the agent')"}}}
        status, _, data = mcp_post(s2, sid, call)
        check(status == 200 and "success" in json.loads(data)["result"]["content"][0]["text"], show(data))
        # an ordinary session of the token's, of kind "mcp"
        sessions = s2.json("GET", "/v1/sessions")["sessions"]
        check([(x["id"], x["kind"]) for x in sessions] == [(sid, "mcp")], show(sessions))
        check(s2.json("GET", "/v1/sessions", token=TOKEN_B)["sessions"] == [], "visible to another token")
        # evicted when idle, restored by the next tool call
        wait_for("eviction", lambda: s2.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
        call["params"]["arguments"]["python_code"] = "n + 1"
        status, _, data = mcp_post(s2, sid, call)
        text = json.loads(data)["result"]["content"][0]["text"] if status == 200 else ""
        check("<return_value>\n42\n</return_value>" in text, "%d %s" % (status, show(data)))
        # its files through the API
        status, _, data = s2.request("GET", "/v1/sessions/%s/files/agent.txt" % sid)
        check(status == 200 and data == b"by the agent", "%d %s" % (status, show(data)))
        # another token cannot use it over /mcp either
        status, _, _ = s2.request("POST", "/mcp", call, token=TOKEN_B,
                                  headers={"Accept": "application/json", "Mcp-Session-Id": sid,
                                           "MCP-Protocol-Version": "2025-06-18"})
        check(status == 404, "other token: %d" % status)
    finally:
        s2.stop()


@case
def test_max_sessions():
    s2 = Server("--max-sessions", "2")
    try:
        a = s2.create()
        s2.create()
        status, hdrs, data = s2.request("POST", "/v1/sessions", {})
        check(status == 503 and error_code(data) == "too_many_sessions" and hdrs.get("retry-after"),
              "%d %s" % (status, show(data)))
        s2.json("DELETE", "/v1/sessions/" + a, expect=204)
        s2.create()
    finally:
        s2.stop()


@case
def test_session_ttl():
    s2 = Server("--session-ttl", "0.5")
    try:
        a, b = s2.create(), s2.create()
        s2.run(b, "x = 1")
        wait_for("expiry", lambda: s2.request("GET", "/v1/sessions/" + a)[0] == 404)
        wait_for("expiry", lambda: s2.request("GET", "/v1/sessions/" + b)[0] == 404)
        check(s2.metric("mpbox_sessions_expired_total") == 2, "expired count")
        status, _, _ = s2.request("POST", "/v1/sessions/%s/run" % b, {"code": "x"})
        check(status == 404, "run after expiry: %d" % status)
    finally:
        s2.stop()


@case
def test_max_oneshot():
    s2 = Server("--max-oneshot", "1")
    try:
        first, box1 = in_thread(lambda: s2.json("POST", "/v1/run", {"code": "while True: pass",
                                                                     "limits": {"timeout_ms": 3000}}))
        wait_for("the first run starts", lambda: s2.metric("mpbox_oneshot_running") == 1)
        r = s2.json("POST", "/v1/run", {"code": "print(2)"})
        check(r["stdout"] == "2\n", show(r))
        # it waited for the only slot: the first run had ended (and was
        # counted, which happens before its slot is given back)
        check(re.search(r'^mpbox_runs_total\{status="timeout"\} 1$', s2.request("GET", "/metrics")[2].decode(), re.M),
              "the second run did not wait for the first")
        first.join(30)
        check(box1.get("value", {}).get("status") == "timeout", show(box1))
    finally:
        s2.stop()


@case
def test_max_sessions_per_token():
    s2 = Server("--token", TOKEN_A, "--token", TOKEN_B, "--max-sessions-per-token", "1", token=TOKEN_A)
    try:
        a = s2.create()
        status, _, data = s2.request("POST", "/v1/sessions", {})
        check(status == 429 and error_code(data) == "too_many_sessions", "%d %s" % (status, show(data)))
        s2.create(token=TOKEN_B)  # the other token is not held up
        s2.json("DELETE", "/v1/sessions/" + a, expect=204)
        s2.create()
    finally:
        s2.stop()


@case
def test_memory_budget():
    s2 = Server("--memory-budget", "1K", "--idle-timeout", "0")
    try:
        sid = s2.create()
        s2.run(sid, "big = bytearray(4 << 20)\nbig[-1] = 7")
        wait_for("eviction for memory", lambda: s2.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
        check(s2.metric("mpbox_evictions_memory_total") >= 1, "not counted")
        r = s2.run(sid, "big[-1]", return_value=True)
        check(r["return_value"] == 7, show(r))
    finally:
        s2.stop()


@case
def test_sigterm_stops_cleanly():
    s2 = Server()
    sid = s2.create()
    pid = s2.json("GET", "/v1/sessions/" + sid)["pid"]
    t, box = in_thread(lambda: s2.run(sid, "while True: pass"))
    wait_for("the run starts", lambda: s2.json("GET", "/v1/sessions/" + sid)["running"])
    s2.stop()
    check(s2.p.returncode == 0, "exit status %s: %s" % (s2.p.returncode, show("".join(s2.lines))))
    t.join(30)
    # the run in progress was interrupted by the shutdown, not left to time out
    check(box.get("value", {}).get("status") == "interrupted", show(box))
    wait_for("the worker ends", lambda: not os.path.exists("/proc/%d" % pid)
             or open("/proc/%d/stat" % pid).read().split()[2] == "Z", 10)


@case
def test_server_exits_cleanly():
    srv.stop()
    check(srv.p.returncode == 0, "exit status %s: %s" % (srv.p.returncode, show("".join(srv.lines), 600)))


finish()
