#!/usr/bin/env python3
"""Put MicroPython's function names into profiler output about the guest.

    perf report --stdio ... | tools/perf_names.py [--map FILE]
    tools/perf_names.py [--map FILE] < report.txt

The guest's functions appear as wasm2c names (w2c_f1462, w2c_mpbox_unary_op);
build/guest/guest-map.tsv, made at build time by tools/guestmap.c and
checked against the module, says which MicroPython function some of them
are. Each known name NAME becomes `NAME[micropython_name]`; anything else
passes through unchanged. --map defaults to build/guest/guest-map.tsv
($BUILD/guest/guest-map.tsv when BUILD is set). Exit status 2 when the map
cannot be read.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYMBOL = re.compile(r"\bw2c_[A-Za-z0-9_]+")


def load_map(path):
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2:
                names[fields[0]] = fields[1]
    return names


def rename(line, names):
    # a compiler clone keeps its function's name before the dot: w2c_f1452.part.0
    def sub(m):
        sym = m.group(0)
        return "%s[%s]" % (sym, names[sym]) if sym in names else sym
    return SYMBOL.sub(sub, line)


def main():
    default = os.path.join(ROOT, os.environ.get("BUILD", "build"), "guest", "guest-map.tsv")
    ap = argparse.ArgumentParser(description="name guest functions in profiler output")
    ap.add_argument("--map", default=default)
    args = ap.parse_args()
    try:
        names = load_map(args.map)
    except OSError as e:
        sys.stderr.write("perf_names: cannot read %s: %s (run make)\n" % (args.map, e.strerror))
        return 2
    for line in sys.stdin:
        sys.stdout.write(rename(line, names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
