# __format__: custom format specs for user classes.
from datetime import date


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        amount = self.cents / 100
        if spec == "words":
            return f"{self.cents // 100} dollars and {self.cents % 100} cents"
        if spec.endswith("$"):
            return "$" + format(amount, spec[:-1] or ",.2f")
        return format(amount, spec)

    def __str__(self):
        return f"${self.cents / 100:.2f}"


m = Money(123456)
print(f"{m}")
print(f"{m:words}")
print(f"{m:,.2f$}")
print(f"{m:>12.1f}|")
print("{:$}".format(m))
print(format(m, "words"))


class Shape:
    def __init__(self, name):
        self.name = name

    def __format__(self, spec):
        if not spec:
            return self.name
        return self.name.upper() if spec == "upper" else format(self.name, spec)


s = Shape("hexagon")
print(f"[{s}] [{s:upper}] [{s:^11}] [{s:*<10}]")
d = date(2024, 7, 4)
print(f"{d:%A, %B %d, %Y}", format(d, "%d/%m/%y"), "{:%j}".format(d))


class NoFormat:
    pass


try:
    format(NoFormat(), "d")
except TypeError as e:
    print("TypeError:", e)
print(format(NoFormat(), "")[:10])
