# Exact arithmetic: fractions for ratios, decimal for money.
from fractions import Fraction
from decimal import Decimal, ROUND_HALF_UP

a = Fraction(1, 3)
b = Fraction(2, 7)
print(a + b, a - b, a * b, a / b, a ** 2)
print(Fraction("0.125"), Fraction(6, 8), Fraction(5), float(Fraction(22, 7)))
print(sum(Fraction(1, n) for n in range(1, 11)))
harmonic = sum(Fraction(1, n) for n in range(1, 6))
print(harmonic.numerator, harmonic.denominator, harmonic > 2, round(float(harmonic), 6))
recipe = {"flour": Fraction(3, 4), "sugar": Fraction(1, 3), "butter": Fraction(1, 2)}
scale = Fraction(5, 2)
for k, v in recipe.items():
    q = v * scale
    whole, rest = divmod(q.numerator, q.denominator)
    print(f"{k}: {q} cups ({whole} and {rest}/{q.denominator})")

prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10"), Decimal("3.333")]
subtotal = sum(prices, Decimal("0"))
tax = (subtotal * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print("subtotal:", subtotal, "tax:", tax, "total:", subtotal + tax)
print(Decimal("0.1") + Decimal("0.2") == Decimal("0.3"), 0.1 + 0.2 == 0.3)
print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal(10) / Decimal(4), Decimal("1.50") * 3, -Decimal("7.25"))
split = (Decimal("100.00") / 3).quantize(Decimal("0.01"))
print("split 3 ways:", split, "remainder:", Decimal("100.00") - split * 3)
print(sorted([Decimal("1.1"), Decimal("0.9"), Decimal("1.05")]))
