#!/usr/bin/env python3
"""make deb: the Debian package, installed into a clean root with dpkg
(--root, maintainer scripts run with DPKG_ROOT), then used from there: the
command (mpbox -c, mpbox mcp), the unit checked by systemd-analyze verify,
and the unit's ExecStart run the way the unit runs it as far as this can be
done without systemd as PID 1: as the package's system user, with no new
privileges and no capabilities, on a read-only file system except the
state directory (ProtectSystem=strict), under strace so that what the
server and its workers do is checked against the unit's SystemCallFilter,
RestrictAddressFamilies, RestrictNamespaces and MemoryDenyWriteExecute.
Usage: test_deb.py BUILD_DIR"""
import hashlib
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
from clitest import case, check, finish, show  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
TOKEN = "deb-test-token-0123456789"
VERSION = ".".join(re.findall(r"^#define MPBOX_VERSION_(?:MAJOR|MINOR|PATCH) (\d+)$",
                              open(os.path.join(ROOT, "include", "mpbox.h")).read(), re.M))
TMP = tempfile.mkdtemp(prefix="mpbox-deb-")
DROOT = os.path.join(TMP, "root")
state = {}


def sh(*args, **kw):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=kw.pop("timeout", 300),
                          **kw)


@case
def test_make_deb():
    p = sh("make", "-s", "-C", ROOT, "BUILD=" + BUILD, "deb", timeout=900)
    check(p.returncode == 0, show(p.stderr[-600:], 700))
    arch = sh("dpkg-architecture", "-qDEB_HOST_ARCH").stdout.decode().strip()
    deb = os.path.join(ROOT, BUILD, "mpbox_%s_%s.deb" % (VERSION, arch))
    check(os.path.exists(deb), "no " + deb)
    state["deb"] = deb
    fields = sh("dpkg-deb", "-f", deb).stdout.decode()
    check(re.search(r"^Package: mpbox$", fields, re.M) and re.search(r"^Version: %s$" % re.escape(VERSION), fields,
                                                                        re.M), fields)
    depends = re.search(r"^Depends: (.*)$", fields, re.M).group(1)
    for lib in ("libc6", "libsqlite3-0", "libmicrohttpd12", "libseccomp2", "libedit2"):
        check(lib in depends, "Depends: %s lacks %s" % (depends, lib))
    files = sh("dpkg-deb", "-c", deb).stdout.decode()
    ma = sh("dpkg-architecture", "-qDEB_HOST_MULTIARCH").stdout.decode().strip()
    for f in ("./usr/bin/mpbox", "./usr/lib/%s/libmpbox.a" % ma, "./usr/lib/%s/libmpbox.so.%s" % (ma, VERSION),
              "./usr/lib/%s/libmpbox.so.0 -> " % ma, "./usr/lib/%s/libmpbox.so -> " % ma,
              "./usr/lib/%s/pkgconfig/mpbox.pc" % ma, "./usr/include/mpbox.h", "./usr/share/man/man1/mpbox.1.gz",
              "./lib/systemd/system/mpbox.service", "./usr/lib/sysusers.d/mpbox.conf",
              "./usr/share/doc/mpbox/copyright"):
        check(f in files, "%s not in the package" % f)


@case
def test_dependencies_resolve_here():
    # apt's own resolver on this machine (a simulation: nothing installed)
    p = sh("apt-get", "install", "-s", "--no-download", state["deb"], timeout=120)
    check(p.returncode == 0 and re.search(r"^Inst mpbox ", p.stdout.decode(), re.M), show(p.stdout + p.stderr, 800))


