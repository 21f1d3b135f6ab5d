import statistics
from datetime import date, timedelta

readings_c = [12.4, 13.1, 15.8, 14.2, 9.9, 8.7, 11.0, 16.4, 18.2, 17.5, 14.9, 13.3, 12.0, 10.6]
start = date(2024, 4, 1)


def c_to_f(c):
    return c * 9 / 5 + 32


print(f"{'Date':<12}{'C':>7}{'F':>8}  Trend")
prev = None
for i, c in enumerate(readings_c):
    d = start + timedelta(days=i)
    trend = "" if prev is None else ("up" if c > prev else "down" if c < prev else "same")
    print(f"{d.isoformat():<12}{c:>7.1f}{c_to_f(c):>8.1f}  {trend}")
    prev = c

print()
print("mean   ", statistics.mean(readings_c))
print("median ", statistics.median(readings_c))
print("stdev  ", statistics.stdev(readings_c))
print("pstdev ", statistics.pstdev(readings_c))
print("var    ", round(statistics.variance(readings_c), 4))
print("fmean  ", statistics.fmean(readings_c))
print("quart  ", statistics.quantiles(readings_c, n=4))
print("hmean  ", round(statistics.harmonic_mean(readings_c), 6))
print("geo    ", round(statistics.geometric_mean(readings_c), 6))
print("lo/hi  ", statistics.median_low(readings_c), statistics.median_high(readings_c))

week1, week2 = readings_c[:7], readings_c[7:]
print(f"week 1 avg {statistics.mean(week1):.2f}, week 2 avg {statistics.mean(week2):.2f}")
print("correlation:", round(statistics.correlation(week1, week2), 6))
slope, intercept = statistics.linear_regression(range(len(readings_c)), readings_c)
print(f"trend: {slope:+.4f} C/day, intercept {intercept:.3f}")
hot = [start + timedelta(days=i) for i, c in enumerate(readings_c) if c > statistics.mean(readings_c) + statistics.stdev(readings_c)]
print("hot days:", hot)
print(statistics.mode([1, 2, 2, 3, 3]), statistics.multimode("aabbc"))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
print(c_to_f(37), c_to_f(-40), 98.6, 0.1 + 0.2, 1 / 3, 2 / 3, 100 / 7)
