#!/usr/bin/env python3
"""What the Python package adds per run: the same workloads through
`import mpbox` and through the C API (bench/python_bench.c), in one run.

    bench/python_bench.py [--iters N] [--rounds N]

Needs a build (`make`) and the package importable: installed, or built
here with `python3 python/mpbox_build.py build/python` (the script does that
when mpbox cannot be imported, and uses build/python). Compiles
build/bench/python_bench from bench/python_bench.c and build/libmpbox.a.

Rounds alternate C and Python (each round: every workload N times, median),
so that a change in machine load hits both; the report gives, per workload,
the median over rounds of each side, the difference (the package's
overhead) and the ratio. The machine should be otherwise idle; the load
average at the start is printed. The target: within 10 µs of C.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))


def c_bench(iters):
    exe = os.path.join(BUILD, "bench", "python_bench")
    src = os.path.join(ROOT, "bench", "python_bench.c")
    lib = os.path.join(BUILD, "libmpbox.a")
    if not os.path.exists(exe) or os.path.getmtime(exe) < max(os.path.getmtime(src), os.path.getmtime(lib)):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        subprocess.run(["cc", "-std=c11", "-O2", "-I" + os.path.join(ROOT, "include"), src, lib,
                        "-lsqlite3", "-lpthread", "-lm", "-o", exe], check=True)
    out = subprocess.run([exe, str(iters)], check=True, capture_output=True, text=True).stdout
    return {name: float(v) for name, v in (line.split() for line in out.splitlines())}


def import_mpbox():
    try:
        import mpbox
        return mpbox
    except ImportError:
        pass
    target = os.path.join(BUILD, "python")
    if not os.path.isdir(os.path.join(target, "mpbox")):
        subprocess.run([sys.executable, os.path.join(ROOT, "python", "mpbox_build.py"), target], check=True)
    sys.path.insert(0, target)
    import mpbox
    return mpbox


def py_bench(mpbox, iters):
    def median_us(fn):
        t = []
        for _ in range(iters):
            a = time.perf_counter()
            fn()
            t.append(time.perf_counter() - a)
        return statistics.median(t) * 1e6

    s = mpbox.Session(host_functions={"noop": lambda: None})
    run = s.run
    median_us(lambda: mpbox.run("print(1+1)"))  # warm-up
    out = {
        "oneshot": median_us(lambda: mpbox.run("print(1+1)")),
        "run_pass": median_us(lambda: run("pass")),
        "run_print": median_us(lambda: run("print(1+1)").stdout),
        "host_call": median_us(lambda: run("noop()")),
    }
    s.close()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iters", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    mpbox = import_mpbox()
    load = os.getloadavg()[0]
    c_rounds, py_rounds = [], []
    for i in range(args.rounds):
        c_rounds.append(c_bench(args.iters))
        py_rounds.append(py_bench(mpbox, args.iters))
        print(f"round {i + 1}/{args.rounds}", file=sys.stderr)
    rows = [
        ("oneshot", "`mpbox.run('print(1+1)')` vs session new + run + free"),
        ("run_pass", "`session.run('pass')` in a warm session"),
        ("run_print", "`session.run('print(1+1)').stdout`"),
        ("host_call", "`session.run('noop()')`, one host function call"),
    ]
    print(f"Python {sys.version.split()[0]} ({sys.executable}), mpbox {mpbox.VERSION}, "
          f"{args.rounds} rounds x {args.iters} runs, load average {load:.2f} at the start")
    print()
    print("| workload | C p50 µs | Python p50 µs | overhead µs | Python/C |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for key, label in rows:
        c = statistics.median(r[key] for r in c_rounds)
        p = statistics.median(r[key] for r in py_rounds)
        worst = max(worst, p - c)
        print(f"| {label} | {c:.2f} | {p:.2f} | {p - c:+.2f} | {p / c:.2f} |")
    print()
    print(f"Target: within 10 µs of C per run -- largest overhead {worst:.2f} µs: "
          f"{'met' if worst <= 10 else 'NOT met'}.")


if __name__ == "__main__":
    main()
