# Exceptions as CPython has them, where the guest's C types cannot be
# changed from Python (preloaded while the start-up image is built,
# lib/python/_preload.txt):
# - guest/excprint prints a KeyError's one argument with repr(), as
#   CPython's str(KeyError('b')) is "'b'": it needs the KeyError type's
#   address, handed over here; guest/errtext needs CPython's texts for
#   ZeroDivisionError and int(), kept here;
# - UnboundLocalError, RecursionError, the warning categories and others
#   MicroPython lacks: built-in types made as MicroPython makes its own,
#   so that the guest can raise the first two where it raised NameError
#   and RuntimeError;
# - OSError's subclasses (FileNotFoundError, PermissionError, ...): the
#   guest raises plain OSError(errno) from open() and the os functions;
#   those are wrapped here to raise the subclass CPython raises, with
#   CPython's message: [Errno 2] No such file or directory: 'x'.
# - exception chaining (guest/excchain, host/exc.c): the qstrs of
#   __cause__, __context__, __suppress_context__ and __traceback__, the
#   lines that link a printed chain and the text printed when printing an
#   exception raised, handed over here.
# Written for mpbox.
import builtins
import os


def _exception_type(name, base):
    """A built-in exception type `name` below the built-in `base`, made
    as MicroPython makes its own: a copy of base's type object with the
    new name and base as its parent. The guest raises it (guest/errtext
    12.), so it must be a native type: a class defined in Python has
    instances of another layout. mp_obj_type_t (py/obj.h): {type, flags
    (u16), name (u16 qstr), 12 slot indexes (u8, 1-based: make_new print
    call unary_op binary_op attr subscr iter buffer protocol parent
    locals_dict), slots}. The copy lives in a bytearray's data, kept by
    this module (_KEEP)."""
    import uctypes
    old = uctypes.bytearray_at(id(base), 20)
    parent = old[18]
    n = max(old[8:20])
    words = uctypes.bytearray_at(id(base) + 20, 4 * n)

    def word(i):
        return int.from_bytes(words[4 * i:4 * i + 4], 'little')
    if old[8] == 0 or parent == 0 or word(parent - 1) != id(base.__bases__[0]):
        raise RuntimeError('_mpbox_exc: %s is not laid out as expected' % base.__name__)
    mem = bytearray(old) + bytearray(words)
    setattr(_Names, name, None)  # interns the name: a class's keys are qstrs, (number << 3) | 2
    qstr = [id(k) for k in _Names.__dict__ if k == name][0] >> 3
    mem[6:8] = qstr.to_bytes(2, 'little')
    mem[20 + 4 * (parent - 1):24 + 4 * (parent - 1)] = id(base).to_bytes(4, 'little')
    _KEEP.append(mem)
    address = uctypes.addressof(mem)
    box = [None]  # the object at that address: stored in a list's slot and read back
    uctypes.bytearray_at(int.from_bytes(uctypes.bytearray_at(id(box) + 12, 4), 'little'), 4)[:] = \
        address.to_bytes(4, 'little')
    return box[0]


class _Names:
    # interns the attribute names: the keys of this class's dict are qstrs
    __cause__ = __context__ = __suppress_context__ = __traceback__ = _mpbox_handled = None


_KEEP = []
_made = {}
# CPython's built-in exception classes MicroPython lacks, each below its
# base (the guest raises the first two: guest/errtext 12.); warnings.py
# takes the warning categories from here
for _name, _base in (('UnboundLocalError', 'NameError'), ('RecursionError', 'RuntimeError'),
                     ('ReferenceError', 'Exception'), ('SystemError', 'Exception'),
                     ('BufferError', 'Exception'), ('FloatingPointError', 'ArithmeticError'),
                     ('TabError', 'IndentationError'), ('Warning', 'Exception'),
                     ('UserWarning', 'Warning'), ('DeprecationWarning', 'Warning'),
                     ('PendingDeprecationWarning', 'Warning'), ('SyntaxWarning', 'Warning'),
                     ('RuntimeWarning', 'Warning'), ('FutureWarning', 'Warning'),
                     ('ImportWarning', 'Warning'), ('UnicodeWarning', 'Warning'),
                     ('BytesWarning', 'Warning'), ('ResourceWarning', 'Warning'),
                     ('EncodingWarning', 'Warning')):
    # a name set on builtins is found by name lookups, not by getattr(builtins, ...)
    _made[_name] = _exception_type(_name, _made.get(_base) or getattr(builtins, _base))
    setattr(builtins, _name, _made[_name])
