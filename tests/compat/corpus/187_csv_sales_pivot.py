import csv
import io
from collections import defaultdict
from datetime import datetime

CSV_TEXT = """date,region,product,units,unit_price
2024-01-05,West,Widget,10,2.50
2024-01-17,East,Gadget,3,19.99
2024-02-02,West,Gadget,5,19.99
2024-02-11,North,Widget,22,2.50
2024-02-20,East,Widget,8,2.45
2024-03-03,West,Gizmo,1,99.00
2024-03-15,North,Gadget,7,18.75
2024-03-28,East,Gizmo,2,95.50
"""

rows = list(csv.reader(io.StringIO(CSV_TEXT)))
header, data = rows[0], rows[1:]
print(header, len(data))

pivot = defaultdict(lambda: defaultdict(float))
months = set()
for rec in csv.DictReader(io.StringIO(CSV_TEXT)):
    month = datetime.strptime(rec["date"], "%Y-%m-%d").strftime("%b")
    months.add((rec["date"][:7], month))
    pivot[rec["region"]][month] += int(rec["units"]) * float(rec["unit_price"])

cols = [m for _, m in sorted(months)]
print(f"{'Region':<8}" + "".join(f"{m:>10}" for m in cols) + f"{'Total':>11}")
col_totals = defaultdict(float)
for region in sorted(pivot):
    cells = pivot[region]
    row_total = sum(cells.values())
    for m in cols:
        col_totals[m] += cells.get(m, 0.0)
    print(f"{region:<8}" + "".join(f"{cells.get(m, 0):>10.2f}" for m in cols) + f"{row_total:>11.2f}")
print(f"{'Total':<8}" + "".join(f"{col_totals[m]:>10.2f}" for m in cols) + f"{sum(col_totals.values()):>11.2f}")

products = defaultdict(int)
for _, _, product, units, _ in data:
    products[product] += int(units)
best = max(products, key=products.get)
print(dict(products), "best seller:", best)

out = io.StringIO()
w = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
w.writerow(["region", "note", "value"])
w.writerow(["West", 'said "hi", left', 1.5])
w.writerow(["East", "multi\nline", 2])
print(out.getvalue())
for row in csv.reader(io.StringIO(out.getvalue())):
    print(row)
tsv = "a\tb\n1\t2\n"
print(list(csv.DictReader(io.StringIO(tsv), delimiter="\t")))
