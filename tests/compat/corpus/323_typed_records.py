"""Typed records with NamedTuple and TypedDict: parsing, validation and conversion between forms."""
from typing import Dict, List, NamedTuple, Optional, TypedDict


class Point(NamedTuple):
    x: float
    y: float
    label: str = ""

    def dist(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5

    def __str__(self) -> str:
        return f"{self.label or '?'}({self.x:g}, {self.y:g})"


class Movie(TypedDict, total=False):
    title: str
    year: int
    rating: Optional[float]


class Required(TypedDict):
    id: int
    name: str


def parse_points(rows: List[str]) -> List[Point]:
    out = []
    for row in rows:
        label, x, y = row.split(":")
        out.append(Point(float(x), float(y), label))
    return out


def main():
    pts = parse_points(["A:0:0", "B:3:4", "C:-1:2.5", "D:6:8"])
    print(pts[1], repr(pts[1]), pts[1]._asdict())
    print(Point._fields, Point._field_defaults, Point(1, 2))
    print([str(p) for p in sorted(pts, key=lambda p: p.dist(pts[0]))])
    x, y, label = pts[2]
    print(x, y, label, pts[2][0], pts[2].y, len(pts[2]), pts[2] == (-1.0, 2.5, "C"))
    moved = pts[1]._replace(x=10)
    print(moved, pts[1], isinstance(moved, tuple), tuple(moved))
    try:
        pts[0].x = 5
    except AttributeError as e:
        print("AttributeError:", e)
    total = sum(p.dist(q) for p, q in zip(pts, pts[1:]))
    print(f"path length {total:.4f}")
    m: Movie = {"title": "Alien", "year": 1979}
    m["rating"] = 8.5
    print(m, type(m).__name__, Movie.__total__, sorted(Movie.__annotations__))
    r: Required = {"id": 1, "name": "x"}
    print(r, Required.__required_keys__ == frozenset({"id", "name"}), sorted(Movie.__optional_keys__))
    movies: List[Movie] = [{"title": "Heat", "year": 1995, "rating": None}, {"title": "Up", "year": 2009, "rating": 8.3}]
    rated = [mv for mv in movies if mv.get("rating") is not None]
    print(rated, max(movies, key=lambda mv: mv["year"])["title"])
    index: Dict[str, Point] = {p.label: p for p in pts}
    print(index["D"], list(index), Point._make([1, 1, "M"]))


if __name__ == "__main__":
    main()
