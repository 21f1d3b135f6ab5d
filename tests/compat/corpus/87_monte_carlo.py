# Estimate pi with a seeded Monte Carlo simulation.
import random
random.seed(12345)
inside = 0
N = 20000
for _ in range(N):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print(inside, 4 * inside / N)
random.seed(1)
weights = [random.choices(["a", "b", "c"], weights=[5, 3, 2])[0] for _ in range(10)]
print(weights)
print(random.choices(range(5), k=6))
