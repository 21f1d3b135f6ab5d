# Date arithmetic for project planning.
from datetime import date, timedelta, datetime
start = date(2024, 1, 29)
tasks = [("design", 5), ("build", 12), ("test", 4), ("release", 1)]
current = start
for name, days in tasks:
    end = current + timedelta(days=days)
    print(f"{name:<8} {current.isoformat()} -> {end.isoformat()} ({current:%a} to {end:%a})")
    current = end
print("total days:", (current - start).days, current - start)
def business_days(a, b):
    n = 0
    d = a
    while d < b:
        if d.weekday() < 5:
            n += 1
        d += timedelta(days=1)
    return n
print("business days:", business_days(start, current))
deadline = datetime(2024, 3, 1, 17, 0)
now = datetime(2024, 2, 27, 9, 30)
left = deadline - now
print(left, left.total_seconds(), left.days, left.seconds // 3600)
print(date(2024, 2, 29).replace(year=2025) if False else date(2024, 2, 28) + timedelta(days=2))
