from dataclasses import dataclass
from typing import Union


@dataclass
class Click:
    x: int
    y: int
    button: str = "left"


@dataclass
class KeyPress:
    key: str
    modifiers: tuple = ()


@dataclass
class Scroll:
    delta: int


Event = Union[Click, KeyPress, Scroll]


def describe(event) -> str:
    match event:
        case Click(x=0, y=0):
            return "click at origin"
        case Click(x, y, button="right"):
            return f"context menu at ({x}, {y})"
        case Click(x=x, y=y) if x > 100:
            return f"click on right side ({x}, {y})"
        case Click():
            return f"click {event.button} ({event.x}, {event.y})"
        case KeyPress(key="q", modifiers=("ctrl",)):
            return "quit"
        case KeyPress(key=k, modifiers=mods) if mods:
            return f"shortcut {'+'.join(mods)}+{k}"
        case KeyPress(key=k):
            return f"typed {k!r}"
        case Scroll(delta=d) if d < 0:
            return f"scroll up {-d}"
        case Scroll(delta=d):
            return f"scroll down {d}"
        case {"type": "custom", **rest}:
            return f"custom event {rest}"
        case [first, *others]:
            return f"batch of {1 + len(others)} starting with {describe(first)}"
        case str() | bytes():
            return f"raw {event!r}"
        case _:
            return "unknown"


events = [
    Click(0, 0), Click(5, 9, "right"), Click(150, 20), Click(10, 10, "middle"),
    KeyPress("q", ("ctrl",)), KeyPress("s", ("ctrl", "shift")), KeyPress("a"),
    Scroll(-3), Scroll(4), {"type": "custom", "payload": 1, "src": "x"},
    [Scroll(1), KeyPress("b")], "hello", b"hi", 42, None,
]
for e in events:
    print(f"{type(e).__name__:<9} {describe(e)}")


def http_status(code):
    match code:
        case 200 | 201 | 204:
            return "success"
        case 301 | 302:
            return "redirect"
        case int(c) if 400 <= c < 500:
            return "client error"
        case int(c) if c >= 500:
            return "server error"
    return "other"


print([http_status(c) for c in (200, 204, 302, 404, 418, 503, 100)])
point = (3, -1)
match point:
    case (0, 0):
        print("origin")
    case (x, 0) | (0, x):
        print("on axis", x)
    case (x, y):
        print(f"point x={x} y={y}")
