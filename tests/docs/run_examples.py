#!/usr/bin/env python3
"""Run the examples of the documentation: every fenced code block of
README.md and docs/**/*.md, and the EXAMPLES of the man pages docs/*.1
(their .nf/.fi blocks, shell commands; markers as roff comments, .\" not
runnable: REASON, on the lines above).

    tests/docs/run_examples.py [BUILD_DIR] [--list] [FILE.md ...]

Blocks by language:
  sh, bash, shell   run with bash -e -o pipefail; must exit 0
  c                 compiled against include/mpbox.h and BUILD/libmpbox.a and
                    run; must exit 0 (a block without main() is wrapped in one,
                    its #include lines kept on top)
  python, py        run with python3 (the reader's Python), the mpbox package
                    importable from BUILD/python (python/tests/run.sh, run
                    before this by tests/run.sh, installs it there); must
                    exit 0
  output            the exact standard output of the runnable block above it
  json, text, toml, ini, http, prometheus, xml
                    data, answers, listings: never run
A block in any other language, or without one, needs a marker. Markers are
HTML comments on the line(s) right above the block:
  <!-- not runnable: REASON -->  skipped, and the reason is printed
  <!-- example: server -->       one `mpbox serve ...` command, started in the
                                 background; ready at its "listening on" line,
                                 stopped at the end of the document
  <!-- example: file=NAME -->    also saved as NAME (for C: the program as
                                 compiled) for later blocks of the document
  <!-- example: sandbox -->      Python for the sandbox: run with BUILD/mpbox -
Code indented by four spaces (an unfenced block) is refused: it cannot say
what it is.

Every document's blocks run in order in a fresh directory holding script.py
(prints a line) and tokens (one token), as one shell session: variables
set by a shell block are seen by the later ones (and by server blocks). The
build directory is first on PATH (README: `export PATH=$PWD/build:$PATH`),
pkg-config sees an install of the build staged under a directory of its own
(make install DESTDIR=...), and curl fails on an HTTP error status (a
curlrc with fail-with-body), so that an example whose request is refused
fails. 127.0.0.1:80NN in a block (the documents show 8080 or 8000) becomes
127.0.0.1:PORT, a free port.

Prints PASS/FAIL per block (SKIP with the reason for markers); exits 1 if any
failed."""
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUN_LANGS = {"sh": "sh", "bash": "sh", "shell": "sh", "c": "c", "python": "python", "py": "python"}
DATA_LANGS = {"json", "text", "toml", "ini", "http", "prometheus", "xml", "output"}
BLOCK_TIMEOUT = 180
TOKEN = "docs-example-token-0123456789"


class Block:
    def __init__(self, path, line, lang, text, markers):
        self.path, self.line, self.lang, self.text, self.markers = path, line, lang, text, markers

    def where(self):
        return "%s:%d" % (os.path.relpath(self.path, ROOT), self.line)

    def marker(self, name):
        for m in self.markers:
            if m == name or m.startswith(name + "="):
                return m.split("=", 1)[1] if "=" in m else True
        return None


def parse(path):
    """(blocks, problems) of one markdown file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, problems = [], []
    i, in_list, prev_blank = 0, False, True
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^(\s*)(```+|~~~+)\s*([\w+-]*)\s*$", line)
        if m:
            indent, fence, lang = m.group(1), m.group(2), m.group(3).lower()
            markers, j = [], i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            while j >= 0 and re.match(r"^\s*<!--.*-->\s*$", lines[j]):
                c = re.match(r"^\s*<!--\s*(.*?)\s*-->\s*$", lines[j]).group(1)
                if c.startswith("not runnable:"):
                    markers.append("not-runnable=" + c[len("not runnable:"):].strip())
                elif c.startswith("example:"):
                    markers += c[len("example:"):].split()
                j -= 1
            start = i + 1
            i += 1
            while i < len(lines) and not re.match(r"^\s*%s\s*$" % re.escape(fence), lines[i]):
                i += 1
            body = [b[len(indent):] if b.startswith(indent) else b.lstrip() for b in lines[start:i]]
            blocks.append(Block(path, start, lang, "\n".join(body) + "\n", markers))
            i += 1
            prev_blank = False
            continue
        stripped = line.strip()
        if re.match(r"^\s*([-*+]|\d+[.)])\s", line):
            in_list = True
        elif stripped and not line.startswith(" "):
            in_list = False
        if line.startswith("    ") and stripped and prev_blank and not in_list:
            problems.append("%s:%d: code indented by four spaces: use a fenced block with a language "
                            "(tests/docs/run_examples.py)" % (os.path.relpath(path, ROOT), i + 1))
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                i += 1
            prev_blank = True
            continue
        prev_blank = not stripped
        i += 1
    return blocks, problems


def roff_text(line):
    return line.replace("\\-", "-").replace("\\e", "\\").replace("\\(em", "-")


def parse_man(path):
    """(blocks, problems) of a man page: the .nf/.fi blocks of EXAMPLES."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, section, markers = [], None, []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
            markers = []
        elif line.startswith('.\\"'):
            c = line[3:].strip()
            if c.startswith("not runnable:"):
                markers.append("not-runnable=" + c[len("not runnable:"):].strip())
            elif c.startswith("example:"):
                markers += c[len("example:"):].split()
        elif line == ".nf" and section == "EXAMPLES":
            start = i + 1
            while i < len(lines) and lines[i] != ".fi":
                i += 1
            blocks.append(Block(path, start + 1, "sh", "\n".join(roff_text(b) for b in lines[start:i]) + "\n",
                                markers))
            markers = []
        elif not line.startswith(".") and line.strip():
            markers = []
        i += 1
    return blocks, []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wrap_c(text):
    if re.search(r"\bint\s+main\s*\(", text):
        return text
    includes = [line for line in text.split("\n") if line.startswith("#include")]
    body = [line for line in text.split("\n") if not line.startswith("#include")]
    for h in ("<mpbox.h>", "<stdio.h>", "<string.h>", "<stdlib.h>"):
        if "#include " + h not in includes:
            includes.append("#include " + h)
    return "\n".join(includes) + "\n\nint main(void)\n{\n" + "\n".join("    " + b for b in body) + \
        "\n    return 0;\n}\n"


