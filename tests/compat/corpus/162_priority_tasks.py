import heapq
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import count


class Priority(IntEnum):
    LOW = 3
    NORMAL = 2
    HIGH = 1
    URGENT = 0


@dataclass(order=True)
class Task:
    priority: Priority
    seq: int
    title: str = field(compare=False)
    done: bool = field(default=False, compare=False)


class TaskQueue:
    def __init__(self):
        self._heap = []
        self._counter = count()

    def push(self, title, priority=Priority.NORMAL):
        task = Task(priority, next(self._counter), title)
        heapq.heappush(self._heap, task)
        return task

    def pop(self):
        if not self._heap:
            raise IndexError("pop from empty TaskQueue")
        return heapq.heappop(self._heap)

    def __len__(self):
        return len(self._heap)

    def __bool__(self):
        return bool(self._heap)


q = TaskQueue()
q.push("write report")
q.push("fix prod outage", Priority.URGENT)
q.push("water plants", Priority.LOW)
q.push("review PR", Priority.HIGH)
q.push("answer email")
q.push("deploy hotfix", Priority.URGENT)
print(len(q), "tasks")
while q:
    t = q.pop()
    print(f"[{t.priority.name:<6}] {t.title} (#{t.seq})")
try:
    q.pop()
except IndexError as e:
    print("IndexError:", e)

print(Priority.HIGH < Priority.LOW, Priority(2), int(Priority.URGENT), Priority.HIGH + 1)
print(sorted(Priority), [p.name for p in Priority])
print(heapq.nsmallest(3, [5, 1, 8, 3, 9, 2]), heapq.nlargest(2, ["pear", "fig", "banana"], key=len))
merged = list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 11]))
print(merged)
t = Task(Priority.LOW, 99, "x")
print(t)
print(Task(Priority.LOW, 1, "a") == Task(Priority.LOW, 1, "b"))
