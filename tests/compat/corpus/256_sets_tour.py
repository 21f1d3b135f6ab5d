# Sets and frozensets.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([7]), a.intersection(b, {4}), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset(range(10)), a.isdisjoint({9}))
s = set()
s.add(3)
s.add(1)
s.update([2, 2, 5], "ab")
print(sorted(s, key=str), len(s))
s.discard(99)
s.remove("a")
try:
    s.remove("zz")
except KeyError as e:
    print("KeyError:", e)
print(sorted(map(str, s)))
fs = frozenset("hello")
print(sorted(fs), "h" in fs, len(fs), type(fs).__name__)
print(frozenset([1, 2]) == {1, 2}, {frozenset([1]): "one"})
try:
    fs.add("x")
except AttributeError as e:
    print("AttributeError:", e)
c = a.copy()
c |= {10}
c &= {1, 2, 10}
c -= {1}
print(c, a)
print(len(set("mississippi")), sorted(set("mississippi")))
print({x % 3 for x in range(10)}, set(), {()})
nums = [5, 1, 5, 2, 1, 9]
print(sorted(set(nums)), list(dict.fromkeys(nums)))
print(set([1, 2]) == set([2, 1]), {1, 2} == frozenset({1, 2}), hash(frozenset()) == hash(frozenset()))
print(a.pop() in {1, 2, 3, 4}, len(a))
print(set(range(5)) - {0}, {"a", "b"} | {"c"} == {"a", "b", "c"})
e = {True, 1, 1.0}
print(e, len(e))
print(repr(set()), repr(frozenset()), repr({1}))
