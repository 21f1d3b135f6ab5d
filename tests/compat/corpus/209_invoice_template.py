from string import Template
from datetime import date, timedelta
from decimal import Decimal

HEADER = Template("""\
INVOICE $number
Date: $date      Due: $due
Bill to: $customer
""")

LINE = "{desc:<28} {qty:>4} x {price:>9} = {total:>10}"


class Invoice:
    TAX = Decimal("0.20")

    def __init__(self, number, customer, issued):
        self.number = number
        self.customer = customer
        self.issued = issued
        self.lines = []

    def add(self, desc, qty, price):
        self.lines.append({"desc": desc, "qty": qty, "price": Decimal(price)})
        return self

    def render(self):
        out = [HEADER.substitute(number=f"#{self.number:05d}", date=self.issued.strftime("%d/%m/%Y"),
                                 due=(self.issued + timedelta(days=30)).strftime("%d/%m/%Y"),
                                 customer=self.customer)]
        net = Decimal(0)
        for ln in self.lines:
            total = ln["qty"] * ln["price"]
            net += total
            out.append(LINE.format(total=f"{total:,.2f}", **{**ln, "price": f"{ln['price']:,.2f}"}))
        tax = (net * self.TAX).quantize(Decimal("0.01"))
        out.append("-" * 60)
        for label, amount in [("Net", net), (f"VAT {self.TAX:.0%}", tax), ("Total due", net + tax)]:
            out.append(f"{label:>47} {amount:>12,.2f}")
        return "\n".join(out)


inv = Invoice(42, "Acme Widgets Ltd.", date(2024, 2, 10))
inv.add("Consulting (hours)", 12, "150").add("Travel expenses", 1, "389.40").add("Licence, annual", 3, "1200.00")
print(inv.render())
try:
    HEADER.substitute(number=1)
except KeyError as e:
    print("missing key:", e)
print(Template("$a and ${b}s").safe_substitute(a=1), Template("cost: $$5").substitute())
print("{0:>5}|{0:<5}|{1!r}|{2[k]}|{3.year}".format("ab", "x", {"k": "v"}, date(2020, 1, 1)))
print("{:,}".format(10 ** 9), "{:.3%}".format(1 / 3), "{:+.1e}".format(-12345.678), "{:^10.3s}|".format("abcdef"))
