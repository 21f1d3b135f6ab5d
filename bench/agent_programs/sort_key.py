# Sorting 300k records with a key function (unique keys: the result does
# not depend on sort stability).
n = 300000
rows = [(i * 7919 % n, "r%d" % i, i % 17) for i in range(n)]
by_first = sorted(rows, key=lambda r: r[0])
by_pair = sorted(rows, key=lambda r: (r[2], r[0]), reverse=True)
rows.sort(key=lambda r: r[1])
print(by_first[0], by_first[-1])
print(by_pair[0], by_pair[-1])
print(rows[0], rows[-1], len(rows))