@case
def test_install_into_clean_root():
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc"):
        os.makedirs(os.path.join(DROOT, d))
    for f, text in (("var/lib/dpkg/status", ""), ("var/lib/dpkg/available", ""),
                    ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"), ("etc/group", "root:x:0:\n")):
        with open(os.path.join(DROOT, f), "w") as fh:
            fh.write(text)
    # the root holds no libc etc.: their absence is forced past, what they
    # are is checked above against this machine's packages
    p = sh("dpkg", "--root=" + DROOT, "--force-script-chrootless", "--force-depends", "--log=/dev/null", "-i",
           state["deb"])
    check(p.returncode == 0, show(p.stdout + p.stderr, 900))
    st = sh("dpkg", "--root=" + DROOT, "-s", "mpbox").stdout.decode()
    check("Status: install ok installed" in st, st)
    user = [line.split(":") for line in open(os.path.join(DROOT, "etc/passwd")) if line.startswith("mpbox:")]
    check(user and user[0][5] == "/var/lib/mpbox", "no system user mpbox: %s" % user)
    state["uid"], state["gid"] = int(user[0][2]), int(user[0][3])
    etc = os.stat(os.path.join(DROOT, "etc/mpbox"))
    check(etc.st_mode & 0o777 == 0o750 and etc.st_gid == state["gid"], "etc/mpbox: %o %d" % (etc.st_mode, etc.st_gid))


def mpbox_bin():
    return os.path.join(DROOT, "usr/bin/mpbox")


@case
def test_command_from_the_package():
    p = sh(mpbox_bin(), "--version")
    check(p.returncode == 0 and p.stdout.decode().splitlines()[0] == "mpbox " + VERSION, show(p.stdout))
    p = sh(mpbox_bin(), "-c", "print(6 * 7)")
    check(p.returncode == 0 and p.stdout == b"42\n", show(p.stdout + p.stderr))
    msgs = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
             "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}},
            {"jsonrpc": "2.0", "method": "notifications/initialized"},
            {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
             "params": {"name": "run_python_code", "arguments": {"python_code": "print(sum(range(10)))"}}}]
    p = sh(mpbox_bin(), "mcp", input="".join(json.dumps(m) + "\n" for m in msgs).encode(), timeout=60)
    replies = [json.loads(line) for line in p.stdout.decode().splitlines()]
    check(p.returncode == 0 and len(replies) == 2, show(p.stdout + p.stderr, 600))
    check(replies[0]["result"]["serverInfo"]["version"] == VERSION, show(replies[0]))
    text = replies[1]["result"]["content"][0]["text"]
    check("<status>success</status>" in text and "45" in text, show(text, 400))
    # the library, header and pkg-config file, from the root
    src = os.path.join(TMP, "app.c")
    with open(src, "w") as f:
        f.write('#include <mpbox.h>\n#include <stdio.h>\nint main(void) { puts(mpbox_libversion()); return 0; }\n')
    env = dict(os.environ, PKG_CONFIG_SYSROOT_DIR=DROOT, PKG_CONFIG_ALLOW_SYSTEM_CFLAGS="1",
               PKG_CONFIG_ALLOW_SYSTEM_LIBS="1", PKG_CONFIG_PATH=os.path.join(
        DROOT, "usr/lib", sh("dpkg-architecture", "-qDEB_HOST_MULTIARCH").stdout.decode().strip(), "pkgconfig"))
    flags = sh("pkg-config", "--cflags", "--libs", "mpbox", env=env).stdout.decode().split()
    p = sh("cc", src, "-o", os.path.join(TMP, "app"), *flags)
    check(p.returncode == 0, show(p.stderr, 600))
    libdir = [f[2:] for f in flags if f.startswith("-L")][0]
    p = sh(os.path.join(TMP, "app"), env=dict(os.environ, LD_LIBRARY_PATH=libdir))
    check(p.stdout.decode().strip() == VERSION, show(p.stdout + p.stderr))


def unit_path():
    return os.path.join(DROOT, "lib/systemd/system/mpbox.service")


def unit_values(key):
    return [line.split("=", 1)[1].strip() for line in open(unit_path()) if line.startswith(key + "=")]


@case
def test_unit_verifies():
    check(shutil.which("systemd-analyze"), "systemd-analyze is not installed (guest/deps.sh test installs systemd)")
    # the unit as installed, pointed at the root's binary
    unit = os.path.join(TMP, "mpbox.service")
    with open(unit, "w") as f:
        f.write(open(unit_path()).read().replace("/usr/bin/mpbox", mpbox_bin()))
    p = sh("systemd-analyze", "verify", "--man=no", unit)
    check(p.returncode == 0 and p.stderr.strip() == b"", show(p.stderr, 800))
    for d in ("KillMode=mixed", "NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=mpbox", "User=mpbox",
              "CapabilityBoundingSet=", "PrivateTmp=yes", "RestrictNamespaces=yes", "MemoryDenyWriteExecute=yes"):
        k, v = d.split("=", 1)
        check(v in unit_values(k), "%s missing" % d)


