# Type checks with the numbers module.
import numbers
from fractions import Fraction
from decimal import Decimal
for v in [3, 2.5, 1 + 2j, Fraction(1, 2), Decimal("1.5"), True, "7"]:
    print(repr(v), isinstance(v, numbers.Number), isinstance(v, numbers.Integral),
          isinstance(v, numbers.Real), isinstance(v, numbers.Rational))
def mean(values):
    if not all(isinstance(v, numbers.Real) for v in values):
        raise TypeError("real numbers only")
    return sum(values) / len(values)
print(mean([1, 2, 3.5]))
try:
    mean([1, "2"])
except TypeError as e:
    print(e)