del _name, _base


# CPython's texts that guest/errtext puts in place of MicroPython's, in
# the order of its table: ZeroDivisionError's by operation, int()'s
# format, the texts with MicroPython's arguments, what host/exc.c picks
# for binary operations, then float()'s. NUL-terminated, kept alive by
# this module.
_TEXTS = (b'division by zero\x00', b'integer division or modulo by zero\x00', b'integer modulo by zero\x00',
          b'float division by zero\x00', b'float floor division by zero\x00', b'float modulo\x00',
          b'float divmod()\x00', b'0.0 cannot be raised to a negative power\x00',
          b'invalid literal for int() with base %d: \x00',
          # same arguments as MicroPython's texts (guest/errtext's same_args)
          b"'%s' object is not subscriptable\x00", b"'%s' object is not iterable\x00",
          b"'%s' object is not callable\x00", b"name '%q' is not defined\x00",
          b'%q indices must be integers or slices, not %s\x00',
          b"'%s' object does not support item assignment\x00",
          # a binary operation no type supports (host/exc.c picks one)
          b"unsupported operand type(s) for %s: '%s' and '%s'\x00",
          b'can only concatenate %s (not "%s") to %s\x00',
          b"'%s' not supported between instances of '%s' and '%s'\x00",
          b"can't multiply sequence by non-int of type '%s'\x00") + tuple(
    # the operators' symbols, by number (py/runtime0.h), empty where none
    [(s + '\x00').encode() for s in (
        '<', '>', '', '<=', '>=', '', '', '', '',
        '|=', '^=', '&=', '<<=', '>>=', '+=', '-=', '*=', '@=', '//=', '/=', '%=', '**=',
        '|', '^', '&', '<<', '>>', '+', '-', '*', '@', '//', '/', '%', '** or pow()', 'divmod()')]) + (
    # float('abc') (guest/errtext: T_FLOAT_LITERAL, after the symbols)
    b"could not convert string to float: '%.*s'\x00",
    # a unary operator the type lacks, by number (py/runtime0.h: + - ~ not
    # bool len hash abs), None where MicroPython's text stays
    b"bad operand type for unary +: '%s'\x00", b"bad operand type for unary -: '%s'\x00",
    b"bad operand type for unary ~: '%s'\x00", None, None, None, b"unhashable type: '%s'\x00",
    b"bad operand type for abs(): '%s'\x00",
    # unpacking too few values, plain and starred; a format code the type
    # lacks; a dict changed while iterated: its text and exception type
    b'not enough values to unpack (expected %d, got %d)\x00',
    b'not enough values to unpack (expected at least %d, got %d)\x00',
    b"Unknown format code '%c' for object of type '%s'\x00",
    b'dictionary changed size during iteration\x00', RuntimeError,
    # guest/errtext's late_texts: str.format's, next(), slices, '%', int()'s
    # base, range(), heapq.heappop(), bytes()
    b'cannot switch from manual field specification to automatic field numbering\x00',
    b'cannot switch from automatic field numbering to manual field specification\x00',
    b"Single '}' encountered in format string\x00",
    b"'%s' object is not an iterator\x00", b'slice step cannot be zero\x00',
    b'not enough arguments for format string\x00', b'not all arguments converted during string formatting\x00',
    b'int() base must be >= 2 and <= 36, or 0\x00', b'range() arg 3 must not be zero\x00', b'index out of range\x00',
    b'bytes must be in range(0, 256)\x00',
    # max() and min() of an empty sequence
    b'max() arg is an empty sequence\x00', b'min() arg is an empty sequence\x00',
    # complex() of a text that is no number (guest/errtext 5.)
    b'complex() arg is a malformed string\x00',
    # the types of an unassigned local's raise and of the recursion limit's
    # (guest/errtext 12.)
    _made['UnboundLocalError'], _made['RecursionError'])


# The lines between the exceptions of a printed chain, as CPython's, and
# what ends an exception's line when printing it raised.
_LINKS = (b'\nThe above exception was the direct cause of the following exception:\n\n\x00',
          b'\nDuring handling of the above exception, another exception occurred:\n\n\x00',
          b'<exception str() failed>\n\x00')


