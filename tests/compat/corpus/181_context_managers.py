import contextlib
import io
import sys
import time


class Timer:
    def __init__(self, label):
        self.label = label
        self.elapsed = None

    def __enter__(self):
        self._start = time.perf_counter()
        print(f"[{self.label}] start")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.elapsed = time.perf_counter() - self._start
        status = "ok" if exc_type is None else f"failed with {exc_type.__name__}: {exc}"
        print(f"[{self.label}] {status}")
        return exc_type is KeyError


@contextlib.contextmanager
def transaction(store):
    snapshot = dict(store)
    try:
        yield store
    except Exception as e:
        store.clear()
        store.update(snapshot)
        print("rolled back:", e)
        raise
    else:
        print("committed:", store)


with Timer("quick") as t:
    total = sum(range(1000))
print(total, t.elapsed >= 0)

with Timer("lookup"):
    {}["missing"]
print("KeyError suppressed")

try:
    with Timer("bad"):
        int("x")
except ValueError as e:
    print("escaped:", e)

store = {"a": 1}
with transaction(store) as s:
    s["b"] = 2
try:
    with transaction(store) as s:
        s["c"] = 3
        raise RuntimeError("boom")
except RuntimeError:
    pass
print("store:", store)

with contextlib.suppress(FileNotFoundError, ZeroDivisionError):
    1 / 0
print("suppressed zero division")

buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured line")
    print("another", 42)
print(repr(buf.getvalue()))

with contextlib.ExitStack() as stack:
    for name in ("one", "two"):
        stack.enter_context(Timer(name))
    stack.callback(print, "callback runs first")
    print("inside stack")

with contextlib.closing(io.StringIO("x\ny\n")) as f:
    print(f.readlines())
print(f.closed)
print(sys.version_info >= (3, 8), isinstance(sys.stdout.write("direct\n"), int))
