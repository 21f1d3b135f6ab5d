# iter(callable, sentinel): call until the sentinel comes back.
import io
from functools import partial

lines = iter(["a", "b", "STOP", "c"])
print(list(iter(lambda: next(lines), "STOP")))
buf = io.StringIO("abcdefgh")
print([chunk for chunk in iter(partial(buf.read, 3), "")])
n = [0]


def bump():
    n[0] += 1
    return n[0]


it = iter(bump, 4)
print(next(it), list(it), next(it, "done"), n[0])
print(iter(it) is it, type(it).__name__)
print(list(iter([1, 2])), next(iter("xy")), list(iter(range(3))))
for bad in [(5, 1), (1,), ()]:
    try:
        iter(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    iter(len, 1, 2)
except TypeError as e:
    print("TypeError:", e)
