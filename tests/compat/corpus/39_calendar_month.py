# Calendar utilities: month grids, weekday counts, leap years.
import calendar
from datetime import date, timedelta

print(calendar.isleap(2024), calendar.isleap(1900), calendar.leapdays(2000, 2025))
first_weekday, ndays = calendar.monthrange(2024, 2)
print("Feb 2024 starts on", calendar.day_name[first_weekday], "with", ndays, "days")
print(calendar.month_name[7], calendar.month_abbr[12], list(calendar.day_abbr))

def month_grid(year, month):
    start, days = calendar.monthrange(year, month)
    lines = [f"{calendar.month_name[month]} {year}".center(20), "Mo Tu We Th Fr Sa Su"]
    cells = ["  "] * start + [f"{d:2d}" for d in range(1, days + 1)]
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]))
    return "\n".join(lines)

print(month_grid(2024, 9))
weekday_counts = [0] * 7
d = date(2024, 1, 1)
while d.year == 2024:
    weekday_counts[d.weekday()] += 1
    d += timedelta(days=1)
print(dict(zip(calendar.day_abbr, weekday_counts)))
fridays13 = [date(y, m, 13).isoformat() for y in (2024, 2025) for m in range(1, 13)
             if date(y, m, 13).weekday() == calendar.FRIDAY]
print("Friday 13ths:", fridays13)
print("weekday(2000,1,1):", calendar.weekday(2000, 1, 1))
last_mondays = []
for m in range(1, 13):
    last = date(2024, m, calendar.monthrange(2024, m)[1])
    while last.weekday() != 0:
        last -= timedelta(days=1)
    last_mondays.append(last.day)
print("last Mondays of 2024:", last_mondays)
