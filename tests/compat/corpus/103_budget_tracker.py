# Track a monthly budget by category.
transactions = [
    ("2024-05-01", "rent", -1200.00), ("2024-05-02", "salary", 3500.00),
    ("2024-05-03", "groceries", -82.45), ("2024-05-07", "transport", -45.00),
    ("2024-05-10", "groceries", -61.30), ("2024-05-15", "utilities", -130.99),
    ("2024-05-20", "dining", -57.80), ("2024-05-28", "groceries", -95.12),
]
by_cat = {}
for day, cat, amount in transactions:
    by_cat[cat] = by_cat.get(cat, 0) + amount
print(by_cat)
spent = {k: -v for k, v in by_cat.items() if v < 0}
total_spent = sum(spent.values())
for cat, amt in sorted(spent.items(), key=lambda kv: kv[1], reverse=True):
    print(f"{cat.title():<12}{amt:>10.2f}{amt / total_spent:>8.1%}")
print("net:", round(sum(by_cat.values()), 2), sum(by_cat.values()))
print("largest expense:", min(transactions, key=lambda t: t[2]))
