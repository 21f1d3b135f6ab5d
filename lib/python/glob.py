# glob for mpbox, written from the CPython 3.11 documentation: path names
# matching a pattern with *, ?, [...] (fnmatch's rules, one path segment
# each) and, with recursive=True, ** for any depth of directories; names
# beginning with '.' only match a pattern that begins with '.' unless
# include_hidden=True. Over the sandbox's files (os.listdir); the order is
# the directory's, as in CPython (sort the result when order matters).
# No dir_fd: the sandbox has no file descriptors for directories.
import os
import fnmatch

__all__ = ['glob', 'iglob', 'escape', 'has_magic']


def has_magic(s):
    """True when s holds a wildcard (*, ? or [)."""
    if isinstance(s, bytes):
        return any(c in b'*?[' for c in s)
    return any(c in '*?[' for c in s)


def _hidden(name):
    return name[:1] in ('.', b'.')


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """A list of the path names that match pathname."""
    return list(iglob(pathname, root_dir=root_dir, dir_fd=dir_fd, recursive=recursive,
                      include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """An iterator over the path names that match pathname."""
    if dir_fd is not None:
        raise NotImplementedError('glob: dir_fd is not supported in the sandbox (no directory '
                                  'file descriptors); use root_dir')
    if root_dir is not None:
        root_dir = os.fspath(root_dir)
    else:
        root_dir = pathname[:0]
    it = _iglob(pathname, root_dir, recursive, False, include_hidden)
    if not pathname or (recursive and pathname[:2] in ('**', b'**')):
        # '**' also yields the top directory itself as '' first: drop it
        first = next(it, None)
        if first is not None and first:
            yield first
    yield from it


def _join(a, b):
    if not a:
        return b
    if not b:
        return a + ('/' if isinstance(a, str) else b'/') if a[-1:] not in ('/', b'/') else a
    return os.path.join(a, b)


def _exists(root, path, dironly):
    full = _join(root, path) if root else path
    return os.path.isdir(full) if dironly else os.path.exists(full)


def _iglob(pathname, root, recursive, dironly, include_hidden):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            if _exists(root, pathname, False):
                yield pathname
        elif _exists(root, dirname, True):
            # a pattern ending with '/' names a directory
            yield pathname
        return
    if not dirname:
        if recursive and basename in ('**', b'**'):
            yield from _glob2(root, basename, dironly, include_hidden)
        else:
            yield from _glob1(root, basename, dironly, include_hidden)
        return
    # the directories the pattern's head matches, then the last segment in each
    if dirname != pathname and has_magic(dirname):
        dirs = _iglob(dirname, root, recursive, True, include_hidden)
    else:
        dirs = [dirname]
    if has_magic(basename):
        if recursive and basename in ('**', b'**'):
            in_dir = _glob2
        else:
            in_dir = _glob1
    else:
        in_dir = _glob0
    for d in dirs:
        for name in in_dir(_join(root, d), basename, dironly, include_hidden):
            yield os.path.join(d, name)


def _listdir(dirname, dironly):
    try:
        names = os.listdir(dirname or ('.' if isinstance(dirname, str) else b'.'))
    except OSError:
        return []
    if dironly:
        names = [n for n in names if os.path.isdir(_join(dirname, n))]
    return names


def _glob1(dirname, pattern, dironly, include_hidden):
    names = _listdir(dirname, dironly)
    if not (include_hidden or _hidden(pattern)):
        names = [n for n in names if not _hidden(n)]
    return fnmatch.filter(names, pattern)


def _glob0(dirname, basename, dironly, include_hidden):
    if not basename:
        # 'dir/': the directory itself, when it is one
        return [basename] if os.path.isdir(dirname) else []
    if _exists(dirname, basename, dironly):
        return [basename]
    return []


def _glob2(dirname, pattern, dironly, include_hidden):
    # '**': the directory itself ('') and everything below it
    yield pattern[:0]
    yield from _walk(dirname, dironly, include_hidden)


def _walk(dirname, dironly, include_hidden):
    for name in _listdir(dirname, dironly):
        if include_hidden or not _hidden(name):
            yield name
            path = _join(dirname, name)
            if os.path.isdir(path):
                for sub in _walk(path, dironly, include_hidden):
                    yield os.path.join(name, sub)


def escape(pathname):
    """pathname with its wildcards (*, ?, [) made literal: [*], [?], [[]."""
    if isinstance(pathname, bytes):
        return b''.join(b'[' + bytes([c]) + b']' if c in b'*?[' else bytes([c]) for c in pathname)
    return ''.join('[' + c + ']' if c in '*?[' else c for c in pathname)
