# Matrix operations on lists of lists.
def matmul(a, b):
    cols = list(zip(*b))
    return [[sum(x * y for x, y in zip(row, col)) for col in cols] for row in a]

def transpose(m):
    return [list(r) for r in zip(*m)]

def determinant(m):
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for j in range(n):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        total += (-1) ** j * m[0][j] * determinant(minor)
    return total

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def show(m, name):
    print(f"{name} =")
    width = max(len(str(x)) for row in m for x in row)
    for row in m:
        print("  [" + " ".join(str(x).rjust(width) for x in row) + "]")

A = [[2, -1, 0], [1, 3, 4], [0, 5, -2]]
B = [[1, 2], [0, 1], [4, -3]]
show(A, "A")
show(transpose(A), "A^T")
show(matmul(A, B), "A*B")
print("det(A) =", determinant(A))
print("A*I == A:", matmul(A, identity(3)) == A)

def solve(m, rhs):
    n = len(m)
    aug = [list(map(float, row)) + [float(v)] for row, v in zip(m, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(aug[r][col]))
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for r in range(n):
            if r != col:
                f = aug[r][col] / aug[col][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col])]
    return [aug[i][n] / aug[i][i] for i in range(n)]

x = solve(A, [1, 2, 3])
print("solution:", [round(v, 6) for v in x])
print("check:", [round(sum(a * b for a, b in zip(row, x)), 9) for row in A])
spiral = []
m = [row[:] for row in [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]]
while m:
    spiral += m.pop(0)
    m = [list(r) for r in zip(*m)][::-1]
print("spiral:", spiral)
