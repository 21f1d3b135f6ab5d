# random's Mersenne Twister against CPython 3.11, across many seeds and
# every method: draws that cross the 624-word blocks at even and odd
# positions, getrandbits(k) for k in 1..100, getstate()/setstate() round
# trips anywhere in a block, subclasses that replace random() or
# getrandbits() (CPython's rule for _randbelow), copies. Floats are printed
# as the hex of their IEEE bytes; long runs as a digest of that text, with
# their first values in clear.
import copy
import hashlib
import random
import struct


def f(x):
    return struct.pack('>d', x).hex()


def g(x):
    return '%.12g' % x


def digest(values):
    text = ' '.join(f(v) if isinstance(v, float) else repr(v) for v in values)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def show(label, values):
    values = list(values)
    head = ' '.join(f(v) if isinstance(v, float) else repr(v) for v in values[:3])
    print(label, len(values), head, digest(values))


def err(fn, *args):
    try:
        fn(*args)
        return 'no error'
    except Exception as e:
        return type(e).__name__


SEEDS = [0, 1, 2, 3, 7, 42, 99, 123, 1000, 2 ** 16, 2 ** 30 - 1, 2 ** 30, 2 ** 31, 2 ** 32 - 1, 2 ** 32,
         2 ** 32 + 1, 2 ** 63, 2 ** 64 + 3, 2 ** 200 + 17, 3 ** 500, -1, -42, -(2 ** 40), 10 ** 40,
         '', 'a', 'hello world', 'ünïcödé', b'', b'\x00\xff', bytearray(b'abc'), 0.5, -1.5, 1e300,
         3.141592653589793, True, False]

# every method after each seed, on an instance and on the module
for seed in SEEDS:
    r = random.Random(seed)
    out = [r.random() for _ in range(5)]
    out += [r.getrandbits(k) for k in range(1, 101)]  # 2.5k words: crosses blocks
    out += [r.randrange(10), r.randrange(1, 1000, 7), r.randrange(2 ** 30), r.randrange(2 ** 31 + 5),
            r.randrange(-50, 50), r.randrange(10 ** 30), r.randint(1, 6), r.randint(-10 ** 20, 10 ** 20)]
    out += [r.choice('abcdef'), r.choice(range(10 ** 6))]
    deck = list(range(52))
    r.shuffle(deck)
    out += deck
    out += r.sample(range(100), 10) + r.sample(range(10 ** 9), 5)
    out += r.choices('xyz', k=4) + r.choices('xyz', weights=[1, 2, 3], k=4)
    out += [r.uniform(-3, 3)] + [g(x) for x in (
            r.triangular(0, 1, 0.2), r.gauss(0, 1), r.gauss(0, 1), r.normalvariate(2, 3),
            r.lognormvariate(0, 0.5), r.expovariate(2.0), r.vonmisesvariate(1.0, 4.0),
            r.gammavariate(0.5, 1.0), r.gammavariate(2.5, 1.0), r.betavariate(2, 5), r.paretovariate(3),
            r.weibullvariate(1, 1.5))]
    out.append(r.randbytes(9))
    random.seed(seed)
    mod = [random.random(), random.randrange(1000), random.randint(5, 500), random.getrandbits(33),
           random.choice('qwerty'), random.uniform(0, 1), random.randrange(3, 10 ** 12)]
    show(repr(seed), out + mod)

# the first draw of many fresh generators (seeding speed matters to agents)
show('first of 300', [random.Random(i).random() for i in range(300)])
show('first of strings', [random.Random('key%d' % i).randrange(10 ** 6) for i in range(100)])

# odd positions: one word taken before 53-bit floats, across block ends
for skip in range(4):
    r = random.Random(2024)
    head = [r.getrandbits(32) for _ in range(skip)]
    show('skip %d' % skip, head + [r.random() for _ in range(1000)])
r = random.Random(5)
show('mixed', [r.getrandbits(k % 37) if k % 3 else r.random() for k in range(3000)])
r = random.Random(6)
show('small ranges', [r.randrange(n) for n in list(range(1, 300)) * 5])
show('near 2**30', [r.randrange(2 ** 30 - n) for n in range(3)] + [r.randrange(2 ** 30 + n) for n in range(3)])

# getstate/setstate anywhere in a block, between instances and back
r = random.Random(77)
for taken in [0, 1, 2, 311, 622, 623, 624, 625, 1247, 1248]:
    r.seed(77)
    for _ in range(taken):
        r.getrandbits(32)
    s = r.getstate()
    a = [r.random() for _ in range(700)]
    r2 = random.Random(1)
    r2.setstate(s)
    b = [r2.random() for _ in range(700)]
    r.setstate(s)
    print(taken, s[1][-1], digest(s[1]), a == b, a == [r.random() for _ in range(700)], digest(a))
r.seed(3)
r.gauss(0, 1)
s = r.getstate()
print('gauss_next kept', g(s[2]), g(r.gauss(0, 1)), r.setstate(s), g(r.gauss(0, 1)))
random.seed(8)
random.random()
s = random.getstate()
x = [random.random() for _ in range(5)]
random.setstate(s)
print('module state', x == [random.random() for _ in range(5)], digest(random.getstate()[1]))
words = tuple(range(624)) + (624,)
r.setstate((3, words, None))
print('hand-made state', r.getrandbits(32), f(r.random()))
print('errors', err(r.getrandbits, -1), err(r.setstate, (3, words[:-1], None)),
      err(r.setstate, (2, words, None)), err(r.setstate, (3, words[:-1] + (625,), None)),
      err(r.setstate, [3, words, None]), err(r.setstate, (3, words[:5] + (-1,) + words[6:], None)),
      err(r.setstate, (3, list(words), None)), err(r.setstate, (3, words)), err(r.randrange, 0), err(r.choice, []))
r.setstate((2, tuple(x - 2 ** 31 for x in words[:-1]) + (3,), 0.5))
print('version 2 state', r.getrandbits(32), f(r.random()), g(r.gauss()))


# subclasses: integers follow the nearest random() or getrandbits()
class Counting(random.Random):
    calls = 0

    def getrandbits(self, k):
        Counting.calls += 1
        return super().getrandbits(k)


class OnlyRandom(random.Random):
    def random(self):
        return super().random()


class Constant(random.Random):
    def random(self):
        return 0.6180339887


class Below(OnlyRandom):
    def _randbelow(self, n):
        return n - 1


class Both(random.Random):
    n = 0

    def random(self):
        return 0.25

    def getrandbits(self, k):  # a fixed sequence: integers come from here
        Both.n += 1
        return (Both.n * 2654435761) & ((1 << k) - 1)


class Grand(Counting):
    pass


for cls in [Counting, OnlyRandom, Constant, Below, Both, Grand]:
    r = cls(11)
    deck = list(range(20))
    r.shuffle(deck)
    out = [r.randrange(1000) for _ in range(20)] + [r.choice('abcdefgh'), r.randint(3, 9)] + deck
    out += r.sample(range(50), 6) + [r.random(), r.uniform(1, 2)]
    if cls is not Both:
        out += [r.randrange(2 ** 40)]
    show(cls.__name__, out)
print('getrandbits calls', Counting.calls)

# copies are generators of their own in the same state
r = random.Random(31)
r.random()
for make in (copy.copy, copy.deepcopy):
    c = make(r)
    a = [c.random() for _ in range(700)]
    b = [r.random() for _ in range(700)]
    print(make.__name__, type(c).__name__, a == b, c.getstate() == r.getstate())
    c.random()
    print('independent', c.getstate() != r.getstate())
