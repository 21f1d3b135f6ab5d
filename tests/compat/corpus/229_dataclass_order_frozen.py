# dataclasses with order=True, frozen=True, slots and kw_only.
from dataclasses import dataclass, field, FrozenInstanceError
import dataclasses


@dataclass(order=True)
class Student:
    sort_index: tuple = field(init=False, repr=False)
    name: str
    grade: int
    age: int

    def __post_init__(self):
        self.sort_index = (-self.grade, self.name)


students = [Student("Zoe", 90, 20), Student("Adam", 85, 22), Student("Bea", 90, 19)]
for s in sorted(students):
    print(s)
print(Student("A", 1, 1) < Student("B", 1, 1))


@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float

    def moved(self, dlat):
        return dataclasses.replace(self, lat=self.lat + dlat)


c = Coord(51.5, -0.12)
try:
    c.lat = 0
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(c.moved(1.0), hash(c) == hash(Coord(51.5, -0.12)))
print({c, Coord(51.5, -0.12)})


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int = 1


print(Options(level=3))
try:
    Options(True)
except TypeError as e:
    print("TypeError:", e)


@dataclass(eq=False)
class Node:
    value: int


print(Node(1) == Node(1), dataclasses.is_dataclass(Node), dataclasses.is_dataclass(Node(1)))
