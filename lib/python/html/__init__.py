# html for mpbox, written from the CPython 3.11 documentation and the HTML
# specifications: escape() and unescape(). unescape() knows the 252 named
# character references of HTML 4.01 and &apos; (html.entities), the legacy
# names that HTML5 accepts without a semicolon, and numeric references with
# HTML5's replacements (windows-1252 for 0x80-0x9F, U+FFFD for NUL,
# surrogates and values past U+10FFFF, nothing for other invalid code
# points). The rarer names HTML5 added are left as written.
from html.entities import name2codepoint

__all__ = ['escape', 'unescape']


def escape(s, quote=True):
    s = s.replace('&', '&amp;')
    s = s.replace('<', '&lt;')
    s = s.replace('>', '&gt;')
    if quote:
        s = s.replace('"', '&quot;')
        s = s.replace('\'', '&#x27;')
    return s


# numeric references HTML5 maps to other characters
_CHARREF_REPLACEMENTS = {
    0x00: '\ufffd', 0x0d: '\r', 0x80: '\u20ac', 0x81: '\x81', 0x82: '\u201a', 0x83: '\u0192',
    0x84: '\u201e', 0x85: '\u2026', 0x86: '\u2020', 0x87: '\u2021', 0x88: '\u02c6', 0x89: '\u2030',
    0x8a: '\u0160', 0x8b: '\u2039', 0x8c: '\u0152', 0x8d: '\x8d', 0x8e: '\u017d', 0x8f: '\x8f',
    0x90: '\x90', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022',
    0x96: '\u2013', 0x97: '\u2014', 0x98: '\u02dc', 0x99: '\u2122', 0x9a: '\u0161', 0x9b: '\u203a',
    0x9c: '\u0153', 0x9d: '\x9d', 0x9e: '\u017e', 0x9f: '\u0178',
}


def _dropped(cp):
    # control characters and noncharacters: HTML5 drops them
    if 0x1 <= cp <= 0x8 or cp == 0xb or 0xe <= cp <= 0x1f or 0x7f <= cp <= 0x9f:
        return True
    if 0xfdd0 <= cp <= 0xfdef:
        return True
    return (cp & 0xfffe) == 0xfffe


# the names HTML5 still accepts without the ";" (the Latin-1 set and a few)
_LEGACY = set(n for n, cp in name2codepoint.items() if 160 <= cp <= 255)
_LEGACY.update(['amp', 'lt', 'gt', 'quot', 'AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG'])
_UPPER_ALIASES = {'AMP': '&', 'LT': '<', 'GT': '>', 'QUOT': '"', 'COPY': '\xa9', 'REG': '\xae'}


def _named(name):
    if name in _UPPER_ALIASES:
        return _UPPER_ALIASES[name]
    cp = name2codepoint.get(name)
    return None if cp is None else chr(cp)


def _reference(s):
    # s: the text after "&", up to 32 characters of a possible reference;
    # returns (replacement, characters consumed) or None
    if s.startswith('#'):
        i = 1
        hexa = s[1:2] in ('x', 'X')
        if hexa:
            i = 2
        j = i
        digits = '0123456789abcdefABCDEF' if hexa else '0123456789'
        while j < len(s) and s[j] in digits:
            j += 1
        if j == i:
            return None
        num = int(s[i:j], 16 if hexa else 10)
        if j < len(s) and s[j] == ';':
            j += 1
        if num in _CHARREF_REPLACEMENTS:
            return _CHARREF_REPLACEMENTS[num], j
        if 0xd800 <= num <= 0xdfff or num > 0x10ffff:
            return '\ufffd', j
        if _dropped(num):
            return '', j
        return chr(num), j
    j = 0
    while j < len(s) and j < 32 and s[j] not in '\t\n\f <&#;':
        j += 1
    name = s[:j]
    if j < len(s) and s[j] == ';':
        value = "'" if name == 'apos' else _named(name)
        if value is not None:
            return value, j + 1
    # without ";" only the legacy names count, the longest that prefixes
    for k in range(len(name), 0, -1):
        if name[:k] in _LEGACY:
            return _named(name[:k]), k
    return None


def unescape(s):
    if '&' not in s:
        return s
    out = []
    i = 0
    n = len(s)
    while True:
        amp = s.find('&', i)
        if amp < 0:
            out.append(s[i:])
            return ''.join(out)
        out.append(s[i:amp])
        ref = _reference(s[amp + 1:amp + 1 + 40])
        if ref is None:
            out.append('&')
            i = amp + 1
        else:
            out.append(ref[0])
            i = amp + 1 + ref[1]
        if i >= n:
            return ''.join(out)
