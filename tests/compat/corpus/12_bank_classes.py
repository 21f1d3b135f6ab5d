# A small bank: classes, inheritance, properties, custom exceptions.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"needed {needed:.2f}, available {available:.2f}")
        self.needed = needed
        self.available = available

class Account:
    _next_number = 1000

    def __init__(self, owner, balance=0.0):
        Account._next_number += 1
        self.number = Account._next_number
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(amount, self._balance)
        self._balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return f"{type(self).__name__}(#{self.number}, {self.owner!r}, {self._balance:.2f})"

class SavingsAccount(Account):
    def __init__(self, owner, balance=0.0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        interest = round(self._balance * self.rate, 2)
        self.deposit(interest)
        return interest

    def __str__(self):
        return f"Savings of {self.owner} at {self.rate:.1%}: {self.balance:,.2f}"

accounts = [Account("Ann", 100), SavingsAccount("Bob", 2500, 0.035), Account("Cy")]
accounts[0].deposit(50)
accounts[2].deposit(20.5)
for acct, amount in [(accounts[0], 120), (accounts[2], 100), (accounts[1], 400)]:
    try:
        acct.withdraw(amount)
        print(f"{acct.owner} withdrew {amount}")
    except InsufficientFunds as e:
        print(f"{acct.owner} refused: {e} (short by {e.needed - e.available:.2f})")
try:
    accounts[0].deposit(-5)
except ValueError as e:
    print("error:", e)
print("interest:", accounts[1].add_interest())
for a in accounts:
    print(repr(a), "|", a.history)
print(accounts[1])
print(isinstance(accounts[1], Account), issubclass(SavingsAccount, Account))
print(sum(a.balance for a in accounts))
