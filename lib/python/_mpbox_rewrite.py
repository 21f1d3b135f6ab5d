# Source rewriting for syntax CPython has and MicroPython's compiler lacks
# or treats differently. The host (core/exec.c) sends a program here when
# MicroPython refuses to compile it, or when it may hold an f-string `=`
# specifier (which MicroPython accepts but prints with str() where CPython
# prints repr()). Each rewrite keeps every statement on its line, so
# tracebacks and line numbers stay the program's own.
#
#   match / case        -> an if-chain over __mpbox_match__(subject, spec)
#   [*a, x] (*a, x)     -> __mpbox_list__(*a, x), __mpbox_tuple__(*a, x)
#   {*a, x}             -> __mpbox_set__(*a, x)
#   {**a, 'k': v, **b}  -> __mpbox_dict__(a, {'k': v}, b)
#   f'{expr=}'          -> f'expr={expr!r}' (and the !s/!r/:spec forms)
#   def f(a, /, b)      -> def f(a, b): the parameters before '/' stay
#                          positional, but a call naming them is accepted
#                          (docs/compatibility.md)
#   OrderedDict({...})  -> OrderedDict({...},) (MicroPython's compiler reads
#                          the first as OrderedDict() and stores into it)
#   docstrings          MicroPython's compiler drops them: a module's or a
#                       class's becomes `__doc__ = "..."` on its line; the
#                       functions' go to a table per globals dict, which
#                       f.__doc__ reads (lib/python/_mpbox_types.py,
#                       through guest/compat's attribute door)
#
# Written from the language reference (lexical analysis, displays, the match
# statement and its patterns).

import builtins

_OPS3 = ('**=', '//=', '>>=', '<<=', '...', '!=')
_OPS2 = ('**', '//', '==', '!=', '<=', '>=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=',
         '|=', '^=', '@=', '<<', '>>')
_OPEN = '([{'
_CLOSE = ')]}'
_KEYWORDS = ('False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
             'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from',
             'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
             'raise', 'return', 'try', 'while', 'with', 'yield')


class _Tok:
    __slots__ = ('kind', 'text', 'start', 'end')

    def __init__(self, kind, text, start, end):
        self.kind = kind    # 'name', 'number', 'string', 'op', 'newline'
        self.text = text
        self.start = start  # offsets into the source
        self.end = end

    def __repr__(self):
        return '%s(%r)' % (self.kind, self.text)


def _is_name_char(c, first):
    if c == '_' or c.isalpha() or ord(c) > 127:
        return True
    return not first and c.isdigit()


def _string_end(src, i, quote):
    # i: index just after the opening quote(s); returns the index after the
    # closing quote(s)
    n = len(src)
    while i < n:
        c = src[i]
        if c == '\\':
            i += 2
            continue
        if src.startswith(quote, i):
            return i + len(quote)
        if c == '\n' and len(quote) == 1:
            raise SyntaxError('unterminated string literal')
        i += 1
    raise SyntaxError('unterminated string literal')


def tokenize(src):
    """Tokens of src, with logical-line ends as 'newline' tokens (none
    inside brackets); comments and line continuations are skipped."""
    toks = []
    i = 0
    n = len(src)
    depth = 0
    while i < n:
        c = src[i]
        if c == '#':
            while i < n and src[i] != '\n':
                i += 1
            continue
        if c == '\\' and i + 1 < n and src[i + 1] == '\n':
            i += 2
            continue
        if c == '\n':
            if depth == 0 and toks and toks[-1].kind != 'newline':
                toks.append(_Tok('newline', '\n', i, i + 1))
            i += 1
            continue
        if c in ' \t\r\f':
            i += 1
            continue
        start = i
        if _is_name_char(c, True):
            while i < n and _is_name_char(src[i], False):
                i += 1
            word = src[start:i]
            if i < n and src[i] in '"\'' and len(word) <= 2 and word.lower() in (
                    'r', 'b', 'f', 'u', 'rb', 'br', 'fr', 'rf'):
                q = src[i] * 3 if src.startswith(src[i] * 3, i) else src[i]
                i = _string_end(src, i + len(q), q)
                toks.append(_Tok('string', src[start:i], start, i))
            else:
                toks.append(_Tok('name', word, start, i))
            continue
        if c.isdigit() or (c == '.' and i + 1 < n and src[i + 1].isdigit()):
            while i < n and (src[i].isalpha() or src[i].isdigit() or src[i] in '._' or
                             (src[i] in '+-' and src[i - 1] in 'eE' and not src[start:i].lower().startswith('0x'))):
                i += 1
            toks.append(_Tok('number', src[start:i], start, i))
            continue
        if c in '"\'':
            q = c * 3 if src.startswith(c * 3, i) else c
            i = _string_end(src, i + len(q), q)
            toks.append(_Tok('string', src[start:i], start, i))
            continue
        op = c
        if src[i:i + 3] in _OPS3:
            op = src[i:i + 3]
        elif src[i:i + 2] in _OPS2:
            op = src[i:i + 2]
        i += len(op)
        if op in _OPEN:
            depth += 1
        elif op in _CLOSE and depth:
            depth -= 1
        toks.append(_Tok('op', op, start, i))
    if toks and toks[-1].kind != 'newline':
        toks.append(_Tok('newline', '', n, n))
    return toks


