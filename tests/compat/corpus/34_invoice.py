# Invoice generation: discounts, tax, and a formatted document.
ITEMS = [
    ("Consulting hours", 12.5, 95.00),
    ("Hosting (monthly)", 3, 49.99),
    ("Domain renewal", 1, 14.0),
    ("Support tickets", 27, 4.5),
]
DISCOUNTS = {"Consulting hours": 0.10}
TAX_RATE = 0.21

lines = []
for desc, qty, unit in ITEMS:
    gross = qty * unit
    discount = gross * DISCOUNTS.get(desc, 0.0)
    lines.append({"desc": desc, "qty": qty, "unit": unit, "gross": gross, "discount": discount,
                  "net": gross - discount})

width = 64
print("INVOICE #2024-0042".center(width))
print("Client: Example Corp".ljust(width // 2) + "Date: 2024-05-01".rjust(width // 2))
print("=" * width)
print(f"{'Description':<22}{'Qty':>6}{'Unit':>10}{'Discount':>12}{'Net':>14}")
print("-" * width)
for l in lines:
    qty = f"{l['qty']:g}"
    disc = f"-{l['discount']:.2f}" if l["discount"] else ""
    print(f"{l['desc']:<22}{qty:>6}{l['unit']:>10.2f}{disc:>12}{l['net']:>14,.2f}")
print("-" * width)
subtotal = sum(l["net"] for l in lines)
tax = round(subtotal * TAX_RATE, 2)
total = subtotal + tax
for label, value in [("Subtotal", subtotal), (f"VAT {TAX_RATE:.0%}", tax), ("TOTAL", total)]:
    print(f"{label:>50}{value:>14,.2f}")
print("=" * width)
saved = sum(l["discount"] for l in lines)
print(f"You saved {saved:.2f} ({saved / sum(l['gross'] for l in lines):.1%}).")
due = [(n, round(total / 3, 2)) for n in range(1, 4)]
due[-1] = (3, round(total - sum(a for _, a in due[:-1]), 2))
print("Instalments:", ", ".join(f"#{n}: {a:.2f}" for n, a in due))
