#!/bin/sh
# The Python package's tests (python/tests, pytest) against one build of the
# library, as PASS/FAIL lines for tests/run.sh's count.
#
#   python/tests/run.sh BUILD_DIR
#
# A normal build: the package is installed with the documented command
# (pip install --no-build-isolation, here with --target BUILD_DIR/python so
# that no Python installation is touched). A sanitizer build (its
# libmpbox.a has ASan symbols): the package is built with
# python/mpbox_build.py against that library with -fsanitize=address,
# undefined and the tests run with the ASan and UBSan runtimes preloaded
# (the interpreter itself is not instrumented).
#
# The interpreter: $PYTHON, else the first of python3 and /usr/bin/python3
# that has pytest, mypy and Python.h (Debian: python3-pytest, python3-mypy,
# python3-dev).
set -u
build=$(cd "${1:-build}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=$build/python

py=""
for p in ${PYTHON:-} python3 /usr/bin/python3; do
    if "$p" -c 'import os, sysconfig, pytest, mypy; assert os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' \
        >/dev/null 2>&1; then
        py=$p
        break
    fi
done
if [ -z "$py" ]; then
    echo "FAIL python_tests: no python3 with pytest, mypy and Python.h (Debian: python3-pytest python3-mypy python3-dev)"
    exit 1
fi

rm -rf "$dest"
log=$build/python-build.log
if nm "$build/libmpbox.a" 2>/dev/null | grep -q ' U __asan_init'; then
    san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
    if ! MPBOX_CFLAGS="$san" MPBOX_LDFLAGS="$san" "$py" "$root/python/mpbox_build.py" --lib "$build/libmpbox.a" \
        "$dest" >"$log" 2>&1; then
        tail -20 "$log"
        echo "FAIL python_build: python/mpbox_build.py failed (log: $log)"
        exit 1
    fi
    cc=${CC:-cc}
    preload="$($cc -print-file-name=libasan.so) $($cc -print-file-name=libubsan.so)"
    sanitized=1
else
    # The default build directory: pip's build runs `make build/libmpbox.a`
    # itself, as for a user; any other: link that directory's library.
    if [ "$build" = "$root/build" ]; then lib=""; else lib=$build/libmpbox.a; fi
    if ! MPBOX_LIB="$lib" "$py" -m pip install --no-build-isolation --no-index --no-cache-dir --target "$dest" \
        "$root/python" >"$log" 2>&1; then
        tail -20 "$log"
        echo "FAIL python_install: pip install --no-build-isolation ./python failed (log: $log)"
        exit 1
    fi
    sanitized=0
fi

# -p no:faulthandler: pytest enables faulthandler after mpbox is imported,
# which would put its SIGSEGV handler in front of the library's (see
# docs/python.md, "Signals"). -p no:cacheprovider: nothing written to the tree.
cd "$build" || exit 1
out=$build/python-tests.log
: >"$out"
tests=$root/python/tests
pytest() {
    PYTHONPATH="$dest" PYTHONDONTWRITEBYTECODE=1 "$py" -m pytest -p no:faulthandler -p no:cacheprovider -rA -q \
        "$@" >>"$out" 2>&1
}
if [ $sanitized = 1 ]; then
    # Leak checking is off: CPython keeps objects alive until exit by
    # design; test_memory.py checks that our part does not leak. Freed
    # memory sits in ASan's quarantine (up to 256 MiB), so that test runs
    # on its own without the quarantine. test_typing.py reads source text
    # only: it runs in the normal build's suite.
    asan=detect_leaks=0:allow_user_segv_handler=1:handle_segv=0:handle_sigbus=0
    export LD_PRELOAD="$preload" PYTHONMALLOC=malloc UBSAN_OPTIONS=print_stacktrace=1
    ASAN_OPTIONS=$asan pytest --ignore="$tests/test_memory.py" --ignore="$tests/test_typing.py" "$tests"
    status=$?
    ASAN_OPTIONS=$asan:quarantine_size_mb=0 pytest "$tests/test_memory.py" || status=1
    unset LD_PRELOAD
else
    pytest "$tests"
    status=$?
fi
# "PASSED path::test" / "FAILED path::test - why" -> "PASS test" / "FAIL test: why"
sed -n -e 's/^PASSED [^:]*\/\([^/:]*\)::\([^ ]*\).*/PASS \1::\2/p' \
    -e 's/^\(FAILED\|ERROR\) [^:]*\/\([^/:]*\)::\([^ ]*\)\( - \)\{0,1\}\(.*\)/FAIL \2::\3: \5/p' \
    -e 's/^\(FAILED\|ERROR\) \([^:]*\)$/FAIL \2/p' "$out"
if [ $status -ne 0 ]; then
    grep -q '^\(FAILED\|ERROR\) ' "$out" || echo "FAIL python_tests: pytest exited with status $status"
    tail -40 "$out" >&2
fi
exit $status
