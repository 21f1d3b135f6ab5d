# CPython methods the guest's built-in types lack (str.ljust, str.title,
# int.bit_length, ...), grafted into the types themselves
# when the start-up image is built (lib/python/_preload.txt): "x".ljust(5)
# works with no import and costs a session nothing.
#
# A built-in type's methods live in a constant dict in the guest's memory
# (the type object's locals_dict slot). For each type this module builds a
# new dict holding the old entries and the new functions, laid out as the
# constant one (an ordered table, old entries first), and points the slot at
# it (uctypes writes the memory). A Python function found in a
# type's dict binds like a method. The type object's layout
# (MicroPython 1.27, py/obj.h) is checked before anything is written: the
# slot must hold a dict whose entries are exactly the type's attributes,
# else the image build fails. The new dicts are fixed (no attribute can be
# added to a built-in type afterwards) and kept alive by this module.
# float, complex and bool have no locals_dict slot at all (and the type
# objects cannot grow one), so float.is_integer() and friends are not here.
# Written for mpbox.
import builtins
import uctypes

# Identifiers here are names the guest has interned already where possible:
# every new name is a new entry in MicroPython's dynamic name table, which
# creating a string searches linearly (each costs every session a little).

# mp_obj_type_t: base (4 bytes), flags (u16), name (u16), then 12 one-byte
# slot indices of which locals_dict is the last (byte 19), then the slots
# (4 bytes each; index i is slots[i - 1], from byte 20).


def read(a):
    # the 32-bit word at address a
    return int.from_bytes(uctypes.bytearray_at(a, 4), 'little')


def write(a, v):
    uctypes.bytearray_at(a, 4)[:] = v.to_bytes(4, 'little')


def items(d):
    # (address, key word, value word) of each entry of the dict at address
    # d: mp_obj_dict_t is base, then the map {bits | used << 3, alloc, table}
    t = read(d + 12)
    out = []
    for i in range(read(d + 8)):
        e = t + 8 * i
        k = read(e)
        if k != 0 and k != 8:  # MP_OBJ_NULL, MP_OBJ_SENTINEL (deleted)
            out.append((e, k, read(e + 4)))
    return out


class _names:
    pass


def _key(name):
    # The key word of the interned name: a string literal may be a heap
    # string, an attribute name never is, and method lookups compare
    # interned names by identity.
    obj = object()
    setattr(_names, name, obj)
    try:
        for e, k, v in items(id(_names.__dict__)):
            if v == id(obj) and k & 7 == 2:
                return k
    finally:
        delattr(_names, name)
    raise RuntimeError('_mpbox_types: cannot intern ' + name)


def graft(cls, new):
    """Add the methods of dict `new` (name -> function, staticmethod,
    classmethod, or the address of a built-in function object) to the
    built-in type `cls`; existing names are replaced."""
    a = id(cls)
    if read(a) != id(type):
        raise RuntimeError('_mpbox_types: %r is not a type object' % (cls,))
    i = uctypes.bytearray_at(a + 19, 1)[0]
    if i == 0:
        raise RuntimeError('_mpbox_types: %r has no locals dict' % (cls,))
    at = a + 20 + 4 * (i - 1)
    old = items(read(at))
    if read(read(at)) != id(dict):
        raise RuntimeError('_mpbox_types: the locals slot of %r does not hold a dict' % (cls,))
    # Every entry must map an interned name of the type's to a built-in
    # function, classmethod or staticmethod object (a pointer to an object
    # whose type is named so).
    kind = (_key('function') >> 3, _key('classmethod') >> 3, _key('staticmethod') >> 3)
    names = set(_key(n) for n in dir(cls))
    for e, k, v in old:
        if k & 7 != 2 or k not in names:
            raise RuntimeError('_mpbox_types: a key of %r is not one of its names' % (cls,))
        if v & 3 or v == 0 or read(read(v)) != id(type) or read(read(v) + 4) >> 16 not in kind:
            raise RuntimeError('_mpbox_types: an entry of %r is not a method' % (cls,))
    # A new table laid out as the constant one, an ordered map: the old
    # entries first, in their order (new values where replaced), then the
    # added names. Lookups scan it as before, so the old methods cost what
    # they did. Its storage is a dict's, which this module keeps alive.
    value = {}
    for e, k, v in old:
        value[k] = v
    keys = [k for e, k, v in old]
    for name, f in new.items():
        k = _key(name)
        if k not in value:
            keys.append(k)
        value[k] = f if type(f) is int else id(f)
    d = {}
    for name in dir(cls) + list(new):
        d[name] = new.get(name)
    t = read(id(d) + 12)
    if read(id(d) + 8) < len(keys):
        raise RuntimeError('_mpbox_types: cannot lay out the methods of %r' % (cls,))
    for i in range(read(id(d) + 8)):
        k = keys[i] if i < len(keys) else 0
        write(t + 8 * i, k)
        write(t + 8 * i + 4, value[k] if k else 0)
    # map bits: all keys interned (1), fixed (2: no attribute can be stored
    # on the type afterwards, as before), ordered (4); then the count.
    write(id(d) + 4, 7 | len(keys) << 3)
    heap.append((d, new))
    write(at, id(d))


heap = []  # the new tables and their methods, kept alive


# ---- str -------------------------------------------------------------------
# CPython's str methods take their arguments by position only (except
# expandtabs' tabsize), so their parameters may be named freely here.

def _one(c):
    if type(c) is not str or len(c) != 1:
        raise TypeError('The fill character must be exactly one character long')
    return c


def _index(n):
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    return n


def check(s, what):
    if not isinstance(s, str):
        raise TypeError('%s() argument must be str, not %s' % (what, type(s).__name__))


def ljust(self, n, fill=' '):
    n = _index(n) - len(self)
    return self + _one(fill) * n if n > 0 else self


def rjust(self, n, fill=' '):
    n = _index(n) - len(self)
    return _one(fill) * n + self if n > 0 else self


def center(self, n, fill=' '):
    k = _index(n) - len(self)
    _one(fill)
    if k <= 0:
        return self
    left = k // 2 + (k & n & 1)
    return fill * left + self + fill * (k - left)


def zfill(self, n):
    n = _index(n) - len(self)
    if n <= 0:
        return self
    if self and self[0] in '+-':
        return self[0] + '0' * n + self[1:]
    return '0' * n + self


def title(self):
    out = []
    last = False  # the previous character is cased
    for c in self:
        out.append(c.lower() if last else c.upper())
        last = c.isupper() or c.islower()
    return ''.join(out)


def istitle(self):
    last = False
    seen = False
    for c in self:
        if c.isupper():
            if last:
                return False
            last = seen = True
        elif c.islower():
            if not last:
                return False
            last = seen = True
        else:
            last = False
    return seen


def capitalize(self):
    return self[:1].upper() + self[1:].lower()


def swapcase(self):
    return ''.join(c.lower() if c.isupper() else c.upper() if c.islower() else c for c in self)


def casefold(self):
    return self.lower()


def isalnum(self):
    if not self:
        return False
    for c in self:
        if not (c.isalpha() or c.isdigit()):
            return False
    return True


def isascii(self):
    for c in self:
        if ord(c) > 127:
            return False
    return True


def isdecimal(self):
    return self.isdigit()


def isnumeric(self):
    return self.isdigit()


def isidentifier(self):
    if not self or self[0].isdigit():
        return False
    for c in self:
        if not (c.isalpha() or c.isdigit() or c == '_' or ord(c) > 127):
            return False
    return True


def isprintable(self):
    for c in self:
        i = ord(c)
        if i < 32 or 127 <= i <= 160 or i == 173:
            return False
    return True


def removeprefix(self, s):
    check(s, 'removeprefix')
    return self[len(s):] if s and self.startswith(s) else self[:]


def removesuffix(self, s):
    check(s, 'removesuffix')
    return self[:len(self) - len(s)] if s and self.endswith(s) else self[:]


