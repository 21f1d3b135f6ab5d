from itertools import zip_longest
from numbers import Number


class Polynomial:
    def __init__(self, *coeffs):
        c = list(coeffs)
        while len(c) > 1 and c[-1] == 0:
            c.pop()
        self.coeffs = tuple(c) or (0,)

    @property
    def degree(self):
        return len(self.coeffs) - 1

    def __call__(self, x):
        result = 0
        for c in reversed(self.coeffs):
            result = result * x + c
        return result

    def __add__(self, other):
        if isinstance(other, Number):
            other = Polynomial(other)
        return Polynomial(*(a + b for a, b in zip_longest(self.coeffs, other.coeffs, fillvalue=0)))

    __radd__ = __add__

    def __neg__(self):
        return Polynomial(*(-c for c in self.coeffs))

    def __sub__(self, other):
        return self + (-other)

    def __mul__(self, other):
        if isinstance(other, Number):
            return Polynomial(*(c * other for c in self.coeffs))
        out = [0] * (len(self.coeffs) + len(other.coeffs) - 1)
        for i, a in enumerate(self.coeffs):
            for j, b in enumerate(other.coeffs):
                out[i + j] += a * b
        return Polynomial(*out)

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Polynomial) and self.coeffs == other.coeffs

    def derivative(self):
        return Polynomial(*(i * c for i, c in enumerate(self.coeffs) if i)) if self.degree else Polynomial(0)

    def __repr__(self):
        return f"Polynomial{self.coeffs}"

    def __str__(self):
        terms = []
        for power in range(self.degree, -1, -1):
            c = self.coeffs[power]
            if c == 0:
                continue
            sign = "-" if c < 0 else "+"
            c = abs(c)
            body = "" if c == 1 and power else str(c)
            if power >= 1:
                body += "x" + (f"^{power}" if power > 1 else "")
            terms.append((sign, body))
        if not terms:
            return "0"
        first_sign, first = terms[0]
        s = ("-" if first_sign == "-" else "") + first
        return s + "".join(f" {sg} {b}" for sg, b in terms[1:])


p = Polynomial(1, -3, 0, 2)
q = Polynomial(-1, 1)
print(f"p = {p}", f"q = {q}", sep="\n")
print("p + q =", p + q)
print("p - q =", p - q)
print("p * q =", p * q)
print("3p =", 3 * p, "| p + 5 =", p + 5)
print("p' =", p.derivative(), "p'' =", p.derivative().derivative())
print([p(x) for x in range(-2, 3)], p(0.5), q(2.5))
print(repr(q * q), (q * q).degree, q - q, Polynomial(0, 0, 0) == Polynomial())
roots = [x / 10 for x in range(-30, 31) if abs(p(x / 10)) < 0.05]
print("near roots:", roots)
