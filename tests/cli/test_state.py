#!/usr/bin/env python3
"""mpbox command: --fuel, --save-session/--load-session, --deterministic and
--seed, --no-rollback."""
import json
import os
import pty
import select
import signal
import sys
import tempfile
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, Fail, case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

TRAP = "import uctypes\nb = uctypes.bytearray_at(0x7FFFFFF0, 64)\nprint(b[0])\n"
LOOP = "n = 0\nwhile True:\n    n += 1\n"
RANDOM = ("import random, time\n"
          "print(random.random(), random.getrandbits(32), random.randint(1, 10 ** 9))\n"
          "print(time.time(), time.ticks_ms(), time.time_ns())\n"
          "print(random.random(), time.ticks_ms(), time.time())\n")

TMP = tempfile.mkdtemp(prefix="mpbox-state-")


def path(name):
    return os.path.join(TMP, name)


def as_json(p):
    try:
        return json.loads(p.stdout)
    except ValueError:
        raise Fail("not JSON: stdout=%s stderr=%s" % (show(p.stdout), show(p.stderr)))


def one_stderr_line(p, start):
    lines = p.stderr.decode(errors="replace").splitlines()
    check(len(lines) == 1 and lines[0].startswith(start), "stderr %s, expected one line starting %r"
          % (show(p.stderr), start))
    return lines[0]


# ---- information ---------------------------------------------------------

def has_fuel():
    """Fuel is built in: --version says so, or a run reports fuel used."""
    v = run("--version")
    if b"fuel: yes" in v.stdout:
        return True
    p = run("--json", "-c", "1")
    return p.returncode == 0 and as_json(p)["stats"]["fuel_used"] > 0


FUEL = has_fuel()


@case
def test_version_says_fuel():
    p = run("--version")
    expect_rc(p, 0)
    check(b"fuel: yes\n" in p.stdout or b"fuel: no\n" in p.stdout, "no fuel line in %s" % show(p.stdout))
    v = run("--json", "-c", "1")
    if b"fuel: no" in p.stdout:
        check(as_json(v)["stats"]["fuel_used"] == 0, "fuel: no, yet fuel_used > 0")


@case
def test_help_lists_new_options():
    p = run("--help")
    expect_rc(p, 0)
    for word in (b"--fuel", b"--no-rollback", b"--deterministic", b"--seed", b"--load-session",
                 b"--save-session", b"122"):
        check(word in p.stdout, "help lacks %r" % word)


# ---- fuel ------------------------------------------------------------------

@case
def test_fuel_bad_values():
    for bad in ("-1", "abc", "", "1X", "1KB", "1.5", "99999999999999999999", "10000000000G"):
        p = run("--fuel", bad, "-c", "1")
        expect_rc(p, 2)
        check(b"--fuel" in p.stderr, "message %s" % show(p.stderr))


@case
def test_fuel_zero_is_no_limit():
    p = run("--json", "--fuel", "0", "-c", "print(sum(range(1000)))")
    expect_rc(p, 0)
    o = as_json(p)
    check(o["status"] == "ok" and o["stdout"] == "499500\n", "got %s" % o)
    check(isinstance(o["stats"]["fuel_used"], int), "fuel_used %r" % o["stats"]["fuel_used"])


if FUEL:
    @case
    def test_fuel_exhausted():
        p = run("--json", "--fuel", "100000", "-c", LOOP)
        expect_rc(p, 122)
        o = as_json(p)
        check(o["status"] == "out_of_fuel", "status %r" % o["status"])
        check(o["session"] == "rolled_back", "session %r" % o["session"])
        check(o["stats"]["fuel_used"] >= 100000, "fuel_used %r" % o["stats"]["fuel_used"])

    @case
    def test_fuel_exhausted_text():
        p = run("--fuel", "5K", "-c", LOOP)
        expect_rc(p, 122)
        check(p.stdout == b"", "stdout %s" % show(p.stdout))
        check(b"mpbox: out_of_fuel: run used its fuel budget of 5000 (--fuel)\n" in p.stderr,
              "stderr %s" % show(p.stderr))

    @case
    def test_fuel_same_program_same_fuel():
        prog = "d = {}\nfor i in range(2000):\n    d[str(i)] = i * i\nprint(sum(d.values()))\n"
        used = []
        for _ in range(3):
            p = run("--json", "-c", prog)
            expect_rc(p, 0)
            used.append(as_json(p)["stats"]["fuel_used"])
        check(used[0] > 0 and used.count(used[0]) == 3, "fuel_used varies: %r" % used)

    @case
    def test_fuel_generous_budget():
        p = run("--json", "--fuel", "1G", "-c", "print(sum(range(10000)))")
        expect_rc(p, 0)
        o = as_json(p)
        check(o["status"] == "ok" and o["stdout"] == "49995000\n", "got %s" % o)
        check(0 < o["stats"]["fuel_used"] < 10 ** 9, "fuel_used %r" % o["stats"]["fuel_used"])

    @case
    def test_fuel_rolls_back_saved_session():
        snap = path("fuel.snap")
        expect_rc(run("--save-session", snap, "-c", "x = 1"), 0)
        p = run("--fuel", "100000", "--load-session", snap, "--save-session", snap, "-c", "x = 2\n" + LOOP)
        expect_rc(p, 122)
        p = run("--load-session", snap, "-c", "print(x)")
        expect_rc(p, 0)
        check(p.stdout == b"1\n", "stdout %s" % show(p.stdout))
