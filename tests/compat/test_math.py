# math: the CPython 3.11 API as agents use it; output must be identical
# under python3 and mpbox.
import math


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'error', type(e).__name__, e)
    else:
        print(label, type(r).__name__, r)


def approx(x):
    return '%.12g' % x


# integer functions
show('gcd', lambda: math.gcd(12, 18))
show('gcd n', lambda: math.gcd(12, 18, 30, -42))
show('gcd none', lambda: math.gcd())
show('gcd zero', lambda: math.gcd(0, 0))
show('gcd big', lambda: math.gcd(2 ** 100 * 3, 2 ** 80 * 9))
show('gcd float', lambda: math.gcd(1.5, 2))
show('lcm', lambda: math.lcm(4, 6, 10))
show('lcm none', lambda: math.lcm())
show('lcm zero', lambda: math.lcm(4, 0))
show('isqrt', lambda: [math.isqrt(n) for n in (0, 1, 3, 4, 15, 16, 17, 99, 100)])
show('isqrt big', lambda: math.isqrt(10 ** 101))
show('isqrt exact', lambda: math.isqrt((2 ** 200 + 12345) ** 2) == 2 ** 200 + 12345)
show('isqrt below', lambda: math.isqrt((2 ** 200 + 12345) ** 2 - 1) == 2 ** 200 + 12344)
show('isqrt neg', lambda: math.isqrt(-1))
show('isqrt float', lambda: math.isqrt(4.0))
show('comb', lambda: [math.comb(10, k) for k in range(12)])
show('comb big', lambda: math.comb(100, 50))
show('comb neg', lambda: math.comb(-1, 2))
show('comb negk', lambda: math.comb(5, -1))
show('perm', lambda: (math.perm(5, 2), math.perm(5), math.perm(5, 0), math.perm(3, 5)))
show('perm neg', lambda: math.perm(5, -2))
show('factorial', lambda: [math.factorial(n) for n in range(8)])
show('factorial big', lambda: math.factorial(40))
show('factorial neg', lambda: math.factorial(-1))
show('factorial float', lambda: math.factorial(5.0))
show('prod', lambda: math.prod([1, 2, 3, 4]))
show('prod empty', lambda: math.prod([]))
show('prod start', lambda: math.prod([2, 3], start=10))
show('prod float', lambda: math.prod([0.5, 4]))
show('prod gen', lambda: math.prod(x for x in range(1, 21)))

# rounding to int
for v in (2.5, -2.5, 2.0, -0.5, 1e16, 1e300, 7, -7, 10 ** 30, True):
    show('floor %r' % (v,), lambda: math.floor(v))
    show('ceil %r' % (v,), lambda: math.ceil(v))
    show('trunc %r' % (v,), lambda: math.trunc(v))


class Q:
    def __floor__(self):
        return 'F'

    def __ceil__(self):
        return 'C'

    def __trunc__(self):
        return 'T'


show('floor dunder', lambda: math.floor(Q()))
show('ceil dunder', lambda: math.ceil(Q()))
show('trunc dunder', lambda: math.trunc(Q()))
show('floor nan', lambda: math.floor(float('nan')))
show('ceil inf', lambda: math.ceil(float('inf')))
show('floor str', lambda: math.floor('x'))

