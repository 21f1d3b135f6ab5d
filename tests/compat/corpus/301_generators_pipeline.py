"""Lazy data pipeline with generators: read, parse, filter, window, aggregate."""
from itertools import islice
from typing import Iterable, Iterator, List, Tuple

READINGS = """# sensor log
t=0 temp=21.5 hum=40
t=1 temp=21.7 hum=41
t=2 temp=bad hum=41
t=3 temp=22.4 hum=43
t=4 temp=23.9 hum=47

t=5 temp=25.1 hum=52
t=6 temp=24.8 hum=50
t=7 temp=22.0 hum=44
t=8 temp=21.1 hum=39
"""


def lines(text: str) -> Iterator[str]:
    for raw in text.splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            yield raw


def parse(rows: Iterable[str]) -> Iterator[dict]:
    for row in rows:
        rec = dict(part.split("=", 1) for part in row.split())
        try:
            yield {"t": int(rec["t"]), "temp": float(rec["temp"]), "hum": int(rec["hum"])}
        except ValueError as e:
            print(f"  skip {row!r}: {e}")


def windows(items: Iterable[dict], size: int) -> Iterator[Tuple[dict, ...]]:
    it = iter(items)
    win = tuple(islice(it, size))
    if len(win) == size:
        yield win
    for x in it:
        win = win[1:] + (x,)
        yield win


def averages(wins: Iterable[Tuple[dict, ...]]) -> Iterator[Tuple[int, float]]:
    for w in wins:
        yield w[-1]["t"], sum(r["temp"] for r in w) / len(w)


def counter():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


def main():
    pipeline = averages(windows(parse(lines(READINGS)), 3))
    print(type(pipeline).__name__)
    for t, avg in pipeline:
        bar = "#" * int((avg - 20) * 4)
        print(f"t={t}: {avg:6.2f} {bar}")
    hot = [r["t"] for r in parse(lines(READINGS)) if r["temp"] > 23]
    print("hot:", hot)
    c = counter()
    next(c)
    for v in [5, 10, 20]:
        print("running total:", c.send(v))
    try:
        c.send(None)
    except StopIteration as stop:
        print("final:", stop.value)
    gen = (x * x for x in range(5))
    print(sum(gen), sum(gen), list(islice((n for n in range(100) if n % 7 == 0), 4)))

    def chain(*its: Iterable) -> Iterator:
        for i in its:
            yield from i
    print(list(chain("ab", [1, 2], range(2))))
    g = lines("a\nb")
    print(next(g), next(g), next(g, "done"))
    data: List[int] = [3, 1, 2]
    it = iter(data)
    print(next(it), list(it), list(it))
    print(list(zip(*[iter(range(9))] * 3)), list(enumerate("xyz", start=1)))


if __name__ == "__main__":
    main()
