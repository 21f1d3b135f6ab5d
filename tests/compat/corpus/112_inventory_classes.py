# Inventory with class methods, static methods and __eq__/__hash__.
class Product:
    _registry = {}
    def __init__(self, sku, name, price):
        self.sku, self.name, self.price = sku, name, price
        Product._registry[sku] = self
    @classmethod
    def from_string(cls, text):
        sku, name, price = text.split("|")
        return cls(sku, name, float(price))
    @staticmethod
    def normalise(sku):
        return sku.strip().upper()
    def __eq__(self, other):
        return isinstance(other, Product) and self.sku == other.sku
    def __hash__(self):
        return hash(self.sku)
    def __str__(self):
        return f"{self.name} ({self.sku}) @ {self.price:.2f}"

for line in ["A1|Lamp|19.5", "B2|Desk|149", "C3|Chair|89.99", "A1|Lamp v2|21"]:
    Product.from_string(line)
print(list(Product._registry))
for p in Product._registry.values():
    print(p)
print(Product.normalise("  a1 "), Product("x", "y", 1) == Product("x", "z", 2))
print(len({Product("q", "a", 1), Product("q", "b", 2)}))
print(sorted(Product._registry.values(), key=lambda p: p.price)[0].name)
