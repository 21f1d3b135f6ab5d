#!/bin/sh
# Collection stress (make test-gc-stress): BUILD holds the mpbox command
# built with GC_STRESS=1 (a garbage collection before every allocation) and
# the sanitizers. Under it, programs that keep objects only in C code of the
# guest (tests/gc_stress/) and a subset of the compatibility tests must give
# CPython's output: a live object freed by a collection would be reused by
# the very next allocation. The subset keeps the run to minutes (each
# allocation costs a whole collection). Usage: tests/gc_stress.sh BUILD_DIR
set -u
build=${1:-build-gcstress}
root=$(cd "$(dirname "$0")/.." && pwd)
mpbox="$root/$build/mpbox"
status=0
echo "== gc_stress"

# The build really collects before every allocation.
got=$("$mpbox" -c 'import gc; print(gc.threshold())' 2>&1)
if [ "$got" = 0 ]; then echo "PASS gc_stress_build"; else echo "FAIL gc_stress_build: gc.threshold() is $got"; status=1; fi

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
# the runner: a loaded machine takes over a minute for some).
wrapper=$(mktemp)
trap 'rm -f "$wrapper"' EXIT
printf '#!/bin/sh\nexec "%s" --timeout 300 "$@"\n' "$mpbox" >"$wrapper"
chmod +x "$wrapper"
MPBOX_COMPAT_TIMEOUT=300 PYTHONDONTWRITEBYTECODE=1 python3 "$root/tests/compat/run.py" "$wrapper" \
    bisect heapq json functools operator string textwrap || status=1
exit $status
