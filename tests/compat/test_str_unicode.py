# str's case and character-class methods on text beyond ASCII (guest/unicase,
# host/unicase.c with Unicode's data), compared with CPython.
import hashlib

words = ['ß', 'straße', 'STRASSE', 'ǆemal ǅungla Ǆ', 'ﬁre ﬂy', 'İstanbul', 'ıi', 'ŉ', 'ΰ', 'ᾳ ᾼ',
         'ΣΑΣ ΣΑΣ.', 'ὈΔΥΣΣΕΎΣ', 'aΣ', 'Σ', 'a.Σ.b', "Σ'Σ", 'ÉCOLE élève', 'Ünïcode', 'Ærøskøbing',
         'русский Текст', 'ǅ', 'ǈǉǊ', 'ⓐⓑⒸ', 'Ⅻ ⅻ', 'ᏸᏹ ᏰᏱ', '𐐨𐐀 𞤢𞤀', 'ʼn', 'ǰ', 'Ꭰ', 'ꭰ',
         "o'neil mcdonald", 'jean-luc picard', 'hello world', 'x\u0345y', '\u0130\u0307', '']
for s in words:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()),
          repr(s.swapcase()), repr(s.casefold()), s.istitle(), s.isupper(), s.islower())

samples = ['é', 'Ünïcode', '٣', '١٢٣', '½', '一二三', '²', '⑩', 'Ⅻ', '𝟘', 'x²', '\u3000', '\x1c\x1d\x1e\x1f',
           '\x85', '\u2028', '\u200b', 'ab\u00a0', 'ñ_1', '_é', '1é', 'é1', 'ǅ', '\u0300a', 'a\u0300',
           '\U0001f600', '日本語', '\u00ad', 'tab\there', '€5', 'ⅰⅱ', 'ɐ', 'ª', '']
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(),
          s.isidentifier(), s.isprintable(), s.isascii(), s.isupper(), s.islower(), s.istitle())

# Many code points, one method at a time (a digest of the answers): all
# below U+3400, the blocks with case beyond U+FFFF, every 97th above;
# leaving out what Unicode 15.0 (Debian's data, which mpbox uses) added or
# changed since CPython 3.11's 14.0 (new characters; Other_Lowercase of
# five modifier letters).
UNICODE_15 = ((0xcf3, 0xcf3), (0xece, 0xece), (0x10fc, 0x10fc), (0xa7f2, 0xa7f4), (0xab69, 0xab69),
              (0x10efd, 0x10eff), (0x1123f, 0x11241), (0x11b00, 0x11b09), (0x11f00, 0x11f59),
              (0x1342f, 0x13455), (0x1b132, 0x1b155), (0x1d2c0, 0x1d2d3), (0x1df25, 0x1df2a),
              (0x1e030, 0x1e08f), (0x1e4d0, 0x1e4f9), (0x1f6dc, 0x1f6dc), (0x1f774, 0x1f7d9),
              (0x1fa75, 0x1faf8), (0x2b739, 0x2b739), (0x31350, 0x323af))
CASED_BLOCKS = ((0x10400, 0x104ff), (0x10570, 0x105bf), (0x10c80, 0x10cff), (0x118a0, 0x118ff),
                (0x16e40, 0x16e9f), (0x1e900, 0x1e95f), (0x1d400, 0x1d7ff))


def code_points():
    picked = set(range(0x3400)) | set(range(0x3400, 0x110000, 97))
    for lo, hi in CASED_BLOCKS:
        picked |= set(range(lo, hi + 1))
    for c in sorted(picked):
        if not 0xd800 <= c < 0xe000 and not any(lo <= c <= hi for lo, hi in UNICODE_15):
            yield chr(c)


chars = list(code_points())
print(len(chars))
for name in ('upper', 'lower', 'title', 'capitalize', 'swapcase', 'casefold', 'isalpha', 'isdigit', 'isdecimal',
             'isnumeric', 'isalnum', 'isspace', 'isupper', 'islower', 'istitle', 'isidentifier', 'isprintable'):
    f = getattr(str, name)
    out = []
    for ch in chars:
        r = f(ch)
        out.append('1' if r is True else '0' if r is False else r)
    print(name, hashlib.sha256('|'.join(out).encode()).hexdigest())

# str subclasses keep the methods
class Name(str):
    pass

print(Name('ß straße').upper(), Name('élan vital').title(), Name('é').isalpha())
try:
    str.upper(5)
except TypeError as e:
    print('TypeError')
