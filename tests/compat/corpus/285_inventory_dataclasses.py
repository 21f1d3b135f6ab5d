"""Warehouse inventory with dataclasses: asdict, replace, sorting, field validation."""
from dataclasses import asdict, astuple, dataclass, field, fields, replace, InitVar
from typing import Dict, List, Optional


@dataclass
class Product:
    sku: str
    name: str
    price: float
    quantity: int = 0
    tags: List[str] = field(default_factory=list)
    discount: InitVar[Optional[float]] = None

    def __post_init__(self, discount: Optional[float]) -> None:
        if self.price < 0:
            raise ValueError(f"price must be non-negative, got {self.price}")
        if discount:
            self.price = round(self.price * (1 - discount), 2)

    @property
    def value(self) -> float:
        return self.price * self.quantity


@dataclass(order=True, frozen=True)
class Location:
    aisle: int
    shelf: str


@dataclass
class Warehouse:
    name: str
    stock: Dict[Location, List[Product]] = field(default_factory=dict)

    def place(self, loc: Location, product: Product) -> None:
        self.stock.setdefault(loc, []).append(product)

    def total_value(self) -> float:
        return sum(p.value for items in self.stock.values() for p in items)


def main():
    wh = Warehouse("Central")
    wh.place(Location(3, "B"), Product("A-1", "Anvil", 149.99, 3, ["heavy"]))
    wh.place(Location(1, "A"), Product("R-7", "Rope", 12.5, 40, discount=0.2))
    wh.place(Location(3, "A"), Product("D-2", "Dynamite", 7.25, 100, ["hazmat", "fragile"]))
    wh.place(Location(1, "A"), Product("B-9", "Birdseed", 3.1, 250))
    for loc in sorted(wh.stock):
        for p in wh.stock[loc]:
            print(f"{loc.aisle}{loc.shelf}  {p.sku:<4} {p.name:<9} {p.quantity:>4} x {p.price:>7.2f} = {p.value:>9.2f}")
    print(f"Total: {wh.total_value():,.2f}")
    rope = wh.stock[Location(1, "A")][0]
    print(rope)
    print(asdict(rope))
    print(astuple(Location(2, "C")))
    cheaper = replace(rope, price=9.99, tags=["sale"])
    print(cheaper == rope, cheaper.price, rope.price, cheaper.tags)
    print([f.name for f in fields(Product)], [f.type for f in fields(Location)])
    print(Location(1, "B") < Location(2, "A"), Location(1, "A") == Location(1, "A"), hash(Location(1, "A")) == hash(Location(1, "A")))
    print(asdict(Warehouse("Empty")), {str(k): len(v) for k, v in wh.stock.items()})
    try:
        Product("X", "Bad", -1)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Location(1, "A").aisle = 2
    except AttributeError as e:
        print(type(e).__name__, "-", e)
    try:
        Product("Y", "Missing")
    except TypeError as e:
        print("TypeError:", e)
    print(Product.__dataclass_fields__["tags"].default_factory is list, Product("Z", "z", 1.0).tags)


if __name__ == "__main__":
    main()
