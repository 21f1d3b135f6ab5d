import random
from collections import Counter
import math

random.seed(1)
data = [round(random.gauss(50, 12)) for _ in range(300)]
print(f"n={len(data)} min={min(data)} max={max(data)}")

bins = 10
lo, hi = min(data), max(data)
width = math.ceil((hi - lo + 1) / bins)
counts = Counter((x - lo) // width for x in data)
peak = max(counts.values())
for b in range(bins):
    start = lo + b * width
    n = counts.get(b, 0)
    bar = "\u2588" * round(n / peak * 40)
    print(f"{start:>4}-{start + width - 1:<4}|{bar:<40}| {n}")

vertical = [counts.get(b, 0) for b in range(bins)]
scale = max(vertical) / 8
for level in range(8, 0, -1):
    row = "".join(" ## " if v >= level * scale else "    " for v in vertical)
    print(f"{level * scale:6.1f} |{row}")
print("       +" + "----" * bins)
mean = sum(data) / len(data)
var = sum((x - mean) ** 2 for x in data) / (len(data) - 1)
print(f"mean={mean:.3f} sd={math.sqrt(var):.3f}")
within = sum(1 for x in data if abs(x - mean) <= math.sqrt(var))
print(f"within 1 sd: {within / len(data):.1%}")
print(sorted(Counter(data).most_common(3)))
