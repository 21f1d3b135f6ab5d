# statistics: output must be identical under CPython 3.11 and mpbox.
import math
import statistics as st


def F(x):
    # floats exactly (mantissa and exponent), since float repr may differ in its last digit
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return repr(x)
        m, e = math.frexp(x)
        return '%.12g<%d*2^%d>' % (x, int(m * 2 ** 53), e - 53)
    if isinstance(x, (list, tuple)):
        return '[' + ', '.join(F(v) for v in x) + ']'
    return repr(x)


def lcg(seed):
    # deterministic pseudo-random floats, the same in both interpreters
    while True:
        seed = (seed * 1103515245 + 12345) % 2147483648
        yield seed


def floats(seed, n, scale):
    g = lcg(seed)
    return [(next(g) % 1000003) / 997 * scale - scale * 300 for _ in range(n)]


def show(name, f, *args, **kw):
    try:
        r = f(*args, **kw)
        print(name, type(r).__name__, F(r))
    except Exception as e:
        print(name, 'raised', type(e).__name__, str(e))


datasets = [
    [1, 2, 3, 4],
    [1, 2, 3],
    [2, 4],
    [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5],
    [0.1, 0.2, 0.3, 0.4],
    [1e50, 1, -1e50] * 10,
    [3, 1.5, 2, 7.25],
    [10, 10, 10],
    [72.5, 81.0, 94.25, 66.0, 88.5, 79.0, 91.5],
    floats(1, 50, 1.0),
    floats(2, 200, 0.001),
    floats(3, 7, 12345.678),
    [1, 3, 5, 7, 9, 11],
    [-5, -1, 0, 3, 8],
    [True, False, True, True],
]

for i, d in enumerate(datasets):
    print('dataset', i)
    for fn in (st.mean, st.fmean, st.median, st.median_low, st.median_high,
               st.median_grouped, st.mode, st.multimode, st.variance, st.pvariance,
               st.stdev, st.pstdev):
        show(fn.__name__, fn, d)
    show('quantiles', st.quantiles, d)
    show('quantiles10', st.quantiles, d, n=10)
    show('quantiles_incl', st.quantiles, d, method='inclusive')
    show('quantiles100', lambda x: st.quantiles(x, n=100, method='inclusive')[::17], d)
    pos = [abs(x) + 1 for x in d]
    show('harmonic_mean', st.harmonic_mean, pos)
    show('geometric_mean_rounded', lambda x: round(st.geometric_mean(x), 6), pos)
    show('variance_xbar', st.variance, d, st.mean(d))
    show('pvariance_mu', st.pvariance, d, st.mean(d))

# two-variable functions
x = [1, 2, 3, 4, 5, 6, 7, 8, 9]
y = [1, 2, 3, 1, 2, 3, 1, 2, 3]
z = [9, 8, 7, 6, 5, 4, 3, 2, 1]
fx = floats(4, 30, 1.0)
fy = [2.5 * v + w for v, w in zip(fx, floats(5, 30, 0.01))]
for a, b in [(x, y), (x, z), (z, x), (x, x), (fx, fy)]:
    show('covariance', st.covariance, a, b)
    show('correlation', st.correlation, a, b)
    r = st.linear_regression(a, b)
    print('linreg', type(r).__name__, F(r.slope), F(r.intercept), F(tuple(r)), F(r[0]))
    show('linreg_prop', st.linear_regression, a, b, proportional=True)

# weights, special values, strings
show('fmean_w', st.fmean, [85, 92, 83, 91], [0.20, 0.20, 0.30, 0.30])
show('harmonic_w', st.harmonic_mean, [40, 60], weights=[5, 30])
show('harmonic_1', st.harmonic_mean, [40, 60])
show('harmonic_zero', st.harmonic_mean, [0, 60])
show('harmonic_single', st.harmonic_mean, [2.5])
show('mode_str', st.mode, ["red", "blue", "blue", "red", "green", "red", "red"])
show('mode_tie', st.mode, ['red', 'red', 'green', 'blue', 'blue'])
show('multimode', st.multimode, 'aabbbbccddddeeffffgg')
show('multimode_empty', st.multimode, '')
show('median_str', st.median, ['b', 'a', 'c'])
show('median_grouped_iv', st.median_grouped, [25] * 172 + [35] * 484 + [45] * 387 + [55] * 22, interval=10)
show('mean_inf', st.mean, [1, float('inf'), 3])
show('mean_iter', st.mean, iter([1.5, 2.5]))
show('variance_gen', st.variance, (v * 0.5 for v in range(10)))
show('stdev_ints', st.stdev, [1, 2, 3, 4, 5])
show('pstdev_ints', st.pstdev, [2, 4, 4, 4, 5, 5, 7, 9])
show('pstdev_one', st.pstdev, [5])
show('pvariance_one', st.pvariance, [5.5])
show('big_ints_mean', st.mean, [10 ** 20, 10 ** 20 + 1])
show('big_ints_var', st.variance, [10 ** 20, 10 ** 20 + 1, 10 ** 20 + 5])

