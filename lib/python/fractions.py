# fractions for mpbox: CPython's Fraction, written for MicroPython.
# Importing this module makes round() call __round__ (MicroPython's round()
# converts to float); math.floor/ceil/trunc call __floor__/__ceil__/__trunc__
# through lib/python/math.py. Limits of this build: divmod(int, Fraction) does
# not call __rdivmod__, and `int < Fraction` style comparisons with the int on
# the left fail (no reflected comparisons); Fraction on the left works.
import math
import _numeric

_numeric.install_round()

__all__ = ['Fraction']

_gcd = _numeric.gcd


def _is_int(x):
    return type(x) is int or type(x) is bool


def _parse(s):
    # '[sign] digits [/ digits]' or a decimal like '-1.5e3'; underscores
    # allowed between digits; returns (numerator, denominator) or None
    t = s.strip()
    sign = 1
    if t and t[0] in '+-':
        if t[0] == '-':
            sign = -1
        t = t[1:]

    def digits(u):
        if not u or u[0] == '_' or u[-1] == '_' or '__' in u:
            return None
        u = u.replace('_', '')
        return int(u) if u.isdigit() else None

    if '/' in t:
        a, b = t.split('/', 1)
        n, d = digits(a), digits(b)
        if n is None or d is None:
            return None
        return sign * n, d
    exp = 0
    low = t.lower()
    if 'e' in low:
        k = low.index('e')
        t, e = t[:k], low[k + 1:]
        es = 1
        if e and e[0] in '+-':
            es = -1 if e[0] == '-' else 1
            e = e[1:]
        ev = digits(e)
        if ev is None:
            return None
        exp = es * ev
    if '.' in t:
        a, b = t.split('.', 1)
        if not a and not b:
            return None
        n = digits(a) if a else 0
        f = digits(b) if b else 0
        if n is None or f is None:
            return None
        b = b.replace('_', '')
        n = n * 10 ** len(b) + f
        exp -= len(b)
    else:
        n = digits(t)
        if n is None:
            return None
    n *= sign
    if exp >= 0:
        return n * 10 ** exp, 1
    return n, 10 ** -exp


