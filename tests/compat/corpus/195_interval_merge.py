from dataclasses import dataclass
from datetime import time, datetime, date, timedelta


@dataclass(frozen=True, order=True)
class Interval:
    start: int
    end: int

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"bad interval [{self.start}, {self.end}]")

    def __len__(self):
        return self.end - self.start

    def overlaps(self, other):
        return self.start <= other.end and other.start <= self.end


def merge(intervals):
    out = []
    for iv in sorted(intervals):
        if out and out[-1].overlaps(iv):
            out[-1] = Interval(out[-1].start, max(out[-1].end, iv.end))
        else:
            out.append(iv)
    return out


def gaps(intervals, lo, hi):
    cur = lo
    for iv in merge(intervals):
        if iv.start > cur:
            yield Interval(cur, iv.start)
        cur = max(cur, iv.end)
    if cur < hi:
        yield Interval(cur, hi)


raw = [(1, 3), (2, 6), (8, 10), (15, 18), (17, 20), (9, 12)]
ivs = [Interval(*r) for r in raw]
merged = merge(ivs)
print(merged)
print([len(i) for i in merged], sum(map(len, merged)))
print(list(gaps(ivs, 0, 24)))


def to_min(t: str) -> int:
    h, m = map(int, t.split(":"))
    return h * 60 + m


def fmt(m: int) -> str:
    return time(m // 60, m % 60).strftime("%H:%M")


busy = {
    "ana": ["09:00-10:30", "12:00-13:00", "15:00-16:00"],
    "raj": ["09:30-11:00", "13:30-14:00"],
    "li": ["08:00-09:15", "11:45-12:30", "16:30-17:00"],
}
all_busy = [Interval(*map(to_min, slot.split("-"))) for slots in busy.values() for slot in slots]
free = [g for g in gaps(all_busy, to_min("08:00"), to_min("18:00")) if len(g) >= 30]
for g in free:
    print(f"free {fmt(g.start)}-{fmt(g.end)} ({len(g)} min)")
try:
    Interval(5, 1)
except ValueError as e:
    print(e)
d = datetime.combine(date(2024, 1, 1), time(9)) + timedelta(minutes=free[0].start - 540)
print(d, d.time().isoformat(timespec="minutes"), time(23, 59, 59, 999999), time(7, 5).strftime("%-H" if False else "%H h"))
