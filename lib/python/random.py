# random for mpbox, written from the CPython 3.11 documentation.
# The module-level functions draw from MicroPython's C generator (fast, and
# seeded by the sandbox: --deterministic/--seed give the same numbers every
# run); random.Random(seed) instances have a generator of their own (a 64-bit
# LCG, top bits used) whose state getstate()/setstate() save and restore.
# The numbers differ from CPython's Mersenne Twister; the API and the errors
# are CPython's.

from _builtin import builtin_module
_c = builtin_module('random')  # the built-in C module
del builtin_module

from math import log as _log, exp as _exp, sqrt as _sqrt, cos as _cos, sin as _sin, pi as _pi
from math import acos as _acos, floor as _floor

__all__ = ['Random', 'SystemRandom', 'seed', 'random', 'uniform', 'randint', 'choice', 'sample',
           'randrange', 'shuffle', 'normalvariate', 'lognormvariate', 'expovariate',
           'vonmisesvariate', 'gammavariate', 'triangular', 'gauss', 'betavariate',
           'paretovariate', 'weibullvariate', 'getstate', 'setstate', 'getrandbits', 'choices',
           'randbytes', 'binomialvariate']

_M64 = (1 << 64) - 1
_A = 6364136223846793005
_C = 1442695040888963407
_TWOPI = 2.0 * _pi
_NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
_LOG4 = _log(4.0)
_SG_MAGICCONST = 1.0 + _log(4.5)


def _bitlen(n):
    return len(bin(n)) - 2 if n > 0 else 0


def _seed_int(a):
    if a is None:
        return None
    if isinstance(a, bool) or isinstance(a, int):
        return abs(int(a))
    if isinstance(a, float):
        return abs(hash(a))
    if isinstance(a, str):
        a = a.encode()
    if isinstance(a, (bytes, bytearray)):
        h = 14695981039346656037  # FNV-1a, 64 bits
        for b in a:
            h = ((h ^ b) * 1099511628211) & _M64
        return h
    raise TypeError('The only supported seed types are: None,\nint, float, str, bytes, and bytearray.')


def _index(x, pos):
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float) and x == int(x):
        return int(x)
    raise ValueError('non-integer %s for randrange()' % pos)


