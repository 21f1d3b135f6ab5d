"""Domain model with properties, validation, __slots__, class methods and operator overloading."""
from __future__ import annotations

import math
from functools import total_ordering


@total_ordering
class Money:
    __slots__ = ("_cents", "currency")

    def __init__(self, amount: float | str, currency: str = "USD") -> None:
        self._cents = round(float(amount) * 100)
        self.currency = currency.upper()

    @classmethod
    def from_cents(cls, cents: int, currency: str = "USD") -> "Money":
        m = cls(0, currency)
        m._cents = cents
        return m

    @property
    def amount(self) -> float:
        return self._cents / 100

    def _check(self, other: "Money") -> None:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise ValueError(f"currency mismatch: {self.currency} vs {other.currency}")

    def __add__(self, other: "Money") -> "Money":
        self._check(other)
        return Money.from_cents(self._cents + other._cents, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._check(other)
        return Money.from_cents(self._cents - other._cents, self.currency)

    def __mul__(self, factor: float) -> "Money":
        return Money.from_cents(round(self._cents * factor), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, parts: int) -> list:
        base, extra = divmod(self._cents, parts)
        return [Money.from_cents(base + (1 if i < extra else 0), self.currency) for i in range(parts)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Money) and (self._cents, self.currency) == (other._cents, other.currency)

    def __lt__(self, other: "Money") -> bool:
        self._check(other)
        return self._cents < other._cents

    def __hash__(self) -> int:
        return hash((self._cents, self.currency))

    def __bool__(self) -> bool:
        return self._cents != 0

    def __repr__(self) -> str:
        return f"Money({self.amount:.2f}, {self.currency!r})"

    def __str__(self) -> str:
        sign = "-" if self._cents < 0 else ""
        return f"{sign}{self.currency} {abs(self._cents) / 100:,.2f}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec) if spec else str(self)


class Temperature:
    def __init__(self, celsius: float) -> None:
        self.celsius = celsius

    @property
    def celsius(self) -> float:
        return self._c

    @celsius.setter
    def celsius(self, value: float) -> None:
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = value

    @property
    def fahrenheit(self) -> float:
        return self._c * 9 / 5 + 32


def main():
    a, b = Money("19.99"), Money(5.01)
    print(a + b, a - b, a * 3, 2 * b, repr(a), f"[{a:>15}]", f"[{b:<14}]|")
    print([str(m) for m in Money(100) / 3], sum([Money(1), Money(2)], Money(0)))
    print(sorted([Money(3), Money(1), Money(2)]), max(a, b), a > b, a >= b, a <= b, Money(1) == Money(1.0))
    print(len({Money(1), Money(1.00), Money(2)}), bool(Money(0)), bool(a), Money(-4.5))
    try:
        Money(1) + Money(1, "eur")
    except ValueError as e:
        print("ValueError:", e)
    try:
        a.note = "x"
    except AttributeError as e:
        print("AttributeError:", e)
    t = Temperature(21.5)
    t.celsius = 100
    print(f"{t.celsius}C = {t.fahrenheit}F", math.isclose(Temperature(37).fahrenheit, 98.6))
    try:
        t.celsius = -300
    except ValueError as e:
        print("ValueError:", e, "| still", t.celsius)
    try:
        t.fahrenheit = 5
    except AttributeError as e:
        print("AttributeError:", e)
    print(type(Temperature.celsius).__name__, Temperature.celsius.fget.__name__, hasattr(a, "__dict__"), Money.__slots__)


if __name__ == "__main__":
    main()
