"""Recursive algorithms: memoized recursion at depth, flood fill, permutations, expression trees."""
import sys
from functools import lru_cache
from typing import List, Optional, Union

sys.setrecursionlimit(10_000)

GRID = [
    "##########",
    "#....#...#",
    "#.##.#.#.#",
    "#.#..#.#.#",
    "#.#.##.#.#",
    "#...#..#.#",
    "####.#####",
    "#........#",
    "##########",
]


@lru_cache(maxsize=None)
def partitions(n: int, k: int) -> int:
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)


def count_paths(n: int, memo=None) -> int:
    memo = {} if memo is None else memo
    if n <= 1:
        return 1
    if n not in memo:
        memo[n] = count_paths(n - 1, memo) + count_paths(n - 2, memo)
    return memo[n]


def flood(grid: List[List[str]], r: int, c: int, mark: str) -> int:
    if grid[r][c] != ".":
        return 0
    grid[r][c] = mark
    return 1 + sum(flood(grid, r + dr, c + dc, mark) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)))


def permutations(items: List[str]) -> List[str]:
    if len(items) <= 1:
        return ["".join(items)]
    return [items[i] + rest for i in range(len(items)) for rest in permutations(items[:i] + items[i + 1:])]


Expr = Union[int, tuple]


def evaluate(e: Expr) -> float:
    if isinstance(e, int):
        return e
    op, left, right = e
    a, b = evaluate(left), evaluate(right)
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op]


def show(e: Expr) -> str:
    return str(e) if isinstance(e, int) else f"({show(e[1])} {e[0]} {show(e[2])})"


def depth(n: int) -> int:
    return 0 if n == 0 else 1 + depth(n - 1)


def main():
    print([partitions(n, n) for n in range(1, 16)], partitions(100, 100))
    print(count_paths(300) % 1_000_000_007, depth(2000))
    grid = [list(row) for row in GRID]
    regions = []
    for r, row in enumerate(grid):
        for c, ch in enumerate(row):
            if ch == ".":
                regions.append(flood(grid, r, c, chr(ord("A") + len(regions))))
    print("regions:", regions)
    print("\n".join("".join(row) for row in grid))
    perms = permutations(list("abcd"))
    print(len(perms), perms[:5], perms == sorted(perms))
    tree = ("*", ("+", 3, 4), ("-", 10, ("/", 9, 3)))
    print(show(tree), "=", evaluate(tree))

    def hanoi(n: int, a: str, b: str, c: str, moves: Optional[list] = None) -> list:
        moves = [] if moves is None else moves
        if n:
            hanoi(n - 1, a, c, b, moves)
            moves.append((a, c))
            hanoi(n - 1, b, a, c, moves)
        return moves
    m = hanoi(10, "A", "B", "C")
    print(len(m), m[:3], m[-1])
    try:
        depth(10**6)
    except RecursionError as e:
        print("RecursionError:", str(e)[:40])


if __name__ == "__main__":
    main()
