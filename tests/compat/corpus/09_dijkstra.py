# Dijkstra's algorithm on a weighted road network.
import heapq

roads = {
    "Amsterdam": {"Utrecht": 45, "Haarlem": 20, "Leiden": 40},
    "Haarlem": {"Amsterdam": 20, "Leiden": 30},
    "Leiden": {"Haarlem": 30, "Amsterdam": 40, "The Hague": 20, "Utrecht": 60},
    "The Hague": {"Leiden": 20, "Rotterdam": 25},
    "Utrecht": {"Amsterdam": 45, "Leiden": 60, "Rotterdam": 55, "Arnhem": 65},
    "Rotterdam": {"The Hague": 25, "Utrecht": 55},
    "Arnhem": {"Utrecht": 65},
}

def dijkstra(source):
    dist = {source: 0}
    prev = {}
    heap = [(0, source)]
    visited = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in visited:
            continue
        visited.add(node)
        for nxt, w in roads[node].items():
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                prev[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    return dist, prev

def route(prev, target):
    path = [target]
    while path[-1] in prev:
        path.append(prev[path[-1]])
    return list(reversed(path))

dist, prev = dijkstra("Amsterdam")
for city in sorted(dist, key=lambda c: (dist[c], c)):
    print(f"{city:<10} {dist[city]:>4} km  via {' > '.join(route(prev, city))}")

far = max(dist.items(), key=lambda kv: kv[1])
print(f"Farthest: {far[0]} at {far[1]} km")
total = sum(w for c in roads for w in roads[c].values()) // 2
print(f"Network length: {total} km over {sum(len(v) for v in roads.values()) // 2} roads")
