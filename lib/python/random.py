# random for mpbox, written from the CPython 3.11 documentation.
# The generator is the Mersenne Twister (MT19937, Matsumoto and Nishimura's
# published algorithm) seeded the way CPython seeds it, so that
# random.seed(n) followed by random(), randint(), choice(), shuffle(),
# sample(), uniform(), gauss()... gives CPython's numbers. Until the program
# seeds the module-level generator, the module-level functions draw from
# MicroPython's C generator instead (fast, and seeded by the sandbox:
# --deterministic/--seed give the same numbers every run); random.seed(None)
# goes back to it. random.Random(x) instances always run the twister.

from _builtin import builtin_module
_c = builtin_module('random')  # the built-in C module
del builtin_module

from math import log as _log, exp as _exp, sqrt as _sqrt, cos as _cos, sin as _sin, pi as _pi
from math import acos as _acos, floor as _floor, ceil as _ceil, frexp as _frexp

__all__ = ['Random', 'SystemRandom', 'seed', 'random', 'uniform', 'randint', 'choice', 'sample',
           'randrange', 'shuffle', 'normalvariate', 'lognormvariate', 'expovariate',
           'vonmisesvariate', 'gammavariate', 'triangular', 'gauss', 'betavariate',
           'paretovariate', 'weibullvariate', 'getstate', 'setstate', 'getrandbits', 'choices',
           'randbytes', 'binomialvariate']

_M32 = 0xFFFFFFFF
_N = 624
_TWOPI = 2.0 * _pi
_NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
_LOG4 = _log(4.0)
_SG_MAGICCONST = 1.0 + _log(4.5)
_HASH_MODULUS = (1 << 61) - 1


def _bitlen(n):
    return n.bit_length() if n > 0 else 0


def _float_hash(x):
    # CPython's hash of a float: the value as a fraction reduced modulo
    # 2**61 - 1 (used for seeding with a float)
    if x != x:
        raise TypeError('cannot seed from nan')
    if x in (float('inf'), float('-inf')):
        return 314159 if x > 0 else -314159
    m, e = _frexp(abs(x))
    n = int(m * 9007199254740992.0)  # 2**53
    e -= 53
    h = (n % _HASH_MODULUS) * pow(2, e % 61, _HASH_MODULUS) % _HASH_MODULUS
    if x < 0:
        h = -h
    return -2 if h == -1 else h


def _seed_int(a, version=2):
    """The non-negative integer CPython's Random.seed(a) keys the twister
    with; None for a = None."""
    if a is None:
        return None
    if isinstance(a, (int, bool)):
        return abs(int(a))
    if isinstance(a, float):
        # CPython keys with the hash taken as an unsigned 64-bit number
        return _float_hash(a) & 0xFFFFFFFFFFFFFFFF
    if isinstance(a, (str, bytes, bytearray)):
        if version == 1:
            # version 1: CPython 2's string hash, kept by CPython for old seeds
            codes = [ord(c) for c in a] if isinstance(a, str) else list(a)
            x = codes[0] << 7 if codes else 0
            for c in codes:
                x = ((1000003 * x) ^ c) & 0xFFFFFFFFFFFFFFFF
            x ^= len(codes)
            return abs(-2 if x == -1 else x)
        if isinstance(a, str):
            a = a.encode()
        from hashlib import sha512
        a = bytes(a)
        return int.from_bytes(a + sha512(a).digest(), 'big')
    raise TypeError('The only supported seed types are: None,\nint, float, str, bytes, and bytearray.')


def _index(x, pos):
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float) and x == int(x):
        return int(x)
    raise ValueError('non-integer %s for randrange()' % pos)


def _mt_init(s):
    # init_genrand: fill the state from one 32-bit value
    mt = [0] * _N
    mt[0] = s & _M32
    for i in range(1, _N):
        prev = mt[i - 1]
        mt[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & _M32
    return mt


def _mt_from_int(n):
    """The twister's state for seed n >= 0: init_by_array with n's 32-bit
    words, least significant first (CPython's init_by_array of the key)."""
    key = []
    while n:
        key.append(n & _M32)
        n >>= 32
    if not key:
        key = [0]
    mt = _mt_init(19650218)
    klen = len(key)
    i, j = 1, 0
    for _ in range(max(_N, klen)):
        prev = mt[i - 1]
        mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1664525)) + key[j] + j) & _M32
        i += 1
        j += 1
        if i >= _N:
            mt[0] = mt[_N - 1]
            i = 1
        if j >= klen:
            j = 0
    for _ in range(_N - 1):
        prev = mt[i - 1]
        mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) - i) & _M32
        i += 1
        if i >= _N:
            mt[0] = mt[_N - 1]
            i = 1
    mt[0] = 0x80000000
    return mt


