#!/usr/bin/env python3
"""Conformance comparison: mpbox vs the same MicroPython build under node.

Runs MicroPython's own test-suite (a checkout of the upstream `tests/` folder,
fetched separately and never committed here) twice per test:

  * node   -- `node micropython.mjs -X heapsize=H TEST.py`, i.e. the npm
              package's own CLI, which is how upstream's run-tests.py drives
              the webassembly port (`-t webassembly`);
  * mpbox  -- `mpbox TEST.py`.

Each output is compared with the expected output (TEST.py.exp when present,
else what CPython prints for the test), following run-tests.py's rules that
matter for this port: feature probes from tests/feature_check decide which
tests are skipped, the webassembly skip list is read from the checkout's
run-tests.py, a test printing exactly "SKIP" is skipped, unittest-based tests
pass when unittest reports OK, and a handful of tests are compared with
regular-expression lines.

Only the Python standard library is used.  See docs/conformance.md.
"""

import argparse
import ast
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

RUNNERS = ("node", "mpbox")

# Directories upstream runs for the webassembly target (basics, micropython,
# misc, extmod, stress, plus float and unicode when the target has them).
# ports/webassembly holds .mjs tests that drive the JS API, which mpbox does
# not have, so it is left out.
DEFAULT_DIRS = "basics,micropython,misc,extmod,stress,float,unicode"

# Tests upstream skips whenever the target is not a PC (unix/windows/macos)
# build: they need host files or print platform-specific output.
NOT_PC_SKIPS = (
    "basics/exception_chain.py",
    "micropython/meminfo.py",
    "unicode/file1.py",
    "unicode/file2.py",
    "unicode/file_invalid.py",
)

# Tests upstream skips when the target has no coverage build.
NO_COVERAGE_SKIPS = (
    "cmdline/cmd_parsetree.py",
    "cmdline/repl_sys_ps1_ps2.py",
    "extmod/ssl_poll.py",
)

# Tests upstream skips when the target has no complex numbers.
NO_COMPLEX_SKIPS = (
    "float/complex1.py",
    "float/complex1_intbig.py",
    "float/complex_reverse_op.py",
    "float/complex_special_methods.py",
    "float/int_big_float.py",
    "float/true_value.py",
    "float/types.py",
    "float/complex_dunder.py",
)

UNITTEST_RULE = b"-" * 70


# --------------------------------------------------------------------------
# Reading upstream's metadata (skip lists) from the fetched run-tests.py


def read_upstream_lists(tests_dir):
    """Return the lists run-tests.py keeps as literals, parsed (not run)."""
    path = os.path.join(tests_dir, "run-tests.py")
    wanted = {
        "platform_tests_to_skip": {},
        "tests_requiring_float": (),
        "tests_requiring_slice": (),
        "tests_with_regex_output": (),
    }
    found = {}
    try:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
    except OSError as e:
        print("warning: cannot read %s: %s" % (path, e), file=sys.stderr)
        return wanted
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not isinstance(target, ast.Name) or target.id not in wanted:
            continue
        value = node.value
        if isinstance(value, ast.ListComp):
            # [base_path(file) for file in ("a.py", ...)]: take the tuple.
            value = value.generators[0].iter
        try:
            found[target.id] = ast.literal_eval(value)
        except ValueError:
            print("warning: cannot parse %s in run-tests.py" % target.id, file=sys.stderr)
    for name in wanted:
        if name not in found:
            print("warning: %s not found in run-tests.py" % name, file=sys.stderr)
    wanted.update(found)
    return wanted


# --------------------------------------------------------------------------
# Running programs


def run_process(cmd, cwd, timeout, env=None):
    """Run cmd with stdout+stderr merged. Returns (rc, output, seconds);
    rc is None on timeout."""
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        rc = None
    return rc, out or b"", time.monotonic() - t0


def normalize_newlines(data):
    return data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n")


