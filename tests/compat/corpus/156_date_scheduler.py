from datetime import date, datetime, timedelta, time
import calendar

start = date(2024, 1, 29)
print("start:", start.isoformat(), start.strftime("%A"), start.isocalendar())


def add_months(d: date, months: int) -> date:
    month_index = d.month - 1 + months
    year = d.year + month_index // 12
    month = month_index % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return d.replace(year=year, month=month, day=day)


print("monthly billing dates:")
for i in range(6):
    due = add_months(start, i)
    print(f"  #{i + 1}: {due:%a %d %b %Y}")


def business_days(begin: date, end: date):
    d = begin
    while d <= end:
        if d.weekday() < 5:
            yield d
        d += timedelta(days=1)


days = list(business_days(date(2024, 2, 26), date(2024, 3, 8)))
print(len(days), "business days:", ", ".join(d.strftime("%m/%d") for d in days))

meeting = datetime.combine(date(2024, 3, 15), time(14, 30))
for offset in (timedelta(minutes=-15), timedelta(hours=1, minutes=30), timedelta(days=7)):
    t = meeting + offset
    print(f"{str(offset):>16} -> {t:%Y-%m-%d %H:%M} ({t.strftime('%I:%M %p')})")

deadline = datetime(2024, 12, 31, 23, 59, 59)
now = datetime(2024, 3, 15, 9, 0)
left = deadline - now
print("time left:", left, "| days:", left.days, "| hours:", round(left.total_seconds() / 3600, 1))
print(repr(left))
print(datetime.fromisoformat("2024-07-04T12:00:00") - timedelta(weeks=2))
print(calendar.isleap(2024), calendar.isleap(1900), calendar.day_name[start.weekday()])
print(date(2024, 3, 15).timetuple().tm_yday, date.fromordinal(738960))
print(sorted([date(2024, 5, 1), date(2023, 12, 25), date(2024, 1, 1)]))
print(max(meeting, now).time(), meeting.date() > now.date())
print(calendar.month(2024, 2))
