# Compute ages and upcoming birthdays.
from datetime import date
today = date(2024, 6, 15)
people = {"Ann": date(1990, 6, 20), "Ben": date(1985, 12, 1), "Cy": date(2000, 6, 15), "Di": date(1972, 2, 29)}
def age(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
for name, born in people.items():
    nxt = born.replace(year=today.year) if not (born.month == 2 and born.day == 29) else date(today.year, 3, 1)
    if nxt < today:
        nxt = nxt.replace(year=today.year + 1)
    print(f"{name:<4}{age(born, today):>4}  next birthday in {(nxt - today).days:>3} days ({nxt:%d %b})")
oldest = min(people, key=people.get)
print("oldest:", oldest, people[oldest].strftime("%Y-%m-%d"))
print(sorted(people.items(), key=lambda kv: kv[1]))
