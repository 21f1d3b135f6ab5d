# Structural pattern matching for command dispatch.
def handle(command):
    match command.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["look"]:
            return "you see a room"
        case ["quit" | "exit"]:
            return "bye"
        case _:
            return f"unknown: {command!r}"

for c in ["go north", "take lamp key", "look", "exit", "dance wildly", "take"]:
    print(handle(c))

def kind(value):
    match value:
        case int() | float() if value < 0:
            return "negative number"
        case int():
            return "int"
        case {"type": t, **rest}:
            return f"record {t} {sorted(rest)}"
        case (x, y):
            return f"pair {x},{y}"
        case str() as s:
            return f"text {s}"
        case None:
            return "nothing"
    return "other"

for v in [5, -2.5, {"type": "user", "id": 1}, (1, 2), "hi", None, [1, 2, 3]]:
    print(kind(v))
