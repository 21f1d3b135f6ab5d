# Classes that implement __format__, and dates in f-strings.
from datetime import date, datetime
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        value = self.cents / 100
        if spec == "short":
            return f"${value:.0f}"
        return f"${value:,.2f}"
    def __str__(self):
        return f"Money({self.cents})"

m = Money(123456)
print(f"{m}", f"{m:short}", "{}".format(m), "{:short}".format(m), format(m, ""))
print(str(m))
d = date(2024, 3, 9)
print(f"{d:%b %d, %Y}", f"{d:%A}", f"{d}")
dt = datetime(2024, 12, 31, 23, 59, 5)
print(f"{dt:%Y-%m-%d %H:%M:%S}", "{:%d/%m}".format(dt))
print(format(d, "%j"))
