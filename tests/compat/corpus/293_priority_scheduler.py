"""Task scheduler with heapq priorities, dependencies (topological order) and time simulation."""
import heapq
from dataclasses import dataclass, field
from graphlib import TopologicalSorter, CycleError
from itertools import count
from typing import List


@dataclass(order=True)
class Job:
    priority: int
    seq: int
    name: str = field(compare=False)
    duration: int = field(compare=False, default=1)


class Scheduler:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.ready: List[Job] = []
        self._seq = count()

    def submit(self, name: str, priority: int, duration: int) -> None:
        heapq.heappush(self.ready, Job(priority, next(self._seq), name, duration))

    def run(self) -> int:
        clock = 0
        running: List[tuple] = []
        while self.ready or running:
            while self.ready and len(running) < self.workers:
                job = heapq.heappop(self.ready)
                heapq.heappush(running, (clock + job.duration, job.name))
                print(f"t={clock:>2}  start  {job.name:<8} (p{job.priority}, {job.duration}u)")
            clock, name = heapq.heappop(running)
            print(f"t={clock:>2}  finish {name}")
        return clock


def main():
    deps = {
        "deploy": {"test", "build"},
        "test": {"build", "lint"},
        "build": {"fetch"},
        "lint": {"fetch"},
        "docs": {"fetch"},
    }
    ts = TopologicalSorter(deps)
    order = list(ts.static_order())
    print("order:", order)
    ts2 = TopologicalSorter(deps)
    ts2.prepare()
    wave = 0
    while ts2.is_active():
        ready = sorted(ts2.get_ready())
        print(f"wave {wave}: {ready}")
        ts2.done(*ready)
        wave += 1
    try:
        list(TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())
    except CycleError as e:
        print("cycle:", e.args[0], e.args[1])
    sched = Scheduler(workers=2)
    for name, prio, dur in [("email", 3, 2), ("backup", 1, 5), ("report", 2, 3), ("cleanup", 3, 1), ("alert", 0, 1)]:
        sched.submit(name, prio, dur)
    print("queue:", [j.name for j in sorted(sched.ready)])
    total = sched.run()
    print(f"makespan: {total} units")
    h = [5, 1, 8, 3, 2]
    heapq.heapify(h)
    print(h, heapq.heappushpop(h, 4), heapq.heapreplace(h, 0), h, list(heapq.merge([1, 4, 9], [2, 3, 10])))


if __name__ == "__main__":
    main()
