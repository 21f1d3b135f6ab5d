# Moving averages and percent changes of a price series.
prices = [101.5, 102.25, 99.8, 98.6, 103.1, 104.75, 103.9, 106.2, 107.05, 105.5]
def sma(xs, n):
    return [sum(xs[i - n + 1:i + 1]) / n for i in range(n - 1, len(xs))]
print([round(v, 3) for v in sma(prices, 3)])
print(sma(prices, 5))
changes = [(b - a) / a for a, b in zip(prices, prices[1:])]
print([f"{c:+.2%}" for c in changes])
best = max(range(len(changes)), key=changes.__getitem__)
print("best day:", best + 1, f"{changes[best]:.4f}")
print(max(prices) - min(prices), prices[-1] / prices[0] - 1)
