# Context managers written as classes: __enter__ and __exit__.
class Timer:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"enter {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.name}: {exc_type.__name__ if exc_type else None}")
        return False


with Timer("block") as t:
    print("inside", t.name)

try:
    with Timer("failing"):
        raise KeyError("missing")
except KeyError as e:
    print("caught", repr(e))


class Suppressor:
    def __init__(self, *types):
        self.types = types

    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressed:", exc)
            return True
        return False


with Suppressor(ZeroDivisionError, ValueError):
    1 / 0
print("after suppressed")

with Suppressor(ValueError) as nothing:
    print("value:", nothing)


class Resource:
    opened = []

    def __init__(self, n):
        self.n = n

    def __enter__(self):
        Resource.opened.append(self.n)
        return self

    def __exit__(self, *exc):
        Resource.opened.remove(self.n)
        print("closed", self.n, "still open:", Resource.opened)


with Resource(1) as r1, Resource(2) as r2:
    print("open:", Resource.opened, r1.n + r2.n)
