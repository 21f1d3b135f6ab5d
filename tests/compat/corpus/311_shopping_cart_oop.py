"""Shopping cart with inheritance, polymorphic discounts, class attributes and __str__ reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Protocol


class Discount(Protocol):
    def apply(self, subtotal: float, items: List["CartItem"]) -> float: ...


@dataclass
class CartItem:
    name: str
    price: float
    qty: int = 1
    category: str = "general"

    @property
    def total(self) -> float:
        return round(self.price * self.qty, 2)


class PercentOff:
    def __init__(self, pct: float) -> None:
        self.pct = pct

    def apply(self, subtotal, items):
        return round(subtotal * self.pct / 100, 2)

    def __str__(self):
        return f"{self.pct:g}% off"


class BuyXGetY:
    def __init__(self, name: str, x: int, y: int) -> None:
        self.name, self.x, self.y = name, x, y

    def apply(self, subtotal, items):
        free = 0.0
        for it in items:
            if it.name == self.name:
                free += (it.qty // (self.x + self.y)) * self.y * it.price
        return round(free, 2)

    def __str__(self):
        return f"buy {self.x} {self.name} get {self.y} free"


class CategoryDiscount(PercentOff):
    def __init__(self, category: str, pct: float) -> None:
        super().__init__(pct)
        self.category = category

    def apply(self, subtotal, items):
        eligible = sum(i.total for i in items if i.category == self.category)
        return super().apply(eligible, items)

    def __str__(self):
        return f"{super().__str__()} {self.category}"


@dataclass
class Cart:
    items: List[CartItem] = field(default_factory=list)
    discounts: List[Discount] = field(default_factory=list)
    TAX = 0.08

    def add(self, item: CartItem) -> Cart:
        for existing in self.items:
            if existing.name == item.name:
                existing.qty += item.qty
                return self
        self.items.append(item)
        return self

    def receipt(self) -> str:
        lines = [f"{i.qty:>3} x {i.name:<12} @ {i.price:>7.2f} = {i.total:>8.2f}" for i in self.items]
        subtotal = sum(i.total for i in self.items)
        lines.append(f"{'Subtotal':>35} {subtotal:>8.2f}")
        for d in self.discounts:
            amount = d.apply(subtotal, self.items)
            if amount:
                lines.append(f"{str(d):>35} {-amount:>8.2f}")
                subtotal -= amount
        tax = round(subtotal * self.TAX, 2)
        lines.append(f"{'Tax':>35} {tax:>8.2f}")
        lines.append(f"{'TOTAL':>35} {subtotal + tax:>8.2f}")
        return "\n".join(lines)


def main():
    cart = Cart()
    cart.add(CartItem("apple", 0.5, 6, "produce")).add(CartItem("bread", 3.25)).add(CartItem("apple", 0.5, 3, "produce"))
    cart.add(CartItem("cheese", 7.99, 2, "dairy")).add(CartItem("milk", 2.49, 1, "dairy"))
    cart.discounts = [BuyXGetY("apple", 2, 1), CategoryDiscount("dairy", 15), PercentOff(5)]
    print(cart.receipt())
    print([str(d) for d in cart.discounts], [type(d).__name__ for d in cart.discounts])
    print(CategoryDiscount.__mro__[1].__name__, isinstance(cart.discounts[1], PercentOff), cart.items[0])
    print(sorted(cart.items, key=lambda i: (-i.total, i.name))[0].name, sum(i.qty for i in cart.items))


if __name__ == "__main__":
    main()
