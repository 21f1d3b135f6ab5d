from decimal import Decimal, ROUND_HALF_EVEN, ROUND_DOWN, getcontext

CENT = Decimal("0.01")


def split_bill(total: Decimal, people: list[str], tip_pct: Decimal = Decimal("18")) -> dict[str, Decimal]:
    with_tip = (total * (1 + tip_pct / 100)).quantize(CENT, rounding=ROUND_HALF_EVEN)
    base = (with_tip / len(people)).quantize(CENT, rounding=ROUND_DOWN)
    shares = {p: base for p in people}
    remainder = with_tip - base * len(people)
    pennies = int(remainder / CENT)
    for p in people[:pennies]:
        shares[p] += CENT
    return shares


total = Decimal("187.43")
people = ["Ana", "Ben", "Chen", "Dee"]
shares = split_bill(total, people)
for name, amount in shares.items():
    print(f"{name:<6}${amount:>8}")
print("sum:", sum(shares.values()), "check:", (total * Decimal("1.18")).quantize(CENT))

print(getcontext().prec)
print(Decimal(1) / Decimal(7))
print(Decimal("1.10") + Decimal("2.20"), 1.10 + 2.20)
print(Decimal("10") / Decimal("4"), Decimal("10") // Decimal("4"), Decimal("-7") % Decimal("3"))
print(Decimal("2.5").quantize(Decimal("1")), Decimal("3.5").quantize(Decimal("1")))
print(Decimal("123.4500").normalize(), Decimal("1E+2").normalize(), Decimal("0.000"))
print(Decimal("19.99") * 3, Decimal(0.1))
print(repr(Decimal("3.14")), str(Decimal("-0")), Decimal("1e3") + 1)
rates = {"USD": Decimal("1"), "EUR": Decimal("0.9213"), "JPY": Decimal("149.52")}
for cur, rate in rates.items():
    converted = (Decimal("250") * rate).quantize(CENT)
    print(f"250 USD = {converted:>10,} {cur}")
print(f"{Decimal('1234567.891'):,.2f}", f"{Decimal('0.5'):.0%}", f"{Decimal('42'):08.3f}")
print(sorted([Decimal("1.5"), Decimal("-2"), Decimal("0.25")]), max(Decimal("1"), Decimal("1.0")))
print(Decimal("7").sqrt().quantize(Decimal("0.0001")), Decimal(2) ** 10, round(Decimal("2.675"), 2))
