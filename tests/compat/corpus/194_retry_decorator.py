import functools
import time


class TransientError(Exception):
    pass


def retry(times=3, exceptions=(Exception,), log=print):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions as e:
                    last = e
                    log(f"  attempt {attempt}/{times} failed: {type(e).__name__}: {e}")
            raise RuntimeError(f"{fn.__name__} failed after {times} attempts") from last
        wrapper.attempts = times
        return wrapper
    return decorator


def count_calls(fn):
    @functools.wraps(fn)
    def inner(*a, **kw):
        inner.calls += 1
        return fn(*a, **kw)
    inner.calls = 0
    return inner


state = {"n": 0}


@retry(times=4, exceptions=(TransientError,))
@count_calls
def flaky_fetch(url, *, succeed_on=3):
    """Fetch a URL, failing a few times first."""
    state["n"] += 1
    if state["n"] < succeed_on:
        raise TransientError(f"timeout contacting {url}")
    return {"url": url, "status": 200, "try": state["n"]}


print(flaky_fetch("http://example.com"))
print(flaky_fetch.__name__, flaky_fetch.__doc__, flaky_fetch.attempts, flaky_fetch.__wrapped__.calls)
state["n"] = 0
try:
    flaky_fetch("http://down.example", succeed_on=10)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("  caused by:", repr(e.__cause__))


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.monotonic()
        result = fn(*args, **kwargs)
        wrapper.last = time.monotonic() - start
        return result
    return wrapper


@timed
def slow_sum(n):
    return sum(i * i for i in range(n))


print(slow_sum(10000), slow_sum.last >= 0, slow_sum.__qualname__)


@functools.singledispatch
def show(x):
    return f"object {x!r}"


@show.register
def _(x: int):
    return f"int {x:+d}"


@show.register(list)
def _(x):
    return "list of " + ", ".join(show(i) for i in x)


print(show(5), "|", show("s"), "|", show([1, -2, "z"]))
