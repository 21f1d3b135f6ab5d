# typing: names usable in annotations and at run time, printing as in
# CPython 3.11; output must be identical under python3 and mpbox.
import os
import sys
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Generic, Iterable, Iterator,
                    List, Literal, Mapping, MutableMapping, NamedTuple, Optional, Protocol, Sequence,
                    Set, Tuple, Type, TypedDict, TypeVar, Union, Annotated, Generator, DefaultDict,
                    Counter, Deque, cast, overload, get_args, get_type_hints, TYPE_CHECKING, NewType,
                    Self, NoReturn, AnyStr, final, runtime_checkable, Awaitable, Coroutine)


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'error', type(e).__name__, e)
    else:
        print(label, r)


T = TypeVar('T')
K = TypeVar('K', covariant=True)
N = TypeVar('N', int, float)
B = TypeVar('B', bound='Sequence')

show('simple', lambda: [List[int], Dict[str, int], Set[float], FrozenSet[int], Tuple[int, str]])
show('tuple', lambda: (Tuple[int, ...], Tuple[()]))
show('optional', lambda: (Optional[int], Union[int, None], Union[None, str]))
show('union', lambda: (Union[int, str], Union[int, Union[str, int]], Union[int], Optional[Union[int, str]]))
show('callable', lambda: (Callable[[int, str], bool], Callable[..., int], Callable[[], None]))
show('literal', lambda: Literal['a', 1, True])
show('bare', lambda: (Any, List, Dict, Optional, Union, Callable, NoReturn, Self))
show('nested', lambda: (Sequence[List[int]], Mapping[str, Any], Dict[str, List[Tuple[int, ...]]]))
show('abc', lambda: (Iterable[int], Iterator[str], Generator[int, None, None], MutableMapping[str, int],
                     Awaitable[int], Coroutine[Any, Any, int]))
show('collections', lambda: (DefaultDict[str, int], Counter[str], Deque[int]))
show('misc', lambda: (Type[int], ClassVar[int], Final[int], Annotated[int, 'meta']))
show('typevar', lambda: (T, K, N, B, Iterable[T], Dict[str, T], AnyStr))
show('substitute', lambda: Dict[str, T][int])
show('user class', lambda: List[NewType('Id', int)] is not None)
show('eq', lambda: (List[int] == List[int], List[int] == List[str], Optional[int] == Union[int, None],
                    Union[int, str] == Union[str, int], Union[int, str] == Union[int, float],
                    Literal['a', 'b'] == Literal['b', 'a']))
show('hash', lambda: hash(Dict[str, int]) == hash(Dict[str, int]))
show('get_args', lambda: (get_args(Dict[str, int]), get_args(Optional[int]), get_args(Callable[[int], str]),
                          get_args(Annotated[int, 'x']), get_args(int), get_args(Literal['a', 'b'])))
show('get_origin', lambda: (typing.get_origin(List[int]), typing.get_origin(Union[int, str]),
                            typing.get_origin(Literal[1]), typing.get_origin(int)))
show('cast', lambda: cast(int, '3'))
show('cast alias', lambda: cast(List[int], 'x'))
show('TYPE_CHECKING', lambda: TYPE_CHECKING)
UserId = NewType('UserId', int)
show('newtype', lambda: (UserId(5), UserId(5) + 1, repr(UserId)))
show('instantiate', lambda: List[int]())
show('instantiate bare', lambda: Dict())
show('instantiate ok', lambda: (DefaultDict[str, int](int)['x'], Counter[str]('aab')['a']))
show('optional args', lambda: Optional[int, str])
show('any call', lambda: Any())


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()


s = Stack()
s.push(1)
s.push(2)
show('generic', lambda: (s.pop(), s.items))


class Greeter(Protocol):
    def greet(self, name: str) -> str:
        ...


class Hello:
    def greet(self, name: str) -> str:
        return 'hello ' + name


def welcome(g: Greeter, who: str) -> str:
    return g.greet(who)


show('protocol', lambda: welcome(Hello(), 'ann'))


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None:
        ...


show('runtime_checkable', lambda: Closer.__name__)


@overload
def double(x: int) -> int:
    ...


@overload
def double(x: str) -> str:
    ...


def double(x):
    return x * 2


show('overload', lambda: (double(2), double('ab')))


@final
class Leaf:
    pass


