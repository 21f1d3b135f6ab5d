"""Inventory reorder report from dict-of-dicts data with sorting, grouping and summary stats."""
from collections import defaultdict
from operator import itemgetter

STOCK = {
    "SKU-001": {"name": "USB-C cable", "category": "accessories", "on_hand": 140, "reorder_at": 50, "lead_days": 7, "daily_use": 9.5, "cost": 3.2},
    "SKU-002": {"name": "Laptop stand", "category": "furniture", "on_hand": 12, "reorder_at": 15, "lead_days": 21, "daily_use": 1.1, "cost": 24.0},
    "SKU-003": {"name": "Monitor 27\"", "category": "displays", "on_hand": 5, "reorder_at": 8, "lead_days": 14, "daily_use": 0.8, "cost": 189.99},
    "SKU-004": {"name": "Keyboard", "category": "accessories", "on_hand": 33, "reorder_at": 20, "lead_days": 10, "daily_use": 3.4, "cost": 45.5},
    "SKU-005": {"name": "Desk lamp", "category": "furniture", "on_hand": 0, "reorder_at": 5, "lead_days": 30, "daily_use": 0.3, "cost": 18.75},
    "SKU-006": {"name": "Webcam", "category": "accessories", "on_hand": 18, "reorder_at": 10, "lead_days": 5, "daily_use": 2.9, "cost": 59.0},
}


def days_left(item):
    return item["on_hand"] / item["daily_use"] if item["daily_use"] else float("inf")


def main():
    print(f"{'SKU':<8} {'Item':<14} {'On hand':>7} {'Days':>6} {'Status':<9}")
    needs = []
    for sku, item in sorted(STOCK.items(), key=lambda kv: days_left(kv[1])):
        d = days_left(item)
        status = "OUT" if item["on_hand"] == 0 else "REORDER" if d <= item["lead_days"] or item["on_hand"] <= item["reorder_at"] else "ok"
        print(f"{sku:<8} {item['name']:<14} {item['on_hand']:>7} {d:>6.1f} {status:<9}")
        if status != "ok":
            qty = max(item["reorder_at"] * 2, round(item["daily_use"] * item["lead_days"] * 2)) - item["on_hand"]
            needs.append((sku, item["name"], qty, round(qty * item["cost"], 2)))
    print()
    print("Purchase order:")
    for sku, name, qty, cost in sorted(needs, key=itemgetter(3), reverse=True):
        print(f"  {sku} {name:<14} x{qty:<4} ${cost:>9,.2f}")
    print(f"  {'TOTAL':<24}${sum(map(itemgetter(3), needs)):>9,.2f}")
    by_cat = defaultdict(lambda: {"skus": 0, "units": 0, "value": 0.0})
    for item in STOCK.values():
        c = by_cat[item["category"]]
        c["skus"] += 1
        c["units"] += item["on_hand"]
        c["value"] += item["on_hand"] * item["cost"]
    for cat, c in sorted(by_cat.items()):
        print(f"{cat:<12} {c['skus']} skus {c['units']:>4} units ${c['value']:>9,.2f}")
    print(dict(by_cat)["furniture"], list(by_cat))
    names = [STOCK[s]["name"] for s in STOCK]
    print(max(names, key=len), min(STOCK, key=lambda s: STOCK[s]["cost"]), sorted(STOCK, key=lambda s: -STOCK[s]["lead_days"])[:2])
    values = {sku: round(i["on_hand"] * i["cost"], 2) for sku, i in STOCK.items()}
    print(values, sum(values.values()))
    print(sorted(values.items(), key=itemgetter(1, 0)), any(v == 0 for v in values.values()), all(values))


if __name__ == "__main__":
    main()
