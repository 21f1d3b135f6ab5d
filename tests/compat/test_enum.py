# enum: the CPython 3.11 API as agents use it; output must be identical under
# python3 and mpbox. mpbox takes the definition order from the class source:
# the program text (handed over by the host) and module files, both tested.
import os
import sys
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique


def show(label, f):
    try:
        r = f()
    except Exception as e:
        # KeyError: args, as MicroPython's str() of it has no quotes
        print(label, 'error', type(e).__name__, e.args if isinstance(e, KeyError) else e)
    else:
        print(label, r)


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

    def describe(self):
        return '%s is %d' % (self.name.lower(), self.value)

    @classmethod
    def default(cls):
        return cls.GREEN

    @property
    def warm(self):
        return self is Color.RED


show('iter', lambda: list(Color))
show('len', lambda: len(Color))
show('by value', lambda: Color(2))
show('by name', lambda: Color['BLUE'])
show('attr', lambda: (Color.RED.name, Color.RED.value))
show('repr', lambda: repr(Color.RED))
show('str', lambda: str(Color.RED))
show('format', lambda: (f'{Color.RED}', '{}'.format(Color.GREEN), '%s' % Color.BLUE))
show('class repr', lambda: (repr(Color), str(Color)))
show('identity', lambda: (Color(1) is Color.RED, Color['RED'] is Color.RED))
show('eq', lambda: (Color.RED == Color.RED, Color.RED != Color.GREEN, Color.RED == 1))
show('in', lambda: (Color.RED in Color, Color.GREEN in [Color.RED, Color.GREEN]))
show('isinstance', lambda: (isinstance(Color.RED, Color), isinstance(Color.RED, Enum),
                            isinstance(Color.RED, (int, Color)), isinstance(1, Color)))
show('issubclass', lambda: (issubclass(Color, Enum), issubclass(Color, (int, Color)), issubclass(int, Enum)))
show('method', lambda: Color.GREEN.describe())
show('classmethod', lambda: Color.default())
show('property', lambda: (Color.RED.warm, Color.BLUE.warm))
show('members', lambda: list(Color.__members__))
show('members items', lambda: [(k, v.value) for k, v in Color.__members__.items()])
show('dict key', lambda: {Color.RED: 'r', Color.BLUE: 'b'}[Color.BLUE])
show('hash', lambda: hash(Color.RED) == hash(Color.RED))
show('class as key', lambda: {Color: 1}[Color])
show('set', lambda: len({Color.RED, Color.RED, Color.GREEN}))
show('name of class', lambda: Color.__name__)
show('reversed', lambda: list(reversed(Color)))
show('sorted by value', lambda: sorted(Color, key=lambda c: -c.value))
show('bad value', lambda: Color(5))
show('bad value str', lambda: Color('x'))
show('bad name', lambda: Color['PURPLE'])
show('lt', lambda: Color.RED < Color.GREEN)
show('match value', lambda: {c.value: c.name for c in Color})


class Shape(Enum):
    SQUARE = 2
    CIRCLE = 3


class Weekday(IntEnum):
    MON = 1
    TUE = 2
    WED = 3


