"""Conway's Game of Life on a small toroidal grid with pattern detection and population history."""
from typing import List, Set, Tuple

Cell = Tuple[int, int]

GLIDER = {(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
BLINKER = {(5, 5), (5, 6), (5, 7)}


def step(live: Set[Cell], rows: int, cols: int) -> Set[Cell]:
    counts = {}
    for r, c in live:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    key = ((r + dr) % rows, (c + dc) % cols)
                    counts[key] = counts.get(key, 0) + 1
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in live)}


def render(live: Set[Cell], rows: int, cols: int) -> List[str]:
    return ["".join("█" if (r, c) in live else "·" for c in range(cols)) for r in range(rows)]


def normalize(live: Set[Cell]) -> frozenset:
    if not live:
        return frozenset()
    r0 = min(r for r, _ in live)
    c0 = min(c for _, c in live)
    return frozenset((r - r0, c - c0) for r, c in live)


def main():
    rows, cols = 8, 10
    live = GLIDER | BLINKER
    history = []
    seen = {}
    for gen in range(12):
        key = frozenset(live)
        if key in seen:
            print(f"gen {gen}: repeats gen {seen[key]}")
            break
        seen[key] = gen
        history.append(len(live))
        if gen in (0, 1, 4):
            print(f"generation {gen} ({len(live)} alive)")
            print("\n".join(render(live, rows, cols)))
        live = step(live, rows, cols)
    print("population:", history)
    glider = set(GLIDER)
    for _ in range(4):
        glider = step(glider, 20, 20)
    print("glider after 4 steps same shape:", normalize(glider) == normalize(GLIDER), sorted(glider))
    blink = step(BLINKER, 12, 12)
    print("blinker period 2:", step(blink, 12, 12) == BLINKER, sorted(blink))
    density = [[sum((r, c) in live for r in range(rr, rr + 4) for c in range(cc, cc + 5)) for cc in (0, 5)] for rr in (0, 4)]
    print("quadrant counts:", density)


if __name__ == "__main__":
    main()
