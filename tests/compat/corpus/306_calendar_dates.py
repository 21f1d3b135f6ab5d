"""Date utilities: month calendars, business days, recurring events, age and quarter math."""
import calendar
from datetime import date, datetime, timedelta
from typing import Iterator, List


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def business_days(start: date, end: date, holidays: List[date]) -> Iterator[date]:
    d = start
    while d <= end:
        if d.weekday() < 5 and d not in holidays:
            yield d
        d += timedelta(days=1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def main():
    print(calendar.month(2024, 2))
    cal = calendar.Calendar(firstweekday=calendar.SUNDAY)
    weeks = cal.monthdayscalendar(2024, 3)
    print(len(weeks), weeks[0], weeks[-1])
    print(calendar.isleap(2024), calendar.leapdays(2000, 2025), calendar.monthrange(2023, 2), calendar.weekday(2024, 7, 4))
    print(list(calendar.month_name)[1:4], list(calendar.day_abbr), calendar.month_abbr[12])
    start = date(2024, 1, 31)
    print([add_months(start, k).isoformat() for k in range(0, 6)])
    holidays = [date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)]
    days = list(business_days(date(2024, 12, 20), date(2025, 1, 3), holidays))
    print(len(days), [d.strftime("%a %d") for d in days])
    thanksgiving = nth_weekday(2024, 11, calendar.THURSDAY, 4)
    print("Thanksgiving:", thanksgiving, thanksgiving.strftime("%A %B %-d" if False else "%A %B %d"))
    print("age:", age(date(1990, 6, 15), date(2024, 6, 14)), age(date(1990, 6, 15), date(2024, 6, 15)))
    d = date(2024, 8, 19)
    print(f"Q{(d.month - 1) // 3 + 1}", d.timetuple().tm_yday, d.isocalendar(), d.isoweekday(), d.toordinal(), date.fromordinal(739000))
    print(d.strftime("%j %U %W %y %b %B %a %A %m/%d/%Y %%"), d.ctime(), date.fromisocalendar(2024, 1, 1))
    dt = datetime(2024, 3, 9, 15, 7, 3, 250000)
    print(dt.strftime("%I:%M:%S %p"), dt.strftime("%H%M%S.%f"), dt.isoformat(timespec="milliseconds"), dt.time(), dt.date())
    print(datetime.strptime("Mar 5 2024 7:45PM", "%b %d %Y %I:%M%p"), datetime.strptime("2024-060", "%Y-%j").date())
    delta = datetime(2025, 1, 1) - dt
    print(delta, delta.days, delta.seconds, delta.microseconds, round(delta.total_seconds() / 86400, 3))
    print(timedelta(days=-1, hours=3), timedelta(seconds=3661) * 2, timedelta(weeks=1) / timedelta(days=1), -timedelta(minutes=90))
    print(sorted([date(2024, 5, 1), date(2023, 12, 31), date(2024, 1, 15)]), max(date(2024, 1, 1), date(2023, 1, 1)), date.min, date.max)
    print(repr(dt), repr(d), repr(timedelta(hours=1, microseconds=5)), str(dt), dt.replace(microsecond=0))


if __name__ == "__main__":
    main()
