# Count things with collections.Counter.
from collections import Counter, defaultdict, OrderedDict

words = "red blue red green blue red yellow green red".split()
c = Counter(words)
print(c)
print(c.most_common(2))
print(dict(c))
c.update(["blue", "purple"])
print(c)
c.subtract({"red": 2})
print(c["red"], c["missing"])
print(sorted(c.elements())[:5])
print(list(c.keys()))

groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
print(list(od))
print(Counter("mississippi"))
