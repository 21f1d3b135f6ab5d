from collections import defaultdict


class Employee:
    def __init__(self, eid, name, title, salary, manager_id=None):
        self.eid = eid
        self.name = name
        self.title = title
        self.salary = salary
        self.manager_id = manager_id
        self.reports = []

    def __repr__(self):
        return f"<Employee {self.eid}: {self.name}>"

    def __str__(self):
        return f"{self.name} ({self.title})"


ROWS = [
    (1, "Grace", "CEO", 250000, None),
    (2, "Alan", "CTO", 210000, 1),
    (3, "Ada", "CFO", 205000, 1),
    (4, "Linus", "Eng Manager", 160000, 2),
    (5, "Margaret", "Engineer", 140000, 4),
    (6, "Ken", "Engineer", 135000, 4),
    (7, "Barbara", "Accountant", 90000, 3),
    (8, "Dennis", "Intern", 40000, 5),
]

staff = {r[0]: Employee(*r) for r in ROWS}
root = None
for e in staff.values():
    if e.manager_id is None:
        root = e
    else:
        staff[e.manager_id].reports.append(e)


def print_tree(emp, prefix="", last=True):
    connector = "`-- " if last else "|-- "
    print(prefix + (connector if prefix else "") + str(emp))
    child_prefix = prefix + ("    " if last else "|   ")
    for i, r in enumerate(emp.reports):
        print_tree(r, child_prefix if prefix else "  ", i == len(emp.reports) - 1)


def total_cost(emp):
    return emp.salary + sum(total_cost(r) for r in emp.reports)


def depth(emp):
    return 1 + max((depth(r) for r in emp.reports), default=0)


print_tree(root)
print()
for e in (root, staff[2], staff[4]):
    print(f"{e.name:<8} team cost {total_cost(e):>10,}")
print("depth:", depth(root))
by_title = defaultdict(list)
for e in staff.values():
    by_title[e.title.split()[-1]].append(e)
print(dict(by_title))
print(sorted(staff.values(), key=lambda e: e.salary)[:3])
avg = sum(e.salary for e in staff.values()) / len(staff)
print(f"average salary: {avg:,.2f}; above average: {', '.join(e.name for e in staff.values() if e.salary > avg)}")
