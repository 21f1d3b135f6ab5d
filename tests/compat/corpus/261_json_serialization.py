# JSON serialization of custom objects without pickle.
import json
from dataclasses import dataclass, asdict, field
from datetime import date, datetime
from decimal import Decimal


@dataclass
class Address:
    street: str
    city: str


@dataclass
class User:
    id: int
    name: str
    joined: date
    address: Address
    tags: list = field(default_factory=list)
    balance: Decimal = Decimal("0")


class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, (date, datetime)):
            return o.isoformat()
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


u = User(1, "Zoë", date(2023, 5, 17), Address("1 Main St", "Springfield"), ["admin"], Decimal("10.50"))
text = json.dumps(asdict(u), cls=Encoder)
print(text)
print(json.dumps(asdict(u), cls=Encoder, indent=2, ensure_ascii=False))
back = json.loads(text)
print(back["address"]["city"], back["joined"], type(back["id"]).__name__)
restored = User(**{**back, "joined": date.fromisoformat(back["joined"]),
                   "address": Address(**back["address"]), "balance": Decimal(back["balance"])})
print(restored == u)
print(json.dumps({"b": 1, "a": [1.5, None, True, "x"]}, sort_keys=True, separators=(",", ":")))
print(json.dumps({1: "int key", (2.5): "float key", None: "none"}))
print(json.dumps("tab\t\"quote\" é \u2603"), json.dumps("é", ensure_ascii=False))
print(json.dumps([float("inf")]), json.loads("[NaN, 1e400]"))
try:
    json.dumps({"when": datetime(2024, 1, 1)})
except TypeError as e:
    print("TypeError:", e)
try:
    json.loads('{"a": 1,}')
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e.msg, e.pos)


def as_object(d):
    if "street" in d:
        return Address(**d)
    return d


print(json.loads(text, object_hook=as_object)["address"])
print(json.loads('{"price": 1.10}', parse_float=Decimal))
print(json.dumps({"set": {3, 1}}, default=lambda o: sorted(o)))
