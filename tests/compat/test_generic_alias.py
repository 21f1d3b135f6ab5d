# Subscripting classes at run time: list[int] and friends as type aliases,
# a class's __class_getitem__, typing.Generic subclasses
# (guest/typesubscr, lib/python/_mpbox_generic.py).
import collections
from typing import Generic, TypeVar

Vector = list[float]
Matrix = list[list[float]]
Config = dict[str, list[float]]
print(Vector, Matrix, Config, tuple[int, ...], tuple[()], set[str], frozenset[int], type[int])
print(collections.deque[int], collections.defaultdict[str, list], collections.OrderedDict[str, int])


class Node:
    pass


print(type[Node], list[Node], dict[str, Node])
v = Vector([1.0, 2.5])
print(v, type(v), Vector.__origin__, Vector.__args__, Config.__args__)
print(Config(a=[1.0]), tuple[int, int]((1, 2)))
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]))
print({list[int]: 'x'}[list[int]])


def scale(v: Vector, k: float) -> Vector:
    return [x * k for x in v]


print(scale(Vector([1.0, 2.0]), 3))

T = TypeVar('T')


class Stack(Generic[T]):
    def __init__(self):
        self.items = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s = Stack[int]()
s.push(1)
s.push(2)
print(type(s).__name__, s.pop(), s.items, isinstance(s, Stack))


class Box:
    def __class_getitem__(cls, item):
        return 'Box of ' + item.__name__


class Registry:
    @classmethod
    def __class_getitem__(cls, key):
        return (cls.__name__, key)


class SubBox(Box):
    pass


print(Box[int], SubBox[str], Registry['x'])

for bad in ('Node[int]', '(5)[0]', 'None[0]'):
    try:
        eval(bad)
    except TypeError as e:
        print('TypeError', 'not subscriptable' in str(e))

try:
    isinstance([], list[int])
except TypeError:
    print('isinstance refuses list[int]')
