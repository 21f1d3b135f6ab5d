# math for mpbox: MicroPython's C math module plus the CPython 3.11 functions
# it lacks (gcd, lcm, isqrt, comb, perm, prod, hypot, fsum, dist, log1p, cbrt,
# exp2, remainder, nextafter, ulp) and CPython's behaviour where the C module
# differs: floor/ceil/trunc exact for ints and honouring __floor__/__ceil__/
# __trunc__, log of ints too large for a float, OverflowError for results out
# of range, CPython's error messages. Written for mpbox from the Python docs.
# math is a non-extensible built-in: this file is loaded into sys.modules['math']
# when the start-up image is built (lib/python/_preload.txt).
import sys
import struct as _struct

_me = sys.modules.pop('math', None)
import math as _m  # the C module: a built-in wins over files of its name
if _me is not None:
    sys.modules['math'] = _me
del _me

for _k in dir(_m):
    if not _k.startswith('_'):
        globals()[_k] = getattr(_m, _k)
del _k

_inf = float('inf')
_nan = float('nan')


def _index(x, what=None):
    if isinstance(x, int):
        return int(x)
    f = getattr(type(x), '__index__', None)
    if f is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    return f(x)


def _real(x):
    if isinstance(x, float):
        return x
    if isinstance(x, int):
        return float(x)
    f = getattr(type(x), '__float__', None)
    if f is None:
        f = getattr(type(x), '__index__', None)
        if f is None:
            raise TypeError('must be real number, not ' + type(x).__name__)
        return float(f(x))
    return f(x)


def _rounder(name, cfun):
    dunder = '__' + name + '__'

    def r(x):
        t = type(x)
        if t is int or t is bool:
            return int(x)
        if t is not float:
            f = getattr(t, dunder, None)
            if f is not None:
                return f(x)
            if isinstance(x, int):
                return int(x)
            x = _real(x)
        if x != x:
            raise ValueError('cannot convert float NaN to integer')
        if x == _inf or x == -_inf:
            raise OverflowError('cannot convert float infinity to integer')
        return cfun(x)
    return r


floor = _rounder('floor', _m.floor)
ceil = _rounder('ceil', _m.ceil)
trunc = _rounder('trunc', _m.trunc)


def _bitlen(n):
    # n > 0
    return n.bit_length()


def _int_log(fun, x):
    # fun(x) for an int x: converted with one correct rounding (MicroPython's
    # int-to-float conversion of big ints may be off by an ulp); an int too
    # large for a float goes as mantissa and binary exponent, as in CPython.
    if x > 0:
        e = _bitlen(x)
        if e > 64:
            m = x >> (e - 64)
            if x & ((1 << (e - 64)) - 1):
                m |= 1  # sticky bit for the rounding
            m = float(m) / 18446744073709551616.0
            if m == 1.0:
                m = 0.5
                e += 1
            if e > 1024:
                return fun(m) + fun(2.0) * e
            return fun(_m.ldexp(m, e))
    return fun(float(x))


def _logfun(cfun):
    def f(x):
        if isinstance(x, int):
            return _int_log(cfun, int(x))
        return cfun(_real(x))
    return f


_ln = _logfun(_m.log)
log2 = _logfun(_m.log2)
log10 = _logfun(_m.log10)


def log(x, base=None):
    r = _ln(x)
    if base is None:
        return r
    d = _ln(base)
    if d == 0:
        raise ZeroDivisionError('float division by zero')
    return r / d


def _overflow_only(cfun):
    # exp, expm1, cosh, sinh: the C module reports overflow as a domain error
    def f(x):
        x = _real(x)
        try:
            return cfun(x)
        except ValueError:
            raise OverflowError('math range error') from None
    return f


exp = _overflow_only(_m.exp)
expm1 = _overflow_only(_m.expm1)
cosh = _overflow_only(_m.cosh)
sinh = _overflow_only(_m.sinh)


def pow(x, y):
    x = _real(x)
    y = _real(y)
    try:
        return _m.pow(x, y)
    except ValueError:
        if x == 0 or (x < 0 and y != _m.floor(y)) or x != x or y != y:
            raise
        raise OverflowError('math range error') from None


def exp2(x):
    return pow(2.0, x)


def ldexp(x, i):
    r = _m.ldexp(_real(x), _index(i))
    if (r == _inf or r == -_inf) and isfinite(x):
        raise OverflowError('math range error')
    return r


def gamma(x):
    x = _real(x)
    try:
        return _m.gamma(x)
    except ValueError:
        if x > 0:
            raise OverflowError('math range error') from None
        raise


