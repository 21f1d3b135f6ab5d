from fractions import Fraction
from itertools import product


def matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    assert len(a[0]) == inner, "shape mismatch"
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]


def transpose(m):
    return [list(row) for row in zip(*m)]


def determinant(m):
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for col in range(n):
        minor = [row[:col] + row[col + 1:] for row in m[1:]]
        total += (-1) ** col * m[0][col] * determinant(minor)
    return total


def inverse(m):
    n = len(m)
    aug = [[Fraction(x) for x in row] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if aug[r][col] != 0)
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        aug[col] = [x / p for x in aug[col]]
        for r in range(n):
            if r != col:
                factor = aug[r][col]
                aug[r] = [x - factor * y for x, y in zip(aug[r], aug[col])]
    return [row[n:] for row in aug]


def show(m, name):
    print(f"{name} =")
    width = max(len(str(x)) for row in m for x in row)
    for row in m:
        print("  [" + " ".join(f"{str(x):>{width}}" for x in row) + "]")


A = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
B = [[1, 2], [3, 4], [5, 6]]
show(A, "A")
show(transpose(B), "B^T")
show(matmul(A, B), "A*B")
print("det(A) =", determinant(A))
inv = inverse(A)
show(inv, "inv(A)")
ident = matmul(A, inv)
print("A*inv(A) == I:", all(ident[i][j] == (i == j) for i, j in product(range(3), repeat=2)))
print([[float(x) for x in row] for row in inv])
print(Fraction(3, 4) + Fraction(1, 6), Fraction("0.125"), Fraction(1.5).limit_denominator(), repr(Fraction(-2, 4)))
try:
    matmul(B, B)
except AssertionError as e:
    print("AssertionError:", e)
