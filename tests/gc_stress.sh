#!/bin/sh
# Collection stress (make test-gc-stress): BUILD holds the mpbox command
# built with GC_STRESS=1 (a garbage collection before every allocation) and
# the sanitizers. Under it, the collection and fuel unit tests must pass,
# programs that keep objects only in C code of the guest
# (tests/gc_stress/) and a subset of the compatibility tests must give
# CPython's output, and a slice of the compatibility corpus must end as it
# does in the normal build NORMAL (same status for every program): a live
# object freed by a collection would be reused by the very next allocation.
# The subset keeps the run to minutes (each allocation costs a whole
# collection). With MPBOX_MPY_TESTS set to a checkout of MicroPython's
# tests/ folder (not available in CI), its basics, micropython, misc, float
# and unicode tests must also end as in NORMAL (tests/conformance/run.py).
# Usage: tests/gc_stress.sh BUILD_DIR [NORMAL_BUILD_DIR]
set -u
build=${1:-build-gcstress}
normal=${2:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
mpbox="$root/$build/mpbox"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
echo "== gc_stress"

# The build really collects before every allocation.
got=$("$mpbox" -c 'import gc; print(gc.threshold())' 2>&1)
if [ "$got" = 0 ]; then echo "PASS gc_stress_build"; else echo "FAIL gc_stress_build: gc.threshold() is $got"; status=1; fi

# The collection tests (tests/unit/test_gc.c, their work scaled down under
# stress) and fuel exactness (tests/unit/test_fuel_exact.c runs its small
# programs in this build) when every allocation collects.
for t in test_gc test_fuel_exact; do
    if "$root/$build/tests/$t" >"$tmp/$t.out" 2>&1; then
        echo "PASS gc_stress_${t#test_}"
    else
        echo "FAIL gc_stress_${t#test_}"
        sed 's/^/    /' "$tmp/$t.out"
        status=1
    fi
done

for t in "$root"/tests/gc_stress/*.py; do
    name=gc_stress_$(basename "$t" .py)
    want=$(cd "$root" && python3 "$t" 2>&1)
    got=$(cd "$root" && "$mpbox" --timeout 300 "$t" 2>&1)
    if [ "$got" = "$want" ]; then
        echo "PASS $name"
    else
        echo "FAIL $name: output differs from CPython's"
        printf '%s\n' "$got" | tail -5 | sed 's/^/    /'
        status=1
    fi
done

# Compatibility modules against CPython (their own longer timeout, also for
# the runner: a loaded machine takes over a minute for some). call_errors:
# under stress it showed the library reading a closure it no longer held.
wrapper="$tmp/mpbox"
printf '#!/bin/sh\nexec "%s" --timeout 300 "$@"\n' "$mpbox" >"$wrapper"
chmod +x "$wrapper"
MPBOX_COMPAT_TIMEOUT=300 PYTHONDONTWRITEBYTECODE=1 python3 "$root/tests/compat/run.py" "$wrapper" \
    bisect heapq json functools operator string textwrap __future__ abc_numbers graphlib int_methods \
    slices str_methods sort call_errors || status=1

# The outcome of every name in two result files (JSON: a list of records
# at KEY) must be the same.
same_outcomes() { # TEST NORMAL.json STRESS.json KEY NAME_FIELD STATUS_PATH
    python3 - "$@" <<'EOF'
import json, sys
test, a, b, key, name_field, path = sys.argv[1:]
def outcomes(f):
    out = {}
    for r in json.load(open(f))[key]:
        v = r
        for p in path.split("."):
            v = v[p]
        out[r[name_field]] = v
    return out
normal, stress = outcomes(a), outcomes(b)
diff = sorted(n for n in normal if stress.get(n) != normal[n])
if diff:
    print("FAIL %s: %d of %d end otherwise under stress" % (test, len(diff), len(normal)))
    for n in diff:
        print("    %s: %s, normally %s" % (n, stress.get(n), normal[n]))
    sys.exit(1)
print("PASS %s (%d programs)" % (test, len(normal)))
EOF
}

# A slice of the corpus of agent-style programs, by name prefix: programs
# 01-09, 30-49, 60-79 and the agent tasks 300-319 (69 programs). Spelled
# out so that programs added later do not grow the slice unseen; 324 is left
# out on purpose: its fib(30) recurses through a counting wrapper 1.6 million
# times, a collection before each allocation, hours under stress.
corpus="$root/tests/compat/corpus_run.py"
slice=0,30,31,32_,33_,34_,35_,36_,37_,38_,39_,4,6,7
if [ -x "$root/$normal/mpbox" ]; then
    { python3 "$corpus" "$root/$normal/mpbox" --only $slice --json "$tmp/corpus-normal.json" >/dev/null &&
        MPBOX_CORPUS_TIMEOUT=300 python3 "$corpus" "$wrapper" --only $slice --json "$tmp/corpus-stress.json" >/dev/null &&
        same_outcomes gc_stress_corpus "$tmp/corpus-normal.json" "$tmp/corpus-stress.json" results program \
            status; } || status=1
else
    echo "FAIL gc_stress_corpus: no normal build at $normal (make first)"
    status=1
fi

# MicroPython's own tests, when a checkout is at hand.
if [ -n "${MPBOX_MPY_TESTS:-}" ]; then
    conf="$root/tests/conformance/run.py"
    dirs=basics,micropython,misc,float,unicode
    slow=float_format_accuracy # over 5 minutes when every allocation collects
    { python3 "$conf" --tests "$MPBOX_MPY_TESTS" --mpbox "$root/$normal/mpbox" --dirs $dirs -e $slow --jobs 2 -q \
        --out "$tmp/mpy-normal.json" >/dev/null &&
        python3 "$conf" --tests "$MPBOX_MPY_TESTS" --mpbox "$wrapper" --timeout 300 --dirs $dirs -e $slow --jobs 2 \
            -q --out "$tmp/mpy-stress.json" >/dev/null &&
        same_outcomes gc_stress_micropython_tests "$tmp/mpy-normal.json" "$tmp/mpy-stress.json" results test \
            mpbox.status; } || status=1
fi
exit $status
