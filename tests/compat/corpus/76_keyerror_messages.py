# Error messages that programs print back to users.
tests = [
    lambda: {}["b"],
    lambda: {"a": 1}[("x", 1)],
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 5 % 0,
    lambda: 1.0 / 0,
    lambda: [1, 2][5],
    lambda: int("x1"),
    lambda: None.foo,
    lambda: "a" + 1,
    lambda: float("abc"),
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: "abc".index("z"),
]
for t in tests:
    try:
        t()
    except Exception as exc:
        print(type(exc).__name__, "|", exc, "|", repr(exc), "|", exc.args)
