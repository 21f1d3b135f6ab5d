#!/bin/sh
# make install honours PREFIX and DESTDIR (mpbox.pc included), and a C
# program links against the staged install both ways the README shows:
# shared (pkg-config --libs) and static (pkg-config --static --libs).
# Usage: tests/dist/test_install.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failed=1; }

stage=$tmp/stage
prefix=/opt/mpbox-test
if make -s -C "$root" BUILD="$build" PREFIX=$prefix DESTDIR="$stage" install >"$tmp/log" 2>&1; then
    pass install_runs
else
    fail install_runs "$(tail -5 "$tmp/log")"
fi
for f in bin/mpbox lib/libmpbox.a lib/libmpbox.so lib/pkgconfig/mpbox.pc include/mpbox.h share/man/man1/mpbox.1; do
    [ -e "$stage$prefix/$f" ] || fail install_files "missing $prefix/$f"
done
[ $failed = 0 ] && pass install_files
# nothing outside DESTDIR/PREFIX
other=$(cd "$stage" && find . -type f -o -type l | grep -v "^\./opt/mpbox-test/" || true)
[ -z "$other" ] && pass install_only_below_prefix || fail install_only_below_prefix "$other"

version=$(sed -n 's/^#define MPBOX_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\)$/\2/p' "$root/include/mpbox.h" | paste -sd.)
soname=$(objdump -p "$stage$prefix/lib/libmpbox.so" 2>/dev/null | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libmpbox.so.${version%%.*}" ] && [ -e "$stage$prefix/lib/$soname" ] &&
    pass shared_library_soname || fail shared_library_soname "SONAME '$soname', version $version"

export PKG_CONFIG_PATH="$stage$prefix/lib/pkgconfig"
pcprefix=$(pkg-config --variable=prefix mpbox)
[ "$pcprefix" = "$prefix" ] && pass pc_prefix || fail pc_prefix "prefix=$pcprefix"
[ "$(pkg-config --modversion mpbox)" = "$version" ] && pass pc_version || fail pc_version "$(pkg-config --modversion mpbox) != $version"
cli_version=$("$stage$prefix/bin/mpbox" --version | head -1)
[ "$cli_version" = "mpbox $version" ] && pass cli_version || fail cli_version "'$cli_version' != 'mpbox $version'"
case " $(pkg-config --static --libs mpbox) " in
*" -lsqlite3 "*) pass pc_static_libs ;;
*) fail pc_static_libs "$(pkg-config --static --libs mpbox)" ;;
esac

# A program using the library, linked from the staged tree (the library
# lives under DESTDIR, so -I/-L are redirected there with pkg-config's
# sysroot variable).
cat >"$tmp/hello.c" <<'C'
#include <mpbox.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    mpbox_runtime *rt;
    mpbox_session *s;
    mpbox_result *r;
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_session_new(rt, &s) != MPBOX_OK)
        return 1;
    if (mpbox_run(s, "print(6 * 7)", 12, &r) != MPBOX_OK)
        return 1;
    printf("%s %s %s", mpbox_libversion(), mpbox_status_name(mpbox_result_status(r)), mpbox_result_stdout(r, NULL));
    mpbox_result_free(r);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
    return 0;
}
C
export PKG_CONFIG_SYSROOT_DIR="$stage"
if cc -o "$tmp/hello_shared" "$tmp/hello.c" $(pkg-config --cflags --libs mpbox) 2>"$tmp/cc.log"; then
    out=$(LD_LIBRARY_PATH="$stage$prefix/lib" "$tmp/hello_shared")
    [ "$out" = "$version ok 42" ] && pass link_shared || fail link_shared "output '$out'"
else
    fail link_shared "$(cat "$tmp/cc.log")"
fi
# Static, as README shows: every library the static archive needs comes
# from pkg-config --static (sqlite3 through Requires.private).
if cc -static -o "$tmp/hello_static" "$tmp/hello.c" $(pkg-config --cflags --static --libs mpbox) >"$tmp/cc.log" 2>&1; then
    out=$("$tmp/hello_static")
    if objdump -p "$tmp/hello_static" | grep -q NEEDED; then
        fail link_static "not a static executable"
    else
        [ "$out" = "$version ok 42" ] && pass link_static || fail link_static "output '$out'"
    fi
else
    fail link_static "$(grep -v dlopen "$tmp/cc.log")"
fi

make -s -C "$root" BUILD="$build" PREFIX=$prefix DESTDIR="$stage" uninstall >/dev/null 2>&1
left=$(find "$stage" -type f -o -type l)
[ -z "$left" ] && pass uninstall || fail uninstall "$left"
exit $failed
