# pprint for mpbox: CPython's pprint layout rules (pprint, pformat, pp,
# PrettyPrinter, saferepr) for dicts, lists, tuples, sets, strings and bytes.
# Note: dicts print in sorted order by default; pp() and sort_dicts=False use
# insertion order, as CPython. Sets of ints show in
# CPython's hash-table order (exact when no two values share a slot), other
# sets sorted when they can be.

import sys

__all__ = ['pprint', 'pformat', 'isreadable', 'isrecursive', 'saferepr',
           'PrettyPrinter', 'pp']


def pprint(object, stream=None, indent=1, width=80, depth=None, *,
           compact=False, sort_dicts=True, underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth,
                  compact=compact, sort_dicts=sort_dicts,
                  underscore_numbers=underscore_numbers).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *,
            compact=False, sort_dicts=True, underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact,
                         sort_dicts=sort_dicts,
                         underscore_numbers=underscore_numbers).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]


def isreadable(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]


def isrecursive(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]


class _Key:
    # orders values that may not be mutually comparable (CPython's _safe_key)
    __slots__ = ['obj']

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            a = (str(type(self.obj)), id(self.obj))
            b = (str(type(other.obj)), id(other.obj))
            return a < b

    def __gt__(self, other):
        return other.__lt__(self)


def _pair_key(t):
    return (_Key(t[0]), _Key(t[1]))


def _first(kv):
    return kv[0]


def _sorted(values, key):
    # dict items by key and set elements: distinct values, so when they
    # compare directly the plain sort gives CPython's order
    try:
        return sorted(values, key=_first) if key is _pair_key else sorted(values)
    except TypeError:
        pass
    # values that do not compare: CPython's fallback order, ties in input
    # order
    dec = [(key(v), i, v) for i, v in enumerate(values)]
    dec.sort(key=lambda d: _Tie(d[0], d[1]))
    return [d[2] for d in dec]


class _Tie:
    __slots__ = ['k', 'i']

    def __init__(self, k, i):
        self.k, self.i = k, i

    def __lt__(self, other):
        if self.k < other.k:
            return True
        if other.k < self.k:
            return False
        return self.i < other.i


def _dataclass_items(obj):
    # (name, value) of the fields a dataclass repr shows
    fields = getattr(type(obj), '__dataclass_fields__', None) or {}
    plain = getattr(sys.modules.get('dataclasses'), '_FIELD', None)
    return [(f.name, getattr(obj, f.name)) for f in fields.values()
            if getattr(f, 'repr', True) and getattr(f, '_field_type', None) in (None, plain)]


def _more_dispatch(obj, text):
    # collections types and dataclasses, when those modules are in use
    t = type(obj)
    col = sys.modules.get('collections')
    if col is not None:
        for name, method in (('OrderedDict', PrettyPrinter._lay_ordered_dict),
                             ('defaultdict', PrettyPrinter._lay_default_dict),
                             ('Counter', PrettyPrinter._lay_counter),
                             ('deque', PrettyPrinter._lay_deque),
                             ('ChainMap', PrettyPrinter._lay_chain_map)):
            if t is getattr(col, name, None):
                return method
    if getattr(t, '__dataclass_fields__', None) is not None and not isinstance(obj, type):
        # only for the repr the dataclass decorator wrote
        expected = '%s(%s)' % (t.__name__, ', '.join(['%s=%r' % kv for kv in _dataclass_items(obj)]))
        if text == expected:
            return PrettyPrinter._lay_dataclass
    return None


