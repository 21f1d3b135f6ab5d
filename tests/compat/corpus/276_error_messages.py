"""Exercise common failure paths and print the error messages a user would see."""
import json
import math


def safe(label, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - we want to report everything
        print(f"{label:<22} -> {type(exc).__name__}: {exc}")
    else:
        print(f"{label:<22} -> ok: {result!r}")


def greet(name, greeting="Hello", *, punct="!"):
    return f"{greeting}, {name}{punct}"


class Account:
    def __init__(self, balance):
        self.balance = balance


def main():
    data = {"a": 1, "b": [1, 2, 3]}
    safe("int parse", int, "12.5")
    safe("int base", int, "ff", 16)
    safe("float parse", float, "1,000")
    safe("missing key", lambda: data["c"])
    safe("index", lambda: data["b"][5])
    safe("negative sqrt", math.sqrt, -1)
    safe("log zero", math.log, 0)
    safe("div zero", lambda: 10 / 0)
    safe("int div zero", lambda: 10 // 0)
    safe("mod zero", lambda: 10 % 0)
    safe("concat", lambda: "total: " + 5)
    safe("add none", lambda: None + 1)
    safe("missing arg", greet)
    safe("extra arg", greet, "a", "b", "c")
    safe("bad kwarg", greet, "Ann", colour="red")
    safe("kwonly ok", greet, "Ann", punct="?")
    safe("attr", lambda: Account(5).owner)
    safe("none attr", lambda: None.upper())
    safe("str attr", lambda: "abc".push("d"))
    safe("unpack", lambda: [a for a, b in [(1, 2), (3,)]])
    safe("too many", lambda: [a for a, b in [(1, 2, 3)]])
    safe("json", json.loads, '{"a": 1,}')
    safe("json empty", json.loads, "")
    safe("not callable", lambda: data())
    safe("not iterable", lambda: list(5))
    safe("unhashable", lambda: {[1]: 2})
    safe("list remove", lambda: [1, 2].remove(3))
    safe("str index", lambda: "abc".index("z"))
    safe("dict pop", lambda: {}.pop("k"))
    safe("next", lambda: next(iter([])))
    safe("range float", lambda: range(1.5))
    safe("chr big", chr, 0x110000)
    safe("sorted mixed", sorted, [3, "a", 1])
    safe("compare", lambda: 1 < "2")
    safe("tuple assign", lambda: (1, 2).__setitem__(0, 5))
    safe("int too big str", lambda: int("9" * 5) * "x")
    safe("round str", round, "1.5")
    safe("max empty", max, [])
    safe("pow neg mod", pow, 2, -1, 4)
    safe("format bad", lambda: f"{3.5:d}")
    safe("format int s", lambda: format(42, "s"))
    safe("assert", lambda: exec("assert 1 == 2, 'values differ'"))
    safe("name", lambda: undefined_name)  # noqa: F821
    safe("recursion ok", lambda: math.factorial(5))


if __name__ == "__main__":
    main()
