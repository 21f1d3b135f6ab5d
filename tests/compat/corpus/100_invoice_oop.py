# An invoice model with dataclasses and formatted output.
from dataclasses import dataclass, field, asdict

@dataclass
class Line:
    description: str
    quantity: int
    unit_price: float

    @property
    def total(self):
        return self.quantity * self.unit_price

@dataclass
class Invoice:
    number: str
    customer: str
    lines: list = field(default_factory=list)

    def add(self, *args):
        self.lines.append(Line(*args))

    def total(self):
        return sum(l.total for l in self.lines)

inv = Invoice("INV-001", "Acme Corp")
inv.add("Consulting", 10, 150.0)
inv.add("Travel", 1, 420.5)
inv.add("Materials", 3, 19.99)
print(inv.number.ljust(10), inv.customer.rjust(12))
for l in inv.lines:
    print(f"{l.description:<12}{l.quantity:>4} x {l.unit_price:>8,.2f} = {l.total:>10,.2f}")
print(f"{'Total':<12}{inv.total():>29,.2f}")
print(asdict(inv.lines[0]))
print(inv.lines[1])
print(asdict(inv))
