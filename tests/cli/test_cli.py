#!/usr/bin/env python3
"""mpbox command: program sources, options, exit statuses, streaming, Ctrl-C."""
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, TIMEOUT, VERSION, case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()

BOMB = "a = []\nwhile True:\n    a.append('x' * 1000)\n"
TRAP = "import uctypes\nb = uctypes.bytearray_at(0x7FFFFFF0, 64)\nprint(b[0])\n"


def tmpfile(text, name="prog.py"):
    d = tempfile.mkdtemp(prefix="mpbox-cli-")
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---- information ---------------------------------------------------------

@case
def test_version():
    for flag in ("--version", "-V"):
        p = run(flag)
        expect_rc(p, 0)
        check(("mpbox %s\n" % VERSION).encode() in p.stdout, "no mpbox version in %s" % show(p.stdout))
        check(b"MicroPython 1.27.0" in p.stdout, "no guest version in %s" % show(p.stdout))


@case
def test_help():
    for flag in ("--help", "-h"):
        p = run(flag)
        expect_rc(p, 0)
        for word in (b"--memory", b"--timeout", b"--max-output", b"--on-output-limit", b"--json",
                     b"-c CODE", b"256 MiB", b"30 s", b"1 MiB", b"124", b"125", b"126", b"123", b"130"):
            check(word in p.stdout, "help lacks %r" % word)


# ---- where the program comes from ------------------------------------------

@case
def test_code_ok():
    p = run("-c", "print(1 + 2)")
    expect_rc(p, 0)
    check(p.stdout == b"3\n", "stdout %s" % show(p.stdout))
    check(p.stderr == b"", "stderr %s" % show(p.stderr))


@case
def test_code_attached():
    p = run("-cprint('x')")
    expect_rc(p, 0)
    check(p.stdout == b"x\n", "stdout %s" % show(p.stdout))


@case
def test_file():
    p = run(tmpfile("x = 6 * 7\nprint(x)\n"))
    expect_rc(p, 0)
    check(p.stdout == b"42\n", "stdout %s" % show(p.stdout))


@case
def test_file_after_double_dash():
    p = run("--", tmpfile("print('dash')\n", name="-c"))
    expect_rc(p, 0)
    check(p.stdout == b"dash\n", "stdout %s" % show(p.stdout))


