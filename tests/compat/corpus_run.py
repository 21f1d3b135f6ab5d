#!/usr/bin/env python3
"""Measure how much agent-style Python runs unchanged in mpbox.

Runs every program of tests/compat/corpus/ under CPython (python3, the
reference) and under mpbox, and counts the programs whose stdout is
byte-for-byte the same with the same exit status. This is a measurement,
not a test: it prints a table and the share, and exits 0 whatever the share.

    tests/compat/corpus_run.py [MPBOX] [options]

    MPBOX            the mpbox command (default build/mpbox)
    --no-lib         without the compatibility library: the program runs
                     through a wrapper that takes /usr/lib/mpbox off sys.path
                     (and forgets modules already loaded from there) first
    --mount-lib DIR  mount DIR at /usr/lib/mpbox (for a build in which the
                     library is not embedded yet)
    --only A,B       only the programs whose names start with A or B
    --diff           show the first differing lines of each failing program
    --json FILE      also write the per-program results to FILE
    --python PATH    compare with this CPython's output, run now, instead of
                     the recorded output (corpus/expected/NAME.out, made by
                     CPython 3.11 with --update)
    --update         run CPython (--python, default python3) and record its
                     output as corpus/expected/NAME.out

    tests/compat/corpus_run.py --report BEFORE.json AFTER.json

    prints, in markdown, the share before and after (two --json files, e.g.
    --no-lib and as built) overall and per imported module.
"""
import argparse
import ast
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")
EXPECTED = os.path.join(CORPUS, "expected")
TIMEOUT = int(os.environ.get("MPBOX_CORPUS_TIMEOUT", "60"))  # seconds per run (tests/gc_stress.sh: more)

# Runs the program at /prog.py in a fresh __main__-like namespace after
# taking the library directory off the import path.
NO_LIB_WRAPPER = """\
import sys
_lib = '/usr/lib/mpbox'
while _lib in sys.path:
    sys.path.remove(_lib)
for _name in list(sys.modules):
    _file = getattr(sys.modules[_name], '__file__', '') or ''
    if _file.startswith(_lib + '/'):
        del sys.modules[_name]
_src = open('/prog.py').read()
_g = {'__name__': '__main__'}
del _lib, _name, _file
exec(_src, _g)
"""


def run(cmd, timeout=TIMEOUT):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"


def last_error_line(stderr):
    """The exception line of a traceback (or mpbox's diagnostic), shortened."""
    lines = [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    errors = [l for l in lines if not l.startswith((" ", "Traceback", "hint:"))]
    text = errors[-1] if errors else (lines[-1] if lines else "")
    return text if len(text) <= 110 else text[:107] + "..."


def first_difference(expected, got):
    a = expected.decode("utf-8", "replace").splitlines()
    b = got.decode("utf-8", "replace").splitlines()
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "<end>"
        y = b[i] if i < len(b) else "<end>"
        if x != y:
            return i + 1, x, y
    return None


def imported_modules(path):
    """The top-level names of the modules a program imports."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return sorted(names)


def report(before_file, after_file):
    with open(before_file) as f:
        before = json.load(f)
    with open(after_file) as f:
        after = json.load(f)
    b = {r["program"]: r for r in before["results"]}
    a = {r["program"]: r for r in after["results"]}
    common = sorted(set(a) & set(b))

    def share(results, names):
        n = sum(results[p]["status"] == "match" for p in names)
        return "%d of %d" % (n, len(names))

    print("| | before | after |")
    print("|---|---|---|")
    print("| all programs | %s | %s |" % (share(b, common), share(a, common)))
    modules = {}
    for p in common:
        for m in a[p].get("modules", []):
            modules.setdefault(m, []).append(p)
    print("\n| programs importing | programs | match before | match after |")
    print("|---|---|---|---|")
    for m in sorted(modules, key=lambda m: (-len(modules[m]), m)):
        names = modules[m]
        print("| `%s` | %d | %d | %d |" % (m, len(names), sum(b[p]["status"] == "match" for p in names),
                                         sum(a[p]["status"] == "match" for p in names)))
    none = [p for p in common if not a[p].get("modules")]
    if none:
        print("| (no import) | %d | %d | %d |" % (len(none), sum(b[p]["status"] == "match" for p in none),
                                                sum(a[p]["status"] == "match" for p in none)))
    return 0


def reference(name, python):
    """CPython's exit status, stdout and stderr for a program: recorded, or
    run now with `python`."""
    path = os.path.join(CORPUS, name)
    recorded = os.path.join(EXPECTED, name[:-3] + ".out")
    if python or not os.path.exists(recorded):
        return run([python or "python3", path])
    with open(recorded, "rb") as f:
        return 0, f.read(), b""


def update(python):
    os.makedirs(EXPECTED, exist_ok=True)
    for name in sorted(f for f in os.listdir(CORPUS) if f.endswith(".py")):
        rc, out, err = run([python, os.path.join(CORPUS, name)])
        if rc != 0:
            print("%s: CPython failed (%s); not recorded" % (name, last_error_line(err)))
            continue
        with open(os.path.join(EXPECTED, name[:-3] + ".out"), "wb") as f:
            f.write(out)
    print("recorded with %s" % subprocess.run([python, "--version"], stdout=subprocess.PIPE,
                                              stderr=subprocess.STDOUT).stdout.decode().strip())
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--report":
        return report(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mpbox", nargs="?", default=os.path.join(ROOT, "build", "mpbox"))
    ap.add_argument("--no-lib", action="store_true")
    ap.add_argument("--mount-lib", metavar="DIR")
    ap.add_argument("--only")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--python")
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    if args.update:
        return update(args.python or "python3")

    programs = sorted(f for f in os.listdir(CORPUS) if f.endswith(".py"))
    if args.only:
        prefixes = tuple(args.only.split(","))
        programs = [p for p in programs if p.startswith(prefixes)]
    extra = []
    if args.mount_lib:
        extra += ["--mount", os.path.abspath(args.mount_lib) + ":/usr/lib/mpbox"]

    results = []
    for name in programs:
        path = os.path.join(CORPUS, name)
        want_rc, want_out, want_err = reference(name, args.python)
        if args.no_lib:
            cmd = [args.mpbox] + extra + ["--file", path + ":/prog.py", "-c", NO_LIB_WRAPPER]
        else:
            cmd = [args.mpbox] + extra + [path]
        rc, out, err = run(cmd)
        if want_rc != 0:
            status, why = "cpython-failed", last_error_line(want_err)
        elif rc == want_rc and out == want_out:
            status, why = "match", ""
        elif rc != 0:
            status, why = "error", last_error_line(err)
        else:
            status = "differs"
            d = first_difference(want_out, out)
            why = "line %d: %r != %r" % d if d else "same lines, different bytes"
            if len(why) > 110:
                why = why[:107] + "..."
        results.append({"program": name, "status": status, "detail": why, "modules": imported_modules(path)})
        print("%-28s %-8s %s" % (name, status, why), flush=True)
        if args.diff and status != "match":
            d = first_difference(want_out, out)
            if d:
                print("    cpython: %r\n    mpbox:   %r" % (d[1], d[2]))

    matched = sum(r["status"] == "match" for r in results)
    total = len(results)
    share = 100.0 * matched / total if total else 0.0
    mode = "without the library" if args.no_lib else "as built"
    print("\n%d of %d programs match CPython byte for byte (%.0f%%), %s" % (matched, total, share, mode))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"matched": matched, "total": total, "no_lib": args.no_lib, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
