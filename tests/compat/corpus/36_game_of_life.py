# Conway's Game of Life on a small bounded grid.
def parse(picture):
    cells = set()
    for r, line in enumerate(picture.strip().splitlines()):
        for c, ch in enumerate(line):
            if ch == "#":
                cells.add((r, c))
    return cells

def step(cells, rows, cols):
    counts = {}
    for r, c in cells:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    n = (r + dr, c + dc)
                    if 0 <= n[0] < rows and 0 <= n[1] < cols:
                        counts[n] = counts.get(n, 0) + 1
    return {p for p, k in counts.items() if k == 3 or (k == 2 and p in cells)}

def show(cells, rows, cols):
    for r in range(rows):
        print("".join("#" if (r, c) in cells else "." for c in range(cols)))

start = parse("""
..........
...#......
....#.....
..###.....
..........
......##..
......##..
..........
""")
rows, cols = 8, 10
cells = start
for gen in range(4):
    print(f"generation {gen}: {len(cells)} alive")
    show(cells, rows, cols)
    cells = step(cells, rows, cols)
history = []
cells = start
for gen in range(30):
    key = tuple(sorted(cells))
    if key in history:
        print(f"repeats at generation {gen} (first seen {history.index(key)})")
        break
    history.append(key)
    cells = step(cells, rows, cols)
print("final alive cells:", sorted(cells))
