# typing_extensions: the imports agents write, used as CPython code does.
from typing_extensions import (Annotated, Literal, Protocol, TypedDict, Self, override, Final,
                               ParamSpec, TypeAlias, runtime_checkable, NotRequired, Required,
                               deprecated, TypeGuard, get_args, List, Optional)


class Shape(Protocol):
    def area(self) -> float:
        ...


class Square:
    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side ** 2

    def grow(self) -> Self:
        self.side += 1
        return self


class Big(Square):
    @override
    def area(self) -> float:
        return 2 * super().area()


@deprecated('use new_api')
def old_api(x: int) -> int:
    return x + 1


P = ParamSpec('P')
Mode: TypeAlias = Literal['r', 'w']
Meters = Annotated[float, 'm']
LIMIT: Final = 10


def is_str_list(v: List[object]) -> TypeGuard[List[str]]:
    return all(isinstance(x, str) for x in v)


print(Square(2).grow().area(), Big(3).area(), old_api(1), LIMIT)
print(get_args(Literal['r', 'w']), get_args(Meters), is_str_list(['a']), is_str_list([1]))
print(Literal['a', 'b'], Optional[int], List[int])
Movie = TypedDict('Movie', {'title': str, 'year': NotRequired[int]})
print(sorted(Movie(title='x').items()))
