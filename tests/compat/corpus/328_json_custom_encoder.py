"""Serialize domain objects to JSON with a custom encoder and decode them back with object hooks."""
import json
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import List
from uuid import UUID


class Status(Enum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass
class LineItem:
    sku: str
    price: Decimal
    qty: int = 1


@dataclass
class Order:
    id: UUID
    placed: datetime
    status: Status
    items: List[LineItem] = field(default_factory=list)
    tags: set = field(default_factory=set)
    due: date = None


class DomainEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, (datetime, date)):
            return o.isoformat()
        if isinstance(o, Enum):
            return o.value
        if isinstance(o, UUID):
            return str(o)
        if isinstance(o, set):
            return sorted(o)
        if is_dataclass(o):
            return {"__type__": type(o).__name__, **{k: getattr(o, k) for k in o.__dataclass_fields__}}
        return super().default(o)


def hook(d):
    kind = d.pop("__type__", None)
    if kind == "LineItem":
        return LineItem(d["sku"], Decimal(d["price"]), d["qty"])
    return d


def main():
    order = Order(UUID("12345678-1234-5678-1234-567812345678"), datetime(2024, 6, 1, 14, 30), Status.OPEN,
                  [LineItem("A1", Decimal("9.99"), 2), LineItem("B2", Decimal("0.10"))], {"rush", "gift"}, date(2024, 6, 5))
    text = json.dumps(order, cls=DomainEncoder, indent=2)
    print(text)
    back = json.loads(text, object_hook=hook)
    print(back["items"], back["status"], back["tags"])
    total = sum(i.price * i.qty for i in back["items"])
    print(f"total {total} {type(total).__name__}")
    print(json.dumps({"d": Decimal("1.5")}, default=str), json.dumps([date(2020, 1, 1)], default=lambda o: o.strftime("%d/%m/%Y")))
    try:
        json.dumps({"x": object()}, cls=DomainEncoder)
    except TypeError as e:
        print("TypeError:", e)
    print(json.loads('{"price": 1.10}', parse_float=Decimal), json.loads('[1, 2]', parse_int=float))
    print(json.loads('{"a": {"b": [1, {"c": null}]}}', object_pairs_hook=lambda pairs: dict(reversed(pairs))))
    flat = asdict(order)
    print(sorted(flat), type(flat["items"][0]).__name__)
    print(json.dumps({"b": 1, "a": [1, 2, {"z": 0, "y": None}]}, sort_keys=True, indent=1, separators=(",", ": ")))


if __name__ == "__main__":
    main()
