# Grouping 200k rows into a dict of lists, then per-group aggregates.
groups = {}
for i in range(200000):
    key = "region-%d" % (i * 31 % 2000)
    groups.setdefault(key, []).append(i * 13 % 1000)
stats = []
for key in groups:
    vals = groups[key]
    stats.append((sum(vals), len(vals), max(vals), key))
stats.sort()
print("groups:", len(groups))
print(stats[0], stats[-1])
print(sum(s[0] for s in stats))
