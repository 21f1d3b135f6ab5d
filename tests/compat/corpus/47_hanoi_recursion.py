# Recursion classics: towers of Hanoi, permutations, subsets, flood fill.
def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((n, src, dst))
    hanoi(n - 1, via, dst, src, moves)

moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), "moves; first five:", moves[:5])

def permutations(items):
    if len(items) <= 1:
        return [items[:]]
    out = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            out.append([items[i]] + p)
    return out

print(["".join(p) for p in permutations(list("abc"))])

def subsets(items):
    if not items:
        return [[]]
    rest = subsets(items[1:])
    return rest + [[items[0]] + s for s in rest]

print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))

grid = [list(row) for row in ["..##....", ".#..#...", ".#...#..", "..###...", "........"]]

def fill(r, c):
    if not (0 <= r < len(grid) and 0 <= c < len(grid[0])) or grid[r][c] != ".":
        return 0
    grid[r][c] = "~"
    return 1 + fill(r + 1, c) + fill(r - 1, c) + fill(r, c + 1) + fill(r, c - 1)

print("filled inside:", fill(2, 3))
print("\n".join("".join(row) for row in grid))

def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)

def power_set_sum(nums, target, i=0):
    if target == 0:
        return 1
    if i == len(nums) or target < 0:
        return 0
    return power_set_sum(nums, target - nums[i], i + 1) + power_set_sum(nums, target, i + 1)

print(gcd(1071, 462), power_set_sum([3, 34, 4, 12, 5, 2], 9))
