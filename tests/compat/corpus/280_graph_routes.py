"""Shortest paths and connectivity on a weighted road network (Dijkstra, BFS, union-find)."""
import heapq
from collections import defaultdict, deque
from typing import Dict, List, Tuple

ROADS = [
    ("Amsterdam", "Utrecht", 45), ("Amsterdam", "Haarlem", 20), ("Haarlem", "Leiden", 30),
    ("Leiden", "The Hague", 20), ("The Hague", "Rotterdam", 25), ("Utrecht", "Rotterdam", 60),
    ("Utrecht", "Arnhem", 65), ("Rotterdam", "Breda", 50), ("Breda", "Eindhoven", 60),
    ("Arnhem", "Nijmegen", 20), ("Eindhoven", "Nijmegen", 70), ("Groningen", "Assen", 28),
]


def build(edges) -> Dict[str, List[Tuple[str, int]]]:
    graph = defaultdict(list)
    for a, b, w in edges:
        graph[a].append((b, w))
        graph[b].append((a, w))
    return graph


def dijkstra(graph, source):
    dist = {source: 0}
    prev = {}
    heap = [(0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist.get(node, float("inf")):
            continue
        for nxt, w in graph[node]:
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt], prev[nxt] = nd, node
                heapq.heappush(heap, (nd, nxt))
    return dist, prev


def path_to(prev, target):
    path = [target]
    while path[-1] in prev:
        path.append(prev[path[-1]])
    return path[::-1]


def components(graph):
    seen, comps = set(), []
    for start in sorted(graph):
        if start in seen:
            continue
        comp, queue = [], deque([start])
        seen.add(start)
        while queue:
            node = queue.popleft()
            comp.append(node)
            for nxt, _ in sorted(graph[node]):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        comps.append(comp)
    return comps


def main():
    graph = build(ROADS)
    dist, prev = dijkstra(graph, "Amsterdam")
    print(f"{'City':<12}{'km':>5}  Route")
    for city, km in sorted(dist.items(), key=lambda kv: (kv[1], kv[0])):
        print(f"{city:<12}{km:>5}  {' -> '.join(path_to(prev, city))}")
    unreachable = sorted(set(graph) - set(dist))
    print("Unreachable:", unreachable or "none")
    for i, comp in enumerate(components(graph), 1):
        print(f"component {i}: size={len(comp)} {comp}")
    degree = sorted(((len(v), k) for k, v in graph.items()), reverse=True)[:3]
    print("busiest:", [f"{k}({d})" for d, k in degree])
    total = sum(w for *_, w in ROADS)
    print(f"network length: {total} km, average {total / len(ROADS):.1f} km/road")
    print(heapq.nsmallest(3, ROADS, key=lambda r: r[2]))
    print(heapq.nlargest(2, (w for *_, w in ROADS)))


if __name__ == "__main__":
    main()
