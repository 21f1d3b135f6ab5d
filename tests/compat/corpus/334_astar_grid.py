"""A* pathfinding on a weighted grid with terrain costs, compared against BFS and Dijkstra."""
import heapq
from collections import deque
from typing import Dict, List, Optional, Tuple

Pos = Tuple[int, int]

MAP = """\
S..#......
.#.#.~~~..
.#...~#~..
.####.#...
......#.##
.##.###...
...~~~...G"""

COST = {".": 1, "~": 5, "S": 1, "G": 1}


def parse(text: str):
    grid = [list(row) for row in text.splitlines()]
    find = lambda ch: next((r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == ch)
    return grid, find("S"), find("G")


def neighbors(grid, p: Pos):
    r, c = p
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(grid) and 0 <= nc < len(grid[0]) and grid[nr][nc] != "#":
            yield nr, nc


def astar(grid, start: Pos, goal: Pos, use_heuristic=True) -> Tuple[Optional[List[Pos]], int, int]:
    h = (lambda p: abs(p[0] - goal[0]) + abs(p[1] - goal[1])) if use_heuristic else (lambda p: 0)
    frontier = [(h(start), 0, start)]
    came: Dict[Pos, Optional[Pos]] = {start: None}
    cost = {start: 0}
    expanded = 0
    while frontier:
        _, g, cur = heapq.heappop(frontier)
        if g > cost[cur]:
            continue
        expanded += 1
        if cur == goal:
            path = [cur]
            while came[path[-1]] is not None:
                path.append(came[path[-1]])
            return path[::-1], g, expanded
        for nxt in neighbors(grid, cur):
            ng = g + COST[grid[nxt[0]][nxt[1]]]
            if ng < cost.get(nxt, 1 << 30):
                cost[nxt], came[nxt] = ng, cur
                heapq.heappush(frontier, (ng + h(nxt), ng, nxt))
    return None, -1, expanded


def bfs(grid, start: Pos, goal: Pos) -> int:
    seen, q = {start: 0}, deque([start])
    while q:
        p = q.popleft()
        if p == goal:
            return seen[p]
        for n in neighbors(grid, p):
            if n not in seen:
                seen[n] = seen[p] + 1
                q.append(n)
    return -1


def main():
    grid, start, goal = parse(MAP)
    print(f"grid {len(grid)}x{len(grid[0])}, start {start}, goal {goal}")
    path, total, n = astar(grid, start, goal)
    _, total_d, n_d = astar(grid, start, goal, use_heuristic=False)
    print(f"A*: cost {total}, {len(path) - 1} steps, expanded {n}; Dijkstra: cost {total_d}, expanded {n_d}")
    print(f"BFS (ignores terrain): {bfs(grid, start, goal)} steps")
    shown = [row[:] for row in grid]
    for r, c in path[1:-1]:
        shown[r][c] = "*" if grid[r][c] == "." else "≈"
    print("\n".join("".join(row) for row in shown))
    swamp = sum(grid[r][c] == "~" for r, c in path)
    print(f"swamp cells on path: {swamp}; turns: {sum(1 for a, b, c in zip(path, path[1:], path[2:]) if (b[0]-a[0], b[1]-a[1]) != (c[0]-b[0], c[1]-b[1]))}")
    grid[6][8] = "#"
    grid[5][9] = "#"
    print("blocked goal:", astar(grid, start, goal)[1:])


if __name__ == "__main__":
    main()
