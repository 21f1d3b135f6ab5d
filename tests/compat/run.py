#!/usr/bin/env python3
"""Run every tests/compat/test_*.py under CPython and under mpbox and compare
their standard output byte for byte (the compatibility library, issue 6).

    python3 tests/compat/run.py [--mount] [MPBOX] [NAME ...]

MPBOX is the mpbox binary (default build/mpbox); NAMEs pick tests (test_X.py,
X.py or X). --mount serves lib/python from the work tree instead of the copy
compiled into the binary (--mount lib/python:/usr/lib/mpbox), for trying
changes without a rebuild (modules listed in lib/python/_preload.txt still
come from the build: they are in sys.modules from the start). One line per module, "PASS compat_X" or
"FAIL compat_X: reason" followed by an excerpt of the difference; the exit
status is 1 when any failed. A test whose CPython run fails is a broken test
and fails too.
"""
import difflib
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
TIMEOUT = int(os.environ.get("MPBOX_COMPAT_TIMEOUT", "120"))  # seconds per run (tests/gc_stress.sh: more)
EXCERPT = 30  # lines of diff shown on failure


def run(argv):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    try:
        p = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=TIMEOUT, env=env)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""


def tail(b, n=6):
    lines = b.decode("utf-8", "replace").rstrip("\n").split("\n")
    return "\n".join("    " + l for l in lines[-n:])


def compare(path, mpbox, mount):
    name = "compat_" + os.path.basename(path)[5:-3]
    rc_py, out_py, err_py = run([sys.executable, path])
    if rc_py != 0:
        return name, "CPython run failed (%s), so the test is broken:\n%s" % (rc_py, tail(err_py))
    argv = [mpbox] + (["--mount", os.path.join(ROOT, "lib", "python") + ":/usr/lib/mpbox"] if mount else []) + [path]
    rc_mp, out_mp, err_mp = run(argv)
    if out_py == out_mp and rc_mp == 0:
        return name, None
    why = []
    if rc_mp != 0:
        why.append("mpbox exited with %s:\n%s" % (rc_mp, tail(err_mp)))
    if out_py != out_mp:
        a = out_py.decode("utf-8", "replace").splitlines(True)
        b = out_mp.decode("utf-8", "replace").splitlines(True)
        diff = list(difflib.unified_diff(a, b, "cpython", "mpbox", n=1))
        if not diff:  # the same text, different bytes (line ends, encoding)
            diff = ["bytes differ: %r ... vs %r ...\n" % (out_py[:80], out_mp[:80])]
        more = len(diff) - EXCERPT
        why.append("stdout differs:\n" + "".join("    " + l if l.endswith("\n") else "    " + l + "\n"
                                                 for l in diff[:EXCERPT]).rstrip("\n")
                   + ("\n    ... (%d more diff lines)" % more if more > 0 else ""))
    return name, "\n".join(why)


def main(args):
    mount = "--mount" in args
    args = [a for a in args if a != "--mount"]
    mpbox = os.path.join(ROOT, "build", "mpbox")
    if args and (os.sep in args[0] or os.path.isfile(args[0])) and not args[0].endswith(".py"):
        mpbox = args.pop(0)
    mpbox = os.path.abspath(mpbox)
    if not os.access(mpbox, os.X_OK):
        print("FAIL setup: no executable at %s" % mpbox)
        return 1
    tests = sorted(glob.glob(os.path.join(HERE, "test_*.py")))
    if args:
        want = {os.path.basename(a).replace("test_", "", 1).replace(".py", "") for a in args}
        tests = [t for t in tests if os.path.basename(t)[5:-3] in want]
    failed = 0
    for t in tests:
        name, why = compare(t, mpbox, mount)
        if why is None:
            print("PASS %s" % name, flush=True)
        else:
            failed += 1
            print("FAIL %s: %s" % (name, why), flush=True)
    if not tests:
        print("(no compat tests found)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