def _mt_twist(mt):
    # regenerate all 624 words (the recurrence with M = 397)
    for k in range(_N):
        y = (mt[k] & 0x80000000) | (mt[(k + 1) % _N] & 0x7FFFFFFF)
        v = mt[(k + 397) % _N] ^ (y >> 1)
        if y & 1:
            v ^= 0x9908B0DF
        mt[k] = v


class Random:
    """The Mersenne Twister with CPython's seeding; the distribution methods
    use random() and getrandbits(), so subclasses may replace those two."""

    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)

    def seed(self, a=None, version=2):
        n = _seed_int(a, version)
        if n is None:
            n = (_c.getrandbits(32) << 96) | (_c.getrandbits(32) << 64) | \
                (_c.getrandbits(32) << 32) | _c.getrandbits(32)
        self._mt = _mt_from_int(n)
        self._mti = _N
        self.gauss_next = None

    def _genrand(self):
        # one tempered 32-bit output word
        i = self._mti
        mt = self._mt
        if i >= _N:
            _mt_twist(mt)
            i = 0
        y = mt[i]
        self._mti = i + 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        return y ^ (y >> 18)

    def random(self):
        # 53 bits: 27 from one word, 26 from the next
        a = self._genrand() >> 5
        b = self._genrand() >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        if k <= 32:
            return self._genrand() >> (32 - k) if k else 0
        r = 0
        shift = 0
        while k > 0:  # whole words, least significant first
            w = self._genrand()
            if k < 32:
                w >>= 32 - k
            r |= w << shift
            shift += 32
            k -= 32
        return r

    def getstate(self):
        return (self.VERSION, tuple(self._mt) + (self._mti,), self.gauss_next)

    def setstate(self, state):
        if not isinstance(state, tuple) or len(state) != 3:
            raise TypeError('state vector must be a tuple')
        if state[0] != self.VERSION:
            raise ValueError('state with version %r passed to Random.setstate() of version %s'
                             % (state[0], self.VERSION))
        words = state[1]
        if not isinstance(words, tuple) or len(words) != _N + 1:
            raise ValueError('state vector is the wrong size')
        mti = words[_N]
        if not 0 <= mti <= _N:
            raise ValueError('invalid state')
        self._mt = [w & _M32 for w in words[:_N]]
        self._mti = mti
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
        return self.getrandbits(n * 8).to_bytes(n, 'little')

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
        # CPython's choice of method (and so of the numbers drawn): a pool
        # list when it is smaller than the set of picks would be
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3) / _LOG4)
        randbelow = self._randbelow
        out = []
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                out.append(pool[j])
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = randbelow(n)
                while j in selected:
                    j = randbelow(n)
                selected.add(j)
                out.append(population[j])
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
    """The module-level generator: MicroPython's C generator (seeded by the
    sandbox) until the program seeds it, then the twister."""

    def __init__(self):
        self._mt = None
        self.gauss_next = None

    def seed(self, a=None, version=2):
        if a is None:
            self._mt = None
            self.gauss_next = None
        else:
            Random.seed(self, a, version)

    def random(self):
        if self._mt is None:
            return _c.random()
        return Random.random(self)

    def _randbelow(self, n):
        if self._mt is None and n < 0x40000000:
            return _c.randrange(n)
        return Random._randbelow(self, n)

    def getrandbits(self, k):
        if self._mt is not None:
            return Random.getrandbits(self, k)
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        if k <= 32:
            return _c.getrandbits(k) if k else 0
        r = 0
        got = 0
        while got < k:
            n = min(32, k - got)
            r = (r << n) | _c.getrandbits(n)
            got += n
        return r

    def getstate(self):
        if self._mt is None:  # take the twister over from here on
            Random.seed(self, None)
        return Random.getstate(self)

    def setstate(self, state):
        if self._mt is None:
            self._mt = [0] * _N
        Random.setstate(self, state)


class SystemRandom(Random):
    def __init__(self, x=None):
        self.gauss_next = None

    def seed(self, *args, **kwds):
        return None

    def random(self):
        return _c.random()

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        r = 0
        got = 0
        while got < k:
            n = min(32, k - got)
            r = (r << n) | _c.getrandbits(n)
            got += n
        return r

    def getstate(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    setstate = getstate


_inst = _ModuleRandom()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
choice = _inst.choice


def randint(a, b):
    # the C function for the common case (ints of a small range): it is fast
    if _inst._mt is None and type(a) is int and type(b) is int and a <= b \
            and -0x40000000 < a and b < 0x3FFFFFFF:
        return _c.randint(a, b)
    return _inst.randint(a, b)


def randrange(start, stop=None, step=1):
    if _inst._mt is None and type(start) is int and stop is None and 0 < start < 0x40000000:
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