def _cpython_set_order(values):
    # The order CPython iterates a set of non-negative ints (hash = value)
    # built by adding them in ascending order: its open-addressing table
    # (linear probes of 9, then perturbed jumps; resized at 60% fill).
    # Exact when no two values collide; other sets come back sorted.
    items = sorted(values)
    if not all(type(v) is int and 0 <= v < 1 << 61 for v in items):
        return items
    table = [None] * 8
    used = 0

    def place(table, v):
        mask = len(table) - 1
        i = v & mask
        perturb = v
        while True:
            probes = 9 if i + 9 <= mask else 0
            j = i
            while True:
                if table[j] is None:
                    table[j] = v
                    return
                if probes == 0:
                    break
                probes -= 1
                j += 1
            perturb >>= 5
            i = (i * 5 + 1 + perturb) & mask

    for v in items:
        place(table, v)
        used += 1
        mask = len(table) - 1
        if used * 5 >= mask * 3:
            size = 8
            while size <= used * 4:
                size <<= 1
            old = [x for x in table if x is not None]
            table = [None] * size
            for x in old:
                place(table, x)
    return [x for x in table if x is not None]


def _underscored(n):
    s = str(abs(n))
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return ('-' if n < 0 else '') + '_'.join(groups)


def _recursion(object):
    return '<Recursion on %s with id=%s>' % (type(object).__name__, id(object))


def _str_parts(line):
    # runs of non-space followed by runs of space (re.findall(r'\S*\s*'))
    parts = []
    i, n = 0, len(line)
    while i < n:
        j = i
        while j < n and not line[j].isspace():
            j += 1
        while j < n and line[j].isspace():
            j += 1
        parts.append(line[i:j])
        i = j
    return parts


def _splitlines_keep(s):
    out = []
    start = 0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in '\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029':
            if c == '\r' and i + 1 < n and s[i + 1] == '\n':
                i += 1
            out.append(s[start:i + 1])
            start = i + 1
        i += 1
    if start < n:
        out.append(s[start:])
    return out


class _Out:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def getvalue(self):
        return ''.join(self.parts)


