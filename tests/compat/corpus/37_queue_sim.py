# A bank queue simulation with fixed arrivals (no randomness).
from collections import deque

arrivals = [(0, "ann", 5), (1, "bob", 3), (2, "cy", 8), (2, "dee", 2), (4, "eve", 4),
            (9, "fay", 1), (10, "gus", 6), (11, "hal", 2), (11, "ivy", 3), (20, "jo", 2)]
TELLERS = 2

queue = deque()
tellers = [None] * TELLERS
pending = deque(arrivals)
waits = {}
log = []
t = 0
while pending or queue or any(tellers):
    while pending and pending[0][0] == t:
        _, name, service = pending.popleft()
        queue.append((name, service, t))
    for i in range(TELLERS):
        if tellers[i] and tellers[i][1] == t:
            log.append(f"t={t:>2} teller {i} done with {tellers[i][0]}")
            tellers[i] = None
    for i in range(TELLERS):
        if tellers[i] is None and queue:
            name, service, arrived = queue.popleft()
            waits[name] = t - arrived
            tellers[i] = (name, t + service)
            log.append(f"t={t:>2} teller {i} serves {name} (waited {t - arrived})")
    t += 1
    if t > 100:
        break

print("\n".join(log))
print(f"finished at t={t - 1}")
avg = sum(waits.values()) / len(waits)
print(f"average wait {avg:.2f}, max wait {max(waits.values())} ({max(waits, key=waits.get)})")
print("waits:", waits)
print("served in order:", [n for n, _ in sorted(waits.items(), key=lambda kv: kv[1])])
d = deque([1, 2, 3, 4, 5])
d.rotate(2)
print(d, d.popleft(), d.pop(), list(d))
d.extendleft([10, 11])
print(list(d), d.count(3), len(d))
