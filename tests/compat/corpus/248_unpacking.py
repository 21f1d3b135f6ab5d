# Unpacking: starred assignment, *args/**kwargs, merging, swapping.
a, b, c = 1, 2, 3
a, b = b, a
print(a, b, c)
first, *middle, last = range(6)
print(first, middle, last)
head, *tail = "abc"
print(head, tail)
*init, end = [1]
print(init, end)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (name, score) in enumerate([("ann", 9), ("bo", 7)]):
    print(i, name, score)


def show(*args, **kwargs):
    print("args:", args, "kwargs:", kwargs)


show(1, 2, k=3)
show(*[1, 2], *"ab", **{"x": 1}, **{"y": 2})
params = {"sep": "-", "end": "!\n"}
print("a", "b", "c", **params)
print(*range(5))
print(*"hey", sep=", ")
merged = {**{"a": 1, "b": 2}, **{"b": 3, "c": 4}, "d": 5}
print(merged)
combined = [*range(3), *"xy", *(7, 8)]
print(combined)
s = {*[1, 2], *{3}, 2}
print(s)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    p, q, r = [1, 2]
except ValueError as e:
    print("ValueError:", e)


def kw_only(a, *, scale=1, **rest):
    return a * scale, rest


print(kw_only(3, scale=2, unit="m"))


def pos_only(a, b, /, c):
    return a + b + c


print(pos_only(1, 2, c=3))
try:
    pos_only(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
