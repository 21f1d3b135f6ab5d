#!/usr/bin/env python3
"""check_layers.py — the layering of the source folders, checked from their
#include lines (docs/architecture.md, "Layers").

Each folder may include headers from itself and from the folders listed for
it below, and from nothing else; the table is a one-way order, so an include
that breaks it is either upward or part of a circle between folders. Also
refused: relative includes ("../cli/mcp.h", which bypass the per-folder
include paths the Makefile compiles each folder with), a header name that
two folders both have (which one an include means would depend on the -I
order), and a circle of includes between headers.

The Makefile enforces the same at compile time (each folder is compiled
with the -I flags of its own layer); this script says which line is wrong
and runs in `make test` (tests/cli/test_layers.py).

Usage: tools/check_layers.py [ROOT]   exit status 0 when clean, 1 otherwise
"""
import os
import re
import sys

# folder -> the folders (layers below it) whose headers it may include
ALLOWED = {
    "util": [],
    "rt": ["util"],
    "host": ["rt", "util", "include", "guest-generated"],
    "core": ["host", "rt", "util", "include", "guest-generated"],
    "include": [],
    "app": ["util", "include"],
    "cli": ["app", "util", "include"],
    "server": ["app", "util", "include"],
    "cmd": ["cli", "server", "app", "util", "include"],
    # build-time tools that rewrite the guest: on their own
    "guest": [],
}
# Headers made at build time, and the folder they count as.
GENERATED = {"guest.h": "guest-generated"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def sources(root, folder):
    d = os.path.join(root, folder)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(folder, f) for f in os.listdir(d) if f.endswith((".c", ".h")))


def includes(root, path):
    out = []
    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                out.append((lineno, m.group(1)))
    return out


def check(root):
    errors = []
    # Where each project header lives.
    home = dict(GENERATED)
    for folder in ALLOWED:
        for path in sources(root, folder):
            if path.endswith(".h"):
                name = os.path.basename(path)
                if name in home and home[name] != folder:
                    errors.append(f"{path}: header name also in {home[name]}/: an include of it is ambiguous")
                home[name] = folder

    graph = {}  # header or source -> the project headers it includes
    for folder, allowed in ALLOWED.items():
        for path in sources(root, folder):
            graph[path] = []
            for lineno, name in includes(root, path):
                where = f"{path}:{lineno}: #include \"{name}\""
                if "/" in name:
                    errors.append(f"{where}: a path; name the header alone (the Makefile's -I flags say "
                                  f"which layers a folder sees)")
                    continue
                target = home.get(name)
                if target is None:
                    continue  # a system or third-party header (wasm-rt.h)
                if target != folder and target not in allowed:
                    errors.append(f"{where}: {folder}/ may not include {target}/ (it may include: "
                                  f"{', '.join(allowed) or 'nothing outside itself'})")
                if target in ALLOWED:
                    graph[path].append(os.path.join(target, name))

    # A circle of headers (a.h -> b.h -> a.h), within or across folders.
    state = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                circle = stack[stack.index(nxt):] + [nxt]
                errors.append("circular include: " + " -> ".join(circle))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node.endswith(".h") and node not in state:
            visit(node, [])
    return errors


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    errors = check(root)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"check_layers: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