def _exc_line(e):
    # the last line of a traceback for an instance of a Python class, as
    # CPython writes it: the class (with its module unless __main__ or
    # builtins), then str(e); host/exc.c prints it. Never raises.
    try:
        t = type(e)
        name = t.__name__
        mod = getattr(t, '__module__', None)
        if mod and mod not in ('__main__', 'builtins'):
            name = mod + '.' + name
        try:
            s = str(e)
        except BaseException:
            s = '<exception str() failed>'
        return name + ': ' + s if s else name
    except BaseException:
        return None


# TypeErrors of stores and deletes of the chain's attributes that CPython
# refuses, by host/exc.c's number (R_CAUSE ...).
_REFUSALS = ('exception cause must be None or derive from BaseException',
             'exception context must be None or derive from BaseException',
             'attribute value type must be bool',
             '__cause__ may not be deleted', '__context__ may not be deleted',
             "can't delete numeric/char attribute", '__traceback__ may not be deleted')


def _refuse(which):
    raise TypeError(_REFUSALS[which])


def _make_cause(c):
    # `raise X from c`, c neither None nor an exception (host/exc.c):
    # (cause, None) for an exception class, instantiated as CPython does,
    # else (None, the exception raised in place of X). Never raises.
    try:
        if isinstance(c, type) and issubclass(c, BaseException):
            return (c(), None)
        return (None, TypeError('exception causes must derive from BaseException'))
    except Exception as e:
        return (None, e)


# guest/errtext asks _call_text for the text of an error in a call's
# arguments (MicroPython's "function missing required positional argument
# #0"); lib/python/_mpbox_callargs.py words it, imported at the first such
# error (so that the start-up image does not carry it). None: MicroPython's.
def _call_text(kind, f, a, b):
    try:
        import _mpbox_callargs
        return _mpbox_callargs.text(kind, f, a, b)
    except Exception:
        return None


def _register():
    import js
    import uctypes

    def data(obj):
        # bytes and bytearray: the address of their data (the word at 12)
        return int.from_bytes(uctypes.bytearray_at(id(obj) + 12, 4), 'little')

    global _TEXT_TABLE
    _TEXT_TABLE = bytearray(b''.join([(id(t) if isinstance(t, type) else data(t) if t else 0).to_bytes(4, 'little')
                                      for t in _TEXTS]))
    js.mpbox_internal('exc_types', '%d' % id(KeyError))
    js.mpbox_internal('error_texts', '%d' % data(_TEXT_TABLE))

    # id() of a qstr object is the object itself: (qstr << 3) | 2
    names = {}
    for k in _Names.__dict__:
        names[k] = id(k) >> 3
    words = [names['__cause__'], names['__context__'], names['__suppress_context__'],
             names['__traceback__'], data(_LINKS[0]), data(_LINKS[1]), data(_LINKS[2]),
             names['_mpbox_handled'], id(_exc_line), id(_refuse),
             id(_make_cause)]
    global _EXC_TABLE
    _EXC_TABLE = bytearray(b''.join([w.to_bytes(4, 'little') for w in words]))
    js.mpbox_internal('exc_table', '%d' % data(_EXC_TABLE))
    js.mpbox_internal('call_text_hook', '%d' % id(_call_text))


_register()
del _register, _Names

# errno (Linux numbers, as this build's errno module has them):
# (CPython's message, the OSError subclass raised for it or None)
_ERRORS = {
    1: ('Operation not permitted', 'PermissionError'),
    2: ('No such file or directory', 'FileNotFoundError'),
    3: ('No such process', 'ProcessLookupError'),
    4: ('Interrupted system call', 'InterruptedError'),
    5: ('Input/output error', None),
    9: ('Bad file descriptor', None),
    10: ('No child processes', 'ChildProcessError'),
    11: ('Resource temporarily unavailable', 'BlockingIOError'),
    12: ('Cannot allocate memory', None),
    13: ('Permission denied', 'PermissionError'),
    17: ('File exists', 'FileExistsError'),
    18: ('Invalid cross-device link', None),
    20: ('Not a directory', 'NotADirectoryError'),
    21: ('Is a directory', 'IsADirectoryError'),
    22: ('Invalid argument', None),
    24: ('Too many open files', None),
    27: ('File too large', None),
    28: ('No space left on device', None),
    30: ('Read-only file system', None),
    32: ('Broken pipe', 'BrokenPipeError'),
    36: ('File name too long', None),
    39: ('Directory not empty', None),
    103: ('Software caused connection abort', 'ConnectionAbortedError'),
    104: ('Connection reset by peer', 'ConnectionResetError'),
    110: ('Connection timed out', 'TimeoutError'),
    111: ('Connection refused', 'ConnectionRefusedError'),
}