class Runner:
    """One way of running a MicroPython test file."""

    def __init__(self, name, cmd_prefix, timeout):
        self.name = name
        self.cmd_prefix = cmd_prefix
        self.timeout = timeout
        self.features = {}
        self.skips = set()

    def abnormal_end(self, rc):
        """None for an exit status that means the program ran to its end
        (normally or with an uncaught Python exception), else
        (status, detail) with status "crash" or "timeout"."""
        raise NotImplementedError

    def run(self, path):
        """Run one file. Returns dict(rc, output, seconds, crash, timeout)."""
        rc, out, secs = run_process(
            self.cmd_prefix + [os.path.abspath(path)],
            cwd=os.path.dirname(os.path.abspath(path)),
            timeout=self.timeout,
        )
        out = normalize_newlines(out)
        if rc is None:
            end = ("timeout", "no result within %ss (killed)" % self.timeout)
        else:
            end = self.abnormal_end(rc)
        return {"rc": rc, "output": out, "seconds": round(secs, 3), "abnormal": end}


class NodeRunner(Runner):
    # The npm CLI exits 0 after an uncaught Python exception (it prints the
    # traceback with console.error) and ignores SystemExit, so any other exit
    # status is a failure of node or of the wasm instance (abort, trap, ...).
    def abnormal_end(self, rc):
        return None if rc == 0 else ("crash", "node exit status %d" % rc)


class MpboxRunner(Runner):
    # mpbox exits 0 (ok), 1 (uncaught exception) or the SystemExit code; the
    # traceback goes to stderr, which is merged with stdout here just as the
    # node CLI's console.error output is.  Its own codes for limits and host
    # failures (see `mpbox --help`) and death by a signal are abnormal ends.
    # (A test calling sys.exit() with one of these numbers would be
    # misread; none in the suite does.)
    HOST_CODES = {
        2: ("crash", "mpbox usage error (exit 2)"),
        70: ("crash", "mpbox internal error (exit 70)"),
        123: ("crash", "mpbox output cap (exit 123)"),
        124: ("timeout", "mpbox wall-clock limit (exit 124)"),
        125: ("crash", "mpbox memory cap reached (exit 125)"),
        126: ("crash", "guest trapped (exit 126)"),
        130: ("crash", "mpbox interrupted (exit 130)"),
    }

    def abnormal_end(self, rc):
        if rc < 0:
            return ("crash", "mpbox killed by signal %d" % -rc)
        return self.HOST_CODES.get(rc)


# --------------------------------------------------------------------------
# Feature probes (tests/feature_check), as run-tests.py uses them


def probe_features(runner, tests_dir):
    fc = os.path.join(tests_dir, "feature_check")

    def probe(name):
        r = runner.run(os.path.join(fc, name))
        if r["abnormal"]:
            return b""
        return r["output"]

    f = {}
    info = probe("target_info.py").split()
    if len(info) == 7:
        f["platform"] = info[0].decode()
        f["arch"] = info[1].decode()
        f["build"] = info[3].decode()
        f["thread"] = None if info[4] == b"None" else info[4].decode()
        f["float_prec"] = int(info[5])
        f["unicode"] = info[6] == b"True"
    else:
        f["platform"] = "unknown"
        f["float_prec"] = 64
        f["unicode"] = True
        f["thread"] = None
        f["target_info_output"] = b" ".join(info).decode(errors="replace")
    f["native"] = probe("native_check.py") == b"native\n"
    f["int_big"] = probe("int_big.py") == b"1000000000000000000000000000000000000000000000\n"
    f["int_64"] = probe("int_64.py") == b"4611686018427387904\n"
    f["bytearray"] = probe("bytearray.py") == b"bytearray\n"
    f["set"] = probe("set_check.py") == b"{1}\n"
    f["slice"] = probe("slice.py") == b"slice\n"
    f["async"] = probe("async_check.py") == b"async\n"
    f["const"] = probe("const.py") == b"1\n"
    f["revops"] = probe("reverse_ops.py") != b"TypeError\n"
    f["fstring"] = probe("fstring.py") == b"a=1\n"
    f["complex"] = probe("complex.py") == b"complex\n"
    f["coverage"] = probe("coverage.py") == b"coverage\n"
    cpy = subprocess.run(
        [sys.executable, "-BS", os.path.join(fc, "byteorder.py")],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ).stdout
    f["byteorder_ok"] = probe("byteorder.py") == cpy
    runner.features = f
    return f


