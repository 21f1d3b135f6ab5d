# Exact-integer helpers shared by statistics, fractions and decimal: bit
# lengths, gcd, integer square roots and correctly rounded int/int -> float
# (this build's int has no bit_length, math has no gcd/isqrt).
import math


def bits(n):
    # bit length of a non-negative int
    return n.bit_length()


def gcd(a, b):
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def isqrt(n):
    if n <= 0:
        return 0
    x = 1 << ((bits(n) + 1) >> 1)
    while True:
        y = (x + n // x) >> 1
        if y >= x:
            return x
        x = y


def round_bits(q, e, sticky, neg):
    # the float nearest to (q + a little if sticky) * 2**e, ties to even
    drop = max(bits(q) - 53, -1074 - e)
    if drop > 0:
        keep = q >> drop
        rest = q & ((1 << drop) - 1)
        half = 1 << (drop - 1)
        if rest > half or (rest == half and (sticky or keep & 1)):
            keep += 1
        q, e = keep, e + drop
    if q and bits(q) + e > 1024:
        raise OverflowError('integer division result too large for a float')
    r = math.ldexp(float(q), e)
    return -r if neg else r


def to_float(n, d):
    # correctly rounded float of the fraction n/d (d > 0)
    if n == 0:
        return 0.0
    neg = n < 0
    if neg:
        n = -n
    e = bits(n) - bits(d) - 55
    if e >= 0:
        q, r = divmod(n, d << e)
    else:
        q, r = divmod(n << -e, d)
    return round_bits(q, e, r != 0, neg)


def sqrt_float(n, d):
    # correctly rounded float of sqrt(n/d), n >= 0, d > 0
    if n == 0:
        return 0.0
    q = (bits(n) - bits(d) - 109) >> 1
    if q >= 0:
        d <<= 2 * q
    else:
        n <<= -2 * q
    a = isqrt(n // d)
    return round_bits(a, q, a * a * d != n, False)


def float_ratio(x):
    # exact (numerator, denominator) of a finite float, lowest terms
    m, e = math.frexp(x)
    n = int(m * 9007199254740992.0)
    e -= 53
    if n == 0:
        return 0, 1
    if e >= 0:
        return n << e, 1
    while n and not n & 1 and e < 0:
        n >>= 1
        e += 1
    return n, 1 << -e


def install_round():
    # MicroPython's round() converts other numbers to float instead of calling
    # their __round__; fractions and decimal make it call __round__ (floats
    # and ints still go straight to the built-in).
    import builtins
    try:
        # assigned builtins are seen by name lookup only, not as attributes
        if __mpbox_round__:
            return
    except NameError:
        pass
    real = round

    def round_(number, ndigits=None):
        t = type(number)
        if t is not float and t is not int:
            r = getattr(t, '__round__', None)
            if r is not None:
                return r(number) if ndigits is None else r(number, ndigits)
        return real(number) if ndigits is None else real(number, ndigits)

    builtins.round = round_
    builtins.__mpbox_round__ = True
