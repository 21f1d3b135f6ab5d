"""Classic dynamic programming problems with memoization and tabulation."""
from functools import lru_cache, cache
from typing import List, Sequence, Tuple


def lcs(a: str, b: str) -> str:
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, ca in enumerate(a, 1):
        for j, cb in enumerate(b, 1):
            dp[i][j] = dp[i - 1][j - 1] + 1 if ca == cb else max(dp[i - 1][j], dp[i][j - 1])
    out, i, j = [], len(a), len(b)
    while i and j:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1]); i -= 1; j -= 1
        elif dp[i - 1][j] >= dp[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return "".join(reversed(out))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def knapsack(items: Sequence[Tuple[str, int, int]], capacity: int) -> Tuple[int, List[str]]:
    @lru_cache(maxsize=None)
    def best(i: int, cap: int) -> int:
        if i == len(items):
            return 0
        name, weight, value = items[i]
        skip = best(i + 1, cap)
        return max(skip, value + best(i + 1, cap - weight)) if weight <= cap else skip

    chosen, cap = [], capacity
    for i, (name, weight, value) in enumerate(items):
        if best(i, cap) != best(i + 1, cap):
            chosen.append(name)
            cap -= weight
    return best(0, capacity), chosen


@cache
def coin_ways(amount: int, coins: Tuple[int, ...]) -> int:
    if amount == 0:
        return 1
    if amount < 0 or not coins:
        return 0
    return coin_ways(amount - coins[0], coins) + coin_ways(amount, coins[1:])


def lis(nums: List[int]) -> List[int]:
    import bisect
    tails, idx, parent = [], [], [-1] * len(nums)
    for i, x in enumerate(nums):
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x); idx.append(i)
        else:
            tails[pos] = x; idx[pos] = i
        parent[i] = idx[pos - 1] if pos else -1
    out, k = [], idx[-1]
    while k != -1:
        out.append(nums[k]); k = parent[k]
    return out[::-1]


def main():
    for a, b in [("ABCBDAB", "BDCABA"), ("kitten", "sitting"), ("", "abc")]:
        print(f"{a!r:>10} vs {b!r:<10} lcs={lcs(a, b)!r:<8} edit={edit_distance(a, b)}")
    items = [("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160),
             ("glucose", 15, 60), ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40)]
    value, chosen = knapsack(items, 200)
    print(f"knapsack value={value} items={chosen}")
    for amount in (10, 100, 250):
        print(f"ways to make {amount:>3}: {coin_ways(amount, (25, 10, 5, 1)):>6,}")
    print(coin_ways.cache_info().currsize > 0)
    print("LIS:", lis([10, 9, 2, 5, 3, 7, 101, 18, 4, 19]))
    fib = [0, 1]
    for _ in range(89):
        fib.append(fib[-1] + fib[-2])
    print(f"fib(90) = {fib[90]:,} ({len(str(fib[90]))} digits, {fib[90].bit_length()} bits)")
    tri = [[1]]
    for r in range(1, 8):
        tri.append([1] + [tri[-1][k] + tri[-1][k + 1] for k in range(r - 1)] + [1])
    for row in tri:
        print(" ".join(f"{v:>3}" for v in row).center(40).rstrip())


if __name__ == "__main__":
    main()
