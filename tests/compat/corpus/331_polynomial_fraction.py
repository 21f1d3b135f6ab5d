"""Polynomial arithmetic with exact Fraction coefficients: evaluation, derivative, division, roots by bisection."""
from __future__ import annotations

from fractions import Fraction
from itertools import zip_longest
from typing import List, Sequence, Tuple


class Poly:
    def __init__(self, coeffs: Sequence) -> None:
        cs = [Fraction(c) for c in coeffs]
        while len(cs) > 1 and cs[-1] == 0:
            cs.pop()
        self.c: List[Fraction] = cs or [Fraction(0)]

    @property
    def degree(self) -> int:
        return len(self.c) - 1

    def __call__(self, x):
        acc = Fraction(0) if isinstance(x, (int, Fraction)) else 0.0
        for coef in reversed(self.c):
            acc = acc * x + coef
        return acc

    def __add__(self, other: Poly) -> Poly:
        return Poly([a + b for a, b in zip_longest(self.c, other.c, fillvalue=0)])

    def __sub__(self, other: Poly) -> Poly:
        return self + Poly([-x for x in other.c])

    def __mul__(self, other: Poly) -> Poly:
        out = [Fraction(0)] * (len(self.c) + len(other.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(other.c):
                out[i + j] += a * b
        return Poly(out)

    def __divmod__(self, other: Poly) -> Tuple[Poly, Poly]:
        rem = list(self.c)
        quot = [Fraction(0)] * max(1, len(rem) - len(other.c) + 1)
        while len(rem) >= len(other.c) and any(rem):
            shift = len(rem) - len(other.c)
            factor = rem[-1] / other.c[-1]
            quot[shift] = factor
            for i, b in enumerate(other.c):
                rem[i + shift] -= factor * b
            rem.pop()
        return Poly(quot), Poly(rem)

    def derivative(self) -> Poly:
        return Poly([i * c for i, c in enumerate(self.c)][1:])

    def __eq__(self, other) -> bool:
        return isinstance(other, Poly) and self.c == other.c

    def __repr__(self) -> str:
        terms = []
        for power in range(self.degree, -1, -1):
            c = self.c[power]
            if c == 0 and self.degree:
                continue
            coef = "" if abs(c) == 1 and power else str(abs(c))
            var = "" if power == 0 else "x" if power == 1 else f"x^{power}"
            sign = "-" if c < 0 else "+"
            terms.append(f"{sign} {coef}{var}")
        text = " ".join(terms)
        return text[2:] if text.startswith("+ ") else "-" + text[2:]


def bisect_root(p: Poly, lo: float, hi: float, tol: float = 1e-12) -> float:
    flo = p(lo)
    for _ in range(200):
        mid = (lo + hi) / 2
        fm = p(mid)
        if abs(fm) < tol:
            break
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return mid


def main():
    p = Poly([-6, 11, -6, 1])
    q = Poly([Fraction(1, 2), 0, 3])
    print("p =", p, "| q =", q, "| degree", p.degree, q.degree)
    print("p + q =", p + q, "| p - p =", p - p, "| p * q =", p * q)
    print("p(x) for x in 0..4:", [p(x) for x in range(5)], "p(1/2) =", p(Fraction(1, 2)), "p(2.5) =", p(2.5))
    print("p' =", p.derivative(), "| p'' =", p.derivative().derivative())
    div, rem = divmod(p, Poly([-1, 1]))
    print("p / (x - 1) =", div, "remainder", rem)
    div, rem = divmod(q * p + Poly([1, 1]), q)
    print("check:", div == p, rem)
    r = bisect_root(Poly([-2, 0, 1]), 0, 2)
    print(f"sqrt(2) ~ {r:.12f}", abs(r * r - 2) < 1e-9)
    roots = [bisect_root(p, a, b) for a, b in [(0.5, 1.5), (1.5, 2.5), (2.5, 3.5)]]
    print("roots of p:", [round(x, 9) for x in roots])
    print(Fraction(3, 4) * Poly([4, 8])(Fraction(1, 4)), Poly([0]), Poly([0, 0, -1]), Poly([5]))


if __name__ == "__main__":
    main()
