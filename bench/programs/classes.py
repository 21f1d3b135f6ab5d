# Method calls, attribute reads, super() and operators through single
# inheritance: the lookups guest/mro puts its one test in front of.
class Shape:
    sides = 0

    def __init__(self, size):
        self.size = size

    def area(self):
        return self.size * self.size

    def scaled(self, k):
        return self.area() * k

    def __add__(self, other):
        return self.area() + other.area()

    def __lt__(self, other):
        return self.area() < other.area()


class Polygon(Shape):
    sides = 4


class Square(Polygon):
    def area(self):
        return super().area() + self.sides


class Tile(Square):
    @property
    def edge(self):
        return self.size + 1


def run(n):
    tiles = [Tile(i % 7 + 1) for i in range(64)]
    total = 0
    for i in range(n):
        a = tiles[i & 63]
        b = tiles[(i * 7) & 63]
        total += a.scaled(2) + (a + b) + a.edge + a.sides
        if a < b:
            total += 1
    return total


print(run(400000))
