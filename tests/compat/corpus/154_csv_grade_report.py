import csv
import io
import statistics

DATA = """name,math,science,english,history
Alice,92,88,95,79
Bob,75,64,82,90
Chandra,88,91,70,85
Dmitri,60,72,58,66
Eve,99,97,93,98
Farah,81,85,88,
"""


def letter(score: float) -> str:
    for cutoff, grade in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= cutoff:
            return grade
    return "F"


reader = csv.DictReader(io.StringIO(DATA))
subjects = [f for f in reader.fieldnames if f != "name"]
rows = []
for row in reader:
    scores = {s: int(row[s]) for s in subjects if row[s].strip()}
    missing = [s for s in subjects if not row[s].strip()]
    avg = sum(scores.values()) / len(scores)
    rows.append({"name": row["name"], "avg": avg, "grade": letter(avg), "missing": missing, **scores})

header = f"{'Student':<10}" + "".join(f"{s.capitalize():>9}" for s in subjects) + f"{'Avg':>8} Grade"
print(header)
print("-" * len(header))
for r in sorted(rows, key=lambda r: (-r["avg"], r["name"])):
    cells = "".join(f"{r.get(s, '-'):>9}" for s in subjects)
    print(f"{r['name']:<10}{cells}{r['avg']:>8.2f} {r['grade']:^5}")

print()
for s in subjects:
    vals = [r[s] for r in rows if s in r]
    print(f"{s:<8} mean={statistics.mean(vals):6.2f} median={statistics.median(vals):5} "
          f"stdev={statistics.stdev(vals):.3f}")

out = io.StringIO()
writer = csv.DictWriter(out, fieldnames=["name", "avg", "grade"], extrasaction="ignore")
writer.writeheader()
for r in rows:
    writer.writerow({**r, "avg": round(r["avg"], 1)})
print(out.getvalue(), end="")
print([r["name"] for r in rows if r["missing"]], rows[-1]["missing"])
