"""Decorators for timing, memoization with TTL, argument validation and call counting."""
import functools
import inspect
from typing import Any, Callable, Dict, Tuple

CLOCK = [0.0]


def fake_time() -> float:
    return CLOCK[0]


def ttl_cache(seconds: float):
    def decorator(fn: Callable) -> Callable:
        store: Dict[Tuple, Tuple[float, Any]] = {}

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = fake_time()
            if key in store and now - store[key][0] < seconds:
                wrapper.hits += 1
                return store[key][1]
            wrapper.misses += 1
            value = fn(*args, **kwargs)
            store[key] = (now, value)
            return value
        wrapper.hits = wrapper.misses = 0
        wrapper.clear = store.clear
        return wrapper
    return decorator


def validate(**checks: Callable[[Any], bool]):
    def decorator(fn):
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                if not check(bound.arguments[name]):
                    raise ValueError(f"{fn.__name__}: invalid {name}={bound.arguments[name]!r}")
            return fn(*args, **kwargs)
        return wrapper
    return decorator


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper


@ttl_cache(seconds=10)
def exchange_rate(base: str, quote: str = "USD") -> float:
    """Look up a (fake) exchange rate."""
    return {"EUR": 1.08, "GBP": 1.27, "JPY": 0.0067}.get(base, 1.0)


@validate(amount=lambda a: a > 0, currency=lambda c: len(c) == 3 and c.isupper())
def convert(amount: float, currency: str, rounding: int = 2) -> float:
    return round(amount * exchange_rate(currency), rounding)


@counted
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main():
    for t, cur in [(0, "EUR"), (1, "EUR"), (5, "GBP"), (11, "EUR"), (12, "GBP"), (12, "EUR")]:
        CLOCK[0] = t
        print(f"t={t:>2} {cur}: {exchange_rate(cur)} hits={exchange_rate.hits} misses={exchange_rate.misses}")
    print(exchange_rate.__name__, exchange_rate.__doc__, exchange_rate.__wrapped__.__name__)
    print(convert(100, "EUR"), convert(250, "JPY", rounding=4))
    for args in [(-5, "EUR"), (10, "eur")]:
        try:
            convert(*args)
        except ValueError as e:
            print("ValueError:", e)
    print(fib(15), fib.calls)
    fib.calls = 0
    memo_fib = functools.lru_cache(maxsize=None)(fib.__wrapped__)
    print(memo_fib(30), inspect.signature(convert), list(inspect.signature(convert).parameters))
    p = functools.partial(convert, currency="GBP")
    print(p(10), p.func.__name__, p.keywords, p.args)
    print(functools.reduce(lambda acc, x: acc * x, range(1, 8), 1), functools.reduce(max, [3, 9, 2]))

    class Temp:
        def __init__(self, c):
            self.c = c

        @functools.cached_property
        def f(self):
            print("  computing f")
            return self.c * 9 / 5 + 32
    t = Temp(100)
    print(t.f, t.f, "f" in vars(t))


if __name__ == "__main__":
    main()
