# functools: lru_cache, cache, partial, reduce, singledispatch, cmp_to_key.
from functools import lru_cache, cache, partial, reduce, singledispatch, cmp_to_key
import operator


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80))
print(fib.cache_info())
fib.cache_clear()
print(fib.cache_info())


@cache
def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


print(factorial(25))


@lru_cache(maxsize=2)
def square(x):
    print(f"computing {x}")
    return x * x


for v in [1, 2, 1, 3, 1, 2]:
    square(v)
print(square.cache_info())

power_of_two = partial(pow, 2)
print(power_of_two(10), partial(int, base=2)("1011"))
p = partial(print, sep=" | ")
p("a", "b", "c")
print(p.func, p.args, p.keywords)
print(reduce(operator.mul, range(1, 6)), reduce(lambda a, b: a + b, [], 100))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde"], 0))


@singledispatch
def describe(x):
    return f"something: {x!r}"


@describe.register
def _(x: int):
    return f"an int: {x}"


@describe.register(list)
def _(x):
    return f"a list of {len(x)}"


print(describe(5), describe([1, 2]), describe("s"), describe(True))


def compare(a, b):
    return (a > b) - (a < b)


print(sorted(["banana", "Apple", "cherry"], key=cmp_to_key(lambda a, b: compare(a.lower(), b.lower()))))