def expandtabs(self, tabsize=8):
    out = []
    pos = 0  # column
    for c in self:
        if c == '\t':
            if tabsize > 0:
                n = tabsize - pos % tabsize
                out.append(' ' * n)
                pos += n
        elif c == '\n' or c == '\r':
            out.append(c)
            pos = 0
        else:
            out.append(c)
            pos += 1
    return ''.join(out)


def maketrans(x, y=None, c=None):
    t = {}
    if y is None:
        if c is not None or type(x) is not dict:
            raise TypeError('if you give only one argument to maketrans it must be a dict')
        for k, v in x.items():
            if type(k) is str:
                if len(k) != 1:
                    raise ValueError('string keys in translate table must be of length 1')
                k = ord(k)
            elif type(k) is not int:
                raise TypeError('keys in translate table must be strings or integers')
            t[k] = v
        return t
    if type(x) is not str or type(y) is not str:
        raise TypeError('maketrans() argument must be str')
    if len(x) != len(y):
        raise ValueError('the first two maketrans arguments must have equal length')
    for a, b in zip(x, y):
        t[ord(a)] = ord(b)
    if c is not None:
        for a in c:
            t[ord(a)] = None
    return t


def translate(self, t):
    out = []
    for c in self:
        try:
            r = t[ord(c)]
        except LookupError:
            out.append(c)
            continue
        if r is None:
            continue
        if type(r) is int:
            out.append(chr(r))
        elif type(r) is str:
            out.append(r)
        else:
            raise TypeError('character mapping must return integer, None or str')
    return ''.join(out)


def fields(text):
    # the names of the replacement fields of a format string, those of
    # fields nested in format specs included
    out = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != '{':
            i += 1
            continue
        if i + 1 < n and text[i + 1] == '{':
            i += 2
            continue
        j = i + 1
        k = 1  # nesting
        while j < n and k:
            if text[j] == '{':
                k += 1
            elif text[j] == '}':
                k -= 1
            j += 1
        part = text[i + 1:j - 1]
        k = 0
        while k < len(part) and part[k] not in '.[!:':
            k += 1
        out.append(part[:k])
        if '{' in part[k:]:
            out.extend(fields(part[k:][part[k:].index('{'):]))
        i = j
    return out


def _get(d, k):
    # d[k], with a dict subclass's __missing__ (which MicroPython's dict
    # does not call)
    try:
        return d[k]
    except KeyError:
        fn = getattr(type(d), '__missing__', None)
        if fn is None:
            raise
        return fn(d, k)


def format_map(self, d):
    kwargs = {}
    for name in fields(self):
        if name == '' or name.isdigit():
            raise ValueError('Format string contains positional fields')
        if name not in kwargs:
            kwargs[name] = _get(d, name)
    return self.format(**kwargs)


# ---- encode / decode -----------------------------------------------------------
# MicroPython's str.encode and bytes.decode take no keywords and ignore the
# encoding (always UTF-8) and the error handler. These take CPython's
# arguments and do utf-8, ascii and latin-1 with the error handlers strict,
# replace, ignore, backslashreplace and xmlcharrefreplace/surrogateescape.

_codec_base = (str.encode, bytes.decode)
_codec_names = {'utf8': 'utf-8', 'utf-8': 'utf-8', 'u8': 'utf-8', 'utf': 'utf-8', 'cp65001': 'utf-8',
                'ascii': 'ascii', 'us-ascii': 'ascii', '646': 'ascii',
                'latin-1': 'latin-1', 'latin1': 'latin-1', 'iso-8859-1': 'latin-1', 'iso8859-1': 'latin-1',
                'l1': 'latin-1', '8859': 'latin-1', 'cp819': 'latin-1', 'latin': 'latin-1'}


def _codec(encoding):
    if type(encoding) is not str:
        raise TypeError("encode() argument 'encoding' must be str, not " + type(encoding).__name__)
    name = _codec_names.get(encoding.lower().replace('_', '-').replace(' ', '-'))
    if name is None:
        raise LookupError('unknown encoding: ' + encoding)
    return name


def _unicode_error(kind, name, data, i, j, why, errors):
    # what an unencodable or undecodable run data[i:j] raises: the error
    # of errors='strict', or LookupError for a handler CPython does not
    # have (it looks the handler up only when it needs one)
    if errors != 'strict':
        return LookupError("unknown error handler name '%s'" % errors)
    import _mpbox_exc  # its classes: names assigned to builtins are not its attributes
    return getattr(_mpbox_exc, 'Unicode%sError' % kind)(name, data, i, j, why)


def _escape(o):
    # the backslash escape of code point o
    return ('\\x%02x' if o < 256 else '\\u%04x' if o < 65536 else '\\U%08x') % o


def encode(self, encoding='utf-8', errors='strict'):
    name = _codec(encoding)
    if name == 'utf-8':
        return _codec_base[0](self)
    limit = 128 if name == 'ascii' else 256
    out = bytearray()
    n = len(self)
    for i in range(n):
        o = ord(self[i])
        if o < limit:
            out.append(o)
        elif errors == 'replace':
            out.append(63)  # ?
        elif errors == 'backslashreplace':
            out.extend(_escape(o).encode())
        elif errors == 'xmlcharrefreplace':
            out.extend(('&#%d;' % o).encode())
        elif errors != 'ignore':
            j = i + 1
            while j < n and ord(self[j]) >= limit:
                j += 1
            raise _unicode_error('Encode', name, self, i, j, 'ordinal not in range(%d)' % limit, errors)
    return bytes(out)


def _utf8_step(b, i, n):
    # (length, code point) of the valid UTF-8 sequence at b[i], or
    # (-length, reason) for the bytes there that cannot start one (the
    # start byte and the continuation bytes that fit, as CPython counts)
    c = b[i]
    if c < 0x80:
        return 1, c
    if 0xc2 <= c <= 0xdf:
        k, v = 1, c & 0x1f
    elif 0xe0 <= c <= 0xef:
        k, v = 2, c & 0x0f
    elif 0xf0 <= c <= 0xf4:
        k, v = 3, c & 0x07
    else:
        return -1, 'invalid start byte'
    for j in range(1, k + 1):
        if i + j >= n:
            return -j, 'unexpected end of data'
        d = b[i + j]
        if d & 0xc0 != 0x80 or (j == 1 and ((c == 0xe0 and d < 0xa0) or (c == 0xed and d > 0x9f) or
                                            (c == 0xf0 and d < 0x90) or (c == 0xf4 and d > 0x8f))):
            return -j, 'invalid continuation byte'
        v = v << 6 | d & 0x3f
    return k + 1, v


def decode(self, encoding='utf-8', errors='strict'):
    name = _codec(encoding)
    b = bytes(self)
    if name == 'utf-8':
        # MicroPython's decoder takes ASCII as it is, and lets through
        # what CPython refuses (surrogates, overlong forms): anything
        # else is checked below
        try:
            r = _codec_base[1](b)
            if len(r) == len(b):
                return r
        except UnicodeError:
            pass
    n = len(b)
    out = []
    i = 0
    while i < n:
        c = b[i]
        if name == 'utf-8':
            k, v = _utf8_step(b, i, n)
            if k > 0:
                out.append(chr(v))
                i += k
                continue
            k, why = -k, v
        elif c < (128 if name == 'ascii' else 256):
            out.append(chr(c))
            i += 1
            continue
        else:
            k, why = 1, 'ordinal not in range(128)'
        if errors == 'replace':
            out.append('\ufffd')
        elif errors == 'backslashreplace':
            out.append(''.join(_escape(x) for x in b[i:i + k]))
        elif errors == 'surrogateescape':
            out.append(''.join(chr(0xdc00 + x) for x in b[i:i + k]))
        elif errors != 'ignore':
            raise _unicode_error('Decode', name, b, i, i + k, why, errors)
        i += k
    return ''.join(out)


_hex_base = bytes.hex


