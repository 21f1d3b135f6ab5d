# re: behaviour agents rely on; the output must be identical under CPython and mpbox.
import re


def plain(x):
    # MicroPython's repr escapes non-ASCII characters: show them the same way under both
    if isinstance(x, str):
        return ''.join(c if ord(c) < 128 else '<U+%04X>' % ord(c) for c in x)
    if isinstance(x, (list, tuple)):
        return type(x)(plain(y) for y in x)
    return x


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'raises', type(e).__name__, str(e))
        return
    if isinstance(r, re.Match):
        # (dict order differs in MicroPython: groupdict is shown sorted)
        r = ('match', r.span(), r.group(), r.groups(), sorted(r.groupdict().items()), r.lastindex, r.lastgroup,
             [r.span(k) for k in range(1, r.re.groups + 1)])
    print(plain(label), repr(plain(r)))


# search / match / fullmatch over the syntax agents use
CASES = [
    (r'\d+', 'order 66 and 1234'),
    (r'(\w+)@(\w+)\.com', 'mail bob@example.com now'),
    (r'(?P<key>\w+)\s*=\s*(?P<value>[^;]*)', 'a = 1; b=two'),
    (r'^\s*#', '   # comment'),
    (r'colou?r', 'The colour red'),
    (r'a{2,3}', 'caaaandy'),
    (r'a{2,3}?', 'caaaandy'),
    (r'a{2}', 'caaaandy'),
    (r'a{2,}', 'caaaandy'),
    (r'a{,2}', 'aaa'),
    (r'<.*>', '<a><b>'),
    (r'<.*?>', '<a><b>'),
    (r'(a|ab)(c|bcd)(d*)', 'abcd'),
    (r'(\d+)\.(\d+)?', '3.'),
    (r'((a)(b)?)+', 'abaab'),
    (r'(?:(a)|(b))+', 'abab'),
    (r'(a*)*', 'b'),
    (r'(a|)+b', 'aab'),
    (r'(\w)\1', 'hello'),
    (r'(?P<q>[\'"]).*?(?P=q)', 'say "hi" now'),
    (r'(?<=\$)\d+(\.\d\d)?', 'cost: $42.50'),
    (r'(?<!\$)\b\d+\b', '$5 or 7'),
    (r'\w+(?=,)', 'x, y, z'),
    (r'\b\w+\b(?!,)', 'x, y, z'),
    (r'\bcat\b', 'concat cat category'),
    (r'\Bat\B', 'cat bats'),
    (r'[A-Z][a-z]+', 'hello World'),
    (r'[^\w\s]+', 'hi!? there'),
    (r'[\d.,]+', 'pi is 3.14,15'),
    (r'[\]\-^]+', 'x]-^y'),
    (r'[]a]+', 'b]a'),
    (r'\s+$', 'trailing   \n'),
    (r'^$', ''),
    (r'$', 'a\n'),
    (r'\Z', 'a\n'),
    (r'\Aab', 'ab'),
    (r'x*', 'xxa'),
    (r'(?i)hello', 'Say HELLO'),
    (r'(?i)[a-c]+', 'xAbCd'),
    (r'(?m)^\w+$', 'one\ntwo'),
    (r'(?s)a.c', 'a\nc'),
    (r'a.c', 'a\nc'),
    (r'(?x) (\d+) \s* # a number\n [a-z]+', 'is 42 apples'),
    (r'(?i:A)b', 'ab Ab aB'),
    (r'\x41\u00e9\n', 'A\u00e9\n'),
    (r'caf\u00e9', 'un caf\u00e9 noir'),
    (r'\w+', 'na\u00efve r\u00e9sum\u00e9'),
    (r'.', '\u00e9t\u00e9'),
    (r'a++b', 'aaab'),
    (r'(?>a|ab)c', 'abc'),
    (r'(a+)+$', 'aaaaaaaaaaaa!'),
    (r'(?#a comment)z', 'xyz'),
    (r'(\d{4})-(\d\d)-(\d\d)', 'Date: 2024-03-15.'),
]
for p, s in CASES:
    show('search %r %r' % (p, plain(s)), lambda: re.search(p, s))
    show('match %r' % p, lambda: re.match(p, s))
    show('fullmatch %r' % p, lambda: re.fullmatch(p, s))
    show('findall %r' % p, lambda: re.findall(p, s))
    show('finditer %r' % p, lambda: [(m.span(), m.group()) for m in re.finditer(p, s)])

# flags as arguments
show('I', lambda: re.findall('abc', 'ABC abc aBc', re.I))
show('IGNORECASE|M', lambda: re.findall('^x', 'X\nx\ny', re.IGNORECASE | re.MULTILINE))
show('S', lambda: re.match('.+', 'a\nb', re.S))
show('DOTALL', lambda: re.match('.+', 'a\nb', re.DOTALL))
show('X', lambda: re.match(r'''\d+  # int
                               \.? # dot''', '12.5', re.X))
show('VERBOSE class space', lambda: re.findall(r'[ ]x', 'a x', re.VERBOSE))
show('A', lambda: re.findall(r'\w+', 'caf\u00e9 ok', re.A))
show('ASCII', lambda: re.findall(r'\w+', 'caf\u00e9 ok', re.ASCII))
show('flag values', lambda: (re.I, re.M, re.S, re.X, re.A) == (2, 8, 16, 64, 256))

