import random
from collections import deque
from statistics import mean, median

random.seed(99)
ARRIVAL_P = 0.3
TELLERS = 2
MINUTES = 120

queue = deque()
tellers = [None] * TELLERS
waits = []
served = 0
max_len = 0
next_id = 1

for minute in range(MINUTES):
    if random.random() < ARRIVAL_P:
        queue.append((next_id, minute, random.randint(2, 8)))
        next_id += 1
    for i in range(TELLERS):
        if tellers[i] is not None:
            cid, remaining = tellers[i]
            remaining -= 1
            tellers[i] = (cid, remaining) if remaining > 0 else None
            if remaining == 0:
                served += 1
        if tellers[i] is None and queue:
            cid, arrived, service = queue.popleft()
            waits.append(minute - arrived)
            tellers[i] = (cid, service)
    max_len = max(max_len, len(queue))
    if minute % 30 == 29:
        busy = sum(t is not None for t in tellers)
        print(f"t={minute + 1:>3}m queue={len(queue):>2} busy={busy} served={served}")

print(f"customers: {next_id - 1}, served: {served}, still waiting: {len(queue)}")
print(f"wait mean {mean(waits):.2f} median {median(waits)} max {max(waits)} longest queue {max_len}")
dist = {}
for w in waits:
    bucket = "0" if w == 0 else "1-5" if w <= 5 else "6-15" if w <= 15 else "16+"
    dist[bucket] = dist.get(bucket, 0) + 1
print(dist)
d = deque(range(5), maxlen=5)
d.append(5)
d.appendleft(-1)
d.rotate(2)
print(d, d.maxlen, d.count(3), list(reversed(d)), d[0], d[-1])
d.extend([7, 8])
d.extendleft("ab")
print(d, len(d))