def _bytes_hex(self, sep=None, bytes_per_sep=1):
    # bytes.hex with CPython's sep and bytes_per_sep (groups counted from
    # the right, or from the left when negative)
    if not self:
        return ''
    h = _hex_base(bytes(self))
    if sep is None:
        return h
    if len(sep) != 1:
        raise ValueError('sep must be length 1.')
    if type(sep) is bytes:
        sep = sep.decode()
    k = abs(_index(bytes_per_sep))
    n = len(h) // 2
    if k == 0 or n == 0:
        return h
    first = n % k or k if bytes_per_sep > 0 else k
    parts = [h[:2 * first]]
    for i in range(first, n, k):
        parts.append(h[2 * i:2 * i + 2 * k])
    return sep.join(parts)


graft(bytes, {'decode': decode, 'hex': _bytes_hex})


# bytearray as the mutable sequence CPython's is (pop, remove, insert,
# reverse, clear, copy), through the guest's slice assignment
def _byte(v):
    v = _index(v)
    if not 0 <= v < 256:
        raise ValueError('byte must be in range(0, 256)')
    return v


def _ba_pop(self, i=-1):
    n = len(self)
    if n == 0:
        raise IndexError('pop from empty bytearray')
    i = _index(i)
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError('pop index out of range')
    v = self[i]
    self[i:i + 1] = b''
    return v


def _ba_remove(self, v):
    i = self.find(bytes((_byte(v),)))
    if i < 0:
        raise ValueError('value not found in bytearray')
    self[i:i + 1] = b''


def _ba_insert(self, i, v):
    n = len(self)
    i = _index(i)
    if i < 0:
        i = max(i + n, 0)
    i = min(i, n)
    self[i:i] = bytes((_byte(v),))


def _ba_reverse(self):
    self[:] = self[::-1]


def _ba_clear(self):
    self[:] = b''


def _ba_copy(self):
    return bytearray(self)


graft(bytearray, {'decode': decode, 'hex': _bytes_hex, 'pop': _ba_pop, 'remove': _ba_remove,
                  'insert': _ba_insert, 'reverse': _ba_reverse, 'clear': _ba_clear, 'copy': _ba_copy})


# io.StringIO and io.BytesIO: the line methods MicroPython's lack
def _readlines(self, hint=-1):
    lines = []
    total = 0
    while True:
        line = self.readline()
        if not line:
            return lines
        lines.append(line)
        total += len(line)
        if hint is not None and 0 < hint <= total:
            return lines


def _writelines(self, lines):
    for line in lines:
        self.write(line)


def _graft_io():
    import io
    for cls in (io.StringIO, io.BytesIO):
        graft(cls, {'readlines': _readlines, 'writelines': _writelines})


_graft_io()


graft(str, {
    'encode': encode, 'ljust': ljust, 'rjust': rjust, 'center': center, 'zfill': zfill, 'title': title,
    'istitle': istitle, 'capitalize': capitalize, 'swapcase': swapcase, 'casefold': casefold,
    'isalnum': isalnum, 'isascii': isascii, 'isdecimal': isdecimal, 'isnumeric': isnumeric,
    'isidentifier': isidentifier, 'isprintable': isprintable, 'removeprefix': removeprefix,
    'removesuffix': removesuffix, 'expandtabs': expandtabs, 'maketrans': staticmethod(maketrans),
    'translate': translate, 'format_map': format_map,
})


# ---- int ---------------------------------------------------------------------

# bin() of a big int takes time quadratic in its size here (15 s for
# 80000 bits): big ints are measured with shifts (bisection) and counted
# from their bytes, both linear per step.
_SMALL = 1 << 62
_bin = builtins.bin  # the guest's (bin below takes __index__)
_POPCOUNT = bytes(_bin(i).count('1') for i in range(256))


def bit_length(self):
    n = -int(self) if self < 0 else int(self)
    if n < _SMALL:
        return len(_bin(n)) - 2 if n else 0
    lo, hi = 62, 124  # n >> lo != 0; find hi with n >> hi == 0
    while n >> hi:
        lo, hi = hi, hi << 1
    while hi - lo > 1:
        mid = (lo + hi) >> 1
        if n >> mid:
            lo = mid
        else:
            hi = mid
    return hi


def bit_count(self):
    n = -int(self) if self < 0 else int(self)
    if n < _SMALL:
        return _bin(n).count('1')
    pop = _POPCOUNT
    c = 0
    for b in base[0](n, (bit_length(n) + 7) >> 3, 'little'):
        c += pop[b]
    return c


def as_integer_ratio(self):
    return (int(self), 1)


def conjugate(self):
    return int(self)


# The built-in to_bytes and from_bytes take no keywords and treat a
# negative number as signed; these check as CPython and call them.
base = (int.to_bytes, int.from_bytes, builtins.pow)


def to_bytes(self, length=1, byteorder='big', *, signed=False):
    if byteorder != 'big' and byteorder != 'little':
        raise ValueError("byteorder must be either 'little' or 'big'")
    n = int(self)
    size = 8 * length
    if n < 0:
        if not signed:
            raise OverflowError("can't convert negative int to unsigned")
        if not size or n < -(1 << (size - 1)):
            raise OverflowError('int too big to convert')
        n += 1 << size
    elif n and (not size or n >= (1 << (size - 1) if signed else 1 << size)):
        raise OverflowError('int too big to convert')
    return base[0](n, length, byteorder)


def from_bytes(cls, data, byteorder='big', *, signed=False):
    if byteorder != 'big' and byteorder != 'little':
        raise ValueError("byteorder must be either 'little' or 'big'")
    data = bytes(data)
    n = base[1](data, byteorder)
    if signed and data and (data[0] if byteorder == 'big' else data[-1]) & 0x80:
        n -= 1 << (8 * len(data))
    return n if cls is int else cls(n)


graft(int, {
    'bit_length': bit_length, 'bit_count': bit_count, 'as_integer_ratio': as_integer_ratio,
    'conjugate': conjugate, 'to_bytes': to_bytes, 'from_bytes': classmethod(from_bytes),
})


# ---- built-in functions -------------------------------------------------------

def format(value, spec=''):
    """format(value, format_spec) as CPython: value.__format__(format_spec)
    for classes that define it, else the built-in formatting."""
    if type(spec) is not str:
        raise TypeError('format() argument 2 must be str, not ' + type(spec).__name__)
    fn = getattr(type(value), '__format__', None) if type(value) not in _plain else None
    if fn is not None:
        r = fn(value, spec)
        if not isinstance(r, str):
            raise TypeError('__format__ must return a str, not ' + type(r).__name__)
        return r
    return _format(value, spec)


_plain = (bool, int, float, complex, str)


def _format(value, spec):
    # the built-in types' formatting (their __format__)
    if type(spec) is not str:
        raise TypeError('format() argument 2 must be str, not ' + type(spec).__name__)
    if not spec:
        return str(value)
    if '{' in spec or '}' in spec:
        raise ValueError('Invalid format specifier')
    if len(spec) > 1 and spec[0] in '<>=^' and spec[1] in '<>=^':
        # MicroPython's parser takes such a fill for the alignment: a
        # stand-in fill the text cannot hold, then the real one
        text = value if isinstance(value, str) else ''
        for c in '\x01\x02\x03\x04\x05\x06\x07\x08':
            if c not in text:
                return _format(value, c + spec[1:]).replace(c, spec[0])
    cls = type(value)
    if cls not in (bool, int, float, complex, str):
        # a class of the program's: its built-in base formats it, and
        # object's __format__ takes no spec
        for t in (int, float, complex, str):
            if isinstance(value, t):
                value = value + t()  # the built-in value (t(value) refuses a subclass)
                break
        else:
            raise TypeError('unsupported format string passed to %s.__format__' % cls.__name__)
    return ('{' + ':' + spec + '}').format(value)


