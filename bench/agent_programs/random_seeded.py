# A seeded simulation, as agents write them for reproducible results:
# random.seed() per episode, then hundreds of thousands of draws (dice,
# a random walk, picks from a list, Monte Carlo points).
import random

counts = [0] * 7
walk_ends = 0
farthest = 0
picks = {}
inside = 0
names = ["alpha", "beta", "gamma", "delta", "epsilon"]
for episode in range(50):
    random.seed(episode)
    for _ in range(4000):
        counts[random.randint(1, 6)] += 1
    walk = 0
    for _ in range(4000):
        walk += 1 if random.random() < 0.5 else -1
        farthest = max(farthest, abs(walk))
    walk_ends += walk
    for _ in range(2000):
        name = random.choice(names)
        picks[name] = picks.get(name, 0) + 1
    for _ in range(2000):
        x = random.uniform(-1.0, 1.0)
        y = random.uniform(-1.0, 1.0)
        if x * x + y * y < 1.0:
            inside += 1
    counts[0] += random.randrange(1000000)
print("dice:", counts)
print("walk:", walk_ends, farthest)
print("picks:", sorted(picks.items()))
print("pi ~", 4 * inside / (50 * 2000))
