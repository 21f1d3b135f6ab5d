# Dynamic programming: knapsack, longest common subsequence, edit distance, coin change.
def knapsack(items, capacity):
    best = [[0] * (capacity + 1) for _ in range(len(items) + 1)]
    for i, (name, weight, value) in enumerate(items, 1):
        for c in range(capacity + 1):
            best[i][c] = best[i - 1][c]
            if weight <= c:
                best[i][c] = max(best[i][c], best[i - 1][c - weight] + value)
    chosen = []
    c = capacity
    for i in range(len(items), 0, -1):
        if best[i][c] != best[i - 1][c]:
            chosen.append(items[i - 1][0])
            c -= items[i - 1][1]
    return best[-1][-1], chosen[::-1]

items = [("tent", 5, 60), ("stove", 3, 50), ("camera", 2, 70), ("book", 1, 10),
         ("food", 4, 80), ("water", 3, 90)]
value, chosen = knapsack(items, 10)
print(f"knapsack value {value} with {chosen}")

def lcs(a, b):
    dp = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                dp[i][j] = a[i] + dp[i + 1][j + 1]
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j + 1], key=len)
    return dp[0][0]

print("LCS:", lcs("AGGTABQWERTY", "GXTXAYBWRT"))

def edit_distance(s, t):
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct)))
        prev = cur
    return prev[-1]

for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("intention", "execution")]:
    print(f"edit({a}, {b}) = {edit_distance(a, b)}")

def coin_change(coins, amount):
    ways = [1] + [0] * amount
    fewest = [0] + [float("inf")] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] += ways[x - coin]
            fewest[x] = min(fewest[x], fewest[x - coin] + 1)
    return ways[amount], fewest[amount]

print("coin change 100 with [1,5,10,25]:", coin_change([1, 5, 10, 25], 100))
