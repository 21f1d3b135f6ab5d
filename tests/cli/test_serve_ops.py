#!/usr/bin/env python3
"""mpbox serve, operations: /metrics behind a metrics token or loopback
only, SIGHUP reloading --token-file, sessions that survive a restart in
--state-dir (restored by their owner only; the files hold a hash of the
token, never the token), JSON logs. Servers on free ports, stopped by the
tests themselves."""
import hashlib
import json
import os
import signal
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, finish, require_binary, show  # noqa: E402

require_binary()

from servetest import TOKEN_A, TOKEN_B, Server, error_code, wait_for  # noqa: E402

METRICS_TOKEN = "metrics-0123456789abcdef"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def non_loopback_address():
    """An address of this machine that is not loopback (the source address
    of a route; no packet is sent)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: only the route is looked up
        return s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()


def get_from(addr, port, path, token=None):
    import http.client
    c = http.client.HTTPConnection(addr, port, timeout=20)
    c.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    r = c.getresponse()
    out = (r.status, r.read())
    c.close()
    return out


@case
def test_metrics_token():
    with tempfile.TemporaryDirectory() as tmp:
        mfile = os.path.join(tmp, "metrics.tokens")
        write(mfile, "# scraper\n%s\n" % METRICS_TOKEN)
        s = Server("--token", TOKEN_A, "--metrics-token-file", mfile, token=TOKEN_A)
        try:
            status, _, data = s.request("GET", "/metrics")
            check(status == 401 and error_code(data) == "unauthorized", "client token on /metrics: %d %s"
                  % (status, show(data)))
            check(s.request("GET", "/metrics", token="")[0] == 401, "no token on /metrics")
            status, _, data = s.request("GET", "/metrics", token=METRICS_TOKEN)
            check(status == 200 and b"mpbox_uptime_seconds" in data, "%d %s" % (status, show(data)))
            # the metrics token opens nothing else
            check(s.request("GET", "/v1/sessions", token=METRICS_TOKEN)[0] == 401, "metrics token on the API")
            check(s.request("GET", "/v1/sessions")[0] == 200, "client token on the API")
        finally:
            s.stop()


@case
def test_metrics_loopback_only():
    addr = non_loopback_address()
    check(addr and not addr.startswith("127."), "this machine has no non-loopback IPv4 address to test from")
    s = Server("--listen", "0.0.0.0:0", "--token", TOKEN_A, "--metrics-loopback", token=TOKEN_A)
    try:
        status, data = get_from("127.0.0.1", s.port, "/metrics")
        check(status == 200 and b"mpbox_sessions" in data, "loopback, no token: %d %s" % (status, show(data)))
        status, data = get_from(addr, s.port, "/metrics")
        check(status == 403 and error_code(data) == "forbidden", "from %s: %d %s" % (addr, status, show(data)))
        status, data = get_from(addr, s.port, "/metrics", token=TOKEN_A)
        check(status == 403, "client token from %s: %d" % (addr, status))
        # the API still needs its token from anywhere
        check(get_from("127.0.0.1", s.port, "/v1/sessions")[0] == 401, "API without a token")
        check(get_from(addr, s.port, "/v1/sessions", token=TOKEN_A)[0] == 200, "API with a token")
    finally:
        s.stop()
    # loopback or a metrics token
    with tempfile.TemporaryDirectory() as tmp:
        mfile = os.path.join(tmp, "m")
        write(mfile, METRICS_TOKEN + "\n")
        s = Server("--listen", "0.0.0.0:0", "--token", TOKEN_A, "--metrics-loopback", "--metrics-token-file", mfile)
        try:
            check(get_from(addr, s.port, "/metrics")[0] == 401, "remote without the metrics token")
            check(get_from(addr, s.port, "/metrics", token=METRICS_TOKEN)[0] == 200, "remote with it")
            check(get_from("127.0.0.1", s.port, "/metrics")[0] == 200, "loopback")
        finally:
            s.stop()


@case
def test_sighup_reloads_tokens():
    with tempfile.TemporaryDirectory() as tmp:
        tfile = os.path.join(tmp, "tokens")
        write(tfile, TOKEN_A + "\n")
        s = Server("--token-file", tfile, token=TOKEN_A)
        try:
            sid = s.create()
            s.run(sid, "x = 'kept'")
            check(s.request("GET", "/v1/sessions", token=TOKEN_B)[0] == 401, "B before the reload")

            def reload(expect):
                before = sum(expect in line for line in s.lines)
                s.p.send_signal(signal.SIGHUP)
                wait_for("'%s' logged" % expect, lambda: sum(expect in line for line in s.lines) > before)

            write(tfile, "# rotated\n%s\n" % TOKEN_B)
            reload("tokens reloaded (1 client, 0 metrics)")
            check(s.request("GET", "/v1/sessions")[0] == 401, "A after it was removed")
            check(s.json("GET", "/v1/sessions", token=TOKEN_B)["sessions"] == [], "B sees no session of A")
            check(s.request("GET", "/v1/sessions/" + sid, token=TOKEN_B)[0] == 404, "B reaches A's session")
            # a bad file changes nothing
            write(tfile, "short\n")
            reload("tokens not reloaded")
            check(s.request("GET", "/v1/sessions", token=TOKEN_B)[0] == 200, "B after a failed reload")
            # A comes back: its session is still its own
            write(tfile, "%s\n%s\n" % (TOKEN_B, TOKEN_A))
            reload("tokens reloaded (2 client, 0 metrics)")
            r = s.run(sid, "x", return_value=True)
            check(r["return_value"] == "kept", show(r))
            check(s.request("GET", "/v1/sessions/" + sid, token=TOKEN_B)[0] == 404, "B after A came back")
            check(s.p.poll() is None, "the server exited on SIGHUP")
            check(not any(TOKEN_A in line or TOKEN_B in line for line in s.lines), "a token was logged")
        finally:
            s.stop()
        check(s.p.returncode == 0, "exit status %s" % s.p.returncode)


@case
def test_sessions_survive_a_restart():
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state")
        args = ("--token", TOKEN_A, "--token", TOKEN_B, "--state-dir", state, "--idle-timeout", "0.5")
        s = Server(*args, token=TOKEN_A)
        try:
            evicted = s.create()
            s.run(evicted, "x = 41\nimport random\nrandom.seed(5)")
            s.request("PUT", "/v1/sessions/%s/files/out/a.txt" % evicted, body=b"file bytes")
            wait_for("eviction", lambda: s.json("GET", "/v1/sessions/" + evicted)["state"] == "evicted")
            live = s.create({"limits": {"memory": 33554432}})
            s.run(live, "y = [1, 2, 3]")
            other = s.create(token=TOKEN_B)
            s.run(other, "z = 'b'", token=TOKEN_B)
        finally:
            s.stop()  # SIGTERM: live sessions are saved too
        check(s.p.returncode == 0, "exit status %s" % s.p.returncode)
        names = sorted(f for f in os.listdir(state) if f != "snapshot.key")  # the server's snapshot key
        expected = sorted(i + suffix for i in (evicted, live, other) for suffix in (".meta", ".snap"))
        check(names == expected, show(names))
        meta = json.load(open(os.path.join(state, evicted + ".meta")))
        check(meta["id"] == evicted and meta["owner"] == hashlib.sha256(TOKEN_A.encode()).hexdigest(), show(meta))
        check(json.load(open(os.path.join(state, other + ".meta")))["owner"]
              == hashlib.sha256(TOKEN_B.encode()).hexdigest(), "owner of B's session")
        for name in names:
            data = open(os.path.join(state, name), "rb").read()
            check(TOKEN_A.encode() not in data and TOKEN_B.encode() not in data, "a token in " + name)
        # a damaged description and a stray snapshot are dropped at start
        bad = "0" * 32
        write(os.path.join(state, bad + ".meta"), '{"format": 1, "id": "%s"' % bad)
        write(os.path.join(state, bad + ".snap"), "x")
        write(os.path.join(state, "1" * 32 + ".snap"), "x")
        write(os.path.join(state, "notes.txt"), "not ours")

        s = Server(*args, token=TOKEN_A)
        try:
            check(any("3 session(s) in the state directory" in line for line in s.lines), show(s.lines))
            check(sorted(os.listdir(state)) == sorted(expected + ["notes.txt", "snapshot.key"]),
                  show(os.listdir(state)))
            mine = {x["id"]: x for x in s.json("GET", "/v1/sessions")["sessions"]}
            check(set(mine) == {evicted, live} and all(x["state"] == "evicted" for x in mine.values()), show(mine))
            check(mine[live]["limits"]["memory"] == 33554432, show(mine[live]))
            # B cannot reach A's sessions, A cannot reach B's
            check(s.request("POST", "/v1/sessions/%s/run" % evicted, {"code": "x"}, token=TOKEN_B)[0] == 404,
                  "B ran A's session")
            check(s.request("GET", "/v1/sessions/" + other)[0] == 404, "A sees B's session")
            r = s.run(evicted, "print(x + 1, random.randint(0, 1000))")
            check(r["status"] == "ok" and r["stdout"].startswith("42 "), show(r))
            status, _, data = s.request("GET", "/v1/sessions/%s/files/out/a.txt" % evicted)
            check(status == 200 and data == b"file bytes", "%d %s" % (status, show(data)))
            check(s.run(live, "sum(y)", return_value=True)["return_value"] == 6, "live session")
            check(s.run(other, "z", return_value=True, token=TOKEN_B)["return_value"] == "b", "B's session")
            check(s.metric("mpbox_restores_total") == 3, "restores")
            # restored sessions left the state directory
            check(sorted(os.listdir(state)) == ["notes.txt", "snapshot.key"], show(os.listdir(state)))
        finally:
            s.stop()
        # a server with another token list: B's session stays on disk, unreachable
        s = Server("--token", TOKEN_A, "--state-dir", state, token=TOKEN_A)
        try:
            check(s.request("GET", "/v1/sessions/" + other)[0] == 404, "A reaches B's session")
            check(os.path.exists(os.path.join(state, other + ".snap")), "B's session removed")
        finally:
            s.stop()


@case
def test_private_state_dir_is_not_kept():
    # without --state-dir: a private directory in TMPDIR, removed at exit
    with tempfile.TemporaryDirectory() as tmp:
        s = Server("--idle-timeout", "0.3", env=dict(os.environ, TMPDIR=tmp))
        try:
            sid = s.create()
            s.run(sid, "x = 1")
            wait_for("eviction", lambda: s.json("GET", "/v1/sessions/" + sid)["state"] == "evicted")
            made = os.listdir(tmp)
            check(len(made) == 1 and made[0].startswith("mpbox-serve-"), show(made))
            check(sorted(os.listdir(os.path.join(tmp, made[0]))) == [sid + ".snap", "snapshot.key"],
                  "no .meta without --state-dir: %s" % os.listdir(os.path.join(tmp, made[0])))
        finally:
            s.stop()
        check(s.p.returncode == 0 and os.listdir(tmp) == [], show(os.listdir(tmp)))


@case
def test_json_logs():
    s = Server("--log-format=json", "--log-requests", "--token", TOKEN_A, token=TOKEN_A)
    try:
        s.request("GET", "/v1/sessions")
        s.request("GET", "/v1/sessions", token="")
        wait_for("request lines", lambda: sum('"event":"request"' in line for line in s.lines) >= 2)
    finally:
        s.stop()
    records = []
    for line in s.lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            check(False, "not a JSON line: %r" % line)
    for r in records:
        check(isinstance(r, dict) and {"time", "level", "event"} <= set(r) and r["time"].endswith("Z"), show(r))
    events = [r["event"] for r in records]
    check(events[0] == "listening" and events[-1] == "shutdown", show(events))
    # two connections: their lines may come in either order
    reqs = sorted((r for r in records if r["event"] == "request"), key=lambda r: r["status"])
    check(len(reqs) == 2, show(reqs))
    check(reqs[0]["method"] == "GET" and reqs[0]["path"] == "/v1/sessions" and reqs[0]["status"] == 200
          and reqs[0]["token"] == "token1" and reqs[0]["client"] == "127.0.0.1" and reqs[0]["end"] == "ok", show(reqs))
    check(reqs[1]["status"] == 401 and reqs[1]["token"] == "-", show(reqs[1]))
    check(not any(TOKEN_A in line for line in s.lines), "the token is logged")


@case
def test_bad_options():
    import subprocess
    from clitest import MPBOX
    for args, word in ((["--log-format", "xml"], b"--log-format"), (["--metrics-token-file", "/nonexistent"],
                       b"/nonexistent"), (["--token-file", "/dev/null"], b"no token")):
        p = subprocess.run([MPBOX, "serve"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
        check(p.returncode == 2 and word in p.stderr, "%s: %s" % (args, show(p.stderr)))


finish()
