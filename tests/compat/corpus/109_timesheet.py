# Sum worked hours from a timesheet.
from datetime import datetime, timedelta
entries = [("Mon", "09:00", "17:30"), ("Tue", "08:45", "16:15"), ("Wed", "10:00", "19:05"),
           ("Thu", "09:15", "12:00"), ("Fri", "09:00", "17:00")]
total = timedelta()
for day, a, b in entries:
    start = datetime.strptime(a, "%H:%M")
    end = datetime.strptime(b, "%H:%M")
    worked = end - start
    total += worked
    hours = worked.total_seconds() / 3600
    print(f"{day}: {worked} ({hours:.2f} h){' overtime' if hours > 8 else ''}")
print("total:", total, total.total_seconds() / 3600)
h, rem = divmod(int(total.total_seconds()), 3600)
print(f"{h}h {rem // 60:02d}m")
