"""Plugin architecture with ABCs, a registry via __init_subclass__, and a processing pipeline."""
from abc import ABC, abstractmethod
from typing import ClassVar, Dict, Iterable, List, Type


class Transform(ABC):
    registry: ClassVar[Dict[str, Type["Transform"]]] = {}
    name: ClassVar[str] = ""

    def __init_subclass__(cls, /, key: str = "", **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if key:
            cls.name = key
            Transform.registry[key] = cls

    @abstractmethod
    def apply(self, rows: List[dict]) -> List[dict]:
        """Transform the rows."""

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({params})"


class Filter(Transform, key="filter"):
    def __init__(self, field: str, minimum: float) -> None:
        self.field, self.minimum = field, minimum

    def apply(self, rows):
        return [r for r in rows if r[self.field] >= self.minimum]


class Rename(Transform, key="rename"):
    def __init__(self, **mapping: str) -> None:
        self.mapping = mapping

    def apply(self, rows):
        return [{self.mapping.get(k, k): v for k, v in r.items()} for r in rows]


class SortBy(Transform, key="sort"):
    def __init__(self, field: str, reverse: bool = False) -> None:
        self.field, self.reverse = field, reverse

    def apply(self, rows):
        return sorted(rows, key=lambda r: r[self.field], reverse=self.reverse)


class Broken(Transform):
    pass


def pipeline(specs: Iterable[tuple]) -> List[Transform]:
    steps = []
    for key, kwargs in specs:
        try:
            cls = Transform.registry[key]
        except KeyError:
            raise LookupError(f"no transform {key!r}; known: {sorted(Transform.registry)}") from None
        steps.append(cls(**kwargs))
    return steps


def main():
    rows = [{"city": "Oslo", "pop": 709}, {"city": "Bergen", "pop": 285}, {"city": "Tromsø", "pop": 77},
            {"city": "Trondheim", "pop": 212}]
    steps = pipeline([("filter", {"field": "pop", "minimum": 100}), ("sort", {"field": "pop"}),
                      ("rename", {"pop": "population_k"})])
    for s in steps:
        rows = s.apply(rows)
        print(f"{s!r:<45} -> {len(rows)} rows")
    for r in rows:
        print(f"  {r['city']:<10}{r['population_k']:>6}k")
    print(sorted(Transform.registry), Filter.name, Transform.name == "", issubclass(SortBy, Transform))
    try:
        Broken()
    except TypeError as e:
        print("TypeError:", e)
    try:
        pipeline([("explode", {})])
    except LookupError as e:
        print("LookupError:", e)
    print(Transform.apply.__isabstractmethod__, sorted(Broken.__abstractmethods__), Transform.apply.__doc__)
    print([c.__name__ for c in Transform.__subclasses__()], isinstance(steps[0], Transform))


if __name__ == "__main__":
    main()
