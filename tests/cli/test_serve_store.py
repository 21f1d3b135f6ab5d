#!/usr/bin/env python3
"""mpbox serve replicas sharing sessions through Redis (issue 18,
`--store redis://...`): a session made on one replica runs on another, a
replica killed during a run costs only that run, Redis restarting loses no
stored session and its absence gives clean 503s, concurrent requests on one
session through two replicas are serialised, a stale replica cannot
overwrite a newer state, and per-token limits hold across replicas.

Starts its own redis-server on a free loopback port with a temporary
directory, and its replicas, and stops them all."""
import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, case, check, finish, require_binary, show  # noqa: E402
from servetest import TOKEN_A, TOKEN_B, Server, error_code, in_thread, wait_for  # noqa: E402

require_binary()
REDIS = shutil.which("redis-server")
if not REDIS:
    print("SKIP test_serve_store: redis-server is not installed (apt-get install redis-server; "
          "guest/deps.sh test installs it)")
    sys.exit(0)

TMP = tempfile.mkdtemp(prefix="mpbox-store-")
KEY = os.path.join(TMP, "snapshot.key")
with open(KEY, "wb") as f:
    f.write(os.urandom(32))
os.chmod(KEY, 0o600)
LEASE = "1"  # seconds: a dead replica's sessions move on within about this


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Redis:
    """redis-server on loopback with an append-only file fsynced at every
    write: what it acknowledged survives a kill."""

    def __init__(self, name="redis", *extra):
        self.port = free_port()
        self.dir = os.path.join(TMP, name)
        self.extra = list(extra)
        os.makedirs(self.dir, exist_ok=True)
        self.p = None
        self.start()

    def start(self):
        self.p = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
                                   "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                                   "--protected-mode", "yes", "--daemonize", "no"] + self.extra,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for("redis-server answers PING", self.ping, 20)

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                reply = s.recv(64)
                return reply.startswith(b"+PONG") or reply.startswith(b"-NOAUTH")
        except OSError:
            return False

    def kill(self):
        if self.p and self.p.poll() is None:
            self.p.kill()
            self.p.wait()

    @property
    def url(self):
        return "redis://127.0.0.1:%d" % self.port


REDIS_SRV = Redis()
servers = []


@atexit.register
def stop_all():
    for srv in servers:
        if srv.p.poll() is None:
            os.kill(srv.p.pid, signal.SIGCONT)
            srv.stop()
    REDIS_SRV.kill()
    shutil.rmtree(TMP, ignore_errors=True)


def replica(*args, token=None):
    s = Server("--store", REDIS_SRV.url, "--snapshot-key-file", KEY, "--store-lease", LEASE, *args, token=token)
    servers.append(s)
    return s


def kill9(srv):
    srv.p.kill()
    srv.p.wait()


def value(srv, sid, expr, **kw):
    r = srv.run(sid, expr, return_value=True, **kw)
    check(r["status"] == "ok", "%s: %s" % (expr, show(r, 300)))
    return r["return_value"]


A = replica()
B = replica()


@case
def test_store_needs_a_shared_snapshot_key():
    p = subprocess.run([MPBOX, "serve", "--listen", "127.0.0.1:0", "--store", REDIS_SRV.url],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 2 and b"--snapshot-key-file" in p.stderr, "%d %s" % (p.returncode, show(p.stderr)))
    p = subprocess.run([MPBOX, "serve", "--listen", "127.0.0.1:0", "--store", "http://x:1",
                        "--snapshot-key-file", KEY], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 2 and b"redis://" in p.stderr, "%d %s" % (p.returncode, show(p.stderr)))


