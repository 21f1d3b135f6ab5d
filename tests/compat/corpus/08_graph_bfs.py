# Shortest paths in an unweighted graph with BFS, and connected components.
from collections import deque

edges = [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"), ("D", "E"), ("E", "F"),
         ("G", "H"), ("H", "I"), ("C", "F"), ("J", "J")]

graph = {}
for a, b in edges:
    graph.setdefault(a, []).append(b)
    graph.setdefault(b, []).append(a)

def bfs_path(start, goal):
    queue = deque([start])
    parent = {start: None}
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = parent[node]
            return path[::-1]
        for nxt in sorted(graph.get(node, [])):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None

for s, g in [("A", "F"), ("B", "F"), ("A", "I"), ("G", "I")]:
    path = bfs_path(s, g)
    if path:
        print(f"{s} -> {g}: {' -> '.join(path)} ({len(path) - 1} hops)")
    else:
        print(f"{s} -> {g}: unreachable")

def components():
    seen = set()
    result = []
    for node in sorted(graph):
        if node in seen:
            continue
        comp = []
        stack = [node]
        seen.add(node)
        while stack:
            n = stack.pop()
            comp.append(n)
            for m in graph[n]:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        result.append(sorted(comp))
    return result

for i, comp in enumerate(components(), 1):
    print(f"component {i}: {comp}")
degrees = {n: len(set(ns)) for n, ns in graph.items()}
print("max degree:", max(degrees.values()), [n for n in sorted(degrees) if degrees[n] == max(degrees.values())])