class _Edits:
    def __init__(self):
        self.items = []  # (start, end, text)
        self.owned = []  # (start, end): source one rewrite re-expresses whole
        self.soft_keywords = set()  # token indices of 'match' and 'case' statements

    def replace(self, start, end, text, own=False):
        # An edit inside an owned range is dropped: that rewrite's text
        # already stands for the range (a case pattern's displays are parsed
        # by the pattern rewrite, not rewritten as displays).
        if not own and any(a <= start < b and end <= b for a, b in self.owned):
            return
        self.items.append((start, end, text))
        if own:
            self.owned.append((start, end))

    def apply(self, src):
        out = []
        pos = 0
        for start, end, text in sorted(self.items, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise SyntaxError('overlapping rewrite')
            out.append(src[pos:start])
            out.append(text)
            pos = end
        out.append(src[pos:])
        return ''.join(out)


def _matching(toks, i):
    # index of the bracket closing the one opened at toks[i]
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind == 'op':
            if t.text in _OPEN:
                depth += 1
            elif t.text in _CLOSE:
                depth -= 1
                if depth == 0:
                    return j
    raise SyntaxError('unmatched bracket')


def _split_items(toks, lo, hi):
    """([(first, last)] index ranges of the comma-separated items in
    toks[lo:hi], whether a 'for' stands at their top level: a
    comprehension)."""
    items = []
    depth = 0
    first = lo
    comprehension = False
    for j in range(lo, hi):
        t = toks[j]
        if t.kind == 'op':
            if t.text in _OPEN:
                depth += 1
            elif t.text in _CLOSE:
                depth -= 1
            elif t.text == ',' and depth == 0:
                if j > first:
                    items.append((first, j - 1))
                first = j + 1
        elif t.kind == 'name' and depth == 0 and t.text in ('for', 'async'):
            comprehension = True
    if hi > first:
        items.append((first, hi - 1))
    return items, comprehension


def _opens_display(toks, i, soft_keywords):
    # True when the bracket at toks[i] starts a display, not a call or a
    # subscript
    if i == 0:
        return True
    p = toks[i - 1]
    if p.kind == 'op':
        return p.text not in (')', ']', '}')
    if p.kind == 'name':
        return (p.text in _KEYWORDS and p.text not in ('True', 'False', 'None')) or i - 1 in soft_keywords
    return p.kind == 'newline'


def _rewrite_displays(toks, edits):
    changed = False
    for i, t in enumerate(toks):
        if t.kind != 'op' or t.text not in _OPEN or not _opens_display(toks, i, edits.soft_keywords):
            continue
        j = _matching(toks, i)
        items, comprehension = _split_items(toks, i + 1, j)
        stars = [a for a, b in items if toks[a].kind == 'op' and toks[a].text in ('*', '**')]
        if not stars or comprehension:
            continue  # nothing to unpack, or a comprehension (no unpacking there)
        changed = True
        if t.text == '[':
            edits.replace(t.start, t.end, '__mpbox_list__(')
            edits.replace(toks[j].start, toks[j].end, ')')
        elif t.text == '(':
            edits.replace(t.start, t.end, '__mpbox_tuple__(')
        elif any(toks[a].text == '**' for a in stars):
            edits.replace(t.start, t.end, '__mpbox_dict__(')
            edits.replace(toks[j].start, toks[j].end, ')')
            run = None
            for a, b in items + [(None, None)]:
                if a is None or toks[a].text == '**':
                    if run:
                        edits.replace(toks[run[0]].start, toks[run[0]].start, '{')
                        edits.replace(toks[run[1]].end, toks[run[1]].end, '}')
                        run = None
                    if a is not None:
                        edits.replace(toks[a].start, toks[a].end, '')
                elif run is None:
                    run = [a, b]
                else:
                    run[1] = b
        else:
            edits.replace(t.start, t.end, '__mpbox_set__(')
            edits.replace(toks[j].start, toks[j].end, ')')
    return changed


def _rewrite_positional_only(toks, edits):
    # the '/' marker of a def's parameter list, with its comma
    changed = False
    for i in range(len(toks) - 2):
        if toks[i].kind != 'name' or toks[i].text != 'def' or toks[i + 2].text != '(':
            continue
        j = _matching(toks, i + 2)
        items, _ = _split_items(toks, i + 3, j)
        for a, b in items:
            if a != b or toks[a].kind != 'op' or toks[a].text != '/':
                continue
            if toks[a + 1].text == ',':
                edits.replace(toks[a].start, toks[a + 1].end, '')
            elif toks[a - 1].text == ',':  # the last item: its comma before it
                edits.replace(toks[a - 1].start, toks[a].end, '')
            else:
                continue
            changed = True
    return changed


def _rewrite_ordereddict_calls(toks, edits):
    # MicroPython's compiler turns OrderedDict({...}) into a call without
    # arguments whose result the display's items are stored into directly,
    # as into a dict: into an instance of collections.OrderedDict (a class
    # here) they would land as attributes. A trailing comma makes the
    # argument list one the compiler leaves alone.
    changed = False
    for i in range(len(toks) - 2):
        t = toks[i]
        if (t.kind != 'name' or t.text != 'OrderedDict' or toks[i + 1].text != '(' or toks[i + 2].text != '{'
                or toks[i + 1].kind != 'op' or toks[i + 2].kind != 'op' or (i and toks[i - 1].text == '.')):
            continue
        j = _matching(toks, i + 2)
        if j + 1 < len(toks) and toks[j + 1].kind == 'op' and toks[j + 1].text == ')':
            edits.replace(toks[j].end, toks[j].end, ',')
            changed = True
    return changed


def _docstring(toks, a, b):
    # the text of the statement toks[a:b] when it is a docstring (string
    # literals only, none of them bytes or an f-string), else None
    if a >= b:
        return None
    parts = []
    for t in toks[a:b]:
        if t.kind != 'string' or t.text[0] in 'bBfF' or t.text[:2].lower() in ('rb', 'rf', 'br', 'fr'):
            return None
        parts.append(t.text)
    try:
        return ''.join(eval(p) for p in parts)
    except Exception:
        return None


def _collect_docstrings(src, toks, edits):
    # Module and class docstrings become assignments to __doc__ on their
    # own line; those of functions are returned, {name: [(path, text)]}
    # with path the enclosing classes and functions and the name.
    lines = _logical_lines(toks)
    docs = {}
    changed = False
    stack = []  # (indent, name, is_class) of the enclosing blocks
    if lines and _docstring(toks, lines[0][0], lines[0][1]) is not None:
        edits.replace(toks[lines[0][0]].start, toks[lines[0][0]].start, '__doc__ = ')
        changed = True
    for n, (a, b) in enumerate(lines):
        indent = _indent_of(src, toks[a].start)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        k = a + 1 if toks[a].text == 'async' else a
        if toks[k].kind != 'name' or toks[k].text not in ('def', 'class') or k + 1 >= b:
            continue
        name = toks[k + 1].text
        colon = _find_colon(toks, k, b)
        if colon < 0:
            continue
        is_class = toks[k].text == 'class'
        if colon + 1 < b:  # one line: class C: "doc"
            first = (colon + 1, b)
        elif n + 1 < len(lines):
            first = lines[n + 1]
        else:
            first = (b, b)
        # a one-line body may hold several statements: the docstring is
        # the first, up to a ';'
        end = first[0]
        while end < first[1] and not (toks[end].kind == 'op' and toks[end].text == ';'):
            end += 1
        text = _docstring(toks, first[0], end)
        if text is not None:
            if is_class:
                edits.replace(toks[first[0]].start, toks[first[0]].start, '__doc__ = ')
                changed = True
            else:
                path = tuple(e[1] for e in stack) + (name,)
                docs.setdefault(name, []).append((path, text))
        stack.append((indent, name, is_class))
    return changed, docs


# ---- f-strings ----------------------------------------------------------

def _fstring_field_end(body, i):
    # body[i] is just after a field's '{': the index of its closing '}',
    # and the index of a top-level '=' specifier (or -1)
    depth = 0
    eq = -1
    n = len(body)
    while i < n:
        c = body[i]
        if c in '\'"':
            q = c * 3 if body.startswith(c * 3, i) else c
            k = body.find(q, i + len(q))
            if k < 0:
                raise SyntaxError('f-string: unterminated string')
            i = k + len(q)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                return i, eq
            depth -= 1
        elif depth == 0 and c == '!' and body[i + 1:i + 2] != '=':
            return i, eq
        elif depth == 0 and c == ':':
            return i, eq
        elif depth == 0 and c == '=' and eq < 0:
            prev = body[i - 1] if i else ''
            nxt = body[i + 1:i + 2]
            if nxt != '=' and prev not in '=!<>:':
                rest = body[i + 1:].lstrip(' ')
                if rest[:1] in ('}', '!', ':'):
                    eq = i
        i += 1
    raise SyntaxError("f-string: expecting '}'")


# MicroPython's lexer ends a field's expression at the first ':', '!r',
# '!s' or '}' outside '[]' and '{}', without knowing about strings or
# parentheses, and knows no '!a': f"{t.strftime('%H:%M')}",
# f"{(y := 3)}" and f"{x!a}" are refused. Inside the expression's string
# literals those characters become escapes (the lexer hands the expression
# text on unchanged, so the escapes are decoded there); a ':' left inside
# parentheses is put inside brackets; '!a' becomes ascii().
_LEXER_STOPS = {':': '\\x3a', '!': '\\x21', '{': '\\x7b', '}': '\\x7d', '[': '\\x5b', ']': '\\x5d'}


def _literal_parts(text):
    # (prefix, quotes, body) of a string literal's token text
    k = 0
    while text[k] not in '\'"':
        k += 1
    q = text[k] * 3 if text.startswith(text[k] * 3, k) else text[k]
    return text[:k], q, text[k + len(q):len(text) - len(q)]


def _escape_literal(text):
    prefix = _literal_parts(text)[0]
    if 'r' in prefix.lower() or 'f' in prefix.lower():
        return text
    k = len(prefix)
    return text[:k] + ''.join(_LEXER_STOPS.get(c, c) for c in text[k:])


def _field_close(body, end):
    # the index of the '}' that closes the field whose expression ends at
    # `end` (past its conversion and format spec, which may nest fields)
    j, depth, n = end, 0, len(body)
    while j < n:
        if body[j] == '{':
            depth += 1
        elif body[j] == '}':
            if depth == 0:
                break
            depth -= 1
        j += 1
    return j


def _fstring_as_format(text):
    # A (non-raw) f-string literal inside a field, as
    # '<template>'.format(<its fields' expressions>): MicroPython's lexer
    # cannot nest f-strings. The template's literal text stays as written.
    prefix, q, body = _literal_parts(text)
    if 'r' in prefix.lower():
        return None
    args = []
    template = _template(body, args)
    return (_escape_literal(prefix.replace('f', '').replace('F', '') + q + template + q) +
            '.format(' + ', '.join(args) + ')')


def _fstring_pieces(body):
    # The body of an f-string (or of a format spec in one) in order: each
    # piece is (text, expr, tail), text to keep as written (braces doubled
    # as in the source) and, when expr is not None, a field after it: expr
    # made readable for MicroPython's lexer, tail its conversion and spec.
    # A '{x=}' field puts its 'x=' in text and defaults its tail to '!r'.
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c in '{}' and body[i + 1:i + 2] == c:
            yield c + c, None, None
            i += 2
            continue
        if c != '{':
            k = i + 1
            while k < n and body[k] not in '{}':
                k += 1
            yield body[i:k], None, None
            i = k
            continue
        end, eq = _fstring_field_end(body, i + 1)
        j = _field_close(body, end)
        text, expr, tail = '', body[i + 1:end], body[end:j]
        if eq >= 0:
            expr, after = body[i + 1:eq], body[eq + 1:j]
            tail = after.lstrip(' ')
            text = (expr + '=' + after[:len(after) - len(tail)]).replace('{', '{{').replace('}', '}}')
            tail = tail or '!r'
        expr, tail = _field_for_lexer(expr, tail)
        yield text, expr, tail
        i = j + 1


def _template(body, args):
    # body of an f-string (or a format spec in one) with each field's
    # expression replaced by its position in args
    out = []
    for text, expr, tail in _fstring_pieces(body):
        out.append(text)
        if expr is None:
            continue
        spec = None
        if ':' in tail:
            at = tail.index(':')
            tail, spec = tail[:at], _template(tail[at + 1:], args)
        args.append('(' + expr + ')')
        out.append('{' + str(len(args) - 1) + tail + ('' if spec is None else ':' + spec) + '}')
    return ''.join(out)


def _field_for_lexer(expr, tail):
    colon = False  # a ':' in parentheses but in no bracket
    parens = brackets = 0
    pieces = []
    pos = 0
    for t in tokenize(expr):
        pieces.append(expr[pos:t.start])
        text = t.text
        if t.kind == 'string':
            nested = _fstring_as_format(text) if 'f' in _literal_parts(text)[0].lower() else None
            text = nested or _escape_literal(text)
        elif t.kind == 'op':
            if text == '(':
                parens += 1
            elif text == ')':
                parens -= 1
            elif text in '[{':
                brackets += 1
            elif text in ']}':
                brackets -= 1
            elif text in (':', ':=') and parens > 0 and brackets == 0:
                colon = True
        pieces.append(text)
        pos = t.end
    pieces.append(expr[pos:])
    new = ''.join(pieces)
    if colon:
        new = '[' + new + '][0]'
    if tail.startswith('!a'):
        new = 'ascii(' + new + ')'
        tail = tail[2:]
    return new, tail


def _rewrite_fstring(tok):
    prefix, q, body = _literal_parts(tok.text)
    if 'f' not in prefix.lower():
        return None
    pieces = list(_fstring_pieces(body))
    if pieces and pieces[-1] == ('{{', None, None):
        # MicroPython's lexer refuses an f-string that ends in '{{'
        other = '"' if q[0] == "'" else "'"
        pieces[-1] = ('', other + _LEXER_STOPS['{'] + other, '')
    new = ''.join(text if expr is None else text + '{' + expr + tail + '}' for text, expr, tail in pieces)
    return None if new == body else prefix + q + new + q


def _rewrite_fstrings(toks, edits):
    changed = False
    for t in toks:
        if t.kind == 'string' and '{' in t.text:
            new = _rewrite_fstring(t)
            if new is not None:
                edits.replace(t.start, t.end, new)
                changed = True
    return changed


# ---- match statements ---------------------------------------------------

class _Patterns:
    """Turns the tokens of one case pattern into a spec expression (source
    text) for __mpbox_match, numbering the names it binds."""

    def __init__(self, toks, src):
        self.toks = toks
        self.src = src
        self.i = 0
        self.names = []

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, text):
        t = self.peek()
        return t is not None and t.kind == 'op' and t.text == text

    def take(self, text=None):
        t = self.peek()
        if t is None or (text is not None and t.text != text):
            raise SyntaxError('invalid pattern')
        self.i += 1
        return t

    def bind(self, name):
        if name in self.names:
            return self.names.index(name)
        self.names.append(name)
        return len(self.names) - 1

    def top(self):
        # open_sequence_pattern or a single pattern
        first = self.pattern(True)
        if not self.at(','):
            return first
        items = [first]
        while self.at(','):
            self.take(',')
            if self.peek() is None:
                break
            items.append(self.pattern(True))
        return self.sequence(items)

    def sequence(self, items):
        star = -1
        star_idx = -1
        pats = []
        for k, it in enumerate(items):
            if isinstance(it, tuple):
                star = k
                star_idx = it[1]
            else:
                pats.append(it)
        return "('s', (%s), %d, %d)" % (''.join(p + ', ' for p in pats), star, star_idx)

    def pattern(self, allow_star=False):
        if allow_star and self.at('*'):
            self.take('*')
            name = self.take().text
            return ('star', -1 if name == '_' else self.bind(name))
        p = self.or_pattern()
        t = self.peek()
        if t is not None and t.kind == 'name' and t.text == 'as':
            self.take()
            name = self.take().text
            p = "('a', %s, %d)" % (p, self.bind(name))
        return p

    def or_pattern(self):
        alts = [self.closed()]
        while self.at('|'):
            self.take('|')
            alts.append(self.closed())
        if len(alts) == 1:
            return alts[0]
        return "('o', (%s))" % ''.join(a + ', ' for a in alts)

    def expr_text(self, first, last):
        return self.src[self.toks[first].start:self.toks[last].end]

    def closed(self):
        t = self.peek()
        if t is None:
            raise SyntaxError('invalid pattern')
        if t.kind == 'op' and t.text in ('[', '('):
            close = ']' if t.text == '[' else ')'
            self.take()
            items = []
            comma = False
            while not self.at(close):
                items.append(self.pattern(True))
                if self.at(','):
                    self.take(',')
                    comma = True
                else:
                    break
            self.take(close)
            if close == ')' and len(items) == 1 and not comma and not isinstance(items[0], tuple):
                return items[0]
            return self.sequence(items)
        if t.kind == 'op' and t.text == '{':
            self.take()
            pairs = []
            rest = -1
            while not self.at('}'):
                if self.at('**'):
                    self.take('**')
                    rest = self.bind(self.take().text)
                else:
                    k0 = self.i
                    self.closed_value()
                    key = self.expr_text(k0, self.i - 1)
                    self.take(':')
                    pairs.append('(%s, %s)' % (key, self.pattern()))
                if self.at(','):
                    self.take(',')
                else:
                    break
            self.take('}')
            return "('m', (%s), %d)" % (''.join(p + ', ' for p in pairs), rest)
        if t.kind == 'name' and t.text in ('None', 'True', 'False'):
            self.take()
            return "('i', %s)" % t.text
        if t.kind in ('number', 'string') or (t.kind == 'op' and t.text == '-'):
            k0 = self.i
            self.closed_value()
            return "('v', %s)" % self.expr_text(k0, self.i - 1)
        if t.kind == 'name':
            k0 = self.i
            self.take()
            dotted = False
            while self.at('.'):
                self.take('.')
                self.take()
                dotted = True
            if self.at('('):
                cls = self.expr_text(k0, self.i - 1)
                self.take('(')
                pos = []
                kws = []
                while not self.at(')'):
                    a = self.peek()
                    b = self.peek(1)
                    if a.kind == 'name' and b is not None and b.kind == 'op' and b.text == '=':
                        self.take()
                        self.take('=')
                        kws.append("(%r, %s)" % (a.text, self.pattern()))
                    else:
                        pos.append(self.pattern())
                    if self.at(','):
                        self.take(',')
                    else:
                        break
                self.take(')')
                return "('k', %s, (%s), (%s))" % (cls, ''.join(p + ', ' for p in pos),
                                                  ''.join(k + ', ' for k in kws))
            if dotted:
                return "('v', %s)" % self.expr_text(k0, self.i - 1)
            if t.text == '_':
                return "('w',)"
            return "('c', %d)" % self.bind(t.text)
        raise SyntaxError('invalid pattern')

    def closed_value(self):
        # a literal (signed numbers, complex sums, adjacent strings) or a
        # dotted name, as a key or a value
        t = self.peek()
        if t.kind == 'string':
            while self.peek() is not None and self.peek().kind == 'string':
                self.take()
            return
        if t.kind == 'name':
            self.take()
            while self.at('.'):
                self.take('.')
                self.take()
            return
        if self.at('-'):
            self.take('-')
        self.take()
        if self.at('+') or self.at('-'):
            self.take()
            self.take()


