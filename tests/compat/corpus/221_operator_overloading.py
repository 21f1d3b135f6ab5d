# Arithmetic dunders: __add__, __radd__, __iadd__, __mul__, __neg__, __abs__.
import math


class Vector:
    def __init__(self, *components):
        self.c = tuple(components)

    def __add__(self, other):
        if isinstance(other, Vector):
            return Vector(*(a + b for a, b in zip(self.c, other.c)))
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)

    def __iadd__(self, other):
        print("in-place add")
        self.c = tuple(a + b for a, b in zip(self.c, other.c))
        return self

    def __sub__(self, other):
        return self + (-other)

    def __mul__(self, k):
        return Vector(*(a * k for a in self.c))

    __rmul__ = __mul__

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self.c, other.c))

    def __neg__(self):
        return Vector(*(-a for a in self.c))

    def __abs__(self):
        return math.hypot(*self.c)

    def __eq__(self, other):
        return isinstance(other, Vector) and self.c == other.c

    def __repr__(self):
        return f"Vector{self.c}"


v = Vector(1, 2)
w = Vector(3, 4)
print(v + w, v - w, v * 3, 2 * v, -v)
print(abs(w), v @ w)
print(sum([v, w, Vector(10, 10)]))
before = v
v += w
print(v, v is before)
print(v == Vector(4, 6), v != w)
try:
    v + 5
except TypeError as e:
    print("TypeError:", e)


class Meters(float):
    def __add__(self, other):
        return Meters(float(self) + float(other))

    def __repr__(self):
        return f"{float(self)}m"


print(Meters(1.5) + 2, 2 + Meters(1.5))
