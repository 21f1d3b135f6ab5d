"""Function attributes: __defaults__, __kwdefaults__, __closure__ and
cell_contents, __module__, __qualname__, __annotations__ (functions and
classes), typing.get_type_hints and functools.singledispatch's register
with an annotated function."""
import functools
from typing import Dict, List, Optional, get_type_hints


def plain(a, b=2, *args, c=3, d, **kw):
    x = 1
    return a + x


def no_defaults():
    pass


def only_kwonly(*, key):
    return key


print(plain.__defaults__, plain.__kwdefaults__)
print(no_defaults.__defaults__, no_defaults.__kwdefaults__, only_kwonly.__kwdefaults__)
print(hasattr(plain, '__defaults__'), plain.__module__, plain.__closure__)

# a mutable default is the very object the function uses
def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


append_to(1)
append_to(2)
print(append_to.__defaults__, append_to.__defaults__[0] is append_to(3))


def counter(start=0):
    count = start

    def bump(step=1, *, twice=False):
        nonlocal count
        count += step * (2 if twice else 1)
        return count
    return bump


c = counter(10)
c()
c(5, twice=True)
cells = c.__closure__
print(type(cells).__name__, len(cells), cells[0].cell_contents)
print(c.__defaults__, c.__kwdefaults__, c.__qualname__, c.__name__)
print(counter.__closure__, counter.__qualname__)


def make_adder(n):
    return lambda x, n=n: x + n


adders = [make_adder(n) for n in range(3)]
print([f.__defaults__ for f in adders], adders[0].__qualname__, adders[2](1))
square = lambda v: v * v  # noqa: E731
print(square.__qualname__, square.__annotations__, square.__defaults__)


class Robot:
    """A robot."""

    class Part:
        def spin(self, rpm: int = 100) -> None:
            return None

    def __init__(self, name: str, power: int = 100):
        self.name = name
        self.power = power

    def move(self, dx: int = 0, dy: int = 0, *, speed: float = 1.0) -> str:
        return '%s moves' % self.name

    @staticmethod
    def make(n: 'Robot') -> 'Robot':
        return n

    @classmethod
    def build(cls, **parts: int):
        return cls('built')

    async def charge(self, minutes: int) -> None:
        return None

    def gen(self, n: int = 3):
        yield n


r = Robot('R2')
for f in (Robot.move, r.move, Robot.make, Robot.build, Robot.Part.spin, Robot.gen, Robot.__init__):
    print(f.__qualname__, f.__annotations__, f.__defaults__)
print(Robot.__qualname__, Robot.Part.__qualname__, r.move.__kwdefaults__)
print(Robot.move.__annotations__ is Robot.move.__annotations__)


def outer():
    class Local:
        def method(self):
            return 1

    def inner(x: List[int]) -> Optional[int]:
        return x[0] if x else None
    return Local, inner


Local, inner = outer()
print(Local.__qualname__, Local.method.__qualname__, inner.__qualname__)
print(inner.__annotations__)
print(get_type_hints(inner))


def first(items: List[str], default: Optional[str] = None) -> Optional[str]:
    return items[0] if items else default


def apply(f: 'Callable[[int], int]', x: int) -> int:
    return f(x)


print(get_type_hints(first))
print(first.__annotations__, apply.__annotations__['f'])


class Point:
    x: int
    y: float = 0.0
    tags: Dict[str, int] = {}

    def norm(self) -> float:
        return 0.0


class Point3(Point):
    z: int = 0


class Empty:
    pass


print(Point.__annotations__)
print(Point3.__annotations__, Empty.__annotations__)
print(get_type_hints(Point3))
print(int.__qualname__, Point.norm.__qualname__, type(r).__qualname__)


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@timed
def slow(n: int) -> int:
    return n


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(slow.__qualname__, slow.__annotations__, slow.__name__, slow(4))
print(fib.__qualname__, fib.__annotations__, fib(20))


@functools.singledispatch
def show(x):
    return 'object %r' % (x,)


@show.register
def _(x: int):
    return 'int %+d' % x


@show.register
def _(x: list):
    return 'list of ' + ', '.join(show(i) for i in x)


@show.register(str)
def _(x):
    return 'str ' + x


print(show(5), '|', show('s'), '|', show([1, -2, 2.5]))
try:
    @show.register
    def _(x):
        return x
except TypeError as e:
    print('TypeError', str(e).split(':')[0])
try:
    @show.register
    def _(x: 'not a class'):
        return x
except (TypeError, SyntaxError, NameError) as e:
    print(type(e).__name__)
