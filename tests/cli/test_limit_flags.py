#!/usr/bin/env python3
"""mpbox command: every limit of the library's table is a flag (app/limit_names.c),
named, parsed and checked from the table alone: also limits that had no flag
before the table (--files-count, --host-depth, --grace)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()


@case
def test_help_lists_every_limit():
    p = run("--help")
    expect_rc(p, 0)
    for word in (b"--memory SIZE", b"--timeout SECONDS", b"--grace SECONDS", b"--max-output SIZE",
                 b"--max-stderr SIZE", b"--on-output-limit=drop|stop", b"--no-rollback", b"--fuel N",
                 b"--deterministic", b"--seed N", b"--files-bytes SIZE", b"--files-count N",
                 b"--host-arg-bytes SIZE", b"--host-result-bytes SIZE", b"--host-depth N", b"--host-calls N"):
        check(word in p.stdout, "help lacks %r" % word)


@case
def test_files_count_flag():
    three = "for n in 'abc':\n    open(n, 'w').write(n)\nprint('wrote all')\n"
    p = run("--files-count", "3", "-c", three)
    expect_rc(p, 0)
    p = run("--files-count=2", "-c", three)
    expect_rc(p, 1)
    check(b"OSError" in p.stderr and b"28" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_yes_no_limits_both_ways():
    src = "import time\nprint(time.time())\n"
    a = run("--deterministic", "-c", src)
    b = run("--no-deterministic", "--deterministic", "-c", src)
    expect_rc(a, 0)
    check(a.stdout == b.stdout and a.stdout.startswith(b"1767225600"), "%s %s" % (show(a.stdout), show(b.stdout)))
    p = run("--rollback", "--no-rollback", "-c", "print(1)")
    expect_rc(p, 0)
    p = run("--deterministic=1", "-c", "1")
    expect_rc(p, 2)
    check(b"takes no value" in p.stderr, show(p.stderr))


@case
def test_values_checked_against_the_table():
    for args, word in ((["--host-depth", "1001"], b"above the maximum of 1000"),
                       (["--memory", "1K"], b"below the minimum"),
                       (["--grace", "soon"], b"--grace 'soon'"),
                       (["--on-output-limit", "explode"], b"expected 'drop' or 'stop'")):
        p = run(*(args + ["-c", "1"]))
        expect_rc(p, 2)
        check(word in p.stderr, "%s: %s" % (args, show(p.stderr)))
    p = run("--files-count")
    expect_rc(p, 2)
    check(b"--files-count needs a value" in p.stderr, show(p.stderr))


if __name__ == "__main__":
    finish()