def _field(self, text, args, kwargs, auto):
    # the value of one replacement field, converted and formatted
    n = len(text)
    k = 0
    while k < n and text[k] not in '!:.[':
        k += 1
    first = text[:k]
    if first == '':
        if auto[0] < 0:
            raise ValueError('cannot switch from manual field specification to automatic field numbering')
        if auto[0] >= len(args):
            raise IndexError('Replacement index %d out of range for positional args tuple' % auto[0])
        value = args[auto[0]]
        auto[0] += 1
    elif first.isdigit():
        if auto[0] > 0:
            raise ValueError('cannot switch from automatic field numbering to manual field specification')
        auto[0] = -1
        i = int(first)
        if i >= len(args):
            raise IndexError('Replacement index %d out of range for positional args tuple' % i)
        value = args[i]
    else:
        value = kwargs[first]
    while k < n and text[k] in '.[':
        if text[k] == '.':
            j = k + 1
            while j < n and text[j] not in '.[!:':
                j += 1
            value = getattr(value, text[k + 1:j])
        else:
            j = text.index(']', k)
            key = text[k + 1:j]
            value = value[int(key) if key.isdigit() else key]
            j += 1
        k = j
    if k < n and text[k] == '!':
        c = text[k + 1:k + 2]
        if c == 'r' or c == 'a':
            value = repr(value)
        elif c == 's':
            value = str(value)
        else:
            raise ValueError('Unknown conversion specifier ' + c)
        k += 2
    spec = ''
    if k < n:
        if text[k] != ':':
            raise ValueError("expected ':' after conversion specifier")
        spec = text[k + 1:]
        if '{' in spec:
            spec = _vformat(spec, args, kwargs, auto)
    return format(value, spec)


def _vformat(self, args, kwargs, auto):
    out = []
    i, n, start = 0, len(self), 0
    while i < n:
        c = self[i]
        if c == '{':
            out.append(self[start:i])
            if i + 1 < n and self[i + 1] == '{':
                out.append('{')
                i += 2
                start = i
                continue
            j = i + 1
            k = 1  # nesting
            while j < n:
                if self[j] == '{':
                    k += 1
                elif self[j] == '}':
                    k -= 1
                    if k == 0:
                        break
                j += 1
            if j >= n:
                if i + 1 == n:
                    raise ValueError("Single '{' encountered in format string")
                raise ValueError("expected '}' before end of string")
            out.append(_field(self, self[i + 1:j], args, kwargs, auto))
            i = j + 1
            start = i
        elif c == '}':
            if i + 1 < n and self[i + 1] == '}':
                out.append(self[start:i + 1])
                i += 2
                start = i
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            i += 1
    out.append(self[start:])
    return ''.join(out)


def _format_hook(self, *args, **kwargs):
    # str.format with an argument of a class defined in Python (the guest
    # sends those calls here, guest/numfmt.c): CPython's format protocol
    return _vformat(self, args, kwargs, [0])


def pow(x, y, mod=None):
    if mod is None:
        return x ** y
    if type(y) is int and y < 0 and type(x) is int and type(mod) is int:
        # the modular inverse (Python 3.8+), then the power
        if mod == 0:
            raise ValueError('pow() 3rd argument cannot be 0')
        m = abs(mod)
        a, b, lo, hi = x % m, m, 1, 0
        while b:
            q = a // b
            a, b = b, a - q * b
            lo, hi = hi, lo - q * hi
        if a != 1:
            raise ValueError('base is not invertible for the given modulus')
        r = base[2](lo % m, -y, m)
        return r - m if mod < 0 and r else r
    return base[2](x, y, mod)


def ascii(obj):
    # repr() with the characters above ASCII escaped (repr() leaves the
    # printable ones as they are, as CPython's does: guest/strrepr)
    r = repr(obj)
    out = []
    for c in r:
        n = ord(c)
        if n < 0x80:
            out.append(c)
        elif n < 0x100:
            out.append('\\x%02x' % n)
        elif n < 0x10000:
            out.append('\\u%04x' % n)
        else:
            out.append('\\U%08x' % n)
    return ''.join(out)


class callable_iterator:
    # iter(f, sentinel): f() until it returns the sentinel
    def __init__(self, f, sentinel):
        self.f = f
        self.sentinel = sentinel

    def __iter__(self):
        return self

    def __next__(self):
        f = self.f
        if f is None:
            raise StopIteration
        v = f()
        if v == self.sentinel:
            self.f = None
            raise StopIteration
        return v


_iter = builtins.iter


def iter(*args):
    if len(args) == 1:
        return _iter(args[0])
    if len(args) != 2:
        raise TypeError('iter expected at %s, got %d' % (
            'least 1 argument' if not args else 'most 2 arguments', len(args)))
    if not callable(args[0]):
        raise TypeError('iter(v, w): v must be callable')
    return callable_iterator(*args)


_reversed = builtins.reversed
_VIEW = type({}.keys())


def reversed(seq):
    # a dict and its views iterate backwards in CPython (3.8+); the guest's
    # reversed() would index them
    if isinstance(seq, dict) or type(seq) is _VIEW:
        return _iter(list(seq)[::-1])
    return _reversed(seq)


# bin(), oct(), hex() take an object with __index__ as CPython's; the
# guest's format '{:#b}' or ask for __int__
_radix = (_bin, builtins.oct, builtins.hex)


def _as_index(number):
    if isinstance(number, int):
        return number
    index = getattr(type(number), '__index__', None)
    if index is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(number).__name__)
    return index(number)


def bin(number):
    return _radix[0](_as_index(number))


def oct(number):
    return _radix[1](_as_index(number))


def hex(number):
    return _radix[2](_as_index(number))


builtins.format = format
builtins.bin = bin
builtins.oct = oct
builtins.hex = hex
builtins.pow = pow
builtins.ascii = ascii
builtins.iter = iter
builtins.reversed = reversed


# Special methods CPython's built-in types answer to as attributes
# (max(range(n), key=values.__getitem__), (255).__format__('x')); the
# operators themselves do not look at these.
# For an instance of a Python subclass the operator would call the
# subclass's own method again (dict.__setitem__(self, k, v) inside an
# override of __setitem__): such an instance is seen as its built-in base,
# through super() from the last class of its MRO above that base.
_BASES = (str, tuple, list, dict)


def _as_base(self):
    t = type(self)
    if t in _BASES:
        return None
    mro = t.__mro__
    for i in range(1, len(mro)):
        if mro[i] in _BASES:
            return super(mro[i - 1], self)
    return None


def __getitem__(self, key):
    b = _as_base(self)
    return self[key] if b is None else b.__getitem__(key)


def __setitem__(self, key, value):
    b = _as_base(self)
    if b is None:
        self[key] = value
    else:
        b.__setitem__(key, value)


def __delitem__(self, key):
    b = _as_base(self)
    if b is None:
        del self[key]
    else:
        b.__delitem__(key)


def __len__(self):
    b = _as_base(self)
    return len(self) if b is None else b.__len__()


def __contains__(self, x):
    b = _as_base(self)
    return x in self if b is None else b.__contains__(x)


def __iter__(self):
    b = _as_base(self)
    return iter(self) if b is None else b.__iter__()


_seq = {'__getitem__': __getitem__, '__len__': __len__, '__contains__': __contains__, '__iter__': __iter__}
_mut = dict(_seq, __setitem__=__setitem__, __delitem__=__delitem__)
# ---- set, frozenset: any number of iterables --------------------------------
# The guest's set methods take exactly one other iterable; CPython's take
# any number (s.union(), a.intersection(b, c), s.update(x, y)).
_SET_IN_PLACE = {'union': set.update, 'intersection': set.intersection_update,
                 'difference': set.difference_update, 'update': set.update,
                 'intersection_update': set.intersection_update,
                 'difference_update': set.difference_update}


def _set_many(name, one):
    # the method taking any number of iterables, from the built-in `one`
    # that takes one
    step = _SET_IN_PLACE[name]
    if name.endswith('update'):
        def method(self, *others):
            for o in others:
                step(self, o)
        return method

    def method(self, *others):
        if len(others) == 1:
            return one(self, others[0])
        r = set(self)
        for o in others:
            step(r, o)
        return frozenset(r) if isinstance(self, frozenset) else r
    return method


