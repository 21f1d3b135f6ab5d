# Fractions in reports.
from fractions import Fraction
parts = [Fraction(1, 3), Fraction(1, 6), Fraction(1, 4)]
total = sum(parts)
print(total, float(total), f"{float(total):.4f}")
print(f"{float(Fraction(22, 7)):.3f}", round(Fraction(22, 7), 2))
print(Fraction("0.75"), Fraction(3, 4) == 0.75, Fraction(1, 3) < Fraction(1, 2))
print(total.numerator, total.denominator, total.limit_denominator(10))
print(Fraction(10, 4), -Fraction(3, 9), abs(Fraction(-2, 5)))
print(repr(Fraction(5, 10)))
