# Money arithmetic with Decimal and formatting.
from decimal import Decimal, ROUND_HALF_UP
prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10")]
subtotal = sum(prices)
tax = (subtotal * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print(subtotal, tax, subtotal + tax)
print(f"{subtotal:.2f}", f"{tax:>8}", f"{subtotal + tax:,.2f}")
print(Decimal("1.10") + Decimal("2.20"), 1.10 + 2.20)
print(Decimal(10) / Decimal(4), Decimal("7") // Decimal("2"))
print(repr(Decimal("3.14")), str(Decimal("2.50")))
total = Decimal("1234567.891")
print(f"{total:,.2f}")
