# unicodedata for mpbox: the Unicode Character Database, read from the data
# files of Debian's unicode-data package that the build embeds at
# /usr/lib/mpbox/unicode (Makefile, UNICODE_SRC): UnicodeData.txt,
# EastAsianWidth.txt, CompositionExclusions.txt, NameAliases.txt.
#
# UnicodeData.txt is sorted by code point, so a character's record is found
# by binary search in the file's text (read once, on first use); a name by
# a search for ";NAME;". Names of CJK unified ideographs and Hangul
# syllables are computed, as the standard defines them.
# Implemented: lookup (names and aliases), name, category, bidirectional,
# combining, mirrored, decomposition, decimal, digit, numeric,
# east_asian_width, normalize and is_normalized (NFC, NFD, NFKC, NFKD),
# unidata_version (the data's). Not implemented: ucd_3_2_0.
# Written for mpbox.

_DIR = '/usr/lib/mpbox/unicode/'
_data = None
_cache = {}
_no_default = object()


def _text():
    global _data
    if _data is None:
        with open(_DIR + 'UnicodeData.txt', 'rb') as f:
            # with its size: read() of a host file of a megabyte or more
            # traps in this build
            size = f.seek(0, 2)
            f.seek(0)
            _data = f.read(size)
    return _data


def _version():
    with open(_DIR + 'EastAsianWidth.txt') as f:
        head = f.readline()  # "# EastAsianWidth-15.0.0.txt"
    return head[head.index('-') + 1:head.rindex('.txt')]


def _code(ch, fn):
    if type(ch) is not str:
        raise TypeError('%s() argument must be a unicode character, not %s' % (fn, type(ch).__name__))
    if len(ch) != 1:
        raise TypeError('%s() argument must be a unicode character, not str' % fn)
    return ord(ch)


def _line_at(data, pos):
    # (start, end) of the line holding byte pos
    start = data.rfind(b'\n', 0, pos) + 1
    end = data.find(b'\n', start)
    return start, (len(data) if end < 0 else end)


_CJK = 'CJK UNIFIED IDEOGRAPH-'
_L = ('G', 'GG', 'N', 'D', 'DD', 'R', 'M', 'B', 'BB', 'S', 'SS', '', 'J', 'JJ', 'C', 'K', 'T', 'P', 'H')
_V = ('A', 'AE', 'YA', 'YAE', 'EO', 'E', 'YEO', 'YE', 'O', 'WA', 'WAE', 'OE', 'YO', 'U', 'WEO', 'WE', 'WI',
      'YU', 'EU', 'YI', 'I')
_T = ('', 'G', 'GG', 'GS', 'N', 'NJ', 'NH', 'D', 'L', 'LG', 'LM', 'LB', 'LS', 'LT', 'LP', 'LH', 'M', 'B',
      'BS', 'S', 'SS', 'NG', 'J', 'C', 'K', 'T', 'P', 'H')
_SBASE, _LBASE, _VBASE, _TBASE = 0xAC00, 0x1100, 0x1161, 0x11A7
_NCOUNT, _TCOUNT, _SCOUNT = 21 * 28, 28, 11172


