# The statements of a class body as written in its source, for dataclasses
# and enum. MicroPython drops annotations without a value (`x: int`) and keeps
# class attributes in a dict without definition order, so both come from the
# source text: the file of the class's module, or for __main__ the program
# text, which the host gives as js.mpbox_internal('source', '') during a run.
# Written for mpbox.
import sys

_cache = {}


def _source(modname):
    if modname == '__main__':
        return _program()
    m = sys.modules.get(modname)
    f = getattr(m, '__file__', None)
    if f:
        return _read(f)
    return None


def _program():
    # the text of the program being run, from the host
    try:
        import js
        text = js.mpbox_internal('source', '')
    except Exception:
        return None
    return text if type(text) is str and text else None


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except (OSError, UnicodeError):
        return None


def _lines_from(src, pos):
    # the lines of src from offset pos on (no split of the whole text)
    n = len(src)
    while pos <= n:
        end = src.find('\n', pos)
        if end < 0:
            yield src[pos:]
            return
        yield src[pos:end]
        pos = end + 1


def _logical(src, pos):
    # Yields (indent, text, first, last) of logical lines from offset pos
    # on, comments dropped, continuation lines (brackets, backslash, triple
    # quotes) joined; first and last count the lines of src from pos, from 1.
    buf = []
    depth = 0
    quote = None
    indent = 0
    number = first = 0
    for line in _lines_from(src, pos):
        number += 1
        if not buf:
            s = line.lstrip()
            if not s or s[0] == '#':
                continue
            indent = len(line) - len(s)
            line = s
            first = number
        if quote is None and depth == 0:
            simple = True
            for c in '\'"([{\\#':
                if c in line:
                    simple = False
                    break
            if simple:
                buf.append(line)
                yield indent, ' '.join(buf).strip(), first, number
                buf = []
                continue
        out = []
        j = 0
        n = len(line)
        while j < n:
            c = line[j]
            if quote is not None:
                if c == '\\':
                    j += 2
                    continue
                if line.startswith(quote, j):
                    out.append(line[j:j + len(quote)])
                    j += len(quote)
                    quote = None
                    continue
                out.append(c)
                j += 1
                continue
            if c == '#':
                break
            if c == '"' or c == "'":
                quote = c * 3 if line.startswith(c * 3, j) else c
                out.append(quote)
                j += len(quote)
                continue
            if c in '([{':
                depth += 1
            elif c in ')]}':
                depth -= 1
            out.append(c)
            j += 1
        text = ''.join(out)
        if quote is not None and len(quote) == 1:
            quote = None  # unterminated string: give up on it at the line end
        if quote is None and depth <= 0 and not text.rstrip().endswith('\\'):
            buf.append(text)
            depth = 0
            yield indent, ' '.join(buf).strip(), first, number
            buf = []
        else:
            buf.append(text.rstrip().rstrip('\\'))


def _split_top(s, ch):
    # index of the first ch outside brackets and strings, or -1; a closing
    # bracket as ch: the one that closes the brackets s is inside
    depth = 0
    quote = None
    escaped = False
    for j in range(len(s)):
        c = s[j]
        if quote:
            if escaped:
                escaped = False
            elif c == '\\':
                escaped = True
            elif c == quote:
                quote = None
        elif c == '"' or c == "'":
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            if c == ch and depth == 0:
                return j
            depth -= 1
        elif c == ch and depth == 0:
            if ch == '=' and (s[j + 1:j + 2] == '=' or (j and s[j - 1] in '=<>!')):
                continue
            return j
    return -1


def _ident_end(s):
    j = 0
    while j < len(s) and (s[j] == '_' or s[j].isalpha() or s[j].isdigit() or ord(s[j]) > 127):
        j += 1
    return j


def _body(src, pos, header_indent):
    # entries of the class body whose header's line starts at offset pos
    entries = []
    it = _logical(src, pos)
    for indent, text, first, last in it:  # the header (possibly several lines)
        rest = text.partition(':')[2].strip()
        if rest:
            return entries  # one-line class body: `class A: pass`
        break
    body_indent = None
    for indent, line, first, last in it:
        if indent <= header_indent:
            break
        if body_indent is None:
            body_indent = indent
        if indent != body_indent:
            continue
        for text in _statements(line):
            _entry(text, entries)
    return entries


def _statements(line):
    # the statements of a line joined by ';'
    out = []
    while True:
        k = _split_top(line, ';')
        if k < 0:
            out.append(line)
            return out
        out.append(line[:k].strip())
        line = line[k + 1:].strip()