@case
def test_created_on_a_runs_on_b():
    sid = A.create()
    A.run(sid, "x = 41\nimport json")
    check(value(B, sid, "x += 1\nx") == 42, "B did not see A's state")
    check(value(A, sid, "x += 1\nx") == 43, "A did not see B's run")
    st, _, data = A.request("PUT", "/v1/sessions/%s/files/out/a.txt" % sid, b"written on A")
    check(st == 201, "PUT: %d %s" % (st, show(data)))
    st, _, data = B.request("GET", "/v1/sessions/%s/files/out/a.txt" % sid)
    check(st == 200 and data == b"written on A", "GET on B: %d %s" % (st, show(data)))
    ids = [s["id"] for s in B.json("GET", "/v1/sessions")["sessions"]]
    check(sid in ids, "B does not list it: %s" % ids)
    # every change was stored; the first one whole, the others as deltas
    commits = A.metric("mpbox_store_commits_total") + B.metric("mpbox_store_commits_total")
    bases = A.metric("mpbox_store_bases_total") + B.metric("mpbox_store_bases_total")
    check(commits >= 5 and bases < commits, "commits %d, bases %d" % (commits, bases))
    B.json("DELETE", "/v1/sessions/" + sid, expect=204)
    st, _, data = A.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x"})
    check(st == 404 and error_code(data) == "session_not_found", "after delete on B, A: %d %s" % (st, show(data)))


