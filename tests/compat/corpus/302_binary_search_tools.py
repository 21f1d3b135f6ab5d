"""Binary search utilities with bisect: ranking, interval lookup, insertion and range counts."""
import bisect
from dataclasses import dataclass
from typing import List, Sequence


@dataclass(frozen=True)
class Bracket:
    floor: float
    rate: float


TAX_BRACKETS = [Bracket(0, 0.10), Bracket(11000, 0.12), Bracket(44725, 0.22), Bracket(95375, 0.24),
                Bracket(182100, 0.32), Bracket(231250, 0.35), Bracket(578125, 0.37)]


def income_tax(income: float) -> float:
    floors = [b.floor for b in TAX_BRACKETS]
    idx = bisect.bisect_right(floors, income) - 1
    tax = 0.0
    for i in range(idx + 1):
        upper = TAX_BRACKETS[i + 1].floor if i + 1 < len(TAX_BRACKETS) else float("inf")
        tax += (min(income, upper) - TAX_BRACKETS[i].floor) * TAX_BRACKETS[i].rate
    return tax


def count_in_range(sorted_vals: Sequence[int], lo: int, hi: int) -> int:
    return bisect.bisect_right(sorted_vals, hi) - bisect.bisect_left(sorted_vals, lo)


def first_true(lo: int, hi: int, pred) -> int:
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def main():
    for income in [9500, 44725, 60000, 150000, 1_000_000]:
        tax = income_tax(income)
        print(f"income {income:>10,} tax {tax:>12,.2f} effective {tax / income:6.2%}")
    scores: List[int] = []
    for s in [72, 88, 95, 60, 88, 79, 100, 45]:
        bisect.insort(scores, s)
    print(scores, bisect.bisect(scores, 88), bisect.bisect_left(scores, 88))
    print("in [70, 90]:", count_in_range(scores, 70, 90), "percentile of 79:", f"{bisect.bisect_left(scores, 79) / len(scores):.0%}")
    print("sqrt(2e9) floor:", first_true(0, 10**6, lambda x: x * x > 2_000_000_000) - 1)
    records = [("2024-01-03", 5), ("2024-02-11", 9), ("2024-03-20", 2)]
    keys = [r[0] for r in records]
    for q in ["2024-02-01", "2024-03-20", "2023-12-31", "2024-04-01"]:
        i = bisect.bisect_right(keys, q)
        print(q, "->", records[i - 1] if i else None)
    people = [("amy", 31), ("bob", 25), ("cat", 40)]
    people.sort(key=lambda p: p[1])
    ages = [p[1] for p in people]
    bisect.insort(people, ("dan", 33), key=lambda p: p[1])
    print(people, bisect.bisect_left(people, 33, key=lambda p: p[1]), ages)
    grades = "FDCBA"
    print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])


if __name__ == "__main__":
    main()