def _str(self):
    # OSError(errno, strerror[, filename[, winerror, filename2]])
    a = self.args
    if len(a) >= 2 and type(a[0]) is int:
        s = '[Errno %d] %s' % (a[0], a[1])
        name = self.filename
        if name is not None:
            s += ': %r' % (name,)
            if self.filename2 is not None:
                s += ' -> %r' % (self.filename2,)
        return s
    if not a:
        return ''
    return str(a[0]) if len(a) == 1 else str(a)


def _strerror(self):
    a = self.args
    return a[1] if len(a) >= 2 and type(a[0]) is int else None


_unset = object()


def _arg(i, name):
    # OSError(errno, strerror, filename, winerror, filename2): the file
    # names come from the arguments unless set (open() and os set them)
    def get(self):
        v = getattr(self, name, _unset)
        if v is _unset:
            a = self.args
            return a[i] if len(a) > i and type(a[0]) is int else None
        return v

    def put(self, v):
        setattr(self, name, v)

    return property(get, put)


_members = {'__str__': _str, 'strerror': property(_strerror), 'filename': _arg(2, '_filename'),
            'filename2': _arg(4, '_filename2')}
# builtins assigned to are found by name lookup, not as attributes: keep them
_classes = {}
for _name, _base in (('BlockingIOError', OSError), ('ChildProcessError', OSError),
                     ('ConnectionError', OSError), ('BrokenPipeError', 'ConnectionError'),
                     ('ConnectionAbortedError', 'ConnectionError'),
                     ('ConnectionRefusedError', 'ConnectionError'),
                     ('ConnectionResetError', 'ConnectionError'), ('FileExistsError', OSError),
                     ('FileNotFoundError', OSError), ('InterruptedError', OSError),
                     ('IsADirectoryError', OSError), ('NotADirectoryError', OSError),
                     ('PermissionError', OSError), ('ProcessLookupError', OSError),
                     ('TimeoutError', OSError)):
    if type(_base) is str:
        _base = _classes[_base]
    _cls = type(_name, (_base,), dict(_members))
    _cls.__module__ = 'builtins'
    _classes[_name] = _cls
    setattr(builtins, _name, _cls)
del _name, _base, _cls, _members


# CPython's codec errors: UnicodeError subclasses built from (encoding,
# object, start, end, reason), which word their str() from those
def _codec_str(self):
    what = 'decode' if isinstance(self, UnicodeDecodeError) else 'encode'
    obj, start, end = self.object, self.start, self.end
    if end - start == 1 and 0 <= start < len(obj):
        if isinstance(obj, str):
            o = ord(obj[start])
            where = "character '%s'" % (('\\x%02x' if o < 256 else '\\u%04x' if o < 65536 else '\\U%08x') % o)
        else:
            where = 'byte 0x%02x' % obj[start]
        where += ' in position %d' % start
    else:
        where = '%s in position %d-%d' % ('characters' if isinstance(obj, str) else 'bytes', start, end - 1)
    if isinstance(self, UnicodeTranslateError):
        return "can't translate %s: %s" % (where, self.reason)
    return "'%s' codec can't %s %s: %s" % (self.encoding, what, where, self.reason)


def _codec_fields(self, kinds, args):
    if len(args) != len(kinds):
        raise TypeError('function takes exactly %d arguments (%d given)' % (len(kinds), len(args)))
    for k, v in zip(kinds, args):
        setattr(self, k, v)


class UnicodeEncodeError(UnicodeError):
    def __init__(self, *args):
        super().__init__(*args)
        _codec_fields(self, ('encoding', 'object', 'start', 'end', 'reason'), args)

    __str__ = _codec_str


class UnicodeDecodeError(UnicodeError):
    def __init__(self, *args):
        super().__init__(*args)
        _codec_fields(self, ('encoding', 'object', 'start', 'end', 'reason'), args)

    __str__ = _codec_str


