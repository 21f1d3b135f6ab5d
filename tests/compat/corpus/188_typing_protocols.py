from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Iterable, Protocol, TypeVar, Generic, Optional, Callable
import math

T = TypeVar("T")


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self) -> str:
        return f"{type(self).__name__} area={self.area():.2f} perimeter={self.perimeter():.2f}"


class Circle(Shape):
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return math.pi * self.r ** 2

    def perimeter(self) -> float:
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h

    def area(self) -> float:
        return self.w * self.h

    def perimeter(self) -> float:
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side: float) -> None:
        super().__init__(side, side)


class HasArea(Protocol):
    def area(self) -> float: ...


def total_area(shapes: Iterable[HasArea]) -> float:
    return sum(s.area() for s in shapes)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: list[T] = []

    def push(self, item: T) -> None:
        self._items.append(item)

    def pop(self) -> Optional[T]:
        return self._items.pop() if self._items else None

    def __repr__(self) -> str:
        return f"Stack({self._items})"


shapes: list[Shape] = [Circle(1.5), Rect(2, 3.5), Square(4)]
for s in shapes:
    print(s.describe())
print(f"total: {total_area(shapes):.3f}")
print(sorted(shapes, key=lambda s: s.area())[0].describe())
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
print(isinstance(shapes[2], Rect), issubclass(Square, Shape), [c.__name__ for c in Square.__mro__])
st: Stack[int] = Stack()
for i in range(3):
    st.push(i * 10)
print(st, st.pop(), st.pop(), st.pop(), st.pop())
apply: Callable[[int], int] = lambda x: x + 1
print(apply(41), total_area.__annotations__, Circle.area.__name__)
