"""Simulate token-bucket and sliding-window rate limiters over a synthetic request trace."""
import random
from collections import deque
from dataclasses import dataclass
from typing import Deque, List


@dataclass
class TokenBucket:
    capacity: float
    refill_per_sec: float
    tokens: float = 0.0
    last: float = 0.0

    def __post_init__(self):
        self.tokens = self.capacity

    def allow(self, now: float) -> bool:
        self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.refill_per_sec)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class SlidingWindow:
    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.hits: Deque[float] = deque()

    def allow(self, now: float) -> bool:
        while self.hits and self.hits[0] <= now - self.window:
            self.hits.popleft()
        if len(self.hits) < self.limit:
            self.hits.append(now)
            return True
        return False


def trace(seed: int, n: int) -> List[float]:
    rng = random.Random(seed)
    t, out = 0.0, []
    for _ in range(n):
        burst = rng.random() < 0.15
        t += rng.expovariate(20 if burst else 4)
        out.append(round(t, 4))
    return out


def main():
    times = trace(42, 60)
    print(f"{len(times)} requests over {times[-1]:.2f}s; first five: {times[:5]}")
    limiters = {"bucket(5, 3/s)": TokenBucket(5, 3), "window(4 per 1s)": SlidingWindow(4, 1.0)}
    for name, lim in limiters.items():
        decisions = [lim.allow(t) for t in times]
        allowed = sum(decisions)
        longest, run = 0, 0
        for ok in decisions:
            run = 0 if ok else run + 1
            longest = max(longest, run)
        print(f"{name:<18} allowed {allowed:>2}/{len(times)} ({allowed / len(times):.0%}), longest rejection run {longest}")
        print("   ", "".join("." if ok else "x" for ok in decisions))
    rng = random.Random("seed-string")
    print(rng.randint(1, 100), rng.choice("abcdef"), round(rng.uniform(0, 1), 6), rng.sample(range(20), 4))
    random.seed(2024)
    deck = [f"{r}{s}" for s in "SHDC" for r in ["A", *map(str, range(2, 11)), "J", "Q", "K"]]
    random.shuffle(deck)
    print(deck[:7], random.randrange(0, 100, 5), round(random.gauss(0, 1), 6), random.choices("xyz", weights=[5, 1, 1], k=6))
    print(round(random.triangular(0, 10, 3), 6), random.getrandbits(16), round(random.betavariate(2, 5), 6))


if __name__ == "__main__":
    main()
