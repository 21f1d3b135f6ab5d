# json: CPython-compatible JSON for mpbox (written here from the CPython documentation).
# Plain data goes through MicroPython's built-in C json (fast); everything it does differently
# (indent, sort_keys, separators, default, ensure_ascii, NaN, hooks, errors) is done here in Python.
# A document goes to the built-in parser only when the host has checked that it reads it as CPython
# does (_builtin_reads); the others, and every error, go through _Parser. Known difference: nesting
# deeper than 995 levels raises RecursionError without CPython's "while decoding ..." text.
import sys

_cjson = None
if sys.implementation.name == 'micropython':
    from _builtin import builtin_module
    import js
    import uctypes
    _cjson = builtin_module('json')
    del builtin_module


def _builtin_reads(s):
    # True when s is one strict JSON document that the built-in parser reads as CPython's json.loads
    # does: no NaN or Infinity, no escaped surrogates, nesting within CPython's (the host checks
    # the bytes where they are: js.mpbox_internal('json_check'), core/internal.c)
    b = s.encode()
    return js.mpbox_internal('json_check', '%d %d' % (uctypes.addressof(b), len(b))) == '[1]'

_INF = float('inf')


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        super().__init__('%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


# ---------------------------------------------------------------- encoding
_ESC = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}


def _u(c):
    o = ord(c)
    if o > 0xffff:
        o -= 0x10000
        return '\\u%04x\\u%04x' % (0xd800 | (o >> 10), 0xdc00 | (o & 0x3ff))
    return '\\u%04x' % o


def _ascii_only(text):
    # escape every non-ASCII character (and DEL) of an encoded document or string
    if len(text.encode()) == len(text) and '\x7f' not in text:
        return text
    return ''.join(c if c < '\x7f' else _u(c) for c in text)


def _encode_str_py(s, ensure_ascii):
    out = []
    for c in s:
        e = _ESC.get(c)
        if e is not None:
            out.append(e)
        elif c < ' ' or ensure_ascii and c >= '\x7f':
            out.append(_u(c))
        else:
            out.append(c)
    return '"' + ''.join(out) + '"'


def _encode_str(s, ensure_ascii):
    if _cjson is None or '\b' in s or '\f' in s:
        return _encode_str_py(s, ensure_ascii)
    r = _cjson.dumps(s)
    return _ascii_only(r) if ensure_ascii else r


