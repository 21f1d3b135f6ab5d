# statistics for mpbox: CPython 3.11's API, written for MicroPython.
# Sums are exact (integer numerator over a common denominator) and turned
# into floats with correct rounding, so results match CPython's digit for digit.
# Last-digit differences remain possible where libm is involved:
# geometric_mean (exp/log), NormalDist.pdf/cdf (exp/erf) and NormalDist.inv_cdf
# (Newton steps here, Wichura's AS241 in CPython).
import math
import _numeric
from collections import namedtuple

__all__ = ['StatisticsError', 'mean', 'fmean', 'geometric_mean', 'harmonic_mean',
           'median', 'median_low', 'median_high', 'median_grouped', 'mode', 'multimode',
           'quantiles', 'pstdev', 'pvariance', 'stdev', 'variance',
           'correlation', 'covariance', 'linear_regression', 'LinearRegression',
           'NormalDist']


class StatisticsError(ValueError):
    pass


_bits = _numeric.bits
_gcd = _numeric.gcd
_to_float = _numeric.to_float
_sqrt_float = _numeric.sqrt_float


class _Frac:
    # a minimal exact rational used internally (n/d, d > 0)
    __slots__ = ('n', 'd')

    def __init__(self, n, d=1):
        if d < 0:
            n, d = -n, -d
        g = _gcd(n, d)
        if g > 1:
            n //= g
            d //= g
        self.n, self.d = n, d

    def add(self, o):
        return _Frac(self.n * o.d + o.n * self.d, self.d * o.d)

    def sub(self, o):
        return _Frac(self.n * o.d - o.n * self.d, self.d * o.d)

    def mul(self, o):
        return _Frac(self.n * o.n, self.d * o.d)

    def div(self, o):
        return _Frac(self.n * o.d, self.d * o.n)


def _is_int(x):
    return type(x) is int or type(x) is bool


def _ratio(x):
    # exact (numerator, denominator) of x, or (x, None) when x is inf or nan
    if _is_int(x):
        return int(x), 1
    if type(x) is float:
        if x != x or x in (math.inf, -math.inf):
            return x, None
        m, e = math.frexp(x)
        n = int(m * 9007199254740992.0)
        e -= 53
        if e >= 0:
            return n << e, 1
        return n, 1 << -e
    f = getattr(x, 'as_integer_ratio', None)
    if f is not None:
        try:
            return f()
        except (OverflowError, ValueError):
            return x, None
    try:
        return x.numerator, x.denominator
    except AttributeError:
        raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__) from None


def _coerce(T, S):
    if T is S or S is int or S is bool:
        return T
    if T is int:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if T is float and getattr(S, '_is_fraction', False):
        return T
    if S is float and getattr(T, '_is_fraction', False):
        return S
    raise TypeError("don't know how to coerce %s and %s" % (T.__name__, S.__name__))


def _exact_sum(data, squares=False):
    # -> (type, Frac sum or non-finite float, count[, Frac sum of squares])
    count = 0
    T = int
    last = None
    parts = {}
    sq = {}
    special = None
    for x in data:
        t = type(x)
        if t is not last:
            T = _coerce(T, t)
            last = t
        n, d = _ratio(x)
        count += 1
        if d is None:
            special = n if special is None else special + n
            continue
        parts[d] = parts.get(d, 0) + n
        if squares:
            sq[d] = sq.get(d, 0) + n * n
    if special is not None:
        return T, special, count, special
    total = _Frac(0)
    for d, n in parts.items():
        total = total.add(_Frac(n, d))
    ss = None
    if squares:
        ss = _Frac(0)
        for d, n in sq.items():
            ss = ss.add(_Frac(n, d * d))
    return T, total, count, ss


def _convert(value, T):
    # value: _Frac or a non-finite float
    if not isinstance(value, _Frac):
        return value
    if T is bool:
        T = int
    if T is int:
        if value.d == 1:
            return value.n
        T = float
    if T is float:
        return _to_float(value.n, value.d)
    if getattr(T, '_is_fraction', False):
        return T(value.n, value.d)
    return T(value.n) / T(value.d)


