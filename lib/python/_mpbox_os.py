# os and os.path as CPython has them on POSIX, where this build's frozen
# modules (micropython-lib's) differ or lack (preloaded while the start-up
# image is built, lib/python/_preload.txt, after _mpbox_exc so that the
# wrapped functions raising FileNotFoundError & co. are the ones used):
# - os.path is rewritten whole: normpath and abspath normalise, isdir and
#   isfile return booleans, and splitext, relpath, commonpath, getsize,
#   getmtime, ... exist;
# - os gains stat_result (os.stat(p).st_size), makedirs, walk, scandir,
#   environ/getenv (the sandbox starts with an empty environment), replace,
#   urandom (the sandbox's random source), cpu_count, access, fspath and
#   the constants (linesep, curdir, devnull, ...).
# Written for mpbox.
import os
import os.path as _path
from _builtin import NamedFields

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000

# ---------------------------------------------------------------- os


def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    method = getattr(type(path), '__fspath__', None)
    if method is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(path).__name__)
    result = method(path)
    if not isinstance(result, (str, bytes)):
        raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                        % (type(path).__name__, type(result).__name__))
    return result


_STAT_FIELDS = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size', 'st_atime',
                'st_mtime', 'st_ctime')


class stat_result(NamedFields):
    """os.stat()'s answer: the ten numbers, also by name (st_size, ...)."""

    _names = _STAT_FIELDS
    _title = 'os.stat_result'
    n_sequence_fields = 10

    def __getattr__(self, name):
        if name in ('st_atime', 'st_mtime', 'st_ctime'):
            return float(self[_STAT_FIELDS.index(name)])
        return NamedFields.__getattr__(self, name)

    def _missing(self, name):
        if name in ('st_atime_ns', 'st_mtime_ns', 'st_ctime_ns'):
            return self[_STAT_FIELDS.index(name[:-3])] * 1000000000
        if name == 'st_blksize':
            return 4096
        if name == 'st_blocks':
            return (self[6] + 511) // 512
        return NamedFields._missing(self, name)


_raw_stat = os.stat


def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(_raw_stat(fspath(path)))


class _Environ(dict):
    def __repr__(self):
        return 'environ(%s)' % dict.__repr__(self)

    def copy(self):
        return dict(self)


environ = _Environ()


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    environ[key] = value


def unsetenv(key):
    environ.pop(key, None)


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    head, tail = _path.split(name)
    if not tail:
        head, tail = _path.split(head)
    if head and tail and not _path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        if tail == '.':
            return
    try:
        os.mkdir(name)
    except OSError:
        if not exist_ok or not _path.isdir(name):
            raise


def removedirs(name):
    os.rmdir(name)
    head, tail = _path.split(name)
    if not tail:
        head, tail = _path.split(head)
    while head and tail:
        try:
            os.rmdir(head)
        except OSError:
            break
        head, tail = _path.split(head)


def replace(src, dst):
    src, dst = fspath(src), fspath(dst)
    if src != dst and _path.isfile(dst):
        os.remove(dst)
    os.rename(src, dst)


class DirEntry:
    """One entry of os.scandir()."""

    def __init__(self, directory, name, kind):
        self.name = name
        self.path = _path.join(directory, name)
        self._kind = kind

    def is_dir(self, *, follow_symlinks=True):
        return self._kind == _S_IFDIR

    def is_file(self, *, follow_symlinks=True):
        return self._kind == _S_IFREG

    def is_symlink(self):
        return False

    def stat(self, *, follow_symlinks=True):
        return stat(self.path)

    def inode(self):
        return stat(self.path)[1]

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % self.name