class Random:
    """A generator of its own; the distribution methods use random() and
    getrandbits(), so subclasses may replace those two."""

    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)

    def seed(self, a=None, version=2):
        n = _seed_int(a)
        if n is None:
            n = (_c.getrandbits(32) << 32) | _c.getrandbits(32)
        s = 0x9E3779B97F4A7C15
        while True:  # fold every 64-bit piece of the seed into the state
            s = ((s ^ (n & _M64)) * 0xBF58476D1CE4E5B9 + 0x94D049BB133111EB) & _M64
            s ^= s >> 31
            n >>= 64
            if not n:
                break
        self._state = s
        self.gauss_next = None

    def _next(self):
        s = (self._state * _A + _C) & _M64
        self._state = s
        return s

    def random(self):
        return (self._next() >> 11) * (1.0 / 9007199254740992.0)

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        r = 0
        got = 0
        while got < k:
            n = min(32, k - got)
            r = (r << n) | (self._next() >> (64 - n))
            got += n
        return r

    def getstate(self):
        return (self.VERSION, self._state, self.gauss_next)

    def setstate(self, state):
        if not isinstance(state, tuple) or len(state) != 3 or state[0] != self.VERSION:
            raise ValueError('state with version %r passed to Random.setstate() of version %s'
                             % (state[0] if isinstance(state, tuple) and state else None, self.VERSION))
        self._state = state[1]
        self.gauss_next = state[2]

    # integers

    def _randbelow(self, n):
        k = _bitlen(n)
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, start, stop=None, step=1):
        istart = _index(start, 'arg 1')
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError('empty range for randrange()')
        istop = _index(stop, 'stop')
        width = istop - istart
        istep = _index(step, 'step')
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError('empty range for randrange() (%d, %d, %d)' % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError('zero step for randrange()')
        if n <= 0:
            raise ValueError('empty range for randrange()')
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def randbytes(self, n):
        return bytes(self.getrandbits(8) for _ in range(n))

    # sequences

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if isinstance(population, (set, frozenset, dict)):
            raise TypeError('Population must be a sequence.  For dicts or sets, use sorted(d).')
        n = len(population)
        if counts is not None:
            counts = list(counts)
            if len(counts) != n:
                raise ValueError('The number of counts does not match the population')
            cum = []
            total = 0
            for c in counts:
                if not isinstance(c, int):
                    raise TypeError('Counts must be integers')
                total += c
                cum.append(total)
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            picks = self.sample(range(total), k)
            out = []
            for p in picks:
                lo, hi = 0, n
                while lo < hi:
                    mid = (lo + hi) // 2
                    if cum[mid] > p:
                        hi = mid
                    else:
                        lo = mid + 1
                out.append(population[lo])
            return out
        if not 0 <= k <= n:
            raise ValueError('Sample larger than population or is negative')
        pool = list(population)
        out = []
        for i in range(k):
            j = self._randbelow(n - i)
            out.append(pool[j])
            pool[j] = pool[n - i - 1]
        return out

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        if cum_weights is None:
            if weights is None:
                if not n:
                    raise IndexError('list index out of range')
                return [population[_floor(self.random() * n)] for _ in range(k)]
            cum_weights = []
            t = 0
            for w in weights:
                t = t + w
                cum_weights.append(t)
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        else:
            cum_weights = list(cum_weights)
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        if not n:
            raise IndexError('list index out of range')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if total != total or total == float('inf'):
            raise ValueError('Total of weights must be finite')
        out = []
        hi0 = n - 1
        for _ in range(k):
            x = self.random() * total
            lo, hi = 0, hi0
            while lo < hi:
                mid = (lo + hi) // 2
                if x < cum_weights[mid]:
                    hi = mid
                else:
                    lo = mid + 1
            out.append(population[lo])
        return out

    # real-valued distributions

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        # Kinderman and Monahan's ratio method
        while True:
            u1 = self.random()
            u2 = 1.0 - self.random()
            z = _NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        # Box-Muller, one value kept for the next call
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = self.random() * _TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - self.random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd=1.0):
        if lambd == 0:
            raise ZeroDivisionError('float division by zero')
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        if kappa <= 1e-6:
            return _TWOPI * self.random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = self.random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = self.random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = self.random()
        if u3 > 0.5:
            theta = (mu + _acos(f)) % _TWOPI
        else:
            theta = (mu - _acos(f)) % _TWOPI
        return theta

    def gammavariate(self, alpha, beta):
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError('gammavariate: alpha and beta must be > 0.0')
        if alpha > 1.0:
            # Cheng's rejection method
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - _LOG4
            ccc = alpha + ainv
            while True:
                u1 = self.random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - self.random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + _SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        if alpha == 1.0:
            return -_log(1.0 - self.random()) * beta
        # alpha < 1: Ahrens and Dieter's method
        e = 2.718281828459045
        while True:
            u = self.random()
            b = (e + alpha) / e
            p = b * u
            if p <= 1.0:
                x = p ** (1.0 / alpha)
            else:
                x = -_log((b - p) / alpha)
            u1 = self.random()
            if p > 1.0:
                if u1 <= x ** (alpha - 1.0):
                    break
            elif u1 <= _exp(-x):
                break
        return x * beta

    def betavariate(self, alpha, beta):
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)

    def binomialvariate(self, n=1, p=0.5):
        if n < 0:
            raise ValueError('n must be non-negative')
        if p <= 0.0 or p >= 1.0:
            if p == 0.0:
                return 0
            if p == 1.0:
                return n
            raise ValueError('p must be in the range 0.0 <= p <= 1.0')
        c = 0
        for _ in range(n):
            if self.random() < p:
                c += 1
        return c


class _ModuleRandom(Random):
    # the module-level generator: MicroPython's C one
    def __init__(self):
        self.gauss_next = None

    def seed(self, a=None, version=2):
        n = _seed_int(a)
        if n is None:
            n = _c.getrandbits(32)
        while n > 0x7FFFFFFF:
            n = (n & 0x7FFFFFFF) ^ (n >> 31)
        _c.seed(n)
        self.gauss_next = None

    random = staticmethod(_c.random)

    def _randbelow(self, n):
        if n < 0x40000000:
            return _c.randrange(n)
        return Random._randbelow(self, n)

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        if k <= 32:
            return _c.getrandbits(k)
        r = 0
        got = 0
        while got < k:
            n = min(32, k - got)
            r = (r << n) | _c.getrandbits(n)
            got += n
        return r

    def getstate(self):
        raise NotImplementedError('random.getstate() is not available in this sandbox: '
                                  'use a random.Random(seed) instance, whose state can be saved')

    def setstate(self, state):
        raise NotImplementedError('random.setstate() is not available in this sandbox: '
                                  'use a random.Random(seed) instance')


class SystemRandom(Random):
    def __init__(self, x=None):
        self.gauss_next = None

    def seed(self, *args, **kwds):
        return None

    def random(self):
        return _c.random()

    def getrandbits(self, k):
        return _ModuleRandom.getrandbits(self, k)

    def getstate(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    setstate = getstate


_inst = _ModuleRandom()
seed = _inst.seed
random = _c.random
uniform = _inst.uniform
triangular = _inst.triangular
choice = _inst.choice


def randint(a, b):
    # the C function for the common case (ints of a small range): it is fast
    if type(a) is int and type(b) is int and a <= b and -0x40000000 < a and b < 0x3FFFFFFF:
        return _c.randint(a, b)
    return _inst.randint(a, b)


def randrange(start, stop=None, step=1):
    if type(start) is int and stop is None and 0 < start < 0x40000000:
        return _c.randrange(start)
    return _inst.randrange(start, stop, step)


sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
randbytes = _inst.randbytes
binomialvariate = _inst.binomialvariate
