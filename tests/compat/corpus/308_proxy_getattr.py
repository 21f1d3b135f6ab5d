"""Attribute magic: proxies with __getattr__, validated setters with __setattr__, records with __getitem__."""
from typing import Any, Dict


class Record:
    """A dict-backed record allowing attribute and item access."""

    def __init__(self, **fields: Any) -> None:
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_changes", [])

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__!r} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            raise AttributeError(f"cannot set private attribute {name!r}")
        old = self._fields.get(name)
        self._fields[name] = value
        self._changes.append((name, old, value))

    def __delattr__(self, name: str) -> None:
        del self._fields[name]

    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __contains__(self, key: str) -> bool:
        return key in self._fields

    def __iter__(self):
        return iter(self._fields.items())

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._fields == other._fields

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"Record({inner})"


class LoggingProxy:
    def __init__(self, target: Any) -> None:
        self._target = target
        self.calls: Dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if callable(attr):
            def wrapper(*args, **kwargs):
                self.calls[name] = self.calls.get(name, 0) + 1
                result = attr(*args, **kwargs)
                print(f"    {name}{args} -> {result!r}")
                return result
            return wrapper
        return attr


def main():
    r = Record(name="Ann", age=31)
    r.age = 32
    r.city = "Oslo"
    print(r, len(r), "city" in r, r["name"], r.age, dict(r))
    print(r._changes)
    for bad in ("email", "_fields_x"):
        try:
            getattr(r, bad)
        except AttributeError as e:
            print("AttributeError:", e)
    try:
        r._secret = 1
    except AttributeError as e:
        print("AttributeError:", e)
    del r.city
    print(r, r == Record(name="Ann", age=32), getattr(r, "missing", "default"), hasattr(r, "age"))
    p = LoggingProxy([3, 1, 2])
    p.append(0)
    p.sort()
    p.index(2)
    p.append(5)
    print(p._target, p.calls, p.__class__.__name__)
    s = LoggingProxy("hello world")
    print(s.upper(), s.split(), s.calls)
    try:
        p.nonexistent
    except AttributeError as e:
        print("AttributeError:", e)
    setattr(r, "score", 9.5)
    print(vars(r)["_fields"], [k for k in vars(r)], r.__dict__.keys())


if __name__ == "__main__":
    main()
