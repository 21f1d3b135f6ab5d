# collections: Counter, defaultdict, OrderedDict, deque, ChainMap, namedtuple.
from collections import Counter, defaultdict, OrderedDict, deque, ChainMap, namedtuple

words = "the quick brown fox jumps over the lazy dog the end".split()
c = Counter(words)
print(c.most_common(3))
print(c["the"], c["missing"], len(c), sum(c.values()))
c.update(["fox", "fox"])
print(c["fox"], c.total())
print(Counter("abracadabra"))
a, b = Counter(a=3, b=1), Counter(a=1, b=2, c=5)
print(a + b, a - b, a & b, a | b)
print(sorted(Counter("mississippi").elements()))

groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(counts)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["x"] += 1
print({k: dict(v) for k, v in nested.items()})

od = OrderedDict([("b", 2), ("a", 1)])
od["c"] = 3
od.move_to_end("b")
print(od, list(od.keys()))
print(od.popitem(last=False), od)

dq = deque([1, 2, 3], maxlen=5)
dq.appendleft(0)
dq.extend([4, 5, 6])
print(dq, dq.maxlen)
dq.rotate(2)
print(dq, dq.popleft(), dq.pop())

defaults = {"color": "red", "user": "guest"}
overrides = {"user": "admin"}
cm = ChainMap(overrides, defaults)
print(cm["user"], cm["color"], len(cm), dict(cm))
child = cm.new_child({"color": "blue"})
print(child["color"], child.parents["color"])

Pair = namedtuple("Pair", ["left", "right"], defaults=[0])
print(Pair(1), Pair(1, 2)._asdict())
