# enum: Enum, auto, iteration, value and name lookups.
from enum import Enum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED, repr(Color.RED))
print(Color.RED.name, Color.RED.value)
print(Color(2), Color["BLUE"])
print(list(Color))
print(len(Color), Color.GREEN in Color)
for c in Color:
    print(f"{c.name:<6} = {c.value}")
print(Color.RED is Color(1), Color.RED == 1)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)


class Weekday(Enum):
    MON = auto()
    TUE = auto()
    WED = auto()

    def is_midweek(self):
        return self is Weekday.WED

    @classmethod
    def first(cls):
        return next(iter(cls))


print([d.value for d in Weekday], Weekday.WED.is_midweek(), Weekday.first())


class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    ALIAS = "active"


print(list(Status), Status.ALIAS, Status.__members__.keys())
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
print({Color.RED: "stop", Color.GREEN: "go"})
print(type(Color.RED), isinstance(Color.RED, Color))
print(sorted(Color, key=lambda c: c.name))