def _logical_lines(toks):
    lines = []
    first = 0
    for k, t in enumerate(toks):
        if t.kind == 'newline':
            if k > first:
                lines.append((first, k))
            first = k + 1
    return lines


def _indent_of(src, pos):
    ls = src.rfind('\n', 0, pos) + 1
    return pos - ls


def _find_colon(toks, a, b):
    # the index of the block's ':' in toks[a:b] (depth 0, not a lambda's)
    depth = 0
    lambdas = 0
    for j in range(a, b):
        t = toks[j]
        if t.kind == 'name' and t.text == 'lambda' and depth == 0:
            lambdas += 1
        if t.kind == 'op':
            if t.text in _OPEN:
                depth += 1
            elif t.text in _CLOSE:
                depth -= 1
            elif t.text == ':' and depth == 0:
                if lambdas:
                    lambdas -= 1
                else:
                    return j
    return -1


def _rewrite_match(src, toks, edits):
    changed = False
    lines = _logical_lines(toks)
    counter = 0
    stack = []  # (indent of the match, number, indent of its cases)
    for a, b in lines:
        t = toks[a]
        indent = _indent_of(src, t.start)
        while stack and indent <= stack[-1][0]:
            stack.pop()
        nxt = toks[a + 1] if a + 1 < b else None
        is_match = (t.kind == 'name' and t.text == 'match' and nxt is not None and
                    not (nxt.kind == 'op' and nxt.text in ('=', '.', ',', ')', ':', '+=', '-=')) and
                    _find_colon(toks, a, b) == b - 1)
        if is_match:
            colon = b - 1
            counter += 1
            num = counter
            # the subject stays in place, so the other rewrites reach into it
            edits.soft_keywords.add(a)
            edits.replace(t.start, t.end, 'if [(__mpbox_s%d__ := (' % num)
            edits.replace(toks[colon].start, toks[colon].end, ')), (__mpbox_d%d__ := False)]:' % num)
            stack.append((indent, num))
            changed = True
            continue
        if stack and t.kind == 'name' and t.text == 'case' and indent > stack[-1][0]:
            num = stack[-1][1]
            colon = _find_colon(toks, a, b)
            if colon < 0:
                raise SyntaxError('invalid syntax')
            # the guard starts at a depth-0 'if'
            guard_at = -1
            depth = 0
            for j in range(a + 1, colon):
                g = toks[j]
                if g.kind == 'op':
                    if g.text in _OPEN:
                        depth += 1
                    elif g.text in _CLOSE:
                        depth -= 1
                elif g.kind == 'name' and g.text == 'if' and depth == 0:
                    guard_at = j
                    break
            pend = guard_at if guard_at >= 0 else colon
            parser = _Patterns(toks[a + 1:pend], src)
            spec = parser.top()
            if parser.i != pend - a - 1:
                raise SyntaxError('invalid pattern')
            cond = ['not __mpbox_d%d__' % num,
                    '(__mpbox_b%d__ := __mpbox_match__(__mpbox_s%d__, %s, %d)) is not None'
                    % (num, num, spec, len(parser.names))]
            if parser.names:
                cond.append('[%s]' % ', '.join('(%s := __mpbox_b%d__[%d])' % (name, num, k)
                                               for k, name in enumerate(parser.names)))
            # 'case PATTERN' becomes the test; the guard stays in place (the
            # other rewrites reach into it), its 'if' becoming 'and ('
            start = t.start
            end = toks[pend - 1].end
            edits.soft_keywords.add(a)
            edits.replace(start, end, 'if (' + ' and '.join(cond) + '\n' * src.count('\n', start, end), own=True)
            done = ' and [(__mpbox_d%d__ := True)])' % num
            if guard_at >= 0:
                edits.replace(toks[guard_at].start, toks[guard_at].end, ' and (')
                done = ')' + done
            edits.replace(toks[colon].start, toks[colon].start, done)
            changed = True
    return changed


