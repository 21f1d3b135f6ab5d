# A shopping cart with coupons and a receipt.
class Product:
    def __init__(self, name, price, category):
        self.name = name
        self.price = price
        self.category = category

    def __str__(self):
        return f"{self.name} (${self.price:.2f})"

class Cart:
    def __init__(self):
        self.lines = {}

    def add(self, product, qty=1):
        if qty <= 0:
            raise ValueError("quantity must be positive")
        current = self.lines.get(product.name, (product, 0))[1]
        self.lines[product.name] = (product, current + qty)

    def remove(self, name):
        del self.lines[name]

    def subtotal(self):
        return sum(p.price * q for p, q in self.lines.values())

    def discount(self, coupon):
        if coupon == "SAVE10":
            return self.subtotal() * 0.10
        if coupon == "FRUIT5":
            return sum(5.0 for p, q in self.lines.values() if p.category == "fruit")
        return 0.0

catalog = [Product("apple", 0.5, "fruit"), Product("bread", 2.25, "bakery"),
           Product("cheese", 6.8, "dairy"), Product("melon", 3.1, "fruit")]
cart = Cart()
for p, q in zip(catalog, [6, 1, 2, 1]):
    cart.add(p, q)
cart.add(catalog[0], 4)
try:
    cart.add(catalog[1], 0)
except ValueError as e:
    print("error:", e)
cart.remove("bread")
print("items:", ", ".join(str(p) + " x" + str(q) for p, q in cart.lines.values()))
print("subtotal: %.2f" % cart.subtotal())
for coupon in ["SAVE10", "FRUIT5", "BOGUS"]:
    d = cart.discount(coupon)
    print(coupon, "saves", round(d, 2), "total", round(cart.subtotal() - d, 2))
categories = {}
for p, q in cart.lines.values():
    categories[p.category] = categories.get(p.category, 0) + q
print(categories)
print(sorted(cart.lines))
