# dataclasses: the CPython 3.11 API as agents use it; output must be identical
# under python3 and mpbox. In mpbox the fields come from the class source, so
# the classes live in a module written to a file and imported (the program
# text of __main__ is only visible when the host provides it).
import os
import sys

MODELS = '''
from dataclasses import dataclass, field, InitVar, KW_ONLY
from typing import List, Optional, ClassVar


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Empty:
    pass


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    label: str = field(default='', compare=False)


@dataclass(frozen=True)
class Color:
    """A colour.

    name: the docstring mentions fields too, which are not fields
    """
    name: str
    rgb: tuple = (0, 0, 0)

    def hexcode(self):
        return '#%02x%02x%02x' % self.rgb


@dataclass
class Inventory:
    owner: str
    items: List[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(init=False, default=0)
    secret: str = field(default='s', repr=False, compare=False)
    kind: ClassVar[str] = 'inventory'

    def __post_init__(self):
        self.total = len(self.items)


@dataclass
class Line:
    start: Point
    end: Point
    tags: list = field(default_factory=list)
    meta: Optional[dict] = None


@dataclass
class Scaled:
    value: float
    factor: InitVar[float] = 1.0

    def __post_init__(self, factor):
        self.value = self.value * factor


@dataclass
class Base:
    id: int
    name: str = 'base'


@dataclass
class Child(Base):
    extra: bool = False
    name: str = 'child'


@dataclass(eq=False)
class Ident:
    v: int


@dataclass(unsafe_hash=True)
class Hashy:
    a: int
    b: str = field(default='x', hash=False)


@dataclass
class WithKw:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int = 3


@dataclass(repr=False, init=True)
class Custom:
    a: int
    b: int = field(
        default=5,
        metadata={'unit': 'm'},
    )

    def __repr__(self):
        return 'Custom<%d,%d>' % (self.a, self.b)
'''

try:
    import tempfile
    folder = tempfile.mkdtemp()
except ImportError:
    folder = '/dc_test_models'
    os.mkdir(folder)
path = folder + '/dc_models.py'
with open(path, 'w') as f:
    f.write(MODELS)
sys.path.insert(0, folder)
try:
    sys.dont_write_bytecode = True
except AttributeError:
    pass
import dc_models as m
import dataclasses
from dataclasses import asdict, astuple, fields, replace, is_dataclass, FrozenInstanceError


def canon(x):
    # dicts print in sorted key order: MicroPython's dict keeps no insertion order
    if isinstance(x, dict):
        return '{' + ', '.join('%r: %s' % (k, canon(x[k])) for k in sorted(x)) + '}'
    if isinstance(x, list):
        return '[' + ', '.join(canon(v) for v in x) + ']'
    if isinstance(x, tuple):
        return '(' + ', '.join(canon(v) for v in x) + (',)' if len(x) == 1 else ')')
    return repr(x)


def show(label, f):
    try:
        r = canon(f())
    except Exception as e:
        print(label, 'error', type(e).__name__, e)
    else:
        print(label, r)


p = m.Point(1, 2)
show('repr', lambda: repr(p))
show('default', lambda: m.Point(5))
show('kw', lambda: m.Point(y=3, x=4))
show('eq', lambda: (p == m.Point(1, 2), p == m.Point(2, 1), p != m.Point(1, 3), p == (1, 2)))
show('attr', lambda: (p.x, p.y))
p.x = 10
show('mutable', lambda: p)
show('missing', lambda: m.Point())
show('too many', lambda: m.Point(1, 2, 3))
show('unexpected', lambda: m.Point(1, z=2))
show('twice', lambda: m.Point(1, x=2))
show('unhashable', lambda: hash(p))
show('empty', lambda: (m.Empty(), m.Empty() == m.Empty()))
show('empty arg', lambda: m.Empty(1))
show('fields', lambda: [(f.name, f.type) for f in fields(m.Point)])
show('fields inst', lambda: [f.name for f in fields(p)])
show('field default', lambda: [(f.name, f.default) for f in fields(m.Point)][1])
show('is_dataclass', lambda: (is_dataclass(m.Point), is_dataclass(p), is_dataclass(5), is_dataclass(dict)))
show('fields bad', lambda: fields(5))
show('match_args', lambda: m.Point.__match_args__)
show('class attr default', lambda: m.Point.y)