def compute_skips(runner, upstream, tests):
    """Tests run-tests.py would skip for this target, name -> reason."""
    f = runner.features
    skips = {}

    def add(names, why):
        for n in names:
            skips.setdefault(n, why)

    add(upstream["platform_tests_to_skip"].get(f["platform"], ()), "upstream %s skip list" % f["platform"])
    if f["platform"] not in ("darwin", "linux", "win32"):
        add(NOT_PC_SKIPS, "upstream: not a PC platform")
    if f["float_prec"] == 0:
        add(upstream["tests_requiring_float"], "no float")
    if f["float_prec"] < 64:
        print("warning: %s float precision %d: float-precision skips are not modelled"
              % (runner.name, f["float_prec"]), file=sys.stderr)
    if not f["unicode"]:
        add(("extmod/json_loads.py",), "no unicode")
    if not f["slice"]:
        add(upstream["tests_requiring_slice"], "no slice")
    if not f["complex"]:
        add(NO_COMPLEX_SKIPS, "no complex")
    if not f["coverage"]:
        add(NO_COVERAGE_SKIPS, "not a coverage build")
    for t in tests:
        name = os.path.splitext(os.path.basename(t))[0]
        why = None
        if not f["native"] and name.startswith(("native_", "viper_")):
            why = "no native emitter"
        elif not f["byteorder_ok"] and name.endswith("_endian"):
            why = "byte order differs from CPython's"
        elif not f["int_big"] and (name.startswith("int_big") or name.endswith("_intbig")
                                   or name.startswith("ffi_int")):
            why = "no big ints"
        elif not f["int_64"] and (name.startswith("int_64") or name.endswith("_int64")):
            why = "no 64-bit ints"
        elif not f["bytearray"] and (name.startswith("bytearray") or name.endswith("_bytearray")):
            why = "no bytearray"
        elif not f["set"] and (name.startswith(("set_", "frozenset")) or name.endswith("_set")):
            why = "no set"
        elif not f["slice"] and "slice" in name:
            why = "no slice"
        elif not f["async"] and (name.startswith(("async_", "asyncio_")) or name.endswith("_async")):
            why = "no async"
        elif not f["const"] and name.startswith("const"):
            why = "no const"
        elif not f["revops"] and "reverse_op" in name:
            why = "no reverse ops"
        elif not f["fstring"] and name.startswith("string_fstring"):
            why = "no f-strings"
        elif name.startswith("asm"):
            why = "no inline assembler"
        if why:
            skips.setdefault(t, why)
    runner.skips = skips
    return skips


# --------------------------------------------------------------------------
# Expected output and comparison


_cpython_lock = threading.Lock()


def expected_output(test_path, python):
    """(bytes, source) for a test: its .exp file, else CPython's output."""
    exp = test_path + ".exp"
    if os.path.isfile(exp):
        with open(exp, "rb") as f:
            return f.read().replace(b"\r\n", b"\n"), "exp"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    rc, out, _ = run_process(
        [python, "-BS", os.path.abspath(test_path)],
        cwd=os.path.dirname(os.path.abspath(test_path)),
        timeout=120,
        env=env,
    )
    if rc != 0:
        out = b"CPYTHON3 CRASH:\n" + out
    return out.replace(b"\r\n", b"\n"), "cpython"


def _exp_line_to_regex(line):
    """An .exp line for a regex-checked test: the characters ()[]{}.*+^$ are
    literal unless a backslash precedes them, then they act as regex syntax;
    a backslash before any other character just keeps that character.
    (This mirrors how run-tests.py reads such .exp files.)"""
    out = []
    chars = iter(line.decode("utf-8"))
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            out.append(nxt)
        elif c in "()[]{}.*+^$":
            out.append("\\" + c)
        else:
            out.append(c)  # as upstream: other characters keep their regex meaning
    pattern = "".join(out)
    if pattern.endswith("\n"):
        pattern = pattern[:-1] + "\r*\n"
    return re.compile(pattern.encode("utf-8"))


def regex_output_matches(expected, output):
    """Line-wise match of output against an .exp with regex lines, where a
    line of eight '#' matches any number of whole lines."""
    exp_lines = expected.splitlines(keepends=True)
    out_lines = output.splitlines(keepends=True)
    if out_lines and not out_lines[-1].endswith(b"\n"):
        out_lines[-1] += b"\n"

    def match(ei, oi):
        while ei < len(exp_lines):
            e = exp_lines[ei]
            if e == b"########\n":
                # Any number of lines, then the rest must match.
                for k in range(oi, len(out_lines) + 1):
                    if match(ei + 1, k):
                        return True
                return False
            if oi >= len(out_lines) or not _exp_line_to_regex(e).fullmatch(out_lines[oi]):
                return False
            ei += 1
            oi += 1
        return oi == len(out_lines)

    return match(0, 0)


