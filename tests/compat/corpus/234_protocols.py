# Structural typing with Protocol and runtime_checkable.
from typing import Protocol, runtime_checkable, Iterable


@runtime_checkable
class Drawable(Protocol):
    def draw(self) -> str:
        ...


class Circle:
    def draw(self) -> str:
        return "()"


class Square:
    def draw(self) -> str:
        return "[]"


class Text:
    def render(self) -> str:
        return "abc"


def draw_all(things: Iterable[Drawable]) -> str:
    return " ".join(t.draw() for t in things)


print(draw_all([Circle(), Square(), Circle()]))
print(isinstance(Circle(), Drawable), isinstance(Text(), Drawable))


class SupportsClose(Protocol):
    def close(self) -> None: ...


try:
    isinstance(Circle(), SupportsClose)
except TypeError as e:
    print("TypeError:", e)


class Greeter(Protocol):
    name: str

    def greet(self) -> str:
        return f"Hello, {self.name}"


class English(Greeter):
    def __init__(self, name):
        self.name = name


print(English("Sam").greet())
try:
    Drawable()
except TypeError as e:
    print("TypeError:", e)
