# random: the CPython 3.11 API, by properties (types, bounds, lengths,
# membership, reproducibility with a seed, means of many draws, errors).
# test_random_mt.py checks the numbers themselves against CPython's.
# Output must be identical under python3 and mpbox.
import random


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'error', type(e).__name__, e)
    else:
        print(label, r)


def draws(f, n=2000):
    return [f() for _ in range(n)]


def mean(xs):
    return sum(xs) / len(xs)


def near(x, target, tol):
    return abs(x - target) <= tol


random.seed(12345)

# reproducibility
random.seed(42)
a = [random.random() for _ in range(5)]
random.seed(42)
b = [random.random() for _ in range(5)]
show('seed repeat', lambda: a == b)
random.seed('text seed')
c = random.randint(0, 10 ** 9)
random.seed('text seed')
show('seed str repeat', lambda: c == random.randint(0, 10 ** 9))
random.seed(b'bytes')
show('seed bytes', lambda: 0 <= random.random() < 1)
show('seed bad', lambda: random.seed([1]))
random.seed(7)

# floats
xs = draws(random.random)
show('random bounds', lambda: (min(xs) >= 0.0, max(xs) < 1.0, type(xs[0]).__name__))
show('random mean', lambda: near(mean(xs), 0.5, 0.05))
us = draws(lambda: random.uniform(5, 10))
show('uniform', lambda: (min(us) >= 5, max(us) <= 10, near(mean(us), 7.5, 0.25)))
show('uniform reversed', lambda: 1 <= random.uniform(5, 1) <= 5)

# integers
ints = draws(lambda: random.randint(1, 6))
show('randint', lambda: (sorted(set(ints)), near(mean(ints), 3.5, 0.2)))
show('randint one', lambda: random.randint(4, 4))
show('randint bad', lambda: random.randint(5, 1))
rs = draws(lambda: random.randrange(0, 20, 5))
show('randrange step', lambda: sorted(set(rs)))
rs = draws(lambda: random.randrange(10, 0, -3))
show('randrange negative step', lambda: sorted(set(rs)))
show('randrange one arg', lambda: sorted(set(draws(lambda: random.randrange(3)))))
show('randrange empty', lambda: random.randrange(0))
show('randrange empty2', lambda: random.randrange(5, 2))
show('randrange zero step', lambda: random.randrange(0, 10, 0))
show('randrange big', lambda: 0 <= random.randrange(10 ** 30) < 10 ** 30)
show('randrange big spread', lambda: max(random.randrange(10 ** 30) for _ in range(50)) > 10 ** 28)
show('getrandbits', lambda: (random.getrandbits(0), random.getrandbits(8) < 256, random.getrandbits(100) < 2 ** 100))
show('getrandbits high', lambda: max(random.getrandbits(100) for _ in range(50)) >= 2 ** 95)
show('getrandbits neg', lambda: random.getrandbits(-1))
show('randbytes', lambda: (type(random.randbytes(6)).__name__, len(random.randbytes(6))))

# sequences
seq = ['a', 'b', 'c', 'd']
show('choice', lambda: sorted(set(draws(lambda: random.choice(seq), 400))))
show('choice str', lambda: random.choice('xyz') in 'xyz')
show('choice tuple', lambda: random.choice((7,)))
show('choice empty', lambda: random.choice([]))
deck = list(range(20))
random.shuffle(deck)
show('shuffle', lambda: (sorted(deck) == list(range(20)), len(deck)))
moved = 0
for _ in range(50):
    d = list(range(10))
    random.shuffle(d)
    moved += d != list(range(10))
show('shuffle moves', lambda: moved >= 45)
show('shuffle empty', lambda: random.shuffle([]))
s = random.sample(range(100), 10)
show('sample', lambda: (len(s), len(set(s)), all(0 <= v < 100 for v in s)))
show('sample all', lambda: sorted(random.sample(seq, 4)))
show('sample zero', lambda: random.sample(seq, 0))
show('sample too many', lambda: random.sample(seq, 5))
show('sample set', lambda: random.sample({1, 2, 3}, 2))
cs = random.sample(['red', 'blue'], 5, counts=[4, 2])
show('sample counts', lambda: (len(cs), cs.count('red') <= 4, cs.count('blue') <= 2))
show('sample counts bad', lambda: random.sample(['a', 'b'], 1, counts=[1]))

