# Text histogram of ages in bins.
ages = [23, 35, 41, 29, 52, 61, 37, 44, 29, 33, 58, 47, 26, 39, 71, 18, 44, 36]
bins = {}
for a in ages:
    lo = a // 10 * 10
    key = f"{lo}-{lo + 9}"
    bins[key] = bins.get(key, 0) + 1
print(bins)
for key in sorted(bins, key=lambda k: int(k.split("-")[0])):
    n = bins[key]
    print(f"{key:>6} | {'*' * n:<6} {n:>2} ({n / len(ages):5.1%})")
print(min(ages), max(ages), sum(ages) / len(ages))
