#!/usr/bin/env python3
"""mpbox serve and snapshots (issue 10): a snapshot must fit the limits of
the session it becomes, snapshots carry a MAC under the server's key (a
forged or foreign one is refused), and a session made from a snapshot
reports the clock mode it really has."""
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, case, check, finish, require_binary, show  # noqa: E402
from servetest import Server  # noqa: E402

require_binary()

TMP = tempfile.mkdtemp(prefix="mpbox-serve-snap-")


def new_session(srv, body):
    """POST /v1/sessions with body: the new session's description."""
    return srv.json("POST", "/v1/sessions", body, expect=201)


def b64(data):
    return base64.b64encode(data).decode()


def refused(status, data, reason):
    """A 400 bad_snapshot naming `reason`."""
    try:
        err = json.loads(data)["error"]
    except (ValueError, KeyError, TypeError):
        err = {}
    check(status == 400 and err.get("code") == "bad_snapshot" and reason in err.get("message", ""),
          "expected 400 bad_snapshot (%s): %d %s" % (reason, status, show(data, 300)))


def checksum(data):
    """core/snapshot.c's damage check, which anyone can recompute."""
    m = (1 << 64) - 1
    h = 0x243f6a8885a308d3
    n = len(data) // 8
    for (w,) in struct.iter_unpack("<Q", data[:8 * n]):
        h = ((h ^ w) * 0x9e3779b97f4a7c15) & m
        h ^= h >> 31
    for b in data[8 * n:]:
        h = ((h ^ b) * 0x100000001b3) & m
        h ^= h >> 29
    return h


def reseal(data):
    return data[:-8] + struct.pack("<Q", checksum(data[:-8]))


srv = Server("--memory", "256M", "--state-dir", os.path.join(TMP, "state"))


@case
def test_snapshot_above_the_memory_cap_is_refused():
    sid = srv.create()
    r = srv.run(sid, "big = bytearray(100 * 1024 * 1024)\nbig[-1] = 3")
    check(r["status"] == "ok", show(r))
    snap = srv.snapshot(sid)
    status, _, data = srv.request("POST", "/v1/sessions", {"snapshot": b64(snap), "limits": {"memory": 32 << 20}})
    refused(status, data, "larger than the memory cap")
    info = new_session(srv, {"snapshot": b64(snap), "limits": {"memory": 128 << 20}})
    check(info["limits"]["memory"] == 128 << 20, show(info))
    r = srv.run(info["id"], "print(big[-1])\nx = bytearray(60 * 1024 * 1024)")
    check(r["status"] == "out_of_memory" and r["stdout"] == "3\n", show(r))
    check(r["stats"]["peak_memory_bytes"] <= 128 << 20, show(r["stats"]))
    for s in (sid, info["id"]):
        srv.json("DELETE", "/v1/sessions/" + s, expect=204)


@case
def test_forged_snapshot_is_refused():
    """A header declaring 2 GiB of memory, checksum recomputed: the MAC
    does not match, and nothing is allocated for it."""
    sid = srv.create()
    snap = bytearray(srv.snapshot(sid))
    snap[28:32] = struct.pack("<I", 32768)
    status, _, data = srv.request("POST", "/v1/sessions", {"snapshot": b64(reseal(bytes(snap)))})
    refused(status, data, "MAC mismatch")
    # the MAC stripped off and the flag cleared: not authenticated
    plain = bytearray(srv.snapshot(sid))
    plain[40:44] = struct.pack("<I", 0)  # the MAC flag (format 4 header)
    plain = reseal(bytes(plain[:-40] + plain[-8:]))
    status, _, data = srv.request("POST", "/v1/sessions", {"snapshot": b64(plain)})
    refused(status, data, "not authenticated")
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)


@case
def test_snapshot_of_another_server_is_refused_unless_it_shares_the_key():
    sid = srv.create()
    srv.run(sid, "v = 'from the first server'")
    snap = srv.snapshot(sid)
    srv.json("DELETE", "/v1/sessions/" + sid, expect=204)
    other = Server()  # its own temporary state directory and key
    try:
        status, _, data = other.request("POST", "/v1/sessions", {"snapshot": b64(snap)})
        refused(status, data, "MAC mismatch")
    finally:
        other.stop()
    shared = Server("--snapshot-key-file", os.path.join(TMP, "state", "snapshot.key"))
    try:
        info = new_session(shared, {"snapshot": b64(snap)})
        r = shared.run(info["id"], "print(v)")
        check(r["stdout"] == "from the first server\n", show(r))
    finally:
        shared.stop()


@case
def test_bad_key_file_is_a_usage_error():
    short = os.path.join(TMP, "short.key")
    with open(short, "wb") as f:
        f.write(b"too short")
    os.chmod(short, 0o600)
    p = subprocess.run([MPBOX, "serve", "--listen", "127.0.0.1:0", "--snapshot-key-file", short],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 2 and b"16 to 64 bytes" in p.stderr, "%d %s" % (p.returncode, show(p.stderr)))


@case
def test_restored_session_reports_its_clock_mode():
    """Issue 10, item 5: a session made from a non-deterministic snapshot
    without limits reads the real clock and says so; one made from a
    deterministic snapshot says deterministic and keeps its virtual clock."""
    real = srv.create({"limits": {"deterministic": False}})
    virt = srv.create({"limits": {"deterministic": True, "seed": 7}})
    srv.run(virt, "import time\nt0 = time.time()")
    for sid, want in ((real, False), (virt, True)):
        info = new_session(srv, {"snapshot": b64(srv.snapshot(sid))})
        check(info["limits"]["deterministic"] is want, "%s: %s" % (want, show(info["limits"])))
        got = srv.json("GET", "/v1/sessions/" + info["id"])
        check(got["limits"]["deterministic"] is want, show(got["limits"]))
        r = srv.run(info["id"], "import time\nprint(time.time())")
        t = float(r["stdout"])
        if want:
            check(abs(t - 1767225600) < 60, "not the virtual clock: %s" % r["stdout"])
        else:
            check(abs(t - time.time()) < 60, "not the real clock: %s" % r["stdout"])
        srv.json("DELETE", "/v1/sessions/" + info["id"], expect=204)
    for s in (real, virt):
        srv.json("DELETE", "/v1/sessions/" + s, expect=204)



@case
def test_evicted_deterministic_session_keeps_its_clock():
    """Restoring an evicted session does not set its clock mode again,
    which restarted a deterministic session's virtual clock and random
    source."""
    state = os.path.join(TMP, "evict")
    ev = Server("--idle-timeout", "0.3", "--state-dir", state)
    try:
        sid = ev.create({"limits": {"deterministic": True, "seed": 3}})
        r = ev.run(sid, "import time, random\nfor i in range(2000): time.ticks_ms()\nprint(time.time())")
        before = float(r["stdout"])
        check(before >= 1767225602, "2000 reads should advance the virtual clock 2 s: %s" % r["stdout"])
        deadline = time.monotonic() + 20
        while ev.json("GET", "/v1/sessions/" + sid)["state"] != "evicted":
            check(time.monotonic() < deadline, "never evicted")
            time.sleep(0.1)
        info = ev.json("GET", "/v1/sessions/" + sid)
        check(info["limits"]["deterministic"] is True, show(info["limits"]))
        r = ev.run(sid, "print(time.time())")
        after = float(r["stdout"])
        check(after > before, "the clock restarted: %s then %s" % (before, after))
    finally:
        ev.stop()

srv.stop()
finish()
