from dataclasses import dataclass, field
from decimal import Decimal, ROUND_HALF_UP
from enum import Enum
from typing import ClassVar


class PayType(str, Enum):
    HOURLY = "hourly"
    SALARY = "salary"


def money(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Employee:
    name: str
    pay_type: PayType
    rate: Decimal
    hours: Decimal = Decimal(0)
    deductions: dict = field(default_factory=dict)
    OVERTIME_AFTER: ClassVar[Decimal] = Decimal(40)

    def gross(self) -> Decimal:
        if self.pay_type is PayType.SALARY:
            return money(self.rate / 26)
        regular = min(self.hours, self.OVERTIME_AFTER)
        overtime = max(self.hours - self.OVERTIME_AFTER, Decimal(0))
        return money(regular * self.rate + overtime * self.rate * Decimal("1.5"))

    def net(self) -> Decimal:
        g = self.gross()
        tax = money(g * Decimal("0.22"))
        return g - tax - sum(self.deductions.values(), Decimal(0))


staff = [
    Employee("Ana Ruiz", PayType.HOURLY, Decimal("22.50"), Decimal("44.5")),
    Employee("Ben Okafor", PayType.SALARY, Decimal("78000"), deductions={"401k": Decimal("150.00")}),
    Employee("Cleo Park", PayType.HOURLY, Decimal("18.75"), Decimal("32"), {"health": Decimal("45.10")}),
    Employee("Dev Singh", PayType.SALARY, Decimal("112500.50")),
]
print(f"{'Name':<12}{'Type':<8}{'Gross':>10}{'Net':>10}")
for e in sorted(staff, key=lambda e: e.gross(), reverse=True):
    print(f"{e.name:<12}{e.pay_type.value:<8}{e.gross():>10,}{e.net():>10,}")
total = sum(e.gross() for e in staff)
print(f"{'Total':<20}{total:>10,}")
print(PayType.HOURLY == "hourly", PayType("salary"), PayType.SALARY.value.upper(), isinstance(PayType.HOURLY, str))
print(staff[2])
print(money("2.675"), money(2.675), money("-0.005"), Decimal("0.1") * 3 == Decimal("0.3"))
