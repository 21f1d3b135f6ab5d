"""Discrete-event simulation of a bank with multiple tellers using heapq and a seeded RNG."""
import heapq
import random
import statistics
from dataclasses import dataclass, field
from typing import List


@dataclass(order=True)
class Event:
    time: float
    kind: str = field(compare=False)
    customer: int = field(compare=False)
    teller: int = field(default=-1, compare=False)


def simulate(n_tellers: int, n_customers: int, seed: int):
    rng = random.Random(seed)
    events: List[Event] = []
    t = 0.0
    for c in range(n_customers):
        t += rng.expovariate(1 / 2.0)
        heapq.heappush(events, Event(t, "arrive", c))
    free = list(range(n_tellers))
    waiting: List[tuple] = []
    arrivals, waits, busy = {}, [], [0.0] * n_tellers
    served_by = [0] * n_tellers
    while events:
        ev = heapq.heappop(events)
        if ev.kind == "arrive":
            arrivals[ev.customer] = ev.time
            waiting.append((ev.time, ev.customer))
        else:
            free.append(ev.teller)
            free.sort()
        while free and waiting:
            arrived, cust = waiting.pop(0)
            teller = free.pop(0)
            service = rng.uniform(3, 7)
            waits.append(ev.time - arrived)
            busy[teller] += service
            served_by[teller] += 1
            heapq.heappush(events, Event(ev.time + service, "depart", cust, teller))
        last = ev.time
    return waits, busy, served_by, last


def main():
    print(f"{'tellers':>7} {'avg wait':>9} {'p90 wait':>9} {'max wait':>9} {'util':>6}  served")
    for tellers in (2, 3, 4):
        waits, busy, served, end = simulate(tellers, 200, seed=7)
        p90 = statistics.quantiles(waits, n=10)[-1]
        util = sum(busy) / (tellers * end)
        print(f"{tellers:>7} {statistics.mean(waits):>9.2f} {p90:>9.2f} {max(waits):>9.2f} {util:>6.1%}  {served}")
    waits, *_ = simulate(3, 50, seed=1)
    buckets = [0] * 5
    for w in waits:
        buckets[min(int(w // 2), 4)] += 1
    labels = ["0-2", "2-4", "4-6", "6-8", "8+"]
    for lab, n in zip(labels, buckets):
        print(f"{lab:>4} | {'█' * n} {n}")
    print(round(statistics.median(waits), 4), round(statistics.pstdev(waits), 4), sum(1 for w in waits if w == 0))


if __name__ == "__main__":
    main()