def _entry(text, entries):
    # one statement of the body at its indentation -> entries
    k = _ident_end(text)
    if k == 0:
        return
    name = text[:k]
    rest = text[k:].lstrip()
    if name in ('def', 'class', 'async', 'if', 'for', 'while', 'try', 'with', 'else', 'elif',
                'except', 'finally', 'return', 'pass', 'import', 'from', 'del', 'global'):
        if name == 'def' or name == 'class':
            n = rest[:_ident_end(rest)]
            entries.append((n, None, 'def'))
        return
    if rest.startswith(':'):
        ann = rest[1:]
        e = _split_top(ann, '=')
        if e < 0:
            ann = ann.strip()
            if ann:
                entries.append((name, ann, False))
        else:
            entries.append((name, ann[:e].strip(), True))
    elif rest.startswith('=') and not rest.startswith('=='):
        entries.append((name, None, True))


def describe(cls):
    """(class_body(cls), qualname(cls), postponed annotations?) with one
    fetch of the source."""
    modname = getattr(cls, '__module__', None) or '__main__'
    src = _source(modname)
    found = _find(modname, cls.__name__, cls.__dict__, src)
    return (found and found[1], found[0] if found else cls.__name__, _postponed(src))


def postponed_annotations(modname):
    """Whether the module's source has `from __future__ import annotations`
    (annotations then stay strings, as in CPython)."""
    return _postponed(_source(modname or '__main__'))


def _postponed(src):
    if not src:
        return False
    pos = src.find('from __future__ import')
    while pos >= 0:
        end = src.find('\n', pos)
        if (pos == 0 or src[pos - 1] == '\n') and 'annotations' in src[pos:end if end >= 0 else len(src)]:
            return True
        pos = src.find('from __future__ import', pos + 1)
    return False


def class_body(cls):
    """[(name, annotation text or None, has_value)] in definition order for the
    class's own body (has_value is 'def' for methods and nested classes), or
    None when the source is not available or no class of that name fits."""
    found = _find(getattr(cls, '__module__', None) or '__main__', cls.__name__, cls.__dict__)
    return found and found[1]


def body_of(modname, name, own):
    """class_body for a class not created yet: its module name, name and
    namespace (the names given a value must be in own)."""
    found = _find(modname, name, own)
    return found and found[1]


def qualname(cls):
    """CPython's __qualname__ of cls as its source places it ('f.<locals>.C',
    'Outer.C'): MicroPython's is the bare name."""
    found = _find(getattr(cls, '__module__', None) or '__main__', cls.__name__, cls.__dict__)
    return found[0] if found else cls.__name__


def _outer(src, pos, indent):
    # the qualified-name prefix of a class header whose line starts at pos
    parts = []
    while pos > 0 and indent > 0:
        start = src.rfind('\n', 0, pos - 1) + 1
        line = src[start:pos - 1]
        pos = start
        s = line.lstrip()
        if not s or s[0] == '#':
            continue
        k = len(line) - len(s)
        if k >= indent:
            continue
        indent = k
        for word, suffix in (('def ', '.<locals>'), ('async def ', '.<locals>'), ('class ', '')):
            if s.startswith(word):
                rest = s[len(word):].lstrip()
                parts.append(rest[:_ident_end(rest)] + suffix)
                break
    parts.reverse()
    return ''.join(p + '.' for p in parts)


def _find(modname, name, own, src=False):
    key = (modname, name)
    if src is False:
        src = _source(modname)
    if src is None:
        return None
    mark = (len(src), hash(src))  # not the text: the cache outlives runs
    cached = _cache.get(key)
    if cached is not None and cached[0] == mark:
        candidates = cached[1]
    else:
        candidates = []
        word = 'class ' + name
        pos = src.find(word)
        while pos >= 0:
            start = src.rfind('\n', 0, pos) + 1
            after = src[pos + len(word):pos + len(word) + 1]
            if after in ('(', ':', ' ') and not src[start:pos].strip():
                indent = pos - start
                candidates.append((_outer(src, start, indent) + name, _body(src, start, indent)))
            pos = src.find(word, pos + len(word))
        _cache[key] = (mark, candidates)
    for cand in candidates:
        ok = True
        for n, ann, val in cand[1]:
            if val is True and n not in own:
                ok = False
                break
        if ok:
            return cand
    return None
