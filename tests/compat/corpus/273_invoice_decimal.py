"""Invoice calculation with Decimal: line items, discounts, tax, rounding."""
from dataclasses import dataclass, field
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN, getcontext
from typing import List

CENT = Decimal("0.01")


@dataclass
class LineItem:
    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    discount_pct: Decimal = Decimal("0")

    @property
    def gross(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def net(self) -> Decimal:
        discount = (self.gross * self.discount_pct / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        return self.gross - discount


@dataclass
class Invoice:
    number: str
    customer: str
    tax_rate: Decimal
    items: List[LineItem] = field(default_factory=list)

    def add(self, *args, **kwargs) -> "Invoice":
        self.items.append(LineItem(*args, **kwargs))
        return self

    @property
    def subtotal(self) -> Decimal:
        return sum((i.net for i in self.items), Decimal("0"))

    @property
    def tax(self) -> Decimal:
        return (self.subtotal * self.tax_rate).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax

    def render(self) -> str:
        lines = [f"INVOICE {self.number} — {self.customer}", "=" * 60]
        lines.append(f"{'SKU':<8}{'Description':<22}{'Qty':>5}{'Price':>10}{'Net':>12}")
        for it in self.items:
            lines.append(f"{it.sku:<8}{it.description:<22}{it.quantity:>5}{it.unit_price:>10}{it.net:>12,}")
        lines.append("-" * 60)
        lines.append(f"{'Subtotal':>45}{self.subtotal:>15,.2f}")
        lines.append(f"{'Tax @ ' + format(self.tax_rate * 100, '.1f') + '%':>45}{self.tax:>15,.2f}")
        lines.append(f"{'TOTAL':>45}{self.total:>15,.2f}")
        return "\n".join(lines)


def main():
    getcontext().prec = 28
    inv = Invoice("INV-2024-0042", "Acme Corp", Decimal("0.0825"))
    inv.add("W-100", "Widget, large", 12, Decimal("19.99"))
    inv.add("G-220", "Gadget pro", 3, Decimal("249.00"), Decimal("10"))
    inv.add("S-005", "Service hours", 7, Decimal("85.50"), discount_pct=Decimal("2.5"))
    inv.add("F-001", "Freight", 1, Decimal("45"))
    print(inv.render())
    print(repr(inv.items[0].unit_price), inv.items[1].net, inv.total)
    for value in ["2.675", "2.665", "0.125", "1.005"]:
        d = Decimal(value)
        print(value, d.quantize(CENT, ROUND_HALF_UP), d.quantize(CENT, ROUND_HALF_EVEN), round(float(value), 2))
    split = (inv.total / 3).quantize(CENT)
    remainder = inv.total - split * 3
    print(f"split 3 ways: {split} each, remainder {remainder}")
    print(Decimal("1.10") + Decimal("2.20"), Decimal("10") / Decimal("4"), Decimal("7").sqrt().quantize(Decimal("0.0001")))


if __name__ == "__main__":
    main()
