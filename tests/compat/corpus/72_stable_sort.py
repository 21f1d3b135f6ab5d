# Sorting records by several keys relies on stability.
people = [("amy", 30), ("bob", 25), ("cat", 30), ("dan", 25), ("eve", 35), ("fay", 30), ("gil", 25)]
by_age = sorted(people, key=lambda p: p[1])
print(by_age)
by_age_desc = sorted(people, key=lambda p: p[1], reverse=True)
print(by_age_desc)
records = [{"dept": "ops", "name": "x", "pay": 5}, {"dept": "dev", "name": "y", "pay": 7},
           {"dept": "ops", "name": "z", "pay": 7}, {"dept": "dev", "name": "w", "pay": 5},
           {"dept": "hr", "name": "v", "pay": 7}]
records.sort(key=lambda r: r["pay"])
records.sort(key=lambda r: r["dept"])
print([(r["dept"], r["name"], r["pay"]) for r in records])
words = "banana Apple cherry apple Banana date".split()
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")] * 3
print(sorted(pairs, key=lambda p: p[0]))
