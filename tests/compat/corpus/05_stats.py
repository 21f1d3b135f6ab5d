# Descriptive statistics of measurements.
import statistics
import math

measurements = [12.5, 14.25, 13.0, 15.75, 12.5, 16.0, 14.0, 13.5, 12.5, 18.25, 14.75, 13.25]

mean = statistics.mean(measurements)
median = statistics.median(measurements)
mode = statistics.mode(measurements)
stdev = statistics.stdev(measurements)
pstdev = statistics.pstdev(measurements)
var = statistics.variance(measurements)

print(f"n        = {len(measurements)}")
print(f"mean     = {mean:.4f}")
print(f"median   = {median}")
print(f"mode     = {mode}")
print(f"stdev    = {stdev:.4f}")
print(f"pstdev   = {pstdev:.4f}")
print(f"variance = {var:.4f}")
print(f"range    = {min(measurements)} .. {max(measurements)}")

z_scores = [(x - mean) / stdev for x in measurements]
outliers = [x for x, z in zip(measurements, z_scores) if abs(z) > 1.5]
print("outliers (|z| > 1.5):", outliers)

xs = [1, 2, 3, 4, 5, 6]
ys = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]
mx, my = statistics.mean(xs), statistics.mean(ys)
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
intercept = my - slope * mx
print(f"fit: y = {slope:.3f}x + {intercept:.3f}")
r = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(
    sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))
print(f"correlation r = {r:.5f}")
print("median_low/high:", statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