else:
    @case
    def test_fuel_refused_without_metering():
        p = run("--fuel", "1000", "-c", "1")
        expect_rc(p, 2)
        check(b"--fuel" in p.stderr and b"fuel" in p.stderr.split(b":", 2)[-1], "message %s" % show(p.stderr))
        check(p.stdout == b"", "stdout %s" % show(p.stdout))
        p = run("--json", "-c", "print(1)")
        check(as_json(p)["stats"]["fuel_used"] == 0, "fuel_used without fuel")


# ---- sessions in files -------------------------------------------------------

SETUP = """\
import json
from collections import OrderedDict
import re as regex
counter = 41
blob = bytearray(b'\\x05' * 300000)
def greet(name, punct='!'):
    return 'hello ' + name + punct
class Point:
    scale = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm2(self):
        return self.scale * (self.x * self.x + self.y * self.y)
p = Point(3, 4)
od = OrderedDict([('a', 1), ('b', 2)])
gen = (i * i for i in range(10))
next(gen)
print('saved')
"""
USE = """\
counter += 1
print(greet('x'), p.norm2(), Point(1, 1).norm2(), json.dumps(list(od.items())))
print(counter, len(blob), blob[-1], next(gen), regex.match(r'(\\d+)', '123abc').group(1))
"""
USE_OUT = b"hello x! 50 4 [[\"a\", 1], [\"b\", 2]]\n42 300000 5 1 123\n"


@case
def test_round_trip_two_processes():
    snap = path("rt.snap")
    p = run("--save-session", snap, "-c", SETUP)
    expect_rc(p, 0)
    check(p.stdout == b"saved\n" and p.stderr == b"", "stdout %s stderr %s" % (show(p.stdout), show(p.stderr)))
    check(os.path.getsize(snap) > 300000, "snapshot of %d bytes" % os.path.getsize(snap))
    check(not os.path.exists(snap + ".tmp"), "FILE.tmp left behind")
    for _ in range(2):  # loading does not change the file
        p = run("--load-session", snap, "-c", USE)
        expect_rc(p, 0)
        check(p.stdout == USE_OUT, "stdout %s stderr %s" % (show(p.stdout), show(p.stderr)))


@case
def test_round_trip_file_and_stdin():
    snap = path("stdin.snap")
    prog = path("prog.py")
    with open(prog, "w") as f:
        f.write(SETUP)
    expect_rc(run("--save-session", snap, prog), 0)
    p = run("--load-session", snap, "-", stdin=USE.encode())
    expect_rc(p, 0)
    check(p.stdout == USE_OUT, "stdout %s" % show(p.stdout))
    p = run("--load-session", snap, stdin=USE.encode())  # no program: stdin, not a terminal
    expect_rc(p, 0)
    check(p.stdout == USE_OUT, "stdout %s" % show(p.stdout))


@case
def test_load_and_save_same_file():
    snap = path("chain.snap")
    expect_rc(run("--save-session", snap, "-c", "n = 0"), 0)
    for i in range(1, 4):
        p = run("--load-session", snap, "--save-session", snap, "-c", "n += 1\nprint(n)")
        expect_rc(p, 0)
        check(p.stdout == b"%d\n" % i, "step %d: stdout %s" % (i, show(p.stdout)))


@case
def test_save_with_json():
    snap = path("json.snap")
    p = run("--json", "--save-session", snap, "-c", "y = 'why'\nprint(y)")
    expect_rc(p, 0)
    o = as_json(p)
    check(o["status"] == "ok" and o["stdout"] == "why\n" and o["session"] == "kept", "got %s" % o)
    p = run("--json", "--load-session", snap, "-c", "print(y * 2)")
    expect_rc(p, 0)
    check(as_json(p)["stdout"] == "whywhy\n", "got %s" % show(p.stdout))


