# The texts of common TypeErrors and NameErrors (guest/errtext, host/exc.c):
# output must be identical under CPython 3.11 and mpbox.
NONE, FIVE, TUP, LST = None, 5, ('a',), [1]
cases = [
    ('str + int', lambda: 'a' + 1),
    ('int + str', lambda: 1 + 'a'),
    ('list + tuple', lambda: [1] + (1,)),
    ('tuple + list', lambda: (1,) + [1]),
    ('int - str', lambda: 1 - 'a'),
    ('str - str', lambda: 'a' - 'b'),
    ('str * str', lambda: 'a' * 'b'),
    ('list * float', lambda: [1] * 1.5),
    ('int ** str', lambda: 2 ** 'a'),
    ('int & float', lambda: 3 & 1.0),
    ('int // str', lambda: 3 // 'x'),
    ('int < str', lambda: 1 < 'a'),
    ('str >= int', lambda: 'a' >= 1),
    ('None < None', lambda: None < None),
    ('sum of str', lambda: sum(['a'])),
    ('sorted mixed', lambda: sorted([1, 'a'])),
    ('None[0]', lambda: NONE[0]),
    ('int[0]', lambda: FIVE[0]),
    ('len(int)', lambda: len(5)),
    ('iter(int)', lambda: iter(5)),
    ('for over int', lambda: [x for x in 5]),
    ('call int', lambda: FIVE()),
    ('call None', lambda: NONE()),
    ('tuple[float]', lambda: TUP[1.5]),
    ('list[None]', lambda: LST[None]),
    ('str item assignment', lambda: exec("s = 'abc'\ns[0] = 'x'")),
    ('tuple item assignment', lambda: exec("t = (1,)\nt[0] = 2")),
    ('undefined name', lambda: undefined_name),
    ('next(int)', lambda: next(5)),
    ('slice step 0', lambda: LST[::0]),
    ('% too few', lambda: '%d %d' % (1,)),
    ('% too many', lambda: '%s' % (1, 2)),
    ('int base 40', lambda: int('5', 40)),
    ('int base 1', lambda: int('1', 1)),
    ('range step 0', lambda: range(0, 10, 0)),
    ('heappop empty', lambda: __import__('heapq').heappop([])),
    ('bytes 300', lambda: bytes([300])),
    ('max of nothing', lambda: max([])),
    ('min of nothing', lambda: min(())),
    ('max of nothing, key', lambda: max([], key=len)),
    ('max and min of two', lambda: print(max(1, 2), min('b', 'a'), end=' ')),
]


def g():
    s = 'total: '
    s += 5


cases.append(('str += int', g))

for name, fn in cases:
    try:
        fn()
        print(name, 'no error')
    except Exception as e:
        print(name, '|', type(e).__name__, '|', e)

# float() of a text that is no number: CPython's text with the text as given
for text in ['abc', '', ' 12x ', '1.2.3', 'one', '--5', '1e', 'nan?', '3,5']:
    try:
        float(text)
        print(repr(text), 'no error')
    except ValueError as e:
        print(repr(text), '|', type(e).__name__, '|', e, '|', e.args)
# the numbers still parse; complex() and source literals keep their own errors
print(float(' 2.5 '), float('-1e3'), float('inf'), float('1_000.5'), complex('1+2j'), 1e3)
for text in ('abc', '1+', 'j1', ''):
    try:
        complex(text)
    except ValueError as e:
        print('complex |', repr(text), type(e).__name__, e)
try:
    exec('x = 1e')
except SyntaxError as e:
    print('literal |', type(e).__name__)
# int(): the whole argument quoted (spaces, sign and prefix included, non-ASCII
# characters as they are) and the base as given
for text in [' three', '-12.5', '12 apples', '  ', '', '+', '0x', '0x1g', ' -7x ', '1_000x', 'abc\n', "it's", 'né']:
    for base in (10, 16, 0):
        try:
            print(repr(text), base, int(text, base))
        except ValueError as e:
            print(repr(text), base, '|', e, '|', e.args)
print(int(' 42 '), int('-0x1f', 16), int('  +7'), int('0o17', 0))
