# Inventory with dataclasses.
from dataclasses import dataclass, field, asdict
from typing import List, Optional

@dataclass
class Item:
    sku: str
    name: str
    price: float
    qty: int = 0
    tags: List[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.price * self.qty

@dataclass(frozen=True)
class Location:
    aisle: int
    shelf: str

@dataclass
class Warehouse:
    name: str
    items: List[Item] = field(default_factory=list)
    location: Optional[Location] = None

    def add(self, item: Item) -> None:
        self.items.append(item)

    def total_value(self) -> float:
        return sum(i.value for i in self.items)

    def low_stock(self, threshold: int = 5) -> List[str]:
        return [i.sku for i in self.items if i.qty < threshold]

w = Warehouse("Main", location=Location(3, "B"))
w.add(Item("A-1", "Hammer", 12.5, 10, ["tools"]))
w.add(Item("A-2", "Screwdriver", 4.25, 3, ["tools", "small"]))
w.add(Item("B-7", "Paint", 22.0, 0))
w.add(Item("C-3", "Ladder", 89.99, 2, ["large"]))

print(w.items[0])
print(w.location)
print(f"Total value: {w.total_value():.2f}")
print("Low stock:", w.low_stock())
print(asdict(w.items[1]))
print(Item("X", "Thing", 1.0) == Item("X", "Thing", 1.0))
loc = Location(1, "A")
try:
    loc.aisle = 5
except Exception as e:
    print("frozen:", type(e).__name__)
for item in sorted(w.items, key=lambda i: i.value, reverse=True):
    print(f"{item.sku:<4} {item.name:<12} {item.value:>8.2f} {','.join(item.tags) or '-'}")
