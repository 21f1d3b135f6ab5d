# Tuple subclasses (namedtuple's classes among them) as the right operand
# of tuple + and str %, namedtuple instances refusing attributes, and
# classes made by type(name, bases, namespace) (guest/compat's operand and
# type doors, host/compat.c).
from collections import OrderedDict, namedtuple


class Pair(tuple):
    pass


p = Pair((1, 2))
print(p + p, (0,) + p, p + (3,), (0,) + p + p)
t = (9,)
t += p
print(t, type(t).__name__)
print('%d-%d' % p, '%s and %s' % p, b'%d:%d' % p)
print('%d' % 5, '%s' % 'x', 'a' + 'b', [1] + [2], (1,) + (2,))

Point = namedtuple('Point', 'x y')
q = Point(3, 4)
print(q + q, (0,) + q, q + (5,), '(%d, %d)' % q, '%r' % (q,))
print(q == (3, 4), (3, 4) == q, q * 2, len(q + q))
for name in ('x', 'z'):
    try:
        setattr(q, name, 1)
    except AttributeError as e:
        print('AttributeError:', e)


class Named(Point):
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


n = Named(6, 8)
n.label = 'free'  # a subclass without __slots__ has a __dict__
print(n.norm(), n.label, n + n, '%d/%d' % n)


class Other:
    def __radd__(self, other):
        return 'radd ' + repr(other)


print((1, 2) + Other())

A = type('A', (), {'a': 1, 'f': lambda self: 2})
print(A, A.__module__, A.a, A().f())
B = type('B', (A,), OrderedDict([('z', 1), ('b', 2), ('c', 3)]))
print(B, [k for k in B.__dict__ if not k.startswith('_')], B().f())
C = type('C', (), {'__module__': 'shapes', 'k': 0})
print(C, C.__module__)
for args in (('X', [], {}), (1, (), {}), ('X', (), [])):
    try:
        type(*args)
    except TypeError as e:
        print('TypeError:', e)
print(type(5), type('s') is str)
