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
