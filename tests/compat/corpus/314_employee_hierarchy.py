"""Org chart analytics: build a tree from flat records, compute spans, depths, and salary rollups."""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional

RECORDS = [
    (1, "Morgan", None, "CEO", 250_000),
    (2, "Riley", 1, "CTO", 210_000),
    (3, "Jordan", 1, "CFO", 205_000),
    (4, "Casey", 2, "Eng Manager", 160_000),
    (5, "Taylor", 2, "Eng Manager", 158_000),
    (6, "Alex", 4, "Engineer", 130_000),
    (7, "Sam", 4, "Engineer", 125_500),
    (8, "Jamie", 5, "Engineer", 128_250),
    (9, "Drew", 3, "Accountant", 95_000),
    (10, "Quinn", 4, "Intern", 45_000),
]


@dataclass
class Employee:
    id: int
    name: str
    title: str
    salary: int
    manager: Optional["Employee"] = field(default=None, repr=False)
    reports: List["Employee"] = field(default_factory=list, repr=False)

    def walk(self, depth: int = 0) -> Iterator[tuple]:
        yield depth, self
        for r in sorted(self.reports, key=lambda e: e.name):
            yield from r.walk(depth + 1)

    @property
    def total_cost(self) -> int:
        return self.salary + sum(r.total_cost for r in self.reports)

    def chain(self) -> List[str]:
        out, node = [], self
        while node:
            out.append(node.name)
            node = node.manager
        return out


def build(records) -> Employee:
    people: Dict[int, Employee] = {r[0]: Employee(r[0], r[1], r[3], r[4]) for r in records}
    root = None
    for eid, _, mgr, _, _ in records:
        if mgr is None:
            root = people[eid]
        else:
            people[eid].manager = people[mgr]
            people[mgr].reports.append(people[eid])
    return root


def main():
    ceo = build(RECORDS)
    for depth, e in ceo.walk():
        branch = "    " * depth + ("└── " if depth else "")
        print(f"{branch}{e.name} ({e.title}) ${e.salary:,}")
    print()
    levels = defaultdict(list)
    queue = deque([(ceo, 0)])
    while queue:
        node, d = queue.popleft()
        levels[d].append(node.name)
        queue.extend((r, d + 1) for r in node.reports)
    for d, names in levels.items():
        print(f"level {d}: {', '.join(names)}")
    managers = [e for _, e in ceo.walk() if e.reports]
    print(f"{'Manager':<8} {'Span':>4} {'Org cost':>12} {'Avg report':>11}")
    for m in sorted(managers, key=lambda e: -e.total_cost):
        avg = sum(r.salary for r in m.reports) / len(m.reports)
        print(f"{m.name:<8} {len(m.reports):>4} {m.total_cost:>12,} {avg:>11,.1f}")
    quinn = next(e for _, e in ceo.walk() if e.name == "Quinn")
    print(" -> ".join(quinn.chain()), "|", quinn)
    by_title = defaultdict(list)
    for _, e in ceo.walk():
        by_title[e.title].append(e.salary)
    stats = {t: (len(s), min(s), max(s)) for t, s in sorted(by_title.items(), key=lambda kv: kv[0])}
    print(stats)
    raise_pct = 0.035
    new_total = sum(round(e.salary * (1 + raise_pct)) for _, e in ceo.walk())
    print(f"payroll after {raise_pct:.1%} raise: {new_total:,} (+{new_total - ceo.total_cost:,})")


if __name__ == "__main__":
    main()