# split
show('split', lambda: re.split(r'\s*,\s*', 'a , b,c ,d'))
show('split groups', lambda: re.split(r'(,)(;)?', 'a,b,;c'))
show('split maxsplit', lambda: re.split(r'\W+', 'Words, words, words.', 1))
show('split maxsplit kw', lambda: re.split(r'\W+', 'Words, words, words.', maxsplit=2))
show('split empty', lambda: re.split(r'x*', 'axbc'))
show('split edge', lambda: re.split(r'\b', 'hi there'))
show('split nomatch', lambda: re.split(r'z', 'abc'))
show('split lines', lambda: re.split(r'\r?\n', 'l1\r\nl2\nl3'))

# sub / subn
show('sub', lambda: re.sub(r'\s+', ' ', '  lots   of\tspace \n'))
show('sub count', lambda: re.sub('a', 'b', 'aaaa', 2))
show('sub count kw', lambda: re.sub('a', 'b', 'aaaa', count=3))
show('sub template', lambda: re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world, good day'))
show('sub named', lambda: re.sub(r'(?P<first>\w+)@(?P<dom>\w+)', r'\g<dom> at \g<first> [\g<0>] \g<1>', 'bob@home'))
show('sub escapes', lambda: re.sub('x', r'\n\t\\', 'axb'))
show('sub unmatched group', lambda: re.sub(r'(a)|b', r'[\1]', 'ab'))
show('sub func', lambda: re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1 b22 c333'))
show('sub func groups', lambda: re.sub(r'(\w)(\w*)', lambda m: m.group(1).upper() + m.group(2), 'make title case'))
show('sub empty matches', lambda: re.sub('x*', '-', 'abxd'))
show('subn', lambda: re.subn(r'o', '0', 'foo boo'))
show('subn none', lambda: re.subn(r'z', '0', 'foo'))
show('sub flags', lambda: re.sub('A', 'b', 'aA', flags=re.I))
show('sub bad template', lambda: re.sub('a', r'\9', 'a'))
show('sub bad escape', lambda: re.sub('a', r'\q', 'a'))
show('sub unknown name', lambda: re.sub('(?P<x>a)', r'\g<y>', 'a'))
show('sub long', lambda: len(re.sub(r'\d', '#', '0123456789' * 3000)))

# compiled patterns
p = re.compile(r'(?P<word>[a-z]+)(?P<num>\d+)?', re.I)
show('pattern attrs', lambda: (p.pattern, p.groups, sorted(p.groupindex.items()), p.flags == re.I | re.U))
show('pattern repr', lambda: repr(p))
show('pattern repr plain', lambda: repr(re.compile(r'a\d')))
show('pattern repr flags', lambda: repr(re.compile('a', re.M | re.S)))
show('compile same', lambda: re.compile(p) is p)
show('compile flags again', lambda: re.compile(p, re.I))
show('pos endpos', lambda: p.search('abc12 def', 2, 4))
show('match pos', lambda: p.match('  xy9', 2))
show('fullmatch endpos', lambda: p.fullmatch('ab1zz', 0, 3))
show('anchor with pos', lambda: re.compile('^a').search('ba', 1))
show('findall pos', lambda: p.findall('aa bb1 cc', 3))
show('finditer endpos', lambda: [m.group() for m in p.finditer('aa bb1 cc', 0, 5)])
show('split method', lambda: re.compile(',').split('a,b,c', 1))
show('sub method', lambda: re.compile('b').sub('B', 'abcb', 1))
show('eq', lambda: re.compile('a') == re.compile('a'))

# Match API
m = re.search(r'(?P<h>\d+):(?P<m>\d+)(:(?P<s>\d+))?', 'at 12:30 sharp')
show('group', lambda: m.group())
show('group n', lambda: (m.group(0), m.group(1), m.group('m'), m.group(1, 'm', 4)))
show('groups', lambda: m.groups())
show('groups default', lambda: m.groups('-'))
show('groupdict', lambda: sorted(m.groupdict().items()))
show('groupdict default', lambda: sorted(m.groupdict(0).items()))
show('getitem', lambda: (m[0], m[1], m['h']))
show('span', lambda: (m.span(), m.span(2), m.span('s'), m.start(1), m.end('m')))
show('lastindex', lambda: (m.lastindex, m.lastgroup))
show('string pos', lambda: (m.string, m.pos, m.endpos, m.re.pattern))
show('expand', lambda: m.expand(r'\g<m> past \1'))
show('bool', lambda: bool(m))
show('repr', lambda: repr(m))
show('no such group', lambda: m.group(9))
show('no such name', lambda: m.group('zz'))
show('lastindex nested', lambda: re.match(r'((a)b)', 'ab').lastindex)
show('lastindex none', lambda: re.match(r'a', 'a').lastindex)
show('if match', lambda: 'yes' if re.match('a', 'b') else 'no')

# escape, purge
show('escape', lambda: re.escape('1+1=2? [a] (b) {c} $5.00 a-b ~#&'))
show('escape roundtrip', lambda: bool(re.fullmatch(re.escape('a.b*c'), 'a.b*c')))
show('purge', lambda: re.purge())

# errors
for bad in ['(', 'a)', '[a', '*a', 'a**', '[z-a]', r'\q', '(?P<n>a)(?P<n>b)', r'(?<=a+)b', r'\2(a)',
            '(?P=nope)', 'a{3,2}', '(?z)', 'a(?i)b', '(?P<1x>a)', '(?<', 'x{2}{3}']:
    show('error %r' % bad, lambda: re.compile(bad))
try:
    re.compile('(ab')
except re.error as e:
    print('error attrs', e.msg, e.pattern, e.pos, isinstance(e, Exception))
show('type error', lambda: re.search('a', 5))