class UnicodeTranslateError(UnicodeError):
    def __init__(self, *args):
        super().__init__(*args)
        _codec_fields(self, ('object', 'start', 'end', 'reason'), args)

    __str__ = _codec_str


for _cls in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError):
    _cls.__module__ = 'builtins'
    setattr(builtins, _cls.__name__, _cls)
del _cls
# CPython's old names of OSError are that class itself.
builtins.IOError = builtins.EnvironmentError = OSError


def _error(e, name, name2=None):
    # the CPython exception for OSError e raised on path `name`
    a = e.args
    if len(a) != 1 or type(a[0]) is not int or a[0] not in _ERRORS:
        return e
    text, cls = _ERRORS[a[0]]
    new = (_classes[cls] if cls else OSError)(a[0], text)
    if cls:
        new.filename = name
        new.filename2 = name2
    return new


# A path reaches the host as a C string: one with a NUL would name the
# file before the NUL ('a.txt\0.py' opened 'a.txt'). CPython refuses it.
def _no_nul(path):
    if type(path) is str and '\0' in path or type(path) is bytes and b'\0' in path:
        raise ValueError('embedded null byte')


# A path object (pathlib.Path, os.DirEntry, any class with __fspath__) as
# its text, as CPython's open() and os functions take it; anything else as
# it is, for the guest to take or refuse.
def _path(p):
    if type(p) is str or type(p) is bytes or type(p) is int:
        return p
    f = getattr(type(p), '__fspath__', None)
    return p if f is None else f(p)


# The new exception is raised after the except block, so that its
# __context__ is what the caller was handling, as in CPython.
def _wrap1(fn):
    def call(*args, **kwargs):
        if args:
            args = (_path(args[0]),) + args[1:]
            _no_nul(args[0])
        try:
            return fn(*args, **kwargs)
        except OSError as e:
            err = e
        raise _error(err, args[0] if args else None)
    return call


def _wrap2(fn):
    def call(src, dst):
        src, dst = _path(src), _path(dst)
        _no_nul(src)
        _no_nul(dst)
        try:
            return fn(src, dst)
        except OSError as e:
            err = e
        raise _error(err, src, dst)
    return call


builtins.open = _wrap1(builtins.open)
for _name in ('chdir', 'listdir', 'mkdir', 'remove', 'rmdir', 'stat', 'statvfs', 'unlink', 'ilistdir'):
    if hasattr(os, _name):
        setattr(os, _name, _wrap1(getattr(os, _name)))
os.rename = _wrap2(os.rename)
del _name


# A missing module: CPython raises ModuleNotFoundError, a subclass of
# ImportError, "No module named 'x'" with the name in .name, and for a name
# that a module lacks (from pkg import x) ImportError "cannot import name 'x'
# from 'pkg' (file)". MicroPython raises ImportError("no module named 'x'")
# (for the second, 'pkg.x'): the import statement's __import__ turns it into
# CPython's exception, so that `except ModuleNotFoundError` catches it.
ModuleNotFoundError = type('ModuleNotFoundError', (ImportError,), {})
ModuleNotFoundError.__module__ = 'builtins'
builtins.ModuleNotFoundError = ModuleNotFoundError
_import = builtins.__import__
_NO_MODULE = "no module named '"


def _import_error(e, name, fromlist):
    a = e.args
    text = a[0] if len(a) == 1 and type(a[0]) is str else ''
    if type(e) is not ImportError or not text.startswith(_NO_MODULE) or not text.endswith("'"):
        return e
    what = text[len(_NO_MODULE):-1]
    # from pkg import x: a name x the package lacks, which MicroPython looks
    # for as the module 'pkg.x' (with fromlist True)
    pkg, _, item = what.rpartition('.')
    if pkg and (fromlist is True and what == name or type(fromlist) is tuple and pkg == name and item in fromlist):
        import sys
        where = getattr(sys.modules.get(pkg), '__file__', None) or 'unknown location'
        return ImportError("cannot import name '%s' from '%s' (%s)" % (item, pkg, where))
    new = ModuleNotFoundError("No module named '%s'" % what)
    new.name = what
    return new


# Fixed parameters, no *args: an import statement makes no garbage.
def __import__(name, globals=None, locals=None, fromlist=None, level=0):
    try:
        return _import(name, globals, locals, fromlist, level)
    except ImportError as e:
        err = _import_error(e, name, fromlist)
    raise err


builtins.__import__ = __import__
