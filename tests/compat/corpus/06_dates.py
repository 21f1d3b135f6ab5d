# Date arithmetic for a project schedule.
from datetime import date, datetime, timedelta

start = date(2024, 1, 29)
tasks = [("Design", 10), ("Build", 25), ("Test", 12), ("Release", 3)]

print(f"Project starts {start.isoformat()} ({start.strftime('%A')})")
current = start
for name, days in tasks:
    end = current + timedelta(days=days)
    print(f"{name:<8} {current.strftime('%Y-%m-%d')} -> {end.strftime('%d %b %Y')}  ({days} days)")
    current = end

deadline = date(2024, 4, 1)
slack = deadline - current
print(f"Finishes {current}, deadline {deadline}, slack {slack.days} days")

def business_days(a, b):
    n = 0
    d = a
    while d < b:
        if d.weekday() < 5:
            n += 1
        d += timedelta(days=1)
    return n

print("Business days in schedule:", business_days(start, current))
leap = [y for y in range(1996, 2030) if date(y, 3, 1) - date(y, 2, 28) == timedelta(days=2)]
print("Leap years:", leap)

stamp = datetime(2024, 2, 29, 14, 30, 5)
print("Timestamp:", stamp.isoformat(), "|", stamp.strftime("%H:%M on %d/%m/%y"))
later = stamp + timedelta(hours=36, minutes=45)
print("36h45m later:", later)
delta = later - stamp
print("Delta seconds:", delta.total_seconds(), "| days:", delta.days, "| seconds:", delta.seconds)
parsed = datetime.strptime("2023-12-31 23:59", "%Y-%m-%d %H:%M")
print("Parsed:", parsed, "-> next minute:", parsed + timedelta(minutes=1))
ages = {"Ann": date(1990, 7, 14), "Ben": date(2001, 12, 1)}
today = date(2024, 6, 30)
for who, born in ages.items():
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    print(f"{who} is {years}")