class Document:
    def __init__(self, path, build, stage):
        self.path, self.build = path, build
        self.dir = tempfile.mkdtemp(prefix="mpbox-doc-")
        self.port = free_port()
        self.servers = []
        self.last_stdout = None
        with open(os.path.join(self.dir, "script.py"), "w") as f:
            f.write('print("hello from script.py")\n')
        with open(os.path.join(self.dir, "tokens"), "w") as f:
            f.write(TOKEN + "\n")
        self.home = tempfile.mkdtemp(prefix="mpbox-doc-home-")
        with open(os.path.join(self.home, ".curlrc"), "w") as f:
            f.write("fail-with-body\nshow-error\n")
        self.state = os.path.join(self.home, "shell-state")
        libdir = os.path.join(stage, "usr", "local", "lib")
        self.env = dict(os.environ, PATH=build + os.pathsep + os.environ.get("PATH", ""), CURL_HOME=self.home,
                        PKG_CONFIG_PATH=os.path.join(libdir, "pkgconfig"), PKG_CONFIG_SYSROOT_DIR=stage,
                        LD_LIBRARY_PATH=libdir)

    def shell(self, text, run_in_background=False):
        """bash arguments that run text after the variables of the blocks
        before it, and keep its own for the blocks after it."""
        keep = ('for v in $(compgen -v); do case " $base " in *" $v "*) ;; *) declare -p "$v";; esac; '
                'done > "$MPBOX_DOC_STATE"')
        script = ('base=" $(compgen -v | tr "\\n" " ") base "\n'
                  '[ -f "$MPBOX_DOC_STATE" ] && . "$MPBOX_DOC_STATE"\n'
                  'set -e -o pipefail\n')
        script += ("exec " + text) if run_in_background else (text + "\n" + keep + "\n")
        self.env["MPBOX_DOC_STATE"] = self.state
        return ["bash", "-c", script]

    def local(self, text):
        return re.sub(r"127\.0\.0\.1:80\d\d\b", "127.0.0.1:%d" % self.port, text)

    def run(self, args, stdin=b""):
        return subprocess.run(args, cwd=self.dir, env=self.env, input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=BLOCK_TIMEOUT)

    def start_server(self, b):
        cmd = self.local(b.text).strip()
        if not re.match(r"^mpbox serve\b", cmd) or "\n" in cmd.replace("\\\n", ""):
            return "an 'example: server' block must be one mpbox serve command"
        p = subprocess.Popen(self.shell(cmd, run_in_background=True), cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.servers.append(p)
        deadline = time.monotonic() + 30
        seen = b""
        while time.monotonic() < deadline:
            line = p.stderr.readline()
            seen += line
            if b"listening on http://" in line:
                return None
            if not line and p.poll() is not None:
                break
        return "the server did not start: %r" % seen[-400:]

    def close(self):
        for p in self.servers:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)

    def execute(self, b):
        """None when the block passed, else why not."""
        lang = RUN_LANGS[b.lang] if b.lang in RUN_LANGS else None
        if b.marker("server"):
            return self.start_server(b)
        if b.marker("sandbox"):
            lang = "sandbox"
        save = b.marker("file")
        if lang == "sh":
            p = self.run(self.shell(self.local(b.text)))
        elif lang == "sandbox":
            p = self.run([os.path.join(self.build, "mpbox"), "-"], stdin=b.text.encode())
        elif lang == "python":
            package = os.path.join(self.build, "python")
            if re.search(r"^\s*(import|from)\s+mpbox\b", b.text, re.M) and not os.path.isdir(package):
                return "the Python package is not built: python/tests/run.sh %s installs it in %s" % (
                    self.build, package)
            env = dict(self.env, PYTHONPATH=package, PYTHONDONTWRITEBYTECODE="1")
            p = subprocess.run(["python3", "-"], cwd=self.dir, env=env, input=b.text.encode(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=BLOCK_TIMEOUT)
        elif lang == "c":
            src = os.path.join(self.dir, save if save else "example.c")
            with open(src, "w") as f:
                f.write(wrap_c(b.text))
            exe = os.path.join(self.dir, "example")
            p = self.run(["cc", "-std=c11", "-Wall", "-Werror", "-I", os.path.join(ROOT, "include"), "-o", exe, src,
                          os.path.join(self.build, "libmpbox.a"), "-lsqlite3", "-lpthread", "-lm"])
            if p.returncode == 0:
                p = self.run([exe])
            save = None
        else:
            return "no way to run a '%s' block" % b.lang
        if save:
            with open(os.path.join(self.dir, save), "w") as f:
                f.write(b.text)
        self.last_stdout = p.stdout
        if p.returncode != 0:
            return "exit status %d: %r" % (p.returncode, (p.stdout[-300:] + p.stderr[-600:]).decode("utf-8",
                                                                                                     "replace"))
        return None


def stage_install(build, stage):
    p = subprocess.run(["make", "-s", "-C", ROOT, "BUILD=" + build, "PREFIX=/usr/local", "DESTDIR=" + stage,
                        "install"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if p.returncode != 0:
        print("FAIL staged_install: %s" % p.stderr.decode()[-500:])
        sys.exit(1)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    listing = "--list" in sys.argv
    build = os.path.abspath(args[0] if args else os.path.join(ROOT, "build"))
    files = [os.path.abspath(a) for a in args[1:]] or \
        [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True)) \
        + sorted(glob.glob(os.path.join(ROOT, "docs", "*.[1-8]")))
    failed = 0
    stage = tempfile.mkdtemp(prefix="mpbox-doc-stage-")
    try:
        if not listing:
            stage_install(build, stage)
        for path in files:
            blocks, problems = parse_man(path) if re.search(r"\.[1-8]$", path) else parse(path)
            for problem in problems:
                print("FAIL " + problem)
                failed += 1
            doc = None if listing else Document(path, build, stage)
            try:
                for k, b in enumerate(blocks):
                    reason = b.marker("not-runnable")
                    kind = "server" if b.marker("server") else RUN_LANGS.get(b.lang)
                    if b.marker("sandbox"):
                        kind = "sandbox"
                    if listing:
                        print("%-28s %-8s %s" % (b.where(), "skip" if reason else kind or b.lang or "-",
                                                 reason or b.text.split("\n")[0][:70]))
                        continue
                    if reason is True or reason == "":
                        print("FAIL %s: a not-runnable marker needs a reason" % b.where())
                        failed += 1
                    elif reason:
                        print("SKIP %s: not runnable: %s" % (b.where(), reason))
                    elif b.lang == "output":
                        prev = blocks[k - 1] if k else None
                        if not prev or doc.last_stdout is None:
                            print("FAIL %s: an output block must follow a block that ran" % b.where())
                            failed += 1
                        elif doc.last_stdout.decode("utf-8", "replace").rstrip() != b.text.rstrip():
                            print("FAIL %s: the block above printed %r" % (b.where(), doc.last_stdout[-400:]))
                            failed += 1
                        else:
                            print("PASS %s" % b.where())
                    elif b.lang in DATA_LANGS and not kind:
                        continue
                    elif not kind:
                        print("FAIL %s: a '%s' block is neither run nor marked (add a language this runner knows, "
                              "or <!-- not runnable: REASON -->)" % (b.where(), b.lang or "plain"))
                        failed += 1
                    else:
                        try:
                            why = doc.execute(b)
                        except subprocess.TimeoutExpired:
                            why = "did not finish in %d s" % BLOCK_TIMEOUT
                        if why:
                            print("FAIL %s: %s" % (b.where(), why))
                            failed += 1
                        else:
                            print("PASS %s" % b.where())
            finally:
                if doc:
                    doc.close()
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    sys.exit(1 if failed else 0)


main()
