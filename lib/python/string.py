# string for mpbox: the constants and translate() of MicroPython's frozen
# string module, plus CPython's Template, capwords and Formatter.

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords', 'digits',
           'hexdigits', 'octdigits', 'printable', 'punctuation', 'whitespace',
           'Formatter', 'Template']

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'
printable = digits + ascii_letters + punctuation + whitespace


def translate(s, table):
    # str.translate for this build (MicroPython's str has no translate method)
    out = []
    for c in s:
        try:
            r = table[ord(c)]
        except LookupError:
            out.append(c)
            continue
        if r is None:
            continue
        out.append(chr(r) if isinstance(r, int) else r)
    return ''.join(out)


def capwords(s, sep=None):
    return (sep or ' ').join(w[:1].upper() + w[1:].lower() for w in s.split(sep))


def _is_ident_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_ident_char(c):
    return _is_ident_start(c) or ('0' <= c <= '9')


class Template:
    # Placeholders: $$ (a literal $), $name, ${name}; names are ASCII
    # identifiers. Subclasses may change `delimiter`; a custom `idpattern`
    # regular expression is not supported in this build.
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _scan(self):
        # yields (start, end, kind, name) for each placeholder
        t = self.template
        dl = self.delimiter
        n = len(t)
        i = t.find(dl)
        while i >= 0:
            j = i + len(dl)
            if t.startswith(dl, j):
                yield i, j + len(dl), 'escaped', None
                i = t.find(dl, j + len(dl))
                continue
            if j < n and _is_ident_start(t[j]):
                k = j + 1
                while k < n and _is_ident_char(t[k]):
                    k += 1
                yield i, k, 'named', t[j:k]
                i = t.find(dl, k)
                continue
            if j < n and t[j] == '{' and j + 1 < n and _is_ident_start(t[j + 1]):
                k = j + 2
                while k < n and _is_ident_char(t[k]):
                    k += 1
                if k < n and t[k] == '}':
                    yield i, k + 1, 'braced', t[j + 1:k]
                    i = t.find(dl, k + 1)
                    continue
            yield i, j, 'invalid', j
            i = t.find(dl, j)

    def _invalid(self, i):
        head = self.template[:i]
        lines = _splitlines_keep(head)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' % (lineno, colno))

    def _subst(self, mapping, kws, safe):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _Chain(kws, mapping)
        t = self.template
        out = []
        pos = 0
        for start, end, kind, name in self._scan():
            out.append(t[pos:start])
            pos = end
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                if not safe:
                    self._invalid(name)
                out.append(t[start:end])
            elif safe:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(t[start:end])
            else:
                out.append(str(mapping[name]))
        out.append(t[pos:])
        return ''.join(out)

    def substitute(self, mapping=None, **kws):
        return self._subst(mapping, kws, False)

    def safe_substitute(self, mapping=None, **kws):
        return self._subst(mapping, kws, True)

    def is_valid(self):
        for s, e, kind, name in self._scan():
            if kind == 'invalid':
                return False
        return True

    def get_identifiers(self):
        ids = []
        for s, e, kind, name in self._scan():
            if kind in ('named', 'braced') and name not in ids:
                ids.append(name)
        return ids

    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None


class _Chain:
    def __init__(self, first, second):
        self.first, self.second = first, second

    def __getitem__(self, key):
        try:
            return self.first[key]
        except KeyError:
            return self.second[key]


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


def _parse_format(s):
    # yields (literal, field_name, format_spec, conversion) like CPython's
    # Formatter.parse
    n = len(s)
    i = 0
    lit = []
    while i < n:
        c = s[i]
        if c == '{':
            if i + 1 < n and s[i + 1] == '{':
                lit.append('{')
                yield ''.join(lit), None, None, None
                lit = []
                i += 2
                continue
            if i + 1 == n:
                raise ValueError("Single '{' encountered in format string")
            # a replacement field: find its matching '}'
            depth = 1
            j = i + 1
            while j < n:
                if s[j] == '{':
                    depth += 1
                elif s[j] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise ValueError("expected '}' before end of string")
            body = s[i + 1:j]
            # field name ends at the first '!' or ':' outside brackets
            k = 0
            in_bracket = False
            while k < len(body):
                ch = body[k]
                if ch == '[':
                    in_bracket = True
                elif ch == ']':
                    in_bracket = False
                elif not in_bracket and ch in '!:':
                    break
                k += 1
            name = body[:k]
            conv = None
            spec = ''
            rest = body[k:]
            if rest.startswith('!'):
                if len(rest) < 2:
                    raise ValueError('end of string while looking for conversion specifier')
                conv = rest[1]
                rest = rest[2:]
                if rest and rest[0] != ':':
                    raise ValueError('expected \':\' after conversion specifier')
            if rest.startswith(':'):
                spec = rest[1:]
            yield ''.join(lit), name, spec, conv
            lit = []
            i = j + 1
        elif c == '}':
            if i + 1 < n and s[i + 1] == '}':
                lit.append('}')
                yield ''.join(lit), None, None, None
                lit = []
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        else:
            lit.append(c)
            i += 1
    if lit:
        yield ''.join(lit), None, None, None


def _split_field_name(name):
    # 'a.b[0]' -> ('a', [(True, 'b'), (False, 0)])
    k = 0
    while k < len(name) and name[k] not in '.[':
        k += 1
    first = name[:k]
    if first.isdigit():
        first = int(first)
    rest = []
    while k < len(name):
        if name[k] == '.':
            j = k + 1
            while j < len(name) and name[j] not in '.[':
                j += 1
            if j == k + 1:
                raise ValueError('Empty attribute in format string')
            rest.append((True, name[k + 1:j]))
            k = j
        else:
            j = name.find(']', k)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[k + 1:j]
            if key == '':
                raise ValueError('Empty attribute in format string')
            rest.append((False, int(key) if key.isdigit() else key))
            k = j + 1
            if k < len(name) and name[k] not in '.[':
                raise ValueError('Only \'.\' or \'[\' may follow \']\' in format field specifier')
    return first, rest


class Formatter:
    def format(self, format_string, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used = set()
        result, _ = self._vformat(format_string, args, kwargs, used, 2)
        self.check_unused_args(used, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used, depth, auto=0):
        if depth < 0:
            raise ValueError('Max string recursion exceeded')
        out = []
        for lit, name, spec, conv in self.parse(format_string):
            if lit:
                out.append(lit)
            if name is None:
                continue
            if name == '':
                if auto is False:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field numbering')
                name = str(auto)
                auto += 1
            elif name.isdigit():
                if auto:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field numbering')
                auto = False
            obj, key = self.get_field(name, args, kwargs)
            used.add(key)
            obj = self.convert_field(obj, conv)
            spec, auto = self._vformat(spec, args, kwargs, used, depth - 1, auto)
            out.append(self.format_field(obj, spec))
        return ''.join(out), auto

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            obj = getattr(obj, key) if is_attr else obj[key]
        return obj, first

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return ('{:' + format_spec + '}').format(value)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            r = repr(value)
            return ''.join(c if ord(c) < 128 else
                           ('\\x%02x' % ord(c) if ord(c) < 256 else
                            '\\u%04x' % ord(c) if ord(c) < 65536 else '\\U%08x' % ord(c))
                           for c in r)
        raise ValueError('Unknown conversion specifier %s' % (conversion,))
