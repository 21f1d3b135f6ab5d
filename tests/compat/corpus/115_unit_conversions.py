# Unit conversion table.
conversions = {"km->mi": 0.621371, "kg->lb": 2.20462, "l->gal": 0.264172, "c->f": None}
def convert(kind, value):
    if kind == "c->f":
        return value * 9 / 5 + 32
    return value * conversions[kind]
for kind in conversions:
    vals = [convert(kind, v) for v in (1, 10, 37.5, 100)]
    print(kind.ljust(7), " ".join(f"{v:9.3f}" for v in vals))
print(convert("c->f", -40), convert("km->mi", 42.195))
print(round(convert("kg->lb", 70), 1), convert("l->gal", 3.785411784))
for c in range(-10, 41, 10):
    print(c, convert("c->f", c))
