import random
import statistics
from collections import Counter

random.seed(42)

rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(1000)]
counts = Counter(rolls)
print("two dice, 1000 rolls")
for total in range(2, 13):
    n = counts[total]
    print(f"{total:>2} {n:>4} {'#' * (n // 5)}")
print("mean:", statistics.mean(rolls), "mode:", statistics.mode(rolls))

deck = [f"{r}{s}" for s in "SHDC" for r in ["A", *map(str, range(2, 11)), "J", "Q", "K"]]
random.shuffle(deck)
hand = deck[:5]
print("hand:", hand)
print("sample:", random.sample(range(100), 5))
print("choice:", random.choice(["red", "green", "blue"]))
print("choices:", random.choices("abc", weights=[5, 1, 1], k=8))
print("uniform:", round(random.uniform(10, 20), 4))
print("random:", random.random())
print("randrange:", [random.randrange(0, 100, 5) for _ in range(5)])
print("gauss:", round(random.gauss(0, 1), 6))

# Monte Carlo estimate of pi
random.seed(2024)
inside = sum(1 for _ in range(20000) if random.random() ** 2 + random.random() ** 2 <= 1)
print(f"pi ~ {4 * inside / 20000:.4f}")

rng = random.Random(7)
walk = [0]
for _ in range(20):
    walk.append(walk[-1] + rng.choice((-1, 1)))
print("walk:", walk)
print("max:", max(walk), "min:", min(walk), "final:", walk[-1])
print(rng.getrandbits(16), rng.random() < 1)