@case
def test_save_after_error_keeps_state():
    snap = path("err.snap")
    p = run("--save-session", snap, "-c", "a = 5\nraise ValueError('boom')")
    expect_rc(p, 1)
    check(b"ValueError: boom" in p.stderr, "stderr %s" % show(p.stderr))
    p = run("--load-session", snap, "-c", "print(a)")
    expect_rc(p, 0)
    check(p.stdout == b"5\n", "stdout %s" % show(p.stdout))


@case
def test_save_after_rollback_is_state_before_run():
    snap = path("rb.snap")
    expect_rc(run("--save-session", snap, "-c", "w = 1"), 0)
    p = run("--load-session", snap, "--save-session", snap, "-c", "w = 2\n" + TRAP)
    expect_rc(p, 126)
    one_stderr_line(p, "mpbox: trap:")  # no extra message about the rollback
    p = run("--load-session", snap, "-c", "print(w)")
    expect_rc(p, 0)
    check(p.stdout == b"1\n", "stdout %s" % show(p.stdout))


@case
def test_limits_stored_and_overridden():
    snap = path("limits.snap")
    expect_rc(run("--memory", "32M", "--max-output", "5", "--save-session", snap, "-c", "z = 1"), 0)
    # stored: the caps apply, and messages name them
    p = run("--load-session", snap, "-c", "x = bytearray(100 * 1024 * 1024)")
    expect_rc(p, 125)
    check(b"32 MiB" in p.stderr, "stderr %s" % show(p.stderr))
    p = run("--load-session", snap, "-c", "print('abcdefghij')")
    expect_rc(p, 0)
    check(p.stdout == b"abcde", "stdout %s" % show(p.stdout))
    check(b"truncated at 5 bytes" in p.stderr, "stderr %s" % show(p.stderr))
    # given on the command line: override
    p = run("--load-session", snap, "--memory", "256M", "--max-output", "1M", "-c",
            "x = bytearray(100 * 1024 * 1024)\nprint(len(x), z)")
    expect_rc(p, 0)
    check(p.stdout == b"104857600 1\n", "stdout %s stderr %s" % (show(p.stdout), show(p.stderr)))


