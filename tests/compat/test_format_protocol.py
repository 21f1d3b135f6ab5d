# Format specs call __format__ (dates, the program's own classes), as in
# CPython: str.format and f-strings with an argument of a class defined in
# Python go to lib/python/_mpbox_types.py (routed by guest/numfmt.c).
import datetime
from enum import Enum, IntEnum

d = datetime.date(2024, 3, 5)
dt = datetime.datetime(2024, 12, 31, 23, 59, 7)
print(f'{d:%b %d, %Y}', '{:%Y-%m-%d}'.format(d), f'{d}', f'{d!r}', f'{dt:%H:%M:%S on %A}', f'{dt}')
print('Report for {:%B %Y}: {} items'.format(dt, 3), f'[{d:>12}]' if False else '')
print('{0:%d/%m} to {1:%d/%m/%y}'.format(d, dt), '{start:%Y} {end:%j}'.format(start=d, end=dt))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        text = '$%d.%02d' % divmod(self.cents, 100)
        return format(text, spec) if spec else text

    def __str__(self):
        return 'Money(%d)' % self.cents


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)


class Celsius(float):
    pass


class Count(int):
    pass


class Color(Enum):
    RED = 1


class Level(IntEnum):
    HIGH = 3


m = Money(123456)
p = Point(1.5, -2)
print(f'{m}|{m:>12}|{m:*<12}|{m!s}')
print(f'{p}', f'{p!r}', f'{p.x:.3f}', '{0.x}-{0.y}'.format(p), '{p.x:>6.2f}'.format(p=p))
print(f'{Celsius(21.456):.1f}', f'{Count(1234567):,}', f'{Celsius(1.5)}', '{:>6}'.format(Count(42)))
print(f'{Color.RED}', f'{Level.HIGH}', f'{Level.HIGH:>4}', '{}'.format(Color.RED))
data = {'name': 'Ann', 'scores': [90, 85]}
print('{0[name]} scored {0[scores][1]}'.format(data, m), '{d[name]!r:>8} {m}'.format(d=data, m=m))
width, prec = 12, 3
print(f'{m:>{width}}', '{:{}.{}f}'.format(Celsius(3.14159), width, prec), '{0:{1}}'.format(m, '^14'))
print('{} {} {}'.format(m, 1, 'x'), '{2} {1} {0}'.format(m, 2.5, 'z'), '{{literal}} {}'.format(m))
print(format(m, '>10'), format(d, '%d.%m.%Y'), format(p), format(Count(5), '03d'), format(Celsius(2.5), '.2e'))
print('{name}: {when:%Y-%m-%d}'.format_map({'name': 'launch', 'when': d}))
for bad in (lambda: f'{p:>10}', lambda: '{:d}'.format(p), lambda: format(p, 'x'),
            lambda: '{0}{}'.format(m, 1), lambda: '{}{0}'.format(m, 1), lambda: '{5}'.format(m),
            lambda: '{x}'.format(m), lambda: '{'.format(m), lambda: '}'.format(m)):
    try:
        print(bad())
    except (TypeError, ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e.args)

# a ledger, as agents write it
rows = [(datetime.date(2024, 1, 15), 'Coffee', Money(450)), (datetime.date(2024, 2, 1), 'Rent', Money(120000))]
for when, what, amount in rows:
    print(f'{when:%Y-%m-%d} {what:<10} {amount:>12}')
