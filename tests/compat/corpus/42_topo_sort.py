# Build order of tasks: topological sort with cycle detection.
from collections import deque

deps = {
    "deploy": ["test", "package"],
    "package": ["compile", "docs"],
    "test": ["compile"],
    "compile": ["fetch"],
    "docs": ["fetch"],
    "fetch": [],
    "lint": [],
}

def topo_order(graph):
    indegree = {node: 0 for node in graph}
    users = {node: [] for node in graph}
    for node, needs in graph.items():
        for n in needs:
            indegree[node] += 1
            users[n].append(node)
    ready = deque(sorted(n for n, d in indegree.items() if d == 0))
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for user in sorted(users[node]):
            indegree[user] -= 1
            if indegree[user] == 0:
                ready.append(user)
    if len(order) != len(graph):
        stuck = sorted(n for n, d in indegree.items() if d > 0)
        raise ValueError(f"cycle among {stuck}")
    return order

print("order:", topo_order(deps))

def levels(graph):
    level = {}
    def depth(node):
        if node not in level:
            level[node] = 1 + max((depth(n) for n in graph[node]), default=-1)
        return level[node]
    for node in graph:
        depth(node)
    by_level = {}
    for node, l in level.items():
        by_level.setdefault(l, []).append(node)
    return {l: sorted(ns) for l, ns in sorted(by_level.items())}

for l, nodes in levels(deps).items():
    print(f"stage {l}: {', '.join(nodes)}")

cyclic = dict(deps, fetch=["deploy"])
try:
    topo_order(cyclic)
except ValueError as e:
    print("error:", e)

def all_needed(graph, target, seen=None):
    seen = set() if seen is None else seen
    for n in graph[target]:
        if n not in seen:
            seen.add(n)
            all_needed(graph, n, seen)
    return seen

print("deploy needs:", sorted(all_needed(deps, "deploy")))
