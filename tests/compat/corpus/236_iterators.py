# The iterator protocol: __iter__ and __next__, iter() with sentinel.
class Fib:
    def __init__(self, limit):
        self.limit = limit

    def __iter__(self):
        self.a, self.b = 0, 1
        return self

    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        value = self.a
        self.a, self.b = self.b, self.a + self.b
        return value


print(list(Fib(100)))
print(sum(Fib(10)), max(Fib(50)))


class Range2:
    def __init__(self, start, stop):
        self.start, self.stop = start, stop

    def __iter__(self):
        return Range2Iterator(self.start, self.stop)


class Range2Iterator:
    def __init__(self, cur, stop):
        self.cur, self.stop = cur, stop

    def __iter__(self):
        return self

    def __next__(self):
        if self.cur >= self.stop:
            raise StopIteration
        self.cur += 1
        return self.cur - 1


r = Range2(1, 4)
print([x * y for x in r for y in r])
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "default"))
lines = iter(["a", "b", "STOP", "c"])
print(list(iter(lambda: next(lines), "STOP")))
z = zip([1, 2, 3], "ab")
print(next(z), list(z))
e = enumerate("xyz", start=10)
print(next(e), dict(e))
print(iter(r) is iter(r), iter(it) is it)
rev = reversed([1, 2, 3])
print(type(rev).__name__, list(rev))