def _fsum(values):
    # correctly rounded float sum, like math.fsum
    parts = {}
    special = None
    nan = False
    for x in values:
        if not isinstance(x, float):
            x = float(x)
        n, d = _ratio(x)
        if d is None:
            nan = nan or n != n
            special = n if special is None else special + n
        else:
            parts[d] = parts.get(d, 0) + n
    if special is not None:
        if special != special and not nan:
            raise ValueError('-inf + inf in fsum')
        return special
    total = _Frac(0)
    for d, n in parts.items():
        total = total.add(_Frac(n, d))
    return _to_float(total.n, total.d)


def mean(data):
    T, total, n, _ = _exact_sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    if isinstance(total, _Frac):
        return _convert(total.div(_Frac(n)), T)
    return total / n


def fmean(data, weights=None):
    if weights is None:
        data = list(data)
        if not data:
            raise StatisticsError('fmean requires at least one data point')
        return _fsum(data) / len(data)
    data = list(data)
    weights = list(weights)
    num = _fsum([x * w for x, w in zip(data, weights)])
    if len(data) != len(weights):
        raise StatisticsError('data and weights must be the same length')
    den = _fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    try:
        return math.exp(fmean([math.log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers') from None


def harmonic_mean(data, weights=None):
    data = list(data)
    msg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, bool)) or hasattr(x, 'as_integer_ratio'):
            if x < 0:
                raise StatisticsError(msg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_w = _Frac(n)
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        for w in weights:
            if w < 0:
                raise StatisticsError(msg)
        sum_w = _exact_sum(weights)[1]
    terms = []
    try:
        for w, x in zip(weights, data):
            if x < 0:
                raise StatisticsError(msg)
            terms.append(w / x if w else 0)
    except ZeroDivisionError:
        return 0
    T, total, _, _ = _exact_sum(terms)
    if not isinstance(total, _Frac):
        if total <= 0:
            raise StatisticsError('Weighted sum must be positive')
        return _to_float(sum_w.n, sum_w.d) / total if isinstance(sum_w, _Frac) else sum_w / total
    if total.n <= 0:
        raise StatisticsError('Weighted sum must be positive')
    if not isinstance(sum_w, _Frac):
        return sum_w / _to_float(total.n, total.d)
    return _convert(sum_w.div(total), T)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    i = n // 2
    if n % 2:
        return data[i]
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2] if n % 2 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def median_grouped(data, interval=1.0):
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError('no median for empty data')
    x = data[n // 2]
    lo = 0
    while data[lo] < x:
        lo += 1
    hi = lo
    while hi < n and data[hi] == x:
        hi += 1
    try:
        interval = float(interval)
        x = float(x)
    except (ValueError, TypeError):
        raise TypeError('Value cannot be converted to a float') from None
    return (x - interval / 2.0) + interval * (n / 2 - lo) / (hi - lo)


def _counts(data):
    # counts by value, and the values in first-seen order (dicts are unordered here)
    counts = {}
    order = []
    for x in data:
        c = counts.get(x)
        if c is None:
            order.append(x)
            counts[x] = 1
        else:
            counts[x] = c + 1
    return counts, order


def mode(data):
    counts, order = _counts(data)
    if not order:
        raise StatisticsError('no mode for empty data')
    best = order[0]
    for x in order:
        if counts[x] > counts[best]:
            best = x
    return best


def multimode(data):
    counts, order = _counts(data)
    if not order:
        return []
    top = max(counts.values())
    return [x for x in order if counts[x] == top]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    out = []
    if method == 'inclusive':
        m = ld - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            out.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return out
    if method == 'exclusive':
        m = ld + 1
        for i in range(1, n):
            j = min(max(i * m // n, 1), ld - 1)
            delta = i * m - j * n
            out.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return out
    raise ValueError('Unknown method: %r' % (method,))


def _ss(data, c):
    # -> (type, sum of squared deviations: _Frac or non-finite float, count)
    if c is not None:
        T, total, n, _ = _exact_sum([(x - c) * (x - c) for x in data])
        return T, total, n
    T, sx, n, sxx = _exact_sum(data, True)
    if not isinstance(sx, _Frac):
        return T, sx, n
    if n == 0:
        return T, _Frac(0), 0
    # (n*sxx - sx*sx) / n, exact
    return T, _Frac(n).mul(sxx).sub(sx.mul(sx)).div(_Frac(n)), n


def _var(data, c, ddof, name):
    T, ss, n = _ss(data, c)
    if n < 1 + ddof:
        raise StatisticsError(name + (' requires at least two data points' if ddof
                                      else ' requires at least one data point'))
    if not isinstance(ss, _Frac):
        return T, ss / (n - ddof)
    return T, ss.div(_Frac(n - ddof))


def variance(data, xbar=None):
    T, v = _var(data, xbar, 1, 'variance')
    return _convert(v, T)


def pvariance(data, mu=None):
    T, v = _var(data, mu, 0, 'pvariance')
    return _convert(v, T)


def _sqrt_of(T, v):
    if not isinstance(v, _Frac):
        return math.sqrt(v)
    if v.n < 0:
        raise ValueError('math domain error')
    if T is not int and T is not bool and T is not float and not getattr(T, '_is_fraction', False):
        return _convert(v, T).sqrt()
    return _sqrt_float(v.n, v.d)


def stdev(data, xbar=None):
    T, v = _var(data, xbar, 1, 'stdev')
    return _sqrt_of(T, v)


def pstdev(data, mu=None):
    T, v = _var(data, mu, 0, 'pstdev')
    return _sqrt_of(T, v)


def _check_pair(x, y, what):
    n = len(x)
    if len(y) != n:
        raise StatisticsError(what + ' requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError(what + ' requires at least two data points')
    return n


def covariance(x, y):
    n = _check_pair(x, y, 'covariance')
    xbar = _fsum(x) / n
    ybar = _fsum(y) / n
    return _fsum([(a - xbar) * (b - ybar) for a, b in zip(x, y)]) / (n - 1)


def correlation(x, y):
    n = _check_pair(x, y, 'correlation')
    xbar = _fsum(x) / n
    ybar = _fsum(y) / n
    sxy = _fsum([(a - xbar) * (b - ybar) for a, b in zip(x, y)])
    sxx = _fsum([(a - xbar) * (a - xbar) for a in x])
    syy = _fsum([(b - ybar) * (b - ybar) for b in y])
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant')


LinearRegression = namedtuple('LinearRegression', ['slope', 'intercept'])


def linear_regression(x, y, *, proportional=False):
    n = _check_pair(x, y, 'linear regression')
    if proportional:
        sxy = _fsum([a * b for a, b in zip(x, y)])
        sxx = _fsum([a * a for a in x])
    else:
        xbar = _fsum(x) / n
        ybar = _fsum(y) / n
        sxy = _fsum([(a - xbar) * (b - ybar) for a, b in zip(x, y)])
        sxx = _fsum([(a - xbar) * (a - xbar) for a in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant')
    return LinearRegression(slope, 0.0 if proportional else ybar - slope * xbar)


def _std_normal_inv(p):
    # x with Phi(x) = p: Abramowitz-Stegun 26.2.23 as a start, then Newton
    # steps on the lower tail (erfc keeps it accurate for small p)
    if p == 0.5:
        return 0.0
    if p > 0.5:
        return -_std_normal_inv(1.0 - p)
    t = math.sqrt(-2.0 * math.log(p))
    x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
          / (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    for _ in range(6):
        err = 0.5 * math.erfc(-x / _SQRT2) - p
        step = err / (math.exp(-0.5 * x * x) / math.sqrt(math.tau))
        x -= step
        if abs(step) <= 1e-17 * max(1.0, abs(x)):
            break
    return x


_SQRT2 = math.sqrt(2.0)


def _hypot(a, b):
    h = getattr(math, 'hypot', None)
    return h(a, b) if h is not None else math.sqrt(a * a + b * b)


class NormalDist:
    # inv_cdf() and quantiles() may differ from CPython in the last digit
    # (Newton's method here, Wichura's AS241 there); samples() uses this
    # build's random generator.
    def __init__(self, mu=0.0, sigma=1.0):
        if sigma < 0.0:
            raise StatisticsError('sigma must be non-negative')
        self._mu = float(mu)
        self._sigma = float(sigma)

    @classmethod
    def from_samples(cls, data):
        data = list(data)
        T, total, n, _ = _exact_sum(data)
        T, ss, n = _ss(data, None)
        if n < 2:
            raise StatisticsError('stdev requires at least two data points')
        if not isinstance(ss, _Frac):
            return cls(ss, ss / ss)
        v = ss.div(_Frac(n - 1))
        return cls(_to_float(total.n, total.d * n), _sqrt_float(v.n, v.d))

    def samples(self, n, *, seed=None):
        import random
        gen = random if seed is None else random.Random(seed)
        gauss = getattr(gen, 'gauss', None)
        if gauss is None:
            def gauss(mu, sigma):
                u = 1.0 - gen.random()
                return mu + sigma * math.sqrt(-2.0 * math.log(u)) * math.cos(math.tau * gen.random())
        return [gauss(self._mu, self._sigma) for i in range(n)]

    def pdf(self, x):
        variance = self._sigma * self._sigma
        if not variance:
            raise StatisticsError('pdf() not defined when sigma is zero')
        diff = x - self._mu
        return math.exp(diff * diff / (-2.0 * variance)) / math.sqrt(math.tau * variance)

    def cdf(self, x):
        if not self._sigma:
            raise StatisticsError('cdf() not defined when sigma is zero')
        return 0.5 * (1.0 + math.erf((x - self._mu) / (self._sigma * _SQRT2)))

    def inv_cdf(self, p):
        if p <= 0.0 or p >= 1.0:
            raise StatisticsError('p must be in the range 0.0 < p < 1.0')
        if self._sigma <= 0.0:
            raise StatisticsError('cdf() not defined when sigma at or below zero')
        return self._mu + self._sigma * _std_normal_inv(p)

    def quantiles(self, n=4):
        return [self.inv_cdf(i / n) for i in range(1, n)]

    def overlap(self, other):
        if not isinstance(other, NormalDist):
            raise TypeError('Expected another NormalDist instance')
        X, Y = self, other
        if (Y._sigma, Y._mu) < (X._sigma, X._mu):
            X, Y = Y, X
        X_var, Y_var = X.variance, Y.variance
        if not X_var or not Y_var:
            raise StatisticsError('overlap() not defined when sigma is zero')
        dv = Y_var - X_var
        dm = abs(Y._mu - X._mu)
        if not dv:
            return 1.0 - math.erf(dm / (2.0 * X._sigma * _SQRT2))
        a = X._mu * Y_var - Y._mu * X_var
        b = X._sigma * Y._sigma * math.sqrt(dm * dm + dv * math.log(Y_var / X_var))
        x1 = (a + b) / dv
        x2 = (a - b) / dv
        return 1.0 - (abs(Y.cdf(x1) - X.cdf(x1)) + abs(Y.cdf(x2) - X.cdf(x2)))

    def zscore(self, x):
        if not self._sigma:
            raise StatisticsError('zscore() not defined when sigma is zero')
        return (x - self._mu) / self._sigma

    @property
    def mean(self):
        return self._mu

    @property
    def median(self):
        return self._mu

    @property
    def mode(self):
        return self._mu

    @property
    def stdev(self):
        return self._sigma

    @property
    def variance(self):
        return self._sigma * self._sigma

    def __add__(self, other):
        if isinstance(other, NormalDist):
            return NormalDist(self._mu + other._mu, _hypot(self._sigma, other._sigma))
        return NormalDist(self._mu + other, self._sigma)

    def __sub__(self, other):
        if isinstance(other, NormalDist):
            return NormalDist(self._mu - other._mu, _hypot(self._sigma, other._sigma))
        return NormalDist(self._mu - other, self._sigma)

    def __mul__(self, other):
        return NormalDist(self._mu * other, self._sigma * abs(other))

    def __truediv__(self, other):
        return NormalDist(self._mu / other, self._sigma / abs(other))

    def __pos__(self):
        return NormalDist(self._mu, self._sigma)

    def __neg__(self):
        return NormalDist(-self._mu, self._sigma)

    __radd__ = __add__

    def __rsub__(self, other):
        return -(self - other)

    __rmul__ = __mul__

    def __eq__(self, other):
        if not isinstance(other, NormalDist):
            return NotImplemented
        return self._mu == other._mu and self._sigma == other._sigma

    def __hash__(self):
        return hash((self._mu, self._sigma))

    def __repr__(self):
        return '%s(mu=%r, sigma=%r)' % (type(self).__name__, self._mu, self._sigma)
