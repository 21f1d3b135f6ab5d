from functools import lru_cache, cache, reduce, partial
import operator


@lru_cache(maxsize=None)
def ways_to_climb(n: int, steps: tuple = (1, 2, 3)) -> int:
    if n == 0:
        return 1
    return sum(ways_to_climb(n - s, steps) for s in steps if s <= n)


@cache
def edit_distance(a: str, b: str) -> int:
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit_distance(a[1:], b[1:])
    return 1 + min(edit_distance(a[1:], b), edit_distance(a, b[1:]), edit_distance(a[1:], b[1:]))


def coin_change(amount, coins):
    best = [0] + [float("inf")] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and best[a - c] + 1 < best[a]:
                best[a] = best[a - c] + 1
    return best[amount] if best[amount] != float("inf") else -1


def lis(seq):
    tails = []
    import bisect
    for x in seq:
        i = bisect.bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(tails)


print([ways_to_climb(n) for n in range(10)])
print(ways_to_climb(30), ways_to_climb.cache_info().hits > 0)
for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("", "abc"), ("same", "same")]:
    print(f"edit({a!r}, {b!r}) = {edit_distance(a, b)}")
print(coin_change(63, [1, 5, 10, 21, 25]), coin_change(7, [2, 4]), coin_change(0, [1]))
print(lis([10, 9, 2, 5, 3, 7, 101, 18]), lis([]))
print(reduce(operator.mul, range(1, 11)), reduce(lambda a, b: a + b, ["a", "b", "c"], ">"))
double = partial(operator.mul, 2)
print(list(map(double, [1, 2, 3])), double.func is operator.mul, double.args)
ways_to_climb.cache_clear()
print(ways_to_climb.cache_info())


def hanoi(n, src="A", dst="C", via="B", moves=None):
    moves = [] if moves is None else moves
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves


m = hanoi(4)
print(len(m), m[:5])
print(2 ** 64, 2 ** 100 % 997, pow(3, 200, 1000), pow(7, -1, 40), (-17) % 5, int("ff", 16), int("0b101", 0))
