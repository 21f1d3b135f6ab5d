# random: the exact numbers CPython 3.11 gives after random.seed(x) or from
# random.Random(x) (the Mersenne Twister and CPython's seeding). Floats are
# printed as the hex of their IEEE bytes, so this checks the generator bit
# for bit and not float printing.
import random
import struct


def f(x):
    return struct.pack('>d', x).hex()


def fl(xs):
    return ' '.join(f(x) for x in xs)


for seed in [0, 1, 42, 2024, -7, 2 ** 32, 2 ** 100 + 5, 'text seed', b'bytes', bytearray(b'ba'), 3.5, -0.25, True]:
    random.seed(seed)
    print(repr(seed), fl(random.random() for _ in range(3)), random.getrandbits(32), random.getrandbits(70))

random.seed(42)
print(random.randint(1, 100), random.randint(1, 100), random.randint(-10 ** 12, 10 ** 12))
print(random.randrange(100), random.randrange(5, 500, 7), random.randrange(100, 0, -3))
print(random.choice('abcdefg'), random.choice(range(1000)), random.choice([None, 1, 'x']))
deck = list(range(30))
random.shuffle(deck)
print(deck)
print(random.sample(range(100), 5), random.sample(range(10), 10), random.sample(range(10 ** 6), 8))
print(random.sample(range(40), 25))
print(random.sample(['a', 'b', 'c', 'd'], counts=[1, 2, 3, 4], k=6))
print(random.choices('abc', k=6), random.choices('abc', weights=[5, 1, 1], k=6))
print(random.choices(range(4), cum_weights=[1, 2, 3.5, 4], k=5))
print(fl([random.uniform(1, 10), random.triangular(0, 10, 3), random.expovariate(1.5)]))
print(fl([random.gauss(0, 1), random.gauss(0, 1), random.gauss(5, 2), random.normalvariate(0, 1)]))
print(fl([random.lognormvariate(0, 1), random.vonmisesvariate(1, 2), random.paretovariate(2),
          random.weibullvariate(1, 2)]))
print(fl([random.gammavariate(0.5, 1), random.gammavariate(1, 2), random.gammavariate(3, 1),
          random.betavariate(2, 3)]))
print(random.randbytes(7).hex(), random.getrandbits(0), random.getrandbits(1))

r = random.Random(7)
print(fl([r.random(), r.random()]), r.randint(0, 9), r.choice('xyz'))
state = r.getstate()
a = [r.random() for _ in range(700)]
r.setstate(state)
print(a == [r.random() for _ in range(700)], len(state), state[0], len(state[1]))
r.seed(7)
print(f(r.random()))
print(f(random.Random('abc').random()), f(random.Random(b'abc').random()))
print(f(random.Random(12345678901234567890).random()))
print(random.Random(5).sample(range(1000), 12))
random.seed('seed one', version=1)
print(f(random.random()))
random.seed(99)
s = random.getstate()
x = random.random()
random.setstate(s)
print(x == random.random())