class PrettyPrinter:
    # Layout: an object goes on one line when its repr fits in the columns
    # left (width - column - the characters that must follow it); otherwise
    # containers, strings and bytes are split over lines by the _lay_*
    # methods, with CPython's rules. `active` holds the ids being laid out
    # (recursion), `lvl` the nesting level, `tail` the characters that
    # follow the object on its last line.
    def __init__(self, indent=1, width=80, depth=None, stream=None, *,
                 compact=False, sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        self._stream = stream
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        text = self.pformat(object)
        if self._stream is None:
            print(text)  # print, so that contextlib.redirect_stdout sees it
        else:
            self._stream.write(text + '\n')

    def pformat(self, object):
        out = _Out()
        self._emit(object, out, 0, 0, {}, 0)
        return out.getvalue()

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        text, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    # --- one object
    def _oneline(self, obj, active, lvl):
        text, readable, recursive = self.format(obj, dict(active), self._depth, lvl)
        if not readable:
            self._readable = False
        if recursive:
            self._recursive = True
        return text

    def _emit(self, obj, out, col, tail, active, lvl):
        key = id(obj)
        if key in active:
            out.write(_recursion(obj))
            self._recursive = True
            self._readable = False
            return
        text = self._oneline(obj, active, lvl)
        if len(text) > self._width - col - tail:
            lay = self._layouts.get(type(obj)) or _more_dispatch(obj, text)
            if lay is not None:
                active[key] = 1
                lay(self, obj, out, col, tail, active, lvl + 1)
                del active[key]
                return
        out.write(text)

    # --- building blocks
    def _lay_items(self, items, out, col, tail, active, lvl):
        # sequence elements, one per line or (compact) as many as fit
        step = self._indent_per_level
        col += step
        if step > 1:
            out.write(' ' * (step - 1))
        newline = ',\n' + ' ' * col
        sep = ''
        full = self._width - col + 1
        room = full
        last = len(items) - 1
        for pos, item in enumerate(items):
            if pos == last:
                full -= tail
                room -= tail
            if self._compact:
                text = self._oneline(item, active, lvl)
                need = len(text) + 2
                if room < need:
                    room = full
                    if sep:
                        sep = newline
                if room >= need:
                    room -= need
                    out.write(sep)
                    out.write(text)
                    sep = ', '
                    continue
            out.write(sep)
            sep = newline
            self._emit(item, out, col, tail if pos == last else 1, active, lvl)

    def _lay_pairs(self, pairs, out, col, tail, active, lvl):
        # "key: value" entries, one per line
        col += self._indent_per_level
        newline = ',\n' + ' ' * col
        last = len(pairs) - 1
        for pos, (k, v) in enumerate(pairs):
            text = self._oneline(k, active, lvl)
            out.write(text + ': ')
            self._emit(v, out, col + len(text) + 2, tail if pos == last else 1, active, lvl)
            if pos != last:
                out.write(newline)

    def _dict_pairs(self, d):
        pairs = list(d.items())
        return _sorted(pairs, _pair_key) if self._sort_dicts else pairs

    # --- layouts by type
    def _lay_dict(self, obj, out, col, tail, active, lvl):
        out.write('{')
        if self._indent_per_level > 1:
            out.write(' ' * (self._indent_per_level - 1))
        if len(obj):
            self._lay_pairs(self._dict_pairs(obj), out, col, tail + 1, active, lvl)
        out.write('}')

    def _lay_list(self, obj, out, col, tail, active, lvl):
        out.write('[')
        self._lay_items(obj, out, col, tail + 1, active, lvl)
        out.write(']')

    def _lay_tuple(self, obj, out, col, tail, active, lvl):
        close = ',)' if len(obj) == 1 else ')'
        out.write('(')
        self._lay_items(obj, out, col, tail + len(close), active, lvl)
        out.write(close)

    def _lay_set(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        if type(obj) is set:
            out.write('{')
            close = '}'
        else:
            out.write('frozenset({')
            close = '})'
            col += len('frozenset') + 1
        self._lay_items(_sorted(list(obj), _Key), out, col, tail + len(close), active, lvl)
        out.write(close)

    def _lay_str(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        top = lvl == 1  # a string alone gets parentheses around its pieces
        if top:
            col += 1
            tail += 1
        avail = self._width - col
        lines = _splitlines_keep(obj)
        pieces = []
        text = ''
        for i, line in enumerate(lines):
            final_line = i == len(lines) - 1
            text = repr(line)
            if len(text) <= avail - (tail if final_line else 0):
                pieces.append(text)
                continue
            # words with their trailing blanks, gathered while they fit
            words = _str_parts(line)
            room = avail
            cur = ''
            for j, word in enumerate(words):
                if final_line and j == len(words) - 1:
                    room -= tail
                if len(repr(cur + word)) > room:
                    if cur:
                        pieces.append(repr(cur))
                    cur = word
                else:
                    cur += word
            if cur:
                pieces.append(repr(cur))
        if len(pieces) == 1:
            out.write(text)
            return
        out.write(('(' if top else '') + ('\n' + ' ' * col).join(pieces) + (')' if top else ''))

    def _lay_bytes(self, obj, out, col, tail, active, lvl):
        if len(obj) <= 4:
            out.write(repr(obj))
            return
        top = lvl == 1
        if top:
            col += 1
            tail += 1
        room = self._width - col
        last_start = len(obj) // 4 * 4
        pieces = []
        cur = b''
        for k in range(0, len(obj), 4):
            four = obj[k:k + 4]
            if k == last_start:
                room -= tail
            if len(repr(cur + four)) > room:
                if cur:
                    pieces.append(repr(cur))
                cur = four
            else:
                cur += four
        if cur:
            pieces.append(repr(cur))
        out.write(('(' if top else '') + ('\n' + ' ' * col).join(pieces) + (')' if top else ''))

    def _lay_ordered_dict(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        name = type(obj).__name__
        out.write(name + '(')
        self._emit(list(obj.items()), out, col + len(name) + 1, tail + 1, active, lvl)
        out.write(')')

    def _lay_default_dict(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        name = type(obj).__name__
        col += len(name) + 1
        out.write('%s(%s,\n%s' % (name, self._oneline(obj.default_factory, active, lvl),
                                   ' ' * col))
        self._lay_dict(obj, out, col, tail + 1, active, lvl)
        out.write(')')

    def _lay_counter(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        name = type(obj).__name__
        out.write(name + '({')
        if self._indent_per_level > 1:
            out.write(' ' * (self._indent_per_level - 1))
        self._lay_pairs(obj.most_common(), out, col + len(name) + 1, tail + 2, active, lvl)
        out.write('})')

    def _lay_deque(self, obj, out, col, tail, active, lvl):
        if not len(obj):
            out.write(repr(obj))
            return
        name = type(obj).__name__
        col += len(name) + 1
        out.write(name + '([')
        if obj.maxlen is None:
            self._lay_items(list(obj), out, col, tail + 2, active, lvl)
            out.write('])')
        else:
            self._lay_items(list(obj), out, col, 2, active, lvl)
            out.write('],\n%smaxlen=%s)' % (' ' * col, self._oneline(obj.maxlen, active, lvl)))

    def _lay_chain_map(self, obj, out, col, tail, active, lvl):
        if not len(obj.maps):
            out.write(repr(obj))
            return
        name = type(obj).__name__
        col += len(name) + 1
        out.write(name + '(')
        last = len(obj.maps) - 1
        for pos, m in enumerate(obj.maps):
            self._emit(m, out, col, tail + 1 if pos == last else 1, active, lvl)
            out.write(')' if pos == last else ',\n' + ' ' * col)

    def _lay_dataclass(self, obj, out, col, tail, active, lvl):
        name = type(obj).__name__
        col += len(name) + 1
        fields = _dataclass_items(obj)
        out.write(name + '(')
        last = len(fields) - 1
        for pos, (fname, value) in enumerate(fields):
            out.write(fname + '=')
            if id(value) in active:
                out.write('...')
            else:
                self._emit(value, out, col + len(fname) + 1, tail if pos == last else 1,
                           active, lvl)
            if pos != last:
                out.write(',\n' + ' ' * col)
        out.write(')')

    _layouts = {dict: _lay_dict, list: _lay_list, tuple: _lay_tuple, set: _lay_set,
                frozenset: _lay_set, str: _lay_str, bytes: _lay_bytes}

    # --- one-line text, readable and recursive flags
    def _safe_repr(self, obj, context, maxlevels, level):
        t = type(obj)
        if t is int:
            return (_underscored(obj) if self._underscore_numbers else repr(obj)), True, False
        if t in (str, bytes, bytearray, float, complex, bool, type(None)):
            return repr(obj), True, False
        if t is dict or t is list or t is tuple:
            return self._container_repr(obj, t, context, maxlevels, level)
        if (t is set or t is frozenset) and obj:
            # this build's set order differs from CPython's: show int sets in
            # CPython's order, other comparable sets sorted
            try:
                body = ', '.join([repr(x) for x in _cpython_set_order(obj)])
                return ('{' + body + '}' if t is set else 'frozenset({' + body + '})'), True, False
            except TypeError:
                pass
        text = repr(obj)
        return text, bool(text and not text.startswith('<')), False

    def _container_repr(self, obj, t, context, maxlevels, level):
        if t is dict:
            opening, closing = '{', '}'
        elif t is list:
            opening, closing = '[', ']'
        else:
            opening, closing = '(', ',)' if len(obj) == 1 else ')'
        if not obj:
            return opening + closing, True, False
        key = id(obj)
        if maxlevels and level >= maxlevels:
            return opening + '...' + closing, False, key in context
        if key in context:
            return _recursion(obj), False, True
        context[key] = 1
        readable, recursive = True, False
        parts = []
        if t is dict:
            pairs = list(obj.items())
            if self._sort_dicts:
                pairs = _sorted(pairs, _pair_key)
            for k, v in pairs:
                ktext, kread, krec = self.format(k, context, maxlevels, level + 1)
                vtext, vread, vrec = self.format(v, context, maxlevels, level + 1)
                parts.append(ktext + ': ' + vtext)
                readable = readable and kread and vread
                recursive = recursive or krec or vrec
        else:
            for item in obj:
                itext, iread, irec = self.format(item, context, maxlevels, level + 1)
                parts.append(itext)
                readable = readable and iread
                recursive = recursive or irec
        del context[key]
        return opening + ', '.join(parts) + closing, readable, recursive