# ---- the run-time half --------------------------------------------------

def _is_sequence(v):
    if isinstance(v, (str, bytes, bytearray, dict)):
        return False
    if isinstance(v, (list, tuple, range)):
        return True
    try:
        import collections.abc as abc
        return isinstance(v, abc.Sequence)
    except Exception:
        return hasattr(v, '__getitem__') and hasattr(v, '__len__') and not hasattr(v, 'keys')


_SELF_MATCHING = (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple)


def _isinstance(v, cls):
    if cls is int and isinstance(v, bool):
        return True
    return isinstance(v, cls)


def _m(v, p, out):
    kind = p[0]
    if kind == 'w':
        return True
    if kind == 'c':
        out[p[1]] = v
        return True
    if kind == 'v':
        return v == p[1]
    if kind == 'i':
        return v is p[1]
    if kind == 'o':
        for alt in p[1]:
            if _m(v, alt, out):
                return True
        return False
    if kind == 'a':
        if _m(v, p[1], out):
            out[p[2]] = v
            return True
        return False
    if kind == 's':
        if not _is_sequence(v):
            return False
        pats, star, star_idx = p[1], p[2], p[3]
        items = list(v)
        if star < 0:
            if len(items) != len(pats):
                return False
            for x, q in zip(items, pats):
                if not _m(x, q, out):
                    return False
            return True
        after = len(pats) - star
        if len(items) < len(pats):
            return False
        for x, q in zip(items[:star], pats[:star]):
            if not _m(x, q, out):
                return False
        tail = items[len(items) - after:] if after else []
        for x, q in zip(tail, pats[star:]):
            if not _m(x, q, out):
                return False
        if star_idx >= 0:
            out[star_idx] = items[star:len(items) - after]
        return True
    if kind == 'm':
        if not (isinstance(v, dict) or (hasattr(v, 'keys') and hasattr(v, '__getitem__')
                                        and not isinstance(v, type))):
            return False
        seen = []
        for key, q in p[1]:
            if key in seen:
                raise ValueError('mapping pattern checks duplicate key (%r)' % (key,))
            seen.append(key)
            try:
                if key not in v:
                    return False
            except TypeError:
                return False
            if not _m(v[key], q, out):
                return False
        if p[2] >= 0:
            out[p[2]] = {k: v[k] for k in v if k not in seen}
        return True
    if kind == 'k':
        cls, pos, kws = p[1], p[2], p[3]
        if not isinstance(cls, type):
            raise TypeError('called match pattern must be a class')
        if not _isinstance(v, cls):
            return False
        if pos:
            if cls in _SELF_MATCHING:
                if len(pos) > 1:
                    raise TypeError('%s() accepts 1 positional sub-pattern (%d given)'
                                    % (cls.__name__, len(pos)))
                if not _m(v, pos[0], out):
                    return False
            else:
                names = getattr(cls, '__match_args__', None)
                if names is None:
                    fields = getattr(cls, '_fields', None)  # namedtuple
                    names = fields
                if names is None or len(pos) > len(names):
                    raise TypeError('%s() accepts %d positional sub-pattern%s (%d given)'
                                    % (cls.__name__, len(names or ()),
                                       '' if len(names or ()) == 1 else 's', len(pos)))
                for name, q in zip(names, pos):
                    if not hasattr(v, name) or not _m(getattr(v, name), q, out):
                        return False
        for name, q in kws:
            if not hasattr(v, name) or not _m(getattr(v, name), q, out):
                return False
        return True
    raise TypeError('bad pattern')


