import csv
import io
from datetime import datetime
from decimal import Decimal, InvalidOperation
from itertools import groupby
from operator import itemgetter

RAW = """Date,Description,Amount,Balance
03/01/2024,Opening balance,,1500.00
03/02/2024,Coffee Shop,-4.50,
03/02/2024,Grocery Mart,-82.17,
03/05/2024,Salary ACME Corp,2450.00,
03/07/2024,Rent,-1200.00,
03/07/2024,Refund ,12.99,
03/09/2024,ATM withdrawal,-100,
03/11/2024,Broken row,abc,
03/12/2024,Electric Co,-61.40,
"""

rows = []
errors = []
balance = None
for lineno, rec in enumerate(csv.DictReader(io.StringIO(RAW)), start=2):
    when = datetime.strptime(rec["Date"], "%m/%d/%Y").date()
    if rec["Balance"]:
        balance = Decimal(rec["Balance"])
        continue
    try:
        amount = Decimal(rec["Amount"])
    except InvalidOperation:
        errors.append(f"line {lineno}: bad amount {rec['Amount']!r}")
        continue
    balance += amount
    rows.append({"date": when, "desc": rec["Description"].strip(), "amount": amount, "balance": balance})

print(f"{'Date':<10} {'Description':<18}{'Amount':>10}{'Balance':>11}")
for r in rows:
    flag = " <" if r["amount"] < -500 else ""
    print(f"{r['date']:%Y-%m-%d} {r['desc']:<18}{r['amount']:>10,.2f}{r['balance']:>11,.2f}{flag}")
print(*errors, sep="\n")

for day, items in groupby(rows, key=itemgetter("date")):
    items = list(items)
    net = sum(i["amount"] for i in items)
    print(f"{day:%a %d}: {len(items)} txn, net {net:+.2f}")

credits = sum(r["amount"] for r in rows if r["amount"] > 0)
debits = -sum(r["amount"] for r in rows if r["amount"] < 0)
print(f"credits {credits}, debits {debits}, closing {balance}")
print(max(rows, key=lambda r: abs(r["amount"]))["desc"], min(r["balance"] for r in rows))
print(Decimal("-100").copy_abs(), Decimal("12.99").as_tuple(), Decimal("1500.00").to_integral_value())
