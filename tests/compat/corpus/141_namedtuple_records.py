# Records with namedtuple and typing.NamedTuple.
from collections import namedtuple
from typing import NamedTuple
City = namedtuple("City", "name country population")
cities = [City("Oslo", "NO", 709000), City("Bergen", "NO", 285000), City("Lyon", "FR", 522000)]
for c in sorted(cities, key=lambda c: c.population, reverse=True):
    print(f"{c.name:<8}{c.country}{c.population:>10,}")
print(cities[0]._asdict())
print(cities[1]._replace(population=290000))
print(City._fields, cities[2][0], "%s (%s)" % cities[2][:2])
class Point(NamedTuple):
    x: float
    y: float = 0.0
    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point(3, 4)
print(p, p.dist(), Point(1), p._asdict())
x, y = p
print(x + y)
