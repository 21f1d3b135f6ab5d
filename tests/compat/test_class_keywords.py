# Class statement keywords: __init_subclass__ (called for every subclass,
# with the statement's keywords) and metaclass=ABCMeta.
from abc import ABCMeta, abstractmethod


class Shape:
    kinds = {}

    def __init_subclass__(cls, sides=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.sides = sides
        Shape.kinds[cls.__name__] = sides
        print("registered", cls.__name__, sides)


class Triangle(Shape, sides=3):
    pass


class Square(Shape, sides=4):
    pass


class Blob(Shape):
    pass


class Tiny(Triangle):
    pass


print(Shape.kinds, Triangle.sides, Square().sides, Blob.sides, Tiny.sides)
print(hasattr(Shape, "sides"))


class Plugin:
    registry = []

    @classmethod
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append(cls.__name__)


class A(Plugin):
    pass


class B(A):
    pass


print(Plugin.registry)
try:
    class Bad(Shape, color="red"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Bad2(Blob, nope=1):
        pass
except TypeError as e:
    print("TypeError:", type(e).__name__)


class Base(metaclass=ABCMeta):
    @abstractmethod
    def area(self):
        ...

    def describe(self):
        return "area %s" % self.area()


class Sq(Base):
    def area(self):
        return 4


try:
    Base()
except TypeError as e:
    print("TypeError:", e)
print(Sq().describe(), isinstance(Sq(), Base))
Base.register(tuple)
print(isinstance((1,), Base), issubclass(list, Base))


class Loud:
    def __init_subclass__(cls):
        print("subclass", cls.__name__, [b.__name__ for b in cls.__bases__])


class Quiet(Loud):
    pass


class Both(Quiet, Plugin):
    pass


print(Plugin.registry)
