# sys for mpbox: MicroPython's sys plus getrecursionlimit/setrecursionlimit,
# which agents call before deep recursion. The built-in sys takes no new
# attributes, so `import sys` gives an object that holds every attribute of
# the built-in module as its own and forwards assignments to it (sys.ps1
# still works; sys.stdout = ... still fails, as in MicroPython, rather than
# silently not redirecting print). The preload (lib/python/_preload.txt)
# puts _mpbox_replace into sys.modules['sys'].
# The attributes are copied rather than answered by __getattr__ so that a
# missing name behaves as on a module: `from sys import missing` raises
# ImportError (the guest turns only a lookup that finds nothing into
# ImportError, not an AttributeError raised by __getattr__), hasattr works
# without an exception, and sys.__dict__ is a dict naming the module.
# The real depth limit is set by the guest's stack (about 2000 calls,
# docs/limits.md): setrecursionlimit only records the value it is given.
import sys as _c  # the built-in module: a built-in wins over files of its name

_limit = [1000]


def getrecursionlimit():
    return _limit[0]


def setrecursionlimit(limit):
    if not isinstance(limit, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(limit).__name__)
    if limit < 1:
        raise ValueError('recursion limit must be greater or equal than 1')
    _limit[0] = limit


class _Sys:
    def __init__(self):
        own = object.__setattr__
        for name in dir(_c):
            own(self, name, getattr(_c, name))
        own(self, '__name__', 'sys')
        own(self, '__file__', __file__)  # where it comes from, as for the other preloaded modules
        # plain functions in the instance's dict, so `from sys import f` gets them
        own(self, 'getrecursionlimit', getrecursionlimit)
        own(self, 'setrecursionlimit', setrecursionlimit)

    def __setattr__(self, name, value):
        setattr(_c, name, value)  # raises where the built-in module refuses
        object.__setattr__(self, name, value)

    def __repr__(self):
        return "<module 'sys' (built-in)>"


_mpbox_replace = _Sys()
