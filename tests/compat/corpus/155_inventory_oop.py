from __future__ import annotations

from dataclasses import dataclass, field, asdict
from functools import total_ordering
import json


@total_ordering
@dataclass
class Product:
    sku: str
    name: str
    price: float
    qty: int = 0
    tags: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.price * self.qty

    def __lt__(self, other: Product) -> bool:
        return (self.value, self.sku) < (other.value, other.sku)


class Inventory:
    def __init__(self) -> None:
        self._items: dict[str, Product] = {}

    def add(self, product: Product) -> None:
        if product.sku in self._items:
            raise KeyError(f"duplicate sku {product.sku}")
        self._items[product.sku] = product

    def restock(self, sku: str, n: int) -> int:
        item = self._items[sku]
        item.qty += n
        return item.qty

    def low_stock(self, threshold: int = 5) -> list[Product]:
        return [p for p in self._items.values() if p.qty < threshold]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(sorted(self._items.values(), reverse=True))


inv = Inventory()
inv.add(Product("A-100", "Hammer", 12.5, 10, ["tools"]))
inv.add(Product("B-220", "Nails (box)", 3.99, 3, ["hardware", "small"]))
inv.add(Product("C-310", "Saw", 24.0, 2, ["tools"]))
inv.add(Product("D-045", "Tape measure", 7.25, 14))
try:
    inv.add(Product("A-100", "Other hammer", 1.0))
except KeyError as e:
    print("KeyError:", e)

print(len(inv), "products")
for p in inv:
    print(f"{p.sku:<6} {p.name:<14} {p.qty:>3} x {p.price:>6.2f} = {p.value:>8.2f}")

print("low:", [p.name for p in inv.low_stock()])
print("restocked to", inv.restock("C-310", 8))
print(max(inv._items.values()).name, min(inv._items.values()).name)
print(json.dumps(asdict(inv._items["B-220"]), indent=2))
print(inv._items["D-045"])
print(Product("X", "x", 1.0) == Product("X", "x", 1.0), Product("X", "x", 1.0) <= Product("Y", "y", 2.0, 1))
total = sum(p.value for p in inv)
print(f"Total value: ${total:,.2f}")
