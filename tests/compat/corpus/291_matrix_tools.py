"""Matrix utilities in pure Python: multiplication, transpose, determinant, Gaussian elimination."""
from fractions import Fraction
from typing import List

Matrix = List[List[float]]


def matmul(a: Matrix, b: Matrix) -> Matrix:
    if len(a[0]) != len(b):
        raise ValueError(f"shape mismatch: {len(a)}x{len(a[0])} @ {len(b)}x{len(b[0])}")
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def transpose(m: Matrix) -> Matrix:
    return [list(r) for r in zip(*m)]


def det(m: Matrix):
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    return sum((-1) ** j * m[0][j] * det([row[:j] + row[j + 1:] for row in m[1:]]) for j in range(len(m)))


def solve(a: Matrix, b: List) -> List[Fraction]:
    n = len(a)
    aug = [[Fraction(x) for x in row] + [Fraction(v)] for row, v in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(aug[r][col]))
        if aug[pivot][col] == 0:
            raise ZeroDivisionError("matrix is singular")
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for r in range(n):
            if r != col:
                factor = aug[r][col] / aug[col][col]
                aug[r] = [x - factor * y for x, y in zip(aug[r], aug[col])]
    return [aug[i][n] / aug[i][i] for i in range(n)]


def show(name: str, m: Matrix) -> None:
    print(f"{name} =")
    width = max(len(f"{x:g}") for row in m for x in row)
    for row in m:
        print("  [" + "  ".join(f"{x:>{width}g}" for x in row) + "]")


def main():
    a = [[2, -1, 0], [1, 3, 2], [0, 1, 4]]
    b = [[1, 0], [0, 1], [2, -2]]
    show("A", a)
    show("A^T", transpose(a))
    show("A @ B", matmul(a, b))
    print("det(A) =", det(a), "det(I) =", det([[1, 0], [0, 1]]))
    x = solve(a, [1, 2, 3])
    print("solution:", x, [float(v) for v in x], [str(v) for v in x])
    check = [sum(Fraction(c) * v for c, v in zip(row, x)) for row in a]
    print("check:", check, check == [1, 2, 3])
    try:
        matmul(a, [[1, 2]])
    except ValueError as e:
        print("ValueError:", e)
    try:
        solve([[1, 2], [2, 4]], [1, 2])
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    identity = [[float(i == j) for j in range(3)] for i in range(3)]
    print(identity, matmul(a, identity) == a)
    f = Fraction(3, 4)
    print(f + Fraction(1, 6), f * 2, f / 3, f ** 2, -f, abs(-f), f.limit_denominator(1), Fraction("0.125"), Fraction(1.5))
    print(f"{float(Fraction(22, 7)):.5f}", float(Fraction(1, 3)), Fraction(7, 3).numerator, round(Fraction(7, 2)), Fraction(10, 4))
    print(sum([Fraction(1, n) for n in range(1, 6)]), repr(Fraction(2, 4)), Fraction(5) == 5, Fraction(1, 2) < 0.6)


if __name__ == "__main__":
    main()
