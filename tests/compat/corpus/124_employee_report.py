# Employee records grouped by department with averages.
from collections import defaultdict
from dataclasses import dataclass
@dataclass(order=True)
class Employee:
    dept: str
    name: str
    salary: int
staff = [Employee("eng", "Ana", 125000), Employee("ops", "Raj", 72000), Employee("eng", "Li", 98000),
         Employee("sales", "Tom", 65000), Employee("ops", "Kai", 81000), Employee("eng", "Zoe", 143000)]
by_dept = defaultdict(list)
for e in staff:
    by_dept[e.dept].append(e)
for dept, members in by_dept.items():
    avg = sum(m.salary for m in members) / len(members)
    names = ", ".join(m.name for m in members)
    print(f"{dept:<6} n={len(members)} avg={avg:,.1f} [{names}]")
print(sorted(staff)[0])
print(max(staff, key=lambda e: e.salary))
print({d: max(m.salary for m in ms) for d, ms in by_dept.items()})
