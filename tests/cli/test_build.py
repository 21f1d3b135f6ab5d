"""The build on a machine missing a dependency (issue 10): every compile
waits for the dependency check, so `make -j4` stops at the check with its
install line instead of racing it and failing on a missing header.

A clean copy of the source tree (no build products) is built with
MPBOX_DEPS_HIDE=libedit-dev, which makes guest/deps.sh treat that package as
missing (and install nothing): the real check, the real Makefile.
"""
import os
import shutil
import subprocess
import tempfile

from clitest import ROOT, case, check, finish, show

SKIP_DIRS = {".git", "node_modules"}


def ignore(directory, names):
    top = os.path.abspath(directory) == ROOT
    return [n for n in names if n in SKIP_DIRS or (top and n.startswith("build"))]


def build_with_hidden(targets, hidden="libedit-dev"):
    tmp = tempfile.mkdtemp(prefix="mpbox-build-")
    try:
        tree = os.path.join(tmp, "src")
        shutil.copytree(ROOT, tree, ignore=ignore, symlinks=True)
        env = dict(os.environ, MPBOX_DEPS_HIDE=hidden)
        env.pop("MAKEFLAGS", None)
        env.pop("MFLAGS", None)
        env.pop("MAKELEVEL", None)
        p = subprocess.run(["make", "-j4"] + targets, cwd=tree, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        objs = []
        for d, _, files in os.walk(os.path.join(tree, "build")):
            objs += [os.path.join(d, f) for f in files if f.endswith(".o") or f == "fuel" or f == "embed"]
        fetched = os.path.exists(os.path.join(tree, "build", "guest", "micropython.wasm"))
        return p, objs, fetched
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_stopped(p, objs, fetched):
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    check(p.returncode != 0, "make succeeded without libedit-dev: %s" % show(out))
    check("apt-get install libedit-dev" in out, "no install line: %s" % show(out, 600))
    check("histedit.h" not in out, "a compile reached the missing header: %s" % show(out, 600))
    check(" -c " not in out, "something compiled before the check: %s" % show(out, 600))
    check(not objs, "objects built before the check: %s" % objs[:5])
    check(not fetched, "the guest was fetched before the check")


@case
def test_demo_stops_at_dependency_check():
    check_stopped(*build_with_hidden(["demo"]))


@case
def test_all_and_tests_stop_at_dependency_check():
    check_stopped(*build_with_hidden(["all", "test-unit"]))


finish()
