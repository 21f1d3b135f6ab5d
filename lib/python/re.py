# re: CPython-compatible regular expressions for mpbox (written here from the CPython documentation).
# A parser builds a small AST; a backtracking VM with an explicit stack runs it (no recursion on input
# length), memoising (instruction, position) when the pattern has no backreferences and no loops whose
# body can match empty, so nested quantifiers stay polynomial. Patterns within the syntax of
# MicroPython's built-in re (and subjects that are ASCII, short enough for its recursive matcher) run on
# the built-in C engine instead, with identical results.
# Bytes patterns run on the same engine: the pattern and subjects are read as latin-1 text with ASCII
# semantics (as CPython's bytes patterns have), results are converted back to bytes.
# Differences from CPython: Unicode classes (\d \w \s) and case folding beyond ASCII
# are approximations (MicroPython has no Unicode database).
import sys

_cre = None
if sys.implementation.name == 'micropython':
    from _builtin import builtin_module
    _cre = builtin_module('re')
    del builtin_module

_FLAGNAMES = ((1, 'TEMPLATE'), (2, 'IGNORECASE'), (4, 'LOCALE'), (8, 'MULTILINE'),
              (16, 'DOTALL'), (64, 'VERBOSE'), (128, 'DEBUG'), (256, 'ASCII'))


class RegexFlag(int):
    """The flags, ints that print as CPython's: re.IGNORECASE|re.MULTILINE."""

    def __repr__(self):
        v = int(self)
        if v == 32:
            return 're.UNICODE'
        names = ['re.' + nm for f, nm in _FLAGNAMES if v & f]
        rest = v & ~511
        if rest or v < 0:
            names.append(hex(rest))
        return '|'.join(names) or 're.NOFLAG'

    __str__ = __repr__

    @property
    def name(self):
        return repr(self).replace('re.', '') if int(self) else 'NOFLAG'

    @property
    def value(self):
        return int(self)

    def __or__(self, other):
        return RegexFlag(int(self) | other) if isinstance(other, int) else NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        return RegexFlag(int(self) & other) if isinstance(other, int) else NotImplemented

    __rand__ = __and__

    def __xor__(self, other):
        return RegexFlag(int(self) ^ other) if isinstance(other, int) else NotImplemented

    __rxor__ = __xor__


NOFLAG = RegexFlag(0)
TEMPLATE = T = RegexFlag(1)
IGNORECASE = I = RegexFlag(2)
LOCALE = L = RegexFlag(4)
MULTILINE = M = RegexFlag(8)
DOTALL = S = RegexFlag(16)
UNICODE = U = RegexFlag(32)
VERBOSE = X = RegexFlag(64)
DEBUG = RegexFlag(128)
ASCII = A = RegexFlag(256)


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            self.lineno = pattern.count('\n', 0, pos) + 1
            self.colno = pos - pattern.rfind('\n', 0, pos)
            if '\n' in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
            else:
                msg = '%s at position %d' % (msg, pos)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


PatternError = error

# ---------------------------------------------------------------- character predicates
_SPACE_HI = (0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000)
_DIGIT_HI = (0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0,
             0xf20, 0x1040, 0xff10)


def _is_space(c):
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return c in _SPACE_HI or 0x2000 <= c <= 0x200a


def _is_digit(c):
    if c < 128:
        return 48 <= c <= 57
    for b in _DIGIT_HI:
        if b <= c <= b + 9:
            return True
    return False


def _is_word(c):
    if c < 128:
        return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 95
    # Approximation of Unicode alphanumerics: letters of Latin-1 and most code points above, except
    # known punctuation and space blocks.
    if c < 0x100:
        return c >= 0xc0 and c != 0xd7 and c != 0xf7 or c in (0xaa, 0xb2, 0xb3, 0xb5, 0xb9, 0xba, 0xbc, 0xbd, 0xbe)
    if _is_space(c) or 0x2000 <= c <= 0x2bff or 0x3000 <= c <= 0x3003 or 0x3008 <= c <= 0x3020:
        return False
    if 0xfe30 <= c <= 0xfe6f or 0xff00 <= c <= 0xff0f or 0xff1a <= c <= 0xff20 or 0xd800 <= c <= 0xf8ff:
        return False
    return _is_digit(c) or c >= 0x100


def _other_case(c):
    if 65 <= c <= 90:
        return c + 32
    if 97 <= c <= 122:
        return c - 32
    if c < 128:
        return c
    ch = chr(c)
    lo = ch.lower()
    if lo != ch and len(lo) == 1:
        return ord(lo)
    up = ch.upper()
    if up != ch and len(up) == 1:
        return ord(up)
    return c


def _cat_test(cat, c, ascii_only):
    if ascii_only and c >= 128:
        return cat in 'DWS'
    if cat == 'd':
        return _is_digit(c)
    if cat == 'D':
        return not _is_digit(c)
    if cat == 'w':
        return _is_word(c)
    if cat == 'W':
        return not _is_word(c)
    if cat == 's':
        return _is_space(c)
    return not _is_space(c)


class _Cls:
    # A one-character predicate: a 128-entry table for ASCII and a function for the rest.
    def __init__(self, items, neg, icase, ascii_only):
        self.items = items
        self.neg = neg
        self.icase = icase
        self.ascii_only = ascii_only
        t = bytearray(128)
        for c in range(128):
            if self.test(c):
                t[c] = 1
        self.tbl = bytes(t)

    def raw(self, c):
        for it in self.items:
            if it[0] == 'r':
                if it[1] <= c <= it[2]:
                    return True
            elif _cat_test(it[1], c, self.ascii_only):
                return True
        return False

    def test(self, c):
        r = self.raw(c)
        if not r and self.icase:
            o = _other_case(c)
            if o != c and (not self.ascii_only or (o < 128 and c < 128)):
                r = self.raw(o)
        return r != self.neg

    def hi(self, c):
        return self.test(c)


# ---------------------------------------------------------------- parser
# AST nodes are tuples: ('lit', code, icase), ('cls', _Cls), ('any', dotall), ('seq', [nodes]),
# ('alt', [nodes]), ('grp', index or None, node), ('rep', min, max or None, greedy, node),
# ('at', kind), ('look', behind, neg, node), ('bref', index, icase)

