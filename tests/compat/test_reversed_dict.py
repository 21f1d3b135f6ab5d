# reversed() of a dict and of its views (CPython 3.8+), other sequences as before.
from collections import OrderedDict, Counter

d = {"b": 1, "a": 2}
d["c"] = 0
del d["b"]
d["b"] = 5
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
print(next(reversed({"x": 1, "y": 2})), list(reversed({})))
print(list(reversed(OrderedDict(a=1, b=2))), list(reversed(Counter("aab"))))
print(list(reversed([1, 2, 3])), "".join(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))


class Seq:
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10


class Own:
    def __reversed__(self):
        return iter("zyx")


print(list(reversed(Seq())), list(reversed(Own())))
try:
    reversed(5)
except TypeError as e:
    print("TypeError")
