from enum import Enum
import math


class Unit(Enum):
    METER = ("m", 1.0)
    KILOMETER = ("km", 1000.0)
    CENTIMETER = ("cm", 0.01)
    MILE = ("mi", 1609.344)
    FOOT = ("ft", 0.3048)
    INCH = ("in", 0.0254)

    def __init__(self, symbol, factor):
        self.symbol = symbol
        self.factor = factor

    @classmethod
    def parse(cls, text):
        for u in cls:
            if u.symbol == text or u.name.lower() == text.lower():
                return u
        raise ValueError(f"unknown unit: {text!r}")


def convert(value: float, src: Unit, dst: Unit) -> float:
    return value * src.factor / dst.factor


queries = ["5 km mi", "26.2 mi km", "6 ft cm", "100 m ft", "12 in m", "3 parsec m", "abc m km"]
for q in queries:
    amount, a, b = q.split()
    try:
        src, dst = Unit.parse(a), Unit.parse(b)
        value = float(amount)
    except ValueError as e:
        print(f"{q!r:<14} error: {e}")
        continue
    result = convert(value, src, dst)
    print(f"{value:>8g} {src.symbol:<2} = {result:>12.4f} {dst.symbol:<2} ({result:.3e})")

print(Unit.MILE, Unit.MILE.value, Unit["FOOT"].factor, len(Unit))
print([u.symbol for u in Unit])
print(f"{math.pi:.10f} {math.e:.5g} {math.tau:10.3f}|{math.inf} {-math.inf} {math.nan}")
print(math.hypot(3, 4), math.dist((0, 0), (1, 1)), math.degrees(math.pi / 6), math.radians(180))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), round(-2.5), round(3.5), round(0.125, 2))
print(math.isclose(0.1 + 0.2, 0.3), math.gcd(84, 36), math.lcm(4, 6, 10), math.comb(10, 3), math.perm(5, 2))
print(math.factorial(20), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.log(1000, 10), math.log10(1000), math.log2(1024), math.exp(1), math.sqrt(2), math.isqrt(99))
print(f"{1234.5678:g} {0.00001234:g} {1e16:g} {123456789:g} {1.5e-7:.2e} {12345.678:e}")
