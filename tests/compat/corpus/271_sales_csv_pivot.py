"""Aggregate sales from CSV text and print a pivot table by region and quarter."""
import csv
import io
from collections import defaultdict
from typing import Dict, List

RAW = """date,region,product,units,unit_price
2024-01-15,North,Widget,12,9.99
2024-02-03,South,Gadget,5,24.50
2024-03-22,North,Gadget,7,24.50
2024-04-10,East,Widget,20,9.99
2024-05-05,South,Widget,3,9.99
2024-06-18,East,Gizmo,9,14.25
2024-07-01,North,Gizmo,4,14.25
2024-08-14,South,Gadget,11,24.50
2024-09-30,East,Gadget,2,24.50
2024-10-12,North,Widget,15,9.99
2024-11-23,South,Gizmo,8,14.25
2024-12-31,East,Widget,6,9.99
"""


def quarter(date_str: str) -> str:
    month = int(date_str.split("-")[1])
    return f"Q{(month - 1) // 3 + 1}"


def load_rows(text: str) -> List[Dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader)


def build_pivot(rows):
    pivot = defaultdict(lambda: defaultdict(float))
    for row in rows:
        revenue = int(row["units"]) * float(row["unit_price"])
        pivot[row["region"]][quarter(row["date"])] += revenue
    return pivot


def main() -> None:
    rows = load_rows(RAW)
    print(f"Loaded {len(rows)} rows; columns: {', '.join(rows[0].keys())}")
    pivot = build_pivot(rows)
    quarters = ["Q1", "Q2", "Q3", "Q4"]
    header = f"{'Region':<8}" + "".join(f"{q:>10}" for q in quarters) + f"{'Total':>12}"
    print(header)
    print("-" * len(header))
    grand = 0.0
    col_totals = {q: 0.0 for q in quarters}
    for region in sorted(pivot):
        values = pivot[region]
        total = sum(values.values())
        grand += total
        for q in quarters:
            col_totals[q] += values.get(q, 0.0)
        cells = "".join(f"{values.get(q, 0.0):>10,.2f}" for q in quarters)
        print(f"{region:<8}{cells}{total:>12,.2f}")
    print("-" * len(header))
    print(f"{'Total':<8}" + "".join(f"{col_totals[q]:>10,.2f}" for q in quarters) + f"{grand:>12,.2f}")
    best = max(pivot, key=lambda r: sum(pivot[r].values()))
    print(f"Best region: {best} ({sum(pivot[best].values()) / grand:.1%} of revenue)")
    by_product = defaultdict(int)
    for row in rows:
        by_product[row["product"]] += int(row["units"])
    for product, units in sorted(by_product.items(), key=lambda kv: -kv[1]):
        print(f"  {product:<8} {units:>4} units  {'#' * (units // 2)}")


if __name__ == "__main__":
    main()
