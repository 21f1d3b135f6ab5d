"""A command interpreter using structural pattern matching over parsed commands and event dicts."""
from dataclasses import dataclass
from typing import List, Union


@dataclass
class Move:
    dx: int
    dy: int


@dataclass
class Say:
    text: str


@dataclass
class Quit:
    pass


Command = Union[Move, Say, Quit]


def parse(line: str) -> Command:
    match line.split():
        case ["go", ("north" | "south" | "east" | "west") as d]:
            return Move(*{"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0)}[d])
        case ["go", dx, dy] if dx.lstrip("-").isdigit() and dy.lstrip("-").isdigit():
            return Move(int(dx), int(dy))
        case ["say", *words] if words:
            return Say(" ".join(words))
        case ["quit" | "exit"]:
            return Quit()
        case _:
            raise ValueError(f"cannot parse {line!r}")


def describe(event) -> str:
    match event:
        case {"type": "click", "pos": (x, y)} if x < 0 or y < 0:
            return f"click outside at {x},{y}"
        case {"type": "click", "pos": (x, y), **rest}:
            return f"click at {x},{y} extra={sorted(rest)}"
        case {"type": "key", "key": str(k)} if len(k) == 1:
            return f"key {k!r}"
        case {"type": "key", "key": k}:
            return f"special key {k}"
        case [first, *others]:
            return f"batch of {1 + len(others)} starting with {describe(first)}"
        case int(n) | float(n):
            return f"number {n}"
        case None:
            return "nothing"
        case _:
            return f"unknown {type(event).__name__}"


def main():
    x = y = 0
    log: List[str] = []
    for line in ["go north", "go 3 -2", "say hello there", "go up", "say", "go west", "exit", "go east"]:
        try:
            cmd = parse(line)
        except ValueError as e:
            log.append(f"error: {e}")
            continue
        match cmd:
            case Move(dx=0, dy=dy):
                y += dy
                log.append(f"vertical {dy:+d} -> ({x}, {y})")
            case Move(dx, dy):
                x, y = x + dx, y + dy
                log.append(f"move ({dx}, {dy}) -> ({x}, {y})")
            case Say(text=t):
                log.append(f"said {t!r}")
            case Quit():
                log.append("bye")
                break
    print("\n".join(log))
    for ev in [{"type": "click", "pos": (3, 4)}, {"type": "click", "pos": (-1, 2)}, {"type": "click", "pos": [1, 1], "button": 2},
               {"type": "key", "key": "a"}, {"type": "key", "key": "Enter"}, [{"type": "key", "key": "q"}, 2], 3.5, None, "text"]:
        print(describe(ev))


if __name__ == "__main__":
    main()
