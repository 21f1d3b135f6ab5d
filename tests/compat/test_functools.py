# functools: lru_cache/cache, wraps, partial, reduce, cmp_to_key,
# total_ordering, singledispatch, cached_property. The output must be
# identical under CPython and mpbox.
import functools
from functools import (cache, cached_property, cmp_to_key, lru_cache, partial, reduce, singledispatch,
                       total_ordering, wraps)
import operator


def err(f, *a, **kw):
    try:
        return f(*a, **kw)
    except Exception as e:
        return type(e).__name__


print('-- lru_cache')
calls = []


@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), len(calls), fib.cache_info())
print(fib.cache_info().hits, fib.cache_info().currsize, fib.cache_info()[1])
fib.cache_clear()
print(fib.cache_info(), fib(10), fib.__name__, fib.__wrapped__(1))


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


calls.clear()
for v in [1, 2, 1, 3, 2, 1, 1]:
    sq(v)
print(calls, sq.cache_info())


@lru_cache
def plain(a, b=1, *, c=0):
    calls.append((a, b, c))
    return a + b + c


calls.clear()
print(plain(1), plain(1), plain(1, 2), plain(1, b=2), plain(1, c=5), plain(1, c=5), calls)
print(plain.cache_info(), err(plain, [1]))


@lru_cache(maxsize=0)
def nocache(x):
    return x


print(nocache(1), nocache(1), nocache.cache_info())


@lru_cache(typed=True)
def typed(x):
    return type(x).__name__


print(typed(1), typed(1.0), typed.cache_info().currsize)


@cache
def grid(i, j):
    if i == 0 or j == 0:
        return 1
    return grid(i - 1, j) + grid(i, j - 1)


print(grid(16, 16), grid.cache_info().misses)


class Circle:
    def __init__(self, r):
        self.r = r

    @lru_cache(maxsize=None)
    def area(self, scale):
        return self.r * self.r * 3 * scale

    @cached_property
    def diameter(self):
        print('computing diameter')
        return self.r * 2


c1 = Circle(2)
print(c1.area(1), c1.area(1), Circle(3).area(2), Circle.area.cache_info().hits)
print(c1.diameter, c1.diameter, Circle(5).diameter)
c1.diameter = 100
print(c1.diameter)

print('-- wraps')


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print('calling', func.__name__, len(args), 'args')
        return func(*args, **kwargs)
    return wrapper


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


print(add(2, 3), add.__name__, add.__wrapped__(1, 1))


class Acc:
    def __init__(self):
        self.total = 0

    @logged
    def push(self, x):
        self.total += x
        return self.total


a = Acc()
print(a.push(5), a.push(6), Acc.push.__name__)


def timer(label):
    def deco(func):
        @wraps(func)
        def inner(*args):
            r = func(*args)
            print(label, func.__name__, '->', r)
            return r
        return inner
    return deco


@timer('T')
def mul(a, b):
    return a * b


print(mul(6, 7), mul.__name__)

print('-- partial')
base2 = partial(int, '101')
print(partial(pow, 2)(10), partial(max, 5)(3), partial(sorted, key=len)(['ccc', 'a', 'bb']))
p = partial(lambda a, b, c=0: (a, b, c), 1, c=3)
print(p(2), p(2, c=9), p.args, p.keywords, p.func(7, 8))
pp = partial(p, 5)
print(pp(), pp.args)
print(err(partial, 1), sorted(['b', 'A', 'c'], key=partial(str.lower)))

print('-- reduce')
print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 1), reduce(max, [3], 0))
print(reduce(operator.add, [], 7), err(reduce, operator.add, []), reduce(lambda acc, w: acc + len(w), ['ab', 'c'], 0))
print(reduce(lambda d, kv: d + [kv[0]], [('a', 1), ('b', 2)], []))

print('-- cmp_to_key')


def by_len_then_alpha(x, y):
    if len(x) != len(y):
        return len(x) - len(y)
    return (x > y) - (x < y)


print(sorted(['pear', 'fig', 'apple', 'kiwi', 'date'], key=cmp_to_key(by_len_then_alpha)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), max([1, 5, 3], key=cmp_to_key(lambda a, b: a - b)))
k1, k2 = cmp_to_key(lambda a, b: a - b)(1), cmp_to_key(lambda a, b: a - b)(2)
print(k1 < k2, k1 > k2, k1 == k2, k1 <= k2, k1 >= k2)

print('-- total_ordering')


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return 'V' + '.'.join(map(str, self.parts))


v1, v2, v3 = Version(1, 2), Version(1, 10), Version(1, 2)
print(v1 < v2, v1 > v2, v1 <= v3, v1 >= v2, v2 >= v1, v1 == v3, sorted([v2, v1, Version(0, 9)]))


@total_ordering
class Score:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


print(Score(1) < Score(2), Score(2) <= Score(2), Score(3) > Score(2), Score(1) >= Score(2))


def no_order():
    @total_ordering
    class Nothing:
        pass


print(err(no_order))

print('-- singledispatch')


@singledispatch
def describe(x):
    return 'object ' + repr(x)


@describe.register(int)
def _(x):
    return 'int %d' % x


@describe.register(list)
def _(x):
    return 'list of %d' % len(x)


def describe_str(x):
    return 'str ' + x


describe.register(str, describe_str)
print(describe(5), describe([1, 2]), describe('hi'), describe(2.5), describe(True))
print(describe.dispatch(bool) is describe.dispatch(int), err(describe))


class Animal:
    pass


class Dog(Animal):
    pass


@singledispatch
def speak(a):
    return '...'


@speak.register(Animal)
def _(a):
    return 'animal sound'


print(speak(Dog()), speak(3))

# wraps() of a function that is itself a wraps() wrapper carrying attributes
def _count_calls(fn):
    seen = {'n': 0}

    @functools.wraps(fn)
    def inner(*a, **kw):
        seen['n'] += 1
        return fn(*a, **kw)
    inner.calls = seen
    inner.label = 'counted'
    return inner


def _logged(fn):
    @functools.wraps(fn)
    def outer(*a, **kw):
        return ('logged', fn(*a, **kw))
    return outer


@_logged
@_count_calls
def _double(x):
    return 2 * x


print(_double(4), _double(5), _double.__name__, _double.calls, _double.label, _double.__wrapped__.calls is _double.calls,
      _double.__wrapped__.__wrapped__(1))
