GRID = """
534678912
672195348
198342567
859761423
426853791
713924856
961537284
287419635
345286179
"""


def parse(text):
    return [[int(ch) for ch in line] for line in text.strip().splitlines()]


def groups(grid):
    for r in range(9):
        yield f"row {r + 1}", grid[r]
    for c in range(9):
        yield f"col {c + 1}", [grid[r][c] for r in range(9)]
    for br in range(0, 9, 3):
        for bc in range(0, 9, 3):
            yield f"box {br // 3 + 1},{bc // 3 + 1}", [grid[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3)]


def check(grid):
    bad = [name for name, cells in groups(grid) if sorted(cells) != list(range(1, 10))]
    return bad


def show(grid):
    for r, row in enumerate(grid):
        if r and r % 3 == 0:
            print("------+-------+------")
        parts = [" ".join(map(str, row[i:i + 3])) for i in range(0, 9, 3)]
        print(" | ".join(parts))


grid = parse(GRID)
show(grid)
print("valid:", not check(grid))
grid[4][4], grid[4][5] = grid[4][5], grid[4][4]
problems = check(grid)
print("after swap:", len(problems), "problems:", problems)
digits = sum(sum(row) for row in grid)
print(digits, digits == 45 * 9)
print({n: sum(row.count(n) for row in grid) for n in range(1, 10)})
