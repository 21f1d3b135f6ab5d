"""Convert a meeting time across time zones with zoneinfo, including DST transitions."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

OFFICES = {
    "San Francisco": "America/Los_Angeles",
    "New York": "America/New_York",
    "London": "Europe/London",
    "Berlin": "Europe/Berlin",
    "Kolkata": "Asia/Kolkata",
    "Tokyo": "Asia/Tokyo",
    "Sydney": "Australia/Sydney",
}


def show(meeting_utc: datetime) -> None:
    print(f"Meeting at {meeting_utc:%Y-%m-%d %H:%M %Z}")
    for city, key in OFFICES.items():
        local = meeting_utc.astimezone(ZoneInfo(key))
        offset = local.utcoffset()
        hours = offset.total_seconds() / 3600
        flag = "" if 8 <= local.hour < 18 else "  (outside hours)"
        print(f"  {city:<14}{local:%a %H:%M} {local.tzname():<5} UTC{hours:+05.1f}{flag}")


def main():
    show(datetime(2024, 1, 15, 16, 0, tzinfo=timezone.utc))
    show(datetime(2024, 7, 15, 16, 0, tzinfo=timezone.utc))
    ny = ZoneInfo("America/New_York")
    before = datetime(2024, 3, 10, 1, 30, tzinfo=ny)
    after = (before.astimezone(timezone.utc) + timedelta(hours=1)).astimezone(ny)
    print("DST jump:", before.isoformat(), "->", after.isoformat())
    print("dst() values:", before.dst(), after.dst())
    fold0 = datetime(2024, 11, 3, 1, 30, tzinfo=ny)
    fold1 = fold0.replace(fold=1)
    print("ambiguous:", fold0.tzname(), fold1.tzname(), fold0.utcoffset(), fold1.utcoffset())
    berlin = datetime(2024, 10, 27, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    print(repr(berlin.tzinfo), berlin.strftime("%Y-%m-%dT%H:%M:%S%z"))
    fixed = timezone(timedelta(hours=5, minutes=30), "IST")
    print(datetime(2024, 1, 1, tzinfo=fixed), fixed, timezone.utc)
    stamp = datetime(2024, 6, 1, 12, tzinfo=timezone.utc).timestamp()
    print(stamp, datetime.fromtimestamp(stamp, tz=ZoneInfo("Asia/Tokyo")))
    diff = datetime(2024, 12, 25, tzinfo=ZoneInfo("Asia/Tokyo")) - datetime(2024, 12, 25, tzinfo=ZoneInfo("America/Los_Angeles"))
    print("Tokyo vs LA midnight:", diff, diff.total_seconds() / 3600)


if __name__ == "__main__":
    main()
