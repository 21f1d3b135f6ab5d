"""Self-checking solutions: run test cases with assert, report pass/fail with messages."""
from typing import Callable, List, Tuple


def two_sum(nums: List[int], target: int) -> Tuple[int, int]:
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return seen[target - n], i
        seen[n] = i
    raise ValueError("no solution")


def is_palindrome(s: str) -> bool:
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]


def roman(n: int) -> str:
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, sym in table:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def buggy_median(xs: List[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2]


CASES: List[Tuple[str, Callable, tuple, object]] = [
    ("two_sum basic", two_sum, ([2, 7, 11, 15], 9), (0, 1)),
    ("two_sum later", two_sum, ([3, 2, 4], 6), (1, 2)),
    ("palindrome", is_palindrome, ("A man, a plan, a canal: Panama",), True),
    ("not palindrome", is_palindrome, ("race a car",), False),
    ("roman 1994", roman, (1994,), "MCMXCIV"),
    ("roman 3999", roman, (3999,), "MMMCMXCIX"),
    ("median odd", buggy_median, ([3, 1, 2],), 2),
    ("median even", buggy_median, ([4, 1, 3, 2],), 2.5),
    ("two_sum none", two_sum, ([1, 2], 10), None),
]


def main():
    passed = failed = 0
    for name, fn, args, expected in CASES:
        try:
            got = fn(*args)
            assert got == expected, f"expected {expected!r}, got {got!r}"
        except AssertionError as e:
            failed += 1
            print(f"FAIL {name:<15} {e}")
        except Exception as e:
            failed += 1
            print(f"ERR  {name:<15} {type(e).__name__}: {e}")
        else:
            passed += 1
            print(f"ok   {name:<15} {fn.__name__}{args!r:.30}")
    print(f"\n{passed}/{passed + failed} passed ({passed / (passed + failed):.0%})")
    try:
        assert passed == len(CASES), "some tests failed"
    except AssertionError as e:
        print("summary:", e, repr(e), e.args)
    try:
        assert 1 + 1 == 3
    except AssertionError as e:
        print("bare assert:", repr(e), str(e) == "", e.args)
    results = {name: fn(*args) == exp for name, fn, args, exp in CASES[:6]}
    assert all(results.values()), results
    print("first six verified:", results)


if __name__ == "__main__":
    main()