def factorial(n):
    if isinstance(n, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    n = _index(n)
    if n < 0:
        raise ValueError('factorial() not defined for negative values')
    return _m.factorial(n)


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError('tolerances must be non-negative')
    return _m.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def gcd(*integers):
    g = 0
    for x in integers:
        x = abs(_index(x))
        while x:
            g, x = x, g % x
    return g


def lcm(*integers):
    r = 1
    for x in integers:
        x = abs(_index(x))
        if x == 0 or r == 0:
            r = 0
        else:
            r = r // gcd(r, x) * x
    return r


def isqrt(n):
    n = _index(n)
    if n < 0:
        raise ValueError('isqrt() argument must be nonnegative')
    if n == 0:
        return 0
    x = 1 << ((_bitlen(n) + 1) // 2)  # >= sqrt(n)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def comb(n, k):
    n = _index(n)
    k = _index(k)
    if n < 0:
        raise ValueError('n must be a non-negative integer')
    if k < 0:
        raise ValueError('k must be a non-negative integer')
    if k > n:
        return 0
    k = min(k, n - k)
    r = 1
    for i in range(1, k + 1):
        r = r * (n - k + i) // i
    return r


def perm(n, k=None):
    n = _index(n)
    if k is None:
        if n < 0:
            raise ValueError('n must be a non-negative integer')
        return _m.factorial(n)
    k = _index(k)
    if n < 0:
        raise ValueError('n must be a non-negative integer')
    if k < 0:
        raise ValueError('k must be a non-negative integer')
    if k > n:
        return 0
    r = 1
    for i in range(n - k + 1, n + 1):
        r *= i
    return r


def prod(iterable, *, start=1):
    r = start
    for x in iterable:
        r = r * x
    return r


def fsum(iterable):
    # Shewchuk's exact summation: partials hold the running sum as
    # non-overlapping doubles; rounded once at the end (half to even).
    partials = []
    special = 0.0
    inf_sum = 0.0
    for x in iterable:
        x = _real(x)
        xsave = x
        i = 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo != 0.0:
                partials[i] = lo
                i += 1
            x = hi
        del partials[i:]
        if x != 0.0 and not isfinite(x):
            if isfinite(xsave):
                raise OverflowError('intermediate overflow in fsum')
            if isinf(xsave):
                inf_sum += xsave
            special += xsave
            partials = []
        else:
            partials.append(x)
    if special != 0.0:
        if inf_sum != inf_sum:
            raise ValueError('-inf + inf in fsum')
        return special
    n = len(partials)
    hi = 0.0
    if n:
        n -= 1
        hi = partials[n]
        lo = 0.0
        while n > 0:
            x = hi
            n -= 1
            y = partials[n]
            hi = x + y
            lo = y - (hi - x)
            if lo != 0.0:
                break
        if n > 0 and ((lo < 0.0 and partials[n - 1] < 0.0) or (lo > 0.0 and partials[n - 1] > 0.0)):
            y = lo * 2.0
            x = hi + y
            if y == x - hi:
                hi = x
    return hi


def _split(a):
    # Veltkamp: a == h + l with h, l having at most 26 significant bits
    c = 134217729.0 * a
    h = c - (c - a)
    return h, a - h


def hypot(*coordinates):
    xs = [abs(_real(x)) for x in coordinates]
    if not xs:
        return 0.0
    if _inf in xs:
        return _inf
    for x in xs:
        if x != x:
            return _nan
    big = max(xs)
    if big == 0.0:
        return 0.0
    if len(xs) == 1:
        return big
    # scale by a power of two so that the scaling is exact
    e = frexp(big)[1]
    parts = []
    for x in xs:
        x = _m.ldexp(x, -e)
        h, l = _split(x)
        parts.append(h * h)
        parts.append(2.0 * h * l)
        parts.append(l * l)
    s = fsum(parts)
    r = sqrt(s)
    # one correction step against the exact residual
    h, l = _split(r)
    d = fsum(parts + [-h * h, -2.0 * h * l, -l * l])
    r = r + d / (2.0 * r)
    return _m.ldexp(r, e)


def dist(p, q):
    p = tuple(p)
    q = tuple(q)
    if len(p) != len(q):
        raise ValueError('both points must have the same number of dimensions')
    return hypot(*[_real(a) - _real(b) for a, b in zip(p, q)])


def log1p(x):
    x = _real(x)
    if x <= -1.0:
        raise ValueError('math domain error')
    u = 1.0 + x
    if u == 1.0:
        return x
    if u == _inf:
        return u
    return _m.log(u) * x / (u - 1.0)


def cbrt(x):
    x = _real(x)
    if x == 0.0 or not isfinite(x):
        return x
    a = abs(x)
    r = a ** (1.0 / 3.0)
    r = r - (r * r * r - a) / (3.0 * r * r)
    return copysign(r, x)


def remainder(x, y):
    x = _real(x)
    y = _real(y)
    if x != x or y != y:
        return _nan
    if isinf(x) or y == 0.0:
        raise ValueError('math domain error')
    if isinf(y):
        return x
    ax = abs(x)
    ay = abs(y)
    m = _m.fmod(ax, ay)
    c = ay - m
    if m < c:
        r = m
    elif m > c:
        r = -c
    else:
        # halfway: pick the even multiple
        r = m - 2.0 * _m.fmod(0.5 * (ax - m), ay)
    return copysign(1.0, x) * r


def _bits(x):
    return _struct.unpack('<q', _struct.pack('<d', x))[0]


def _float(b):
    return _struct.unpack('<d', _struct.pack('<q', b))[0]


def nextafter(x, y):
    x = _real(x)
    y = _real(y)
    if x != x or y != y:
        return x + y
    if x == y:
        return y
    if x == 0.0:
        return copysign(_float(1), y)
    b = _bits(x)
    if (y > x) == (x > 0.0):
        b += 1
    else:
        b -= 1
    return _float(b)


def ulp(x):
    x = abs(_real(x))
    if x != x or x == _inf:
        return x
    n = nextafter(x, _inf)
    if n == _inf:
        return x - nextafter(x, -_inf)
    return n - x

