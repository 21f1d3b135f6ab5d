import bisect
from collections import namedtuple

BREAKPOINTS = [60, 70, 80, 90]
GRADES = "FDCBA"


def grade(score):
    return GRADES[bisect.bisect(BREAKPOINTS, score)]


scores = [33, 99, 77, 70, 89, 90, 100, 59, 60]
print([grade(s) for s in scores])

Bracket = namedtuple("Bracket", ["upper", "rate"])
TAX = [Bracket(11000, 0.10), Bracket(44725, 0.12), Bracket(95375, 0.22), Bracket(182100, 0.24),
       Bracket(231250, 0.32), Bracket(578125, 0.35), Bracket(float("inf"), 0.37)]


def income_tax(income):
    tax, lower = 0.0, 0
    for b in TAX:
        if income <= lower:
            break
        taxable = min(income, b.upper) - lower
        tax += taxable * b.rate
        lower = b.upper
    return tax


for income in (9500, 45000, 120000, 600000):
    t = income_tax(income)
    print(f"income {income:>9,}: tax {t:>11,.2f} effective {t / income:6.2%}")

sorted_list = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    bisect.insort(sorted_list, x)
print(sorted_list)
print(bisect.bisect_left(sorted_list, 5), bisect.bisect_right(sorted_list, 5), bisect.bisect(sorted_list, 100))
words = sorted(["pear", "apple", "fig", "banana", "cherry"])
i = bisect.bisect_left(words, "c")
print(words, words[i:], words[:i])
people = [("amy", 31), ("bo", 25), ("cy", 40), ("di", 25)]
by_age = sorted(people, key=lambda p: p[1])
ages = [p[1] for p in by_age]
print(by_age[bisect.bisect_left(ages, 25):bisect.bisect_right(ages, 30)])
print(bisect.bisect_left(by_age, 31, key=lambda p: p[1]))
print(TAX[0], TAX[0]._asdict(), TAX[-1].upper, Bracket._fields, TAX[1]._replace(rate=0.5))
