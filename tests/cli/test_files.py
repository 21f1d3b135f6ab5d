#!/usr/bin/env python3
"""mpbox command: --mount, --file, --output-dir."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import case, check, expect_rc, finish, require_binary, run, show  # noqa: E402

require_binary()


def tree():
    """A temporary directory with a mountable tree and a secret outside it."""
    d = tempfile.mkdtemp(prefix="mpbox-cli-files-")
    os.makedirs(os.path.join(d, "in", "sub"))
    with open(os.path.join(d, "secret.txt"), "w") as f:
        f.write("SECRET\n")
    with open(os.path.join(d, "in", "a.txt"), "w") as f:
        f.write("alpha\n")
    with open(os.path.join(d, "in", "sub", "b.txt"), "w") as f:
        f.write("beta\n")
    os.symlink("../secret.txt", os.path.join(d, "in", "rel_out"))
    os.symlink("/etc/passwd", os.path.join(d, "in", "abs_out"))
    os.symlink("..", os.path.join(d, "in", "up"))
    return d


@case
def test_help_mentions_file_options():
    p = run("--help")
    expect_rc(p, 0)
    for word in (b"--mount DIR[:/PATH]", b"--file PATH[:NAME]", b"--output-dir DIR", b"/input"):
        check(word in p.stdout, "help lacks %r" % word)


@case
def test_mount_default_and_path():
    d = tree()
    p = run("--mount", os.path.join(d, "in"), "--mount", os.path.join(d, "in", "sub") + ":/data/s", "-c",
            "import os\nprint(sorted(os.listdir('/input')))\n"
            "print(open('/input/a.txt').read().strip(), open('/data/s/b.txt').read().strip())\n")
    expect_rc(p, 0)
    check(p.stdout == b"['a.txt', 'abs_out', 'rel_out', 'sub', 'up']\nalpha beta\n", "stdout %s" % show(p.stdout))


@case
def test_mount_escapes_and_writes_fail():
    d = tree()
    prog = ("import os\n"
            "out = []\n"
            "for p in ('/input/rel_out', '/input/abs_out', '/input/up/secret.txt', '/input/../secret.txt',\n"
            "          '/input/sub/../../secret.txt', '/input/' + '../' * 2000 + 'etc/passwd'):\n"
            "    try:\n"
            "        out.append(open(p).read())\n"
            "    except OSError:\n"
            "        out.append('E')\n"
            "for f, a in ((open, ('/input/new', 'w')), (os.mkdir, ('/input/d',)), (os.remove, ('/input/a.txt',)),\n"
            "             (os.rename, ('/input/a.txt', '/input/b')), (open, ('/input/a.txt', 'a'))):\n"
            "    try:\n"
            "        f(*a)\n"
            "        out.append('wrote')\n"
            "    except OSError:\n"
            "        out.append('E')\n"
            "print(out)\n")
    p = run("--mount", os.path.join(d, "in"), "-c", prog)
    expect_rc(p, 0)
    check(p.stdout == b"['E', 'E', 'E', 'E', 'E', 'E', 'E', 'E', 'E', 'E', 'E']\n", "stdout %s" % show(p.stdout))
    check(sorted(os.listdir(os.path.join(d, "in"))) == ["a.txt", "abs_out", "rel_out", "sub", "up"],
          "host directory changed")
    with open(os.path.join(d, "in", "a.txt")) as f:
        check(f.read() == "alpha\n", "host file changed")


@case
def test_mount_errors():
    d = tree()
    p = run("--mount", os.path.join(d, "nope"), "-c", "pass")
    expect_rc(p, 2)
    check(b"--mount" in p.stderr, "stderr %s" % show(p.stderr))
    p = run("--mount", os.path.join(d, "secret.txt"), "-c", "pass")
    expect_rc(p, 2)
    p = run("--mount", os.path.join(d, "in") + ":/", "-c", "pass")
    expect_rc(p, 2)


@case
def test_file_in():
    d = tree()
    prog_file = os.path.join(d, "helper.py")
    with open(prog_file, "w") as f:
        f.write("def hi():\n    return 'hi from helper'\n")
    p = run("--file", prog_file, "--file", os.path.join(d, "in", "a.txt") + ":data/alpha.txt", "-c",
            "import helper, os\nprint(helper.hi(), open('/data/alpha.txt').read().strip(), sorted(os.listdir('/')))\n")
    expect_rc(p, 0)
    check(p.stdout == b"hi from helper alpha ['data', 'helper.py']\n", "stdout %s" % show(p.stdout))
    p = run("--file", os.path.join(d, "missing.txt"), "-c", "pass")
    expect_rc(p, 2)
    check(b"--file" in p.stderr, "stderr %s" % show(p.stderr))


@case
def test_output_dir():
    d = tree()
    out = os.path.join(d, "out")
    p = run("--output-dir", out, "-c",
            "import os\nos.mkdir('res')\nos.mkdir('res/deep')\n"
            "with open('res/deep/r.txt', 'w') as f:\n    f.write('result')\n"
            "with open('top.bin', 'wb') as f:\n    f.write(bytes(range(256)))\n")
    expect_rc(p, 0)
    with open(os.path.join(out, "res", "deep", "r.txt")) as f:
        check(f.read() == "result", "r.txt content")
    with open(os.path.join(out, "top.bin"), "rb") as f:
        check(f.read() == bytes(range(256)), "top.bin content")
    check(sorted(os.listdir(out)) == ["res", "top.bin"], "extra files: %r" % os.listdir(out))


@case
def test_output_dir_refuses_planted_links():
    d = tree()
    out = os.path.join(d, "out")
    victim = os.path.join(d, "victim")
    os.makedirs(out)
    os.makedirs(victim)
    # a directory symlink leading out, and a file symlink to a file outside
    os.symlink(victim, os.path.join(out, "res"))
    os.symlink(os.path.join(d, "secret.txt"), os.path.join(out, "top.txt"))
    p = run("--output-dir", out, "-c",
            "import os\nos.mkdir('res')\n"
            "with open('res/r.txt', 'w') as f:\n    f.write('x')\n"
            "with open('top.txt', 'w') as f:\n    f.write('overwritten')\n")
    check(p.returncode == 70, "exit %d, stderr %s" % (p.returncode, show(p.stderr)))
    check(b"--output-dir" in p.stderr, "stderr %s" % show(p.stderr))
    check(os.listdir(victim) == [], "wrote through a planted directory link: %r" % os.listdir(victim))
    with open(os.path.join(d, "secret.txt")) as f:
        check(f.read() == "SECRET\n", "wrote through a planted file link")


@case
def test_output_dir_replaces_file_links():
    d = tree()
    out = os.path.join(d, "out")
    os.makedirs(out)
    os.symlink(os.path.join(d, "secret.txt"), os.path.join(out, "top.txt"))
    os.link(os.path.join(d, "in", "a.txt"), os.path.join(out, "hard.txt"))
    p = run("--output-dir", out, "-c",
            "for n in ('top.txt', 'hard.txt'):\n    with open(n, 'w') as f:\n        f.write('new')\n")
    expect_rc(p, 0)
    check(not os.path.islink(os.path.join(out, "top.txt")), "top.txt is still a link")
    with open(os.path.join(out, "top.txt")) as f:
        check(f.read() == "new", "top.txt content")
    with open(os.path.join(d, "secret.txt")) as f:
        check(f.read() == "SECRET\n", "wrote through a file link")
    with open(os.path.join(d, "in", "a.txt")) as f:
        check(f.read() == "alpha\n", "wrote through a hard link")



@case
def test_output_dir_skips_refused_and_copies_the_rest():
    """Issue 10, item 6: a planted directory link refuses the files below
    it, and every other file (before and after it in order) is copied."""
    d = tree()
    out = os.path.join(d, "out")
    victim = os.path.join(d, "victim")
    os.makedirs(out)
    os.makedirs(victim)
    os.symlink(victim, os.path.join(out, "b_link"))
    p = run("--output-dir", out, "-c",
            "import os\nfor n in ('a_first.txt', 'z_last.txt'):\n    open(n, 'w').write(n)\n"
            "os.mkdir('b_link')\nopen('b_link/x.txt', 'w').write('x')\nopen('b_link/y.txt', 'w').write('y')\n"
            "os.mkdir('c_dir')\nopen('c_dir/c.txt', 'w').write('c')\n")
    check(p.returncode == 70, "exit %d, stderr %s" % (p.returncode, show(p.stderr)))
    err = p.stderr.decode()
    check("cannot write '/b_link/x.txt'" in err and "cannot write '/b_link/y.txt'" in err,
          "refusals not reported: %s" % show(err, 400))
    check("2 of 5 files not copied" in err, "no summary: %s" % show(err, 400))
    check(os.listdir(victim) == [], "wrote through the link: %r" % os.listdir(victim))
    for rel, want in (("a_first.txt", "a_first.txt"), ("z_last.txt", "z_last.txt"), ("c_dir/c.txt", "c")):
        path = os.path.join(out, rel)
        check(os.path.isfile(path), "%s not copied: %r" % (rel, sorted(os.listdir(out))))
        with open(path) as f:
            check(f.read() == want, "%s: wrong contents" % rel)

finish()