@case
def test_load_corrupted():
    snap, bad = path("good.snap"), path("corrupt.snap")
    expect_rc(run("--save-session", snap, "-c", "q = 1"), 0)
    data = bytearray(open(snap, "rb").read())
    for off in (0, 20, len(data) // 2, len(data) - 1):
        d = bytearray(data)
        d[off] ^= 0x40
        with open(bad, "wb") as f:
            f.write(d)
        p = run("--load-session", bad, "-c", "print(q)")
        expect_rc(p, 2)
        check(p.stdout == b"", "stdout %s" % show(p.stdout))
        line = one_stderr_line(p, "mpbox: cannot load session from %s: " % bad)
        check(len(line) > len("mpbox: cannot load session from %s: " % bad), "no reason: %r" % line)


@case
def test_load_truncated():
    snap, bad = path("good2.snap"), path("trunc.snap")
    expect_rc(run("--save-session", snap, "-c", "q = 1"), 0)
    data = open(snap, "rb").read()
    for n in (0, 1, 40, 100, len(data) // 2, len(data) - 8, len(data) - 1):
        with open(bad, "wb") as f:
            f.write(data[:n])
        p = run("--load-session", bad, "-c", "print(q)")
        expect_rc(p, 2)
        one_stderr_line(p, "mpbox: cannot load session from %s: " % bad)
    with open(bad, "wb") as f:  # extra bytes at the end
        f.write(data + b"\0")
    p = run("--load-session", bad, "-c", "print(q)")
    expect_rc(p, 2)
    one_stderr_line(p, "mpbox: cannot load session from %s: " % bad)


@case
def test_load_not_a_snapshot():
    bad = path("not.snap")
    with open(bad, "w") as f:
        f.write("print('I am a Python program, not a snapshot')\n" * 20)
    p = run("--load-session", bad, "-c", "print(1)")
    expect_rc(p, 2)
    line = one_stderr_line(p, "mpbox: cannot load session from %s: " % bad)
    check("snapshot" in line or "magic" in line, "reason %r" % line)


@case
def test_load_unreadable():
    p = run("--load-session", path("does-not-exist.snap"), "-c", "print(1)")
    expect_rc(p, 2)
    check(b"does-not-exist.snap" in p.stderr, "stderr %s" % show(p.stderr))
    p = run("--load-session", TMP, "-c", "print(1)")  # a directory
    expect_rc(p, 2)
    p = run("--load-session", "", "-c", "print(1)")
    expect_rc(p, 2)
    p = run("--load-session")
    expect_rc(p, 2)


@case
def test_save_failure_status():
    where = path("no-such-dir/x.snap")
    p = run("--save-session", where, "-c", "print('ran')")
    expect_rc(p, 70)
    check(p.stdout == b"ran\n", "stdout %s" % show(p.stdout))
    check(b"cannot save the session" in p.stderr, "stderr %s" % show(p.stderr))
    # the run's own non-zero status takes precedence
    p = run("--save-session", where, "-c", "import sys\nsys.exit(3)")
    expect_rc(p, 3)
    check(b"cannot save the session" in p.stderr, "stderr %s" % show(p.stderr))
    p = run("--save-session", where, "-c", "1 / 0")
    expect_rc(p, 1)


@case
def test_save_lost_session_fails():
    snap = path("lost.snap")
    p = run("--no-rollback", "--save-session", snap, "-c", TRAP)
    expect_rc(p, 126)
    check(b"cannot save the session" in p.stderr, "stderr %s" % show(p.stderr))
    check(not os.path.exists(snap) and not os.path.exists(snap + ".tmp"), "file written for a lost session")


# ---- deterministic mode ------------------------------------------------------

@case
def test_deterministic_same_seed_same_output():
    outs = []
    for _ in range(2):
        p = run("--deterministic", "--seed", "12345", "-c", RANDOM)
        expect_rc(p, 0)
        outs.append(p.stdout)
    check(outs[0] == outs[1], "outputs differ: %s vs %s" % (show(outs[0]), show(outs[1])))
    check(b"1767225600" in outs[0], "clock not at the fixed epoch: %s" % show(outs[0]))


@case
def test_deterministic_default_seed():
    a = run("--deterministic", "-c", RANDOM)
    b = run("--deterministic", "--seed", "0", "-c", RANDOM)
    expect_rc(a, 0)
    check(a.stdout == b.stdout, "default seed is not 0: %s vs %s" % (show(a.stdout), show(b.stdout)))


@case
def test_deterministic_different_seeds_differ():
    a = run("--deterministic", "--seed", "1", "-c", RANDOM)
    b = run("--deterministic", "--seed", "2", "-c", RANDOM)
    expect_rc(a, 0)
    expect_rc(b, 0)
    ra, rb = a.stdout.split(b"\n")[0], b.stdout.split(b"\n")[0]
    check(ra != rb, "same random numbers for seeds 1 and 2: %s" % show(ra))
    # the clock does not depend on the seed
    check(a.stdout.split(b"\n")[1] == b.stdout.split(b"\n")[1], "clock depends on the seed")


@case
def test_not_deterministic_by_default():
    a = run("-c", RANDOM)
    b = run("-c", RANDOM)
    check(a.stdout.split(b"\n")[0] != b.stdout.split(b"\n")[0], "two plain runs gave the same numbers")
    c = run("--seed", "5", "-c", RANDOM)
    d = run("--seed", "5", "-c", RANDOM)
    check(c.stdout.split(b"\n")[0] != d.stdout.split(b"\n")[0], "--seed alone made runs deterministic")


@case
def test_seed_range():
    expect_rc(run("--deterministic", "--seed", str(2 ** 63 - 1), "-c", "1"), 0)
    for bad in (str(2 ** 63), "-1", "x", "", "1.0", "0x10"):
        p = run("--deterministic", "--seed", bad, "-c", "1")
        expect_rc(p, 2)
        check(b"--seed" in p.stderr, "message %s" % show(p.stderr))


@case
def test_deterministic_session_continues_after_load():
    one = run("--deterministic", "--seed", "9", "-c", RANDOM + RANDOM)
    expect_rc(one, 0)
    snap = path("det.snap")
    a = run("--deterministic", "--seed", "9", "--save-session", snap, "-c", RANDOM)
    expect_rc(a, 0)
    # deterministic mode and its seed come from the snapshot; giving the
    # same values again changes nothing
    b = run("--load-session", snap, "-c", RANDOM)
    c = run("--deterministic", "--seed", "9", "--load-session", snap, "-c", RANDOM)
    expect_rc(b, 0)
    check(a.stdout + b.stdout == one.stdout, "split run differs: %s vs %s"
          % (show(a.stdout + b.stdout, 400), show(one.stdout, 400)))
    check(c.stdout == b.stdout, "same options changed the loaded session: %s vs %s"
          % (show(c.stdout), show(b.stdout)))


# ---- rollback ------------------------------------------------------------------

@case
def test_no_rollback_loses_session():
    p = run("--json", "--no-rollback", "-c", TRAP)
    expect_rc(p, 126)
    o = as_json(p)
    check(o["status"] == "trap" and o["session"] == "lost", "got %s" % o)
    p = run("--json", "-c", TRAP)
    expect_rc(p, 126)
    o = as_json(p)
    check(o["status"] == "trap" and o["session"] == "rolled_back", "got %s" % o)
    p = run("--no-rollback=1", "-c", "1")
    expect_rc(p, 2)


@case
def test_rolled_back_text_mode_quiet():
    p = run("-c", TRAP)
    expect_rc(p, 126)
    one_stderr_line(p, "mpbox: trap: ")


# ---- the REPL ----------------------------------------------------------------

def repl(*args):
    """mpbox on a pty: returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(MPBOX, [MPBOX] + list(args), dict(os.environ, TERM="xterm"))
        finally:
            os._exit(127)
    return pid, fd


def repl_session(args, lines, seconds=10):
    """Type each line at its prompt, then Ctrl-D; returns (status, output)."""
    pid, fd = repl(*args)
    buf, status = b"", None
    try:
        end = time.monotonic() + seconds
        pending = list(lines) + [None]
        while status is None:
            if time.monotonic() > end:
                raise Fail("the REPL did not finish; output %s" % show(buf, 400))
            if pending and buf.endswith(b">>> "):
                # libedit must be in editing mode (ISIG off) before we type
                if not termios.tcgetattr(fd)[3] & termios.ISIG:
                    line = pending.pop(0)
                    os.write(fd, b"\x04" if line is None else line.encode() + b"\r")
                    buf += b"\n"
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                buf += data
            got, st = os.waitpid(pid, os.WNOHANG)
            if got:
                status = os.waitstatus_to_exitcode(st)
        return status, buf
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


@case
def test_repl_save_and_load():
    snap = path("repl.snap")
    status, out = repl_session(["--save-session", snap], ["def f(n):\n    return n * 3\n", "k = 14"])
    check(status == 0, "exit status %s; output %s" % (status, show(out, 400)))
    check(os.path.exists(snap), "no snapshot written")
    p = run("--load-session", snap, "-c", "print(f(k))")
    expect_rc(p, 0)
    check(p.stdout == b"42\n", "stdout %s" % show(p.stdout))
    status, out = repl_session(["--load-session", snap], ["f(k) + 1"])
    check(status == 0, "exit status %s" % status)
    check(b"43" in out, "loaded REPL output %s" % show(out, 400))


@case
def test_repl_load_refused():
    bad = path("repl-bad.snap")
    with open(bad, "wb") as f:
        f.write(b"MPBOXSNP" + b"\0" * 200)
    pid, fd = repl("--load-session", bad)
    try:
        _, st = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(st)
        out = b""
        while select.select([fd], [], [], 0.2)[0]:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
    finally:
        os.close(fd)
    check(status == 2, "exit status %s" % status)
    check(b"cannot load session from" in out, "output %s" % show(out))



@case
def test_load_refuses_memory_above_cap():
    """Issue 10: saved under --memory 512M holding ~100 MiB, loaded under
    --memory 32M: refused with the reason, exit 2; without --memory the
    snapshot's own cap applies and it loads."""
    snap = path("big.snap")
    p = run("--memory", "512M", "--save-session", snap, "-c", "b = bytearray(100 * 1024 * 1024)\nb[-1] = 9")
    expect_rc(p, 0)
    p = run("--memory", "32M", "--load-session", snap, "-c", "print(len(b))")
    expect_rc(p, 2)
    check(b"larger than the memory cap" in p.stderr and b"--memory 33554432" in p.stderr,
          "no clear reason: %s" % show(p.stderr))
    check(p.stdout == b"", "ran anyway: %s" % show(p.stdout))
    p = run("--load-session", snap, "--json", "-c", "print(len(b), b[-1])")
    expect_rc(p, 0)
    check(as_json(p)["stdout"] == "104857600 9\n", show(p.stdout))
    p = run("--memory", "200M", "--load-session", snap, "--json", "-c", "x = bytearray(150 * 1024 * 1024)")
    r = as_json(p)
    check(r["status"] == "out_of_memory" and r["stats"]["peak_memory_bytes"] <= 200 * 1024 * 1024,
          show(p.stdout))

finish()
