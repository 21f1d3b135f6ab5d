# struct for mpbox: CPython 3.11's struct (written from its documentation)
# over MicroPython's C module, which lacks '?', 'c', 'p', 'n', 'N', CPython's
# native sizes (l/L are 8 bytes on 64-bit CPython, 4 in the wasm guest),
# range checks (the C module truncates 70000 into an 'h' silently),
# struct.error, Struct and iter_unpack.
#
# A format is compiled once into fields and an equivalent format of the C
# module in standard sizes with explicit padding ('<' or '>'); pack checks
# and converts the values, then the C module does the byte work, and unpack
# turns its results back ('?' to bool, 'c' and 'p' to bytes).
import sys
from _builtin import builtin_module

_c = builtin_module('struct')  # the C module
del builtin_module

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack', 'Struct', 'error']


class error(Exception):
    pass


error.__module__ = 'struct'

# code: (standard size, native size, kind); native alignment is the size
_CODES = {
    'x': (1, 1, 'pad'), 'c': (1, 1, 'char'), '?': (1, 1, 'bool'),
    'b': (1, 1, 'int'), 'B': (1, 1, 'uint'), 'h': (2, 2, 'int'), 'H': (2, 2, 'uint'),
    'i': (4, 4, 'int'), 'I': (4, 4, 'uint'), 'l': (4, 8, 'int'), 'L': (4, 8, 'uint'),
    'q': (8, 8, 'int'), 'Q': (8, 8, 'uint'), 'n': (None, 8, 'int'), 'N': (None, 8, 'uint'),
    'P': (None, 8, 'ptr'), 'e': (2, 2, 'float'), 'f': (4, 4, 'float'), 'd': (8, 8, 'float'),
    's': (1, 1, 'bytes'), 'p': (1, 1, 'pascal'),
}
_INT_CODE = {1: 'b', 2: 'h', 4: 'i', 8: 'q'}
# CPython's texts for values out of range of the small integer codes
_NAMED = {'b': 'byte', 'B': 'ubyte', 'h': 'short', 'H': 'ushort'}
_FLOAT_MAX = {'e': 65520.0, 'f': 3.4028235677973366e38}  # the first values that round to inf


class _Format:
    __slots__ = ('fields', 'cfmt', 'size', 'nitems', 'plain')

    def __init__(self, fmt):
        if isinstance(fmt, (bytes, bytearray)):
            fmt = fmt.decode('ascii')
        if not isinstance(fmt, str):
            raise TypeError("Struct() argument 1 must be a str or bytes object, not %s" % type(fmt).__name__)
        order = fmt[:1]
        if order in ('@', '=', '<', '>', '!'):
            fmt = fmt[1:]
        else:
            order = '@'
        native = order == '@'
        if order in ('<',) or (order in ('@', '=') and sys.byteorder == 'little'):
            parts = ['<']
        else:
            parts = ['>']
        fields = []  # (code, kind, size, count) per item; count: length of s/p
        offset = 0
        i, n = 0, len(fmt)
        while i < n:
            ch = fmt[i]
            if ch.isspace():
                i += 1
                continue
            count = None
            if ch.isdigit():
                j = i
                while j < n and fmt[j].isdigit():
                    j += 1
                count = int(fmt[i:j])
                i = j
                if i >= n:
                    raise error('repeat count given without format specifier')
                ch = fmt[i]
            i += 1
            spec = _CODES.get(ch)
            if spec is None or (not native and spec[0] is None):
                raise error('bad char in struct format')
            std, nat, kind = spec
            size = nat if native else std
            if native and size > 1:
                pad = -offset % size
                if pad:
                    parts.append('%dx' % pad)
                    offset += pad
            reps = 1 if count is None else count
            if kind in ('bytes', 'pascal'):
                fields.append((ch, kind, 1, reps))
                parts.append('%ds' % reps)
                offset += reps
                continue
            if kind == 'pad':
                if reps:
                    parts.append('%dx' % reps)
                offset += reps
                continue
            if kind == 'float':
                c = ch
            elif kind == 'char':
                c = '1s'
            else:
                c = _INT_CODE[size]
                if kind in ('uint', 'bool', 'ptr'):
                    c = c.upper()
            for _ in range(reps):
                fields.append((ch, kind, size, 1))
                parts.append(c)
            offset += size * reps
        self.fields = fields
        self.cfmt = ''.join(parts)
        self.size = offset
        self.nitems = len(fields)
        # every item comes back from the C module as CPython gives it
        self.plain = all(k in ('int', 'uint', 'float', 'bytes', 'ptr') for _, k, _, _ in fields)


_cache = {}


def _compile(fmt):
    f = _cache.get(fmt)
    if f is None:
        f = _Format(fmt)
        if len(_cache) >= 100:
            _cache.clear()
        _cache[fmt] = f
    return f


def _as_int(v):
    if isinstance(v, int):
        return int(v)
    index = getattr(type(v), '__index__', None)
    if index is None:
        raise error('required argument is not an integer')
    return index(v)


