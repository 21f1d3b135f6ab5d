ITEMS = [
    ("Espresso", 2, 2.5),
    ("Blueberry muffin", 1, 3.25),
    ("Oat milk latte (large)", 3, 4.95),
    ("Bottled water", 4, 1.0),
    ("Gift card", 1, 1000),
]
WIDTH = 42
print("=" * WIDTH)
print(f"{'CORNER CAFE':^{WIDTH}}")
print(f"{'123 Main St.':^{WIDTH}}")
print("=" * WIDTH)
subtotal = 0
for name, qty, price in ITEMS:
    line = qty * price
    subtotal += line
    label = name if len(name) <= 22 else name[:21] + "~"
    print(f"{label:<22}{qty:>3} @{price:>6.2f}{line:>10,.2f}")
print("-" * WIDTH)
tax = round(subtotal * 0.07, 2)
total = subtotal + tax
for label, amount in (("Subtotal", subtotal), ("Tax (7%)", tax), ("TOTAL", total)):
    print(f"{label:>30}{amount:>12,.2f}")
print(f"{'Paid (card)':>30}{'$' + format(total, ',.2f'):>12}")
print("=" * WIDTH)
print(f"{'Thank you!':*^{WIDTH}}")

print(f"{12:5d}|{12:<5d}|{12:^5d}|{-12:+05d}|{12:x}|{255:#06x}|{5:b}|{8:#o}|{65:c}")
print(f"{3.14159:.3}|{3.14159:10.4f}|{0.256:.1%}|{1e6:,.0f}|{-0.5:+.2f}|{2/3:.15f}")
print(f"{'left':<8}|{'right':>8}|{'mid':^9}|{'pad':_<7}|{'trunc':.3}")
print(f"{1234567:,}|{1234567:_}|{0xFFFFFFFF:_x}|{1234.5:,.1f}|{-1234567.891:,.2f}")
print("{:>8} {:<8} {:^8}".format("a", "b", "c"), "{0}{1}{0}".format("x", "y"), "{:%}".format(0.25))
print("%-10s|%5.1f|%05d|%x|%r|%%" % ("name", 3.14159, 42, 255, "q"))
print(format(1234.5678, ",.2f"), format(42, "08b"), format("x", "^5"), format(0.1, ".20f"))
value = 9876.54321
for spec in (".0f", ".1f", ",.3f", "e", ".2E", "g", ".3g", "10.2f", "<12,.1f", "=+12.2f"):
    print(f"{spec:>8} -> [{value:{spec}}]")
print(f"{True!s:>6}|{None!r}|{'x'!a}|{[1, 2]}|{ {'a': 1} }|{(1,)}")
