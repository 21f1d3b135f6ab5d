# Build a pivot table of sales by region and quarter.
sales = [("north", "Q1", 120), ("south", "Q1", 80), ("north", "Q2", 150), ("east", "Q1", 60),
         ("south", "Q2", 95), ("east", "Q3", 70), ("north", "Q3", 130), ("south", "Q3", 100)]
pivot = {}
quarters = []
for region, q, amount in sales:
    pivot.setdefault(region, {})
    pivot[region][q] = pivot[region].get(q, 0) + amount
    if q not in quarters:
        quarters.append(q)
print(pivot)
print("region".ljust(8) + "".join(q.rjust(6) for q in quarters) + "total".rjust(8))
for region, row in pivot.items():
    cells = "".join(str(row.get(q, "-")).rjust(6) for q in quarters)
    print(region.ljust(8) + cells + str(sum(row.values())).rjust(8))
col_totals = {q: sum(r.get(q, 0) for r in pivot.values()) for q in quarters}
print(col_totals)
