# random for mpbox, written from the CPython 3.11 documentation.
# The generator is the Mersenne Twister (MT19937, Matsumoto and Nishimura's
# published algorithm) seeded the way CPython seeds it, so that
# random.seed(n) followed by random(), randint(), choice(), shuffle(),
# sample(), uniform(), gauss()... gives CPython's numbers. Until the program
# seeds the module-level generator, the module-level functions draw from
# MicroPython's C generator instead (fast, and seeded by the sandbox:
# --deterministic/--seed give the same numbers every run); random.seed(None)
# goes back to it. random.Random(x) instances always run the twister.
# The twister's state lives in guest memory (an array per generator); the
# host seeds it, twists it and tempers its outputs (util/twister.c), so
# that a draw reads a small int where Python would make big ints.

from _builtin import builtin_module
_c = builtin_module('random')  # the built-in C module
del builtin_module

import js as _js
from array import array
from uctypes import addressof as _addressof

from math import log as _log, exp as _exp, sqrt as _sqrt, cos as _cos, sin as _sin, pi as _pi
from math import acos as _acos, floor as _floor, ceil as _ceil, frexp as _frexp

__all__ = ['Random', 'SystemRandom', 'seed', 'random', 'uniform', 'randint', 'choice', 'sample',
           'randrange', 'shuffle', 'normalvariate', 'lognormvariate', 'expovariate',
           'vonmisesvariate', 'gammavariate', 'triangular', 'gauss', 'betavariate',
           'paretovariate', 'weibullvariate', 'getstate', 'setstate', 'getrandbits', 'choices',
           'randbytes', 'binomialvariate']

_M32 = 0xFFFFFFFF
_N = 624  # outputs in a block (Random._w)
_WHOLE = _N  # where Random._w holds the whole outputs
_STATE = 2 * _N  # and the state
_UNSEEDED = 1 << 29  # Random._i of the module's generator before seeding
_TWO_53 = 1 << 53
_TWO_M53 = 1.0 / 9007199254740992.0
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


def _c_getrandbits(k):
    # k >= 0 bits from MicroPython's C generator, 32 at a time
    r = 0
    while k > 0:
        n = min(32, k)
        r = (r << n) | _c.getrandbits(n)
        k -= n
    return r


def _index(x, pos):
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float) and x == int(x):
        return int(x)
    raise ValueError('non-integer %s for randrange()' % pos)


def _host(op, words, key=b''):
    # one step of the host's twister on this generator's words (core/internal.c, "mt19937")
    payload = '%s %d %d' % (op, _addressof(words), len(words) * 4)
    if key:
        payload += ' %d %d' % (_addressof(key), len(key))
    if _js.mpbox_internal('mt19937', payload) != '[null]':
        raise RuntimeError('random: the host refused the generator')


