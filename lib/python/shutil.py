# shutil for mpbox, written from the CPython 3.11 documentation: copying,
# moving and removing files and trees over the sandbox's file system.
#
# The sandbox's files have fixed permission bits (0o644, directories
# 0o755) and times that cannot be set, so copymode() and copystat() only
# check their arguments, and copy2() cannot keep the source's times. There
# are no programs to find (which() returns None), no owners (no chown) and
# no archives (no make_archive/unpack_archive).
import os
import fnmatch
from collections import namedtuple as _namedtuple

__all__ = ['copyfileobj', 'copyfile', 'copymode', 'copystat', 'copy', 'copy2', 'copytree',
           'move', 'rmtree', 'Error', 'SameFileError', 'disk_usage', 'ignore_patterns',
           'which', 'get_terminal_size']

COPY_BUFSIZE = 64 * 1024


class Error(OSError):
    pass


class SameFileError(Error):
    """Raised when source and destination are the same file."""


def copyfileobj(fsrc, fdst, length=0):
    """Copy the data of file object fsrc to fdst, length bytes at a time."""
    if not length or length < 0:
        length = COPY_BUFSIZE
    while True:
        buf = fsrc.read(length)
        if not buf:
            break
        fdst.write(buf)


def _samefile(src, dst):
    try:
        return os.path.samefile(src, dst)
    except OSError:
        return os.path.normcase(os.path.abspath(src)) == os.path.normcase(os.path.abspath(dst))


def copyfile(src, dst, *, follow_symlinks=True):
    """Copy the contents of file src to file dst (replaced if it exists);
    returns dst."""
    if _samefile(src, dst):
        raise SameFileError('{!r} and {!r} are the same file'.format(src, dst))
    with open(src, 'rb') as fsrc:
        with open(dst, 'wb') as fdst:
            copyfileobj(fsrc, fdst)
    return dst


def copymode(src, dst, *, follow_symlinks=True):
    """Copy the permission bits of src to dst: in the sandbox every file has
    the same bits, so this only checks that both exist."""
    os.stat(src)
    os.stat(dst)


def copystat(src, dst, *, follow_symlinks=True):
    """Copy permission bits and times of src to dst: in the sandbox neither
    can be set, so this only checks that both exist."""
    os.stat(src)
    if not os.path.exists(dst):
        # CPython's message here (from setting the times) names no file
        raise FileNotFoundError(2, 'No such file or directory')


def _target(src, dst):
    if os.path.isdir(dst):
        return os.path.join(dst, os.path.basename(src))
    return dst


def copy(src, dst, *, follow_symlinks=True):
    """Copy the file src to the file or directory dst; returns the path of
    the new file."""
    dst = _target(src, dst)
    copyfile(src, dst)
    copymode(src, dst)
    return dst


def copy2(src, dst, *, follow_symlinks=True):
    """copy() that also copies the metadata (see the module's note)."""
    dst = _target(src, dst)
    copyfile(src, dst)
    copystat(src, dst)
    return dst


def ignore_patterns(*patterns):
    """An ignore= function for copytree() that skips names matching any of
    the glob-style patterns."""
    def _ignore(path, names):
        out = set()
        for pattern in patterns:
            out.update(fnmatch.filter(names, pattern))
        return out
    return _ignore


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
             ignore_dangling_symlinks=False, dirs_exist_ok=False):
    """Copy the directory tree src to dst (which must not exist unless
    dirs_exist_ok); returns dst. Errors are collected and raised together
    as Error."""
    names = os.listdir(src)
    ignored = ignore(os.fspath(src), names) if ignore is not None else set()
    if os.path.exists(dst):
        if not dirs_exist_ok:
            raise FileExistsError(17, 'File exists', dst)
    else:
        os.makedirs(dst)
    errors = []
    for name in names:
        if name in ignored:
            continue
        srcname = os.path.join(src, name)
        dstname = os.path.join(dst, name)
        try:
            if os.path.isdir(srcname):
                copytree(srcname, dstname, symlinks, ignore, copy_function,
                         ignore_dangling_symlinks, dirs_exist_ok)
            else:
                copy_function(srcname, dstname)
        except Error as err:
            errors.extend(err.args[0])
        except OSError as why:
            errors.append((srcname, dstname, str(why)))
    if errors:
        raise Error(errors)
    return dst


def rmtree(path, ignore_errors=False, onerror=None):
    """Delete the directory tree path. With ignore_errors, failures are
    ignored; else onerror(function, path, exc_info) is called for each, or
    the first is raised."""
    def failed(func, p, exc):
        if ignore_errors:
            return
        if onerror is None:
            raise exc
        onerror(func, p, (type(exc), exc, None))

    try:
        if not os.path.isdir(path) or os.path.islink(path):
            raise NotADirectoryError(20, 'Not a directory', path) if os.path.exists(path) \
                else FileNotFoundError(2, 'No such file or directory', path)
        names = os.listdir(path)
    except OSError as exc:
        failed(os.listdir if os.path.exists(path) else os.lstat, path, exc)
        return
    for name in names:
        full = os.path.join(path, name)
        if os.path.isdir(full):
            rmtree(full, ignore_errors, onerror)
        else:
            try:
                os.unlink(full)
            except OSError as exc:
                failed(os.unlink, full, exc)
    try:
        os.rmdir(path)
    except OSError as exc:
        failed(os.rmdir, path, exc)


def move(src, dst, copy_function=copy2):
    """Move a file or directory tree to dst (into it when dst is a
    directory); returns the destination."""
    real_dst = dst
    if os.path.isdir(dst):
        if _samefile(src, dst):
            os.rename(src, dst)
            return dst
        real_dst = os.path.join(dst, os.path.basename(src.rstrip('/')))
        if os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    try:
        os.rename(src, real_dst)
    except OSError:
        if os.path.isdir(src):
            src_abs = os.path.abspath(src).rstrip('/') + '/'
            if os.path.abspath(real_dst).startswith(src_abs):
                raise Error("Cannot move a directory '%s' into itself '%s'." % (src, real_dst))
            copytree(src, real_dst, copy_function=copy_function)
            rmtree(src)
        else:
            copy_function(src, real_dst)
            os.unlink(src)
    return real_dst


_ntuple_diskusage = _namedtuple('usage', 'total used free')


def disk_usage(path):
    """Total, used and free bytes of the file system holding path (the
    sandbox's file quota)."""
    st = os.statvfs(path)
    frsize = st[1]
    return _ntuple_diskusage(st[2] * frsize, (st[2] - st[3]) * frsize, st[4] * frsize)


def which(cmd, mode=None, path=None):
    """The path of the program cmd: always None, the sandbox runs no
    programs."""
    return None


_terminal_size = _namedtuple('terminal_size', 'columns lines')


def get_terminal_size(fallback=(80, 24)):
    """The size of the terminal: COLUMNS and LINES from the environment,
    else fallback (the sandbox's output is not a terminal)."""
    sizes = []
    for name, default in (('COLUMNS', fallback[0]), ('LINES', fallback[1])):
        try:
            n = int(os.environ[name])
        except (KeyError, ValueError):
            n = 0
        sizes.append(n if n > 0 else default)
    return _terminal_size(sizes[0], sizes[1])
