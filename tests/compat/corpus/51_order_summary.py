# Summarise orders by customer, keeping first-seen order.
orders = [
    {"id": 1, "customer": "zoe", "total": 19.99, "items": 2},
    {"id": 2, "customer": "adam", "total": 5.50, "items": 1},
    {"id": 3, "customer": "zoe", "total": 42.00, "items": 5},
    {"id": 4, "customer": "mia", "total": 12.25, "items": 3},
    {"id": 5, "customer": "adam", "total": 7.75, "items": 1},
]

by_customer = {}
for o in orders:
    entry = by_customer.setdefault(o["customer"], {"orders": 0, "total": 0.0, "items": 0})
    entry["orders"] += 1
    entry["total"] += o["total"]
    entry["items"] += o["items"]

print(by_customer)
for name, stats in by_customer.items():
    print(f"{name:<6}{stats['orders']:>3}{stats['total']:>10.2f}{stats['items']:>4}")

print(list(by_customer))
print({k: round(v["total"] / v["orders"], 2) for k, v in by_customer.items()})
grand = sum(v["total"] for v in by_customer.values())
print("grand total:", grand)
print("grand total rounded:", round(grand, 2))
