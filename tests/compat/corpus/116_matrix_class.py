# A small matrix class with operator overloading.
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])
    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])
    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return Matrix([[a * other for a in r] for r in self.rows])
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    __rmul__ = __mul__
    def __eq__(self, other):
        return self.rows == other.rows
    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"
    def __str__(self):
        w = max(len(f"{x:g}") for r in self.rows for x in r)
        return "\n".join(" ".join(f"{x:g}".rjust(w) for x in r) for r in self.rows)
    def transpose(self):
        return Matrix(zip(*self.rows))

a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0.5, 0], [0, 2]])
print(a + b)
print(a * b)
print(2 * a)
print(repr(a.transpose()), a.shape, (a * a).rows)
print(a * Matrix([[1, 0], [0, 1]]) == a)
