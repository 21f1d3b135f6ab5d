# pprint for mpbox: CPython's pprint layout rules (pprint, pformat, pp,
# PrettyPrinter, saferepr) for dicts, lists, tuples, sets, strings and bytes.
# Note: dicts print in sorted order by default; pp() and sort_dicts=False use
# this build's dict order, which is not insertion order.

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
    # values that do not compare: CPython's fallback order, with a stable tie
    # order (this build's sort is not stable)
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
    fields = getattr(type(obj), '__dataclass_fields__', None) or {}
    out = []
    for f in fields.values():
        if getattr(f, 'repr', True) and getattr(f, '_field_type', None) in (None, getattr(
                sys.modules.get('dataclasses'), '_FIELD', None)):
            out.append((f.name, getattr(obj, f.name)))
    return out


def _more_dispatch(obj, rep):
    # collections types and dataclasses, when those modules are in use
    t = type(obj)
    col = sys.modules.get('collections')
    if col is not None:
        for name, method in (('OrderedDict', PrettyPrinter._pprint_ordered_dict),
                             ('defaultdict', PrettyPrinter._pprint_default_dict),
                             ('Counter', PrettyPrinter._pprint_counter),
                             ('deque', PrettyPrinter._pprint_deque),
                             ('ChainMap', PrettyPrinter._pprint_chain_map)):
            if t is getattr(col, name, None):
                return method
    if getattr(t, '__dataclass_fields__', None) is not None and not isinstance(obj, type):
        # only for the repr the dataclass decorator wrote
        items = _dataclass_items(obj)
        expected = '%s(%s)' % (t.__name__, ', '.join(['%s=%r' % kv for kv in items]))
        if rep == expected:
            return PrettyPrinter._pprint_dataclass
    return None


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
        s = self.pformat(object)
        if self._stream is None:
            print(s)
        else:
            self._stream.write(s + '\n')

    def pformat(self, object):
        out = _Out()
        self._format(object, out, 0, 0, {}, 0)
        return out.getvalue()

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    def _repr(self, object, context, level):
        rep, readable, recursive = self.format(object, dict(context), self._depth, level)
        if not readable:
            self._readable = False
        if recursive:
            self._recursive = True
        return rep

    def _format(self, object, stream, indent, allowance, context, level):
        objid = id(object)
        if objid in context:
            stream.write(_recursion(object))
            self._recursive = True
            self._readable = False
            return
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        if len(rep) > max_width:
            p = self._dispatch.get(type(object)) or _more_dispatch(object, rep)
            if p is not None:
                context[objid] = 1
                p(self, object, stream, indent, allowance, context, level + 1)
                del context[objid]
                return
        stream.write(rep)

    def _pprint_dict(self, object, stream, indent, allowance, context, level):
        write = stream.write
        write('{')
        if self._indent_per_level > 1:
            write((self._indent_per_level - 1) * ' ')
        if len(object):
            items = list(object.items())
            if self._sort_dicts:
                items = _sorted(items, _pair_key)
            self._format_dict_items(items, stream, indent, allowance + 1, context, level)
        write('}')

    def _format_dict_items(self, items, stream, indent, allowance, context, level):
        write = stream.write
        indent += self._indent_per_level
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            write(rep)
            write(': ')
            self._format(ent, stream, indent + len(rep) + 2,
                         allowance if last else 1, context, level)
            if not last:
                write(delimnl)

    def _pprint_list(self, object, stream, indent, allowance, context, level):
        stream.write('[')
        self._format_items(object, stream, indent, allowance + 1, context, level)
        stream.write(']')

    def _pprint_tuple(self, object, stream, indent, allowance, context, level):
        stream.write('(')
        endchar = ',)' if len(object) == 1 else ')'
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.write(endchar)

    def _pprint_set(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        if type(object) is set:
            stream.write('{')
            endchar = '}'
        else:
            stream.write('frozenset({')
            endchar = '})'
            indent += len('frozenset') + 1
        object = _sorted(list(object), _Key)
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.write(endchar)

    def _pprint_str(self, object, stream, indent, allowance, context, level):
        write = stream.write
        if not len(object):
            write(repr(object))
            return
        chunks = []
        lines = _splitlines_keep(object)
        if level == 1:
            indent += 1
            allowance += 1
        max_width1 = max_width = self._width - indent
        rep = ''
        for i, line in enumerate(lines):
            rep = repr(line)
            if i == len(lines) - 1:
                max_width1 -= allowance
            if len(rep) <= max_width1:
                chunks.append(rep)
                continue
            parts = _str_parts(line)
            max_width2 = max_width
            current = ''
            for j, part in enumerate(parts):
                candidate = current + part
                if j == len(parts) - 1 and i == len(lines) - 1:
                    max_width2 -= allowance
                if len(repr(candidate)) > max_width2:
                    if current:
                        chunks.append(repr(current))
                    current = part
                else:
                    current = candidate
            if current:
                chunks.append(repr(current))
        if len(chunks) == 1:
            write(rep)
            return
        if level == 1:
            write('(')
        for i, rep in enumerate(chunks):
            if i > 0:
                write('\n' + ' ' * indent)
            write(rep)
        if level == 1:
            write(')')

    def _pprint_bytes(self, object, stream, indent, allowance, context, level):
        write = stream.write
        if len(object) <= 4:
            write(repr(object))
            return
        parens = level == 1
        if parens:
            indent += 1
            allowance += 1
            write('(')
        delim = ''
        width = self._width - indent
        last = len(object) // 4 * 4
        current = b''
        pieces = []
        for k in range(0, len(object), 4):
            part = object[k:k + 4]
            candidate = current + part
            if k == last:
                width -= allowance
            if len(repr(candidate)) > width:
                if current:
                    pieces.append(repr(current))
                current = part
            else:
                current = candidate
        if current:
            pieces.append(repr(current))
        for rep in pieces:
            write(delim)
            write(rep)
            if not delim:
                delim = '\n' + ' ' * indent
        if parens:
            write(')')

    def _format_items(self, items, stream, indent, allowance, context, level):
        write = stream.write
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            write((self._indent_per_level - 1) * ' ')
        delimnl = ',\n' + ' ' * indent
        delim = ''
        width = max_width = self._width - indent + 1
        n = len(items)
        for i, ent in enumerate(items):
            last = i == n - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    write(delim)
                    delim = ', '
                    write(rep)
                    continue
            write(delim)
            delim = delimnl
            self._format(ent, stream, indent, allowance if last else 1, context, level)

    def _pprint_ordered_dict(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        name = type(object).__name__
        stream.write(name + '(')
        self._format(list(object.items()), stream, indent + len(name) + 1,
                     allowance + 1, context, level)
        stream.write(')')

    def _pprint_default_dict(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        rdf = self._repr(object.default_factory, context, level)
        name = type(object).__name__
        indent += len(name) + 1
        stream.write('%s(%s,\n%s' % (name, rdf, ' ' * indent))
        self._pprint_dict(object, stream, indent, allowance + 1, context, level)
        stream.write(')')

    def _pprint_counter(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        name = type(object).__name__
        stream.write(name + '({')
        if self._indent_per_level > 1:
            stream.write((self._indent_per_level - 1) * ' ')
        self._format_dict_items(object.most_common(), stream, indent + len(name) + 1,
                                allowance + 2, context, level)
        stream.write('})')

    def _pprint_deque(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        name = type(object).__name__
        stream.write(name + '(')
        indent += len(name) + 1
        stream.write('[')
        if object.maxlen is None:
            self._format_items(list(object), stream, indent, allowance + 2, context, level)
            stream.write('])')
        else:
            self._format_items(list(object), stream, indent, 2, context, level)
            rml = self._repr(object.maxlen, context, level)
            stream.write('],\n%smaxlen=%s)' % (' ' * indent, rml))

    def _pprint_chain_map(self, object, stream, indent, allowance, context, level):
        if not len(object.maps):
            stream.write(repr(object))
            return
        name = type(object).__name__
        stream.write(name + '(')
        indent += len(name) + 1
        for i, m in enumerate(object.maps):
            if i == len(object.maps) - 1:
                self._format(m, stream, indent, allowance + 1, context, level)
                stream.write(')')
            else:
                self._format(m, stream, indent, 1, context, level)
                stream.write(',\n' + ' ' * indent)

    def _pprint_dataclass(self, object, stream, indent, allowance, context, level):
        name = type(object).__name__
        indent += len(name) + 1
        items = _dataclass_items(object)
        stream.write(name + '(')
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            stream.write(key)
            stream.write('=')
            if id(ent) in context:
                stream.write('...')
            else:
                self._format(ent, stream, indent + len(key) + 1,
                             allowance if last else 1, context, level)
            if not last:
                stream.write(delimnl)
        stream.write(')')

    _dispatch = {dict: _pprint_dict, list: _pprint_list, tuple: _pprint_tuple,
                 set: _pprint_set, frozenset: _pprint_set, str: _pprint_str,
                 bytes: _pprint_bytes}

    def _safe_repr(self, object, context, maxlevels, level):
        typ = type(object)
        if typ is int:
            if self._underscore_numbers:
                return _underscored(object), True, False
            return repr(object), True, False
        if typ in (str, bytes, bytearray, float, complex, bool, type(None)):
            return repr(object), True, False
        if typ is dict:
            if not object:
                return '{}', True, False
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return '{...}', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            parts = []
            level += 1
            items = list(object.items())
            if self._sort_dicts:
                items = _sorted(items, _pair_key)
            for k, v in items:
                krepr, kread, krec = self.format(k, context, maxlevels, level)
                vrepr, vread, vrec = self.format(v, context, maxlevels, level)
                parts.append('%s: %s' % (krepr, vrepr))
                readable = readable and kread and vread
                if krec or vrec:
                    recursive = True
            del context[objid]
            return '{%s}' % ', '.join(parts), readable, recursive
        if typ is list or typ is tuple:
            if typ is list:
                if not object:
                    return '[]', True, False
                fmt = '[%s]'
            elif len(object) == 1:
                fmt = '(%s,)'
            else:
                if not object:
                    return '()', True, False
                fmt = '(%s)'
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return fmt % '...', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            parts = []
            level += 1
            for o in object:
                orepr, oread, orec = self.format(o, context, maxlevels, level)
                parts.append(orepr)
                if not oread:
                    readable = False
                if orec:
                    recursive = True
            del context[objid]
            return fmt % ', '.join(parts), readable, recursive
        if (typ is set or typ is frozenset) and object:
            # CPython shows small int sets in ascending order (hash order);
            # this build's set order differs, so sort when possible
            try:
                body = ', '.join([repr(x) for x in sorted(object)])
                rep = '{' + body + '}' if typ is set else 'frozenset({' + body + '})'
                return rep, True, False
            except TypeError:
                pass
        rep = repr(object)
        return rep, bool(rep and not rep.startswith('<')), False
