from decimal import Decimal
from enum import Enum, auto


class InsufficientFunds(Exception):
    def __init__(self, account, requested):
        self.account = account
        self.requested = requested
        super().__init__(f"account {account.number} has {account.balance}, requested {requested}")


class Kind(Enum):
    CHECKING = auto()
    SAVINGS = auto()


class Account:
    _next_number = 1000

    def __init__(self, owner: str, kind: Kind, balance: str = "0"):
        Account._next_number += 1
        self.number = Account._next_number
        self.owner = owner
        self.kind = kind
        self.balance = Decimal(balance)
        self.history = []

    def deposit(self, amount):
        amount = Decimal(amount)
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        amount = Decimal(amount)
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return f"Account({self.number}, {self.owner!r}, {self.kind}, balance={self.balance})"


def transfer(src, dst, amount):
    try:
        src.withdraw(amount)
    except InsufficientFunds as exc:
        raise RuntimeError("transfer failed") from exc
    dst.deposit(amount)


a = Account("Ann", Kind.CHECKING, "250.00")
b = Account("Bob", Kind.SAVINGS)
a.deposit("49.99")
transfer(a, b, "100")
print(a)
print(b)
try:
    transfer(b, a, "500")
except RuntimeError as e:
    print("error:", e)
    print("cause:", type(e.__cause__).__name__, "-", e.__cause__)
try:
    a.deposit("-5")
except ValueError as e:
    print("error:", e)

for acct in (a, b):
    print(f"{acct.owner}: {acct.kind.name.title()} #{acct.number}")
    for op, amt in acct.history:
        sign = "+" if op == "deposit" else "-"
        print(f"   {op:<10}{sign}{amt:>9.2f}")
interest = (b.balance * Decimal("0.0425")).quantize(Decimal("0.01"))
print("interest:", interest, repr(interest))
print(Kind.SAVINGS, Kind.SAVINGS.value, list(Kind))
