# IntEnum, Flag, IntFlag and StrEnum-like patterns.
from enum import Enum, IntEnum, Flag, IntFlag, auto


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


print(Priority.HIGH > Priority.LOW, Priority.MEDIUM + 1, Priority.LOW == 1)
print(sorted([Priority.HIGH, Priority.LOW, Priority.MEDIUM]))
print(int(Priority.HIGH), f"{Priority.HIGH}", str(Priority.MEDIUM), repr(Priority.LOW))
print(max(Priority), [p.name for p in Priority])


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()


rw = Perm.R | Perm.W
print(rw, repr(rw))
print(Perm.R in rw, Perm.X in rw, bool(Perm.X & rw))
print([p.value for p in Perm])
print(Perm(5), Perm(0), bool(Perm(0)))


class Mode(IntFlag):
    READ = 4
    WRITE = 2
    EXEC = 1


m = Mode.READ | Mode.EXEC
print(m, int(m), m & 4, Mode(7))


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


for p in Planet:
    print(p.name, f"{p.gravity:.2f}")


class Shade(str, Enum):
    DARK = "dark"
    LIGHT = "light"


print(Shade.DARK == "dark", Shade.DARK.upper(), Shade("light"))
