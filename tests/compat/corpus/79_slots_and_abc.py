# __slots__ and abstract base classes.
from abc import ABC, abstractmethod

class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
try:
    p.z = 3
except AttributeError as exc:
    print("AttributeError")
print(p.x, p.y)

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

try:
    Shape()
except TypeError as exc:
    print("TypeError:", exc)
print(Square(3).area(), isinstance(Square(1), Shape))
class Bad(Shape):
    pass
try:
    Bad()
except TypeError as exc:
    print("TypeError:", exc)
