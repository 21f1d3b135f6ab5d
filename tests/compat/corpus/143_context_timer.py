# Context managers for resources and suppressed errors.
from contextlib import contextmanager, suppress
class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError
with Resource("a") as r:
    print("using", r.name)
with Resource("b"):
    {}["x"]
print("after b")
try:
    with Resource("c"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("p") as t:
    print(t)
with suppress(ZeroDivisionError):
    1 / 0
print("done")
