# sys for mpbox: MicroPython's sys plus getrecursionlimit/setrecursionlimit,
# which agents call before deep recursion. The built-in sys takes no new
# attributes, so `import sys` gives an object that answers every other
# attribute from the built-in module and forwards assignments to it (sys.ps1
# still works; sys.stdout = ... still fails, as in MicroPython, rather than
# silently not redirecting print). The preload (lib/python/_preload.txt)
# puts _mpbox_replace into sys.modules['sys'].
# The real depth limit is set by the guest's stack (about 2000 calls,
# docs/limits.md): setrecursionlimit only records the value it is given.
import sys as _c  # the built-in module: a built-in wins over files of its name

_limit = [1000]


class _Sys:
    __file__ = __file__  # where it comes from, as for the other preloaded modules

    def __getattr__(self, name):
        return getattr(_c, name)

    def __setattr__(self, name, value):
        setattr(_c, name, value)

    def __repr__(self):
        return "<module 'sys' (built-in)>"

    def getrecursionlimit(self):
        return _limit[0]

    def setrecursionlimit(self, limit):
        if not isinstance(limit, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(limit).__name__)
        if limit < 1:
            raise ValueError('recursion limit must be greater or equal than 1')
        _limit[0] = limit


_mpbox_replace = _Sys()
