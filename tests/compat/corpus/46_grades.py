# Student grades: averages, letter grades, pass/fail lists.
scores = {
    "alice": [88, 92, 79, 95],
    "bob": [72, 65, 80, 70],
    "carol": [95, 98, 100, 91],
    "dave": [55, 62, 48, 70],
    "erin": [81, 85, 77, 90],
}

def letter(avg):
    if avg >= 90:
        return "A"
    elif avg >= 80:
        return "B"
    elif avg >= 70:
        return "C"
    elif avg >= 60:
        return "D"
    return "F"

results = []
for name in sorted(scores):
    s = scores[name]
    avg = sum(s) / len(s)
    results.append((name, avg, letter(avg)))
    print(name, "average:", round(avg, 2), "grade:", letter(avg), "best:", max(s), "worst:", min(s))

passed = [n for n, a, g in results if g != "F"]
failed = [n for n, a, g in results if g == "F"]
print("passed:", passed)
print("failed:", failed)
class_avg = sum(a for _, a, _ in results) / len(results)
print("class average:", round(class_avg, 3))
above = [n for n, a, _ in results if a > class_avg]
print("above average:", above)
best = max(results, key=lambda r: r[1])
print("top student:", best[0], "with", best[1])
distribution = {}
for _, _, g in results:
    distribution[g] = distribution.get(g, 0) + 1
for g in "ABCDF":
    print(g, "*" * distribution.get(g, 0))
improved = [n for n, s in scores.items() if s[-1] > s[0]]
print("improved:", sorted(improved))
