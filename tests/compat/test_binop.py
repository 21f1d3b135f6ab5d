# Operators no type answers (guest/binop, lib/python/_mpbox_binop.py):
# reflected comparisons, CPython's comparison error, bytearray/array
# repetition. Output must be identical under CPython 3.11 and mpbox.
import array
import functools


def t(f):
    try:
        print(repr(f()))
    except TypeError as e:
        print('TypeError:', e)


class OnlyLt:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        print('OnlyLt.__lt__', type(o).__name__)
        return self.v < o.v


class OnlyGt:
    def __init__(self, v):
        self.v = v

    def __gt__(self, o):
        print('OnlyGt.__gt__', type(o).__name__)
        return self.v > o.v

    def __le__(self, o):
        return NotImplemented


class Plain:
    pass


class Never:
    def __lt__(self, o):
        return NotImplemented


class Ge:
    def __ge__(self, o):
        return 'Ge.__ge__'

    def __le__(self, o):
        return 'Ge.__le__'


a, b = OnlyLt(1), OnlyGt(2)
t(lambda: a < b)          # a.__lt__
t(lambda: b > a)          # b.__gt__
t(lambda: b < a)          # neither: b.__lt__, a.__gt__ missing
t(lambda: a > b)
t(lambda: b <= a)         # b.__le__ is NotImplemented, a.__ge__ missing
t(lambda: Plain() < Plain())
t(lambda: Plain() <= 3)
t(lambda: 3 >= Plain())
t(lambda: 'x' < 3)
t(lambda: [1] < (1,))
t(lambda: None < 1)
t(lambda: 1.5 > 'a')
t(lambda: Never() < Never())
t(lambda: 3 <= Ge())      # int cannot: Ge.__ge__ reflected
t(lambda: 3 >= Ge())
t(lambda: Plain() <= Ge())
t(lambda: Ge() <= Plain())
print(max([OnlyLt(1), OnlyLt(3), OnlyLt(2)]).v)   # max compares with >
print(min([OnlyGt(1), OnlyGt(3), OnlyGt(2)]).v)   # min compares with <


@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v


@functools.total_ordering
class W:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __gt__(self, o):
        return self.v > o.v


print(V(1) < V(2), V(1) > V(2), V(1) <= V(1), V(2) >= V(1))
print(V(1) < W(2), W(1) < V(2), V(3) >= W(2), W(3) <= V(2), W(1) > V(0))
print([x.v for x in sorted([W(3), V(1), W(2), V(0)])])


class Shape:
    def area(self):
        return 0

    def __lt__(self, other):
        return self.area() < other.area()


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Circ(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3 * self.r * self.r


shapes = [Sq(2), Circ(1), Sq(1)]
print([type(s).__name__ for s in sorted(shapes, reverse=True)])
print(type(max(shapes)).__name__, min(shapes).area(), Sq(3) > Circ(1))

# repetition
t(lambda: bytearray(b'ab') * 3)
t(lambda: 3 * bytearray(b'ab'))
t(lambda: bytearray(2) * 0)
t(lambda: bytearray(b'x') * -1)
t(lambda: bytearray(b'xy') * True)
t(lambda: b'ab' * 3)
t(lambda: array.array('i', [1, 2]) * 2)
t(lambda: 2 * array.array('d', [0.5]))
t(lambda: array.array('b') * 5)
ba = bytearray(b'ab')
alias = ba
ba *= 3
print(ba, alias, ba is alias)
ba *= 0
print(ba, alias)
arr = array.array('h', [7])
alias = arr
arr *= 3
print(arr, arr is alias)


class Index:
    def __index__(self):
        return 2


t(lambda: b'ab' * Index())
t(lambda: bytearray(b'ab') * Index())
t(lambda: [1] * Index())
t(lambda: Index() * 's')
t(lambda: (1,) * Index())
lst = [1, 2]
alias = lst
lst *= Index()
print(lst, lst is alias)
t(lambda: b'ab' * 2.0)
t(lambda: bytearray(b'ab') * 2.0)
t(lambda: bytearray(b'ab') * 'x')
t(lambda: [1] * 1.5)
t(lambda: 'ab' * 'cd')
t(lambda: (1,) * Plain())
# sieve, as agents write it
n = 50
sieve = bytearray([1]) * (n + 1)
sieve[0] = sieve[1] = 0
for i in range(2, int(n ** 0.5) + 1):
    if sieve[i]:
        sieve[i * i::i] = bytearray(len(range(i * i, n + 1, i)))
print([i for i in range(n + 1) if sieve[i]])
