# Context managers: timing blocks (fake clock), temporary state, suppressing errors.
from contextlib import contextmanager, suppress

class FakeClock:
    def __init__(self):
        self.now = 0.0
    def tick(self, dt):
        self.now += dt

clock = FakeClock()

@contextmanager
def timed(label):
    start = clock.now
    try:
        yield
    finally:
        print(f"[{label}] took {clock.now - start:.1f}s")

class Settings:
    def __init__(self):
        self.values = {"debug": False, "level": 1}

    @contextmanager
    def override(self, **changes):
        old = dict(self.values)
        self.values.update(changes)
        try:
            yield self
        finally:
            self.values = old

class Resource:
    opened = []
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.opened.append(self.name)
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        Resource.opened.remove(self.name)
        print("close", self.name, "after", exc_type.__name__ if exc_type else "success")
        return exc_type is KeyError

settings = Settings()
with timed("load"):
    clock.tick(1.5)
    with settings.override(debug=True, level=3) as s:
        print("inside:", s.values)
    print("after:", settings.values)

with Resource("db") as db, Resource("cache"):
    print("using", db.name, Resource.opened)

with Resource("file"):
    raise KeyError("swallowed")
print("still running, open:", Resource.opened)

try:
    with Resource("net"):
        raise ValueError("propagates")
except ValueError as e:
    print("caught", e)

with suppress(ZeroDivisionError):
    print(1 / 0)
print("suppressed")
with timed("compute"):
    clock.tick(0.25)
    total = sum(i * i for i in range(1000))
print(total)