def _convert(code, kind, size, count, v):
    if kind == 'int' or kind == 'uint' or kind == 'ptr':
        v = _as_int(v)
        bits = 8 * size
        if kind == 'int':
            lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        elif kind == 'ptr':
            lo, hi = -(1 << (bits - 1)), (1 << bits) - 1
            return v & ((1 << bits) - 1) if lo <= v <= hi else _out_of_range()
        else:
            lo, hi = 0, (1 << bits) - 1
        if lo <= v <= hi:
            return v
        if code in _NAMED:
            raise error('%s format requires %d <= number <= %d' % (_NAMED[code], lo, hi))
        if size == 8 or (kind == 'uint' and (v < 0 or v >= 1 << 64)) or not (-(1 << 63) <= v < (1 << 63)):
            _out_of_range()
        raise error("'%s' format requires %d <= number <= %d" % (code, lo, hi))
    if kind == 'float':
        if not isinstance(v, float):
            if isinstance(v, int) or hasattr(type(v), '__float__') or hasattr(type(v), '__index__'):
                v = float(v)
            else:
                raise error('required argument is not a float')
        top = _FLOAT_MAX.get(code)
        if top is not None and v == v and abs(v) >= top and abs(v) != float('inf'):
            raise OverflowError('float too large to pack with %s format' % code)
        return v
    if kind == 'bool':
        return 1 if v else 0
    if kind == 'char':
        if not isinstance(v, (bytes, bytearray)) or len(v) != 1:
            raise error('char format requires a bytes object of length 1')
        return bytes(v)
    if not isinstance(v, (bytes, bytearray)):
        raise error("argument for '%s' must be a bytes object" % code)
    if kind == 'pascal':
        if count == 0:
            return b''
        body = bytes(v[:min(count - 1, 255)])
        return bytes((len(body),)) + body
    return bytes(v)


def _out_of_range():
    raise error('argument out of range')


def _values(f, values):
    if len(values) != f.nitems:
        raise error('pack expected %d items for packing (got %d)' % (f.nitems, len(values)))
    return [_convert(code, kind, size, count, v) for (code, kind, size, count), v in zip(f.fields, values)]


def _results(f, raw):
    if f.plain:
        return raw
    out = []
    for (code, kind, size, count), v in zip(f.fields, raw):
        if kind == 'bool':
            v = v != 0
        elif kind == 'pascal':
            v = v[1:1 + min(v[0], count - 1)] if count else b''
        out.append(v)
    return tuple(out)


def _buffer_len(buffer):
    try:
        return len(memoryview(buffer))
    except TypeError:
        raise TypeError("a bytes-like object is required, not '%s'" % type(buffer).__name__) from None


def calcsize(fmt):
    return _compile(fmt).size


def pack(fmt, *values):
    f = _compile(fmt)
    return _c.pack(f.cfmt, *_values(f, values))


def pack_into(fmt, buffer, offset, *values):
    f = _compile(fmt)
    vals = _values(f, values)
    n = _buffer_len(buffer)
    if offset < 0:
        if offset + f.size > 0:
            raise error('no space to pack %d bytes at offset %d' % (f.size, offset))
        if offset + n < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        offset += n
    if n - offset < f.size:
        raise error('pack_into requires a buffer of at least %d bytes for packing %d bytes at offset %d '
                    '(actual buffer size is %d)' % (f.size + offset, f.size, offset, n))
    _c.pack_into(f.cfmt, buffer, offset, *vals)


def unpack(fmt, buffer):
    f = _compile(fmt)
    if _buffer_len(buffer) != f.size:
        raise error('unpack requires a buffer of %d bytes' % f.size)
    return _results(f, _c.unpack(f.cfmt, buffer))


def unpack_from(fmt, buffer, offset=0):
    f = _compile(fmt)
    n = _buffer_len(buffer)
    if offset < 0:
        if offset + n < 0:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        offset += n
    if n - offset < f.size:
        if offset > n:
            raise error('offset %d out of range for %d-byte buffer' % (offset, n))
        raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d '
                    '(actual buffer size is %d)' % (f.size + offset, f.size, offset, n))
    return _results(f, _c.unpack_from(f.cfmt, buffer, offset))


def iter_unpack(fmt, buffer):
    f = _compile(fmt)
    if f.size == 0:
        raise error('cannot iteratively unpack with a struct of length 0')
    n = _buffer_len(buffer)
    if n % f.size:
        raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % f.size)
    return (_results(f, _c.unpack_from(f.cfmt, buffer, off)) for off in range(0, n, f.size))


class Struct:
    def __init__(self, format):
        self._f = _compile(format)
        self.format = format.decode('ascii') if isinstance(format, (bytes, bytearray)) else format
        self.size = self._f.size

    def pack(self, *values):
        return _c.pack(self._f.cfmt, *_values(self._f, values))

    def pack_into(self, buffer, offset, *values):
        pack_into(self.format, buffer, offset, *values)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)
