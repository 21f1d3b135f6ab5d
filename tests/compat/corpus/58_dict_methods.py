# Exercise the dict API the way application code does.
prices = dict(apple=0.5, banana=0.25, cherry=3.0)
prices["date"] = 1.75
prices.update({"elderberry": 4.0, "apple": 0.55})
print(prices)
print(prices.popitem())
print(prices)
del prices["banana"]
prices["banana"] = 0.3
print(prices)
print(list(prices.items())[:2])
copy = prices.copy()
copy["fig"] = 2.0
print(len(prices), len(copy))
print(dict.fromkeys(["x", "y", "z"], 0))
inverted = {v: k for k, v in prices.items()}
print(inverted)
print({k: v for k, v in sorted(prices.items(), key=lambda kv: kv[1])})
print(str(prices) == repr(prices))