# sums and distances
show('fsum', lambda: math.fsum([0.1] * 10))
show('sum', lambda: sum([0.1] * 10))
show('fsum cancel', lambda: math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
show('fsum ints', lambda: math.fsum([1, 2, 3]))
show('fsum empty', lambda: math.fsum([]))
show('fsum tiny', lambda: math.fsum([1.0, 1e-16, 1e-16]))
show('fsum halfway', lambda: math.fsum([1.0, 2.0 ** -53, 2.0 ** -106]))
show('fsum inf', lambda: math.fsum([1.0, float('inf')]))
show('fsum inf-inf', lambda: math.fsum([float('inf'), float('-inf')]))
show('fsum nan', lambda: math.fsum([float('nan'), 1.0]))
show('fsum overflow', lambda: math.fsum([1.7e308, 1.7e308]))
show('hypot', lambda: math.hypot(3, 4))
show('hypot n', lambda: math.hypot(2, 3, 6))
show('hypot 1', lambda: math.hypot(-5))
show('hypot 0', lambda: math.hypot())
show('hypot big', lambda: math.hypot(3e300, 4e300))
show('hypot small', lambda: math.hypot(3e-300, 4e-300))
show('hypot inf', lambda: math.hypot(float('nan'), float('inf')))
show('hypot approx', lambda: approx(math.hypot(1.0, 2.0, 3.0)))
show('dist', lambda: math.dist((0, 0), (3, 4)))
show('dist 3d', lambda: math.dist([1, 2, 3], [4, 6, 15]))
show('dist bad', lambda: math.dist((1, 2), (1, 2, 3)))

# logarithms and exponentials
show('log', lambda: approx(math.log(10)))
show('log base', lambda: math.log(8, 2))
show('log big', lambda: approx(math.log(10 ** 400)))
show('log10 big', lambda: approx(math.log10(10 ** 400)))
show('log2 big', lambda: math.log2(2 ** 2000))
show('log 0', lambda: math.log(0))
show('log neg', lambda: math.log(-1))
show('log base 1', lambda: math.log(8, 1))
show('log1p', lambda: approx(math.log1p(1e-10)))
show('log1p 1', lambda: approx(math.log1p(1.0)))
show('log1p -1', lambda: math.log1p(-1))
show('expm1', lambda: approx(math.expm1(1e-10)))
show('exp', lambda: approx(math.exp(1)))
show('exp overflow', lambda: math.exp(1000))
show('pow', lambda: math.pow(2, 10))
show('pow overflow', lambda: math.pow(10, 400))
show('pow domain', lambda: math.pow(-8, 0.5))
show('pow zero', lambda: math.pow(0, -1))
show('exp2', lambda: math.exp2(10))
show('exp2 frac', lambda: approx(math.exp2(0.5)))
show('cbrt', lambda: (approx(math.cbrt(27)), math.cbrt(-8), math.cbrt(0.0)))
show('cbrt approx', lambda: approx(math.cbrt(2)))
show('sqrt', lambda: math.sqrt(16))
show('sqrt neg', lambda: math.sqrt(-1))
show('cosh overflow', lambda: math.cosh(1000))
show('ldexp overflow', lambda: math.ldexp(1.0, 2000))
show('gamma', lambda: math.gamma(5))

# floating-point helpers
show('remainder', lambda: [math.remainder(x, 3) for x in (5, 4, 4.5, 7.5, -7.5, 1.5)])
show('remainder inf', lambda: math.remainder(5, float('inf')))
show('remainder 0', lambda: math.remainder(5, 0))
show('copysign', lambda: (math.copysign(3, -0.0), math.copysign(-2, 1)))
show('nextafter', lambda: math.nextafter(1.0, 2.0) - 1.0 == 2.0 ** -52)
show('nextafter down', lambda: 1.0 - math.nextafter(1.0, 0.0) == 2.0 ** -53)
show('nextafter same', lambda: math.nextafter(1.5, 1.5))
show('nextafter zero', lambda: math.nextafter(0.0, 1.0) > 0.0)
show('ulp', lambda: math.ulp(1.0) == 2.0 ** -52)
show('ulp big', lambda: math.ulp(2.0 ** 60))
show('isclose', lambda: (math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1)))
show('isclose tol', lambda: (math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-10, abs_tol=1e-9)))
show('isclose neg', lambda: math.isclose(1.0, 1.0, rel_tol=-1.0))
show('isfinite', lambda: (math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan)))
show('consts', lambda: (math.pi, math.e, math.tau, math.inf, -math.inf))
show('nan repr', lambda: math.nan)
show('fmod', lambda: math.fmod(7.5, 2))
show('modf', lambda: math.modf(3.25))
show('frexp', lambda: math.frexp(12.0))
show('degrees', lambda: math.degrees(math.pi))
show('radians', lambda: approx(math.radians(90)))
show('trig', lambda: (approx(math.sin(1)), approx(math.cos(1)), approx(math.atan2(1, 2))))
