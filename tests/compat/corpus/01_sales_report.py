# Sales report: group orders by region and product, print a formatted table.
orders = [
    {"id": 1001, "region": "North", "product": "Widget", "qty": 12, "price": 4.50},
    {"id": 1002, "region": "South", "product": "Gadget", "qty": 3, "price": 19.99},
    {"id": 1003, "region": "North", "product": "Gadget", "qty": 7, "price": 19.99},
    {"id": 1004, "region": "East", "product": "Widget", "qty": 40, "price": 4.25},
    {"id": 1005, "region": "South", "product": "Doohickey", "qty": 1, "price": 149.00},
    {"id": 1006, "region": "East", "product": "Gadget", "qty": 11, "price": 18.75},
    {"id": 1007, "region": "North", "product": "Doohickey", "qty": 2, "price": 145.00},
    {"id": 1008, "region": "West", "product": "Widget", "qty": 250, "price": 3.99},
]

totals = {}
for o in orders:
    revenue = o["qty"] * o["price"]
    region = totals.setdefault(o["region"], {"orders": 0, "units": 0, "revenue": 0.0})
    region["orders"] += 1
    region["units"] += o["qty"]
    region["revenue"] += revenue

print(f"{'Region':<8} {'Orders':>6} {'Units':>6} {'Revenue':>12}")
print("-" * 35)
for name, t in sorted(totals.items(), key=lambda kv: kv[1]["revenue"], reverse=True):
    print(f"{name:<8} {t['orders']:>6} {t['units']:>6} {t['revenue']:>12,.2f}")
grand = sum(t["revenue"] for t in totals.values())
print("-" * 35)
print(f"{'Total':<8} {len(orders):>6} {sum(o['qty'] for o in orders):>6} {grand:>12,.2f}")

by_product = {}
for o in orders:
    by_product[o["product"]] = by_product.get(o["product"], 0) + o["qty"]
print()
print("Units by product (first seen order):")
for product, units in by_product.items():
    share = units / sum(by_product.values())
    print(f"  {product:<10} {units:>4}  {share:6.1%}")

best = max(orders, key=lambda o: o["qty"] * o["price"])
print(f"\nLargest order: #{best['id']} ({best['product']}, {best['region']}) "
      f"= ${best['qty'] * best['price']:,.2f}")
