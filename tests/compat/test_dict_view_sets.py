# keys() and items() views take the set operators, as CPython's.
a = {"x": 1, "y": 2, "z": 3}
b = {"y": 20, "z": 3, "w": 0}
print(sorted(a.keys() & b.keys()), sorted(a.keys() - b.keys()), sorted(a.keys() | b.keys()))
print(sorted(a.keys() ^ b.keys()), type(a.keys() & b.keys()).__name__)
print(sorted(a.items() & b.items()), sorted(a.items() - b.items()))
print(a.keys() & {"x", "q"}, {"x", "q"} & a.keys(), sorted(a.keys() | ["q"]))
print(sorted({"x", "k"} - a.keys()), sorted(["k", "y"] - a.keys()))
print(sorted(a.keys() - ["x"]), a.keys() & [], sorted(set("xy") ^ a.keys()))
s = {"x"}
s |= a.keys()
print(sorted(s))
for bad in [lambda: a.values() & b.values(), lambda: a.keys() & 5, lambda: a.keys() + b.keys()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError")
try:
    {"k": [1]}.items() & {("k", 1)}
except TypeError as e:
    print("TypeError (unhashable value)")
print(len(a.keys() & b.keys()))
