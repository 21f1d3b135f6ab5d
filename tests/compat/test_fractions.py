# fractions: output must be identical under CPython 3.11 and mpbox.
import math
from fractions import Fraction as F


def show(label, f, *a):
    try:
        r = f(*a)
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, 'raised', type(e).__name__, e)


for args in [(3, 4), (6, 8), (-6, 8), (6, -8), (0, 5), (5,), (-7,), (F(1, 3), F(2, 5)),
             (F(3, 4), 2), (10 ** 30, 3 * 10 ** 29), (True,), (True, 2)]:
    show('F%r' % (args,), F, *args)
for s in ['3/4', ' -12/18 ', '+5', '1.5', '-0.125', '.5', '5.', '1e3', '1.5E-3', '-2.5e+2',
          '1_000/3', '0/7', '007', '1/0', 'abc', '1/2/3', '1.5/2', '', ' ', '.', '1e', '- 1',
          '1__0', '_1', 'inf', '3/ 4', '1 /2']:
    show('F(%r)' % s, F, s)
for x in [0.5, 0.1, -2.75, 1e-10, 123456.789, 2.0 ** 70, 0.0, -0.0]:
    show('F(%r)' % x, F, x)
    show('from_float', F.from_float, x)
for bad in [float('nan'), float('inf'), [1], None, 'x']:
    show('bad', F, bad)
show('bad2', F, 1.5, 2)
show('bad3', F, 1, 0)
show('from_float int', F.from_float, 3)

a, b = F(3, 4), F(5, 6)
for op, fn in [('+', lambda x, y: x + y), ('-', lambda x, y: x - y), ('*', lambda x, y: x * y),
               ('/', lambda x, y: x / y), ('//', lambda x, y: x // y), ('%', lambda x, y: x % y),
               ('divmod', divmod), ('**', lambda x, y: x ** y)]:
    for x, y in [(a, b), (a, 2), (b, -3), (-a, b), (a, F(0)), (F(7, 2), F(-3, 4))]:
        if op == '**' and x < 0 and y.denominator != 1:
            continue  # a complex result, whose last digits differ
        show('%r %s %r' % (x, op, y), fn, x, y)
    for y in (2, -3):
        if op != 'divmod':  # divmod(int, obj) does not call __rdivmod__ here
            show('%d %s %r' % (y, op, a), fn, y, a)
print(a + 0.25, 0.25 + a, a * 2.0, a / 0.5, a ** 0.5 == 0.75 ** 0.5, 2 ** F(1, 2) == 2 ** 0.5)
print(F(1, 4) ** F(1, 2), F(4, 9) ** 2, F(2, 3) ** -2, F(-2, 3) ** -3, F(0) ** 0, 4 ** F(2), 4 ** F(-1))
show('0 ** -1', lambda: F(0) ** -1)

vals = [F(1, 2), F(-3, 4), F(5, 1), F(7, 3), F(-7, 3), F(1, 3), F(5, 2), F(-5, 2), F(0)]
for v in vals:
    print(repr(v), str(v), float(v), int(v), math.trunc(v), v.__floor__(), v.__ceil__(),
          v.__round__(), v.__round__(1), v.__round__(-1), abs(v), -v, +v, bool(v),
          v.as_integer_ratio(), v.numerator, v.denominator)
print(F(1, 3) == F(2, 6), F(1, 2) == 0.5, F(1, 3) == 1 / 3, F(2) == 2, F(1, 2) != F(1, 3))
print(F(1, 2) < F(2, 3), F(1, 2) <= 0.5, F(1, 2) > 0, F(3, 2) >= 1.5, F(1, 2) < 1, F(1, 2) > -1.0)
print(F(1, 2) < float('inf'), F(1, 2) > float('-inf'), F(1, 2) == float('nan'),
      F(1, 2) < float('nan'), F(1, 2) == 'x', F(1, 2) != 'x')
print(sorted([F(1, 2), F(1, 3), F(3, 4), F(-1, 5)]), max(vals), min(vals), sum(vals))
print(hash(F(5)) == hash(5), hash(F(1, 2)) == hash(0.5), hash(F(4, 2)) == hash(2),
      len({F(1, 2), F(2, 4), F(3, 6), F(1, 3)}), {F(2): 'two'}[2] if True else None)
pi = F(3.141592653589793)
print(pi)
for m in [1, 2, 7, 10, 100, 113, 1000, 10 ** 6]:
    print(m, pi.limit_denominator(m), F(1, 3).limit_denominator(m), F(0.1).limit_denominator(m))
print(F('3.1415926535897932').limit_denominator(1000), F(-0.333).limit_denominator(10))
show('limit 0', F(1, 3).limit_denominator, 0)
print(float(F(1, 3)), float(F(2, 3)), float(F(10 ** 40 + 1, 10 ** 20)), float(F(1, 10 ** 30)))
print(float(F(-123456789123456789, 1000)), float(F(1, 7)) * 7)
print(F(1, 3).__round__(2), F(2, 3).__round__(3), F(5, 2).__round__(0), F(-5, 2).__round__())
print(F(17, 4).__floor__(), F(-17, 4).__floor__(), F(17, 4).__ceil__(), F(-17, 4).__ceil__())
print(F(2, 3) * 3 == 2, isinstance(F(2, 3) * 3, F), type(F(1, 2) + 1.0).__name__)
total = F(0)
for i in range(1, 11):
    total += F(1, i)
print(total, float(total))
print(F(F(1, 2), F(1, 3)), F(F(3, 4)))
print([str(F(n, 12)) for n in range(-3, 14, 4)])
print('%s and %r' % (F(1, 2), F(1, 2)), '{}'.format(F(3, 9)), f'{F(5, 10)}')
print(repr(round(F(7, 3))), repr(round(F(7, 3), 2)), repr(round(F(5, 2))), repr(round(F(-7, 2))),
      repr(round(F(12345, 7), -2)), repr(round(2.675, 1)), repr(round(7)), repr(round(-2.5)))
print(math.floor(F(7, 2)), math.ceil(F(7, 2)), math.floor(F(-7, 2)), math.trunc(F(-7, 2)),
      math.floor(F(10 ** 30 + 1, 10)))