# order
vs = [m.Version(1, 2, 3), m.Version(1, 0), m.Version(0, 9, 9), m.Version(1, 2, 4, 'rc')]
show('sorted', lambda: sorted(vs))
show('lt', lambda: (vs[1] < vs[0], vs[0] <= vs[3], vs[0] > vs[2], vs[2] >= vs[0]))
show('eq ignores label', lambda: m.Version(1, 2, 3) == m.Version(1, 2, 3, 'rc'))
show('max', lambda: max(vs))
show('lt other', lambda: vs[0] < 5)

# frozen
c = m.Color('red', (255, 0, 0))
show('frozen repr', lambda: c)
show('frozen method', lambda: c.hexcode())
show('frozen hash', lambda: hash(c) == hash(m.Color('red', (255, 0, 0))))
show('frozen set', lambda: len({c, m.Color('red', (255, 0, 0)), m.Color('blue')}))


def assign():
    c.name = 'blue'


def delete():
    del c.name


show('frozen assign', assign)
show('frozen delete', delete)
show('frozen is AttributeError', lambda: issubclass(FrozenInstanceError, AttributeError))
show('frozen fields', lambda: [f.name for f in fields(m.Color)])

# factories, init=False, repr=False, ClassVar, __post_init__
a = m.Inventory('ann', ['x', 'y'])
b = m.Inventory('bob')
b.items.append('z')
show('inventory', lambda: (a, b))
show('factory fresh', lambda: (m.Inventory('c').items, m.Inventory('c').counts))
show('post_init', lambda: (a.total, b.total))
show('classvar', lambda: (m.Inventory.kind, [f.name for f in fields(m.Inventory)]))
show('init=False arg', lambda: m.Inventory('x', [], {}, 5))
show('compare=False', lambda: m.Inventory('q', secret='a') == m.Inventory('q', secret='b'))

# asdict / astuple / replace
ln = m.Line(m.Point(0, 0), m.Point(3, 4), [m.Point(1, 1), 'tag'], {'k': m.Point(9, 9)})
show('asdict', lambda: asdict(ln))
show('astuple', lambda: astuple(ln))
show('asdict copy', lambda: asdict(ln)['tags'] is ln.tags)
show('asdict factory', lambda: asdict(m.Point(1, 2), dict_factory=lambda kv: sorted(kv, reverse=True)))
show('asdict cls', lambda: asdict(m.Point))
show('replace', lambda: replace(m.Point(1, 2), y=5))
show('replace frozen', lambda: replace(c, name='dark'))
show('replace bad', lambda: replace(m.Point(1, 2), z=5))
show('replace init=False', lambda: replace(a, total=3))

# InitVar
s = m.Scaled(2.0, 3.0)
show('initvar', lambda: (s, m.Scaled(2.0), [f.name for f in fields(m.Scaled)]))
show('initvar replace', lambda: replace(s, factor=0.5))

# inheritance
show('child', lambda: m.Child(1))
show('child args', lambda: m.Child(2, 'n', True))
show('child fields', lambda: [f.name for f in fields(m.Child)])
show('child eq base', lambda: m.Child(1) == m.Base(1, 'child'))
show('child isinstance', lambda: isinstance(m.Child(1), m.Base))

# eq=False, unsafe_hash, KW_ONLY, custom __repr__, metadata
i1, i2 = m.Ident(1), m.Ident(1)
show('identity eq', lambda: (i1 == i2, i1 == i1, hash(i1) == hash(i1)))
show('unsafe_hash', lambda: (hash(m.Hashy(1, 'a')) == hash(m.Hashy(1, 'b')), m.Hashy(1) == m.Hashy(1)))
show('kw_only', lambda: m.WithKw(1, c=9))
show('kw_only positional', lambda: m.WithKw(1, 2))
show('kw_only fields', lambda: [(f.name, f.kw_only) for f in fields(m.WithKw)])
show('custom repr', lambda: repr(m.Custom(1)))
show('metadata', lambda: fields(m.Custom)[1].metadata['unit'])

