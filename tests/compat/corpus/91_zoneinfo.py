# Convert meeting times between time zones.
from datetime import datetime, timezone, timedelta
from zoneinfo import ZoneInfo
meeting = datetime(2024, 3, 8, 15, 30, tzinfo=ZoneInfo("America/New_York"))
for tz in ["UTC", "Europe/London", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"]:
    local = meeting.astimezone(ZoneInfo(tz))
    print(f"{tz:<18} {local:%Y-%m-%d %H:%M} {local.tzname()} {local.utcoffset()}")
summer = datetime(2024, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
print(summer.isoformat(), summer.tzname())
print(summer.astimezone(timezone.utc))
before = datetime(2024, 3, 10, 1, 30, tzinfo=ZoneInfo("America/New_York"))
after = before + timedelta(hours=1)
print(before.utcoffset(), after.utcoffset())
