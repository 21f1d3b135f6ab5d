#!/usr/bin/env python3
"""The Debian package under systemd itself: installed on this machine with
dpkg, the unit started, used, reloaded, restarted (sessions kept), stopped,
and the package purged. It changes the machine (a package, a system user,
a service), so it runs only where that is wanted and possible: with
MPBOX_TEST_SYSTEM_INSTALL=1 (.ci/run sets it on its throw-away machine), as
root, with systemd as PID 1. Elsewhere it says so in a SKIP line.
Usage: test_systemd.py BUILD_DIR"""
import hashlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
from clitest import VERSION, case, check, finish, show  # noqa: E402

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
TOKEN = "systemd-test-token-0123456789"
TOKEN2 = "systemd-second-token-0123456789"

why_not = None
if os.environ.get("MPBOX_TEST_SYSTEM_INSTALL") != "1":
    why_not = "MPBOX_TEST_SYSTEM_INSTALL=1 not set (it installs a package and starts a service on this machine)"
elif os.geteuid() != 0:
    why_not = "not root"
elif not os.path.isdir("/run/systemd/system"):
    why_not = "systemd is not PID 1 here"
if why_not:
    print("SKIP test_systemd.py: %s" % why_not)
    sys.exit(0)


def sh(*args, timeout=300, **kw):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, **kw)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


PORT = free_port()


def request(method, path, body=None, token=TOKEN):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = "Bearer " + token
    c.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=h)
    r = c.getresponse()
    out = (r.status, r.read())
    c.close()
    return out


def wait_listening():
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request("GET", "/healthz", token=None)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    check(False, "the service does not answer: %s" % show(sh("systemctl", "status", "mpbox", "--no-pager").stdout, 800))


def systemctl(*args):
    p = sh("systemctl", *args)
    check(p.returncode == 0, "systemctl %s: %s" % (" ".join(args), show(p.stdout + p.stderr, 600)))


@case
def test_install_with_dpkg():
    p = sh("make", "-s", "-C", ROOT, "BUILD=" + BUILD, "deb", timeout=900)
    check(p.returncode == 0, show(p.stderr[-600:], 700))
    arch = sh("dpkg-architecture", "-qDEB_HOST_ARCH").stdout.decode().strip()
    deb = os.path.join(BUILD, "mpbox_%s_%s.deb" % (VERSION, arch))
    # dpkg, then apt for any dependency still missing (the build pulled them
    # all in already on a machine that built the package)
    p = sh("dpkg", "-i", deb, timeout=600)
    if p.returncode != 0:
        p = sh("apt-get", "install", "-f", "-y", timeout=600, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    check(p.returncode == 0, show(p.stdout[-400:] + p.stderr[-400:], 900))
    check("ii  mpbox" in sh("dpkg", "-l", "mpbox").stdout.decode(), "mpbox is not installed")
    p = sh("/usr/bin/mpbox", "-c", "print(6 * 7)")
    check(p.stdout == b"42\n", show(p.stdout + p.stderr))
    check(sh("getent", "passwd", "mpbox").returncode == 0, "no system user mpbox")


@case
def test_service_runs():
    with open("/etc/mpbox/tokens", "w") as f:
        f.write(TOKEN + "\n")
    os.chmod("/etc/mpbox/tokens", 0o640)
    sh("chgrp", "mpbox", "/etc/mpbox/tokens")
    os.makedirs("/etc/systemd/system/mpbox.service.d", exist_ok=True)
    unit = open("/lib/systemd/system/mpbox.service").read()
    start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).replace("127.0.0.1:8080", "127.0.0.1:%d" % PORT)
    with open("/etc/systemd/system/mpbox.service.d/test-port.conf", "w") as f:
        f.write("[Service]\nExecStart=\nExecStart=%s\n" % start)
    systemctl("daemon-reload")
    systemctl("start", "mpbox")
    wait_listening()
    status, body = request("POST", "/v1/run", {"code": "print(sum(range(10)))"})
    check(status == 200 and json.loads(body)["stdout"] == "45\n", "%d %s" % (status, show(body)))
    status, body = request("GET", "/metrics", token=None)  # --metrics-loopback
    check(status == 200 and b"mpbox_sessions" in body, "%d %s" % (status, show(body)))
    p = sh("systemd-analyze", "security", "mpbox", "--no-pager")
    m = re.search(rb"Overall exposure level for mpbox.service: ([\d.]+)", p.stdout)
    check(m and float(m.group(1)) < 2.0, "exposure: %s" % show(p.stdout[-300:]))


@case
def test_reload_and_restart_keep_sessions():
    status, body = request("POST", "/v1/sessions", {})
    check(status == 201, show(body))
    sid = json.loads(body)["id"]
    check(request("POST", "/v1/sessions/%s/run" % sid, {"code": "x = 41"})[0] == 200, "run")
    with open("/etc/mpbox/tokens", "a") as f:
        f.write(TOKEN2 + "\n")
    systemctl("reload", "mpbox")
    deadline = time.monotonic() + 20
    while request("GET", "/v1/sessions", token=TOKEN2)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    check(request("GET", "/v1/sessions", token=TOKEN2)[0] == 200, "the new token after systemctl reload")
    systemctl("restart", "mpbox")
    wait_listening()
    meta = "/var/lib/mpbox/%s.meta" % sid
    check(not os.path.exists(meta) or json.load(open(meta))["owner"] == hashlib.sha256(TOKEN.encode()).hexdigest(),
          "owner in " + meta)
    status, body = request("POST", "/v1/sessions/%s/run" % sid, {"code": "print(x + 1)"})
    check(status == 200 and json.loads(body)["stdout"] == "42\n", "after the restart: %d %s" % (status, show(body)))
    journal = sh("journalctl", "-u", "mpbox", "--no-pager", "-o", "cat").stdout.decode()
    check('"event":"sessions_found"' in journal, show(journal[-600:], 700))


@case
def test_stop_and_purge():
    systemctl("stop", "mpbox")
    os.remove("/etc/systemd/system/mpbox.service.d/test-port.conf")
    os.remove("/etc/mpbox/tokens")
    p = sh("dpkg", "--purge", "mpbox")
    check(p.returncode == 0, show(p.stdout + p.stderr, 600))
    check(not os.path.exists("/usr/bin/mpbox") and not os.path.exists("/var/lib/mpbox"), "left behind")
    systemctl("daemon-reload")


finish()
