# Scale a recipe and format quantities as fractions.
from fractions import Fraction
recipe = {"flour (cups)": Fraction(3, 2), "sugar (cups)": Fraction(2, 3), "eggs": 2,
          "butter (tbsp)": 5, "salt (tsp)": Fraction(1, 4)}
def pretty(q):
    q = Fraction(q)
    whole, rest = divmod(q.numerator, q.denominator)
    if rest == 0:
        return str(whole)
    frac = f"{rest}/{q.denominator}"
    return f"{whole} {frac}" if whole else frac
for factor in (Fraction(1, 2), 2, Fraction(3, 4)):
    print(f"x{factor}:")
    for item, q in recipe.items():
        print(f"  {item:<14}{pretty(q * factor):>8}")
print(sum(Fraction(q) for q in recipe.values()))