def _match(subject, spec, count):
    out = [None] * count
    return out if _m(subject, spec, out) else None


def _merge(*parts):
    d = {}
    for p in parts:
        if not hasattr(p, 'keys'):
            raise TypeError("'%s' object is not a mapping" % type(p).__name__)
        for k in p.keys():
            d[k] = p[k]
    return d


builtins.__mpbox_match__ = _match
builtins.__mpbox_list__ = lambda *a: list(a)
builtins.__mpbox_tuple__ = lambda *a: a
builtins.__mpbox_set__ = lambda *a: set(a)
builtins.__mpbox_dict__ = _merge


def rewrite(src, docs=None):
    """src rewritten, or None when nothing in it needs rewriting. With a
    dict `docs`, docstrings too: the functions' are put in it."""
    toks = tokenize(src)
    edits = _Edits()
    changed = _rewrite_match(src, toks, edits)
    changed = _rewrite_displays(toks, edits) or changed
    changed = _rewrite_fstrings(toks, edits) or changed
    changed = _rewrite_positional_only(toks, edits) or changed
    changed = _rewrite_ordereddict_calls(toks, edits) or changed
    if docs is not None:
        more, found = _collect_docstrings(src, toks, edits)
        changed = more or changed
        docs.update(found)
    return edits.apply(src) if changed else None


