# Shapes with inheritance, properties and dunder methods.
import math
class Shape:
    def area(self):
        raise NotImplementedError
    def __lt__(self, other):
        return self.area() < other.area()
    def __repr__(self):
        fields = ", ".join(f"{k}={v}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return math.pi * self.r ** 2

class Rect(Shape):
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)

shapes = [Circle(1.5), Rect(2, 4.5), Square(3), Circle(0.5), Rect(1, 1)]
for s in sorted(shapes):
    print(f"{s!r:<22} area={s.area():8.3f}")
print(max(shapes), min(shapes).area())
print([type(s).__name__ for s in shapes if isinstance(s, Rect)])
print(Square.__mro__[1].__name__, issubclass(Square, Shape))
print(sum(s.area() for s in shapes))
