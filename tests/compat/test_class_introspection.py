# Class introspection: __subclasses__(), __base__, __abstractmethods__,
# enum __members__, RecursionError.
from abc import ABC, abstractmethod
from enum import Enum


class Animal:
    pass


class Dog(Animal):
    pass


class Cat(Animal):
    pass


class Puppy(Dog):
    pass


print(Animal.__subclasses__(), Dog.__subclasses__(), Puppy.__subclasses__())
print(Puppy.__base__, Dog.__base__, Animal.__base__, object.__base__)


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...


class Half(Shape):
    def area(self):
        return 1


class Full(Half):
    def perimeter(self):
        return 2


print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Full.__abstractmethods__)


class Color(Enum):
    RED = 1
    GREEN = 2
    CRIMSON = 1


print(Color.__members__.keys(), list(Color.__members__.items())[2])
print(len(Color.__members__), "CRIMSON" in Color.__members__)


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("RecursionError caught:", str(e)[:33])
print(issubclass(RecursionError, RuntimeError))
