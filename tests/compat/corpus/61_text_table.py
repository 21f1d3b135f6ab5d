# Render an aligned text table with str methods.
rows = [("Widget", 4, 3.5), ("Gizmo", 12, 0.99), ("Thingamajig", 1, 120.0)]
header = ("Item", "Qty", "Price")
width = max(len(r[0]) for r in rows) + 2
print(header[0].ljust(width) + header[1].rjust(5) + header[2].rjust(10))
print("-" * (width + 15))
for name, qty, price in rows:
    print(name.ljust(width) + str(qty).rjust(5) + f"{price:.2f}".rjust(10))
print("=" * (width + 15))
print("TOTAL".center(width + 15, "*"))
print("|" + "middle".center(11) + "|")
print("|" + "x".center(4, "-") + "|")
print("42".zfill(5), "-42".zfill(6), "+7".zfill(4))
