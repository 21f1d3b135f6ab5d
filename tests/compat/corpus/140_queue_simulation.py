# A seeded bank-queue simulation.
import random
random.seed(7)
tellers = 2
queue = []
clock = 0
served = []
free_at = [0] * tellers
for customer in range(12):
    clock += random.randint(1, 4)
    service = random.randint(2, 7)
    t = min(range(tellers), key=lambda i: free_at[i])
    start = max(clock, free_at[t])
    free_at[t] = start + service
    served.append((customer, clock, start, start - clock, t))
for c, arrive, start, wait, t in served:
    print(f"customer {c:2d} arrives {arrive:3d} starts {start:3d} waits {wait:2d} teller {t}")
waits = [s[3] for s in served]
print("avg wait:", sum(waits) / len(waits), "max:", max(waits))
