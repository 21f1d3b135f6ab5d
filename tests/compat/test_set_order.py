# Sets print and iterate in CPython's order (guest/setorder, host/set.c):
# small ints hash to themselves, so CPython's order is the same from run to
# run. Output must be identical under CPython 3.11 and mpbox.
import random

print({1, 2}, {2, 1}, {3, 1, 2}, {5, 3, 9, 1}, {7, 15}, {1, 9, 3}, {-1, -2, 0, 5}, {0, 8, 16, 24, 32})
print({10, 20, 30, 40, 50}, {100, 200, 300, 400, 500, 600}, {-100, 100, -7, 7})
print(set(range(20, 0, -1)), set([5, 5, 3, 3, 100, 7]), set(), {0})
s = set()
for i in [50, 3, 17, 99, 1000, 4, 64, 8, 33, 2]:
    s.add(i)
print(s)
s.discard(17)
s.discard(1000)
s.add(71)
s.add(1000)
print(s, len(s), 71 in s, 17 in s)
print({x * x for x in range(12)}, {x % 7 for x in range(100)})
a = {1, 2, 3, 40, 50}
b = {3, 4, 50, 60}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9, 8]), a.intersection(range(45)), a.difference({1}), a.symmetric_difference(b))
c = a.copy()
c.add(100)
print(c, set(a))
p = {9, 1, 5, 33}
print([p.pop() for _ in range(4)], p)
print(frozenset({30, 10, 20}), {True, 2, 0}, {1.0, 2, 3})
s = set(range(100))
for i in range(0, 100, 3):
    s.discard(i)
for i in range(200, 230):
    s.add(i)
print(s)
s = {1, 2, 3}
s |= {40, 41}
s -= {2}
s &= {1, 3, 40, 7}
print(s)
print(set(range(-5, 5)), {-100, 100, -7, 7})
primes = {n for n in range(2, 60) if all(n % d for d in range(2, n))}
print(primes, sorted(primes) == sorted(set(primes)))
words = 'the cat sat on the mat the end'.split()
print(len(set(words)), sorted(set(words)))
# random sets of ints built the ways programs build them
random.seed(7)
for trial in range(150):
    n = random.choice([3, 5, 8, 12, 20, 40, 100])
    hi = random.choice([10, 50, 200, 5000, 10 ** 6])
    xs = [random.randrange(-hi // 4, hi) for _ in range(n)]
    ys = [random.randrange(-hi // 4, hi) for _ in range(n // 2 + 1)]
    a = set(xs)
    b = set(ys)
    d = set(a)
    d.update(ys)
    m = set(xs)
    while len(m) > n // 2:
        m.pop()
    print(a, b, {x for x in xs}, d, a | b, a & b, a - b, b - a, m)