def __mpbox_rewritten(src, g):
    # the frame the host strips from tracebacks (core/result.c)
    exec(compile(src, '<stdin>', 'exec'), g)


def run(data, g, line=-1):
    """Rewrite a program (bytes) and run it in the globals g; a program
    that needs no rewriting runs as it is (so a SyntaxError is its own).
    line >= 0: the 0-based line of the last top-level statement, whose value
    the host asked for (MPBOX_RUN_RETURN_VALUE: builtins.__mpbox_last)."""
    src = data.decode()
    docs = {}
    reads_docs = '__doc__' in src or 'help(' in src or 'getdoc(' in src
    try:
        # docstrings only for a program that reads them
        new = rewrite(src, docs if reads_docs else None)
    except Exception:  # not rewritable: the compiler will say why
        new = None
    if new is not None:
        src = new
    if reads_docs:
        # also without a function docstring: its classes without one get
        # __doc__ None (lib/python/_mpbox_slots.py)
        import _mpbox_types
        _mpbox_types.docstrings[id(g)] = docs
    if line < 0:
        __mpbox_rewritten(src, g)
        return
    b = src.encode()
    off = 0
    for _ in range(line):
        off = b.index(b'\n', off) + 1
    __mpbox_last(b, off, line)  # a builtin from the start-up image (lib/python/_mpbox_startup.py)
