from collections import defaultdict, deque
from graphlib import TopologicalSorter, CycleError

DEPS = {
    "app": ["web", "db", "auth"],
    "web": ["http", "templates"],
    "auth": ["db", "crypto"],
    "db": ["driver"],
    "http": [],
    "templates": [],
    "crypto": [],
    "driver": [],
}


def kahn(deps):
    indeg = {n: 0 for n in deps}
    users = defaultdict(list)
    for node, reqs in deps.items():
        for r in reqs:
            indeg[node] += 1
            users[r].append(node)
    ready = deque(sorted(n for n, d in indeg.items() if d == 0))
    order = []
    while ready:
        n = ready.popleft()
        order.append(n)
        for u in sorted(users[n]):
            indeg[u] -= 1
            if indeg[u] == 0:
                ready.append(u)
    if len(order) != len(deps):
        raise ValueError("cycle detected among: " + ", ".join(sorted(set(deps) - set(order))))
    return order


print("build order:", " -> ".join(kahn(DEPS)))
ts = TopologicalSorter(DEPS)
print("graphlib:", list(ts.static_order()))

ts2 = TopologicalSorter(DEPS)
ts2.prepare()
level = 0
while ts2.is_active():
    batch = sorted(ts2.get_ready())
    print(f"  stage {level}: {batch}")
    ts2.done(*batch)
    level += 1

cyclic = dict(DEPS, driver=["app"])
try:
    kahn(cyclic)
except ValueError as e:
    print("ValueError:", e)
try:
    list(TopologicalSorter(cyclic).static_order())
except CycleError as e:
    print("CycleError:", e.args[0])


def all_paths(graph, start, goal, path=()):
    path = path + (start,)
    if start == goal:
        yield path
        return
    for nxt in graph.get(start, []):
        if nxt not in path:
            yield from all_paths(graph, nxt, goal, path)


print([" > ".join(p) for p in all_paths(DEPS, "app", "driver")])