def unittest_outcome(output):
    """'OK' / 'FAILED' when output ends with a unittest summary, else None."""
    lines = output.splitlines()
    if len(lines) > 4 and lines[-4] == UNITTEST_RULE and lines[-2] == b"":
        if re.fullmatch(rb"Ran \d+ tests", lines[-3]):
            if re.fullmatch(rb"OK( \(skipped=\d+\))?", lines[-1]):
                return "OK"
            if re.fullmatch(rb"FAILED \(failures=\d+, errors=\d+\)", lines[-1]):
                return "FAILED"
    return None


_TB_FILE = re.compile(rb'^  File "[^"]*"', re.M)


def canonical_output(output):
    """Output with the traceback file names unified and trailing blank lines
    dropped: used only to tell whether node and mpbox behaved the same."""
    return _TB_FILE.sub(b'  File "<file>"', output).rstrip(b"\n")


def final_exception_line(output):
    """When the output ends with a traceback (an uncaught exception), its
    'Type: message' line; else None."""
    idx = output.rfind(b"Traceback (most recent call last):\n")
    if idx < 0:
        return None
    rest = [l for l in output[idx:].split(b"\n")[1:] if l]
    if rest and all(l.startswith(b" ") for l in rest[:-1]) and not rest[-1].startswith(b" "):
        return rest[-1].decode("utf-8", "replace")
    return None


# --------------------------------------------------------------------------
# One test


class Suite:
    def __init__(self, args, runners, upstream):
        self.args = args
        self.runners = runners
        self.regex_tests = set(upstream["tests_with_regex_output"])
        self.lock = threading.Lock()
        self.done = 0

    def judge(self, test, path, r, expected_cache):
        """Status of one run: pass/fail/skip/timeout/crash, plus detail."""
        out = r["output"]
        if r["abnormal"]:
            status, detail = r["abnormal"]
            last = out.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
            return status, detail + ("; last line: " + last[:160] if last else "")
        if out == b"SKIP\n":
            return "skip", "test printed SKIP"
        ut = unittest_outcome(out)
        if ut is not None:
            return ("pass", "unittest OK") if ut == "OK" else ("fail", "unittest FAILED")
        if "exp" not in expected_cache:
            expected_cache["exp"] = expected_output(path, self.args.python)
        exp, _ = expected_cache["exp"]
        if test in self.regex_tests and os.path.isfile(path + ".exp"):
            ok = regex_output_matches(exp, out)
        else:
            ok = exp == out
        if ok:
            return "pass", ""
        exc = final_exception_line(out)
        if exc is not None:
            return "fail", "uncaught " + exc[:200]
        return "fail", "output differs"

    def run_test(self, test):
        path = os.path.join(self.args.tests, test)
        rec = {"test": test}
        cache = {}
        outputs = {}
        for runner in self.runners:
            if test in runner.skips:
                rec[runner.name] = {"status": "skip", "detail": runner.skips[test]}
                continue
            r = runner.run(path)
            status, detail = self.judge(test, path, r, cache)
            rec[runner.name] = {
                "status": status,
                "detail": detail,
                "rc": r["rc"],
                "seconds": r["seconds"],
            }
            outputs[runner.name] = r["output"]
        if "exp" in cache:
            rec["expected_from"] = cache["exp"][1]
        if len(outputs) == 2:
            a, b = (canonical_output(outputs[n.name]) for n in self.runners)
            rec["same_output"] = a == b
        # Keep the evidence for anything that is not a plain pass/skip.
        statuses = [rec[n.name]["status"] for n in self.runners]
        interesting = any(s not in ("pass", "skip") for s in statuses)
        if interesting and self.args.results_dir:
            base = os.path.join(self.args.results_dir, test.replace("/", "_"))
            if "exp" in cache:
                with open(base + ".exp", "wb") as f:
                    f.write(cache["exp"][0])
            for name, out in outputs.items():
                with open(base + "." + name + ".out", "wb") as f:
                    f.write(out)
        if interesting:
            rec["output_tail"] = {
                name: out[-self.args.keep_bytes :].decode("utf-8", "replace")
                for name, out in outputs.items()
            }
        with self.lock:
            self.done += 1
            if not self.args.quiet:
                line = " ".join("%s=%-7s" % (n.name, rec[n.name]["status"]) for n in self.runners)
                print("[%4d/%d] %s %s" % (self.done, self.total, line, test), flush=True)
        return rec

    def run(self, tests):
        self.total = len(tests)
        with ThreadPoolExecutor(max_workers=self.args.jobs) as ex:
            return list(ex.map(self.run_test, tests))