show('final', lambda: Leaf.__name__)


def annotated(a: int, b: 'List[str]' = None, *args: Any, **kw: Dict[str, int]) -> Optional[str]:
    x: int = 5
    y: list[int] = [a]
    z: dict[str, int] = {'k': x}
    return str(y + [z['k']])


show('annotations', lambda: annotated(1))

Point = NamedTuple('Point', [('x', int), ('y', int)])
p = Point(1, 2)
show('namedtuple functional', lambda: (p, p.x + p.y, p[0], tuple(p), p == (1, 2)))
x, y = p
show('namedtuple unpack', lambda: (x, y))
Movie = TypedDict('Movie', {'title': str, 'year': int})
mv = Movie(title='Up', year=2009)
show('typeddict functional', lambda: (sorted(mv.items()), type(mv).__name__, isinstance(mv, dict)))

# class forms read their fields from the source: they live in a module file
SOURCE = '''
from typing import NamedTuple, TypedDict, List, Optional
from dataclasses import dataclass


class Employee(NamedTuple):
    name: str
    id: int = 3
    tags: List[str] = []

    def describe(self):
        return '%s#%d' % (self.name, self.id)


class Config(TypedDict, total=False):
    host: str
    port: int


@dataclass
class Item:
    name: str
    price: float = 0.0
    note: Optional[str] = None
'''
try:
    import tempfile
    folder = tempfile.mkdtemp()
except ImportError:
    folder = '/typing_test_models'
    os.mkdir(folder)
path = folder + '/typing_models.py'
with open(path, 'w') as f:
    f.write(SOURCE)
sys.path.insert(0, folder)
try:
    sys.dont_write_bytecode = True
except AttributeError:
    pass
import typing_models as tm

e = tm.Employee('ann')
show('namedtuple class', lambda: (e, e.name, e.id, e.tags, e.describe()))
show('namedtuple class args', lambda: (tm.Employee('bob', 7, ['x']), tm.Employee(name='cy', id=2)))
show('namedtuple class tuple', lambda: (tuple(e), e[1], len(e), e._fields))
show('namedtuple class replace', lambda: e._replace(id=9))
show('namedtuple class asdict', lambda: sorted(e._asdict().items()))
show('namedtuple class missing', lambda: tm.Employee())
cfg = tm.Config(host='h', port=1)
show('typeddict class', lambda: (sorted(cfg.items()), type(cfg).__name__))
show('get_type_hints', lambda: sorted(get_type_hints(tm.Item).items(), key=lambda kv: kv[0]))
show('get_type_hints func', lambda: get_type_hints(len))
os.remove(path)
try:
    os.rmdir(folder)
except OSError:
    pass


# class forms in the main program


class Row(NamedTuple):
    key: str
    count: int = 0


class Options(TypedDict, total=False):
    name: str
    size: int


show('main namedtuple', lambda: (Row._fields, Row('k'), Row('a', 2).count, isinstance(Row('b'), Row), isinstance(Row('c'), tuple)))
show('main typeddict', lambda: sorted(Options(name='n', size=1).items()))

# class-form TypedDict: annotations, totality, required/optional keys, inheritance
from typing import TypedDict as _TD, get_type_hints as _gth, Optional as _Opt


class _Addr(_TD):
    street: str
    zip: str


class _Person(_TD, total=False):
    name: str
    age: int
    home: _Addr


class _Employee(_Person):
    badge: int


print(list(_Addr.__annotations__), _Addr.__total__, sorted(_Addr.__required_keys__), sorted(_Addr.__optional_keys__))
print(list(_Person.__annotations__), _Person.__total__, sorted(_Person.__optional_keys__))
print(list(_Employee.__annotations__), sorted(_Employee.__required_keys__), sorted(_Employee.__optional_keys__))
print({k: v.__name__ for k, v in _gth(_Person).items()}, _Employee(name='x', badge=1))
# a TypedDict class is a dict subclass (validators test issubclass(T, dict))
print(issubclass(_Addr, dict), issubclass(_Employee, dict), type(_Employee(badge=2)).__name__)
from typing import List as _L, Dict as _D, Union as _U, Optional as _O, Callable as _C
print([t.__name__ for t in (_L, _D, _U, _O, _C, _L[int], _D[str, int], _U[int, str], _O[str], _U[str, None],
                            _U[int, str, None], _C[[int], str])])
