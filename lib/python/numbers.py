# numbers for mpbox, written from the CPython 3.11 documentation: the
# numeric tower Number > Complex > Real > Rational > Integral as abstract
# base classes, with the built-in types registered (int, bool under
# Integral; float under Real; complex under Complex), and Fraction and
# Decimal when their modules are loaded, as CPython does. isinstance(x,
# numbers.Real) works through abc's registry.
from abc import ABC, abstractmethod

__all__ = ['Number', 'Complex', 'Real', 'Rational', 'Integral']


class Number(ABC):
    __slots__ = ()
    __hash__ = None


class Complex(Number):
    __slots__ = ()

    @abstractmethod
    def __complex__(self):
        pass

    @property
    def real(self):
        raise NotImplementedError

    @property
    def imag(self):
        raise NotImplementedError

    def conjugate(self):
        raise NotImplementedError


class Real(Complex):
    __slots__ = ()

    @abstractmethod
    def __float__(self):
        pass

    def __complex__(self):
        return complex(float(self))

    @property
    def real(self):
        return +self

    @property
    def imag(self):
        return 0

    def conjugate(self):
        return +self


class Rational(Real):
    __slots__ = ()

    def __float__(self):
        return self.numerator / self.denominator


class Integral(Rational):
    __slots__ = ()

    @abstractmethod
    def __int__(self):
        pass

    def __index__(self):
        return int(self)

    def __float__(self):
        return float(int(self))

    @property
    def numerator(self):
        return +self

    @property
    def denominator(self):
        return 1


Complex.register(complex)
Real.register(float)
Integral.register(int)
Integral.register(bool)


def _register_library_types():
    import sys
    fr = sys.modules.get('fractions')
    if fr is not None:
        Rational.register(fr.Fraction)
    dec = sys.modules.get('decimal')
    if dec is not None:
        Number.register(dec.Decimal)


_register_library_types()
