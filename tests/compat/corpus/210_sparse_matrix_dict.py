from collections import defaultdict
from typing import Dict, Tuple

Coord = Tuple[int, int]


class SparseMatrix:
    def __init__(self, rows: int, cols: int):
        self.shape = (rows, cols)
        self.data: Dict[Coord, float] = {}

    def __setitem__(self, key: Coord, value: float):
        r, c = key
        if not (0 <= r < self.shape[0] and 0 <= c < self.shape[1]):
            raise IndexError(f"index {key} out of bounds for shape {self.shape}")
        if value:
            self.data[key] = value
        else:
            self.data.pop(key, None)

    def __getitem__(self, key: Coord) -> float:
        return self.data.get(key, 0)

    def __matmul__(self, other: "SparseMatrix") -> "SparseMatrix":
        if self.shape[1] != other.shape[0]:
            raise ValueError(f"shapes {self.shape} and {other.shape} not aligned")
        result = SparseMatrix(self.shape[0], other.shape[1])
        by_row = defaultdict(list)
        for (r, c), v in other.data.items():
            by_row[r].append((c, v))
        acc = defaultdict(float)
        for (r, k), v in self.data.items():
            for c, w in by_row.get(k, ()):
                acc[r, c] += v * w
        for key, v in acc.items():
            result[key] = v
        return result

    @property
    def density(self) -> float:
        return len(self.data) / (self.shape[0] * self.shape[1])

    def __str__(self):
        rows = []
        for r in range(self.shape[0]):
            rows.append(" ".join(f"{self[r, c]:6.2f}" for c in range(self.shape[1])))
        return "\n".join(rows)


a = SparseMatrix(3, 4)
a[0, 0], a[1, 2], a[2, 3], a[0, 3] = 1.5, -2, 4, 0.25
b = SparseMatrix(4, 2)
b[0, 1], b[2, 0], b[3, 1] = 2, 3, -1
print(a, end="\n\n")
c = a @ b
print(c)
print(f"density a={a.density:.3f} c={c.density:.2%}", sorted(c.data.items()))
for bad in (lambda: a.__setitem__((5, 0), 1), lambda: a @ a):
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
a[0, 0] = 0
print(len(a.data), a[0, 0], a[9, 9])
