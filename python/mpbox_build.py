"""Build backend (PEP 517) of the mpbox Python package, and its build helper.

pip calls build_wheel() (``python3 -m pip install --no-build-isolation
./python``). It

1. brings the C library up to date: ``make -C <checkout> build/libmpbox.a``
   (skipped when MPBOX_LIB names a library to use instead);
2. compiles python/ext/*.c against Python's headers and links the library
   statically: the extension module mpbox/_mpbox*.so needs only libc,
   libsqlite3 and libm at run time;
3. writes the wheel (the mpbox package, the extension, .dist-info) itself,
   so that nothing beyond the standard library, a C compiler and Python's
   headers (Debian: gcc, make, python3-dev) is needed to build.

Environment: MPBOX_LIB (a libmpbox.a to link; default build/libmpbox.a of
the checkout, built by make), MPBOX_INCLUDE (the directory of mpbox.h),
MPBOX_CFLAGS / MPBOX_LDFLAGS (extra flags, e.g. sanitizers), CC.

As a script, it builds the package into a directory instead of a wheel
(used by the tests, e.g. against the ASan build of the library)::

    python3 python/mpbox_build.py --lib build-asan/libmpbox.a OUT_DIR

There is no sdist: the package is built from a checkout of mpbox.
"""

import base64
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NAME = "mpbox"
# The version's one home is include/mpbox.h (MPBOX_VERSION_MAJOR/MINOR/PATCH).
with open(os.path.join(ROOT, "include", "mpbox.h"), encoding="utf-8") as _h:
    VERSION = ".".join(re.findall(r"^#define MPBOX_VERSION_(?:MAJOR|MINOR|PATCH) (\d+)$", _h.read(), re.M))
SUMMARY = ("Run untrusted Python (MicroPython 1.27 compiled to WebAssembly, translated to C) "
           "inside this process, with hard limits")


def _log(*args):
    print("mpbox_build:", *args, file=sys.stderr, flush=True)


def _library():
    """Path of the static library to link, made up to date when it is ours."""
    lib = os.environ.get("MPBOX_LIB")
    if lib:
        if not os.path.isfile(lib):
            raise RuntimeError("MPBOX_LIB=%s: no such file" % lib)
        return os.path.abspath(lib)
    lib = os.path.join(ROOT, "build", "libmpbox.a")
    if not os.path.isfile(os.path.join(ROOT, "Makefile")):
        raise RuntimeError("%s is not in an mpbox checkout and MPBOX_LIB is not set" % HERE)
    _log("make -C", ROOT, "build/libmpbox.a")
    # make's own output goes to stderr: pip shows it with -v, and stdout of
    # a build backend is not ours to use.
    proc = subprocess.run(["make", "-C", ROOT, "build/libmpbox.a"], stdout=sys.stderr, stderr=sys.stderr)
    if proc.returncode != 0 or not os.path.isfile(lib):
        raise RuntimeError("building %s failed (make exited with %d); run `make` in %s to see why"
                           % (lib, proc.returncode, ROOT))
    return lib


def _ext_suffix():
    return sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def build_extension(out_dir, lib=None):
    """Compile and link mpbox/_mpbox<EXT_SUFFIX> into out_dir/mpbox."""
    lib = lib or _library()
    include = os.environ.get("MPBOX_INCLUDE", os.path.join(ROOT, "include"))
    if not os.path.isfile(os.path.join(include, "mpbox.h")):
        raise RuntimeError("mpbox.h not found in %s (set MPBOX_INCLUDE)" % include)
    py_include = sysconfig.get_paths()["include"]
    if not os.path.isfile(os.path.join(py_include, "Python.h")):
        raise RuntimeError("Python.h not found in %s: install Python's headers (Debian: python3-dev)"
                           % py_include)
    ext_dir = os.path.join(HERE, "ext")
    sources = sorted(os.path.join(ext_dir, f) for f in os.listdir(ext_dir) if f.endswith(".c"))
    target = os.path.join(out_dir, NAME, "_mpbox" + _ext_suffix())
    os.makedirs(os.path.dirname(target), exist_ok=True)
    cc = shlex.split(os.environ.get("CC", "cc"))
    cmd = cc + [
        "-std=c11", "-D_GNU_SOURCE", "-DMPBOX_STATIC_BUILD", "-O2", "-g", "-fPIC", "-shared",
        "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers",
        "-Wno-cast-function-type",
        "-I" + include, "-I" + ext_dir, "-I" + py_include,
    ] + shlex.split(os.environ.get("MPBOX_CFLAGS", "")) + sources + [
        "-o", target, lib,
        # The library's symbols stay inside the module: only PyInit__mpbox
        # is exported.
        "-Wl,--exclude-libs,ALL",
        "-lsqlite3", "-lpthread", "-lm",
    ] + shlex.split(os.environ.get("MPBOX_LDFLAGS", ""))
    _log(" ".join(shlex.quote(c) for c in cmd))
    proc = subprocess.run(cmd, stdout=sys.stderr, stderr=sys.stderr)
    if proc.returncode != 0:
        raise RuntimeError("compiling the extension module failed")
    return target


