# 0/1 knapsack with memoisation and item reconstruction.
from functools import lru_cache
items = [("tent", 5, 60), ("stove", 3, 50), ("food", 4, 70), ("camera", 2, 30), ("book", 1, 10), ("rope", 2, 25)]
CAP = 10
@lru_cache(maxsize=None)
def best(i, cap):
    if i == len(items):
        return 0
    name, w, v = items[i]
    skip = best(i + 1, cap)
    if w > cap:
        return skip
    return max(skip, v + best(i + 1, cap - w))
value = best(0, CAP)
chosen = []
cap = CAP
for i, (name, w, v) in enumerate(items):
    if best(i, cap) != best(i + 1, cap):
        chosen.append(name)
        cap -= w
print(value, chosen, CAP - cap)
print(best.cache_info().currsize > 0)
