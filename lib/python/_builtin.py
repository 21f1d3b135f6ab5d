# The built-in C module behind a library module of the same name.
# MicroPython imports a file found on sys.path before an "extensible"
# built-in module of the same name (json, re, heapq, random, collections),
# so a library module that completes a built-in one reaches it with an
# empty path, its own half-initialised entry in sys.modules set aside
# meanwhile.
import sys


def builtin_module(name):
    """The built-in module `name`, or None when this build has none."""
    had = sys.modules.pop(name, None)
    path = sys.path[:]
    sys.path[:] = []
    try:
        return __import__(name)
    except ImportError:
        return None
    finally:
        sys.path[:] = path
        if had is not None:
            sys.modules[name] = had


class NamedFields(tuple):
    """A tuple whose items are also attributes, named by the subclass's
    _names and printed as _title(name=value, ...): sys.version_info,
    time.struct_time, os.stat_result. Other names go to _missing."""

    _names = ()
    _title = ''

    def __getattr__(self, name):
        if name in self._names:
            return self[self._names.index(name)]
        return self._missing(name)

    def _missing(self, name):
        raise AttributeError("'%s' object has no attribute '%s'" % (self._title, name))

    def __repr__(self):
        return '%s(%s)' % (self._title, ', '.join('%s=%r' % (n, v) for n, v in zip(self._names, self)))

    __str__ = __repr__
