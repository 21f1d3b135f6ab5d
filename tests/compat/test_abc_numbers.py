# abc and numbers: abstract methods block instantiation with CPython's
# message; register() makes virtual subclasses; the numeric tower.
from abc import ABC, abstractmethod
import numbers
from fractions import Fraction
from decimal import Decimal


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())


class Half(Shape):
    def area(self):
        return 1


class Square(Half):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def perimeter(self):
        return 4 * self.s


for cls in [Shape, Half]:
    try:
        cls()
    except TypeError as e:
        print('TypeError:', e)
sq = Square(3)
print(sq.area(), sq.perimeter(), sq.describe(), isinstance(sq, Shape), issubclass(Square, ABC))


class Duck:
    def quack(self):
        return 'quack'


class Quacker(ABC):
    pass


Quacker.register(Duck)
print(isinstance(Duck(), Quacker), issubclass(Duck, Quacker), isinstance(3, Quacker))
print(isinstance(3, (str, Quacker)), isinstance('s', (str, Quacker)))
for v in [3, True, 2.5, 1j, Fraction(1, 3), Decimal('1.1'), 'x', None]:
    print(repr(v), [isinstance(v, c) for c in (numbers.Number, numbers.Complex, numbers.Real,
                                               numbers.Rational, numbers.Integral)])
print(issubclass(int, numbers.Integral), issubclass(float, numbers.Rational),
      issubclass(bool, numbers.Number))
