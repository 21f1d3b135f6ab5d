# Syntax MicroPython's compiler lacks, run through the source rewriter
# (lib/python/_mpbox_rewrite.py): match statements, unpacking inside
# displays, and the f-string '=' specifier (repr by default, as CPython).
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Color:
    RED = 'red'
    GREEN = 'green'


class Box:
    __match_args__ = ('w', 'h')

    def __init__(self, w, h):
        self.w = w
        self.h = h


def classify(v):
    match v:
        case None:
            return 'none'
        case True | False as b:
            return 'bool %r' % b
        case 0 | 0.0:
            return 'zero'
        case -1:
            return 'minus one'
        case int(n) if n > 100:
            return 'big int %d' % n
        case int() | float():
            return 'number'
        case 'a' 'b':
            return 'ab'
        case str() as s if s.startswith('x'):
            return 'x-string ' + s
        case str(s):
            return 'string ' + s
        case []:
            return 'empty sequence'
        case [x]:
            return 'one %r' % (x,)
        case [1, *rest]:
            return 'starts with 1, then %r' % (rest,)
        case [*_, 'end']:
            return 'ends with end'
        case (a, b, c):
            return 'triple %r %r %r' % (a, b, c)
        case {'kind': 'user', 'id': uid, **extra}:
            return 'user %r %r' % (uid, sorted(extra))
        case {'kind': k}:
            return 'kind ' + k
        case Point(x=0, y=0):
            return 'origin'
        case Point(x=0, y=yy) | Point(x=yy, y=0):
            return 'on an axis at %d' % yy
        case Point(px, py):
            return 'point %d,%d' % (px, py)
        case Box(w, h) if w == h:
            return 'square box %d' % w
        case Box(w=width):
            return 'box of width %d' % width
        case _:
            return 'other %s' % type(v).__name__


for v in [None, True, False, 0, 0.0, -1, 5, 1000, 2.5, 'ab', 'xyz', 'hello', [], [7], (7,),
          [1, 2, 3], ['q', 'end'], (4, 5, 6), 'end', {'kind': 'user', 'id': 3, 'b': 1, 'a': 2},
          {'kind': 'admin'}, {'id': 1}, Point(0, 0), Point(0, 4), Point(5, 0), Point(2, 3),
          Box(2, 2), Box(3, 1), {1, 2}, b'ab']:
    print(type(v).__name__, '->', classify(v))


def command(text):
    match text.split():
        case ['go', ('north' | 'south' | 'east' | 'west') as d]:
            return 'going ' + d
        case ['go', _]:
            return 'unknown direction'
        case ['take', first, *others]:
            return 'take %s and %d more' % (first, len(others))
        case []:
            return 'nothing'
        case _:
            return 'what?'


for t in ['go north', 'go up', 'take a b c', 'take x', '', 'dance']:
    print(repr(t), command(t))


def colour(c):
    match c:
        case Color.RED:
            return 1
        case Color.GREEN:
            return 2
    return 0


print([colour(c) for c in ['red', 'green', 'blue']])


def nested(v):
    match v:
        case [a, b]:
            match a:
                case int():
                    kind = 'int-first'
                case _:
                    kind = 'other-first'
            return kind, b
        case _:
            return None


print(nested([1, 2]), nested(['x', 2]), nested(5))

for i in range(6):
    match i % 3:
        case 0:
            continue
        case 1:
            if i > 3:
                break
    print('loop', i)

match {'a': 1}:
    case {'a': 1, **rest}:
        print('rest', rest)

# unpacking inside displays
a = [1, 2]
b = (3,)
print([*a, *b, 4], (*a, 5), [*range(3)], (*'xy',))
base = {'x': 1, 'y': 2}
# (dict order is another matter: printed sorted here)
print(sorted({**base, 'y': 20, **{'z': 3}}.items()), sorted({'w': 0, **base}.items()))
print([[*a], sorted({**base})], [*a][::-1], sorted({*a, *b}))
first, *middle, last = [*a, *b, *a]
print(first, middle, last)
print(sorted(dict(**{**base, 'q': 9}).items()))
try:
    {**base, **[1]}
except TypeError as e:
    print('TypeError')

# the f-string '=' specifier
x = 42
name = 'mpbox'
items = [1, 2, 3]
print(f'{x=}', f'{name=}', f'{x = }', f'{name = !s}', f'{x=:>5}', f'{name=!r:>10}')
print(f'{len(items)=}', f'{items[0] + items[-1]=}', f'{x==42=}', f'{x!=1=}')
print(f"{'q'=}", f'{3.5=:.2f}', f'{x=}{x=}', f'{{x=}}', f'{x}')

# f-string fields whose expression holds what MicroPython's lexer stops at: ':' '!' '{' '}' in a
# string literal, a ':' in parentheses (walrus, lambda), and the !a conversion
import datetime
t = datetime.datetime(2024, 3, 15, 14, 30)
print(f"({t.strftime('%I:%M %p')})", f"{'a}b'}", f"{'a{b'!r:>8}", f"{('x:y')}", f'{"!r"}|{"[x]"}')
print(f"{x if x else 'n:a'}|{'é'!a}|{[1, 'é']!a:>12}|{(y := 10)}|{(lambda v: v * 2)(x)}|{y}")
print(f"{ {'k': 'a:b'}['k'] }", f"{', '.join(['a', 'b'])}", f"{x!r:>4}", f"{'%s:%s' % (1, 2):>6}")
print(f"{'ok' if x != 1 else 'no'}", f"{b'a:b'}", f'''{"a'b:c"}''', f"{x!a}")

# match: displays inside a case pattern belong to the pattern; the subject
# and the guard still get the other rewrites (dict unpacking, f-strings)
extra = {'n': 2}
for event in [{'k': [1, 2, 3]}, {'k': [4]}, {'k': 'x'}, {**extra, 'k': [5, 6]}]:
    match {**event}:
        case {'k': [first, *rest], 'n': n} if {**extra}['n'] == n:
            print('with n', first, rest, n)
        case {'k': [first, *rest]} if f"{first:>3}" != '  0':
            print('list', first, rest)
        case {'k': str() as text}:
            print('text', text)
