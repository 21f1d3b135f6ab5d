# tempfile for mpbox, written from the CPython 3.11 documentation. Files go
# to /tmp in the session's file system (created on first use); names are
# "tmp" plus eight characters from the sandbox's random generator.
# TemporaryFile, NamedTemporaryFile and SpooledTemporaryFile are file
# objects with a name; mkstemp() is not available: the sandbox has no
# operating-system file descriptors.
import os

__all__ = ['NamedTemporaryFile', 'TemporaryFile', 'SpooledTemporaryFile', 'TemporaryDirectory',
           'mkdtemp', 'mktemp', 'gettempdir', 'gettempprefix', 'tempdir', 'template']

template = 'tmp'
tempdir = None
_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_'
TMP_MAX = 10000


def gettempprefix():
    return template


def gettempdir():
    global tempdir
    if tempdir is None:
        if not _exists('/tmp'):
            os.mkdir('/tmp')
        tempdir = '/tmp'
    return tempdir


def _exists(path):
    try:
        os.stat(path)
        return True
    except OSError:
        return False


def _name():
    import random
    return ''.join(random.choice(_CHARS) for _ in range(8))


def _candidates(suffix, prefix, dir):
    if dir is None:
        dir = gettempdir()
    if prefix is None:
        prefix = template
    if suffix is None:
        suffix = ''
    for _ in range(TMP_MAX):
        yield os.path.join(dir, prefix + _name() + suffix)
    raise OSError(17, 'No usable temporary file name found')


def mktemp(suffix='', prefix=template, dir=None):
    for path in _candidates(suffix, prefix, dir):
        if not _exists(path):
            return path


def mkdtemp(suffix=None, prefix=None, dir=None):
    for path in _candidates(suffix, prefix, dir):
        if not _exists(path):
            os.mkdir(path)
            return path


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    raise NotImplementedError('tempfile.mkstemp: the sandbox has no operating-system file '
                              'descriptors; use tempfile.NamedTemporaryFile(delete=False)')


def _rmtree(path):
    for entry in os.ilistdir(path):
        name, kind = entry[0], entry[1]
        full = path + '/' + name
        if kind == 0x4000:
            _rmtree(full)
        else:
            os.remove(full)
    os.rmdir(path)


class _TemporaryFileWrapper:
    """A file object with a name, removed on close when delete is true."""

    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._closed = False

    def __getattr__(self, attr):
        return getattr(self.file, attr)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __iter__(self):
        return iter(self.file)

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            self.file.close()
        finally:
            if self.delete:
                try:
                    os.remove(self.name)
                except OSError:
                    pass

    @property
    def closed(self):
        return self._closed

    def __repr__(self):
        return '<tempfile._TemporaryFileWrapper %r>' % (self.name,)


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
                       prefix=None, dir=None, delete=True, *, errors=None):
    for path in _candidates(suffix, prefix, dir):
        if not _exists(path):
            break
    open(path, 'wb').close()
    f = open(path, mode) if encoding is None else open(path, mode, encoding=encoding)
    return _TemporaryFileWrapper(f, path, delete)


def TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
                  prefix=None, dir=None, *, errors=None):
    return NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir, True)


def SpooledTemporaryFile(max_size=0, mode='w+b', buffering=-1, encoding=None, newline=None,
                         suffix=None, prefix=None, dir=None, *, errors=None):
    return NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir, True)


class TemporaryDirectory:
    """A directory removed, with everything in it, by cleanup() or at the
    end of a with block; the block gets its name."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore = ignore_cleanup_errors
        self._removed = False

    def __repr__(self):
        return '<TemporaryDirectory %r>' % (self.name,)

    def __enter__(self):
        return self.name

    def __exit__(self, *exc):
        self.cleanup()
        return False

    def cleanup(self):
        if self._removed:
            return
        self._removed = True
        try:
            _rmtree(self.name)
        except OSError:
            if not self._ignore:
                raise
