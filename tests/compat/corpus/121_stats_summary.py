# Descriptive statistics of response times.
import statistics
times = [120, 135, 98, 210, 143, 99, 101, 350, 128, 117, 122, 140]
print("mean:", statistics.mean(times))
print("median:", statistics.median(times))
print("stdev:", round(statistics.stdev(times), 3))
print("pstdev:", statistics.pstdev(times))
print("quantiles:", statistics.quantiles(times, n=4))
print("mode:", statistics.mode([1, 2, 2, 3, 3, 3]))
mean = sum(times) / len(times)
print(f"{mean:.2f}", mean)
outliers = [t for t in times if abs(t - mean) > 2 * statistics.stdev(times)]
print("outliers:", outliers)
print(statistics.fmean([1.5, 2.5, 3.0]), statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
