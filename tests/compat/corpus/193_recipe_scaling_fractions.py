from fractions import Fraction
import re

RECIPE = """\
2 1/4 cups flour
1 tsp baking soda
1/2 tsp salt
1 cup butter
3/4 cup sugar
2 large eggs
1 1/3 cups chocolate chips
"""

QTY = re.compile(r"^(?:(\d+)\s+)?(\d+)(?:/(\d+))?\s+(.*)$")


def parse_line(line):
    m = QTY.match(line)
    if not m:
        raise ValueError(f"cannot parse: {line!r}")
    whole, num, den, rest = m.groups()
    q = Fraction(int(num), int(den)) if den else Fraction(int(num))
    if whole:
        q += int(whole)
    return q, rest


def pretty(q: Fraction) -> str:
    whole, rem = divmod(q.numerator, q.denominator)
    if rem == 0:
        return str(whole)
    frac = f"{rem}/{q.denominator}"
    return f"{whole} {frac}" if whole else frac


items = [parse_line(l) for l in RECIPE.splitlines()]
for factor in (Fraction(1, 2), Fraction(3, 2), Fraction(3)):
    print(f"--- x{factor} ---")
    for q, rest in items:
        print(f"  {pretty(q * factor):>7} {rest}")

total_cups = sum(q for q, rest in items if "cup" in rest)
print("cups total:", total_cups, float(total_cups), pretty(total_cups))
print(Fraction(7, 3).limit_denominator(2), Fraction("3.1415926").limit_denominator(100), Fraction(22, 7) > 3.14)
print(Fraction(1, 3) * 3 == 1, Fraction(2, 4) == 0.5, round(Fraction(7, 2)), round(Fraction(5, 2)))
print(f"{float(Fraction(1, 3)):.4f}", Fraction(5, 10).as_integer_ratio(), abs(Fraction(-3, 9)), Fraction(3, 9) ** 2)
print(int(Fraction(-7, 2)), math_floor := Fraction(-7, 2).__floor__(), Fraction(1, 8) + 0.125)
try:
    parse_line("a pinch of salt")
except ValueError as e:
    print(e)
try:
    Fraction(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