class Random:
    """The Mersenne Twister with CPython's seeding; the distribution methods
    use random() and _randbelow(), which follow the subclass's random() and
    getrandbits() as CPython's do.

    A generator's words (self._w, an array('I') in guest memory) are the 624
    outputs of the current block shifted right by 2 (30 bits: small ints, so
    that random() and small ranges make no big ints), the same outputs whole
    (_WHOLE + i), then the state (_STATE + i); the host twists the state and
    tempers the outputs. self._i is the index of the next output (624: the
    block is used up). In the module's generator before the program seeds
    it, _w is None and _i is _UNSEEDED: every draw takes the slow branch,
    which asks MicroPython's C generator."""

    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)

    def __init_subclass__(cls, **kwargs):
        # CPython's rule: integers come from the nearest getrandbits() or
        # random() a subclass defines, unless it defines _randbelow()
        for c in cls.__mro__:
            d = c.__dict__
            if '_randbelow' in d:
                break
            if 'getrandbits' in d:
                cls._randbelow = cls._randbelow_with_getrandbits
                break
            if 'random' in d:
                cls._randbelow = cls._randbelow_without_getrandbits
                break

    def seed(self, a=None, version=2):
        n = _seed_int(a, version)
        if n is None:
            n = (_c.getrandbits(32) << 96) | (_c.getrandbits(32) << 64) | \
                (_c.getrandbits(32) << 32) | _c.getrandbits(32)
        # init_by_array's key: n's 32-bit words, least significant first
        key = n.to_bytes(max(4, (_bitlen(n) + 31) // 32 * 4), 'little')
        self._w = array('I', bytes(12 * _N))
        _host('seed', self._w, key)
        self._i = _N
        self.gauss_next = None

    def _word(self):
        # the next whole 32-bit output
        i = self._i
        if i >= _N:
            _host('twist', self._w)
            i = 0
        self._i = i + 1
        return self._w[_WHOLE + i]

    def random(self):
        # 53 bits: 27 from one output, 26 from the next
        i = self._i
        if i < _N - 1:
            self._i = i + 2
            w = self._w
            return ((w[i] >> 3) * 67108864.0 + (w[i + 1] >> 4)) * _TWO_M53
        if i == _UNSEEDED:
            return _c.random()
        return ((self._word() >> 5) * 67108864.0 + (self._word() >> 6)) * _TWO_M53

    def getrandbits(self, k):
        i = self._i
        if i < _N and 0 < k <= 32:
            self._i = i + 1
            if k <= 30:
                return self._w[i] >> (30 - k)
            return self._w[_WHOLE + i] >> (32 - k)
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        if i == _UNSEEDED:
            return _c_getrandbits(k)
        if k <= 32:
            return self._word() >> (32 - k) if k else 0
        r = 0
        shift = 0
        while k > 0:  # whole outputs, least significant first
            w = self._word()
            if k < 32:
                w >>= 32 - k
            r |= w << shift
            shift += 32
            k -= 32
        return r

    def getstate(self):
        return (self.VERSION, tuple(self._w[_STATE:]) + (self._i,), self.gauss_next)

    def setstate(self, state):
        version, words, gauss_next = state
        if version == 2:  # saved as signed ints
            words = tuple(x % (2 ** 32) for x in words)
        elif version != self.VERSION:
            raise ValueError('state with version %r passed to Random.setstate() of version %s'
                             % (version, self.VERSION))
        if not isinstance(words, tuple):
            raise TypeError('state vector must be a tuple')
        if len(words) != _N + 1:
            raise ValueError('state vector is the wrong size')
        for x in words:
            if not 0 <= x <= _M32:
                raise OverflowError("can't convert %s to a 32-bit word" % x)
        i = words[_N]
        if not 0 <= i <= _N:
            raise ValueError('invalid state')
        w = array('I', bytes(8 * _N))
        w.extend(array('I', words[:_N]))
        _host('temper', w)
        self._w = w
        self._i = i
        self.gauss_next = gauss_next

    # copy.copy, copy.deepcopy: a generator of its own in the same state
    def __getstate__(self):
        return self.getstate()

    def __setstate__(self, state):
        self.setstate(state)

    def __reduce__(self):
        return self.__class__, (), self.getstate()

    # integers

    def _randbelow(self, n):
        # getrandbits(n.bit_length()) until below n (n >= 1), read straight
        # from the block while it lasts and n is below 2**30
        if n < 0x40000000:
            shift = 30 - _frexp(n)[1]  # n's bit length (int.bit_length is Python here)
            w = self._w
            i = self._i
            while i < _N:
                r = w[i] >> shift
                i += 1
                if r < n:
                    self._i = i
                    return r
            if i == _UNSEEDED:
                return _c.randrange(n)
            self._i = i
        return self._randbelow_with_getrandbits(n)

    def _randbelow_with_getrandbits(self, n):
        k = _bitlen(n)
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def _randbelow_without_getrandbits(self, n):
        # for subclasses with only random(): 53-bit floats, the top of the
        # range that does not divide evenly by n rejected
        random = self.random
        if n >= _TWO_53:
            from warnings import warn as _warn
            _warn('Underlying random() generator does not supply \n'
                  'enough bits to choose from a population range this large.\n'
                  'To remove the range limitation, add a getrandbits() method.')
            return _floor(random() * n)
        limit = (_TWO_53 - _TWO_53 % n) / _TWO_53
        r = random()
        while r >= limit:
            r = random()
        return _floor(r * _TWO_53) % n

    def randrange(self, start, stop=None, step=1):
        istart = start if type(start) is int else _index(start, 'arg 1')
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError('empty range for randrange()')
        istop = stop if type(stop) is int else _index(stop, 'stop')
        width = istop - istart
        istep = step if type(step) is int else _index(step, 'step')
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
        if type(a) is int and type(b) is int and a <= b:
            return a + self._randbelow(b - a + 1)
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
        self.seed(None)

    def seed(self, a=None, version=2):
        if a is None:
            self._w = None
            self._i = _UNSEEDED
            self.gauss_next = None
        else:
            Random.seed(self, a, version)

    def getstate(self):
        if self._w is None:  # take the twister over from here on
            Random.seed(self, None)
        return Random.getstate(self)


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
        return _c_getrandbits(k)

    def getstate(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')

    setstate = getstate


_inst = _ModuleRandom()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
choice = _inst.choice


# randint and randrange of a small range go straight to _randbelow (or to
# the C generator before the program seeds): a Python call or two fewer


def randint(a, b):
    if type(a) is int and type(b) is int and a <= b:
        if _inst._w is not None:
            if b - a < 0x3FFFFFFF:
                return a + _inst._randbelow(b - a + 1)
        elif -0x40000000 < a and b < 0x3FFFFFFF:
            return _c.randint(a, b)
    return _inst.randint(a, b)


def randrange(start, stop=None, step=1):
    if stop is None and type(start) is int and 0 < start < 0x40000000:
        if _inst._w is not None:
            return _inst._randbelow(start)
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
