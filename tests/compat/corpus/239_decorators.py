# Decorators: functools.wraps, decorators with arguments, stacking, class decorators.
import functools
import time


def trace(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        arg_list = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        result = func(*args, **kwargs)
        print(f"{func.__name__}({', '.join(arg_list)}) -> {result!r}")
        return result
    return wrapper


def repeat(times):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return [func(*args, **kwargs) for _ in range(times)]
        return wrapper
    return decorator


def bold(func):
    return lambda *a: "<b>" + func(*a) + "</b>"


def italic(func):
    return lambda *a: "<i>" + func(*a) + "</i>"


@trace
def add(a, b=0):
    """Add two numbers."""
    return a + b


@repeat(3)
def roll():
    return "x"


@bold
@italic
def hello(name):
    return f"hello {name}"


add(2, b=3)
add("a", "b")
print(add.__name__, add.__doc__, add.__wrapped__(1, 1))
print(roll())
print(hello("world"))


def count_calls(cls):
    original = cls.__init__
    cls.instances = 0

    def __init__(self, *a, **k):
        cls.instances += 1
        original(self, *a, **k)

    cls.__init__ = __init__
    return cls


@count_calls
class Thing:
    def __init__(self, n):
        self.n = n


Thing(1), Thing(2)
print(Thing.instances)


def retry(times=2, exceptions=(ValueError,)):
    def deco(f):
        @functools.wraps(f)
        def inner(*a):
            for attempt in range(1, times + 1):
                try:
                    return f(*a)
                except exceptions as e:
                    print(f"attempt {attempt} failed: {e}")
            return None
        return inner
    return deco


@retry(times=3)
def flaky(x):
    raise ValueError(f"bad {x}")


print(flaky(7))
