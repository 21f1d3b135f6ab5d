# What CPython prints for objects and operations that have no text of their
# own: the default repr of an instance (module-qualified), unhashable
# objects (an __eq__ without __hash__, __hash__ = None, built-in mutable
# containers) and unary operators a type lacks.


class Plain:
    pass


class Outer:
    class Inner:
        pass


def make():
    class Local:
        pass
    return Local()


for obj in (Plain(), Outer.Inner(), make()):
    r = repr(obj)
    print(r[:r.index(" at 0x") + 6], r.endswith(">"), str(obj) == r, r == "%r" % obj)
    print(int(r[r.index(" at 0x") + 4:-1], 16) > 0, "{!r}".format(obj) == r, f"{obj}" == r)
print([repr(Plain())[:16]], repr([Plain()])[:17])


class Value:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Value) and self.v == other.v


class SubValue(Value):
    pass


class Hashed(Value):
    def __hash__(self):
        return hash(self.v)


class Mutable:
    __hash__ = None


class EqAgain(Hashed):
    def __eq__(self, other):
        return False


print(Value.__hash__ is None, SubValue.__hash__ is None, Hashed.__hash__ is None, Mutable.__hash__ is None)
print(Value(1) == Value(1), len({Hashed(1), Hashed(1)}), hash(Hashed(2)) == hash(2))
for make_one in (lambda: Value(1), lambda: SubValue(2), lambda: Mutable(), lambda: EqAgain(3),
                 lambda: [1], lambda: {1: 2}, lambda: {3}, lambda: bytearray(b"x")):
    obj = make_one()
    for use in (hash, lambda o: {o}, lambda o: {o: 1}, lambda o: frozenset([o])):
        try:
            use(obj)
            print("hashed", type(obj).__name__)
        except TypeError as e:
            print("TypeError:", e)
print(hash((1, "a")) == hash((1, "a")), hash(frozenset({1})) == hash(frozenset({1})))

for value in ("s", [1], {}, None, Plain()):
    for op in (lambda x: -x, lambda x: +x, lambda x: ~x, abs):
        try:
            op(value)
        except TypeError as e:
            print("TypeError:", e)
print(-(3), +(2.5), ~5, abs(-2), not [], -True)


class Shape:
    def __init__(self):
        self._side = 1

    area = property(lambda self: self._side ** 2)

    @property
    def side(self):
        return self._side

    @side.setter
    def side(self, value):
        self._side = value


class Square(Shape):
    class Corner:
        @property
        def angle(self):
            return 90


sq = Square()
sq.side = 3
print(sq.area, sq.side)
for target, name in ((sq, "area"), (sq, "side"), (Square.Corner(), "angle"), (sq, "missing")):
    for action in ("set", "del"):
        try:
            if action == "set":
                setattr(target, name, 5)
            else:
                delattr(target, name)
            print(action, name, "ok")
        except AttributeError as e:
            print("AttributeError:", e)
print(Shape.area.fset, Shape.side.fdel, sq.__dict__)

from dataclasses import dataclass


@dataclass
class Row:
    x: int


@dataclass(frozen=True)
class Key:
    x: int


print(Row.__hash__ is None, hash(Key(1)) == hash(Key(1)), Row(1) == Row(1))
try:
    {Row(1)}
except TypeError as e:
    print("TypeError:", e)


# special methods' results CPython refuses or converts
class L:
    def __init__(s, v): s.v = v
    def __len__(s): return s.v
class B:
    def __init__(s, v): s.v = v
    def __bool__(s): return s.v
class H:
    def __init__(s, v): s.v = v
    def __hash__(s): return s.v
class Idx:
    def __index__(s): return 4
for v in (3, 0, -1, True, "x", Idx(), 2.5):
    try:
        print(len(L(v)), bool(L(v)))
    except Exception as e:
        print(type(e).__name__, e)
for v in (True, False, 1, 0, None, "s"):
    try:
        print(bool(B(v)), not B(v))
        if B(v): print("yes")
    except Exception as e:
        print(type(e).__name__, e)
for v in (5, -7, 2**70, True, "x", 1.5):
    try:
        print(hash(H(v)) == hash(v))
    except Exception as e:
        print(type(e).__name__, e)
print(len([1,2]), bool([]), hash(3))
