from typing import TypedDict, NamedTuple, Literal, get_type_hints, Optional, Union, Any


class Address(TypedDict):
    street: str
    city: str
    zip: str


class User(TypedDict, total=False):
    name: str
    age: int
    email: Optional[str]
    address: Address


class Point(NamedTuple):
    x: float
    y: float = 0.0

    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


Role = Literal["admin", "user", "guest"]


def check(value: Any, expected) -> bool:
    if expected is Any:
        return True
    if getattr(expected, "__origin__", None) is Union:
        return any(check(value, t) for t in expected.__args__)
    if expected is type(None):
        return value is None
    if isinstance(expected, type) and issubclass(expected, dict) and hasattr(expected, "__annotations__"):
        return isinstance(value, dict) and all(k in value and check(value[k], t)
                                               for k, t in get_type_hints(expected).items())
    return isinstance(value, expected)


records = [
    {"name": "ann", "age": 31, "email": None, "address": {"street": "1 Main", "city": "Oslo", "zip": "0150"}},
    {"name": "bob", "age": "31", "email": "bob@x.io", "address": {"street": "2 High", "city": "Bergen", "zip": "5003"}},
    {"name": "cy", "age": 22, "email": 5, "address": {"street": "3 Low", "city": "Bodo"}},
]
hints = get_type_hints(User)
print({k: getattr(v, "__name__", str(v)) for k, v in hints.items()})
for rec in records:
    bad = [k for k, t in hints.items() if k in rec and not check(rec[k], t)]
    print(rec["name"], "ok" if not bad else f"invalid fields: {bad}")

p = Point(3.0, 4.0)
print(p, p.norm(), Point(1.5), p._fields, p._field_defaults, Point._make([5, 12]).norm())
x, y = p
print(x + y, p[0], p == (3.0, 4.0), p._asdict(), User.__total__, Address.__required_keys__ == {"street", "city", "zip"})
u: User = {"name": "zed"}
print(u, type(u).__name__)