# errors at decoration time and field()
show('both defaults', lambda: dataclasses.field(default=1, default_factory=list))
show('MISSING', lambda: dataclasses.MISSING is fields(m.Point)[0].default)

# make_dataclass
P3 = dataclasses.make_dataclass('P3', ['z', ('x', int), ('y', int, 0)])
show('make_dataclass', lambda: (P3(3, 1), [f.name for f in fields(P3)]))

os.remove(path)
try:
    os.rmdir(folder)
except OSError:
    pass


# classes of the main program
@dataclasses.dataclass
class Order:
    """An order: the docstring's 'id: x' line is no field."""
    id: int
    customer: str
    amount: float = 0.0
    items: list = dataclasses.field(default_factory=list)
    # comment: not_a_field: int
    status: str = 'new'

    def total(self) -> float:
        local: int = 3
        return self.amount * local


o = Order(7, 'zed', 2.5)
show('main repr', lambda: o)
show('main fields', lambda: [f.name for f in fields(Order)])
show('main method', lambda: o.total())
show('main missing', lambda: Order(1))
show('main asdict', lambda: asdict(Order(1, 'a', items=[1])))


@dataclasses.dataclass(frozen=True, order=True)
class Money:
    currency: str
    cents: int

    @property
    def units(self):
        return self.cents / 100


show('main order', lambda: sorted([Money('usd', 5), Money('eur', 9), Money('usd', 1)]))
show('main frozen', lambda: (Money('x', 250).units, hash(Money('x', 1)) == hash(Money('x', 1))))


def build():
    @dataclasses.dataclass(order=True)
    class Task:
        priority: int
        name: str = dataclasses.field(compare=False)
        done: bool = False; note: str = 'semi;colon'

        def __str__(self):
            return '%d:%s' % (self.priority, self.name)
    return Task


class Outer:
    @dataclasses.dataclass
    class Inner:
        v: int


Task = build()
show('nested repr', lambda: sorted([Task(2, 'b'), Task(1, 'a')]))
show('nested str', lambda: [str(t) for t in sorted([Task(2, 'b'), Task(1, 'a')])])
show('nested fields', lambda: [f.name for f in fields(Task)])
show('class in class', lambda: Outer.Inner(3))


# many instances: the same behaviour once __init__ is compiled
@dataclasses.dataclass(frozen=True)
class Cell:
    row: int
    col: int = 0
    marks: list = dataclasses.field(default_factory=list, compare=False)
    kind: str = dataclasses.field(default='c', init=False)


@dataclasses.dataclass
class Reading:
    sensor: str
    value: float
    scale: dataclasses.InitVar[float] = 1.0
    _: dataclasses.KW_ONLY
    unit: str = 'C'

    def __post_init__(self, scale):
        self.value = self.value * scale


cells = [Cell(i, i % 3) for i in range(120)]
cells += [Cell(row=i) for i in range(60)]
readings = [Reading('s%d' % i, i, 2.0, unit='F') for i in range(100)]
readings += [Reading(sensor='k', value=1.5) for i in range(20)]
show('bulk cells', lambda: (len(cells), cells[-1], cells[5], cells[0].marks is not cells[1].marks))
show('bulk readings', lambda: (readings[99], readings[-1]))
show('bulk eq hash', lambda: (Cell(1, 1) == cells[1], len(set(cells)), hash(Cell(2)) == hash(Cell(2, 0))))
for bad in ((), (1, 2, 3, 4), ('a', 'b', 'c')):
    show('bulk bad args %d' % len(bad), lambda: Cell(*bad))
show('bulk bad kw', lambda: Cell(1, colour=2))
show('bulk twice', lambda: Cell(1, row=2))
show('bulk kind', lambda: Cell(1, kind='x'))
show('bulk kw only', lambda: Reading('a', 1, 1, 'K'))
show('bulk missing', lambda: Reading(value=2))
show('bulk frozen', lambda: setattr(cells[0], 'row', 5))
