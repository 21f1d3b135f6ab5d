# dict: views, merge operators, setdefault, get, pop, ordering.
inventory = {"apples": 5, "pears": 2}
inventory["kiwis"] = 7
inventory.update(pears=3, plums=1)
print(inventory)
keys, values, items = inventory.keys(), inventory.values(), inventory.items()
inventory["figs"] = 0
print(keys, values, items, sep="\n")
print(list(keys)[-1], "figs" in keys, 7 in values, ("apples", 5) in items)
print(keys & {"apples", "grapes"}, sorted(keys - {"figs"}), sorted(keys | {"x"}))
print(inventory.get("grapes"), inventory.get("grapes", 0), inventory.setdefault("limes", 4))
print(inventory.pop("figs"), inventory.pop("nope", "absent"), inventory.popitem())
defaults = {"color": "red", "size": "M"}
chosen = {"size": "L"}
print(defaults | chosen, chosen | defaults)
defaults |= {"material": "cotton"}
print(defaults)
print(dict(zip("abc", range(3))), dict([("x", 1)], y=2), dict.fromkeys(["a", "b"], []))
d = {"b": 1, "a": 2}
d["c"] = 0
del d["b"]
d["b"] = 5
print(d, list(d), next(iter(d)), list(reversed(d)))
print(sorted(d), sorted(d.items(), key=lambda kv: kv[1]), max(d, key=d.get))
print({k: v for k, v in d.items() if v}, len(d), d == {"c": 0, "a": 2, "b": 5})
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e, repr(e))
try:
    for k in d:
        d[k + "!"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
nested = {"a": {"b": {"c": 1}}}
print(nested["a"]["b"]["c"], nested.get("x", {}).get("y"))
print(str({1: "a", "k": [1, 2], (1, 2): None, 2.5: {"n": True}}))
counts = {}
for w in "to be or not to be".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
print(d.copy() is not d, {}.keys(), dict(a=1).values(), dict(a=1).items())
