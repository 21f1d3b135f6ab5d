# Structural pattern matching: literals, sequences, mappings, classes, guards.
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Circle:
    center: Point
    radius: float


def describe(obj):
    match obj:
        case 0 | 1:
            return "zero or one"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as num:
            return f"number {num}"
        case str() as s if not s:
            return "empty string"
        case str(s):
            return f"string {s!r}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [first, *rest]:
            return f"starts with {first}, {len(rest)} more"
        case {"type": "user", "name": name, **extra}:
            return f"user {name} extra={extra}"
        case {"type": t}:
            return f"mapping of type {t}"
        case Point(x=0, y=0):
            return "origin"
        case Point(x, y) if x == y:
            return f"diagonal point {x}"
        case Point(x=px, y=py):
            return f"point at {px},{py}"
        case Circle(Point(x, y), r):
            return f"circle at ({x}, {y}) r={r}"
        case (a, b):
            return f"pair {a} {b}"
        case _:
            return "unknown"


tests = [0, 1, -5, 7, 2.5, "", "hi", [], [9], [1, 2, 3], (1, 2),
         {"type": "user", "name": "ann", "age": 3}, {"type": "admin"},
         Point(0, 0), Point(2, 2), Point(1, 5), Circle(Point(1, 1), 2.0), None]
for t in tests:
    print(f"{t!r:45} -> {describe(t)}")


def command(text):
    match text.split():
        case ["go", ("north" | "south") as direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case _:
            return f"unknown command {text!r}"


for cmd in ["go north", "go west", "take key lamp", "take", "exit"]:
    print(command(cmd))