def _float_str(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == _INF:
        text = 'Infinity'
    elif o == -_INF:
        text = '-Infinity'
    else:
        return repr(o)
    if not allow_nan:
        raise ValueError('Out of range float values are not JSON compliant')
    return text


def _finite(x):
    return x == x and x != _INF and x != -_INF


def _plain(o, seen, type=type, id=id, str=str, int=int, bool=bool, float=float, list=list, tuple=tuple,
           dict=dict, _INF=_INF):
    # True when the built-in encoder writes o exactly as CPython does. The
    # items of a container are tested in line and the names are locals
    # (bound as defaults): a builtin's name costs a lookup in two maps at
    # each use, and this runs for every value before the built-in encoder.
    t = type(o)
    if t is dict:
        for k in o:
            t = type(k)
            if not (t is str or t is int or t is bool or k is None or t is float and _finite(k)):
                return False
        items = o.values()
    elif t is list or t is tuple:
        items = o
    elif t is float:
        return _finite(o)
    else:
        return t is str or t is int or t is bool or o is None
    i = id(o)
    if i in seen:
        return False
    seen.add(i)
    for x in items:
        t = type(x)
        if t is str or t is int or t is bool or x is None:
            continue
        if t is float:
            if x != x or x == _INF or x == -_INF:
                return False
        elif not _plain(x, seen):
            return False
    seen.discard(i)
    return True


class JSONEncoder:
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError('Object of type %s is not JSON serializable' % type(o).__name__)

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        if (_cjson is not None and self.indent is None and not self.sort_keys and
                self.item_separator == ', ' and self.key_separator == ': ' and _plain(o, set())):
            r = _cjson.dumps(o)
            if '\\u0008' not in r and '\\u000c' not in r:
                return _ascii_only(r) if self.ensure_ascii else r
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        out = []
        ind = self.indent
        if ind is not None and not isinstance(ind, str):
            ind = ' ' * ind
        self._enc(o, out, ind, 0, {} if self.check_circular else None)
        return out

    def _key(self, k):
        if isinstance(k, str):
            return k
        if isinstance(k, bool):
            return 'true' if k else 'false'
        if k is None:
            return 'null'
        if isinstance(k, float):
            return _float_str(k, self.allow_nan)
        if isinstance(k, int):
            return (repr(k) if type(k) is int else repr(int(k)))
        if self.skipkeys:
            return None
        raise TypeError('keys must be str, int, float, bool or None, not %s' % type(k).__name__)

    def _enc(self, o, out, ind, level, markers):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append((repr(o) if type(o) is int else repr(int(o))))
        elif isinstance(o, float):
            out.append(_float_str(o, self.allow_nan))
        elif isinstance(o, (list, tuple, dict)):
            if markers is not None:
                i = id(o)
                if i in markers:
                    raise ValueError('Circular reference detected')
                markers[i] = o
            isdict = isinstance(o, dict)
            if not o:
                out.append('{}' if isdict else '[]')
            else:
                out.append('{' if isdict else '[')
                if ind is not None:
                    level += 1
                    sep = self.item_separator + '\n' + ind * level
                    out.append('\n' + ind * level)
                else:
                    sep = self.item_separator
                first = True
                if isdict:
                    items = sorted(o.items()) if self.sort_keys else o.items()
                    for k, v in items:
                        k = self._key(k)
                        if k is None:
                            continue
                        if not first:
                            out.append(sep)
                        first = False
                        out.append(_encode_str(k, self.ensure_ascii))
                        out.append(self.key_separator)
                        self._enc(v, out, ind, level, markers)
                else:
                    for v in o:
                        if not first:
                            out.append(sep)
                        first = False
                        self._enc(v, out, ind, level, markers)
                if ind is not None:
                    level -= 1
                    out.append('\n' + ind * level)
                out.append('}' if isdict else ']')
            if markers is not None:
                del markers[id(o)]
        else:
            if markers is not None:
                i = id(o)
                if i in markers:
                    raise ValueError('Circular reference detected')
                markers[i] = o
            self._enc(self.default(o), out, ind, level, markers)
            if markers is not None:
                del markers[id(o)]


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


# ---------------------------------------------------------------- decoding
_WS = b' \t\n\r'
_DIGITS = b'0123456789'
_SIMPLE = {0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t'}


class _Parser:
    # Works on the UTF-8 bytes of the document (str indexing is O(n) in MicroPython);
    # positions in errors are converted back to characters.
    def __init__(self, dec, s):
        self.dec = dec
        self.s = s
        self.b = s.encode()
        self.n = len(self.b)

    def fail(self, msg, bpos):
        raise JSONDecodeError(msg, self.s, len(self.b[:bpos].decode()))

    def ws(self, i):
        b = self.b
        n = self.n
        while i < n and b[i] in _WS:
            i += 1
        return i

    def value(self, i):
        b = self.b
        if i >= self.n:
            self.fail('Expecting value', i)
        c = b[i]
        if c == 0x22:
            return self.string(i)
        if c == 0x7b:
            return self.obj(i)
        if c == 0x5b:
            return self.arr(i)
        for word, val in ((b'null', None), (b'true', True), (b'false', False)):
            if b.startswith(word, i):
                return val, i + len(word)
        for word in (b'NaN', b'Infinity', b'-Infinity'):
            if b.startswith(word, i):
                return self.dec.parse_constant(word.decode()), i + len(word)
        return self.number(i)

    def number(self, i):
        b = self.b
        n = self.n
        j = i
        if j < n and b[j] == 0x2d:
            j += 1
        if j < n and b[j] == 0x30:
            j += 1
        elif j < n and b[j] in _DIGITS:
            while j < n and b[j] in _DIGITS:
                j += 1
        else:
            self.fail('Expecting value', i)
        isfloat = False
        if j + 1 < n and b[j] == 0x2e and b[j + 1] in _DIGITS:
            isfloat = True
            j += 2
            while j < n and b[j] in _DIGITS:
                j += 1
        if j < n and b[j] in b'eE':
            k = j + 1
            if k < n and b[k] in b'+-':
                k += 1
            if k < n and b[k] in _DIGITS:
                isfloat = True
                while k < n and b[k] in _DIGITS:
                    k += 1
                j = k
        text = b[i:j].decode()
        if isfloat:
            return self.dec.parse_float(text), j
        return self.dec.parse_int(text), j

    def string(self, i):
        b = self.b
        n = self.n
        strict = self.dec.strict
        start = i
        i += 1
        parts = []
        while True:
            # up to the next quote or backslash; errors in CPython's order
            q = b.find(b'"', i)
            e = b.find(b'\\', i, n if q < 0 else q)
            end = q if e < 0 else e
            chunk = b[i:n if end < 0 else end]
            if strict:
                for k in range(len(chunk)):
                    if chunk[k] < 32:
                        self.fail('Invalid control character at', i + k)
            if end < 0:
                self.fail('Unterminated string starting at', start)
            parts.append(chunk.decode())
            if e < 0:
                return ''.join(parts), q + 1
            i = e + 1
            if i >= n:
                self.fail('Unterminated string starting at', start)
            c = b[i]
            if c == 0x75:
                cp = self.hex4(i + 1, e + 1)
                i += 5
                if 0xd800 <= cp <= 0xdbff and b.startswith(b'\\u', i):
                    lo = self.hex4(i + 2, i + 1)
                    if 0xdc00 <= lo <= 0xdfff:
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
                        i += 6
                parts.append(chr(cp))
            else:
                ch = _SIMPLE.get(c)
                if ch is None:
                    self.fail('Invalid \\escape', e)
                parts.append(ch)
                i += 1

    def hex4(self, i, epos):
        # CPython wants a character after the four digits
        h = self.b[i:i + 4]
        if i + 4 >= self.n or not all(x in b'0123456789abcdefABCDEF' for x in h):
            self.fail('Invalid \\uXXXX escape', epos)
        return int(h.decode(), 16)

    def obj(self, i):
        b = self.b
        pairs = []
        i = self.ws(i + 1)
        if i < self.n and b[i] == 0x7d:
            return self.dec._object(pairs), i + 1
        while True:
            if i >= self.n or b[i] != 0x22:
                self.fail('Expecting property name enclosed in double quotes', i)
            k, i = self.string(i)
            i = self.ws(i)
            if i >= self.n or b[i] != 0x3a:
                self.fail("Expecting ':' delimiter", i)
            i = self.ws(i + 1)
            v, i = self.value(i)
            pairs.append((k, v))
            i = self.ws(i)
            if i < self.n and b[i] == 0x7d:
                return self.dec._object(pairs), i + 1
            if i >= self.n or b[i] != 0x2c:
                self.fail("Expecting ',' delimiter", i)
            i = self.ws(i + 1)

    def arr(self, i):
        b = self.b
        out = []
        i = self.ws(i + 1)
        if i < self.n and b[i] == 0x5d:
            return out, i + 1
        while True:
            v, i = self.value(i)
            out.append(v)
            i = self.ws(i)
            if i < self.n and b[i] == 0x5d:
                return out, i + 1
            if i >= self.n or b[i] != 0x2c:
                self.fail("Expecting ',' delimiter", i)
            i = self.ws(i + 1)


def _const(name):
    return {'NaN': float('nan'), 'Infinity': _INF, '-Infinity': -_INF}[name]


class JSONDecoder:
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _const
        self.strict = strict
        self._plain = (object_hook is None and object_pairs_hook is None and parse_float is None and
                       parse_int is None and parse_constant is None and strict)

    def _object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d

    def raw_decode(self, s, idx=0):
        if not isinstance(s, str):
            raise TypeError('first argument must be a string, not %s' % type(s).__name__)
        p = _Parser(self, s)
        bidx = len(s[:idx].encode()) if idx else 0
        v, end = p.value(bidx)
        return v, len(p.b[:end].decode())

    def decode(self, s):
        if self._plain and _cjson is not None and _builtin_reads(s):
            return _cjson.loads(s)
        p = _Parser(self, s)
        i = p.ws(0)
        v, i = p.value(i)
        i = p.ws(i)
        if i != p.n:
            p.fail('Extra data', i)
        return v


_default_decoder = JSONDecoder()


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if isinstance(s, (bytes, bytearray)):
        s = bytes(s)
        s = (s[3:] if s.startswith(b'\xef\xbb\xbf') else s).decode()
    elif not isinstance(s, str):
        raise TypeError('the JSON object must be str, bytes or bytearray, not %s' % type(s).__name__)
    elif s.startswith('\ufeff'):
        raise JSONDecodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', s, 0)
    if cls is None and not kw and object_hook is None and parse_float is None and parse_int is None and \
            parse_constant is None and object_pairs_hook is None:
        return _default_decoder.decode(s)
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float, parse_int=parse_int,
               parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw).decode(s)


def load(fp, **kw):
    return loads(fp.read(), **kw)
