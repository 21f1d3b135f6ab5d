# sys for mpbox: MicroPython's sys plus getrecursionlimit/setrecursionlimit,
# which agents call before deep recursion, and exc_info()/exception(), the
# exception being handled (any exception's _mpbox_handled attribute answers
# it: guest/excchain, host/exc.c). The built-in sys takes no new
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
from _builtin import NamedFields

_limit = [1000]


def getrecursionlimit():
    return _limit[0]


def setrecursionlimit(limit):
    if not isinstance(limit, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(limit).__name__)
    if limit < 1:
        raise ValueError('recursion limit must be greater or equal than 1')
    _limit[0] = limit


class _VersionInfo(NamedFields):
    _names = ('major', 'minor', 'micro', 'releaselevel', 'serial')
    _title = 'sys.version_info'


class _FloatInfo(NamedFields):
    _names = ('max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig', 'mant_dig', 'epsilon',
              'radix', 'rounds')
    _title = 'sys.float_info'


class _IntInfo(NamedFields):
    _names = ('bits_per_digit', 'sizeof_digit', 'default_max_str_digits', 'str_digits_check_threshold')
    _title = 'sys.int_info'


def intern(string):
    if type(string) is not str:
        raise TypeError('intern() argument must be str, not %s' % type(string).__name__)
    return string


def getdefaultencoding():
    return 'utf-8'


getfilesystemencoding = getdefaultencoding


# The language level the library completes the guest to (docs/compatibility.md):
# programs that check sys.version_info take their Python 3 paths. What runs
# them stays visible: sys.implementation.name is 'micropython'.
_LEVEL = (3, 11, 0, 'final', 0)


_probe = Exception()


def exc_info():
    e = _probe._mpbox_handled
    if e is None:
        return (None, None, None)
    return (type(e), e, e.__traceback__)


def exception():
    return _probe._mpbox_handled


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
        own(self, 'intern', intern)
        own(self, 'getdefaultencoding', getdefaultencoding)
        own(self, 'getfilesystemencoding', getfilesystemencoding)
        own(self, 'version_info', _VersionInfo(_LEVEL))
        own(self, 'hexversion', 0x030B00F0)
        own(self, 'version', '3.11.0 (MicroPython %s in mpbox)' % '.'.join(str(v) for v in _c.implementation[1][:3]))
        own(self, 'api_version', 1013)
        own(self, 'float_info', _FloatInfo((1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021,
                                            -307, 15, 53, 2.220446049250313e-16, 2, 1)))
        own(self, 'int_info', _IntInfo((30, 4, 4300, 640)))
        for name in ('stdin', 'stdout', 'stderr'):
            own(self, '__%s__' % name, getattr(_c, name))  # the streams the program started with
        own(self, 'exc_info', exc_info)
        own(self, 'exception', exception)

    def __setattr__(self, name, value):
        if name in ('stdout', 'stderr'):
            object.__setattr__(self, name, value)
            _route_print()
            return
        setattr(_c, name, value)  # raises where the built-in module refuses
        object.__setattr__(self, name, value)

    def __repr__(self):
        return "<module 'sys' (built-in)>"


# sys.stdout = io.StringIO() (or any object with write()): the built-in
# module's streams cannot be replaced; lib/python/_mpbox_streams.py puts a
# print in front of the current one, at the first such assignment.
def _route_print():
    import _mpbox_streams
    _mpbox_streams.route(_mpbox_replace, _c)


_mpbox_replace = _Sys()
