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
    """Add the methods of dict `new` (name -> function, staticmethod or
    classmethod) to the built-in type `cls`; existing names are replaced."""
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
        value[k] = id(f)
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


graft(str, {
    'ljust': ljust, 'rjust': rjust, 'center': center, 'zfill': zfill, 'title': title,
    'istitle': istitle, 'capitalize': capitalize, 'swapcase': swapcase, 'casefold': casefold,
    'isalnum': isalnum, 'isascii': isascii, 'isdecimal': isdecimal, 'isnumeric': isnumeric,
    'isidentifier': isidentifier, 'isprintable': isprintable, 'removeprefix': removeprefix,
    'removesuffix': removesuffix, 'expandtabs': expandtabs, 'maketrans': staticmethod(maketrans),
    'translate': translate, 'format_map': format_map,
})


# ---- int ---------------------------------------------------------------------

def bit_length(self):
    return len(bin(self)) - (3 if self < 0 else 2) if self else 0


def bit_count(self):
    return bin(self).count('1')


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
    fn = getattr(type(value), '__format__', None)
    if fn is not None:
        r = fn(value, spec)
        if not isinstance(r, str):
            raise TypeError('__format__ must return a str, not ' + type(r).__name__)
        return r
    if not spec:
        return str(value)
    if '{' in spec or '}' in spec:
        raise ValueError('Invalid format specifier')
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


builtins.format = format
builtins.pow = pow
builtins.ascii = ascii


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

# The grafting machinery is not needed after start-up: less for every
# garbage collection of every session to mark.
del graft, items, _key, read, write, _names, _register_hook
