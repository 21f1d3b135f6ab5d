"""The build's own facts, on a clean copy of the source tree (no build
products), built once:

- on a machine missing a dependency (issue 10), every compile waits for
  the dependency check, so `make -j4` stops at the check with its install
  line instead of racing it and failing on a missing header (with
  MPBOX_DEPS_HIDE=libedit-dev guest/deps.sh treats that package as missing
  and installs nothing: the real check, the real Makefile);
- after a full build, `make -q` says everything is up to date and a second
  `make` runs nothing (the fetched guest does not keep the 1985 time npm
  gives every file in its tarballs);
- header dependencies are the compiler's (-MMD -MP): touching a header
  rebuilds what includes it, and nothing else;
- test programs link the objects they test: changing one of those sources
  rebuilds the test.

The copy is built with OPT=-O0 GUESTOPT=-O0 (the facts do not depend on
optimisation, the build takes a third of the time). It runs for the normal
build only (MPBOX not in a sanitizer build directory, -asan or
-gcstress): the facts are the Makefile's, not the build's.
"""
import os
import re
import shutil
import subprocess
import tempfile

from clitest import MPBOX, ROOT, case, check, finish, show

SKIP_DIRS = {".git", "node_modules"}
FAST = ["OPT=-O0", "GUESTOPT=-O0"]


def ignore(directory, names):
    top = os.path.abspath(directory) == ROOT
    return [n for n in names if n in SKIP_DIRS or (top and n.startswith("build"))]


TMP = tempfile.mkdtemp(prefix="mpbox-build-")
TREE = os.path.join(TMP, "src")
shutil.copytree(ROOT, TREE, ignore=ignore, symlinks=True)


def make(*args, hidden=None, timeout=900):
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MPBOX_DEPS_HIDE"):
        env.pop(k, None)
    if hidden:
        env["MPBOX_DEPS_HIDE"] = hidden
    p = subprocess.run(["make"] + FAST + list(args), cwd=TREE, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    return p, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def built_files():
    out = []
    for d, _, files in os.walk(os.path.join(TREE, "build")):
        out += [os.path.join(d, f) for f in files if f.endswith(".o") or f in ("fuel", "embed")]
    return out


def check_stopped(targets):
    p, out = make("-j4", *targets, hidden="libedit-dev", timeout=120)
    check(p.returncode != 0, "make succeeded without libedit-dev: %s" % show(out))
    check("apt-get install libedit-dev" in out, "no install line: %s" % show(out, 600))
    check("histedit.h" not in out, "a compile reached the missing header: %s" % show(out, 600))
    check(" -c " not in out, "something compiled before the check: %s" % show(out, 600))
    objs = built_files()
    check(not objs, "objects built before the check: %s" % objs[:5])
    check(not os.path.exists(os.path.join(TREE, "build", "guest", "micropython.wasm")),
          "the guest was fetched before the check")


@case
def test_demo_stops_at_dependency_check():
    check_stopped(["demo"])


@case
def test_all_and_tests_stop_at_dependency_check():
    check_stopped(["all", "test-unit"])


def commands(out):
    """The compiler and tool lines make printed (what it ran)."""
    return [l for l in out.splitlines() if l.startswith(("cc ", "gcc ", "ar ", "sh ", "wasm2c ", "build/"))]


TESTS = ["build/tests/test_mcp_http", "build/tests/test_api"]
full_build = {}
asan = os.path.basename(os.path.dirname(MPBOX)).endswith(("-asan", "-gcstress"))


def ensure_built():
    if "p" not in full_build:
        full_build["p"], full_build["out"] = make("-j2", "all", *TESTS)
    p, out = full_build["p"], full_build["out"]
    check(p.returncode == 0, "make all failed: %s" % show(out, 1500))


if not asan:
    @case
    def test_second_make_does_nothing():
        ensure_built()
        p, out = make("-q", "all", *TESTS)
        check(p.returncode == 0, "make -q after a build: status %d: %s" % (p.returncode, show(out, 600)))
        p, out = make("all", *TESTS)
        check(p.returncode == 0 and not commands(out), "a second make ran: %s" % show(out, 600))

    def compiled(out):
        """The sources make would compile (-c SOURCE)."""
        return set(re.findall(r" -c (\S+\.c) ", out))

    @case
    def test_header_change_rebuilds_its_includers():
        ensure_built()
        os.utime(os.path.join(TREE, "util", "buf.h"))
        p, out = make("-n", "all")
        ran = compiled(out)
        for src in ("util/buf.c", "util/json.c", "app/io.c", "server/http.c", "cli/main.c"):
            check(src in ran, "%s not recompiled after util/buf.h changed: %s" % (src, show(out, 800)))
        for src in ("rt/memory.c", "util/sha256.c", "app/units.c"):
            check(src not in ran, "%s recompiled though it does not include util/buf.h" % src)
        p, out = make("-j2", "all", *TESTS)
        check(p.returncode == 0, "rebuild failed: %s" % show(out, 1000))

    @case
    def test_tests_link_the_objects_they_test():
        ensure_built()
        p, out = make("-j2", "all", *TESTS)  # up to date whatever the case before did
        check(p.returncode == 0, "build failed: %s" % show(out, 1000))
        os.utime(os.path.join(TREE, "app", "mcpcore.c"))
        p, out = make("-q", "build/tests/test_mcp_http")
        check(p.returncode == 1, "test_mcp_http up to date after app/mcpcore.c changed")
        p, out = make("-n", "build/tests/test_mcp_http")
        check("app/mcpcore.c" in compiled(out), "mcpcore.c not recompiled: %s" % show(out, 600))
        p, out = make("-q", "build/tests/test_api")
        check(p.returncode == 0, "test_api depends on app/mcpcore.c: status %d" % p.returncode)


try:
    finish()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
