# Reproducible simulations with random.seed.
import random
random.seed(42)
print(random.random())
print(random.randint(1, 100), random.randint(1, 100), random.randint(1, 6))
print(random.choice(["red", "green", "blue"]))
deck = list(range(10))
random.shuffle(deck)
print(deck)
print(random.sample(range(100), 5))
print(round(random.uniform(1, 10), 6))
random.seed(2024)
rolls = [random.randint(1, 6) for _ in range(20)]
print(rolls, sum(rolls))
print(random.randrange(0, 100, 5), random.getrandbits(16))
print([round(random.gauss(0, 1), 6) for _ in range(3)])
r = random.Random(7)
print(r.random(), r.choice("abcdef"))
