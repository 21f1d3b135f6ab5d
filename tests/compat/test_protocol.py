# typing.Protocol: runtime_checkable structural checks, no instances.
from typing import Protocol, runtime_checkable, TypeVar, Iterable

T = TypeVar("T")


@runtime_checkable
class Drawable(Protocol):
    def draw(self) -> str:
        ...


@runtime_checkable
class Named(Protocol):
    name: str = ""

    def rename(self, new: str) -> None:
        ...


class Circle:
    def draw(self):
        return "()"


class Text:
    def render(self):
        return "abc"


class User:
    name = "u"

    def rename(self, new):
        self.name = new


print(isinstance(Circle(), Drawable), isinstance(Text(), Drawable), isinstance(User(), Named))
print(issubclass(Circle, Drawable), issubclass(Text, Drawable), isinstance(Circle(), (int, Drawable)))
print(isinstance(3, int), isinstance("s", (int, str)), issubclass(bool, int), isinstance(Circle(), Circle))


class SupportsClose(Protocol):
    def close(self) -> None:
        ...


for check in (lambda: isinstance(Circle(), SupportsClose), lambda: issubclass(Circle, SupportsClose)):
    try:
        check()
    except TypeError as e:
        print("TypeError:", e)
for proto in (Drawable, SupportsClose):
    try:
        proto()
    except TypeError as e:
        print("TypeError:", e)


class Greeter(Protocol):
    name: str

    def greet(self) -> str:
        return "Hello, " + self.name


class English(Greeter):
    def __init__(self, name):
        self.name = name


g = English("Sam")
print(g.greet(), isinstance(g, English))


class Box(Protocol[T]):
    def get(self) -> T:
        ...


class IntBox:
    def get(self):
        return 1


def total(items: Iterable[Drawable]) -> str:
    return "".join(i.draw() for i in items)


print(total([Circle(), Circle()]), IntBox().get())
try:
    runtime_checkable(Circle)
except TypeError as e:
    print("TypeError")