# --------------------------------------------------------------------------
# Report


MICROPYTHON_ONLY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "micropython_only.txt")


def read_micropython_only():
    # test path -> reason, from micropython_only.txt
    listed = {}
    with open(MICROPYTHON_ONLY, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                test, _, reason = line.partition(" ")
                listed[test] = reason.strip()
    return listed


def summarise(records, runners):
    summary = {}
    for runner in runners:
        counts = {}
        for rec in records:
            s = rec[runner.name]["status"]
            counts[s] = counts.get(s, 0) + 1
        counts["performed"] = counts.get("pass", 0) + counts.get("fail", 0) + counts.get(
            "crash", 0) + counts.get("timeout", 0)
        summary[runner.name] = counts
    if len(runners) == 2:
        a, b = runners[0].name, runners[1].name

        def listing(x, y):
            return [
                {"test": r["test"], "status": r[y]["status"], "detail": r[y]["detail"]}
                for r in records
                if r[x]["status"] == "pass" and r[y]["status"] != "pass"
            ]

        summary["%s_pass_%s_not" % (a, b)] = listing(a, b)
        summary["%s_pass_%s_not" % (b, a)] = listing(b, a)
        if b == "mpbox":
            # node passes, mpbox does not, on MicroPython-only behaviour the library does as CPython
            listed = read_micropython_only()
            lst = summary["%s_pass_%s_not" % (a, b)]
            summary["%s_pass_%s_not" % (a, b)] = [x for x in lst if x["test"] not in listed]
            summary["micropython_only"] = [dict(x, reason=listed[x["test"]]) for x in lst if x["test"] in listed]
        both = [r for r in records if "same_output" in r]
        summary["both_ran"] = len(both)
        summary["identical_output"] = sum(1 for r in both if r["same_output"])
        summary["both_fail_differently"] = [
            r["test"] for r in both
            if not r["same_output"] and r[a]["status"] != "pass" and r[b]["status"] != "pass"
        ]
    return summary


def print_summary(summary, runners, out=sys.stdout):
    for runner in runners:
        c = summary[runner.name]
        print("%-6s performed %d: pass %d, fail %d, crash %d, timeout %d; skipped %d" % (
            runner.name, c["performed"], c.get("pass", 0), c.get("fail", 0),
            c.get("crash", 0), c.get("timeout", 0), c.get("skip", 0)), file=out)
    if len(runners) == 2:
        a, b = runners[0].name, runners[1].name
        print("identical output (tracebacks' file names unified): %d of %d run by both" % (
            summary["identical_output"], summary["both_ran"]), file=out)
        for x, y in ((a, b), (b, a)):
            lst = summary["%s_pass_%s_not" % (x, y)]
            print("\n%s passes, %s does not (%d):" % (x, y, len(lst)), file=out)
            for item in lst:
                print("  %-45s %s: %s" % (item["test"], item["status"], item["detail"]), file=out)
        if summary.get("micropython_only"):
            print("\nnode passes, mpbox does not, MicroPython-only behaviour (%d, %s):" % (
                len(summary["micropython_only"]), os.path.relpath(MICROPYTHON_ONLY)), file=out)
            for item in summary["micropython_only"]:
                print("  %-45s %s" % (item["test"], item["reason"]), file=out)
        if summary["both_fail_differently"]:
            print("\nboth fail, with different output (%d): %s" % (
                len(summary["both_fail_differently"]),
                " ".join(summary["both_fail_differently"])), file=out)


# --------------------------------------------------------------------------


def collect_tests(tests_dir, dirs, include, exclude, files):
    if files:
        tests = list(files)
    else:
        tests = []
        for d in dirs:
            full = os.path.join(tests_dir, d)
            if not os.path.isdir(full):
                print("warning: no directory %s" % full, file=sys.stderr)
                continue
            for name in os.listdir(full):
                if name.endswith(".py"):
                    tests.append(d.rstrip("/") + "/" + name)
    tests.sort()
    if include:
        tests = [t for t in tests if re.search(include, t)]
    if exclude:
        tests = [t for t in tests if not re.search(exclude, t)]
    return tests


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tests", required=True, help="the upstream tests/ folder")
    ap.add_argument("--mpbox", help="path of the mpbox binary")
    ap.add_argument("--node-mjs", help="path of the npm package's micropython.mjs")
    ap.add_argument("--node", default="node", help="node executable (default: node)")
    ap.add_argument("--node-heapsize", default="1M",
                    help="-X heapsize for the node CLI (default 1M = mpbox's and the JS "
                         "API's initial heap; the heap grows on demand either way); "
                         "'default' passes nothing (the CLI's 128K)")
    ap.add_argument("--mpbox-arg", action="append", default=[],
                    help="extra argument for mpbox before the file (repeatable)")
    ap.add_argument("--python", default="python3", help="CPython for expected outputs")
    ap.add_argument("--dirs", default=DEFAULT_DIRS, help="comma-separated test directories "
                    "(default: %s)" % DEFAULT_DIRS)
    ap.add_argument("-i", "--include", help="only tests whose path matches this regex")
    ap.add_argument("-e", "--exclude", help="leave out tests whose path matches this regex")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per run (default 30, "
                    "as run-tests.py)")
    ap.add_argument("--out", default="conformance-report.json", help="JSON report path")
    ap.add_argument("--results-dir", help="write .exp/.out files of non-passing tests here")
    ap.add_argument("--tests-ref", default="", help="tag/commit of the tests, for the report")
    ap.add_argument("--keep-bytes", type=int, default=600,
                    help="output tail kept in the JSON report per non-passing run")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when mpbox fails a test that node passes (except those "
                         "listed in micropython_only.txt)")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("files", nargs="*", help="test paths relative to --tests (instead of --dirs)")
    args = ap.parse_args()

    args.tests = os.path.abspath(args.tests)
    if args.results_dir:
        os.makedirs(args.results_dir, exist_ok=True)

    runners = []
    if args.node_mjs:
        cmd = [args.node, os.path.abspath(args.node_mjs)]
        if args.node_heapsize != "default":
            cmd += ["-X", "heapsize=" + args.node_heapsize]
        runners.append(NodeRunner("node", cmd, args.timeout))
    if args.mpbox:
        runners.append(MpboxRunner("mpbox", [os.path.abspath(args.mpbox)] + args.mpbox_arg,
                                   args.timeout))
    if not runners:
        ap.error("give --node-mjs and/or --mpbox")

    upstream = read_upstream_lists(args.tests)
    dirs = [d for d in args.dirs.split(",") if d]
    tests = collect_tests(args.tests, dirs, args.include, args.exclude, args.files)

    for runner in runners:
        f = probe_features(runner, args.tests)
        compute_skips(runner, upstream, tests)
        print("%s: %s" % (runner.name, " ".join(
            "%s=%s" % (k, v) for k, v in sorted(f.items()))), flush=True)
    if len(runners) == 2 and runners[0].features != runners[1].features:
        print("warning: the runners' feature probes differ", file=sys.stderr)

    t0 = time.monotonic()
    records = Suite(args, runners, upstream).run(tests)
    elapsed = time.monotonic() - t0

    summary = summarise(records, runners)
    print()
    print_summary(summary, runners)
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "tests_dir": args.tests,
        "tests_ref": args.tests_ref,
        "dirs": dirs,
        "timeout": args.timeout,
        "jobs": args.jobs,
        "elapsed_seconds": round(elapsed, 1),
        "commands": {r.name: r.cmd_prefix + ["TEST.py"] for r in runners},
        "features": {r.name: r.features for r in runners},
        "summary": summary,
        "results": records,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, default=str)
    print("\nreport: %s (%.0f s)" % (args.out, elapsed))
    if args.strict and summary.get("node_pass_mpbox_not"):
        sys.exit(1)


if __name__ == "__main__":
    main()