class Fraction:
    __slots__ = ('_numerator', '_denominator')
    _is_fraction = True

    def __init__(self, numerator=0, denominator=None, *, _normalize=True):
        if denominator is None:
            if _is_int(numerator):
                n, d = int(numerator), 1
            elif isinstance(numerator, Fraction):
                n, d = numerator._numerator, numerator._denominator
            elif isinstance(numerator, float):
                if numerator != numerator:
                    raise ValueError('cannot convert NaN to integer ratio')
                if numerator in (math.inf, -math.inf):
                    raise OverflowError('cannot convert Infinity to integer ratio')
                n, d = _numeric.float_ratio(numerator)
            elif isinstance(numerator, str):
                r = _parse(numerator)
                if r is None:
                    raise ValueError('Invalid literal for Fraction: %r' % (numerator,))
                n, d = r
                if d == 0:
                    raise ZeroDivisionError('Fraction(%s, 0)' % n)
                g = _gcd(n, d)
                n, d = n // g, d // g
            elif hasattr(numerator, 'as_integer_ratio'):
                n, d = numerator.as_integer_ratio()
            elif hasattr(numerator, 'numerator') and hasattr(numerator, 'denominator'):
                n, d = numerator.numerator, numerator.denominator
            else:
                raise TypeError('argument should be a string or a Rational instance')
            self._numerator, self._denominator = n, d
            return
        if _is_int(numerator) and _is_int(denominator):
            n, d = int(numerator), int(denominator)
        elif (isinstance(numerator, (int, bool, Fraction))
              and isinstance(denominator, (int, bool, Fraction))):
            a, b = Fraction(numerator), Fraction(denominator)
            n, d = a._numerator * b._denominator, b._numerator * a._denominator
        else:
            raise TypeError('both arguments should be Rational instances')
        if d == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % n)
        if _normalize:
            g = _gcd(n, d)
            if d < 0:
                g = -g
            n, d = n // g, d // g
        self._numerator, self._denominator = n, d

    @classmethod
    def _new(cls, n, d):
        # n/d already in lowest terms with d > 0
        f = object.__new__(cls)
        f._numerator, f._denominator = n, d
        return f

    @classmethod
    def from_float(cls, f):
        if _is_int(f):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)'
                            % (cls.__name__, f, type(f).__name__))
        return cls(f)

    @classmethod
    def from_decimal(cls, dec):
        if _is_int(dec):
            return cls(dec)
        return cls(*dec.as_integer_ratio())

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        low = Fraction(p0 + k * p1, q0 + k * q1)
        high = Fraction(p1, q1)
        if abs(high - self) <= abs(low - self):
            return high
        return low

    def __repr__(self):
        return 'Fraction(%d, %d)' % (self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%d/%d' % (self._numerator, self._denominator)

    # arithmetic: other is int, Fraction, float or complex
    def _coerce(self, other):
        if isinstance(other, Fraction):
            return other
        if _is_int(other):
            return Fraction._new(int(other), 1)
        return None

    def _make(self, n, d):
        g = _gcd(n, d)
        if d < 0:
            g = -g
        return Fraction._new(n // g, d // g)

    def __add__(self, other):
        o = self._coerce(other)
        if o is not None:
            return self._make(self._numerator * o._denominator + o._numerator * self._denominator,
                              self._denominator * o._denominator)
        if isinstance(other, (float, complex)):
            return float(self) + other
        return NotImplemented

    def __radd__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o + self
        if isinstance(other, (float, complex)):
            return other + float(self)
        return NotImplemented

    def __sub__(self, other):
        o = self._coerce(other)
        if o is not None:
            return self._make(self._numerator * o._denominator - o._numerator * self._denominator,
                              self._denominator * o._denominator)
        if isinstance(other, (float, complex)):
            return float(self) - other
        return NotImplemented

    def __rsub__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o - self
        if isinstance(other, (float, complex)):
            return other - float(self)
        return NotImplemented

    def __mul__(self, other):
        o = self._coerce(other)
        if o is not None:
            return self._make(self._numerator * o._numerator, self._denominator * o._denominator)
        if isinstance(other, (float, complex)):
            return float(self) * other
        return NotImplemented

    def __rmul__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o * self
        if isinstance(other, (float, complex)):
            return other * float(self)
        return NotImplemented

    def __truediv__(self, other):
        o = self._coerce(other)
        if o is not None:
            if o._numerator == 0:
                n = self._numerator
                raise ZeroDivisionError('Fraction(%d, 0)' % ((n > 0) - (n < 0)))
            return self._make(self._numerator * o._denominator, self._denominator * o._numerator)
        if isinstance(other, (float, complex)):
            return float(self) / other
        return NotImplemented

    def __rtruediv__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o / self
        if isinstance(other, (float, complex)):
            return other / float(self)
        return NotImplemented

    def __floordiv__(self, other):
        o = self._coerce(other)
        if o is not None:
            if o._numerator == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return (self._numerator * o._denominator) // (self._denominator * o._numerator)
        if isinstance(other, float):
            return float(self) // other
        return NotImplemented

    def __rfloordiv__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o // self
        if isinstance(other, float):
            return other // float(self)
        return NotImplemented

    def __mod__(self, other):
        o = self._coerce(other)
        if o is not None:
            if o._numerator == 0:
                raise ZeroDivisionError('integer modulo by zero')
            d = self._denominator * o._denominator
            return self._make((self._numerator * o._denominator) % (o._numerator * self._denominator), d)
        if isinstance(other, float):
            return float(self) % other
        return NotImplemented

    def __rmod__(self, other):
        o = self._coerce(other)
        if o is not None:
            return o % self
        if isinstance(other, float):
            return other % float(self)
        return NotImplemented

    def __divmod__(self, other):
        o = self._coerce(other)
        if o is not None:
            if o._numerator == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return (self // o, self % o)
        if isinstance(other, float):
            return divmod(float(self), other)
        return NotImplemented

    def __rdivmod__(self, other):
        o = self._coerce(other)
        if o is not None:
            return divmod(o, self)
        if isinstance(other, float):
            return divmod(other, float(self))
        return NotImplemented

    def __pow__(self, other):
        o = self._coerce(other)
        if o is not None and o._denominator == 1:
            p = o._numerator
            if p >= 0:
                return Fraction._new(self._numerator ** p, self._denominator ** p)
            if self._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (self._denominator ** -p))
            if self._numerator > 0:
                return Fraction._new(self._denominator ** -p, self._numerator ** -p)
            return Fraction._new((-self._denominator) ** -p, (-self._numerator) ** -p)
        if o is not None:
            return float(self) ** float(o)
        if isinstance(other, (float, complex)):
            return float(self) ** other
        return NotImplemented

    def __rpow__(self, other):
        if self._denominator == 1 and self._numerator >= 0:
            return other ** self._numerator
        o = self._coerce(other)
        if o is not None:
            return o ** self
        if self._denominator == 1:
            return other ** self._numerator
        return other ** float(self)

    def __pos__(self):
        return Fraction._new(self._numerator, self._denominator)

    def __neg__(self):
        return Fraction._new(-self._numerator, self._denominator)

    def __abs__(self):
        return Fraction._new(abs(self._numerator), self._denominator)

    def __int__(self):
        n, d = self._numerator, self._denominator
        return -(-n // d) if n < 0 else n // d

    __trunc__ = __int__

    def __index__(self):
        raise TypeError("'Fraction' object cannot be interpreted as an integer")

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            d = self._denominator
            q, r = divmod(self._numerator, d)
            if r * 2 < d:
                return q
            if r * 2 > d:
                return q + 1
            return q if q % 2 == 0 else q + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(Fraction(self * shift).__round__(), shift)
        return Fraction(Fraction(self / shift).__round__() * shift)

    def __float__(self):
        return _numeric.to_float(self._numerator, self._denominator)

    def __bool__(self):
        return self._numerator != 0

    def __hash__(self):
        if self._denominator == 1:
            return hash(self._numerator)
        f = float(self)
        if Fraction(f) == self:
            return hash(f)
        return hash((self._numerator, self._denominator))

    def _cmp(self, other):
        # -1, 0, 1, or None when not comparable (nan) / NotImplemented
        o = self._coerce(other)
        if o is None:
            if isinstance(other, float):
                if other != other:
                    return None
                if other in (math.inf, -math.inf):
                    return -1 if other > 0 else 1
                o = Fraction(other)
            else:
                return NotImplemented
        a = self._numerator * o._denominator
        b = o._numerator * self._denominator
        return (a > b) - (a < b)

    def __eq__(self, other):
        if isinstance(other, complex):
            return other.imag == 0 and self == other.real
        c = self._cmp(other)
        if c is NotImplemented:
            return NotImplemented
        return c == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        c = self._cmp(other)
        return c if c is NotImplemented else (c is not None and c < 0)

    def __le__(self, other):
        c = self._cmp(other)
        return c if c is NotImplemented else (c is not None and c <= 0)

    def __gt__(self, other):
        c = self._cmp(other)
        return c if c is NotImplemented else (c is not None and c > 0)

    def __ge__(self, other):
        c = self._cmp(other)
        return c if c is NotImplemented else (c is not None and c >= 0)

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _register_with_numbers():
    # numbers.Rational counts Fraction (whichever module is imported first)
    import sys
    numbers = sys.modules.get('numbers')
    if numbers is not None:
        numbers.Rational.register(Fraction)


_register_with_numbers()
