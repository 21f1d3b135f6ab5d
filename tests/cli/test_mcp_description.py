#!/usr/bin/env python3
"""The MCP tool description says only what is true of this build: every
module it names as available imports in the sandbox, every one it names as
missing does not, and every difference it calls silent still shows
(app/mcpcore.c). When a test here fails, change the description."""
import json
import re

from clitest import case, check, finish, require_binary, run, show

require_binary()

# One probe per silent difference the description states: a program whose
# output is "holds" while the difference is still there.
PROBES = {
    "sets of floats or tuples iterate in another order than CPython's":
        "print('holds' if str({(1, 2), (3, 4), (5, 6), (7, 8)}) != '{(1, 2), (3, 4), (7, 8), (5, 6)}' else 'gone')",
    "obj.__dict__ and vars(obj) are read-only copies":
        "class A:\n    pass\na = A()\ntry:\n    vars(a)['x'] = 1\n    print('holds' if not hasattr(a, 'x') else 'gone')\n"
        "except TypeError:\n    print('holds')\n",
}


def description():
    msgs = [{"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                        "clientInfo": {"name": "test", "version": "1"}}},
            {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}]
    p = run("mcp", stdin=("\n".join(json.dumps(m) for m in msgs) + "\n").encode())
    replies = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    return [r for r in replies if r.get("id") == 2][0]["result"]["tools"][0]["description"]


def listed(desc, head):
    m = re.search(re.escape(head) + r" (.*?)\.(?: |\n|$)", desc)
    check(m, "no '%s' list in: %s" % (head, show(desc)))
    return [re.sub(r" \(.*\)$", "", x.strip()) for x in m.group(1).split(",")]


DESC = description()


@case
def test_available_modules_import():
    names = listed(DESC, "Standard modules available:")
    check(len(names) > 40, show(names))
    prog = "import json\nout = {}\nfor n in %r:\n    try:\n        __import__(n)\n        out[n] = 1\n" \
           "    except ImportError as e:\n        out[n] = str(e)\nprint(json.dumps(out))\n" % (names,)
    p = run("-c", prog)
    res = json.loads(p.stdout)
    bad = {n: v for n, v in res.items() if v != 1}
    check(not bad, "named available but do not import: %s" % bad)


@case
def test_library_modules_are_named():
    # every public module of the compatibility library (lib/python) is in
    # the list, so that a module added there cannot be left out of it
    import os
    from clitest import ROOT
    names = set(listed(DESC, "Standard modules available:"))
    lib = os.path.join(ROOT, "lib", "python")
    ours = set()
    for entry in os.listdir(lib):
        base = entry[:-3] if entry.endswith(".py") else entry
        if base.startswith("_") or not (entry.endswith(".py") or os.path.isdir(os.path.join(lib, entry))):
            continue
        if os.path.isdir(os.path.join(lib, entry)) and base not in names:
            # a package named by its submodules only (urllib: urllib.parse)
            subs = [base + "." + s[:-3] for s in os.listdir(os.path.join(lib, entry))
                    if s.endswith(".py") and not s.startswith("_")]
            ours.update(subs)
            continue
        ours.add(base)
    missing = sorted(ours - names - {"typing_extensions"})
    check(not missing, "library modules the description does not name: %s" % missing)


@case
def test_missing_modules_do_not_import():
    names = listed(DESC, "Not available:")
    check(len(names) > 10, show(names))
    prog = "out = []\nfor n in %r:\n    try:\n        __import__(n)\n        out.append(n)\n" \
           "    except ImportError:\n        pass\nprint(out)\n" % (names,)
    p = run("-c", prog)
    check(p.stdout.strip() == b"[]", "named missing but import: %s" % show(p.stdout))


@case
def test_silent_differences_still_hold():
    m = re.search(r"Differences that raise no error: (.*?)\. ", DESC)
    check(m, show(DESC))
    claims = [c.strip() for c in m.group(1).split(";")]
    for claim in claims:
        key = re.sub(r" \(.*\)$", "", claim)
        check(key in PROBES, "no probe for the claimed difference %r" % key)
        p = run("-c", PROBES[key])
        check(p.stdout.strip() == b"holds", "%r no longer holds (%s): update the description"
              % (key, show(p.stdout + p.stderr)))


finish()
