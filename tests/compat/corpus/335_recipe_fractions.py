"""Scale recipes with exact fractions and print mixed-number quantities with unit conversions."""
from fractions import Fraction
from typing import Dict, List, Tuple

RECIPE = """Pancakes (serves 4)
1 1/2 cup flour
3 1/2 tsp baking powder
1 tbsp sugar
1/4 tsp salt
1 1/4 cup milk
1 egg
3 tbsp butter"""

TO_TSP = {"tsp": Fraction(1), "tbsp": Fraction(3), "cup": Fraction(48)}


def parse_qty(tokens: List[str]) -> Tuple[Fraction, int]:
    total, used = Fraction(0), 0
    for tok in tokens:
        try:
            total += Fraction(tok)
            used += 1
        except ValueError:
            break
    return total, used


def mixed(q: Fraction) -> str:
    whole, rest = divmod(q.numerator, q.denominator)
    if rest == 0:
        return str(whole)
    frac = f"{rest}/{q.denominator}"
    return f"{whole} {frac}" if whole else frac


def best_unit(tsp: Fraction) -> Tuple[Fraction, str]:
    for unit in ("cup", "tbsp"):
        amount = tsp / TO_TSP[unit]
        if amount >= Fraction(1, 4) and (amount * 4).denominator == 1:
            return amount, unit
    return tsp, "tsp"


def scale(lines: List[str], factor: Fraction) -> List[str]:
    out = []
    for line in lines:
        tokens = line.split()
        qty, used = parse_qty(tokens)
        rest = tokens[used:]
        if rest and rest[0] in TO_TSP:
            amount, unit = best_unit(qty * factor * TO_TSP[rest[0]])
            out.append(f"{mixed(amount):>6} {unit:<4} {' '.join(rest[1:])}")
        else:
            n = qty * factor
            out.append(f"{mixed(n):>6} {'':<4} {' '.join(rest)}{'s' if n > 1 else ''}")
    return out


def main():
    title, *lines = RECIPE.splitlines()
    print(title)
    for factor in (Fraction(1, 2), Fraction(3, 2), Fraction(3)):
        print(f"-- x{mixed(factor)} (serves {mixed(4 * factor)})")
        for line in scale(lines, factor):
            print("  " + line)
    flour = Fraction(3, 2) * TO_TSP["cup"]
    print(f"flour: {flour} tsp = {flour / TO_TSP['tbsp']} tbsp = {float(flour / TO_TSP['cup']):.3f} cups")
    totals: Dict[str, Fraction] = {}
    for line in lines:
        q, used = parse_qty(line.split())
        unit = line.split()[used]
        totals[unit] = totals.get(unit, Fraction(0)) + q
    print({k: str(v) for k, v in totals.items()}, sum(totals.values()), Fraction("0.75") + Fraction(1, 3))


if __name__ == "__main__":
    main()