@case
def test_concurrent_runs_through_two_replicas_are_serialised():
    sid = A.create()
    A.run(sid, "n = 0\nseen = []")
    N = 24
    # each run reads n, spins a little, writes n + 1: two copies running at
    # once would lose increments
    code = ("import time\nm = n\nt = time.ticks_ms()\nwhile time.ticks_diff(time.ticks_ms(), t) < 5: pass\n"
            "n = m + 1\nseen.append(m)")
    results = []

    def one(srv):
        st, _, data = srv.request("POST", "/v1/sessions/%s/run" % sid, {"code": code})
        results.append((st, data))

    threads = [threading.Thread(target=one, args=(A if i % 2 else B,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    bad = [(st, show(d, 200)) for st, d in results if st != 200]
    check(len(results) == N and not bad, "%d answers, failures: %s" % (len(results), bad[:3]))
    check(value(B, sid, "n") == N, "n = %s after %d runs" % (value(B, sid, "n"), N))
    check(value(A, sid, "sorted(seen) == list(range(%d))" % N) is True, "a run saw a stale n")


@case
def test_interrupt_reaches_the_replica_running_the_session():
    sid = A.create()
    t, box = in_thread(lambda: A.run(sid, "x = 1\nwhile True: pass"))
    wait_for("the run is running", lambda: A.json("GET", "/v1/sessions/" + sid)["running"] is True)
    r = B.json("POST", "/v1/sessions/%s/interrupt" % sid)
    check(r == {"interrupted": True}, show(r))
    t.join(30)
    check(box.get("value", {}).get("status") == "interrupted", "the run: %s" % show(box, 300))
    check(value(B, sid, "x") == 1, "the interrupted run's state")


@case
def test_a_dead_worker_costs_only_its_request():
    """With a store, a session whose worker is killed goes on from its last
    stored state (without a store it would be lost)."""
    sid = A.create({"limits": {"timeout_ms": 20000}})
    A.run(sid, "x = 'kept'")
    t, box = in_thread(lambda: A.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x = 'lost'\nwhile True: pass"}))
    wait_for("the run is running", lambda: A.json("GET", "/v1/sessions/" + sid)["running"] is True)
    os.kill(A.json("GET", "/v1/sessions/" + sid)["pid"], signal.SIGKILL)
    t.join(30)
    st, _, data = box["value"]
    check(st == 500 and error_code(data) == "worker_died" and b"last stored state" in data,
          "the killed run: %d %s" % (st, show(data)))
    check(value(B, sid, "x") == "kept", "B after the worker's death")
    check(value(A, sid, "x") == "kept", "A after the worker's death")


@case
def test_replica_killed_during_a_run_resumes_elsewhere():
    C = replica()
    sid = C.create({"limits": {"timeout_ms": 20000}})
    C.run(sid, "x = 'first run'")
    t, box = in_thread(lambda: C.request("POST", "/v1/sessions/%s/run" % sid,
                                         {"code": "x = 'second run'\nwhile True: pass"}))
    wait_for("the second run is running",
             lambda: C.json("GET", "/v1/sessions/" + sid)["running"] is True)
    kill9(C)
    t.join(30)
    check("value" not in box, "the killed replica answered: %s" % show(box.get("value")))
    started = time.monotonic()
    check(value(B, sid, "x") == "first run", "not resumed from the last completed run")
    took = time.monotonic() - started
    check(took < 8, "took %.1f s to take over (lease %s s)" % (took, LEASE))


@case
def test_stale_replica_cannot_overwrite_a_newer_state():
    """A replica frozen in the middle of a run loses its lease; the run it
    finishes afterwards is refused by the fenced write, and the state B
    wrote in between stands."""
    D = replica()
    sid = D.create({"limits": {"timeout_ms": 20000}})
    D.run(sid, "x = 'before'")
    slow = ("import time\nt = time.ticks_ms()\nwhile time.ticks_diff(time.ticks_ms(), t) < 1500: pass\n"
            "x = 'stale'")
    t, box = in_thread(lambda: D.request("POST", "/v1/sessions/%s/run" % sid, {"code": slow}))
    wait_for("the slow run is running", lambda: D.json("GET", "/v1/sessions/" + sid)["running"] is True)
    os.kill(D.p.pid, signal.SIGSTOP)  # the server, not its worker: the run goes on, its answer waits
    try:
        B.run(sid, "x = 'newer'")  # waits for the frozen replica's lease to expire
    finally:
        os.kill(D.p.pid, signal.SIGCONT)
    t.join(30)
    st, hdrs, data = box["value"]
    check(st == 409 and error_code(data) == "busy" and hdrs.get("x-mpbox-run") == "not-stored",
          "the stale run was answered %d %s" % (st, show(data)))
    check(value(D, sid, "x") == "newer", "the stale replica overwrote the newer state")
    D.stop()


@case
def test_shutdown_does_not_wait_for_another_replicas_lease():
    """A replica stopped while one of its requests waits for a session held
    by a frozen replica answers it and exits within seconds, not after the
    wait's bound."""
    G = replica("--timeout", "20", "--store-lease", "10")  # its lease outlives the test
    H = replica("--timeout", "20", "--store-lease", "10")
    sid = G.create()
    G.run(sid, "x = 1")
    os.kill(G.p.pid, signal.SIGSTOP)
    try:
        t, box = in_thread(lambda: H.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x"}))
        time.sleep(0.5)  # the request is waiting for G's lease
        started = time.monotonic()
        H.stop()
        took = time.monotonic() - started
        t.join(10)
        check(took < 8, "stopping took %.1f s" % took)
        st, _, data = box["value"]
        check(st == 503 and error_code(data) == "shutting_down", "the waiting request: %d %s" % (st, show(data)))
    finally:
        os.kill(G.p.pid, signal.SIGCONT)
    G.stop()


@case
def test_tokens_and_their_limits_hold_across_replicas():
    args = ("--token", TOKEN_A, "--token", TOKEN_B, "--max-sessions-per-token", "2")
    E = replica(*args, token=TOKEN_A)
    F = replica(*args, token=TOKEN_A)
    E.create()
    F.create()
    st, _, data = E.request("POST", "/v1/sessions", {})
    check(st == 429 and error_code(data) == "too_many_sessions", "third session: %d %s" % (st, show(data)))
    other = F.create(token=TOKEN_B)
    st, _, data = E.request("POST", "/v1/sessions/%s/run" % other, {"code": "1"})
    check(st == 404, "token A reached token B's session through another replica: %d" % st)
    check(value(E, other, "1 + 1", token=TOKEN_B) == 2, "token B on the other replica")
    mine = [s["id"] for s in F.json("GET", "/v1/sessions")["sessions"]]
    check(len(mine) == 2 and other not in mine, "token A lists %s" % mine)
    E.stop()
    F.stop()


@case
def test_redis_with_a_password():
    secured = Redis("redis-auth", "--requirepass", "s3cret-password-for-tests")
    try:
        good, bad = os.path.join(TMP, "pw"), os.path.join(TMP, "pw-wrong")
        for path, text in ((good, "s3cret-password-for-tests\n"), (bad, "not-it")):
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o600)
        common = ("--store", secured.url + "/3", "--snapshot-key-file", KEY)
        ok = Server(*common, "--store-password-file", good)
        servers.append(ok)
        sid = ok.create()
        check(value(ok, sid, "6 * 7") == 42, "run with AUTH")
        wrong = Server(*common, "--store-password-file", bad)
        servers.append(wrong)
        st, _, data = wrong.request("POST", "/v1/sessions", {})
        check(st == 503 and error_code(data) == "store_unavailable" and b"AUTH" in data,
              "wrong password: %d %s" % (st, show(data)))
        none = Server(*common)
        servers.append(none)
        st, _, data = none.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1"})
        check(st == 503 and b"NOAUTH" in data, "no password: %d %s" % (st, show(data)))
        os.chmod(good, 0o644)
        p = subprocess.run([MPBOX, "serve", "--listen", "127.0.0.1:0", *common, "--store-password-file", good],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
        check(p.returncode == 2 and b"chmod 600" in p.stderr, "a readable password file: %s" % show(p.stderr))
        for s in (ok, wrong, none):
            s.stop()
    finally:
        secured.kill()


@case
def test_databases_are_apart():
    sid = A.create()
    other = Server("--store", REDIS_SRV.url + "/1", "--snapshot-key-file", KEY)
    servers.append(other)
    st, _, data = other.request("POST", "/v1/sessions/%s/run" % sid, {"code": "1"})
    check(st == 404, "a session of database 0 reached through database 1: %d %s" % (st, show(data)))
    check(value(other, other.create(), "1 + 2") == 3, "database 1 works")
    other.stop()
    A.json("DELETE", "/v1/sessions/" + sid, expect=204)


def redis_cmd(*args):
    """One command to the test's Redis; the reply's first line (bulk
    strings: their bytes)."""
    req = b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in
                                          (x if isinstance(x, bytes) else str(x).encode() for x in args))
    with socket.create_connection(("127.0.0.1", REDIS_SRV.port), timeout=5) as s:
        s.sendall(req)
        data = b""
        while not data.endswith(b"\r\n") or (data.startswith(b"$") and data.count(b"\r\n") < 2
                                                and not data.startswith(b"$-1")):
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
    if data.startswith(b"$") and not data.startswith(b"$-1"):
        n = int(data[1:data.index(b"\r\n")])
        start = data.index(b"\r\n") + 2
        return data[start:start + n]
    return data.split(b"\r\n")[0]


# server/serve.h's SRV_STORE_COMPACT_DELTAS: a chain has at most this many
# deltas; the next change is stored whole, as a new base
COMPACT_DELTAS = 64


def chain_record(sid):
    """The store's record of a session's chain in Redis: (bytes of the base,
    deltas, bytes of the deltas)."""
    return tuple(int(redis_cmd("HGET", "mpbox:s:%s:chain" % sid, k)) for k in ("base", "deltas", "delta_bytes"))


def append_until_compacted(srv, sid, start):
    """Runs acc.append(start), acc.append(start + 1) ... through srv until
    one is stored as a new base; returns the next number. A change is a
    delta while the chain's deltas stay within the base's bytes and number
    at most COMPACT_DELTAS, checked after every run: so a base comes within
    COMPACT_DELTAS + 1 runs. How many runs it takes depends on the pages
    each run writes: about 9 in the normal build, about 5 under collection
    stress (each run's garbage is collected at once and its memory reused),
    so the sizes rule fires after about 29 and 48 runs."""
    i = start
    for _ in range(COMPACT_DELTAS + 1):
        srv.run(sid, "acc.append(%d)" % i)
        i += 1
        base, deltas, delta_bytes = chain_record(sid)
        check(0 < base and delta_bytes <= base and deltas <= COMPACT_DELTAS,
              "after run %d: %d deltas of %d bytes on a base of %d bytes" % (i, deltas, delta_bytes, base))
        if deltas == 0:
            return i
    check(False, "%d runs and no new base" % (i - start))
    return i


@case
def test_many_runs_compact_the_chain():
    sid = A.create()
    A.run(sid, "acc = []")
    before = A.metric("mpbox_store_bases_total")
    n = append_until_compacted(A, sid, 0)
    check(A.metric("mpbox_store_bases_total") > before, "a base in the chain but not in the metrics")
    check(value(B, sid, "acc == list(range(%d))" % n) is True, "state after compaction")


@case
def test_long_chain_compacts_and_survives_kill9_and_tampering():
    """Runs make long chains of deltas that compact into new bases; a
    replica killed with SIGKILL in the middle costs only its run in flight;
    the other goes on from the chain; a delta altered in Redis makes the
    next restore fail cleanly, never load a wrong state."""
    C = replica()
    sid = C.create({"limits": {"timeout_ms": 20000}})
    C.run(sid, "acc = []")
    bases = C.metric("mpbox_store_bases_total")
    n = append_until_compacted(C, sid, 0)
    for i in range(n, n + 5):  # a chain after the new base
        C.run(sid, "acc.append(%d)" % i)
    n += 5
    deltas = int(redis_cmd("LLEN", "mpbox:s:%s:deltas" % sid)[1:])
    check(C.metric("mpbox_store_bases_total") > bases, "a base in the chain but not in C's metrics")
    check(0 < deltas <= COMPACT_DELTAS, "chain of %d deltas" % deltas)
    t, box = in_thread(lambda: C.request("POST", "/v1/sessions/%s/run" % sid,
                                         {"code": "acc.append('lost')\nwhile True: pass"}))
    wait_for("the run in flight is running", lambda: C.json("GET", "/v1/sessions/" + sid)["running"] is True)
    kill9(C)
    t.join(30)
    check("value" not in box, "the killed replica answered: %s" % show(box.get("value")))
    check(value(B, sid, "acc == list(range(%d))" % n) is True, "B did not resume from the chain")
    bases = B.metric("mpbox_store_bases_total")
    n = append_until_compacted(B, sid, n)
    check(B.metric("mpbox_store_bases_total") > bases, "a base in the chain but not in B's metrics")
    check(value(A, sid, "acc == list(range(%d))" % n) is True, "A after B's runs")
    # a delta altered in Redis: the next restore refuses it (its MAC)
    A.run(sid, "acc.append(%d)" % n)
    key = "mpbox:s:%s:deltas" % sid
    last = redis_cmd("LINDEX", key, -1)
    # a run that compacted the chain into a new base left no delta (which
    # run does depends on the sizes of the states): the next one makes one
    for extra in range(n + 1, n + 4):
        if len(last) > 100:
            break
        A.run(sid, "acc.append(%d)" % extra)
        last = redis_cmd("LINDEX", key, -1)
    check(len(last) > 100, "the last state is a delta (%d bytes)" % len(last))
    bad = bytearray(last)
    bad[len(bad) // 2] ^= 1
    check(redis_cmd("LSET", key, -1, bytes(bad)) == b"+OK", "LSET")
    restores_failed = B.metric("mpbox_restore_failures_total")
    st, _, data = B.request("POST", "/v1/sessions/%s/run" % sid, {"code": "acc"})
    check(st == 500 and error_code(data) == "worker_failed" and b"authentication failed" in data,
          "a tampered chain was loaded: %d %s" % (st, show(data)))
    check(B.metric("mpbox_restore_failures_total") == restores_failed + 1, "restore failure not counted")
    check(B.request("GET", "/healthz")[0] == 200, "B unhealthy after a refused chain")
    B.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_redis_restart_keeps_sessions_and_errors_are_clean_meanwhile():
    sid = A.create()
    A.run(sid, "kept = 'yes'")
    REDIS_SRV.kill()
    try:
        st, hdrs, data = A.request("POST", "/v1/sessions/%s/run" % sid, {"code": "kept = 'no'"})
        check(st == 503 and error_code(data) == "store_unavailable" and "retry-after" in hdrs,
              "run while Redis is down: %d %s" % (st, show(data)))
        st, _, data = B.request("POST", "/v1/sessions", {})
        check(st == 503 and error_code(data) == "store_unavailable", "create: %d %s" % (st, show(data)))
        st, _, data = B.request("GET", "/v1/sessions")
        check(st == 503 and error_code(data) == "store_unavailable", "list: %d %s" % (st, show(data)))
        st, _, data = B.request("GET", "/healthz")
        check(st == 200, "healthz: %d" % st)
    finally:
        REDIS_SRV.start()
    # both replicas reconnect; the state is the last one stored
    check(value(B, sid, "kept") == "yes", "B after the restart")
    check(value(A, sid, "kept") == "yes", "A after the restart")
    A.json("DELETE", "/v1/sessions/" + sid, expect=204)


finish()
