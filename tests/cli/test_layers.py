"""The layering of the source folders (tools/check_layers.py): the tree as
it is passes, and each kind of breach in a copy of the tree is reported
with its file and line: an upward include, a circle between headers, a
relative path, a header name two folders share.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from clitest import ROOT, case, check, finish, show

CHECKER = os.path.join(ROOT, "tools", "check_layers.py")
FOLDERS = ["util", "rt", "host", "core", "include", "app", "cli", "server", "cmd", "guest"]


def run_checker(root):
    return subprocess.run([sys.executable, CHECKER, root], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)


def with_copy(edit):
    """Run the checker on a copy of the source folders after edit(root)."""
    tmp = tempfile.mkdtemp(prefix="mpbox-layers-")
    try:
        for f in FOLDERS:
            shutil.copytree(os.path.join(ROOT, f), os.path.join(tmp, f))
        edit(tmp)
        return run_checker(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def append(root, path, text):
    with open(os.path.join(root, path), "a") as f:
        f.write(text)


def refused(p, *needles):
    err = p.stderr.decode(errors="replace")
    check(p.returncode == 1, "exit status %d, stderr: %s" % (p.returncode, show(err)))
    for n in needles:
        check(n in err, "%r not in: %s" % (n, show(err, 600)))


@case
def test_tree_is_layered():
    p = run_checker(ROOT)
    check(p.returncode == 0, "problems: %s" % show(p.stderr.decode(errors="replace"), 2000))


@case
def test_upward_include_refused():
    # util/ is the bottom layer; app/mcp.h is above it
    p = with_copy(lambda r: append(r, "util/buf.c", '#include "mcp.h"\n'))
    refused(p, 'util/buf.c:', 'util/ may not include app/')


@case
def test_server_may_not_include_cli():
    p = with_copy(lambda r: append(r, "server/serve.c", '#include "cli.h"\n'))
    refused(p, 'server/serve.c:', 'server/ may not include cli/')


@case
def test_cli_may_not_include_library_internals():
    p = with_copy(lambda r: append(r, "cli/run.c", '#include "core.h"\n'))
    refused(p, 'cli/run.c:', 'cli/ may not include core/')


@case
def test_circle_between_headers_refused():
    def edit(r):
        append(r, "util/buf.h", '#include "json.h"\n')  # json.h already includes buf.h
    p = with_copy(edit)
    refused(p, "circular include:", "util/buf.h", "util/json.h")


@case
def test_relative_path_refused():
    p = with_copy(lambda r: append(r, "server/http.c", '#include "../cli/cli.h"\n'))
    refused(p, 'server/http.c:', 'a path')


@case
def test_shared_header_name_refused():
    def edit(r):
        shutil.copy(os.path.join(r, "app", "io.h"), os.path.join(r, "server", "io.h"))
    p = with_copy(edit)
    refused(p, "io.h", "ambiguous")


finish()