@case
def test_file_missing():
    p = run("/nonexistent/prog.py")
    expect_rc(p, 2)
    check(b"cannot open" in p.stderr and b"/nonexistent/prog.py" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_file_is_directory():
    p = run(tempfile.gettempdir())
    expect_rc(p, 2)
    check(p.stderr.startswith(b"mpbox: "), "stderr %s" % show(p.stderr))


@case
def test_stdin_dash():
    p = run("-", stdin=b"print('from stdin')\n")
    expect_rc(p, 0)
    check(p.stdout == b"from stdin\n", "stdout %s" % show(p.stdout))


@case
def test_stdin_no_args():
    # stdin is a pipe, not a terminal: read the program from it.
    p = run(stdin=b"import sys\nprint(sum(range(10)))\nsys.exit(4)\n")
    expect_rc(p, 4)
    check(p.stdout == b"45\n", "stdout %s" % show(p.stdout))


@case
def test_stdin_with_options():
    p = run("--timeout", "5", "--memory", "64M", "-", stdin=b"print('opt')\n")
    expect_rc(p, 0)
    check(p.stdout == b"opt\n", "stdout %s" % show(p.stdout))


@case
def test_empty_program():
    p = run("-", stdin=b"")
    expect_rc(p, 0)
    check(p.stdout == b"" and p.stderr == b"", "output %s %s" % (show(p.stdout), show(p.stderr)))


# ---- outcomes and exit statuses ------------------------------------------

@case
def test_streams_separate():
    p = run("-c", "import sys\nprint('out')\nsys.stderr.write('err\\n')\nprint('out2')")
    expect_rc(p, 0)
    check(p.stdout == b"out\nout2\n", "stdout %s" % show(p.stdout))
    check(p.stderr == b"err\n", "stderr %s" % show(p.stderr))


@case
def test_bytes_pass_through():
    # Without --json the guest's bytes reach us unchanged: NUL, invalid
    # UTF-8, escape sequences.
    raw = b"a\x00b\xff\xfe\xc3(\x1b[0m\r\n"
    src = "import sys\nsys.stdout.buffer.write(%r)\nsys.stderr.buffer.write(%r)" % (raw, raw[::-1])
    p = run("-c", src)
    expect_rc(p, 0)
    check(p.stdout == raw, "stdout %s" % show(p.stdout))
    check(p.stderr == raw[::-1], "stderr %s" % show(p.stderr))


@case
def test_error_exit_1():
    p = run("-c", "print('before')\n1/0")
    expect_rc(p, 1)
    check(p.stdout == b"before\n", "stdout %s" % show(p.stdout))
    check(b"Traceback" in p.stderr and b"ZeroDivisionError" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_syntax_error():
    p = run("-c", "def (:")
    expect_rc(p, 1)
    check(b"SyntaxError" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_system_exit_codes():
    for code, rc in (("sys.exit(0)", 0), ("sys.exit()", 0), ("sys.exit(None)", 0), ("sys.exit(3)", 3),
                     ("raise SystemExit(42)", 42), ("sys.exit(1)", 1)):
        p = run("-c", "import sys\n" + code)
        expect_rc(p, rc)
        check(p.stderr == b"", "%s: stderr %s" % (code, show(p.stderr)))


@case
def test_system_exit_message():
    p = run("-c", "import sys\nsys.exit('goodbye, world')")
    expect_rc(p, 1)
    check(p.stderr == b"goodbye, world\n", "stderr %s" % show(p.stderr))


@case
def test_timeout():
    t0 = time.monotonic()
    p = run("--timeout", "0.5", "-c", "while True: pass")
    elapsed = time.monotonic() - t0
    expect_rc(p, 124)
    check(b"mpbox: timeout:" in p.stderr and b"0.5 s" in p.stderr, "stderr %s" % show(p.stderr))
    check(elapsed < 5, "took %.1f s" % elapsed)


@case
def test_timeout_equals_form():
    p = run("--timeout=0.3", "-c", "while True: pass")
    expect_rc(p, 124)


@case
def test_timeout_swallowed_interrupt():
    # The guest catches KeyboardInterrupt and keeps looping: the hard stop
    # must end it anyway.
    src = "while True:\n    try:\n        while True: pass\n    except BaseException:\n        pass\n"
    t0 = time.monotonic()
    p = run("--timeout", "0.3", "-c", src)
    expect_rc(p, 124)
    check(time.monotonic() - t0 < 8, "took too long")


@case
def test_timeout_in_c_code():
    p = run("--timeout", "0.5", "-c", "import time\ntime.sleep(30)")
    expect_rc(p, 124)


@case
def test_timeout_forms():
    for v in ("0.25", ".25", "250ms", "0.25s", "1", "1.0001"):
        p = run("--timeout", v, "-c", "while True: pass")
        expect_rc(p, 124)
    p = run("--timeout", "250ms", "-c", "while True: pass")
    check(b"0.25 s" in p.stderr, "diagnostic %s" % show(p.stderr))


@case
def test_timeout_zero_is_no_limit():
    p = run("--timeout", "0", "-c", "import time\ntime.sleep(0.3)\nprint('slept')")
    expect_rc(p, 0)
    check(p.stdout == b"slept\n", "stdout %s" % show(p.stdout))


@case
def test_timeout_not_reached():
    p = run("--timeout", "10", "-c", "print(sum(range(100000)))")
    expect_rc(p, 0)


@case
def test_out_of_memory():
    p = run("--memory", "20M", "-c", BOMB)
    expect_rc(p, 125)
    check(b"mpbox: out_of_memory:" in p.stderr and b"20 MiB" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_memory_cap_is_applied():
    src = "b = bytearray(40 * 1024 * 1024)\nprint(len(b))"
    big = run("--memory", "128M", "-c", src)
    expect_rc(big, 0)
    small = run("--memory", "32M", "-c", src)
    expect_rc(small, 125)


@case
def test_memory_forms():
    for v in ("64M", "64m", "64MiB", "64MB", "65536K", "67108864", "1G", "1g"):
        p = run("--memory", v, "-c", "print('m')")
        expect_rc(p, 0)
    p = run("--memory=48M", "-c", "print('m')")
    expect_rc(p, 0)


@case
def test_output_drop():
    p = run("--max-output", "10", "-c", "print('a' * 100)\nprint('after')")
    expect_rc(p, 0)
    check(p.stdout == b"a" * 10, "stdout %s" % show(p.stdout))
    check(b"truncated" in p.stderr, "no truncation warning: %s" % show(p.stderr))


@case
def test_output_drop_explicit():
    p = run("--max-output=1K", "--on-output-limit=drop", "-c", "for i in range(1000): print(i)")
    expect_rc(p, 0)
    check(len(p.stdout) == 1024, "kept %d bytes" % len(p.stdout))


@case
def test_output_stop():
    # The library stops the run with a soft interrupt, which lands a few
    # bytecodes later; a second of work after the overflow must not finish.
    src = ("import sys, time\nprint('a' * 100)\nt = time.ticks_ms()\n"
           "while time.ticks_diff(time.ticks_ms(), t) < 1000: pass\nsys.stderr.write('after\\n')")
    p = run("--max-output", "10", "--on-output-limit", "stop", "-c", src)
    expect_rc(p, 123)
    check(p.stdout == b"a" * 10, "stdout %s" % show(p.stdout))
    check(b"after" not in p.stderr, "the run went on: %s" % show(p.stderr))
    check(b"mpbox: output_truncated:" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_output_stop_on_stderr():
    p = run("--max-output=16", "--on-output-limit=stop", "-c", "import sys\nsys.stderr.write('e' * 100)")
    expect_rc(p, 123)


@case
def test_trap():
    p = run("-c", TRAP)
    expect_rc(p, 126)
    check(b"mpbox: trap:" in p.stderr, "stderr %s" % show(p.stderr))


# ---- live output and Ctrl-C ------------------------------------------------

def start(*args):
    return subprocess.Popen([MPBOX] + list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def read_line_within(p, seconds):
    """The first line of p's stdout if it comes within seconds, else None."""
    ready, _, _ = select.select([p.stdout], [], [], seconds)
    return p.stdout.readline() if ready else None


@case
def test_output_is_streamed():
    p = start("-c", "import time\nprint('first')\ntime.sleep(2)\nprint('second')")
    try:
        t0 = time.monotonic()
        line = read_line_within(p, 1.5)
        check(line == b"first\n", "first line not streamed before the run ended (%s)" % show(line))
        check(time.monotonic() - t0 < 1.5, "late")
        check(p.poll() is None, "process already ended")
        out, err = p.communicate(timeout=TIMEOUT)
        check(out == b"second\n" and p.returncode == 0, "rest %s rc %s" % (show(out), p.returncode))
    finally:
        p.kill()
        p.wait()


def interrupt_case(src):
    p = start("--timeout", "0", "-c", src)
    try:
        line = read_line_within(p, 10)
        check(line == b"ready\n", "program did not start: %s" % show(line))
        time.sleep(0.2)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
        check(p.returncode == 130, "exit status %s, stderr %s" % (p.returncode, show(err)))
    finally:
        p.kill()
        p.wait()


@case
def test_ctrl_c_python_loop():
    interrupt_case("print('ready')\nwhile True: pass")


@case
def test_ctrl_c_c_code():
    interrupt_case("import time\nprint('ready')\ntime.sleep(60)")


@case
def test_ctrl_c_json():
    p = start("--json", "--timeout", "0", "-c", "import sys\nsys.stderr.write('ready\\n')\nwhile True: pass")
    try:
        time.sleep(0.5)  # nothing is streamed in --json mode: wait instead
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
        check(p.returncode == 130, "exit status %s, stderr %s" % (p.returncode, show(err)))
        check(b'"status":' in out and b"interrupted" in out, "stdout %s" % show(out))
    finally:
        p.kill()
        p.wait()


@case
def test_ctrl_c_while_reading_stdin():
    p = subprocess.Popen([MPBOX, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(0.3)
        p.send_signal(signal.SIGINT)
        p.wait(timeout=10)
        check(p.returncode == 130, "exit status %s" % p.returncode)
    finally:
        p.kill()
        p.wait()


@case
def test_closed_stdout():
    # mpbox ... | head -1: the reader goes away; mpbox must not hang or crash.
    p = subprocess.Popen([MPBOX, "-c", "for i in range(100000): print(i)"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()
    p.wait(timeout=TIMEOUT)
    check(p.returncode in (0, 123), "exit status %s" % p.returncode)


# ---- usage errors ------------------------------------------------------------

def usage(args, needle=None, stdin=b""):
    p = run(*args, stdin=stdin)
    check(p.returncode == 2, "%s: exit status %d, stderr %s" % (args, p.returncode, show(p.stderr)))
    check(p.stdout == b"", "%s: stdout %s" % (args, show(p.stdout)))
    check(p.stderr.startswith(b"mpbox: "), "%s: stderr %s" % (args, show(p.stderr)))
    if needle:
        check(needle in p.stderr, "%s: %r not in %s" % (args, needle, show(p.stderr)))


@case
def test_unknown_options():
    usage(["--frobnicate", "-c", "1"], b"--frobnicate")
    usage(["-x", "-c", "1"], b"-x")
    usage(["--jso", "-c", "1"], b"--jso")


@case
def test_bad_memory():
    for v in ("0", "-5", "-1M", "abc", "10X", "12MX", "", "1.5M", "99999999999999999999999",
              "18446744073709551615G", "1K", "16M", "3G", " 64M"):
        usage(["--memory", v, "-c", "1"], b"--memory")


@case
def test_memory_bounds_named():
    usage(["--memory", "1K", "-c", "1"], b"minimum")
    usage(["--memory", "3G", "-c", "1"], b"maximum")


@case
def test_bad_timeout():
    for v in ("-1", "abc", "", "1e3", "inf", "nan", "1.2.3", "5x", "99999999999"):
        usage(["--timeout", v, "-c", "1"], b"--timeout")


@case
def test_bad_max_output():
    for v in ("-1", "lots", "", "5Q"):
        usage(["--max-output", v, "-c", "1"], b"--max-output")


@case
def test_bad_output_policy():
    usage(["--on-output-limit=maybe", "-c", "1"], b"--on-output-limit")
    usage(["--on-output-limit", "-c", "1"], b"--on-output-limit")


@case
def test_missing_values():
    usage(["-c"], b"-c")
    usage(["--memory"], b"--memory")
    usage(["--timeout"], b"--timeout")
    usage(["--"], b"--")


@case
def test_value_for_flag():
    usage(["--json=yes", "-c", "1"], b"--json")


@case
def test_arguments_after_program():
    usage(["-c", "print(1)", "extra"], b"sys.argv")
    usage([tmpfile("print(1)\n"), "a", "b"], b"sys.argv")
    usage(["-", "more"], b"sys.argv", stdin=b"print(1)\n")
    # Options after the program are arguments too.
    usage(["-c", "print(1)", "--json"], b"options go before")


@case
def test_usage_error_in_json_mode():
    usage(["--json", "--memory", "0", "-c", "1"], b"--memory")
    usage(["--json", "--bogus", "-c", "1"], b"--bogus")


finish()
