"""The build-time table of guest function names (tools/guestmap.c) and the
profiler filter that uses it (tools/perf_names.py):

- every row names a function defined in build/guest/guest.c with the
  parameter count the module gives it, and the hot interpreter functions
  are there;
- the names are the functions': mp_execute_bytecode is the function that
  holds the text only it raises, mp_map_lookup the one that calls the
  host's map lookup (checked on the C text, independently of the tool);
- the tool refuses a module its facts do not match (the unrewritten guest,
  which has no env.mpbox_map_lookup import) instead of guessing;
- the filter adds the names to perf-style lines and passes others through.

A sanitizer build shares the normal build's guest directory and table.
"""
import os
import re
import subprocess
import sys

from clitest import MPBOX, ROOT, case, check, finish, show

BUILD = os.path.dirname(MPBOX)
# a sanitizer build (build-asan) shares the normal build's guest directory
GUEST = next(d for d in (os.path.join(BUILD, "guest"), os.path.join(ROOT, "build", "guest"))
             if os.path.exists(os.path.join(d, "guest-map.tsv")))
MAP = os.path.join(GUEST, "guest-map.tsv")
C_TEXT = open(os.path.join(GUEST, "guest.c"), encoding="utf-8", errors="replace").read()


def rows():
    out = []
    with open(MAP, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cname, name, params, how = line.rstrip("\n").split("\t")
            out.append((cname, name, int(params), how))
    return out


def definition(cname):
    """The parameter list of cname's definition in guest.c, or None."""
    m = re.search(r"^static \w+ %s\(Z_micropython_instance_t\* instance([^)]*)\) \{$" % re.escape(cname),
                  C_TEXT, re.M)
    return m.group(1) if m else None


def body(cname):
    start = C_TEXT.index("%s(Z_micropython_instance_t* instance" % cname)
    start = C_TEXT.index("{\n", start)
    return C_TEXT[start:C_TEXT.index("\n}\n", start)]


@case
def test_rows_are_defined_functions():
    r = rows()
    check(len(r) >= 30, "only %d rows" % len(r))
    for cname, name, params, _ in r:
        args = definition(cname)
        check(args is not None, "%s (%s) is not defined in guest.c" % (cname, name))
        check(args.count(",") == params, "%s: %d parameters in guest.c, %d in the table" % (
            cname, args.count(","), params))
    names = [n for _, n, _, _ in r]
    for want in ("mp_execute_bytecode", "mp_map_lookup", "mp_binary_op", "mp_unary_op", "mp_getiter"):
        check(want in names, "%s missing" % want)
    check(len(set(c for c, _, _, _ in r)) == len(r), "a C function named twice")


@case
def test_names_are_right():
    by_name = {n: c for c, n, _, _ in rows()}
    exec_body = body(by_name["mp_execute_bytecode"])
    lookup_body = body(by_name["mp_map_lookup"])
    check("Z_envZ_mpbox_map_lookup" in lookup_body, "mp_map_lookup does not call the host lookup")
    others = [c for c, n, _, _ in rows() if n != "mp_map_lookup"]
    check(all("Z_envZ_mpbox_map_lookup" not in body(c) for c in others), "another row calls the host lookup")
    check(len(exec_body) > 20000, "mp_execute_bytecode is only %d characters of C" % len(exec_body))


@case
def test_refuses_a_module_that_does_not_match():
    tool = os.path.join(GUEST, "guestmap")
    original = os.path.join(GUEST, "micropython.wasm")
    out = os.path.join(GUEST, "guest-map-mismatch.tsv")
    p = subprocess.run([tool, original, os.path.join(GUEST, "guest.c"), out], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    check(p.returncode != 0, "accepted the unrewritten guest: %s" % show(p.stderr))
    check(b"does not match" in p.stderr, "stderr %s" % show(p.stderr))
    if os.path.exists(out):
        os.unlink(out)


@case
def test_perf_names_filter():
    r = rows()
    cname, name = r[0][0], r[0][1]
    lines = ("    7.82%%  mpbox  mpbox  [.] %s\n"
             "    1.00%%  mpbox  mpbox  [.] %s.part.0\n"
             "    6.84%%  mpbox  mpbox  [.] find\n"
             "    0.50%%  mpbox  mpbox  [.] w2c_f999999\n") % (cname, cname)
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "perf_names.py"), "--map", MAP],
                       input=lines.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 0, show(p.stderr))
    got = p.stdout.decode().splitlines()
    check(got[0].endswith("%s[%s]" % (cname, name)), show(got[0]))
    check(got[1].endswith("%s[%s].part.0" % (cname, name)), show(got[1]))
    check(got[2].endswith("find") and got[3].endswith("w2c_f999999"), show(got[2:]))
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "perf_names.py"), "--map",
                        os.path.join(GUEST, "no-such-map.tsv")], input=b"", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=20)
    check(p.returncode == 2 and b"cannot read" in p.stderr, show(p.stderr))


finish()
