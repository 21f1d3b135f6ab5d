from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class Item:
    sku: str
    name: str
    unit_price: Decimal


@dataclass
class LineItem:
    item: Item
    quantity: int = 1

    @property
    def total(self) -> Decimal:
        return self.item.unit_price * self.quantity


@dataclass
class Cart:
    lines: dict = field(default_factory=dict)
    coupon: Optional[str] = None

    COUPONS = {"SAVE10": Decimal("0.10"), "HALF": Decimal("0.50")}

    def add(self, item: Item, qty: int = 1):
        if qty <= 0:
            raise ValueError(f"quantity must be positive: {qty}")
        if item.sku in self.lines:
            self.lines[item.sku].quantity += qty
        else:
            self.lines[item.sku] = LineItem(item, qty)

    def remove(self, sku: str):
        try:
            del self.lines[sku]
        except KeyError:
            raise KeyError(f"no such item in cart: {sku}") from None

    def apply(self, code: str):
        if code not in self.COUPONS:
            raise LookupError(f"unknown coupon {code}")
        self.coupon = code

    def subtotal(self) -> Decimal:
        return sum((l.total for l in self.lines.values()), Decimal(0))

    def discount(self) -> Decimal:
        rate = self.COUPONS.get(self.coupon, Decimal(0))
        return (self.subtotal() * rate).quantize(Decimal("0.01"))

    def receipt(self) -> str:
        lines = [f"{'Item':<20}{'Qty':>4}{'Price':>10}{'Total':>10}"]
        for l in self.lines.values():
            lines.append(f"{l.item.name:<20}{l.quantity:>4}{l.item.unit_price:>10}{l.total:>10}")
        lines.append(f"{'Subtotal':<34}{self.subtotal():>10}")
        if self.coupon:
            lines.append(f"{'Discount (' + self.coupon + ')':<34}{-self.discount():>10}")
        tax = ((self.subtotal() - self.discount()) * Decimal("0.0825")).quantize(Decimal("0.01"))
        lines.append(f"{'Tax 8.25%':<34}{tax:>10}")
        lines.append(f"{'TOTAL':<34}{self.subtotal() - self.discount() + tax:>10}")
        return "\n".join(lines)


apple = Item("APL", "Apple", Decimal("0.45"))
bread = Item("BRD", "Sourdough bread", Decimal("5.99"))
milk = Item("MLK", "Milk 1L", Decimal("1.29"))
cart = Cart()
cart.add(apple, 6)
cart.add(bread)
cart.add(milk, 2)
cart.add(apple, 4)
for action in (lambda: cart.add(milk, 0), lambda: cart.remove("XYZ"), lambda: cart.apply("FREE")):
    try:
        action()
    except (ValueError, LookupError) as e:
        print(f"{type(e).__name__}: {e}")
cart.apply("SAVE10")
print(cart.receipt())
print(apple, hash(apple) == hash(Item("APL", "Apple", Decimal("0.450"))))
print(cart.lines["MLK"])
