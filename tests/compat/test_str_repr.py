# repr() of str as CPython writes it (guest/strrepr, host/strrepr.c): printable
# characters above ASCII as they are, the others escaped; CPython's quote choice.
# Output must be identical under CPython 3.11 and mpbox.
samples = ['', 'abc', "it's", 'say "hi"', 'both \' and "', 'a\tb\nc\r\\', '\x00\x1f\x7f',
           'café', 'naïve', 'Ünïcode', '日本語', 'Привет', 'مرحبا', 'e\u0301', '😀', '\U0001f1eb\U0001f1f7',
           '\x80\x9f\xa0\xad', '\u2028\u2029\u200b\ufeff', '\u3000', '\ue000', '\U000e0001', '\U0010ffff',
           '\u0378', '\ud800', '\xff\u0100\uffff\U00010000']
for s in samples:
    print(repr(s), len(repr(s)))
print(samples[6:12])
print({'ключ': 'значение', 'k': ('é', "ü'")})
print('%r | {!r} | %s' % ('é', 'x') if False else '%r %s' % ('é', 'ü'), '{!r}'.format('ß'), f'{"日"!r}')
class C:
    def __repr__(self):
        return 'C(%r)' % 'é'
print([C()], repr(C()))
long = 'é\'"x' * 1000
r = repr(long)
print(len(r), r[:20], r[-20:])
# repr() of every BMP character but the surrogates and the two that Unicode 15 added
# (U+0CF3, U+0ECE: CPython 3.11 has Unicode 14), 512 at a time, then astral samples
skip = (0x0CF3, 0x0ECE)
for start in range(0, 0x10000, 512):
    if 0xD800 <= start < 0xE000:
        continue
    s = ''.join([chr(c) for c in range(start, start + 512) if c not in skip])
    print(hex(start), repr(s))
for lo, hi in ((0x10000, 0x10100), (0x1F600, 0x1F650), (0xE0000, 0xE0080), (0xF0000, 0xF0010), (0x10FFF0, 0x110000)):
    print(hex(lo), repr(''.join([chr(c) for c in range(lo, hi)])))
# ascii(): repr() with everything above ASCII escaped
print(ascii('café'), ascii(['日本', 'x', '😀']), ascii({'k': 'ß\n'}), ascii(12), ascii(b'\xff'))