# choices
ch = random.choices(['x', 'y', 'z'], k=3000)
show('choices', lambda: (len(ch), sorted(set(ch)), near(ch.count('x') / 3000, 1 / 3, 0.05)))
w = random.choices(['a', 'b'], weights=[9, 1], k=2000)
show('choices weights', lambda: near(w.count('a') / 2000, 0.9, 0.03))
w = random.choices(['a', 'b', 'c'], cum_weights=[1, 1, 2], k=2000)
show('choices cum_weights', lambda: ('b' not in w, near(w.count('a') / 2000, 0.5, 0.05)))
show('choices zero weight', lambda: set(random.choices('ab', [0, 1], k=50)))
show('choices default k', lambda: len(random.choices([1, 2])))
show('choices both', lambda: random.choices([1, 2], [1, 1], cum_weights=[1, 2]))
show('choices len', lambda: random.choices([1, 2], [1]))
show('choices total', lambda: random.choices([1, 2], [0, 0]))

# distributions
g = draws(lambda: random.gauss(10, 2), 4000)
show('gauss', lambda: (near(mean(g), 10, 0.15), near(mean([(v - 10) ** 2 for v in g]) ** 0.5, 2, 0.15)))
n = draws(lambda: random.normalvariate(0, 1), 4000)
show('normalvariate', lambda: (near(mean(n), 0, 0.06), near(mean([v * v for v in n]), 1, 0.1)))
show('gauss defaults', lambda: type(random.gauss()).__name__)
e = draws(lambda: random.expovariate(2.0), 4000)
show('expovariate', lambda: (min(e) >= 0, near(mean(e), 0.5, 0.04)))
show('expovariate zero', lambda: random.expovariate(0))
t = draws(lambda: random.triangular(0, 10, 8))
show('triangular', lambda: (min(t) >= 0, max(t) <= 10, near(mean(t), 6, 0.3)))
show('triangular same', lambda: random.triangular(3, 3))
bv = draws(lambda: random.betavariate(2, 5))
show('betavariate', lambda: (min(bv) >= 0, max(bv) <= 1, near(mean(bv), 2 / 7, 0.03)))
gv = draws(lambda: random.gammavariate(3.0, 2.0))
show('gammavariate', lambda: near(mean(gv), 6.0, 0.4))
gv = draws(lambda: random.gammavariate(0.5, 1.0))
show('gammavariate small', lambda: near(mean(gv), 0.5, 0.1))
show('gammavariate bad', lambda: random.gammavariate(-1, 1))
ln = draws(lambda: random.lognormvariate(0, 0.5))
show('lognormvariate', lambda: (min(ln) > 0, near(mean(ln), 1.1331, 0.06)))
pv = draws(lambda: random.paretovariate(3))
show('paretovariate', lambda: (min(pv) >= 1, near(mean(pv), 1.5, 0.1)))
wv = draws(lambda: random.weibullvariate(1, 1))
show('weibullvariate', lambda: near(mean(wv), 1.0, 0.1))
vm = draws(lambda: random.vonmisesvariate(0, 4))
show('vonmisesvariate', lambda: (min(vm) >= 0, max(vm) < 6.2832))

# Random instances
r1 = random.Random(99)
r2 = random.Random(99)
show('Random same seed', lambda: [r1.random() for _ in range(5)] == [r2.random() for _ in range(5)])
show('Random other seed', lambda: random.Random(1).random() != random.Random(2).random())
show('Random independent', lambda: (random.seed(1), random.Random(5).random() == random.Random(5).random())[1])
r3 = random.Random('abc')
state = r3.getstate()
first = [r3.randint(0, 1000) for _ in range(5)]
r3.setstate(state)
show('Random state', lambda: first == [r3.randint(0, 1000) for _ in range(5)])
r4 = random.Random(3)
d1 = list(range(10))
r4.shuffle(d1)
r4.seed(3)
d2 = list(range(10))
r4.shuffle(d2)
show('Random reseed', lambda: d1 == d2)
show('Random methods', lambda: (0 <= r4.uniform(1, 2) - 1 <= 1, r4.choice('q'), len(r4.sample(range(5), 3)),
                                len(r4.choices('ab', k=4)), type(r4.gauss(0, 1)).__name__))
show('Random bounds', lambda: (min(draws(r4.random)) >= 0, max(draws(r4.random)) < 1,
                               near(mean(draws(r4.random, 4000)), 0.5, 0.03)))
show('Random randint', lambda: sorted(set(r4.randint(1, 3) for _ in range(300))))
show('Random getrandbits', lambda: max(r4.getrandbits(64) for _ in range(40)) >= 2 ** 60)
show('Random seed none', lambda: 0 <= random.Random().random() < 1)
show('SystemRandom', lambda: 0 <= random.SystemRandom().random() < 1)
show('SystemRandom randint', lambda: 1 <= random.SystemRandom().randint(1, 2) <= 2)


class Fixed(random.Random):
    def random(self):
        return 0.5


show('subclass random', lambda: (Fixed().uniform(0, 10), Fixed().triangular(0, 1)))
