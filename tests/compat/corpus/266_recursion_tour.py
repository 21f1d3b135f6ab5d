# Recursion: factorial, permutations, tree walking, memo, recursion limit.
import sys
from functools import lru_cache


def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


def permutations(items):
    if len(items) <= 1:
        return [items]
    result = []
    for i, item in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            result.append([item] + rest)
    return result


def hanoi(n, src="A", dst="C", via="B", moves=None):
    if moves is None:
        moves = []
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves


def depth(tree):
    if not isinstance(tree, dict) or not tree:
        return 0
    return 1 + max(depth(v) for v in tree.values())


@lru_cache(maxsize=None)
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])


print(factorial(20), factorial(30))
print(permutations([1, 2, 3]))
print(len(hanoi(5)), hanoi(2))
print(depth({"a": {"b": {"c": {}}, "d": 1}}))
print(ways(100))


def infinite(n):
    return infinite(n + 1)


try:
    infinite(0)
except RecursionError as e:
    print("RecursionError:", e)
print(isinstance(sys.getrecursionlimit(), int))


def flatten(x):
    return [y for item in x for y in flatten(item)] if isinstance(x, (list, tuple)) else [x]


print(flatten([1, (2, [3, [4, (5,)]]), []]))


def binary_search(arr, target, lo=0, hi=None):
    hi = len(arr) - 1 if hi is None else hi
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if arr[mid] == target:
        return mid
    return binary_search(arr, target, mid + 1, hi) if arr[mid] < target else binary_search(arr, target, lo, mid - 1)


print([binary_search([1, 3, 5, 7, 9, 11], t) for t in (1, 7, 11, 4)])
