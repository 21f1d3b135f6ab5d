# Sorting: stability, multi-key sorts, reverse, sort vs sorted.
records = [
    ("alice", "sales", 50000), ("bob", "eng", 85000), ("carol", "sales", 62000),
    ("dave", "eng", 85000), ("erin", "hr", 50000), ("frank", "eng", 72000),
    ("grace", "hr", 58000), ("heidi", "sales", 50000),
]
by_salary = sorted(records, key=lambda r: r[2])
for r in by_salary:
    print(r)
print()
by_dept = sorted(by_salary, key=lambda r: r[1])
print([r[0] for r in by_dept])
print([r[0] for r in sorted(records, key=lambda r: (r[1], -r[2], r[0]))])
print([r[0] for r in sorted(records, key=lambda r: r[2], reverse=True)])
nums = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
copy = nums[:]
copy.sort()
print(copy, sorted(nums, reverse=True), nums[:3])
print(sorted([3.5, -1, 2, True, 0.0]), sorted(["b", "B", "a", "A", "_", "1"]))
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
pairs = [(1, "d"), (0, "c"), (1, "a"), (0, "b")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted("The quick brown fox".split(), key=str.casefold))
print(sorted({"b": 2, "a": 1}), sorted({3, 1, 2}), sorted("bca"), sorted((3, 1)))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError:", e)
print(sorted([[2, 1], [1, 2], [1]]), sorted([None, None], key=lambda x: 0))
words = ["bb", "aa", "c", "dd", "a"]
words.sort(key=len)
print(words)
print(list(reversed(sorted(words))), words.index("c"))
print(sorted(range(10), key=lambda n: n % 3))
