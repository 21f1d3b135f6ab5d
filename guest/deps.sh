#!/bin/sh
# Check the build and test dependencies (Debian 12 package names). As root,
# install what is missing with apt-get; otherwise say exactly what to install.
#
#   guest/deps.sh          build dependencies
#   guest/deps.sh test     build + test dependencies
#
# MPBOX_DEPS_HIDE="pkg ..." makes the check treat those packages as missing
# and install nothing (it prints the install line and fails), so that the
# build's stop at this check can be tested on a machine that has them all
# (tests/cli/test_build.py).
set -eu

hidden=" ${MPBOX_DEPS_HIDE:-} "
is_hidden() { case "$hidden" in *" $1 "*) return 0 ;; esac; return 1; }
need_cmd() { { ! is_hidden "$2" && command -v "$1" >/dev/null 2>&1; } || missing="$missing $2"; }
need_file() { { ! is_hidden "$2" && [ -e "$1" ]; } || missing="$missing $2"; }

missing=""
need_cmd cc gcc
need_cmd make make
need_cmd wasm2c wabt
need_cmd npm npm
need_cmd pkg-config pkg-config
need_file /usr/include/histedit.h libedit-dev
need_file /usr/include/wasm-rt.h wabt
# guest/fuel (FUEL=1, the default) is built against Binaryen's C API.
need_file /usr/include/binaryen-c.h binaryen
need_file /usr/include/sqlite3.h libsqlite3-dev
# zoneinfo's data, embedded into the library (Makefile, TZDIR_SRC).
need_file /usr/share/zoneinfo/tzdata.zi tzdata
# Unicode data: tables for repr() of str (Makefile, UNIDATA_SRC; tools/unidata.c)
# and the files unicodedata reads, embedded into the library.
need_file /usr/share/unicode/UnicodeData.txt unicode-data
# str's case mappings (tools/unicase.c) read its compressed Unihan numerics.
need_cmd bzcat bzip2
# `mpbox serve`: HTTP (libmicrohttpd) and the workers' syscall filter.
need_file /usr/include/microhttpd.h libmicrohttpd-dev
need_file /usr/include/seccomp.h libseccomp-dev
# `mpbox serve --store redis://...`: the Redis client
need_file /usr/include/hiredis/hiredis.h libhiredis-dev
if [ "${1:-}" = test ]; then
    need_cmd python3 python3
    need_cmd node nodejs
    need_cmd clang clang
    # The Python package (python/): Python's headers, pip to install it,
    # pytest for its tests, mypy for its type hints; checked against
    # Debian's python3.
    ls /usr/include/python3.*/Python.h >/dev/null 2>&1 || missing="$missing python3-dev"
    /usr/bin/python3 -m pip --version >/dev/null 2>&1 || missing="$missing python3-pip"
    /usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || missing="$missing python3-pytest"
    /usr/bin/python3 -c 'import mypy' >/dev/null 2>&1 || missing="$missing python3-mypy"
    # ASan/UBSan runtimes for the sanitizer run of the suite.
    need_file /usr/lib/gcc/x86_64-linux-gnu/12/libasan.so libgcc-12-dev
    # tests/dist: a fully static program (sqlite3's static libraries need
    # zlib's) and the Debian package (dpkg-gencontrol, dpkg-shlibdeps).
    need_file /usr/include/zlib.h zlib1g-dev
    # tests/docs: the examples of docs/serve.md use curl
    need_cmd curl curl
    need_cmd dpkg-gencontrol dpkg-dev
    need_cmd systemd-analyze systemd
    # tests/dist/test_deb.py checks the unit's system call filter under strace
    need_cmd strace strace
    # tests/browser: the playground page in headless Chromium
    need_cmd chromium chromium
    # tests/cli/test_serve_store.py: replicas sharing sessions through Redis
    need_cmd redis-server redis-server
fi

[ -z "$missing" ] && exit 0
# Drop duplicates, keep order.
pkgs=$(printf '%s\n' $missing | awk '!seen[$0]++' | tr '\n' ' ')
if [ -z "${MPBOX_DEPS_HIDE:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing missing Debian packages: $pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >&2
else
    echo "missing build dependencies; install them with:" >&2
    echo "    sudo apt-get install $pkgs" >&2
    exit 1
fi
