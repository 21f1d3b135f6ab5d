# functools: memoisation, reduce, partial, wraps, total_ordering, cmp_to_key.
import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])
print(fib(90))

@functools.cache
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)

print("grid paths 10x10:", grid_paths(10, 10))
print("product:", functools.reduce(lambda a, b: a * b, range(1, 11)))
print("max via reduce:", functools.reduce(max, [3, 9, 2, 7], 0))

def power(base, exp):
    return base ** exp

square = functools.partial(power, exp=2)
cube = functools.partial(power, exp=3)
print("squares:", list(map(square, range(6))), "cubes:", [cube(x) for x in range(4)])

def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        print(f"  {fn.__name__}{args} -> {result}")
        return result
    return wrapper

@logged
def add(a, b):
    """Add two numbers."""
    return a + b

add(2, 3)
print("wrapped name:", add.__name__)

@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

vs = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9"]]
print(sorted(vs), max(vs), Version("1.2") >= Version("1.1.9"))

def compare(a, b):
    return (len(a) > len(b)) - (len(a) < len(b)) or ((a > b) - (a < b))

print(sorted(["pear", "fig", "apple", "kiwi", "date"], key=functools.cmp_to_key(compare)))