for _t in (set, frozenset):
    graft(_t, {n: _set_many(n, getattr(_t, n)) for n in _SET_IN_PLACE if hasattr(_t, n)})
del _t

graft(int, {'__format__': _format})
graft(str, dict(_seq, __format__=_format))
graft(tuple, _seq)
graft(list, _mut)
graft(dict, _mut)


def _register_hook():
    # the hook object and the table index of its type's call function
    # (slot index byte 10 of mp_obj_type_t), for the guest's str.format
    import js
    t = read(id(_format_hook))
    i = uctypes.bytearray_at(t + 10, 1)[0]
    if i == 0:
        raise RuntimeError('_mpbox_types: a function type without a call slot')
    js.mpbox_internal('format_hook', '%d %d' % (id(_format_hook), read(t + 20 + 4 * (i - 1))))


_register_hook()

# ---- doors: attributes, keywords, mappings (guest/compat) ---------------------
# Where grafting cannot reach: float, complex, bool and property have no
# method table to graft into (and int's cannot hold attributes), built-ins
# that take positional arguments only refuse keywords before anything of
# ours runs, and dict(x) reads any x that is not a built-in dict as pairs.
# The host (host/compat.c) consults this table when a lookup finds nothing,
# on a call with keywords, and on dict(x) of an object of a Python class.

METHOD, CLASSMETHOD, GETTER, FIELD, KEYWORDS, MAPPING, TYPE3, OPERAND_ADD, OPERAND_MOD, OPERAND_POW, MAKE_NEW, \
    FLOAT_ARG = range(1, 13)


class _Slicer:
    def __getitem__(self, index):
        return index


_slicer = _Slicer()


def _slice(*args, **kwargs):
    # slice(stop), slice(start, stop[, step]): the guest's slice type has
    # no constructor; a subscript builds one
    if kwargs:
        raise TypeError('slice() takes no keyword arguments')
    n = len(args)
    if n == 1:
        return _slicer[:args[0]]
    if n == 2:
        return _slicer[args[0]:args[1]]
    if n == 3:
        return _slicer[args[0]:args[1]:args[2]]
    if n == 0:
        raise TypeError('slice expected at least 1 argument, got 0')
    raise TypeError('slice expected at most 3 arguments, got %d' % n)


def _float_arg(x):
    # x where MicroPython wants a float (math.sqrt(x), float(x)) and x is
    # an object of a Python class: x itself for a subclass of float (the
    # host reads its built-in value), __float__, then __index__
    if isinstance(x, float):
        return x
    t = type(x)
    f = getattr(t, '__float__', None)
    if f is not None:
        r = f(x)
        if not isinstance(r, float):
            raise TypeError('%s.__float__ returned non-float (type %s)' % (t.__name__, type(r).__name__))
        return r if type(r) is float else float(r)
    f = getattr(t, '__index__', None)
    if f is not None:
        return float(f(x))
    return None


def _slot(cls, byte):
    # the value of a type's slot whose index is at `byte` (8: make_new,
    # 19: locals_dict)
    a = id(cls)
    i = uctypes.bytearray_at(a + byte, 1)[0]
    return read(a + 20 + 4 * (i - 1)) if i else 0


def _raw(cls, name):
    # the address of the built-in function `name` in the method table of
    # `cls` (cls.name gives a new wrapper object at each access)
    k = _key(name)
    for e, key, v in items(_slot(cls, 19)):
        if key == k:
            return v
    raise RuntimeError('_mpbox_types: %r has no method %s' % (cls, name))


def is_integer(self):
    return self == self // 1 if self - self == 0 else False


def _float_ratio(self):
    if self != self:
        raise ValueError('cannot convert NaN to integer ratio')
    if self - self != 0:
        raise OverflowError('cannot convert Infinity to integer ratio')
    m, e = _frexp(self)
    n = 0
    while m != int(m):
        m *= 2.0
        n += 1
    num, den = int(m), 1
    e -= n
    if e > 0:
        num <<= e
    else:
        den <<= -e
    while den > 1 and not num & 1:  # den is a power of two
        num >>= 1
        den >>= 1
    return (num, den)


def _float_hex(self):
    if self != self:
        return 'nan'
    if self - self != 0:
        return 'inf' if self > 0 else '-inf'
    sign = '-' if self < 0 or (self == 0 and str(self)[0] == '-') else ''
    x = abs(self)
    if x == 0:
        return sign + '0x0.0p+0'
    m, e = _frexp(x)  # x = m * 2**e, 0.5 <= m < 1
    e -= 1
    if e < -1022:  # subnormal: the exponent stays -1022
        m = x * 2.0 ** 1022
        e = -1022
        lead = 0
    else:
        m *= 2.0
        lead = 1
    frac = int((m - lead) * (1 << 52))
    return '%s0x%d.%013xp%+d' % (sign, lead, frac, e)


def _float_fromhex(cls, text):
    s = text.strip().lower()
    sign = 1.0
    if s[:1] in ('-', '+'):
        if s[0] == '-':
            sign = -1.0
        s = s[1:]
    if s in ('inf', 'infinity', 'nan'):
        return cls(sign * float(s))
    if s.startswith('0x'):
        s = s[2:]
    exp = 0
    if 'p' in s:
        s, _, p = s.partition('p')
        try:
            exp = int(p)
        except ValueError:
            raise ValueError('invalid hexadecimal floating-point string')
    whole, _, frac = s.partition('.')
    digits = whole + frac
    if not digits:
        raise ValueError('invalid hexadecimal floating-point string')
    try:
        n = int(digits, 16)
    except ValueError:
        raise ValueError('invalid hexadecimal floating-point string')
    exp -= 4 * len(frac)
    # exact: n * 2**exp, rounded once by the int -> float division
    if exp >= 0:
        v = float(n << exp)
    else:
        v = _exact_div(n, 1 << -exp)
    return cls(sign * v)


def _exact_div(n, d):
    # n / d correctly rounded (CPython's int / int is; so is MicroPython's
    # for ints below 2**53): scale into 53+ bits, round half to even
    if n == 0:
        return 0.0
    shift = n.bit_length() - d.bit_length() - 54
    if shift > 0:
        q, r = divmod(n, d << shift)
    else:
        q, r = divmod(n << -shift, d)
    if r:
        q |= 1  # sticky bit: no exact half
    # q has 54 or 55 bits; keep 53 and round half to even
    extra = q.bit_length() - 53
    if extra > 0:
        low = q & ((1 << extra) - 1)
        q >>= extra
        half = 1 << (extra - 1)
        if low > half or (low == half and q & 1):
            q += 1
        shift += extra
    return _ldexp(float(q), shift)


def _conjugate(self):
    return self


def _real(self):
    return self


def _imag(self):
    return 0.0 if type(self) is float else 0


def _one_of(self):
    return 1


def _mro(cls):
    # C3 linearization of the class and its bases (the bases' own orders
    # from their __mro__: kept in the dict of a class with several bases,
    # computed here for the others)
    bases = (int,) if cls is bool else cls.__bases__  # MicroPython gives bool object as its base
    seqs = [list(b.__mro__) for b in bases] + [list(bases)]
    out = [cls]
    while True:
        seqs = [q for q in seqs if q]
        if not seqs:
            return tuple(out)
        for q in seqs:
            head = q[0]
            if not any(head in r[1:] for r in seqs):
                break
        else:
            heads = []
            for q in seqs:
                if q[0] not in heads:
                    heads.append(q[0])
            raise TypeError('Cannot create a consistent method resolution\norder (MRO) for bases '
                            + ', '.join(b.__name__ for b in heads))
        out.append(head)
        for q in seqs:
            if q[0] is head:
                del q[0]


def _type_mro(cls):
    # cls.mro()
    return list(cls.__mro__)


def _mro_hook(cls):
    # guest/mro: a new class with several bases, or below one. Its C3
    # order goes into its own dict, where the guest's attribute lookups
    # and super() read it; an error here unmakes the class.
    bases = cls.__bases__
    for i in range(1, len(bases)):
        if bases[i] in bases[:i]:
            raise TypeError('duplicate base class ' + bases[i].__name__)
    cls.__mro__ = _mro(cls)


