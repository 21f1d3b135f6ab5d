# functools helpers in application code.
from functools import reduce, partial, lru_cache, wraps, total_ordering, cmp_to_key
print(reduce(lambda a, b: a * b, range(1, 8)), reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []))
to_hex = partial(int, base=16)
print(to_hex("ff"), to_hex("10"))
@lru_cache(maxsize=None)
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(80), ways.cache_info().hits > 0)
def logged(fn):
    @wraps(fn)
    def inner(*a, **k):
        print("calling", fn.__name__, a, k)
        return fn(*a, **k)
    return inner
@logged
def area(w, h=1):
    """Compute an area."""
    return w * h
print(area(3, h=4), area.__name__, area.__doc__)
@total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __repr__(self):
        return ".".join(map(str, self.parts))
vs = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9"]]
print(sorted(vs), max(vs), Version("1.0") >= Version("0.9"))
print(sorted(["b10", "a2", "b9", "a10"], key=cmp_to_key(lambda x, y: (x[0] > y[0]) - (x[0] < y[0]) or int(x[1:]) - int(y[1:]))))
