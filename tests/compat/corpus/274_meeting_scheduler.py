"""Find free meeting slots across calendars using datetime and timedelta."""
from datetime import datetime, timedelta, date, time
from typing import List, Tuple

Interval = Tuple[datetime, datetime]

BUSY = {
    "alice": [("09:00", "10:30"), ("12:00", "13:00"), ("15:15", "16:00")],
    "bob": [("08:30", "09:15"), ("11:00", "12:30"), ("14:00", "15:00")],
    "carol": [("10:00", "11:15"), ("13:30", "14:15"), ("16:30", "17:30")],
}


def parse(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time())


def merge(intervals: List[Interval]) -> List[Interval]:
    merged: List[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def free_slots(busy: List[Interval], day_start: datetime, day_end: datetime, min_len: timedelta):
    cursor = day_start
    for start, end in merge(busy):
        if start - cursor >= min_len:
            yield cursor, start
        cursor = max(cursor, end)
    if day_end - cursor >= min_len:
        yield cursor, day_end


def main():
    day = date(2024, 3, 15)
    print(f"Scheduling for {day:%A, %B %d, %Y} (ISO week {day.isocalendar()[1]})")
    all_busy = []
    for person, slots in BUSY.items():
        intervals = [(parse(day, a), parse(day, b)) for a, b in slots]
        booked = sum((b - a for a, b in intervals), timedelta())
        print(f"  {person:<6} busy {booked} ({booked.total_seconds() / 3600:.2f} h)")
        all_busy.extend(intervals)
    start, end = datetime.combine(day, time(8, 0)), datetime.combine(day, time(18, 0))
    print("Free slots of at least 30 minutes:")
    for a, b in free_slots(all_busy, start, end, timedelta(minutes=30)):
        length = b - a
        print(f"  {a:%H:%M}-{b:%H:%M}  {int(length.total_seconds() // 60):>3} min  {a.isoformat()}")
    next_week = day + timedelta(weeks=1)
    print("Same slot next week:", next_week.strftime("%a %d %b"), next_week.weekday())
    deadline = datetime(2024, 3, 29, 17, 0)
    left = deadline - datetime.combine(day, time(9, 30))
    print(f"Until deadline: {left.days} days, {left.seconds // 3600} hours; repr={left!r}")
    workdays = sum(1 for i in range((deadline.date() - day).days) if (day + timedelta(days=i)).weekday() < 5)
    print("Working days left:", workdays)
    print(datetime.fromisoformat("2024-03-15T09:30:00").replace(minute=45), str(timedelta(hours=26, minutes=5)))


if __name__ == "__main__":
    main()
