"""Bank account ledger with transaction history, overdraft protection and interest."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import ClassVar, List


class TxType(str, Enum):
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"
    INTEREST = "interest"
    FEE = "fee"


@dataclass(frozen=True)
class Transaction:
    when: date
    kind: TxType
    amount: Decimal
    memo: str = ""


class InsufficientFunds(Exception):
    def __init__(self, needed: Decimal, available: Decimal) -> None:
        super().__init__(f"need {needed:.2f}, only {available:.2f} available")
        self.needed, self.available = needed, available


class Account(ABC):
    _next_id: ClassVar[int] = 1000

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.id = Account._next_id
        Account._next_id += 1
        self.history: List[Transaction] = []

    @property
    def balance(self) -> Decimal:
        sign = {TxType.DEPOSIT: 1, TxType.INTEREST: 1, TxType.WITHDRAWAL: -1, TxType.FEE: -1}
        return sum((sign[t.kind] * t.amount for t in self.history), Decimal("0.00"))

    @abstractmethod
    def overdraft_limit(self) -> Decimal: ...

    def deposit(self, when: date, amount: Decimal, memo: str = "") -> None:
        if amount <= 0:
            raise ValueError(f"deposit must be positive: {amount}")
        self.history.append(Transaction(when, TxType.DEPOSIT, amount, memo))

    def withdraw(self, when: date, amount: Decimal, memo: str = "") -> None:
        available = self.balance + self.overdraft_limit()
        if amount > available:
            raise InsufficientFunds(amount, available)
        self.history.append(Transaction(when, TxType.WITHDRAWAL, amount, memo))

    def statement(self) -> None:
        print(f"--- {type(self).__name__} #{self.id} ({self.owner}) ---")
        running = Decimal("0")
        for t in self.history:
            delta = t.amount if t.kind in (TxType.DEPOSIT, TxType.INTEREST) else -t.amount
            running += delta
            print(f"{t.when.isoformat()}  {t.kind.value:<10} {delta:>+10.2f} {running:>10.2f}  {t.memo}")
        print(f"{'balance':>22} {self.balance:>21.2f}")


class Checking(Account):
    def overdraft_limit(self) -> Decimal:
        return Decimal("100")


class Savings(Account):
    RATE = Decimal("0.0375")

    def overdraft_limit(self) -> Decimal:
        return Decimal("0")

    def add_interest(self, when: date) -> None:
        interest = (self.balance * self.RATE / 12).quantize(Decimal("0.01"))
        self.history.append(Transaction(when, TxType.INTEREST, interest, f"{self.RATE:.2%} APR"))


def main() -> None:
    chk, sav = Checking("Dana"), Savings("Dana")
    chk.deposit(date(2024, 1, 2), Decimal("1200.00"), "salary")
    for amt, memo in [("250.75", "rent"), ("980", "laptop"), ("120", "groceries")]:
        try:
            chk.withdraw(date(2024, 1, 5), Decimal(amt), memo)
        except InsufficientFunds as e:
            print(f"declined {memo}: {e} (short by {e.needed - e.available})")
    sav.deposit(date(2024, 1, 2), Decimal("5000"))
    sav.add_interest(date(2024, 1, 31))
    for acct in (chk, sav):
        acct.statement()
    try:
        Account("nobody")
    except TypeError as e:
        print("TypeError:", e)
    try:
        chk.history[0].amount = Decimal("1")
    except Exception as e:
        print(type(e).__name__, e)
    print(TxType("fee"), TxType.FEE == "fee", f"{TxType.DEPOSIT}", TxType.DEPOSIT.value.upper())


if __name__ == "__main__":
    main()