def _super_get(member, obj):
    # guest/mro: super() found a property, or an object of a Python class,
    # not bound to obj: CPython's super() calls its __get__
    owner = obj if isinstance(obj, type) else type(obj)
    inst = None if obj is owner else obj
    if type(member) is property:
        if inst is None:
            return member
        if member.fget is None:
            raise AttributeError('unreadable attribute')
        return member.fget(inst)
    get = getattr(type(member), '__get__', None)
    if get is None:
        return member
    return get(member, inst, owner)


# the name under which a class keeps the names its __slots__ allow
# (lib/python/_mpbox_slots.py), read by guest/binop
slots_key = '__mpbox_slots__'


def _register_mro_hook():
    # after _register_hook: the hooks are called through the table index it sent
    import js
    js.mpbox_internal('mro_hook', '%d %d' % (id(_mro_hook), _key('__mro__')))
    js.mpbox_internal('super_get', '%d %d' % (id(_super_get), id(property)))
    js.mpbox_internal('slots_key', '%d %d' % (_key(slots_key) >> 3, id(tuple)))


_register_mro_hook()


# Keywords: each adapter has CPython's parameters and calls the built-in
# with positional arguments only (a call with keywords would come back
# here). print is routed only when flush= is given.
_b = {n: getattr(builtins, n) for n in ('int', 'str', 'bytes', 'bytearray', 'round', 'sum', 'print', 'zip')}


def _kw_split(self, sep=None, maxsplit=-1):
    # str.split and bytes.split are one built-in: self's own method
    return self.split(sep, maxsplit)


def _kw_rsplit(self, sep=None, maxsplit=-1):
    return self.rsplit(sep, maxsplit)


def _kw_int(*args, base=None, **kw):
    if kw:
        raise TypeError("'%s' is an invalid keyword argument for int()" % next(iter(kw)))
    if base is None:
        return _b['int'](*args)
    if not args:
        raise TypeError('int() missing string argument')
    return _b['int'](args[0], base)


def _kw_round(number, ndigits=None):
    return _b['round'](number) if ndigits is None else _b['round'](number, ndigits)


def _kw_sum(iterable, start=0):
    return _b['sum'](iterable, start)


def _text_args(name, args, encoding, errors):
    if encoding is None and errors is None:
        return args
    if len(args) != 1:
        raise TypeError('%s() takes at most 1 positional argument with encoding' % name)
    return (args[0], 'utf-8' if encoding is None else encoding) + (() if errors is None else (errors,))


def _kw_str(*args, encoding=None, errors=None):
    return _b['str'](*_text_args('str', args, encoding, errors))


def _kw_bytes(*args, encoding=None, errors=None):
    return _b['bytes'](*_text_args('bytes', args, encoding, errors))


def _kw_bytearray(*args, encoding=None, errors=None):
    return _b['bytearray'](*_text_args('bytearray', args, encoding, errors))


def _kw_print(*args, flush=False, **kw):
    _b['print'](*args, **kw)


def _kw_zip(*iterables, strict=False):
    if not strict:
        return _b['zip'](*iterables)
    lists = [list(it) for it in iterables]
    for i in range(1, len(lists)):
        if len(lists[i]) != len(lists[0]):
            which = 'shorter' if len(lists[i]) < len(lists[0]) else 'longer'
            if i == 1:
                raise ValueError('zip() argument 2 is %s than argument 1' % which)
            raise ValueError('zip() argument %d is %s than arguments 1-%d' % (i + 1, which, i))
    return _b['zip'](*lists)


def _dict_arg(x):
    # what dict(x) and d.update(x) read for an object of a Python class: a
    # mapping's items (anything with keys(), as CPython), else x itself
    keys = getattr(x, 'keys', None)
    if keys is None:
        return x
    return [(k, x[k]) for k in keys()]


def _type3(name, bases, ns):
    # type(name, bases, ns) when ns is not a plain dict with __module__: a
    # plain dict for the built-in (an OrderedDict too), __module__ first;
    # the module is the main program's, as for a call of type() there
    for i, (arg, want) in enumerate(((name, str), (bases, tuple), (ns, dict))):
        if not isinstance(arg, want):
            raise TypeError('type.__new__() argument %d must be %s, not %s' %
                            (i + 1, want.__name__, type(arg).__name__))
    d = {'__module__': '__main__'}
    d.update(ns)
    return type(name, bases, d)


# Docstrings of the functions of a program that reads them, per globals
# dict: {id(globals): {name: [(path, text), ...]}}, path the names of the
# enclosing classes and functions and the function's (lib/python/
# _mpbox_rewrite.py fills it; MicroPython's compiler drops docstrings).
docstrings = {}


def _owner_holds(g, path, f):
    # whether the function at `path` in the globals g is f; None when the
    # path goes through a function (its locals are gone)
    obj = g
    for p in path[:-1]:
        obj = obj.get(p) if type(obj) is dict else getattr(obj, '__dict__', {}).get(p)
        if not isinstance(obj, type):
            return None
    v = obj.get(path[-1]) if type(obj) is dict else obj.__dict__.get(path[-1])
    if type(v) in (staticmethod, classmethod):
        v = v.__func__
    for _ in range(8):  # through decorators that keep __wrapped__
        if v is f or v is None:
            break
        v = getattr(v, '__wrapped__', None)
    return v is f


def _fun_doc(f):
    # f.__doc__ of a function defined in Python
    try:
        g = f.__globals__
        found = docstrings.get(id(g), {}).get(f.__name__)
    except AttributeError:
        return None
    found = found or ()
    unsure = None
    for path, text in found:
        held = _owner_holds(g, path, f)
        if held:
            return text
        if held is None and unsure is None:
            unsure = text
    if unsure is None and len(found) == 1:
        return found[0][1]  # decorated: the name holds another object now
    return unsure


def _method_doc(m):
    return _fun_doc(m.__func__)


# Function attributes MicroPython's functions lack, by the name of the
# function of lib/python/_mpbox_funcattrs.py that answers each (imported
# at the first read: a program that reads none costs nothing).
_FUNCTION_ATTRS = {'__defaults__': 'defaults', '__kwdefaults__': 'kwdefaults', '__closure__': 'closure',
                   '__qualname__': 'qualname', '__annotations__': 'annotations'}


def _type_qualname(cls):
    # Cls.__qualname__ (lib/python/_mpbox_slots.py drops MicroPython's);
    # a built-in class answers without the import (dir() asks every class)
    if type(cls.__dict__.get('__module__')) is not str:
        return cls.__name__
    import _mpbox_funcattrs
    return _mpbox_funcattrs.class_qualname(cls)


def _type_annotations(cls):
    if type(cls.__dict__.get('__module__')) is not str:
        raise AttributeError("type object '%s' has no attribute '__annotations__'" % cls.__name__)
    import _mpbox_funcattrs
    return _mpbox_funcattrs.class_annotations(cls)


# the co_* attributes MicroPython's code objects lack, each a function of
# lib/python/_mpbox_code.py (imported at the first read)
_CODE_ATTRS = ('co_name', 'co_qualname', 'co_filename', 'co_firstlineno', 'co_argcount',
               'co_posonlyargcount', 'co_kwonlyargcount', 'co_varnames', 'co_nlocals', 'co_cellvars',
               'co_freevars', 'co_flags')


def _codeattr(name):
    # a code object's co_* attribute (lib/python/_mpbox_code.py)
    def get(code):
        import _mpbox_code as m
        return getattr(m, name)(m.native(code))
    return get


def _fun_code(f):
    # f.__code__ where MicroPython gives none: a function holding others
    import _mpbox_code
    return _mpbox_code.code(f)


def _fun_module(f):
    # f.__module__ (functools.wraps reads it: no import for it)
    return f.__globals__.get('__name__')