class _ScandirIterator:
    def __init__(self, path):
        self._entries = [DirEntry(path, e[0], e[1]) for e in os.ilistdir(path)]
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        self._i += 1
        return self._entries[self._i - 1]

    def close(self):
        self._i = len(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scandir(path='.'):
    return _ScandirIterator(fspath(path))


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        entries = list(scandir(top))
    except OSError as e:
        if onerror is not None:
            onerror(e)
        return
    dirs = [e.name for e in entries if e.is_dir()]
    files = [e.name for e in entries if not e.is_dir()]
    if topdown:
        yield top, dirs, files
        for d in dirs:
            yield from walk(_path.join(top, d), topdown, onerror, followlinks)
    else:
        for d in dirs:
            yield from walk(_path.join(top, d), topdown, onerror, followlinks)
        yield top, dirs, files


F_OK, X_OK, W_OK, R_OK = 0, 1, 2, 4


def access(path, mode, **kwargs):
    return _path.exists(path)


def urandom(size):
    # Each 32-bit word comes from the built-in generator freshly seeded from
    # the host's per-session generator (xoroshiro128+, seeded from the
    # host's getrandom(): core/runtime.c), so the bytes carry that state,
    # not the built-in generator's 32 bits. Not a cryptographic generator;
    # reproducible under --deterministic --seed.
    if size < 0:
        raise ValueError('negative argument not allowed')
    from _builtin import builtin_module
    source = builtin_module('random')
    out = bytearray()
    while len(out) < size:
        source.seed()
        out.extend(source.getrandbits(32).to_bytes(4, 'little'))
    return bytes(out[:size])


def cpu_count():
    return 1


# ---------------------------------------------------------------- os.path (POSIX)


def _str(p):
    p = fspath(p)
    if not isinstance(p, str):
        raise TypeError('mpbox: os.path takes str paths')
    return p


def isabs(s):
    return _str(s).startswith('/')


def join(a, *p):
    path = _str(a)
    for b in p:
        b = _str(b)
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _str(p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def splitext(p):
    p = _str(p)
    slash = p.rfind('/')
    dot = p.rfind('.')
    if dot > slash:
        # a name made of leading dots only (".bashrc") has no extension
        i = slash + 1
        while i < dot:
            if p[i] != '.':
                return p[:dot], p[dot:]
            i += 1
    return p, ''


def splitdrive(p):
    return p[:0], p


def basename(p):
    p = _str(p)
    return p[p.rfind('/') + 1:]


def dirname(p):
    return split(p)[0]


def normcase(s):
    return _str(s)


def normpath(path):
    path = _str(path)
    if not path:
        return '.'
    slashes = len(path) - len(path.lstrip('/'))
    prefix = '//' if slashes == 2 else '/' if slashes else ''
    parts = []
    for c in path.split('/'):
        if c in ('', '.'):
            continue
        if c == '..' and ((not prefix and not parts) or (parts and parts[-1] == '..')):
            parts.append(c)
        elif c == '..':
            if parts:
                parts.pop()
        else:
            parts.append(c)
    return prefix + '/'.join(parts) or '.'


def abspath(path):
    path = _str(path)
    if not isabs(path):
        path = join(os.getcwd(), path)
    return normpath(path)


realpath = abspath


def relpath(path, start=None):
    if not path:
        raise ValueError('no path specified')
    start = '.' if start is None else start
    here = [x for x in abspath(start).split('/') if x]
    there = [x for x in abspath(path).split('/') if x]
    i = 0
    while i < len(here) and i < len(there) and here[i] == there[i]:
        i += 1
    rest = ['..'] * (len(here) - i) + there[i:]
    return join(*rest) if rest else '.'


def commonprefix(m):
    if not m:
        return ''
    lo, hi = min(m), max(m)
    for i in range(len(lo)):
        if lo[i] != hi[i]:
            return lo[:i]
    return lo


def commonpath(paths):
    paths = [_str(p) for p in paths]
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    absolute = {p.startswith('/') for p in paths}
    if len(absolute) > 1:
        raise ValueError("Can't mix absolute and relative paths")
    split_paths = [[c for c in p.split('/') if c and c != '.'] for p in paths]
    lo, hi = min(split_paths), max(split_paths)
    common = lo
    for i in range(len(lo)):
        if lo[i] != hi[i]:
            common = lo[:i]
            break
    return ('/' if True in absolute else '') + '/'.join(common)


def _mode(path):
    try:
        return _raw_stat(fspath(path))[0]
    except (OSError, ValueError, TypeError):
        return None


def exists(path):
    return _mode(path) is not None


lexists = exists


def isdir(s):
    m = _mode(s)
    return m is not None and m & _S_IFMT == _S_IFDIR


def isfile(path):
    m = _mode(path)
    return m is not None and m & _S_IFMT == _S_IFREG


def islink(path):
    return False


def ismount(path):
    return abspath(path) == '/'


def getsize(filename):
    return stat(filename).st_size


def getmtime(filename):
    return stat(filename).st_mtime


def getatime(filename):
    return stat(filename).st_atime


def getctime(filename):
    return stat(filename).st_ctime


def samefile(f1, f2):
    a, b = stat(f1), stat(f2)
    return a.st_ino == b.st_ino and a.st_dev == b.st_dev


def expanduser(path):
    path = _str(path)
    if not path.startswith('~'):
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path  # ~user: no other users here
    home = environ.get('HOME', '/')
    return (home.rstrip('/') or '/') + path[i:] if path[i:] else home


def expandvars(path):
    path = _str(path)
    if '$' not in path:
        return path
    out = []
    i = 0
    while i < len(path):
        c = path[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        if path.startswith('${', i):
            j = path.find('}', i + 2)
            name = path[i + 2:j] if j > 0 else None
            end = j + 1
        else:
            j = i + 1
            while j < len(path) and (path[j].isalnum() or path[j] == '_'):
                j += 1
            name = path[i + 1:j] or None
            end = j
        if name is not None and name in environ:
            out.append(environ[name])
        else:
            out.append(path[i:end if name is not None else i + 1])
        i = end if name is not None else i + 1
    return ''.join(out)


def _install():
    for name in ('isabs', 'join', 'split', 'splitext', 'splitdrive', 'basename', 'dirname', 'normcase',
                 'normpath', 'abspath', 'realpath', 'relpath', 'commonprefix', 'commonpath', 'exists',
                 'lexists', 'isdir', 'isfile', 'islink', 'ismount', 'getsize', 'getmtime', 'getatime',
                 'getctime', 'samefile', 'expanduser', 'expandvars'):
        setattr(_path, name, globals()[name])
    _path.sep = '/'
    _path.curdir, _path.pardir, _path.extsep, _path.altsep = '.', '..', '.', None
    _path.pathsep, _path.defpath, _path.devnull = ':', '/bin:/usr/bin', '/dev/null'
    for name in ('fspath', 'stat_result', 'stat', 'environ', 'getenv', 'putenv', 'unsetenv', 'makedirs',
                 'removedirs', 'replace', 'DirEntry', 'scandir', 'walk', 'F_OK', 'X_OK', 'W_OK', 'R_OK',
                 'access', 'urandom', 'cpu_count'):
        setattr(os, name, globals()[name])
    os.lstat = stat
    os.name = 'posix'
    os.linesep, os.curdir, os.pardir, os.extsep, os.altsep = '\n', '.', '..', '.', None
    os.pathsep, os.defpath, os.devnull = ':', '/bin:/usr/bin', '/dev/null'


_install()
del _install
