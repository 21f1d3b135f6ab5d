# textwrap for mpbox: CPython's textwrap API and line-breaking rules,
# written without regular expressions (MicroPython's re lacks lookarounds).

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

_WS = '\t\n\x0b\x0c\r '


def _is_word(c):
    return c.isalpha() or c.isdigit() or c == '_' or (ord(c) > 127 and not c.isspace())


def _is_letter(c):
    return (c.isalpha() or c == '_' or (ord(c) > 127 and not c.isspace())) and not c.isdigit()


def _is_wordpunct(c):
    return _is_word(c) or c in '!"\'&.,?'


def _split_simple(text):
    # runs of whitespace and runs of anything else
    for c in '\t\n\x0b\x0c\r':
        if c in text:
            return _split_runs(text)
    # blanks only (the usual case after replace_whitespace): str.split, with
    # each run of blanks rebuilt from the split points
    chunks = []
    spaces = -1
    for w in text.split(' '):
        spaces += 1
        if w:
            if spaces:
                chunks.append(' ' * spaces)
            chunks.append(w)
            spaces = 0
    if spaces:
        chunks.append(' ' * spaces)
    return chunks


def _split_runs(text):
    chunks = []
    i, n = 0, len(text)
    while i < n:
        ws = text[i] in _WS
        j = i + 1
        while j < n and (text[j] in _WS) == ws:
            j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


def _split_hyphens(text):
    # whitespace runs, em-dashes between words, and words that may end after a
    # hyphen (CPython's wordsep_re rules). Those rules never look across
    # whitespace, so each word containing '-' is split on its own.
    chunks = []
    for c in _split_simple(text):
        if '-' in c and c[0] not in _WS:
            chunks.extend(_split_hyphen_word(c))
        else:
            chunks.append(c)
    return chunks


def _split_hyphen_word(text):
    n = len(text)
    at = lambda k: text[k] if 0 <= k < n else ''

    def letter(k):
        c = at(k)
        return c != '' and _is_letter(c)

    def dashes_then_word(k):
        # text[k:] starts with two or more '-' followed by a word character
        m = k
        while m < n and text[m] == '-':
            m += 1
        return m - k >= 2 and m < n and _is_word(text[m])

    chunks = []
    i = 0
    while i < n:
        c = text[i]
        if c in _WS:
            j = i + 1
            while j < n and text[j] in _WS:
                j += 1
        elif c == '-' and i > 0 and _is_wordpunct(text[i - 1]) and dashes_then_word(i):
            j = i
            while text[j] == '-':
                j += 1
        else:
            j = i + 1
            while True:
                if at(j) == '-' and ((letter(j - 2) and letter(j - 1)) or
                                     (letter(j - 3) and at(j - 2) == '-' and letter(j - 1))):
                    k = j + 1
                    if letter(k) and (letter(k + 1) or (at(k + 1) == '-' and letter(k + 2))):
                        j += 1
                        break
                if j >= n or text[j] in _WS:
                    break
                if _is_wordpunct(text[j - 1]) and dashes_then_word(j):
                    break
                j += 1
        chunks.append(text[i:j])
        i = j
    return chunks


class TextWrapper:
    def __init__(self, width=70, initial_indent='', subsequent_indent='',
                 expand_tabs=True, replace_whitespace=True,
                 fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8,
                 *, max_lines=None, placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs and '\t' in text:
            text = text.expandtabs(self.tabsize)  # grafted onto str (_mpbox_types.py)
        if self.replace_whitespace:
            text = ''.join(' ' if c in _WS else c for c in text)
        return text

    def _split(self, text):
        return _split_hyphens(text) if self.break_on_hyphens else _split_simple(text)

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            c = chunks[i]
            if c and c[-1] in '"\'':
                c = c[:-1]
            if (chunks[i + 1] == ' ' and len(c) >= 2 and c[-1] in '.!?'
                    and 'a' <= c[-2] <= 'z'):
                chunks[i + 1] = '  '
                i += 2
            else:
                i += 1

    def _split_chunks(self, text):
        return self._split(self._munge_whitespace(text))

    def _handle_long_word(self, chunks, line, line_len, width):
        # chunks is reversed: chunks[-1] is the next one
        space = width - line_len if width >= 1 else 1
        if self.break_long_words:
            word = chunks[-1]
            end = space
            if self.break_on_hyphens and len(word) > space:
                h = word.rfind('-', 0, space)
                if h > 0 and word[:h].strip('-') != '':
                    end = h + 1
            line.append(word[:end])
            chunks[-1] = word[end:]
        elif not line:
            line.append(chunks.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError('invalid width %r (must be > 0)' % (self.width,))
        if self.max_lines is not None:
            ind = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(ind) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError('placeholder too large for max width')
        lines = []
        chunks = chunks[::-1]
        while chunks:
            ind = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(ind)
            if self.drop_whitespace and lines and chunks[-1].strip() == '':
                chunks.pop()
            line = []
            size = 0
            while chunks and size + len(chunks[-1]) <= width:
                size += len(chunks[-1])
                line.append(chunks.pop())
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, line, size, width)
                size = sum(len(c) for c in line)
            if self.drop_whitespace and line and line[-1].strip() == '':
                size -= len(line.pop())
            if not line:
                continue
            rest_is_blank = not chunks or (self.drop_whitespace and len(chunks) == 1
                                           and not chunks[0].strip())
            if (self.max_lines is None or len(lines) + 1 < self.max_lines
                    or (rest_is_blank and size <= width)):
                lines.append(ind + ''.join(line))
                continue
            # the last allowed line: end it with the placeholder
            while line:
                if line[-1].strip() and size + len(self.placeholder) <= width:
                    lines.append(ind + ''.join(line) + self.placeholder)
                    return lines
                size -= len(line.pop())
            if lines:
                prev = lines[-1].rstrip()
                if len(prev) + len(self.placeholder) <= self.width:
                    lines[-1] = prev + self.placeholder
                    return lines
            lines.append(ind + self.placeholder.lstrip())
            return lines
        return lines

    def wrap(self, text):
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return '\n'.join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def _lines_keepends(text):
    # split after each '\n' (the only line end dedent and indent care about
    # besides the others str.splitlines knows)
    out = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in '\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029':
            if c == '\r' and i + 1 < n and text[i + 1] == '\n':
                i += 1
            out.append(text[start:i + 1])
            start = i + 1
        i += 1
    if start < n:
        out.append(text[start:])
    return out


def dedent(text):
    lines = text.split('\n')
    # lines of only blanks and tabs become empty
    for k in range(len(lines)):
        ln = lines[k]
        if ln and ln.strip(' \t') == '':
            lines[k] = ''
    margin = None
    for ln in lines:
        if not ln:
            continue
        j = 0
        while j < len(ln) and ln[j] in ' \t':
            j += 1
        lead = ln[:j]
        if margin is None:
            margin = lead
        elif lead.startswith(margin):
            pass
        elif margin.startswith(lead):
            margin = lead
        else:
            k = 0
            while k < len(margin) and k < len(lead) and margin[k] == lead[k]:
                k += 1
            margin = margin[:k]
    if margin:
        m = len(margin)
        lines = [ln[m:] if ln.startswith(margin) else ln for ln in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    if predicate is None:
        predicate = lambda line: line.strip()
    return ''.join(prefix + ln if predicate(ln) else ln for ln in _lines_keepends(text))