def _funcattr(name):
    name = _FUNCTION_ATTRS.get(name, name)

    def get(obj):
        import _mpbox_funcattrs as m
        v = getattr(m, name)(obj)
        return get if v is m.NOTHING else v  # itself: no answer (host/compat.c)
    return get


def _complex_pow(z):
    # z ** n as CPython computes it (host/compat.c asks for a complex z, and
    # for a negative float or int z with a fractional or complex n): integral
    # exponents up to 100 multiplied out by squaring (MicroPython goes
    # through exp and log: (1j)**2 would not be exactly -1), others by
    # CPython's polar formula; `power` itself for an n it leaves to the
    # guest
    def power(n):
        if type(n) is not int and type(n) is not float and type(n) is not complex:
            return power
        b = complex(n)
        if b.imag == 0 and abs(b.real) <= 100 and b.real == int(b.real):
            n = int(b.real)
        else:
            return _polar_pow(complex(z), b)
        c = complex(z)
        zr, zi = c.real, c.imag
        rr, ri = 1.0, 0.0
        m = n if n >= 0 else -n
        while m:
            if m & 1:
                rr, ri = rr * zr - ri * zi, rr * zi + ri * zr
            zr, zi = zr * zr - zi * zi, zr * zi + zi * zr
            m >>= 1
        if rr in (_INF, -_INF) or ri in (_INF, -_INF):
            raise OverflowError('complex exponentiation')
        if n >= 0:
            return complex(rr, ri)
        # 1 / r, dividing by the larger part (Smith's method)
        if abs(rr) >= abs(ri):
            if rr == 0:
                raise ZeroDivisionError('0.0 to a negative or complex power')
            t = ri / rr
            d = rr + ri * t
            return complex(1 / d, -t / d)
        t = rr / ri
        d = rr * t + ri
        return complex(t / d, -1 / d)
    return power


def _polar_pow(a, b):
    # a ** b for complex a and b, as CPython's _Py_c_pow
    import math
    if b.real == 0 and b.imag == 0:
        return complex(1.0, 0.0)
    if a.real == 0 and a.imag == 0:
        if b.imag != 0 or b.real < 0:
            raise ZeroDivisionError('0.0 to a negative or complex power')
        return complex(0.0, 0.0)
    vabs = math.hypot(a.real, a.imag)
    try:
        length = math.pow(vabs, b.real)
    except OverflowError:
        raise OverflowError('complex exponentiation')
    at = math.atan2(a.imag, a.real)
    phase = at * b.real
    if b.imag != 0:
        length /= math.exp(at * b.imag)
        phase += b.imag * math.log(vabs)
    r = complex(length * math.cos(phase), length * math.sin(phase))
    if (r.real in (_INF, -_INF) or r.imag in (_INF, -_INF)) and all(
            v not in (_INF, -_INF) and v == v for v in (a.real, a.imag, b.real, b.imag)):
        raise OverflowError('complex exponentiation')
    return r


_INF = float('inf')


def _operand(x):
    # the right operand of tuple + x and str % x, x of a Python class: an
    # instance of a tuple subclass gives its items
    return tuple(x) if isinstance(x, tuple) else x


class _Plain:
    def __init__(self):
        pass


def _generator():  # a generator function (at module level: not a closure)
    yield


def _no_doc(cls):
    # a class without a docstring (one with a docstring has __doc__ in its
    # dict: lib/python/_mpbox_rewrite.py)
    return None


# the classes made by class statements, by base, for cls.__subclasses__()
# (lib/python/_mpbox_slots.py records them)
subclasses = {}


def _subclasses(cls):
    return list(subclasses.get(cls, ()))


def _object_hash(self):
    # object.__hash__: the guest's default hash of an object is its address
    return id(self)


# classes of the program that CPython gives __hash__ = None (an __eq__
# without __hash__, or `__hash__ = None`), whose class dict holds no
# __hash__ here: the guest refuses to hash their instances ("unhashable
# type: 'C'") when their class has an __eq__ (lib/python/_mpbox_slots.py)
unhashable = set()


def _type_hash(cls):
    # Cls.__hash__ where no class in the chain defines one: None for the
    # classes above and their subclasses, else object's
    for c in cls.__mro__:
        if c in unhashable:
            return None
    return _object_hash


def _base(cls):
    b = cls.__bases__
    return b[0] if b else (None if cls is object else object)


# the classes whose __init_subclass__ chain is running, innermost last
# (lib/python/_mpbox_slots.py): the name in object's error
initialising = []


def _super_init_subclass(self, **kwargs):
    # object.__init_subclass__, reached by super().__init_subclass__(**kw)
    # at the end of a chain (lib/python/_mpbox_slots.py calls the first)
    if kwargs:
        name = initialising[-1].__name__ + '.' if initialising else ''
        raise TypeError(name + '__init_subclass__() takes no keyword arguments')


def _io_closed(f):
    # mp_obj_stringio_t is {base, vstr, pos, ref}: close() frees the vstr
    # and sets the pointer to NULL (checked in _register_doors)
    return int.from_bytes(uctypes.bytearray_at(id(f) + 4, 4), 'little') == 0


# the built-in value inside an instance of a subclass of the type
_PLAIN_VALUE = {int: int, float: float, complex: complex, list: list, tuple: tuple, dict: dict, set: set,
                frozenset: frozenset, bytearray: bytearray, str: lambda x: x[:], bytes: lambda x: x[:]}


def _plain_text(t, f):
    # t.__repr__ and t.__str__ (f: repr, str) for the built-in type t:
    # called with an instance of a subclass (F.__repr__ calling
    # float.__repr__(self)), the text of the built-in value inside, not
    # the subclass's own method again
    plain = _PLAIN_VALUE.get(t)
    if plain is None:
        return f

    def text(x):
        return f(x if type(x) is t else plain(x))
    return text


