"""Loan amortization schedule and comparison of repayment strategies."""
from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP
from typing import List

TWO = Decimal("0.01")


@dataclass
class Payment:
    number: int
    payment: Decimal
    interest: Decimal
    principal: Decimal
    balance: Decimal


def monthly_payment(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    r = annual_rate / 12
    if r == 0:
        return (principal / months).quantize(TWO, ROUND_HALF_UP)
    factor = (1 + r) ** months
    return (principal * r * factor / (factor - 1)).quantize(TWO, ROUND_HALF_UP)


def schedule(principal: Decimal, annual_rate: Decimal, months: int, extra: Decimal = Decimal(0)) -> List[Payment]:
    pay = monthly_payment(principal, annual_rate, months)
    balance, rows, n = principal, [], 0
    while balance > 0:
        n += 1
        interest = (balance * annual_rate / 12).quantize(TWO, ROUND_HALF_UP)
        amount = min(pay + extra, balance + interest)
        principal_part = amount - interest
        balance -= principal_part
        rows.append(Payment(n, amount, interest, principal_part, balance))
    return rows


def main():
    principal, rate = Decimal("25000"), Decimal("0.069")
    rows = schedule(principal, rate, 36)
    print(f"Loan {principal:,.2f} at {rate:.2%} over 36 months: payment {rows[0].payment}")
    print(f"{'#':>3} {'Payment':>10} {'Interest':>9} {'Principal':>10} {'Balance':>11}")
    for p in rows[:3] + rows[-2:]:
        print(f"{p.number:>3} {p.payment:>10} {p.interest:>9} {p.principal:>10} {p.balance:>11,}")
    total_interest = sum(p.interest for p in rows)
    print(f"total interest: {total_interest:,.2f}; paid {sum(p.payment for p in rows):,.2f}")
    for extra in (Decimal("50"), Decimal("200")):
        fast = schedule(principal, rate, 36, extra)
        saved = total_interest - sum(p.interest for p in fast)
        print(f"extra {extra:>6}/mo -> {len(fast)} payments, saves {saved:,.2f}")
    for years, r in [(15, "0.055"), (30, "0.0625"), (5, "0")]:
        m = monthly_payment(Decimal(300000), Decimal(r), years * 12)
        print(f"{years:>2}y @ {float(r):6.3%}: {m:>10,.2f}/mo  total {m * years * 12:>14,.2f}")
    apr = 0.069
    apy = (1 + apr / 12) ** 12 - 1
    print(f"APR {apr:.3%} -> APY {apy:.4%}; doubling time {72 / (apr * 100):.1f} years (rule of 72)")
    print(Decimal("25000") * Decimal("0.069") / 12, (Decimal(1) / 3).quantize(Decimal("0.0001")), Decimal("1e3"), Decimal("100").normalize())
    print(Decimal("1.23456789").quantize(Decimal("1.000")), Decimal(0.1), Decimal("3.14159").as_tuple().exponent, -Decimal("0.00"))


if __name__ == "__main__":
    main()
