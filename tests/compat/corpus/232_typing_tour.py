# typing: annotations, Optional, Union, Callable, TypeVar, Generic, Literal.
from typing import Optional, Union, Callable, TypeVar, Generic, Literal, Any, List, Dict, get_type_hints

T = TypeVar("T")
K = TypeVar("K")


def first(items: List[T]) -> Optional[T]:
    return items[0] if items else None


def apply(f: Callable[[int], int], x: int) -> int:
    return f(x)


def parse(v: Union[int, str]) -> int:
    return v if isinstance(v, int) else int(v)


Mode = Literal["r", "w"]


def open_mode(mode: Mode = "r") -> str:
    return f"opening in {mode}"


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> T:
        return self.items.pop()

    def __repr__(self) -> str:
        return f"Stack({self.items})"


print(first([3, 2, 1]), first([]))
print(apply(lambda n: n * n, 7), parse("12") + parse(3))
print(open_mode(), open_mode("w"))
s: Stack[int] = Stack()
s.push(1)
s.push(2)
print(s, s.pop())
print(get_type_hints(first))
print(first.__annotations__)
print(apply.__annotations__["f"])
print(Optional[int], Union[int, str], Union[int, None])
print(Dict[str, int], List[int], Callable[[int], str])
print(Literal["r", "w"], Any)
print(Stack[int], T)
