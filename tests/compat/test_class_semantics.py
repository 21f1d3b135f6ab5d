# Class semantics as CPython has them: ABCs with their own __subclasshook__,
# class-form NamedTuple/TypedDict (evaluated annotations, NamedTuple
# instances that take no attributes), and __doc__ None for a class without
# a docstring in a program that reads docstrings.
from abc import ABC, abstractmethod
from typing import NamedTuple, TypedDict, Optional, List
from collections import namedtuple


class Sized(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if hasattr(C, "__len__"):
            return True
        return NotImplemented


class Closeable(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, "close") or NotImplemented


class Bag:
    def __len__(self):
        return 0


class File:
    def close(self):
        pass


print(isinstance([], Sized), isinstance(3, Sized), isinstance(Bag(), Sized))
print(issubclass(dict, Sized), issubclass(int, Sized), issubclass(Bag, (int, Sized)))
print(isinstance(File(), Closeable), isinstance(Bag(), Closeable), issubclass(File, Closeable))
print(isinstance(File(), (Sized, Closeable)), isinstance(1.5, (Sized, Closeable)))


class Base(ABC):
    @abstractmethod
    def run(self):
        ...


class Impl(Base):
    def run(self):
        return "ran"


print(isinstance(Impl(), Base), isinstance(Impl(), Sized), Impl().run())


class Point(NamedTuple):
    x: float
    y: float = 0.0
    tags: List[str] = []


p = Point(1.5)
print(p, Point.__annotations__)
for name in ("x", "z"):
    try:
        setattr(p, name, 5)
    except AttributeError as e:
        print("AttributeError:", e)
print(p._replace(y=2), p._asdict())


class Pair(namedtuple("Pair", "a b")):
    pass


q = Pair(1, 2)
q.extra = 3  # a subclass without __slots__ has a __dict__
print(q, q.extra)


class Movie(TypedDict, total=False):
    title: str
    year: int
    rating: Optional[float]


class Sequel(Movie):
    part: int


print(Movie.__annotations__)
print(Sequel.__annotations__)
print(sorted(Sequel.__optional_keys__), sorted(Sequel.__required_keys__))


class Documented:
    """Has a docstring."""


class Undocumented(Documented):
    def method(self):
        pass


class Error(Exception):
    """Base error."""


class SubError(Error):
    def __init__(self, msg):
        super().__init__(msg)


print(Documented.__doc__, Undocumented.__doc__, Error.__doc__, SubError.__doc__)
print(SubError("x").__doc__, Undocumented().__doc__)