def _in_range(fields, c):
    # the record of c, a character of the First/Last range `fields` opens,
    # with its name computed (or '' for ranges without names)
    r = list(fields)
    kind = fields[1][1:-len(', First>')]
    if kind.startswith('CJK Ideograph'):
        r[1] = _CJK + '%X' % c
    elif kind == 'Hangul Syllable':
        s = c - _SBASE
        r[1] = 'HANGUL SYLLABLE ' + _L[s // _NCOUNT] + _V[s % _NCOUNT // _TCOUNT] + _T[s % _TCOUNT]
    else:
        r[1] = ''
    return r


def _record(c):
    # the fields of code point c's record (the range's for a character of
    # a First/Last range, with its name computed or ''), or None
    r = _cache.get(c)
    if r is not None:
        return r or None
    data = _text()
    lo, hi = 0, len(data)
    best = None
    while lo < hi:
        mid = (lo + hi) // 2
        start, end = _line_at(data, mid)
        code = int(data[start:data.find(b';', start)], 16)
        if code <= c:
            best = (start, end)
            lo = end + 1
        else:
            hi = start
    r = ()
    if best is not None:
        fields = data[best[0]:best[1]].decode().split(';')
        code = int(fields[0], 16)
        if fields[1].endswith(', First>'):
            start, end = _line_at(data, best[1] + 1)
            if int(data[start:data.find(b';', start)], 16) >= c:
                r = _in_range(fields, c)
        elif code == c:
            r = fields
    if len(_cache) > 4096:
        _cache.clear()
    _cache[c] = r
    return r or None


def name(chr, default=_no_default):
    r = _record(_code(chr, 'name'))
    if r is None or not r[1] or r[1][0] == '<':
        if default is _no_default:
            raise ValueError('no such name')
        return default
    return r[1]


def _alias(key):
    with open(_DIR + 'NameAliases.txt') as f:
        for line in f:
            if line[:1] == '#' or ';' not in line:
                continue
            code, alias, kind = line.strip().split(';')
            if alias == key:
                return int(code, 16)
    return None


def lookup(name):
    if type(name) is bytes:
        name = name.decode()
    if type(name) is not str:
        raise TypeError('lookup() argument must be str, not %s' % type(name).__name__)
    key = name.upper()
    if key.startswith(_CJK):
        try:
            c = int(key[len(_CJK):], 16)
        except ValueError:
            c = -1
        r = _record(c) if 0 <= c <= 0x10FFFF else None
        if r and r[1] == key:
            return chr(c)
    elif key.startswith('HANGUL SYLLABLE '):
        rest = key[16:]
        for i in range(19):
            if rest.startswith(_L[i]):
                for j in range(21):
                    if rest[len(_L[i]):].startswith(_V[j]) and rest[len(_L[i]) + len(_V[j]):] in _T:
                        c = _SBASE + (i * 21 + j) * 28 + _T.index(rest[len(_L[i]) + len(_V[j]):])
                        return chr(c)
    elif key and '<' not in key and ';' not in key:
        data = _text()
        needle = b';' + key.encode() + b';'
        pos = data.find(needle)
        while pos >= 0:
            start = data.rfind(b'\n', 0, pos) + 1
            if data.find(b';', start) == pos:
                return chr(int(data[start:pos], 16))
            pos = data.find(needle, pos + 1)
        c = _alias(key)
        if c is not None:
            return chr(c)
    raise KeyError("undefined character name '%s'" % name)


def category(chr):
    r = _record(_code(chr, 'category'))
    return r[2] if r else 'Cn'


def bidirectional(chr):
    r = _record(_code(chr, 'bidirectional'))
    return r[4] if r else ''


def combining(chr):
    r = _record(_code(chr, 'combining'))
    return int(r[3]) if r else 0


def mirrored(chr):
    r = _record(_code(chr, 'mirrored'))
    return 1 if r and r[9] == 'Y' else 0


def decomposition(chr):
    c = _code(chr, 'decomposition')
    r = _record(c)
    if r and r[5]:
        return r[5]
    return ''


def _number(chr, fn, field, what, default, convert):
    r = _record(_code(chr, fn))
    if not r or not r[field]:
        if default is _no_default:
            raise ValueError(what)
        return default
    return convert(r[field])


def decimal(chr, default=_no_default):
    return _number(chr, 'decimal', 6, 'not a decimal', default, int)


def digit(chr, default=_no_default):
    return _number(chr, 'digit', 7, 'not a digit', default, int)


def _fraction(text):
    if '/' in text:
        a, b = text.split('/')
        return int(a) / int(b)
    return float(int(text))


def numeric(chr, default=_no_default):
    return _number(chr, 'numeric', 8, 'not a numeric character', default, _fraction)


# ---- east_asian_width -----------------------------------------------------------

_widths = None


def east_asian_width(chr):
    global _widths
    c = _code(chr, 'east_asian_width')
    if _widths is None:
        starts, ends, values = [], [], []
        with open(_DIR + 'EastAsianWidth.txt') as f:
            for line in f:
                line = line.split('#')[0].strip()
                if not line:
                    continue
                span, value = line.split(';')
                a, _, b = span.strip().partition('..')
                starts.append(int(a, 16))
                ends.append(int(b or a, 16))
                values.append(value.strip())
        _widths = (starts, ends, values)
    starts, ends, values = _widths
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= c:
            lo = mid + 1
        else:
            hi = mid
    i = lo - 1
    if i >= 0 and starts[i] <= c <= ends[i]:
        return values[i]
    return 'N'


# ---- normalization ---------------------------------------------------------------

_excluded = None
_composed = {}


def _decompose(c, compat, out):
    # the full (canonical, or compatibility too) decomposition of c
    if _SBASE <= c < _SBASE + _SCOUNT:
        s = c - _SBASE
        out.append(_LBASE + s // _NCOUNT)
        out.append(_VBASE + s % _NCOUNT // _TCOUNT)
        if s % _TCOUNT:
            out.append(_TBASE + s % _TCOUNT)
        return
    r = _record(c) if c >= 0xA0 else None
    d = r[5] if r else ''
    if d and (compat or d[0] != '<'):
        if d[0] == '<':
            d = d[d.index('>') + 1:]
        for part in d.split():
            _decompose(int(part, 16), compat, out)
    else:
        out.append(c)


def _ccc(c):
    if c < 0x300:
        return 0
    r = _record(c)
    return int(r[3]) if r else 0


def _reorder(codes):
    # canonical ordering: each run of non-starters sorted by combining
    # class, stably
    out = []
    run = []
    for c in codes:
        k = _ccc(c)
        if k == 0:
            if run:
                run.sort(key=lambda p: p[0])
                out.extend(p[1] for p in run)
                run = []
            out.append(c)
        else:
            run.append((k, c))
    run.sort(key=lambda p: p[0])
    out.extend(p[1] for p in run)
    return out


def _primary(a, b):
    # the primary composite of the pair (a, b), or None
    if _LBASE <= a < _LBASE + 19 and _VBASE <= b < _VBASE + 21:
        return _SBASE + ((a - _LBASE) * 21 + (b - _VBASE)) * _TCOUNT
    if _SBASE <= a < _SBASE + _SCOUNT and (a - _SBASE) % _TCOUNT == 0 and _TBASE < b < _TBASE + _TCOUNT:
        return a + (b - _TBASE)
    key = (a, b)
    if key in _composed:
        return _composed[key]
    global _excluded
    if _excluded is None:
        _excluded = set()
        with open(_DIR + 'CompositionExclusions.txt') as f:
            for line in f:
                line = line.split('#')[0].strip()
                if line:
                    _excluded.add(int(line, 16))
    data = _text()
    needle = (';%04X %04X;' % (a, b)).encode()
    found = None
    pos = data.find(needle)
    while pos >= 0:
        start = data.rfind(b'\n', 0, pos) + 1
        if data[start:pos].count(b';') == 4:  # the decomposition field
            c = int(data[start:data.find(b';', start)], 16)
            if c not in _excluded and _ccc(c) == 0 and _ccc(a) == 0:
                found = c
            break
        pos = data.find(needle, pos + 1)
    _composed[key] = found
    return found


def _compose(codes):
    # canonical composition: a character joins the last starter unless a
    # character between them is a starter or has a class not below its own
    out = []
    starter = -1  # index in out of the last starter
    last = 0  # combining class of the last character kept after it
    for c in codes:
        k = _ccc(c)
        if starter >= 0 and (len(out) - 1 == starter or 0 < last < k):
            p = _primary(out[starter], c)
            if p is not None:
                out[starter] = p
                continue
        if k == 0:
            starter = len(out)
        last = k
        out.append(c)
    return out


def normalize(form, unistr):
    if type(form) is not str:
        raise TypeError('normalize() argument 1 must be str, not %s' % type(form).__name__)
    if type(unistr) is not str:
        raise TypeError('normalize() argument 2 must be str, not %s' % type(unistr).__name__)
    if form not in ('NFC', 'NFD', 'NFKC', 'NFKD'):
        raise ValueError('invalid normalization form')
    if unistr.isascii():
        return unistr
    compat = form[-2] == 'K'
    codes = []
    for ch in unistr:
        _decompose(ord(ch), compat, codes)
    codes = _reorder(codes)
    if form[-1] == 'C':
        codes = _compose(codes)
    return ''.join(chr(c) for c in codes)


def is_normalized(form, unistr):
    return normalize(form, unistr) == unistr


unidata_version = _version()