# errors
show('mean_empty', st.mean, [])
show('fmean_empty', st.fmean, [])
show('median_empty', st.median, [])
show('mode_empty', st.mode, [])
show('variance_one', st.variance, [1])
show('stdev_one', st.stdev, [1])
show('pvariance_empty', st.pvariance, [])
show('quantiles_n0', st.quantiles, [1, 2], n=0)
show('quantiles_one', st.quantiles, [1])
show('quantiles_bad', st.quantiles, [1, 2], method='bogus')
show('harmonic_neg', st.harmonic_mean, [1, -2])
show('harmonic_empty', st.harmonic_mean, [])
show('geometric_neg', st.geometric_mean, [1, -2])
show('mean_str', st.mean, ['a', 'b'])
show('cov_len', st.covariance, [1, 2], [1])
show('cov_short', st.covariance, [1], [1])
show('corr_const', st.correlation, [1, 1, 1], [1, 2, 3])
show('linreg_const', st.linear_regression, [2, 2, 2], [1, 2, 3])
show('fmean_w_len', st.fmean, [1, 2], [1])
print(issubclass(st.StatisticsError, ValueError))
try:
    st.mean([])
except ValueError as e:
    print('caught as ValueError:', e)

# Fraction data keeps exact results
from fractions import Fraction
fr = [Fraction(1, 6), Fraction(1, 2), Fraction(5, 3)]
for fn in (st.mean, st.median, st.variance, st.pvariance, st.stdev, st.harmonic_mean):
    show('fraction ' + fn.__name__, fn, fr)
show('fraction+int', st.mean, [Fraction(1, 2), 3])
show('fraction+float', st.mean, [Fraction(1, 2), 0.25])

# NormalDist (inverse cdf rounded: it may differ in the last digit)
ND = st.NormalDist
n1 = ND(100, 15)
print(repr(n1), n1.mean, n1.median, n1.mode, n1.stdev, n1.variance)
for x in (55, 85, 100, 115.5, 145, 200):
    print(x, F(n1.pdf(x)), '%.12g' % n1.cdf(x), F(n1.zscore(x)))
for p in (0.001, 0.025, 0.1, 0.5, 0.75, 0.9, 0.975, 0.999999):
    print(p, '%.10g' % n1.inv_cdf(p), '%.10g' % ND().inv_cdf(p))
print(['%.10g' % q for q in n1.quantiles()], ['%.8g' % q for q in ND(0, 1).quantiles(10)])
s_ = ND.from_samples([2.5, 3.25, 5.5, 11.25, 11.75])
print(repr(s_), F(s_.mean), F(s_.stdev))
print(repr(ND.from_samples([1, 2, 3, 4, 5])))
print('%.12g' % ND(2.4, 1.6).overlap(ND(3.2, 2.0)), '%.12g' % ND(0, 1).overlap(ND(1, 1)))
print(repr(n1 + ND(10, 20)), repr(n1 - 5), repr(n1 * 2), repr(n1 / 4), repr(-n1), repr(+n1),
      repr(3 + n1), repr(2 * n1), repr(10 - n1))
print(n1 == ND(100, 15), n1 == ND(100, 16), hash(n1) == hash(ND(100.0, 15.0)))
print(len(n1.samples(5)), len(n1.samples(3, seed=1)))
for bad in (lambda: ND(0, -1), lambda: ND(0, 0).pdf(1), lambda: ND(0, 0).cdf(1),
            lambda: ND().inv_cdf(0), lambda: ND().inv_cdf(1.5), lambda: ND(1, 0).zscore(2),
            lambda: ND.from_samples([1]), lambda: ND().overlap(3)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