def _register_doors():
    import js
    import math
    global _frexp, _ldexp
    _frexp, _ldexp = math.frexp, math.ldexp
    rows = []

    def add(key, name, kind, value):
        rows.append((key, _key(name) >> 3 if name else 0, kind, value))
        heap.append(value)  # kept alive with the table

    # the OPERAND records lead the table (host/compat.c reads no further for
    # the other + and %)
    heap.append(_operand)
    rows.append((_slot(_Plain, 8), id(tuple), OPERAND_ADD, _operand))
    rows.append((_slot(_Plain, 8), id(str), OPERAND_MOD, _operand))
    add(id(complex), None, OPERAND_POW, _complex_pow)
    add(id(type), '__module__', TYPE3, _type3)
    F = id(float)
    for name, fn in (('is_integer', is_integer), ('as_integer_ratio', _float_ratio),
                     ('hex', _float_hex), ('conjugate', _conjugate)):
        add(F, name, METHOD, fn)
    add(F, 'fromhex', CLASSMETHOD, _float_fromhex)
    add(F, 'real', GETTER, _real)
    add(F, 'imag', GETTER, _imag)
    add(F, '__format__', METHOD, _format)
    for name, fn in (('real', _real), ('imag', _imag), ('numerator', _real), ('denominator', _one_of)):
        add(id(int), name, GETTER, fn)
    add(id(complex), 'conjugate', METHOD, lambda z: complex(z.real, -z.imag))
    # memoryview has no method table: CPython's conversions
    M = id(memoryview)
    add(M, 'tobytes', METHOD, lambda m: bytes(m))
    add(M, 'tolist', METHOD, lambda m: list(m))
    add(M, 'hex', METHOD, lambda m, *a: bytes(m).hex(*a))
    add(id(slice), None, MAKE_NEW, _slice)
    add(id(float), None, FLOAT_ARG, _float_arg)
    P = id(property)
    for i, name in enumerate(('fget', 'fset', 'fdel')):
        rows.append((P, _key(name) >> 3, FIELD, i + 1))
    add(id(type), '__mro__', GETTER, _mro)
    add(id(type), 'mro', METHOD, _type_mro)
    add(id(super), '__init_subclass__', METHOD, _super_init_subclass)
    add(id(type), '__subclasses__', METHOD, _subclasses)
    add(id(type), '__base__', GETTER, _base)
    add(id(type), '__hash__', GETTER, _type_hash)
    add(id(type), '__doc__', GETTER, _no_doc)
    # x.__repr__(), float.__str__ ...: the built-ins without such methods
    for t in (int, float, complex, bool, str, bytes, bytearray, list, tuple, dict, set, frozenset,
              type(None), range, slice):
        add(id(t), '__repr__', METHOD, _plain_text(t, repr))
        add(id(t), '__str__', METHOD, _plain_text(t, str))
    import io
    for t in (io.StringIO, io.BytesIO):
        f = t()
        if _io_closed(f) or f.close() or not _io_closed(f):
            raise RuntimeError('_mpbox_types: %r is not laid out as expected' % (t,))
        add(id(t), 'closed', GETTER, _io_closed)

    v = 1
    closure = lambda: v  # noqa: E731
    functions = (type(_generator), type(closure), type(_register_doors))
    for kind in functions:
        add(id(kind), '__doc__', GETTER, _fun_doc)
    bound = type(_Plain().__init__)
    add(id(bound), '__doc__', GETTER, _method_doc)
    for name in _FUNCTION_ATTRS:
        get = _funcattr(name)
        for kind in functions:
            add(id(kind), name, GETTER, get)
    for kind in functions:
        add(id(kind), '__module__', GETTER, _fun_module)
    code = type(_fun_module.__code__)
    for name in _CODE_ATTRS:
        add(id(code), name, GETTER, _codeattr(name))
    for kind in functions:
        add(id(kind), '__code__', GETTER, _fun_code)
    cell = read(read(id(closure) + 12))  # closure {type, function, n, cells}
    add(cell, 'cell_contents', GETTER, _funcattr('cell_contents'))
    add(id(type), '__qualname__', GETTER, _type_qualname)
    add(id(type), '__annotations__', GETTER, _type_annotations)
    # bound methods {base, function, self}; staticmethod and classmethod
    # {base, function}
    for kind in (bound, staticmethod, classmethod):
        rows.append((id(kind), _key('__func__') >> 3, FIELD, 1))
    rows.append((id(bound), _key('__self__') >> 3, FIELD, 2))
    for fn, adapter, when in ((_raw(str, 'split'), _kw_split, None), (_raw(str, 'rsplit'), _kw_rsplit, None),
                              (int, _kw_int, None), (round, _kw_round, None), (sum, _kw_sum, None),
                              (str, _kw_str, None), (bytes, _kw_bytes, None),
                              (bytearray, _kw_bytearray, None), (zip, _kw_zip, None),
                              (print, _kw_print, 'flush')):
        add(fn if type(fn) is int else id(fn), when, KEYWORDS, adapter)
    add(_slot(_Plain, 8), None, MAPPING, _dict_arg)
    # after the OPERAND records, the others by name, in their order within
    # a name: host/compat.c finds an attribute's records by binary search
    lead = 0
    while rows[lead][2] in (OPERAND_ADD, OPERAND_MOD, OPERAND_POW):
        lead += 1
    rest = sorted(enumerate(rows[lead:]), key=lambda e: (e[1][1], e[0]))
    rows[lead:] = [row for _, row in rest]
    table = bytearray(16 * len(rows))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            table[16 * i + 4 * j:16 * i + 4 * j + 4] = (v if type(v) is int else id(v)).to_bytes(4, 'little')
    heap.append(table)
    js.mpbox_internal('compat_table', '%d %d' % (uctypes.addressof(table), len(rows)))
    js.mpbox_internal('compat_bool', '%d %d' % (id(bool), id(int)))
    js.mpbox_internal('compat_type', '%d %d' % (id(type), id(dict)))
    js.mpbox_internal('compat_complex', '%d %d' % (id(complex), id(float)))


_register_doors()


# ---- str with Unicode's data (guest/unicase, host/unicase.c) -----------------
# The methods below, in host/unicase.h's order, answer as CPython's for any
# text: MicroPython's own (the first seven) become functions that ask the
# host first; the others get function objects of their own in `table`,
# whose Python versions above stay for str subclasses.
def _register_unicase():
    import js
    names = ('upper', 'lower', 'isalpha', 'isdigit', 'isspace', 'isupper', 'islower',
             'title', 'capitalize', 'swapcase', 'casefold', 'isalnum', 'isdecimal',
             'isnumeric', 'isidentifier', 'isprintable', 'istitle', 'isascii')
    table = bytearray(16 * (len(names) + 1))
    a = uctypes.addressof(table)
    write(a, id(str))
    write(a + 4, id(False))
    write(a + 8, id(True))
    fun_type = read(_raw(str, 'upper'))
    for k, name in enumerate(names):
        e = a + 16 * (k + 1)
        write(e, fun_type)
        if k < 7:
            write(e + 8, read(_raw(str, name) + 4))  # MicroPython's function
        else:
            write(e + 12, _raw(str, name))  # the Python version
    heap.append(table)
    js.mpbox_internal('unicase', '%d' % a)  # the host fills in the functions
    if read(a + 20) == 0:
        raise RuntimeError('_mpbox_types: the host did not take the str table')
    new = {}
    for k, name in enumerate(names):
        e = a + 16 * (k + 1)
        if k < 7:
            write(_raw(str, name) + 4, read(e + 4))
        else:
            new[name] = e
    graft(str, new)


_register_unicase()

# uctypes reads a layout only from a built-in dict (or MicroPython's own
# OrderedDict); collections.OrderedDict is a Python class here. The
# module's struct and sizeof are replaced, in its constant globals, by
# functions that hand the built-in a plain dict (in the same order).
_uctypes_struct, _uctypes_sizeof = uctypes.struct, uctypes.sizeof


def _layout(desc):
    if isinstance(desc, dict):
        return {k: _layout(v) for k, v in desc.items()}
    if type(desc) is tuple:
        return tuple(_layout(x) for x in desc)
    return desc


def _struct(addr, desc, *layout_type):
    return _uctypes_struct(addr, _layout(desc), *layout_type)


def _sizeof(struct, *layout_type):
    return _uctypes_sizeof(_layout(struct), *layout_type)


def _module_replace(module, name, fn):
    # the entry `name` of a built-in module's constant globals now holds fn
    k = _key(name)
    for e, key, v in items(read(id(module) + 4)):
        if key == k and v == id(getattr(module, name)):
            heap.append(fn)
            write(e + 4, id(fn))
            return
    raise RuntimeError('_mpbox_types: %s.%s not found' % (module.__name__, name))


def _rename_builtin_function_types():
    # The built-in functions' types (one per way of taking arguments) are
    # all named 'function', as Python functions; CPython names them
    # builtin_function_or_method. mp_obj_type_t's name is the qstr in the
    # 16-bit word at byte 6.
    def _f():
        pass
    name = _key('builtin_function_or_method') >> 3
    for t in set(type(f) for f in (globals, len, divmod, setattr, print)):
        if t is not type(_f) and read(id(t)) == id(type):
            uctypes.bytearray_at(id(t) + 6, 2)[:] = name.to_bytes(2, 'little')
    # and the Python ones as CPython names them: a bound method is a
    # 'method' (MicroPython: bound_method), a closure and a generator
    # function are each a 'function' (closure, generator)
    def _g():
        yield

    def _closure():
        return _f
    for t, text in ((type(_Plain().__init__), 'method'), (type(_closure), 'function'),
                    (type(_g), 'function')):
        uctypes.bytearray_at(id(t) + 6, 2)[:] = (_key(text) >> 3).to_bytes(2, 'little')


_rename_builtin_function_types()
_module_replace(uctypes, 'struct', _struct)
_module_replace(uctypes, 'sizeof', _sizeof)

# The grafting machinery is not needed after start-up: less for every
# garbage collection of every session to mark.
del graft, items, _key, read, write, _names, _register_hook, _register_doors, _register_unicase, _slot, _raw, _module_replace, \
    _rename_builtin_function_types
