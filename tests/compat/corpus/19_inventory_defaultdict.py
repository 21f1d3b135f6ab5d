# Nested aggregation with defaultdict and Counter.
from collections import defaultdict, Counter

transactions = [
    ("2024-03-01", "store-1", "apples", 30), ("2024-03-01", "store-2", "pears", 12),
    ("2024-03-02", "store-1", "pears", 8), ("2024-03-02", "store-1", "apples", -5),
    ("2024-03-02", "store-3", "plums", 40), ("2024-03-03", "store-2", "apples", 22),
    ("2024-03-03", "store-3", "apples", 15), ("2024-03-03", "store-1", "plums", 6),
]

stock = defaultdict(lambda: defaultdict(int))
for day, store, fruit, qty in transactions:
    stock[store][fruit] += qty

for store in sorted(stock):
    items = ", ".join(f"{f}={q}" for f, q in sorted(stock[store].items()))
    print(f"{store}: {items}")

per_day = defaultdict(list)
for day, store, fruit, qty in transactions:
    per_day[day].append(qty)
for day, qtys in sorted(per_day.items()):
    print(day, len(qtys), sum(qtys))

fruit_totals = Counter()
for _, _, fruit, qty in transactions:
    fruit_totals[fruit] += qty
print(fruit_totals.most_common())
print("apples+pears:", fruit_totals["apples"] + fruit_totals["pears"], "bananas:", fruit_totals["bananas"])

a = Counter("abracadabra")
b = Counter("alakazam")
print(sorted((a + b).items()))
print(sorted((a - b).items()))
print(sorted((a & b).items()))
print(a.most_common(2), sum(a.values()))

index = defaultdict(set)
for day, store, fruit, qty in transactions:
    index[fruit].add(store)
print({f: sorted(s) for f, s in sorted(index.items())})
groups = {}
for day, store, fruit, qty in transactions:
    groups.setdefault(fruit, []).append(qty)
print(groups)
