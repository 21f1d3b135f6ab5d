# dataclasses: defaults, default_factory, __post_init__, asdict, astuple, replace.
from dataclasses import dataclass, field, asdict, astuple, replace, fields


@dataclass
class Item:
    name: str
    price: float
    tags: list = field(default_factory=list)
    quantity: int = 1

    def total(self):
        return self.price * self.quantity


@dataclass
class Order:
    id: int
    items: list[Item] = field(default_factory=list)
    note: str = field(default="", repr=False)
    total: float = field(init=False)

    def __post_init__(self):
        self.total = round(sum(i.total() for i in self.items), 2)


apple = Item("apple", 0.5, ["fruit"], 6)
bread = Item("bread", 2.25)
order = Order(1, [apple, bread], note="leave at door")
print(apple)
print(order)
print(asdict(order))
print(astuple(bread))
print(replace(apple, quantity=12))
print(apple == Item("apple", 0.5, ["fruit"], 6), apple == bread)
print([f.name for f in fields(Order)])
print(Item.__dataclass_fields__["tags"].default_factory)
a, b = Item("x", 1), Item("y", 2)
a.tags.append("shared?")
print(a.tags, b.tags)
try:
    Item()
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