show('int repr', lambda: (repr(Weekday.TUE), str(Weekday.TUE), f'{Weekday.TUE}', '%d' % Weekday.TUE))
show('int ops', lambda: (Weekday.MON + 1, 1 + Weekday.MON, Weekday.WED * 2, Weekday.WED - Weekday.MON,
                         Weekday.WED // 2, -Weekday.MON))
show('int cmp', lambda: (Weekday.MON < Weekday.TUE, Weekday.TUE == 2, Weekday.TUE < 3, Weekday.TUE >= 2))
show('int sort', lambda: sorted([Weekday.WED, Weekday.MON, Weekday.TUE]))
show('int max', lambda: max(Weekday))
show('int lookup', lambda: (Weekday(3), [10, 20, 30, 40][Weekday.WED]))
show('int isinstance', lambda: (isinstance(Weekday.MON, int), isinstance(Weekday.MON, Weekday)))
show('int dict', lambda: {1: 'one'}[Weekday.MON])
show('int range', lambda: list(range(Weekday.WED)))
show('int bad', lambda: Weekday(9))


class Status(StrEnum):
    ACTIVE = auto()
    DONE = auto()
    PENDING = 'pending'


show('str enum', lambda: (repr(Status.ACTIVE), str(Status.ACTIVE), f'{Status.DONE}'))
show('str eq', lambda: (Status.ACTIVE == 'active', Status('done'), Status.PENDING.upper()))
show('str concat', lambda: (Status.DONE + '!', 'is ' + Status.DONE))
show('str sorted', lambda: sorted([Status.PENDING, Status.ACTIVE, Status.DONE]))


class Mixed(str, Enum):
    A = 'a'
    B = 'b'


show('mixin', lambda: (repr(Mixed.A), str(Mixed.A), Mixed.A == 'a', Mixed('b'), Mixed.B.value))


class Perm(Flag):
    X = 1
    W = 2
    R = 4


rw = Perm.R | Perm.W
show('flag', lambda: (repr(rw), str(rw), rw.value))
show('flag in', lambda: (Perm.R in rw, Perm.X in rw))
show('flag and', lambda: (rw & Perm.R, repr(rw & Perm.X), bool(rw & Perm.X)))
show('flag invert', lambda: (repr(~Perm.R), repr(~rw)))
show('flag zero', lambda: (repr(Perm(0)), str(Perm(0)), bool(Perm(0))))
show('flag iter', lambda: (list(rw), len(rw), list(Perm)))
show('flag lookup', lambda: (Perm(6), Perm(7)))
show('flag bad', lambda: Perm(8))
show('flag bad high', lambda: Perm(100))
show('flag xor', lambda: repr(rw ^ Perm.W))
show('flag class', lambda: repr(Perm))


class Access(IntFlag):
    EXEC = 1
    WRITE = 2
    READ = 4


show('intflag', lambda: (repr(Access.READ | Access.WRITE), str(Access.READ | Access.WRITE), Access.READ | 1))
show('intflag int', lambda: (Access.READ + 1, Access.READ == 4, repr(Access.READ | 8)))


class Auto(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()


show('auto', lambda: [(m.name, m.value) for m in Auto])


class FlagAuto(Flag):
    A = auto()
    B = auto()
    C = auto()


show('flag auto', lambda: [m.value for m in FlagAuto])


class Alias(Enum):
    ONE = 1
    UNO = 1
    TWO = 2


show('alias', lambda: (list(Alias), Alias.UNO, Alias.UNO is Alias.ONE, list(Alias.__members__)))
show('unique', lambda: unique(Alias))
show('unique ok', lambda: unique(Color) is Color)


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    VENUS = (4.869e+24, 6.0518e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return '%.2f' % (6.673e-11 * self.mass / (self.radius * self.radius))


show('planet', lambda: (Planet.VENUS.mass, Planet.VENUS.gravity, Planet((3.303e+23, 2.4397e6))))


class Base(Enum):
    def label(self):
        return '<' + self.name + '>'


class Child(Base):
    P = 1
    Q = 2


show('base methods', lambda: (list(Child), Child.Q.label(), isinstance(Child.P, Base)))


def extend():
    class More(Color):
        PINK = 9
    return More


show('extend', extend)


class Missing(Enum):
    LOW = 1
    HIGH = 2

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            return cls[value.upper()]
        return None


show('missing hook', lambda: (Missing('low'), Missing(2)))
show('missing hook fails', lambda: Missing(5))


class Level(Enum):
    DEBUG = 10
    INFO = 20
    ERROR = 40

    @classmethod
    def parse(cls, text):
        for m in cls:
            if m.name == text.upper():
                return m
        return cls['INFO']

    @classmethod
    def count(cls):
        return len(cls)

    @staticmethod
    def names():
        return [m.name for m in Level]


show('classmethods', lambda: (Level.parse('error'), Level.parse('x'), Level.count(), Level.names()))
show('classmethod on member', lambda: Level.DEBUG.parse('debug'))

Animal = Enum('Animal', 'ANT BEE CAT')
show('functional', lambda: (list(Animal), Animal.BEE.value, Animal(3)))
Pair = Enum('Pair', [('LEFT', 'l'), ('RIGHT', 'r')])
show('functional pairs', lambda: (list(Pair), Pair('r')))
Num = IntEnum('Num', 'ONE TWO')
show('functional int', lambda: (Num.TWO + 1, list(Num)))

# definition order from the source of a module
SOURCE = '''
from enum import Enum, Flag, auto


class Fruit(Enum):
    PEAR = 'pear'
    APPLE = 'apple'
    ZUCCHINI = 'zucchini'
    BANANA = 'banana'


class Mixed(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


class Bits(Flag):
    HIGH = 8
    LOW = 1
    MID = 4


class Dup(Enum):
    B = 2
    A = 1
    AA = 1
'''
try:
    import tempfile
    folder = tempfile.mkdtemp()
except ImportError:
    folder = '/enum_test_models'
    os.mkdir(folder)
path = folder + '/enum_models.py'
with open(path, 'w') as f:
    f.write(SOURCE)
sys.path.insert(0, folder)
try:
    sys.dont_write_bytecode = True
except AttributeError:
    pass
import enum_models as em

show('order str', lambda: list(em.Fruit))
show('order auto', lambda: [(m.name, m.value) for m in em.Mixed])
show('order flag', lambda: (list(em.Bits), repr(em.Bits.HIGH | em.Bits.LOW)))
show('order alias', lambda: (list(em.Dup), em.Dup.AA, list(em.Dup.__members__)))
os.remove(path)
try:
    os.rmdir(folder)
except OSError:
    pass


# definition order in the main program
class Suit(Enum):
    SPADES = 'S'
    HEARTS = 'H'
    DIAMONDS = 'D'
    CLUBS = 'C'


class Prio(IntEnum):
    HIGH = 3
    LOW = 1
    MEDIUM = 2


class Opt(Flag):
    VERBOSE = 4
    QUIET = 1
    DEBUG = 2


show('main order', lambda: (list(Suit), list(Prio), list(Opt), repr(Opt.VERBOSE | Opt.QUIET)))
show('main sorted', lambda: sorted(Prio))


class Parsable(Enum):
    @classmethod
    def parse(cls, text):
        return cls[text.strip().upper()]

    @classmethod
    def names(cls):
        return [m.name for m in cls]


class Size(Parsable):
    SMALL = 1
    LARGE = 2


class Tone(Parsable):
    SOFT = 'soft'
    LOUD = 'loud'


show('inherited classmethods', lambda: (Size.parse(' large '), Size.names(), Tone.parse('soft'), Tone.names()))


class Light(Enum):
    RED = 1
    YELLOW = 2
    GREEN = 3

    def next(self):
        members = list(self.__class__)
        return members[(members.index(self) + 1) % len(members)]

    def same_kind(self, other):
        return isinstance(other, self.__class__)


show('self.__class__', lambda: (Light.GREEN.next(), Light.RED.next(), Light.RED.same_kind(Light.GREEN),
                                Light.RED.__class__ is Light))



def reassign():
    Light.RED = 5


def delete():
    del Light.RED


Light.extra = 'x'
show('reassign', reassign)
show('delete', delete)
show('class attribute', lambda: (Light.extra, Light.RED.extra, Light.RED.value))


# auto() values computed with in the class body (CPython gives auto() its
# value at once), and a Flag iterating and counting its one-bit members only
class Role(Flag):
    NONE = 0
    READ = auto()
    WRITE = auto()
    SHIP = auto()
    EDIT = READ | WRITE
    ALL = READ | WRITE | SHIP
    NOT_READ = ~READ & ALL


class Level(IntFlag):
    LOW = auto()
    HIGH = auto()
    BOTH = LOW + HIGH
    SHIFTED = 1 << HIGH


show('auto arithmetic', lambda: (Role.EDIT, Role.ALL.value, Role.NOT_READ, Level.BOTH.value, Level.SHIFTED.value))
show('flag members', lambda: (list(Role), len(Role), list(reversed(Role)), list(Role.__members__)))
show('flag aliases', lambda: (Role(3) is Role.EDIT, Role(0), Role.ALL.name, list(Role.ALL), Role.EDIT in Role.ALL))
show('intflag members', lambda: (list(Level), len(Level), Level(3).name))
