"""Expense tracker: categorize transactions and print a monthly summary."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, ROUND_HALF_UP
from collections import defaultdict
from typing import List


@dataclass
class Transaction:
    when: date
    description: str
    amount: Decimal
    category: str = "misc"


@dataclass
class Ledger:
    owner: str
    transactions: List[Transaction] = field(default_factory=list)

    def add(self, when: str, description: str, amount: str, category: str = "misc") -> None:
        y, m, d = map(int, when.split("-"))
        self.transactions.append(Transaction(date(y, m, d), description, Decimal(amount), category))

    def by_month(self):
        months = defaultdict(list)
        for t in self.transactions:
            months[(t.when.year, t.when.month)].append(t)
        return dict(sorted(months.items()))

    def totals_by_category(self):
        totals = defaultdict(Decimal)
        for t in self.transactions:
            totals[t.category] += t.amount
        return totals


ledger = Ledger("alice")
ledger.add("2024-01-03", "Groceries", "54.20", "food")
ledger.add("2024-01-15", "Electric bill", "120.55", "utilities")
ledger.add("2024-01-20", "Coffee", "4.75", "food")
ledger.add("2024-02-02", "Train pass", "89.00", "transport")
ledger.add("2024-02-14", "Dinner", "73.40", "food")
ledger.add("2024-02-28", "Water bill", "33.10", "utilities")
ledger.add("2024-03-01", "Book", "18.99")

for (year, month), items in ledger.by_month().items():
    first = items[0].when
    print(f"== {first:%B %Y} ==")
    for t in items:
        print(f"  {t.when:%d %b}  {t.description:<15}{t.amount:>10}")
    subtotal = sum((t.amount for t in items), Decimal("0"))
    print(f"  {'Subtotal':<22}{subtotal:>10}")

print()
totals = ledger.totals_by_category()
grand = sum(totals.values())
for cat, amount in sorted(totals.items(), key=lambda kv: kv[1], reverse=True):
    share = (amount / grand * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    print(f"{cat:>10}: {amount:>8} ({share}%)")
print(f"{'TOTAL':>10}: {grand:>8}")
print(ledger.transactions[0])
