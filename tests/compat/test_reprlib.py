# reprlib: abbreviated reprs of containers, strings, ints, nesting levels,
# custom limits, a subclass's repr_<type>, recursive_repr.
import reprlib
from collections import deque

r = reprlib.repr
print(r(list(range(100))), r(tuple(range(3))), r((1,)), r(tuple(range(10))), r([]), r(()))
print(r(set(range(20))), r(frozenset('abcdefghij')), r(set()), r(frozenset()), r({3, 1, 2}))
print(r({i: str(i) for i in range(10)}), r({}), r({'b': 1, 'a': 2}), r({1: 'x', 'k': 2}))
print(r('x' * 100), r('short'), r("it's " * 20), r('é' * 50), r(''))
print(r(2 ** 200), r(12345), r(-10 ** 50), r(3.14), r(None), r(b'b' * 80))
print(r([[[[[[[[1]]]]]]]]), r({'a': {'b': {'c': {'d': {'e': {'f': {'g': 1}}}}}}}))
print(r(deque(range(20))), r([set(), {1: [1, 2, 3, 4, 5, 6, 7]}]))
print(r({1, 'a', 2.5}))


class Big:
    def __repr__(self):
        return '<Big ' + 'z' * 60 + '>'


class Broken:
    def __repr__(self):
        raise ValueError('no')


print(r(Big()), r([Big()]), r(Broken()).startswith('<Broken instance at 0x'))
a = reprlib.Repr()
a.maxlist = 2
a.maxstring = 10
a.maxlevel = 1
a.fillvalue = '[...]'
print(a.repr(list(range(5))), a.repr('abcdefghijklmnop'), a.repr([[1, 2], [3]]), a.repr({'k': [1]}))


class MyRepr(reprlib.Repr):
    def repr_str(self, x, level):
        return 'S(%d)' % len(x)


print(MyRepr().repr(['ab', 'cde', ('f',)]))


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []

    @reprlib.recursive_repr()
    def __repr__(self):
        return 'Node(%s, %r)' % (self.name, self.children)


n = Node('root')
n.children.append(n)
n.children.append(Node('leaf'))
print(repr(n), Node.__repr__.__name__)


class L(list):
    @reprlib.recursive_repr('<loop>')
    def __repr__(self):
        return 'L' + repr(list(self)) if False else 'L[' + ', '.join(repr(x) for x in self) + ']'


x = L([1])
x.append(x)
print(repr(x))
