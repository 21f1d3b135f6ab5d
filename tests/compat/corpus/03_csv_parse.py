# Parse a CSV of employees, compute per-department statistics.
import csv
import io

DATA = """name,department,salary,start_year
Alice Smith,Engineering,125000,2015
Bob Jones,Marketing,72000,2019
Carol White,Engineering,138000,2012
Dan Brown,Sales,65000,2021
Eve Black,Engineering,99000,2020
Frank Green,Sales,71000,2017
Grace Hall,Marketing,80500,2016
"Hill, Henry",Sales,58000,2022
"""

reader = csv.DictReader(io.StringIO(DATA))
rows = list(reader)
print(f"Read {len(rows)} rows with columns {reader.fieldnames}")

departments = {}
for row in rows:
    row["salary"] = int(row["salary"])
    row["start_year"] = int(row["start_year"])
    departments.setdefault(row["department"], []).append(row)

print(f"{'Department':<12}{'Count':>6}{'Average':>12}{'Max':>10}")
for dept in sorted(departments):
    people = departments[dept]
    salaries = [p["salary"] for p in people]
    avg = sum(salaries) / len(salaries)
    print(f"{dept:<12}{len(people):>6}{avg:>12.2f}{max(salaries):>10}")

senior = [r["name"] for r in rows if 2026 - r["start_year"] >= 8]
print("Employees with 8+ years:", "; ".join(senior))

out = io.StringIO()
writer = csv.writer(out)
writer.writerow(["department", "total"])
for dept in sorted(departments):
    writer.writerow([dept, sum(p["salary"] for p in departments[dept])])
print(out.getvalue(), end="")
