# Typed helper functions, as agents write them.
from typing import Dict, List, Optional, Tuple, Union, Iterable, Callable, Any

Record = Dict[str, Union[str, int, float]]

def parse_line(line: str, sep: str = ";") -> Optional[Record]:
    parts: List[str] = [p.strip() for p in line.split(sep)]
    if len(parts) != 3:
        return None
    name, qty, price = parts
    return {"name": name, "qty": int(qty), "price": float(price)}

def summarize(records: Iterable[Record]) -> Tuple[int, float]:
    count = 0
    total = 0.0
    for r in records:
        count += 1
        total += r["qty"] * r["price"]
    return count, total

def apply_all(values: List[float], fns: List[Callable[[float], float]]) -> List[float]:
    out = []
    for v in values:
        for fn in fns:
            v = fn(v)
        out.append(v)
    return out

lines = ["pen; 10; 1.5", "book;2;12.99", "broken line", "lamp ; 1 ; 35.0", ""]
records = [r for r in (parse_line(l) for l in lines) if r is not None]
print(records)
count, total = summarize(records)
print(f"{count} records, total {total:.2f}")
print(apply_all([1.0, 2.5, -3.0], [abs, lambda x: x * 2, lambda x: x + 0.5]))

def first(items: List[Any], default: Any = None) -> Any:
    return items[0] if items else default

print(first([3, 4]), first([]), first([], "empty"))
cache: Dict[Tuple[int, int], int] = {}

def paths(r: int, c: int) -> int:
    if (r, c) in cache:
        return cache[(r, c)]
    result = 1 if r == 0 or c == 0 else paths(r - 1, c) + paths(r, c - 1)
    cache[(r, c)] = result
    return result

print(paths(8, 8), len(cache))