def _package_files():
    """(path in the wheel, path on disk) of the pure-Python part."""
    top = os.path.join(HERE, NAME)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if f.endswith((".py", ".pyi", ".typed")):
                full = os.path.join(dirpath, f)
                yield os.path.relpath(full, HERE).replace(os.sep, "/"), full


def build_package(out_dir, lib=None):
    """The importable package (Python files and extension) in out_dir/mpbox."""
    for rel, full in _package_files():
        dest = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(full, dest)
    return build_extension(out_dir, lib)


def _wheel_tag():
    ver = "%d%d" % sys.version_info[:2]
    soabi = sysconfig.get_config_var("SOABI") or ""  # cpython-311-x86_64-linux-gnu
    abi = "cp" + soabi.split("-")[1] if soabi.startswith("cpython-") else "cp" + ver
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "cp%s-%s-%s" % (ver, abi, plat)


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


# ---- PEP 517 hooks ----------------------------------------------------------
def get_requires_for_build_wheel(config_settings=None):
    return []


def _dist_info():
    """(directory name, {file name: bytes}) of the wheel's .dist-info."""
    metadata = ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nRequires-Python: >=3.10\n"
                % (NAME, VERSION, SUMMARY)).encode()
    wheel = ("Wheel-Version: 1.0\nGenerator: mpbox_build\nRoot-Is-Purelib: false\nTag: %s\n"
             % _wheel_tag()).encode()
    return "%s-%s.dist-info" % (NAME, VERSION), {"METADATA": metadata, "WHEEL": wheel}


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    # Without this hook pip would build the whole wheel to read its metadata.
    name, files = _dist_info()
    os.makedirs(os.path.join(metadata_directory, name), exist_ok=True)
    for fname, data in files.items():
        with open(os.path.join(metadata_directory, name, fname), "wb") as f:
            f.write(data)
    return name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    tag = _wheel_tag()
    dist_info, info_files = _dist_info()
    metadata, wheel = info_files["METADATA"], info_files["WHEEL"]
    wheel_name = "%s-%s-%s.whl" % (NAME, VERSION, tag)
    with tempfile.TemporaryDirectory(prefix="mpbox-wheel-") as tmp:
        so = build_package(tmp)
        files = [(rel, os.path.join(tmp, rel)) for rel, _ in _package_files()]
        files.append((os.path.relpath(so, tmp).replace(os.sep, "/"), so))
        path = os.path.join(wheel_directory, wheel_name)
        records = []
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for arcname, full in files:
                with open(full, "rb") as f:
                    data = f.read()
                zf.writestr(arcname, data)
                records.append(_record_line(arcname, data))
            for arcname, data in ((dist_info + "/METADATA", metadata), (dist_info + "/WHEEL", wheel)):
                zf.writestr(arcname, data)
                records.append(_record_line(arcname, data))
            records.append(dist_info + "/RECORD,,")
            zf.writestr(dist_info + "/RECORD", "\n".join(records) + "\n")
    _log("wrote", path)
    return wheel_name


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Build the mpbox package into a directory.")
    parser.add_argument("--lib", help="the libmpbox.a to link (default: make build/libmpbox.a)")
    parser.add_argument("out_dir")
    args = parser.parse_args()
    try:
        build_package(args.out_dir, os.path.abspath(args.lib) if args.lib else None)
    except RuntimeError as e:
        sys.exit("mpbox_build: %s" % e)
