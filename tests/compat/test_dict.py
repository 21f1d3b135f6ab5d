# Built-in dict order and behaviour (host/map.c, guest/map.c), compared with
# CPython: insertion order everywhere a dict shows up, deletes and
# re-inserts, popitem, copies, big dicts, keys with their own __hash__ and
# __eq__ (exceptions, mutation during a lookup).
import json

d = {}
for k in [5, 3, 9, 1, 7, -2, 0]:
    d[k] = k * k
print(d, list(d), list(d.values()), list(d.items()))

d = {"b": 1, "a": 2}
d["c"] = 3
del d["b"]
d["b"] = 4
d["a"] = 20  # assignment to an existing key keeps its place
print(d, len(d))
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError:
    print("KeyError")

# every way of making a dict keeps the order it was given
print(dict(z=1, y=2, x=3), dict([("q", 1), ("p", 2), ("o", 3)]), dict.fromkeys("hello world"))
print({k: len(k) for k in ["pear", "fig", "apple", "kiwi"]})
print(dict({"x": 1, "a": 2}, m=3))
u = {"one": 1, "two": 2}
u.update({"three": 3, "one": 11})
u.update(four=4)
print(u, u.setdefault("five", 5), u.setdefault("one", 0), u)
print(u.pop("two"), u.pop("missing", None), u)
c = u.copy()
c["six"] = 6
del c["one"]
print(c, u, c == u, dict(c) == c)


def kw(**kwargs):
    return kwargs


print(kw(zeta=1, alpha=2, mid=3), kw(**{"b": 1, "a": 2}))


class Point:
    scale = 2
    origin = None

    def __init__(self, y, x):
        self.y = y
        self.x = x
        self.label = "p"


p = Point(1, 2)
print(p.__dict__, [k for k in Point.__dict__ if not k.startswith("__")])
print(json.dumps({"z": 1, "y": [1, {"q": 1, "p": 2}], "a": None}))
print(json.loads('{"z": 1, "b": 2, "a": {"y": 1, "x": 2}}'))

# True and 1, 1.0 and 1 are the same key; the first key object stays
m = {True: "t"}
m[1] = "one"
m[1.0] = "float"
print(m, {1: "a", True: "b"})

# mixed keys
mixed = {}
for k in [(1, 2), "s", 3, 2.5, None, frozenset([1]), b"b", -7]:
    mixed[k] = repr(k)
print(list(mixed.values()))
del mixed["s"], mixed[None]
mixed["s"] = "again"
print(list(mixed))

# a big dict of str keys: order, lookups, deletes, reinserts
N = 100000
big = {}
for i in range(N):
    big["key%d" % i] = i
print(len(big), list(big)[:3], list(big)[-3:], sum(big["key%d" % i] for i in range(0, N, 7)))
for i in range(0, N, 2):
    del big["key%d" % i]
print(len(big), list(big)[:3])
for i in range(0, N, 4):
    big["key%d" % i] = -i
print(len(big), list(big)[:2], list(big)[-2:], big.get("key2"), big.get("key4"), "key6" in big)
ints = {i * 7919: i for i in range(N)}
print(sum(ints[i * 7919] for i in range(N)), list(ints)[:3])
while len(ints) > 5:
    ints.popitem()
print(ints)


class Key:
    def __init__(self, name, h):
        self.name, self.h = name, h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return isinstance(other, Key) and self.name == other.name

    def __repr__(self):
        return "Key(%s)" % self.name


# colliding hashes: equality decides
coll = {Key("a", 1): 1, Key("b", 1): 2, Key("c", 1): 3}
print(coll, coll[Key("b", 1)], Key("d", 1) in coll)
del coll[Key("a", 1)]
coll[Key("a", 1)] = 4
print(coll)


class BadHash:
    def __hash__(self):
        raise ValueError("no hash")


class BadEq(Key):
    def __eq__(self, other):
        raise RuntimeError("no eq")

    __hash__ = Key.__hash__


try:
    {}[BadHash()] = 1
except ValueError as e:
    print("ValueError", e)
bad = {BadEq("x", 5): 1}
try:
    print(bad[BadEq("y", 5)])
except RuntimeError as e:
    print("RuntimeError", e)
print(len(bad))
try:
    {}[[1, 2]] = 3
except TypeError:
    print("TypeError unhashable")


# __eq__ that changes the dict being searched
class Mutator(Key):
    def __eq__(self, other):
        target.clear()
        return False

    __hash__ = Key.__hash__


target = {Mutator("m", 3): 1}
try:
    r = target.get(Mutator("n", 3))
    print("get", r, target)
except RuntimeError:
    print("RuntimeError")

# iteration order survives growth from a small dict to a big one
g = {}
for i in range(50):
    g[str(50 - i)] = i
    if i % 3 == 0:
        del g[str(50 - i)]
print(list(g)[:10], len(g))
