# TypedDict and NamedTuple.
from typing import NamedTuple, TypedDict, Optional
from collections import namedtuple


class Point(NamedTuple):
    x: float
    y: float = 0.0

    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


p = Point(3, 4)
print(p, p.dist(), p.x, p[1])
print(Point(1), p._replace(y=10), p._asdict())
print(Point._fields, Point._field_defaults)
x, y = p
print(x + y, p == (3, 4), isinstance(p, tuple))
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)

Employee = namedtuple("Employee", "name dept salary")
staff = [Employee("Ann", "eng", 120), Employee("Bo", "ops", 90), Employee._make(["Cy", "eng", 110])]
print(staff[2])
print(sorted(staff, key=lambda e: e.salary))
print(max(staff, key=lambda e: e.salary).name)


class Movie(TypedDict):
    title: str
    year: int
    rating: Optional[float]


m: Movie = {"title": "Alien", "year": 1979, "rating": 8.5}
print(m, type(m).__name__)
print(Movie.__annotations__)
print(sorted(Movie.__required_keys__))
m2 = Movie(title="Up", year=2009, rating=None)
print(m2)
