# pathlib for mpbox: PurePath, PurePosixPath, Path and PosixPath with
# CPython 3.11's interface, over os and os.path (lib/python/_mpbox_os.py).
# It replaces micropython-lib's frozen pathlib (no with_name, parts,
# suffixes, relative_to, rglob, ...). Paths are POSIX paths; there are no
# symbolic links and no other users in the sandbox. Written for mpbox.
import os
import os.path as _p

__all__ = ['PurePath', 'PurePosixPath', 'Path', 'PosixPath']


def _parse(args):
    # the parts of the joined arguments, the first one "/" when absolute
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        else:
            a = os.fspath(a)
            if not isinstance(a, str):
                raise TypeError('argument should be a str or an os.PathLike object where __fspath__ returns '
                                'a str, not %r' % type(a).__name__)
        if a.startswith('/'):
            parts = ['//' if a.startswith('//') and not a.startswith('///') else '/']
        parts += [x for x in a.split('/') if x and x != '.']
    return parts


class PurePath:
    """A path as text, with no access to the file system."""

    # The parts are set in __new__: the guest calls __init__ only when
    # __new__ returns an instance of exactly the class called, and
    # Path(...) returns a PosixPath.
    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def _from_parts(cls, parts):
        new = object.__new__(cls)
        new._parts = list(parts)
        return new

    def _make(self, parts):
        return type(self)._from_parts(parts)

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        self._parts = _parse(args)
        return self

    # ---- text
    def __str__(self):
        if not self._parts:
            return '.'
        if self._parts[0] in ('/', '//'):
            return self._parts[0] + '/'.join(self._parts[1:])
        return '/'.join(self._parts)

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.as_posix())

    def as_uri(self):
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        return 'file://' + str(self)

    def __hash__(self):
        return hash(tuple(self._parts))

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts == other._parts

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts < other._parts

    def __le__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts <= other._parts

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts > other._parts

    def __ge__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts >= other._parts

    # ---- joining
    def __truediv__(self, key):
        try:
            return self._make(_parse([self, key]))
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return self._make(_parse([key, self]))
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return self._make(_parse((self,) + args))

    # ---- pieces
    @property
    def parts(self):
        return tuple(self._parts)

    @property
    def drive(self):
        return ''

    @property
    def root(self):
        return self._parts[0] if self._parts and self._parts[0] in ('/', '//') else ''

    @property
    def anchor(self):
        return self.root

    def _names(self):
        return self._parts[1:] if self.root else self._parts

    @property
    def name(self):
        names = self._names()
        return names[-1] if names else ''

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        return name[i:] if 0 < i < len(name) - 1 else ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name, suffix = self.name, self.suffix
        return name[:len(name) - len(suffix)] if suffix else name

    @property
    def parent(self):
        names = self._names()
        if not names:
            return self
        return self._make(self._parts[:-1])

    @property
    def parents(self):
        out = []
        p = self
        while True:
            q = p.parent
            if q == p:
                break
            out.append(q)
            p = q
        return tuple(out)

    def is_absolute(self):
        return bool(self.root)

    def is_reserved(self):
        return False

    def with_name(self, name):
        if not self.name:
            raise ValueError('%r has an empty name' % (self,))
        if not name or '/' in name or name == '.':
            raise ValueError('Invalid name %r' % (name,))
        return self._make(self._parts[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix or suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError('Invalid suffix %r' % (suffix,))
        if not self.name:
            raise ValueError('%r has an empty name' % (self,))
        return self.with_name(self.stem + suffix)

    def relative_to(self, *other):
        base = _parse(other)
        n = len(base)
        if self._parts[:n] != base or (not base and self.is_absolute()):
            raise ValueError('%r is not in the subpath of %r OR one path is relative and the other is absolute.'
                             % (str(self), str(self._from_parts(base))))
        return self._make(self._parts[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, pattern):
        pat = _parse([pattern])
        if not pat:
            raise ValueError('empty pattern')
        names = self._parts
        if pat[0] in ('/', '//'):
            if len(pat) != len(names):
                return False
        elif len(pat) > len(names):
            return False
        import fnmatch
        for a, b in zip(reversed(names), reversed(pat)):
            if not fnmatch.fnmatchcase(a, b):
                return False
        return True


class PurePosixPath(PurePath):
    pass


class Path(PurePath):
    """A path in the sandbox's file system."""

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        self = object.__new__(cls)
        self._parts = _parse(args)
        return self

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls(_p.expanduser('~'))

    def absolute(self):
        return self if self.is_absolute() else self._make(_parse([os.getcwd(), self]))

    def resolve(self, strict=False):
        if strict:
            self.stat()
        return self._make(_parse([_p.abspath(str(self))]))

    def expanduser(self):
        return self._make(_parse([_p.expanduser(str(self))]))

    # ---- questions
    def stat(self, *, follow_symlinks=True):
        return os.stat(str(self))

    lstat = stat

    def exists(self):
        return _p.exists(str(self))

    def is_dir(self):
        return _p.isdir(str(self))

    def is_file(self):
        return _p.isfile(str(self))

    def is_symlink(self):
        return False

    def is_mount(self):
        return _p.ismount(str(self))

    def samefile(self, other):
        return _p.samefile(str(self), str(other))

    # ---- directories
    def iterdir(self):
        for name in os.listdir(str(self)):
            yield self / name

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if parents:
            if exist_ok and self.is_dir():
                return
            parent = self.parent
            if parent != self and not parent.exists():
                parent.mkdir(parents=True, exist_ok=True)
        try:
            os.mkdir(str(self))
        except FileExistsError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        os.rmdir(str(self))

    def glob(self, pattern):
        if pattern.startswith('/'):
            raise NotImplementedError('Non-relative patterns are unsupported')
        pat = [x for x in pattern.split('/') if x and x != '.']
        if not pat:
            raise ValueError('Unacceptable pattern: %r' % (pattern,))
        for found in self._select(self, pat):
            yield found

    def rglob(self, pattern):
        return self.glob('**/' + pattern)

    def _select(self, base, pat):
        import fnmatch
        head, rest = pat[0], pat[1:]
        if head == '**':
            for d in self._walk_dirs(base):
                if rest:
                    for found in self._select(d, rest):
                        yield found
                else:
                    yield d
            return
        if not base.is_dir():
            return
        try:
            names = os.listdir(str(base))
        except OSError:
            return
        for name in names:
            if fnmatch.fnmatchcase(name, head):
                child = base / name
                if rest:
                    if child.is_dir():
                        for found in self._select(child, rest):
                            yield found
                else:
                    yield child

    def _walk_dirs(self, base):
        yield base
        try:
            names = os.listdir(str(base))
        except OSError:
            return
        for name in names:
            child = base / name
            if child.is_dir():
                for d in self._walk_dirs(child):
                    yield d

    # ---- files
    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        return open(str(self), mode)

    def read_text(self, encoding=None, errors=None):
        with self.open('r') as f:
            return f.read()

    def read_bytes(self):
        with self.open('rb') as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % type(data).__name__)
        with self.open('w') as f:
            return f.write(data)

    def write_bytes(self, data):
        data = bytes(memoryview(data))
        with self.open('wb') as f:
            return f.write(data)

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, 'File exists', str(self))
            return
        with self.open('a'):
            pass

    def unlink(self, missing_ok=False):
        try:
            os.remove(str(self))
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rename(self, target):
        os.rename(str(self), str(target))
        return self._make(_parse([target]))

    def replace(self, target):
        os.replace(str(self), str(target))
        return self._make(_parse([target]))


class PosixPath(Path, PurePosixPath):
    pass