_SPECIAL = '.^$*+?{}[]\\|()'
_ESC_CHARS = {'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11, '\\': 92}


class _Parser:
    def __init__(self, pattern, flags):
        self.p = pattern
        self.n = len(pattern)
        self.i = 0
        self.flags = flags
        self.ngroups = 0
        self.names = {}
        self.open_groups = []
        self.closed = []  # group indices in order of their closing parenthesis
        self.has_bref = False

    def err(self, msg, pos=None):
        raise error(msg, self.p, self.i if pos is None else pos)

    def peek(self):
        return self.p[self.i] if self.i < self.n else ''

    def skip_verbose(self, flags):
        if flags & VERBOSE:
            p = self.p
            while self.i < self.n:
                c = p[self.i]
                if c in ' \t\n\r\f\v':
                    self.i += 1
                elif c == '#':
                    j = p.find('\n', self.i)
                    self.i = self.n if j < 0 else j + 1
                else:
                    break

    def parse(self):
        # global flags are only allowed at the start: apply them before parsing the rest
        p = self.p
        while p.startswith('(?', self.i):
            k = p.find(')', self.i)
            fl = p[self.i + 2:k]
            if k < 0 or not fl or not all(ch in 'aiLmsux' for ch in fl):
                break
            for ch in fl:
                self.flags |= {'a': ASCII, 'i': IGNORECASE, 'L': LOCALE, 'm': MULTILINE, 's': DOTALL,
                               'u': UNICODE, 'x': VERBOSE}[ch]
            self.i = k + 1
        node = self.alt(self.flags, 0)
        if self.i < self.n:
            self.err('unbalanced parenthesis')
        return node

    def alt(self, flags, depth):
        branches = [self.seq(flags, depth)]
        while self.peek() == '|':
            self.i += 1
            branches.append(self.seq(flags, depth))
        return branches[0] if len(branches) == 1 else ('alt', branches)

    def seq(self, flags, depth):
        items = []
        p = self.p
        while True:
            self.skip_verbose(flags)
            if self.i >= self.n:
                break
            c = p[self.i]
            if c == '|' or c == ')':
                if c == ')' and depth == 0:
                    self.err('unbalanced parenthesis')
                break
            start = self.i
            atom = self.atom(flags, depth)
            if atom is None:
                continue
            self.skip_verbose(flags)
            atom = self.quant(atom, flags, start)
            items.append(atom)
        return items[0] if len(items) == 1 else ('seq', items)

    def quant(self, atom, flags, start):
        p = self.p
        c = self.peek()
        if c == '' or c not in '*+?{':
            return atom
        qpos = self.i
        if c == '{':
            r = self.braces()
            if r is None:
                return atom
            lo, hi = r
        else:
            self.i += 1
            lo, hi = {'*': (0, None), '+': (1, None), '?': (0, 1)}[c]
        if atom[0] == 'at' or atom[0] == 'look':
            if atom[0] == 'at' or True:
                self.err('nothing to repeat', qpos)
        if atom[0] == 'rep' or atom[0] == 'atomic' and atom[1][0] == 'rep':
            self.err('multiple repeat', qpos)
        greedy = True
        possessive = False
        if self.peek() == '?':
            self.i += 1
            greedy = False
        elif self.peek() == '+':
            self.i += 1
            possessive = True
        node = ('rep', lo, hi, greedy, atom)
        if possessive:
            node = ('atomic', node)
        self.skip_verbose(flags)
        c = self.peek()
        if c != '' and c in '*+?':
            self.err('multiple repeat', self.i)
        if c == '{':
            save = self.i
            if self.braces() is not None:
                self.err('multiple repeat', save)
            self.i = save
        return node

    def braces(self):
        # {m}, {m,}, {,n}, {m,n}; anything else is a literal '{'
        p = self.p
        j = p.find('}', self.i)
        if j < 0:
            return None
        body = p[self.i + 1:j]
        if ',' in body:
            a, b = body.split(',', 1)
        else:
            a = b = body
        if not (a == '' or a.isdigit()) or not (b == '' or b.isdigit()) or (a == '' and ',' not in body):
            return None
        if body == ',':
            pass
        lo = int(a) if a else 0
        hi = int(b) if b else None
        if hi is not None and lo > hi:
            self.err('min repeat greater than max repeat', self.i + 1)
        self.i = j + 1
        return lo, hi

    def atom(self, flags, depth):
        p = self.p
        c = p[self.i]
        if c == '(':
            return self.group(flags, depth)
        if c == '[':
            return self.cls(flags)
        if c == '\\':
            return self.escape(flags, False)
        self.i += 1
        if c == '.':
            return ('any', bool(flags & DOTALL))
        if c == '^':
            return ('at', 'mbol' if flags & MULTILINE else 'bol')
        if c == '$':
            return ('at', 'meol' if flags & MULTILINE else 'eol')
        if c in '*+?':
            self.err('nothing to repeat', self.i - 1)
        if c == '{' and self.i - 1 >= 0:
            save = self.i
            self.i -= 1
            if self.braces() is not None:
                self.err('nothing to repeat', save - 1)
            self.i = save
        return ('lit', ord(c), bool(flags & IGNORECASE), bool(flags & ASCII))

    def name(self, term):
        j = self.p.find(term, self.i)
        if j < 0:
            if self.i >= self.n:
                self.err('missing group name')
            self.err('missing %s, unterminated name' % term)
        nm = self.p[self.i:j]
        if not nm:
            self.err('missing group name')
        return nm, j

    def group(self, flags, depth):
        p = self.p
        start = self.i
        self.i += 1
        index = None
        if self.peek() == '?':
            self.i += 1
            c = self.peek()
            if c == ':':
                self.i += 1
            elif c == 'P' and self.i + 1 < self.n and p[self.i + 1] in '<=':
                kind = p[self.i + 1]
                self.i += 2
                nm, j = self.name('>' if kind == '<' else ')')
                if not (nm[0].isalpha() or nm[0] == '_') or not all(ch.isalpha() or ch.isdigit() or ch == '_' for ch in nm):
                    self.err('bad character in group name %r' % nm)
                if kind == '=':
                    if nm not in self.names:
                        self.err('unknown group name %r' % nm)
                    self.i = j + 1
                    self.has_bref = True
                    return ('bref', self.names[nm], bool(flags & IGNORECASE))
                if nm in self.names:
                    self.err('redefinition of group name %r as group %d; was group %d' % (nm, self.ngroups + 1, self.names[nm]))
                self.i = j + 1
                self.ngroups += 1
                index = self.ngroups
                self.names[nm] = index
            elif c == '=' or c == '!' or c == '<' and self.i + 1 < self.n and p[self.i + 1] in '=!':
                behind = c == '<'
                if behind:
                    self.i += 1
                neg = p[self.i] == '!'
                self.i += 1
                body = self.alt(flags, depth + 1)
                if self.peek() != ')':
                    self.err('missing ), unterminated subpattern', start)
                self.i += 1
                if behind:
                    lo, hi = _width(body)
                    if lo != hi:
                        raise error('look-behind requires fixed-width pattern')
                return ('look', behind, neg, body)
            elif c == '>':
                self.i += 1
                body = self.alt(flags, depth + 1)
                if self.peek() != ')':
                    self.err('missing ), unterminated subpattern', start)
                self.i += 1
                return ('atomic', body)
            elif c == '#':
                j = p.find(')', self.i)
                if j < 0:
                    self.err('missing ), unterminated comment', start)
                self.i = j + 1
                return None
            elif c != '' and c in 'aiLmsux-':
                return self.inline_flags(flags, depth, start)
            else:
                if c == '' or c in 'P<' and self.i + 1 >= self.n:
                    self.err('unexpected end of pattern', self.n)
                if c == 'P':
                    self.err('unknown extension ?P' + (p[self.i + 1] if self.i + 1 < self.n else ''), self.i - 1)
                if c == '<':
                    self.err('unknown extension ?<' + (p[self.i + 1] if self.i + 1 < self.n else ''), self.i - 1)
                self.err('unknown extension ?' + c, self.i - 1)
        else:
            self.ngroups += 1
            index = self.ngroups
        if index is not None:
            self.open_groups.append(index)
        body = self.alt(flags, depth + 1)
        if self.peek() != ')':
            self.err('missing ), unterminated subpattern', start)
        self.i += 1
        if index is not None:
            self.open_groups.pop()
            self.closed.append(index)
        return ('grp', index, body)

    def inline_flags(self, flags, depth, start):
        p = self.p
        letters = {'a': ASCII, 'i': IGNORECASE, 'L': LOCALE, 'm': MULTILINE, 's': DOTALL, 'u': UNICODE, 'x': VERBOSE}
        on = off = 0
        neg = False
        while True:
            c = self.peek()
            if c == '':
                self.err('missing -, : or )')
            if c in letters:
                if neg:
                    off |= letters[c]
                else:
                    on |= letters[c]
                self.i += 1
            elif c == '-' and not neg:
                neg = True
                self.i += 1
            elif c == ')' and not neg:
                self.i += 1
                self.err('global flags not at the start of the expression', start)
            elif c == ':':
                self.i += 1
                body = self.alt((flags | on) & ~off, depth + 1)
                if self.peek() != ')':
                    self.err('missing ), unterminated subpattern', start)
                self.i += 1
                return ('grp', None, body)
            else:
                if c.isalpha():
                    self.err('unknown flag', self.i)
                self.err('missing -, : or )', self.i)

    def escape(self, flags, in_class):
        p = self.p
        start = self.i
        self.i += 1
        if self.i >= self.n:
            self.err('bad escape (end of pattern)', start)
        c = p[self.i]
        self.i += 1
        icase = bool(flags & IGNORECASE)
        asc = bool(flags & ASCII)
        if c in 'dDwWsS':
            if in_class:
                return ('cat', c)
            return ('cls', _Cls([('c', c)], False, False, asc))
        if c in _ESC_CHARS and not (c == 'b' and not in_class):
            return ('lit', _ESC_CHARS[c], icase, asc)
        if c == 'x':
            h = p[self.i:self.i + 2]
            if len(h) < 2 or not all(ch in '0123456789abcdefABCDEF' for ch in h):
                self.err('incomplete escape \\x' + h, start)
            self.i += 2
            return ('lit', int(h, 16), icase, asc)
        if c == 'u' or c == 'U':
            k = 4 if c == 'u' else 8
            h = p[self.i:self.i + k]
            if len(h) < k or not all(ch in '0123456789abcdefABCDEF' for ch in h):
                self.err('incomplete escape \\%s%s' % (c, h), start)
            self.i += k
            return ('lit', int(h, 16), icase, asc)
        if c == 'N':
            self.err('bad escape \\N', start)
        if c == '0' or (in_class and c in '1234567'):
            j = self.i
            while j < self.n and j < start + 4 and p[j] in '01234567':
                j += 1
            v = int(p[start + 1:j], 8)
            if v > 0o377:
                self.err('octal escape value \\%s outside of range 0-0o377' % p[start + 1:j], start)
            self.i = j
            return ('lit', v, icase, asc)
        if c.isdigit():
            if in_class:
                self.err('bad escape \\' + c, start)
            j = self.i
            if j < self.n and p[j].isdigit():
                if c in '01234567' and p[j] in '01234567' and j + 1 < self.n and p[j + 1] in '01234567':
                    v = int(p[start + 1:j + 2], 8)
                    if v > 0o377:
                        self.err('octal escape value \\%s outside of range 0-0o377' % p[start + 1:j + 2], start)
                    self.i = j + 2
                    return ('lit', v, icase, asc)
                j += 1
            g = int(p[start + 1:j])
            self.i = j
            if g > self.ngroups or g in self.open_groups:
                if g > self.ngroups:
                    self.err('invalid group reference %d' % g, start + 1)
                self.err('cannot refer to an open group', start)
            self.has_bref = True
            return ('bref', g, icase)
        if not in_class:
            if c == 'A':
                return ('at', 'A')
            if c == 'Z':
                return ('at', 'Z')
            if c == 'b':
                return ('at', 'ab' if asc else 'b')
            if c == 'B':
                return ('at', 'aB' if asc else 'B')
        if c.isalpha() and ord(c) < 128:
            self.err('bad escape \\' + c, start)
        return ('lit', ord(c), icase, asc)

    def cls(self, flags):
        p = self.p
        start = self.i
        self.i += 1
        neg = False
        if self.peek() == '^':
            neg = True
            self.i += 1
        items = []
        first = True
        while True:
            if self.i >= self.n:
                self.err('unterminated character set', start)
            c = p[self.i]
            if c == ']' and not first:
                self.i += 1
                break
            first = False
            lostart = self.i
            lo = self.class_atom(flags)
            if lo[0] == 'cat':
                items.append(lo)
                continue
            if self.peek() == '-' and self.i + 1 < self.n and p[self.i + 1] != ']':
                rstart = self.i
                self.i += 1
                hi = self.class_atom(flags)
                if hi[0] == 'cat':
                    self.err('bad character range %s' % p[lostart:self.i], lostart)
                if hi[1] < lo[1]:
                    self.err('bad character range %s' % p[lostart:self.i], lostart)
                items.append(('r', lo[1], hi[1]))
            else:
                items.append(('r', lo[1], lo[1]))
        return ('cls', _Cls(items, neg, bool(flags & IGNORECASE), bool(flags & ASCII)))

    def class_atom(self, flags):
        c = self.p[self.i]
        if c == '\\':
            r = self.escape(flags, True)
            if r[0] == 'cat':
                return r
            return ('c', r[1])
        self.i += 1
        return ('c', ord(c))


def _width(node):
    # (min, max) number of characters a node matches; max None = unbounded
    k = node[0]
    if k in ('lit', 'cls', 'any'):
        return 1, 1
    if k in ('at', 'look'):
        return 0, 0
    if k == 'bref':
        return 0, None
    if k == 'grp':
        return _width(node[2])
    if k == 'atomic':
        return _width(node[1])
    if k == 'seq':
        lo = hi = 0
        for x in node[1]:
            a, b = _width(x)
            lo += a
            hi = None if hi is None or b is None else hi + b
        return lo, hi
    if k == 'alt':
        ws = [_width(x) for x in node[1]]
        lo = min(w[0] for w in ws)
        hi = None if any(w[1] is None for w in ws) else max(w[1] for w in ws)
        return lo, hi
    if k == 'rep':
        a, b = _width(node[4])
        hi = None if node[2] is None or b is None else b * node[2]
        if hi == 0 and node[2] is None:
            hi = 0
        return a * node[1], hi
    return 0, None


# ---------------------------------------------------------------- compiler to VM instructions
(_CHAR, _CLS, _ANY, _ANYNL, _SPLIT, _JMP, _SAVE, _MATCH, _AT, _STAR, _LOOK, _BREF, _LSTART, _LCHK,
 _CHARI) = range(15)


def _single(node):
    # a one-character node as a _Cls-like predicate, or None
    k = node[0]
    if k == 'cls':
        return node[1]
    if k == 'lit':
        return _Cls([('r', node[1], node[1])], False, node[2], node[3])
    if k == 'any':
        return _Cls([] if node[1] else [('r', 10, 10)], True, False, False)
    return None


class _Compiler:
    def __init__(self, nslots):
        self.nslots = nslots
        self.nullable_loop = False

    def reg(self):
        r = self.nslots
        self.nslots += 1
        return r

    def prog(self, node):
        code = []
        self.emit(node, code)
        code.append((_MATCH, 0, 0, 0))
        return code

    def emit(self, node, code):
        k = node[0]
        if k == 'lit':
            c = node[1]
            if node[2]:
                o = _other_case(c)
                if node[3] and (o >= 128 or c >= 128):  # ASCII: no case beyond it
                    o = c
                if o != c:
                    code.append((_CHARI, c, o, 0))
                    return
            code.append((_CHAR, c, 0, 0))
        elif k == 'cls':
            code.append((_CLS, node[1].tbl, node[1].hi, 0))
        elif k == 'any':
            code.append((_ANY, 0, 0, 0) if node[1] else (_ANYNL, 0, 0, 0))
        elif k == 'seq':
            for x in node[1]:
                self.emit(x, code)
        elif k == 'alt':
            jumps = []
            br = node[1]
            for j, x in enumerate(br):
                if j < len(br) - 1:
                    at = len(code)
                    code.append(None)
                    self.emit(x, code)
                    jumps.append(len(code))
                    code.append(None)
                    code[at] = (_SPLIT, at + 1, len(code), 0)
                else:
                    self.emit(x, code)
            for at in jumps:
                code[at] = (_JMP, len(code), 0, 0)
        elif k == 'grp':
            if node[1] is None:
                self.emit(node[2], code)
            else:
                code.append((_SAVE, 2 * node[1], 0, 0))
                self.emit(node[2], code)
                code.append((_SAVE, 2 * node[1] + 1, 0, 0))
        elif k == 'at':
            code.append((_AT, node[1], 0, 0))
        elif k == 'bref':
            code.append((_BREF, node[1], node[2], 0))
        elif k == 'atomic':
            code.append((_LOOK, self.prog(node[1]), False, -2))
        elif k == 'look':
            sub = self.prog(node[3])
            w = _width(node[3])[0] if node[1] else 0
            code.append((_LOOK, sub, node[2], w if node[1] else -1))
        elif k == 'rep':
            self.rep(node, code)

    def rep(self, node, code):
        lo, hi, greedy, body = node[1], node[2], node[3], node[4]
        one = _single(body)
        if one is not None:
            code.append((_STAR, one, (lo, hi), greedy))
            return
        for _ in range(lo):
            self.emit(body, code)
        if hi is not None and hi <= lo:
            return
        nullable = _width(body)[0] == 0
        if hi is None:
            at = len(code)
            code.append(None)
            r = -1
            if nullable:
                self.nullable_loop = True
                r = self.reg()
                code.append((_LSTART, r, 0, 0))
            self.emit(body, code)
            if nullable:
                code.append((_LCHK, r, at, 0))
            else:
                code.append((_JMP, at, 0, 0))
            code[at] = (_SPLIT, at + 1, len(code), 0) if greedy else (_SPLIT, len(code), at + 1, 0)
            return
        splits = []
        for _ in range(hi - lo):
            splits.append(len(code))
            code.append(None)
            self.emit(body, code)
        end = len(code)
        for at in splits:
            code[at] = (_SPLIT, at + 1, end, 0) if greedy else (_SPLIT, end, at + 1, 0)


def _exec(prog, codes, n, i, caps, memo, forbid, fullend):
    # Run prog anchored at position i. Returns the end position (caps filled in) or -1.
    # memo: a _Memo of visited (instruction, position) states, or None when memoising is unsafe.
    start = i
    if memo is not None:
        gen = memo.gen
        tabs = memo.tabs
        ctabs = memo.ctabs
        iv = memo.iv
        size = memo.size
    stack = []
    push = stack.append
    pop = stack.pop
    pc = 0
    n1 = n + 1
    while True:
        op, a, b, c = prog[pc]
        if op == _CHAR:
            if i < n and codes[i] == a:
                i += 1
                pc += 1
                continue
        elif op == _CLS:
            if i < n:
                x = codes[i]
                if (a[x] if x < 128 else b(x)):
                    i += 1
                    pc += 1
                    continue
        elif op == _STAR:
            lo, hi = b
            ok = True
            if memo is not None:
                t = tabs[pc]
                if t is None:
                    t = tabs[pc] = [0] * size
                if t[i] == gen:
                    ok = False
                else:
                    t[i] = gen
            if ok:
                j = i
                lim = n if hi is None or i + hi > n else i + hi
                tbl = a.tbl
                if c:
                    run = None
                    if memo is not None and hi is None:
                        # the end of a run of matching characters is shared by all its positions
                        run = iv.get(pc)
                        if run is not None and run[0] <= i <= run[1]:
                            j = run[1]
                    if j == i:
                        if run is None:
                            while j < lim:
                                x = codes[j]
                                if (tbl[x] if x < 128 else a.hi(x)):
                                    j += 1
                                else:
                                    break
                        else:
                            # stop at the start of the known run (positions are tried right to left)
                            rs = run[0]
                            while j < lim:
                                if j == rs:
                                    j = run[1]
                                    break
                                x = codes[j]
                                if (tbl[x] if x < 128 else a.hi(x)):
                                    j += 1
                                else:
                                    break
                        if memo is not None and hi is None:
                            iv[pc] = (i, j)
                    if j - i >= lo:
                        low = i + lo
                        pc += 1
                        if memo is not None:
                            j = _skip(ctabs, iv, pc, j, low, gen, size)
                        if j >= low:
                            if j > low:
                                push(-2 - pc)
                                push(j)
                                push(low)
                            i = j
                            continue
                else:
                    lim0 = i + lo
                    if lim0 <= n:
                        while j < lim0:
                            x = codes[j]
                            if (tbl[x] if x < 128 else a.hi(x)):
                                j += 1
                            else:
                                break
                        if j == lim0:
                            pc += 1
                            push(-2 - pc)
                            push(j)
                            push(-1 - lim)
                            if memo is None or _mark(ctabs, pc, j, gen, size):
                                i = j
                                continue
        elif op == _SPLIT:
            if memo is not None:
                t = tabs[pc]
                if t is None:
                    t = tabs[pc] = [0] * size
                if t[i] == gen:
                    pc = -1
                else:
                    t[i] = gen
            if pc >= 0:
                push(b)
                push(i)
                push(-1)
                pc = a
                continue
        elif op == _JMP:
            pc = a
            continue
        elif op == _SAVE:
            push(-1)
            push(a)
            push(caps[a])
            caps[a] = i
            pc += 1
            continue
        elif op == _ANYNL:
            if i < n and codes[i] != 10:
                i += 1
                pc += 1
                continue
        elif op == _ANY:
            if i < n:
                i += 1
                pc += 1
                continue
        elif op == _CHARI:
            if i < n:
                x = codes[i]
                if x == a or x == b:
                    i += 1
                    pc += 1
                    continue
        elif op == _MATCH:
            if (fullend < 0 or i == n) and not (i == start and start == forbid):
                caps[1] = i
                return i
        elif op == _AT:
            if _at(a, codes, n, i):
                pc += 1
                continue
        elif op == _LOOK:
            if c >= 0:
                j = i - c
                ok = j >= 0
            else:
                j = i
                ok = True
            if ok:
                sub = caps[:]
                e = _exec(a, codes, n if c < 0 else i, j, sub, None, -1, 0 if c >= 0 else -1)
                ok = e >= 0
                if ok and c == -2:
                    # atomic group: continue after its first match, never backtracking into it
                    i = e
            if ok != b:
                if ok:
                    for k in range(2, len(caps)):
                        if sub[k] != caps[k]:
                            push(-1)
                            push(k)
                            push(caps[k])
                            caps[k] = sub[k]
                pc += 1
                continue
        elif op == _BREF:
            s0 = caps[2 * a]
            s1 = caps[2 * a + 1]
            if s0 >= 0 and s1 >= 0:
                ln = s1 - s0
                if i + ln <= n:
                    k = 0
                    if b:
                        while k < ln and (codes[s0 + k] == codes[i + k] or
                                          _other_case(codes[s0 + k]) == codes[i + k]):
                            k += 1
                    else:
                        while k < ln and codes[s0 + k] == codes[i + k]:
                            k += 1
                    if k == ln:
                        i += ln
                        pc += 1
                        continue
        elif op == _LSTART:
            push(-1)
            push(a)
            push(caps[a])
            caps[a] = i
            pc += 1
            continue
        elif op == _LCHK:
            if caps[a] == i:
                pc += 1
            else:
                pc = b
            continue
        # failure: backtrack
        while True:
            if not stack:
                return -1
            x = pop()
            j = pop()
            p = pop()
            if p >= 0:
                pc = p
                i = j
                break
            if p == -1:
                caps[j] = x
                continue
            pc = -2 - p
            if x >= 0:
                # greedy single-character loop gives back one character
                j -= 1
                if memo is not None:
                    j = _skip(ctabs, iv, pc, j, x, gen, size)
                if j >= x:
                    if j > x:
                        push(p)
                        push(j)
                        push(x)
                    i = j
                    break
            else:
                # lazy single-character loop takes one more character
                lim = -1 - x
                if j < lim:
                    y = codes[j]
                    pr = prog[pc - 1][1]
                    if (pr.tbl[y] if y < 128 else pr.hi(y)):
                        j += 1
                        push(p)
                        push(j)
                        push(x)
                        if memo is not None and not _mark(ctabs, pc, j, gen, size):
                            continue
                        i = j
                        break


class _Memo:
    # Visited (instruction, position) states of one search: a list per instruction holding the
    # generation that visited each position (a new search is a new generation, nothing to clear).
    # Lists, not a set: MicroPython's sets probe linearly and consecutive int keys cluster.
    def __init__(self, nprog, size):
        self.gen = 1
        self.tabs = [None] * nprog
        self.ctabs = [None] * nprog
        self.iv = {}
        self.size = size

    def next(self):
        self.gen += 1
        self.iv = {}
        return self


def _mark(ctabs, pc, j, gen, size):
    # mark the continuation pc at position j; False when it was already tried
    t = ctabs[pc]
    if t is None:
        t = ctabs[pc] = [0] * size
    if t[j] == gen:
        return False
    t[j] = gen
    return True


def _skip(ctabs, iv, pc, j, low, gen, size):
    # The highest position >= low at which the continuation pc was not tried yet (marking it), else low - 1.
    # iv[-pc] is an interval of positions known tried, so that nested loops do not rescan them.
    r = iv.get(-pc)
    t = ctabs[pc]
    if t is None:
        t = ctabs[pc] = [0] * size
    while j >= low:
        if r is not None and r[0] <= j <= r[1]:
            j = r[0] - 1
            continue
        if t[j] == gen:
            j -= 1
            continue
        t[j] = gen
        if r is not None and j == r[0] - 1:
            r[0] = j
        else:
            iv[-pc] = [j, j]
        return j
    return j


def _isword(codes, i, asc):
    x = codes[i]
    if x < 128:
        return 48 <= x <= 57 or 65 <= x <= 90 or 97 <= x <= 122 or x == 95
    return not asc and _is_word(x)


def _at(kind, codes, n, i):
    if kind == 'bol' or kind == 'A':
        return i == 0
    if kind == 'eol':
        return i == n or i == n - 1 and codes[i] == 10
    if kind == 'Z':
        return i == n
    if kind == 'mbol':
        return i == 0 or codes[i - 1] == 10
    if kind == 'meol':
        return i == n or codes[i] == 10
    asc = kind[0] == 'a'
    a = i > 0 and _isword(codes, i - 1, asc)
    b = i < n and _isword(codes, i, asc)
    if kind[-1] == 'b':
        return a != b
    return a == b and n > 0


# ---------------------------------------------------------------- built-in engine translation
class _NoFast(Exception):
    pass


def _fast_cls(pred):
    t = pred.tbl
    parts = []
    c = 1
    while c < 128:
        if t[c]:
            d = c
            while d + 1 < 128 and t[d + 1]:
                d += 1
            a = chr(c)
            b = chr(d)
            if a in ']\\-^':
                a = '\\' + a
            if b in ']\\-^':
                b = '\\' + b
            parts.append(a if c == d else a + b if d == c + 1 else a + '-' + b)
            c = d + 1
        else:
            c += 1
    if not parts:
        raise _NoFast
    return '[' + ''.join(parts) + ']'


class _Fast:
    def __init__(self):
        self.splits = 0
        self.has_eol = False
        self.in_loop = False
        # no anchor, and no character node that matches a line end: no match contains '\n' and what
        # matches after a line end does not depend on what comes before it
        self.by_lines = True

    def emit(self, node):
        k = node[0]
        if k == 'lit':
            c = node[1]
            if c == 0 or c >= 128:
                raise _NoFast
            if _single(node).tbl[10]:
                self.by_lines = False
            o = _other_case(c) if node[2] else c
            if o != c:
                return '[' + chr(c) + chr(o) + ']' if o < 128 else _fast_cls(_single(node))
            ch = chr(c)
            return '\\' + ch if ch in _SPECIAL else ch
        if k == 'cls' or k == 'any':
            pred = _single(node)
            if pred.tbl[10]:
                self.by_lines = False
            return _fast_cls(pred)
        if k == 'seq':
            return ''.join(self.emit(x) for x in node[1])
        if k == 'alt':
            if self.in_loop and not _disjoint(node[1]):
                raise _NoFast
            self.splits += len(node[1]) - 1
            return '|'.join(self.emit(x) for x in node[1])
        if k == 'grp':
            body = self.emit(node[2])
            return '(?:' + body + ')' if node[1] is None else '(' + body + ')'
        if k == 'at':
            self.by_lines = False
            kind = node[1]
            if kind == 'bol' or kind == 'A':
                return '^'
            if kind == 'eol' or kind == 'Z':
                if kind == 'eol':
                    self.has_eol = True
                return '$'
            raise _NoFast
        if k == 'rep':
            lo, hi, greedy, body = node[1], node[2], node[3], node[4]
            # the built-in matcher does not memoise: nested loops could take exponential time
            if _width(body)[0] == 0 or self.in_loop:
                raise _NoFast
            self.in_loop = True
            b = self.emit(body)
            self.in_loop = False
            if body[0] not in ('lit', 'cls', 'any'):
                b = '(?:' + b + ')'
            q = '' if greedy else '?'
            if (lo, hi) in ((0, None), (1, None), (0, 1)):
                self.splits += 1
                return b + {(0, None): '*', (1, None): '+', (0, 1): '?'}[(lo, hi)] + q
            if _has_group(body) or lo > 50 or (hi or 0) > 50:
                raise _NoFast
            out = b * lo
            if hi is None:
                self.splits += 1
                return out + b + '*' + q
            opt = ''
            for _ in range(hi - lo):
                self.splits += 1
                opt = '(?:' + b + opt + ')?' + q
            return out + opt
        raise _NoFast


def _disjoint(branches):
    # True when no two branches can start with the same character
    seen = bytearray(128)
    for x in branches:
        f = _first(x)
        if f is None:  # (the fast path only sees ASCII subjects)
            return False
        for c in range(128):
            if f[0][c]:
                if seen[c]:
                    return False
                seen[c] = 1
    return True


def _has_group(node):
    k = node[0]
    if k == 'grp':
        return node[1] is not None or _has_group(node[2])
    if k in ('seq', 'alt'):
        return any(_has_group(x) for x in node[1])
    if k == 'rep':
        return _has_group(node[4])
    if k == 'atomic':
        return _has_group(node[1])
    return k == 'look'


# ---------------------------------------------------------------- Pattern and Match
_MAXSIZE = sys.maxsize
# The built-in matcher recurses once per character and loop branch (about 90 bytes of native stack each):
# (length + 1) * (branch points + 1) stays below this so that a thread stack of 1 MiB is enough. Longer
# subjects go to it in pieces cut after line ends when no match can contain one (_Pattern._fast_ok).
_FAST_DEPTH = 6000


def _first(node):
    # table of possible first characters (128 entries + 'hi' possible) or None when unknown/nullable
    k = node[0]
    if k in ('lit', 'cls', 'any'):
        p = _single(node)
        return bytearray(p.tbl), True
    if k == 'grp':
        return _first(node[2])
    if k == 'atomic':
        return _first(node[1])
    if k == 'seq':
        for x in node[1]:
            if x[0] == 'at' or x[0] == 'look':
                continue  # zero-width: the first character comes from what follows
            return _first(x) if _width(x)[0] > 0 else None
        return None
    if k == 'alt':
        t = bytearray(128)
        hi = False
        for x in node[1]:
            f = _first(x)
            if f is None:
                return None
            for c in range(128):
                if f[0][c]:
                    t[c] = 1
            hi = hi or f[1]
        return t, hi
    if k == 'rep' and node[1] > 0:
        return _first(node[4])
    return None


class Pattern:
    def __init__(self, pattern, flags):
        if not isinstance(pattern, str):
            raise TypeError('first argument must be string or compiled pattern')
        if flags & ASCII and flags & (UNICODE | LOCALE):
            raise ValueError('ASCII and UNICODE flags are incompatible')
        ps = _Parser(pattern, flags)
        ast = ps.parse()
        self.pattern = pattern
        self.flags = int((ps.flags | UNICODE) if not ps.flags & ASCII else ps.flags)
        self.groups = ps.ngroups
        self.groupindex = dict(ps.names)
        self._names = dict((v, k) for k, v in ps.names.items())
        self._closed = ps.closed
        cp = _Compiler(2 * ps.ngroups + 2)
        self._prog = cp.prog(ast)
        self._nslots = cp.nslots
        self._blank = [-1] * cp.nslots
        self._memo = not (ps.has_bref or cp.nullable_loop)
        self._minw = _width(ast)[0]
        f = _first(ast)
        self._first = None if f is None else (bytes(f[0]), f[1])
        self._anch = ast[0] == 'at' and ast[1] in ('bol', 'A') or ast[0] == 'seq' and ast[1] and \
            ast[1][0][0] == 'at' and ast[1][0][1] in ('bol', 'A')
        self._fast = None
        self._mcache = None
        if _cre is not None:
            try:
                fe = _Fast()
                src = fe.emit(ast)
                self._fast = (_cre.compile(src), _cre.compile('(?:' + src + ')$'),
                              _FAST_DEPTH // (fe.splits + 1) - 1, fe.has_eol, fe.by_lines)
            except _NoFast:
                pass
            except Exception:
                pass

    def _memo_for(self, size):
        # one _Memo per pattern, reused (a new generation) by every search on strings up to its size
        m = self._mcache
        if m is None or m.size < size:
            m = self._mcache = _Memo(len(self._prog), size)
            return m
        return m.next()

    def __repr__(self):
        fl = self.flags & ~UNICODE
        r = repr(self.pattern)
        if len(r) > 200:
            r = r[:200]
        if fl:
            names = [nm for v, nm in _FLAGNAMES if fl & v]
            return 're.compile(%s, %s)' % (r, '|'.join('re.' + x for x in names))
        return 're.compile(%s)' % r

    def __eq__(self, other):
        return isinstance(other, Pattern) and self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    # -- engine
    def _fast_ok(self, s, pos, endpos):
        # (subject, cuts, its bytes) when the built-in engine can take the subject, else None: it runs on
        # the pieces s[cuts[i]:cuts[i + 1]] (_piece), each short enough for its recursion and (when there
        # are several) ending after a line end, which no match of the pattern contains. The subject is
        # ASCII, so character offsets are byte offsets: cutting the bytes takes constant time per piece
        # (a str index is found by walking its UTF-8 from the start).
        f = self._fast
        if f is None or pos != 0:
            return None
        if endpos < len(s):
            s = s[:endpos]
        n = len(s)
        lim = f[2]
        if n > lim and not f[4]:
            return None
        b = s.encode()
        if len(b) != n or '\x00' in s or '\x01' in s:
            return None
        if f[3] and s.endswith('\n'):
            return None
        cuts = [0]
        a = 0
        while n - a > lim:
            e = b.rfind(b'\n', a, a + lim) + 1
            if e <= a:
                return None  # a line too long for the built-in engine
            cuts.append(e)
            a = e
        cuts.append(n)
        return s, cuts, b

    def _codes(self, string):
        # the subject as character codes (bytes when ASCII), and its length; the last subject is
        # remembered so that loops calling match(s, pos) on one long string do not convert it each time
        last = _last_subject
        if last[0] is string:
            return last[1], last[2]
        b = string.encode()
        n = len(string)
        if len(b) != n:
            b = [ord(ch) for ch in string]
        _last_subject[0] = string
        _last_subject[1] = b
        _last_subject[2] = n
        return b, n

    def _run(self, codes, n, pos, mode, forbid, memo):
        # mode 0 search, 1 match, 2 fullmatch. Returns caps or None.
        prog = self._prog
        ns = self._nslots
        full = 0 if mode == 2 else -1
        if mode:
            caps = [-1] * ns
            caps[0] = pos
            return caps if _exec(prog, codes, n, pos, caps, memo, forbid, full) >= 0 else None
        first = self._first
        st = pos
        caps = None
        blank = self._blank
        if self._anch:
            if pos != 0:
                return None
            last = 0
        else:
            last = n - self._minw
        while st <= last:
            if first is not None:
                tbl, hi = first
                while st < n:
                    x = codes[st]
                    if tbl[x] if x < 128 else hi:
                        break
                    st += 1
                if st > last:
                    return None
            if caps is None:
                caps = [-1] * ns
            else:
                caps[:] = blank  # in place: a search tries many positions
            caps[0] = st
            if _exec(prog, codes, n, st, caps, memo, forbid, full) >= 0:
                return caps
            st += 1
        return None

    def _one(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            _bad_string(string)
        codes, n = self._codes(string)
        if pos < 0:
            pos = 0
        if endpos > n:
            endpos = n
        if pos > endpos:
            return None
        fs = self._fast_ok(string, pos, endpos) if mode or self._minw > 0 else None
        if fs is not None:
            cuts = fs[1]
            f = self._fast
            if mode == 0:
                got = []

                ng = self.groups + 1

                def cb(m):
                    # the built-in match object is only valid inside the callback
                    got.append([m.group(k) for k in range(ng)])
                    return '\x01'
                for i in range(len(cuts) - 1):
                    r = f[0].sub(cb, _piece(fs, i), 1)
                    if got:
                        break
                if not got:
                    return None
                vals = got[0]
                start = cuts[i] + r.find('\x01')
            else:
                if mode == 2 and len(cuts) > 2:
                    return None  # no match contains the line ends between the pieces
                # a match from the start lies within the first piece
                m = (f[0] if mode == 1 else f[1]).match(_piece(fs, 0))
                if m is None:
                    return None
                start = 0
                vals = [m.group(k) for k in range(self.groups + 1)]
            return Match(self, string, pos, endpos, None, vals, start, start + len(vals[0]), mode)
        caps = self._run(codes, endpos, pos, mode, -1, self._memo_for(len(codes) + 1) if self._memo else None)
        if caps is None:
            return None
        return Match(self, string, pos, endpos, caps, None, caps[0], caps[1], mode, codes)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 2)

    def _iter(self, string, pos=0, endpos=_MAXSIZE, count=0):
        # yields Match objects in CPython's order (empty matches allowed next to non-empty ones)
        if not isinstance(string, str):
            _bad_string(string)
        codes, n = self._codes(string)
        if pos < 0:
            pos = 0
        if endpos > n:
            endpos = n
        fs = self._fast_ok(string, pos, endpos) if self._minw > 0 else None
        if fs is not None:
            cuts = fs[1]
            got = []
            ng = self.groups + 1

            def cb(m):
                # the built-in match object is only valid inside the callback
                got.append([m.group(k) for k in range(ng)])
                return '\x01'
            left = count
            for c in range(len(cuts) - 1):
                del got[:]
                r = self._fast[0].sub(cb, _piece(fs, c), left)
                p = cuts[c]
                i = 0
                for piece in r.split('\x01')[:len(got)]:
                    p += len(piece)
                    vals = got[i]
                    e = p + len(vals[0])
                    yield Match(self, string, pos, endpos, None, vals, p, e, 0)
                    p = e
                    i += 1
                if count:
                    left -= len(got)
                    if left <= 0:
                        return
            return
        memo = self._memo_for(len(codes) + 1) if self._memo else None
        forbid = -1
        done = 0
        while pos <= endpos:
            caps = self._run(codes, endpos, pos, 0, forbid, memo)
            if caps is None:
                return
            yield Match(self, string, pos, endpos, caps, None, caps[0], caps[1], 0, codes)
            done += 1
            if count and done >= count:
                return
            pos = caps[1]
            forbid = pos if caps[0] == caps[1] else -1
            if memo is not None:
                memo.next()

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        return self._iter(string, pos, endpos)

    def _fast_all(self, string, count=0):
        # all matches' group values through the built-in engine, or None when it cannot be used
        if self._minw == 0 or not isinstance(string, str):
            return None
        fs = self._fast_ok(string, 0, _MAXSIZE)
        if fs is None:
            return None
        cuts = fs[1]
        got = []
        ng = self.groups + 1
        if ng == 1:
            def cb(m):
                got.append(m.group(0))
                return ''
        elif ng == 2:
            def cb(m):
                got.append(m.group(1))
                return ''
        else:
            def cb(m):
                got.append(tuple(m.group(k) for k in range(1, ng)))
                return ''
        for i in range(len(cuts) - 1):
            left = count - len(got) if count else 0
            if count and left <= 0:
                break
            self._fast[0].sub(cb, _piece(fs, i), left)
        return got

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        g = self.groups
        if pos == 0 and endpos >= _MAXSIZE:
            got = self._fast_all(string)
            if got is not None:
                if g == 1:
                    return [x if x is not None else '' for x in got]
                if g > 1:
                    return [tuple(y if y is not None else '' for y in x) for x in got]
                return got
        # the engine, without Match objects
        if not isinstance(string, str):
            _bad_string(string)
        codes, n = self._codes(string)
        if pos < 0:
            pos = 0
        if endpos > n:
            endpos = n
        ascii = isinstance(codes, bytes)
        memo = self._memo_for(len(codes) + 1) if self._memo else None
        out = []
        forbid = -1
        while pos <= endpos:
            caps = self._run(codes, endpos, pos, 0, forbid, memo)
            if caps is None:
                break
            vals = []
            for k in range(1 if g else 0, g + 1):
                a = caps[2 * k] if k else caps[0]
                b = caps[2 * k + 1] if k else caps[1]
                if a < 0 or b < 0:
                    vals.append('')
                elif ascii:
                    vals.append(codes[a:b].decode())
                else:
                    vals.append(''.join([chr(x) for x in codes[a:b]]))
            out.append(vals[0] if g <= 1 else tuple(vals))
            pos = caps[1]
            forbid = pos if caps[0] == caps[1] else -1
            if memo is not None:
                memo.next()
        return out

    def split(self, string, maxsplit=0):
        if self.groups == 0 and self._minw > 0 and maxsplit >= 0 and isinstance(string, str):
            fs = self._fast_ok(string, 0, _MAXSIZE)
            if fs is not None:
                cuts = fs[1]
                out = self._fast[0].split(_piece(fs, 0), maxsplit)
                left = maxsplit - (len(out) - 1)
                for i in range(1, len(cuts) - 1):
                    if maxsplit and left <= 0:
                        out[-1] += _rest(fs, i)
                        break
                    parts = self._fast[0].split(_piece(fs, i), left if maxsplit else 0)
                    out[-1] += parts[0]  # the pieces' boundary is inside a field
                    out.extend(parts[1:])
                    left -= len(parts) - 1
                return out
        out = []
        last = 0
        if maxsplit < 0:
            return [string]
        for m in self._iter(string, 0, _MAXSIZE, maxsplit):
            out.append(m._slice(last, m._start))
            for k in range(1, self.groups + 1):
                out.append(m._val(k, None))
            last = m._end
        out.append(m_tail(string, last))
        return out

    def subn(self, repl, string, count=0):
        if count < 0:
            return string, 0
        if isinstance(repl, str) and '\\' not in repl and self._minw > 0 and isinstance(string, str):
            # a literal replacement: the built-in engine does all the work
            fs = self._fast_ok(string, 0, _MAXSIZE)
            if fs is not None:
                cuts = fs[1]
                k = [0]

                def cb(m):
                    k[0] += 1
                    return repl
                out = []
                for i in range(len(cuts) - 1):
                    if count and k[0] >= count:
                        out.append(_rest(fs, i))
                        break
                    out.append(self._fast[0].sub(cb, _piece(fs, i), count - k[0] if count else 0))
                if not k[0]:
                    return string, 0
                return (out[0] if len(out) == 1 else ''.join(out)), k[0]
        if callable(repl):
            fn = repl
        else:
            tpl = _template(self, repl)
            if len(tpl) == 1 and isinstance(tpl[0], str):
                lit = tpl[0]
                fn = lambda m: lit
            else:
                fn = lambda m: _expand(m, tpl)
        parts = []
        last = 0
        k = 0
        for m in self._iter(string, 0, _MAXSIZE, count):
            parts.append(m._slice(last, m._start))
            r = fn(m)
            if r is None:
                r = ''
            if not isinstance(r, str):
                raise TypeError('expected str instance, %s found' % type(r).__name__)
            parts.append(r)
            last = m._end
            k += 1
        if k == 0:
            return string, 0
        parts.append(m_tail(string, last))
        return ''.join(parts), k

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        raise NotImplementedError('Pattern.scanner')


def _bad_string(x):
    if isinstance(x, (bytes, bytearray, memoryview)):
        raise TypeError('cannot use a string pattern on a bytes-like object')
    raise TypeError("expected string or bytes-like object, got '%s'" % type(x).__name__)


_last_subject = [None, None, 0]


def _piece(fs, i):
    # piece i of a subject cut for the built-in engine (Pattern._fast_ok)
    s, cuts, b = fs
    return s if len(cuts) == 2 else b[cuts[i]:cuts[i + 1]].decode()


def _rest(fs, i):
    # the subject from piece i on
    s, cuts, b = fs
    return s if i == 0 else b[cuts[i]:].decode()


def m_tail(string, last):
    return string[last:] if last else string


def _template(pattern, repl):
    # a list of str pieces and int group references
    if not isinstance(repl, str):
        raise TypeError('expected str instance, %s found' % type(repl).__name__)
    if '\\' not in repl:
        return [repl]
    out = []
    lit = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != '\\':
            lit.append(c)
            i += 1
            continue
        i += 1
        if i >= n:
            raise error('bad escape (end of pattern)', repl, i - 1)
        c = repl[i]
        i += 1
        g = None
        if c == 'g':
            if i >= n or repl[i] != '<':
                raise error('missing <', repl, i)
            j = repl.find('>', i)
            if j < 0:
                raise error('missing >, unterminated name', repl, i + 1)
            nm = repl[i + 1:j]
            if not nm:
                raise error('missing group name', repl, i + 1)
            if nm.isdigit():
                g = int(nm)
                if g > pattern.groups:
                    raise error('invalid group reference %d' % g, repl, i + 1)
            else:
                if nm not in pattern.groupindex:
                    if not (nm[0].isalpha() or nm[0] == '_'):
                        raise error('bad character in group name %r' % nm, repl, i + 1)
                    raise IndexError('unknown group name %r' % nm)
                g = pattern.groupindex[nm]
            i = j + 1
        elif c == '0':
            j = i
            while j < n and j < i + 2 and repl[j] in '01234567':
                j += 1
            lit.append(chr(int(repl[i - 1:j], 8)))
            i = j
        elif c.isdigit():
            j = i
            if j < n and repl[j].isdigit():
                if c in '01234567' and repl[j] in '01234567' and j + 1 < n and repl[j + 1] in '01234567':
                    lit.append(chr(int(repl[i - 1:j + 2], 8)))
                    i = j + 2
                    continue
                j += 1
            g = int(repl[i - 1:j])
            if g > pattern.groups:
                raise error('invalid group reference %d' % g, repl, i - 1)
            i = j
        elif c in _ESC_CHARS:
            lit.append(chr(_ESC_CHARS[c]))
        elif c.isalpha() and ord(c) < 128:
            raise error('bad escape \\' + c, repl, i - 2)
        else:
            lit.append('\\' + c)
        if g is not None:
            if lit:
                out.append(''.join(lit))
                lit = []
            out.append(g)
    if lit:
        out.append(''.join(lit))
    return out


def _expand(m, tpl):
    return ''.join(x if isinstance(x, str) else m._val(x, '') for x in tpl)


class Match:
    def __init__(self, pattern, string, pos, endpos, caps, vals, start, end, mode, codes=None):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._caps = caps
        self._vals = vals
        self._start = start
        self._end = end
        self._mode = mode
        self._codes = codes

    def _slice(self, a, b):
        s = self.string
        codes = self._codes
        if codes is not None and not isinstance(codes, bytes):
            # non-ASCII subject: avoid O(n) str indexing per group
            return ''.join([chr(x) for x in codes[a:b]])
        if isinstance(codes, bytes):
            return codes[a:b].decode()
        return s[a:b]

    def _spans(self):
        if self._caps is None:
            p = self.re
            codes, _ = p._codes(self.string)
            self._codes = codes
            caps = [-1] * p._nslots
            caps[0] = self._start
            _exec(p._prog, codes, self.endpos, self._start, caps, p._memo_for(len(codes) + 1) if p._memo else None, -1,
                  0 if self._mode == 2 else -1)
            self._caps = caps
        return self._caps

    def _index(self, g):
        if isinstance(g, int):
            if 0 <= g <= self.re.groups:
                return int(g)
        elif isinstance(g, str):
            k = self.re.groupindex.get(g)
            if k is not None:
                return k
        raise IndexError('no such group')

    def _val(self, k, default):
        if self._vals is not None:
            v = self._vals[k]
            return default if v is None else v
        c = self._caps
        a = c[2 * k] if k else c[0]
        b = c[2 * k + 1] if k else c[1]
        if a < 0 or b < 0:
            return default
        return self._slice(a, b)

    def group(self, *args):
        if not args:
            return self._val(0, None)
        if len(args) == 1:
            return self._val(self._index(args[0]), None)
        return tuple(self._val(self._index(g), None) for g in args)

    def __getitem__(self, g):
        return self._val(self._index(g), None)

    def groups(self, default=None):
        return tuple(self._val(k, default) for k in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return dict((nm, self._val(k, default)) for nm, k in self.re.groupindex.items())

    def span(self, group=0):
        k = self._index(group)
        if k == 0:
            return (self._start, self._end)
        c = self._spans()
        if c[2 * k] < 0 or c[2 * k + 1] < 0:
            return (-1, -1)
        return (c[2 * k], c[2 * k + 1])

    def start(self, group=0):
        return self.span(group)[0]

    def end(self, group=0):
        return self.span(group)[1]

    @property
    def regs(self):
        return tuple(self.span(k) for k in range(self.re.groups + 1))

    @property
    def lastindex(self):
        if self.re.groups == 0:
            return None
        c = self._spans()
        best = None
        bend = -1
        for k in self.re._closed:
            if c[2 * k] >= 0 and c[2 * k + 1] >= 0 and c[2 * k + 1] >= bend:
                best = k
                bend = c[2 * k + 1]
        return best

    @property
    def lastgroup(self):
        k = self.lastindex
        return None if k is None else self.re._names.get(k)

    def expand(self, template):
        return _expand(self, _template(self.re, template))

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % ((self._start, self._end), self.group(0))


# ---------------------------------------------------------------- bytes patterns
def _latin1(b):
    # bytes-like -> str with one character per byte (the guest's decode() knows only UTF-8)
    b = bytes(b)
    try:
        if max(b) < 128:
            return b.decode()
    except ValueError:  # empty
        return ''
    return ''.join([chr(x) for x in b])


def _unlatin1(s):
    try:
        return s.encode() if len(s.encode()) == len(s) else bytes([ord(c) for c in s])
    except ValueError:
        raise ValueError('bytes pattern produced a character outside 0-255') from None


def _subject(x):
    if isinstance(x, (bytes, bytearray, memoryview)):
        return _latin1(x)
    if isinstance(x, str):
        raise TypeError('cannot use a bytes pattern on a string-like object')
    raise TypeError("expected string or bytes-like object, got '%s'" % type(x).__name__)


def _out(v):
    return _unlatin1(v) if isinstance(v, str) else v


class _BytesPattern:
    # a bytes pattern: a str Pattern over the latin-1 reading of the pattern, with ASCII semantics
    def __init__(self, pattern, flags):
        if flags & UNICODE:
            raise ValueError('cannot use UNICODE flag with a bytes pattern')
        self._p = Pattern(_latin1(pattern), flags | ASCII)
        self.pattern = bytes(pattern)
        self.flags = self._p.flags if flags & ASCII else self._p.flags & ~ASCII
        self.groups = self._p.groups
        self.groupindex = self._p.groupindex

    def __repr__(self):
        r = repr(self.pattern)[:200]
        if self.flags:
            return 're.compile(%s, %s)' % (r, '|'.join('re.' + nm for v, nm in _FLAGNAMES if self.flags & v))
        return 're.compile(%s)' % r

    def __eq__(self, other):
        return isinstance(other, _BytesPattern) and self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _wrap(self, m, string):
        return None if m is None else _BytesMatch(self, m, string)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._wrap(self._p.search(_subject(string), pos, endpos), string)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._wrap(self._p.match(_subject(string), pos, endpos), string)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._wrap(self._p.fullmatch(_subject(string), pos, endpos), string)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        for m in self._p.finditer(_subject(string), pos, endpos):
            yield _BytesMatch(self, m, string)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        return [tuple(_out(y) for y in x) if isinstance(x, tuple) else _out(x)
                for x in self._p.findall(_subject(string), pos, endpos)]

    def split(self, string, maxsplit=0):
        return [_out(x) for x in self._p.split(_subject(string), maxsplit)]

    def subn(self, repl, string, count=0):
        s = _subject(string)
        if callable(repl):
            def fn(m):
                r = repl(_BytesMatch(self, m, string))
                if r is None:
                    return ''
                if not isinstance(r, (bytes, bytearray, memoryview)):
                    raise TypeError("expected a bytes-like object, %s found" % type(r).__name__)
                return _latin1(r)
            r, k = self._p.subn(fn, s, count)
        elif isinstance(repl, (bytes, bytearray, memoryview)):
            r, k = self._p.subn(_latin1(repl), s, count)
        else:
            raise TypeError("expected a bytes-like object, %s found" % type(repl).__name__)
        return _unlatin1(r), k

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        raise NotImplementedError('Pattern.scanner')


class _BytesMatch:
    def __init__(self, pattern, m, string):
        self._m = m
        self.re = pattern
        self.string = string
        self.pos = m.pos
        self.endpos = m.endpos

    def group(self, *args):
        r = self._m.group(*args)
        return tuple(_out(x) for x in r) if isinstance(r, tuple) else _out(r)

    def __getitem__(self, g):
        return _out(self._m[g])

    def groups(self, default=None):
        return tuple(_out(x) for x in self._m.groups(default))

    def groupdict(self, default=None):
        return dict((k, _out(v)) for k, v in self._m.groupdict(default).items())

    def span(self, group=0):
        return self._m.span(group)

    def start(self, group=0):
        return self._m.start(group)

    def end(self, group=0):
        return self._m.end(group)

    @property
    def regs(self):
        return self._m.regs

    @property
    def lastindex(self):
        return self._m.lastindex

    @property
    def lastgroup(self):
        return self._m.lastgroup

    def expand(self, template):
        if not isinstance(template, (bytes, bytearray, memoryview)):
            raise TypeError("expected a bytes-like object, %s found" % type(template).__name__)
        return _unlatin1(self._m.expand(_latin1(template)))

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self._m.span(), self.group(0))


# ---------------------------------------------------------------- module functions
_cache = {}


def compile(pattern, flags=0):
    if isinstance(pattern, (Pattern, _BytesPattern)):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    key = (pattern, flags)
    p = _cache.get(key)
    if p is None:
        if len(_cache) >= 256:
            _cache.clear()
        p = _BytesPattern(pattern, flags) if isinstance(pattern, (bytes, bytearray)) else Pattern(pattern, flags)
        _cache[key] = p
    return p


def purge():
    _cache.clear()


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)[0]


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


_ESCAPED = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    if isinstance(pattern, str):
        return ''.join('\\' + c if c in _ESCAPED else c for c in pattern)
    if isinstance(pattern, (bytes, bytearray)):
        return _unlatin1(escape(_latin1(pattern)))
    raise TypeError("expected string or bytes-like object, got '%s'" % type(pattern).__name__)