def expand_filter(names):
    """The system calls a SystemCallFilter= allows, groups expanded."""
    out, seen = set(), set()

    def add(n):
        if n in seen:
            return
        seen.add(n)
        if not n.startswith("@"):
            out.add(n)
            return
        text = sh("systemd-analyze", "syscall-filter", n).stdout.decode()
        for line in text.splitlines()[1:]:
            w = line.strip().split()
            if w and not w[0].startswith("#"):
                add(w[0])
    for n in names:
        add(n)
    return out


class Service:
    """The unit's ExecStart with its paths moved into the test's root and a
    free port, run as the unit's user with NoNewPrivileges, no
    capabilities and a read-only file system but the state directory."""

    def __init__(self, state_dir, trace=None):
        argv = shlex.split(unit_values("ExecStart")[0])
        check(argv[0] == "/usr/bin/mpbox" and argv[1] == "serve", show(argv))
        repl = {"/usr/bin/mpbox": mpbox_bin(), "/etc/mpbox/tokens": os.path.join(DROOT, "etc/mpbox/tokens"),
                "/var/lib/mpbox": state_dir, "127.0.0.1:8080": "127.0.0.1:0"}
        argv = [repl.get(a, a) for a in argv]
        check("127.0.0.1:0" in argv and state_dir in argv, "ExecStart changed: %s" % argv)
        inner = ("mount --bind {s} {s} && mount -o remount,bind,ro / && exec setpriv --reuid={u} --regid={g} "
                 "--clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all {cmd}").format(
            s=shlex.quote(state_dir), u=state["uid"], g=state["gid"], cmd=" ".join(shlex.quote(a) for a in argv))
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", inner]
        if trace:
            cmd = ["strace", "-f", "-qq", "-o", trace] + cmd
        self.p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = []
        self.port = None
        deadline = time.monotonic() + 60
        while self.port is None:
            line = self.p.stderr.readline().decode()
            check(line or self.p.poll() is None, "the service did not start: %s" % show(self.lines, 800))
            check(time.monotonic() < deadline, "no listening line")
            self.lines.append(line)
            if line.startswith("{"):
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", json.loads(line).get("message", ""))
                self.port = int(m.group(1)) if m else None

    def request(self, method, path, body=None, token=TOKEN):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            h["Authorization"] = "Bearer " + token
        c.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=h)
        r = c.getresponse()
        out = (r.status, r.read())
        c.close()
        return out

    def signal(self, sig):
        """To the server: the process below ours that runs mpbox (sh
        exec'd setpriv, which exec'd mpbox; strace adds a level)."""
        def children(pid):
            kids = []
            for d in os.listdir("/proc"):
                try:
                    stat = open("/proc/%s/stat" % d).read()
                except (OSError, ValueError):
                    continue
                if d.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d))
            return kids
        todo = [self.p.pid]
        while todo:
            pid = todo.pop(0)
            try:
                if os.readlink("/proc/%d/exe" % pid) == mpbox_bin():
                    os.kill(pid, sig)
                    return
            except OSError:
                pass
            todo += children(pid)
        check(False, "no server process found")

    def stop(self):
        if self.p.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.p.wait(30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.lines += self.p.stderr.read().decode().splitlines(True)
        return self.p.returncode


@case
def test_unit_execstart_runs():
    tokens = os.path.join(DROOT, "etc/mpbox/tokens")
    with open(tokens, "w") as f:
        f.write("# clients\n%s\n" % TOKEN)
    os.chown(tokens, 0, state["gid"])
    os.chmod(tokens, 0o640)
    # StateDirectory=mpbox, StateDirectoryMode=0700: made by systemd for the user
    sdir = os.path.join(TMP, "state")
    os.mkdir(sdir, 0o700)
    os.chown(sdir, state["uid"], state["gid"])
    os.chmod(TMP, 0o755)
    check(shutil.which("strace"), "strace is not installed (guest/deps.sh test installs it)")
    trace = os.path.join(TMP, "trace")
    svc = Service(sdir, trace)
    try:
        status, body = svc.request("POST", "/v1/run", {"code": "import json\nprint(json.dumps([1, 2]))"})
        check(status == 200 and json.loads(body)["stdout"] == "[1, 2]\n", "%d %s" % (status, show(body)))
        status, body = svc.request("POST", "/v1/sessions", {})
        check(status == 201, "%d %s" % (status, show(body)))
        sid = json.loads(body)["id"]
        status, body = svc.request("POST", "/v1/sessions/%s/run" % sid, {"code": "x = 41"})
        check(status == 200 and json.loads(body)["status"] == "ok", show(body))
        # --metrics-loopback: no token from here
        status, body = svc.request("GET", "/metrics", token=None)
        check(status == 200 and b"mpbox_sessions" in body, "%d %s" % (status, show(body)))
        # ExecReload= sends SIGHUP
        check(unit_values("ExecReload") == ["/bin/kill -HUP $MAINPID"], show(unit_values("ExecReload")))
        svc.signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while not any('"reload"' in line for line in svc.lines) and time.monotonic() < deadline:
            svc.lines.append(svc.p.stderr.readline().decode())
        check(any('"event":"reload"' in line for line in svc.lines), show(svc.lines, 600))
        check(svc.request("GET", "/v1/sessions")[0] == 200, "token after reload")
    finally:
        rc = svc.stop()
    check(rc == 0, "exit status %s: %s" % (rc, show(svc.lines, 800)))
    for line in svc.lines:
        if line.strip():
            json.loads(line)  # --log-format=json: every line is JSON
    owner = hashlib.sha256(TOKEN.encode()).hexdigest()
    check(json.load(open(os.path.join(sdir, sid + ".meta")))["owner"] == owner, "session not kept at stop")
    # restarted: the session comes back for its owner
    svc = Service(sdir)
    try:
        status, body = svc.request("POST", "/v1/sessions/%s/run" % sid, {"code": "print(x + 1)"})
        check(status == 200 and json.loads(body)["stdout"] == "42\n", "%d %s" % (status, show(body)))
    finally:
        svc.stop()
    # What the service did once it was mpbox (the trace is in time order;
    # before the first exec of mpbox, unshare, sh and setpriv set the scene).
    lines = open(trace).read().split("\n")
    first = next((i for i, line in enumerate(lines) if re.search(r'execve\("%s"' % re.escape(mpbox_bin()), line)),
                 None)
    check(first is not None, "no exec of mpbox in the trace")
    calls = [m for m in (re.match(r"\d+\s+([a-z_0-9]+)\((.*)", line) for line in lines[first:]) if m]
    used = {m.group(1) for m in calls}
    allowed = expand_filter(" ".join(unit_values("SystemCallFilter")).split())
    missing = sorted(used - allowed)
    check(used and not missing, "system calls outside the unit's SystemCallFilter: %s" % missing)
    # RestrictAddressFamilies=
    families = set(" ".join(unit_values("RestrictAddressFamilies")).split())
    for m in calls:
        if m.group(1) in ("socket", "socketpair"):
            fam = m.group(2).split(",")[0].strip()
            check(fam in families, "%s(%s) outside RestrictAddressFamilies" % (m.group(1), fam))
    # RestrictNamespaces=yes: no new namespaces
    for m in calls:
        if m.group(1) in ("unshare", "setns") or (m.group(1).startswith("clone") and "CLONE_NEW" in m.group(2)):
            check(False, "a namespace call under RestrictNamespaces: %s(%s" % (m.group(1), m.group(2)[:80]))
    # MemoryDenyWriteExecute=yes: no writable and executable mapping, no
    # mapping made executable afterwards
    for m in calls:
        if m.group(1) in ("mmap", "mprotect", "pkey_mprotect") and "PROT_EXEC" in m.group(2):
            check(m.group(1) == "mmap" and "PROT_WRITE" not in m.group(2),
                  "%s(%s) under MemoryDenyWriteExecute" % (m.group(1), m.group(2)[:80]))


@case
def test_cleanup():
    shutil.rmtree(TMP)


finish()
