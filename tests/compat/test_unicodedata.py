# unicodedata (lib/python/unicodedata.py) against CPython 3.11, on characters
# whose data did not change between Unicode 14.0 (CPython 3.11) and 15.0
# (Debian 12's unicode-data, which the build embeds).
import unicodedata as ud


def cps(s):
    return ' '.join('%04X' % ord(c) for c in s)


chars = 'aZ0 9_\t\n\xa0é\u00df\u0130\u0301\u0308\u2167\u00bd\u00b2\u0663\u4e2d\uac00\ud55c\u3042\uff21\u20ac\U0001f600\u2028\ufb01\u1e9b\u212b\u0344\u0f73\U00020000\ue000'
for ch in chars:
    print(cps(ch), ud.name(ch, '-'), ud.category(ch), ud.bidirectional(ch), ud.combining(ch), ud.mirrored(ch),
          ud.decomposition(ch) or '-', ud.decimal(ch, None), ud.digit(ch, None), ud.numeric(ch, None),
          ud.east_asian_width(ch))
for n in ('LATIN SMALL LETTER A', 'latin capital letter e with acute', 'EURO SIGN', 'GRINNING FACE',
          'CJK UNIFIED IDEOGRAPH-4E2D', 'HANGUL SYLLABLE HAN', 'HANGUL SYLLABLE GA', 'LINE FEED', 'NBSP', 'BYTE ORDER MARK'):
    print(n, cps(ud.lookup(n)))
for bad in ('NOT A CHARACTER NAME', 'CJK UNIFIED IDEOGRAPH-0041', ''):
    try:
        ud.lookup(bad)
    except KeyError as e:
        print('KeyError', e.args[0])
for f, a in ((ud.name, '\ue000'), (ud.decimal, 'x'), (ud.digit, 'x'), (ud.numeric, 'x')):
    try:
        f(a)
    except ValueError as e:
        print('ValueError', e)
texts = ['café', 'cafe\u0301', 'Å', 'A\u030a', '\u212b', '\ufb01ne', 'x\u00b2', '\u1e9b\u0323', 'q\u0307\u0323',
         '\u1100\u1161\u11a8', '\ud55c\uae00', 'a\u0301\u0301', '\u0344', 'e\u0301\u0327', 'ascii only', '\u2167 \u00bd',
         '\u0f73', 'n\u0303o', '\u00c7\u0301']
for t in texts:
    print(cps(t), '|', ' | '.join(cps(ud.normalize(f, t)) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')),
          [ud.is_normalized(f, t) for f in ('NFC', 'NFD', 'NFKC', 'NFKD')])
try:
    ud.normalize('NFX', 'a')
except ValueError as e:
    print('ValueError', e)
print(len([c for c in map(chr, range(0x300, 0x370)) if ud.combining(c)]),
      sum(1 for i in range(0x2000, 0x2100) if ud.category(chr(i)).startswith('P')))
