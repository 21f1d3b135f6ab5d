# Decimal and Fraction: exact arithmetic.
from decimal import Decimal, getcontext, ROUND_HALF_UP, ROUND_DOWN, localcontext
from fractions import Fraction

print(Decimal("0.1") + Decimal("0.2"), Decimal(0.1) == Decimal("0.1"))
print(Decimal("1.10") + Decimal("2.205"), Decimal("10") / Decimal("3"))
print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal("2.675").quantize(Decimal("0.01")), Decimal("7.999").quantize(Decimal("1."), rounding=ROUND_DOWN))
print(Decimal("1.2300").normalize(), Decimal("-0"), Decimal("1e3"), Decimal("123.456").as_tuple())
print(Decimal(3), Decimal("3.0") == 3, Decimal("0.5") < 1, float(Decimal("1.25")), int(Decimal("9.99")))
print(repr(Decimal("19.99")), str(Decimal("19.99")), f"{Decimal('1234.5'):,.2f}")
print(sum([Decimal("0.10")] * 3), Decimal(2).sqrt(), Decimal("1.5") ** 2)
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(1) / Decimal(7))
print(getcontext().prec, Decimal(1) / Decimal(7))
prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.333")]
print(sum(prices), max(prices), sorted(prices))

f = Fraction(3, 4)
g = Fraction("1/3")
print(f, g, f + g, f * g, f / g, f - 1, f ** 2)
print(Fraction(0.5), Fraction(6, 8), Fraction(-3, 9), Fraction(5), Fraction("2.25"))
print(f.numerator, f.denominator, float(f), repr(f), int(Fraction(7, 2)))
print(Fraction(1, 3) == Fraction(2, 6), Fraction(1, 2) < 0.6, Fraction(1, 2) + 0.5)
print(sum(Fraction(1, n) for n in range(1, 6)))
print(Fraction(0.1).limit_denominator(100), Fraction(355, 113).limit_denominator(10))
print(round(Fraction(7, 3), 2), round(Fraction(5, 2)), abs(Fraction(-1, 4)))
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
