# Bucket students by grade and print a report.
scores = {"Alice": 91, "Bob": 78, "Cara": 85, "Dan": 62, "Eve": 99, "Finn": 71, "Gus": 85}

def letter(score):
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    return "D"

buckets = {}
for name, score in scores.items():
    buckets.setdefault(letter(score), []).append(name)
print(buckets)
for grade in sorted(buckets):
    print(grade, ", ".join(buckets[grade]))

ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
print(ranked)
print("median-ish:", ranked[len(ranked) // 2])
avg = sum(scores.values()) / len(scores)
print(f"average {avg:.3f}", avg)
