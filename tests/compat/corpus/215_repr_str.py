# __repr__ vs __str__ and how containers use them.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def __str__(self):
        return f"({self.x}, {self.y})"


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


class Plain:
    pass


p = Point(1, 2.5)
print(p)
print(repr(p))
print(str(p))
print([p, Point("a", None)])
print({"origin": Point(0, 0)})
print(f"{p}, {p!r}, {p!s}")
print("%s and %r" % (p, p))
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
r = repr(Plain())
print(r.startswith("<__main__.Plain object at 0x"), r.endswith(">"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("tab\there"), repr("newline\n"), repr("\x00\x7f"), repr("é"))
print(str(b"bytes"), repr(b"\x00\xff'"))
print(repr(1.0), repr(1e16), repr(0.1 + 0.2), repr(-0.0), repr(float("inf")))
print(str([1, "1", 1.0, None, True]))
print(repr((1,)), repr(()), repr(set()), repr({}), repr(frozenset({1})))
