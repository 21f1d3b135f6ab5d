from collections import OrderedDict
from datetime import date

projects = [
    {"name": "Apollo", "owner": "kim", "due": date(2024, 11, 1), "progress": 0.85, "budget": 120000, "spent": 99500},
    {"name": "Borealis", "owner": "lee", "due": date(2024, 9, 15), "progress": 0.40, "budget": 80000, "spent": 91000},
    {"name": "Cygnus", "owner": "kim", "due": date(2025, 1, 20), "progress": 0.10, "budget": 45000, "spent": 3000},
    {"name": "Draco", "owner": "max", "due": date(2024, 10, 5), "progress": 1.0, "budget": 60000, "spent": 58250},
]
today = date(2024, 10, 1)


def status(p):
    if p["progress"] >= 1:
        return "done"
    if p["due"] < today:
        return "OVERDUE"
    if p["spent"] > p["budget"]:
        return "over budget"
    return "on track"


lines = ["# Project status", "", f"_Generated {today:%B %-d, %Y}_" if False else f"_Generated {today:%B %d, %Y}_", ""]
lines.append("| Project | Owner | Due | Days left | Progress | Budget used | Status |")
lines.append("|:--------|:-----:|----:|----------:|---------:|------------:|--------|")
for p in sorted(projects, key=lambda p: p["due"]):
    left = (p["due"] - today).days
    used = p["spent"] / p["budget"]
    lines.append(f"| {p['name']} | {p['owner']} | {p['due']:%d %b} | {left:+d} | {p['progress']:.0%} | "
                 f"{used:7.1%} | {status(p)} |")
lines.append("")
by_owner = OrderedDict()
for p in projects:
    by_owner.setdefault(p["owner"], []).append(p["name"])
by_owner.move_to_end("kim")
lines.append("## Owners")
lines.extend(f"- **{o}**: {', '.join(names)}" for o, names in by_owner.items())
total_budget = sum(p["budget"] for p in projects)
total_spent = sum(p["spent"] for p in projects)
lines += ["", f"Total budget ${total_budget:,} | spent ${total_spent:,} ({total_spent / total_budget:.2%})"]
print("\n".join(lines))
print(by_owner)
od = OrderedDict.fromkeys("abc", 0)
od["a"] += 1
od.move_to_end("a", last=False)
print(od.popitem(), od.popitem(last=False), list(od.items()))
