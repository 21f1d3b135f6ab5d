# Count log levels and extract error messages.
import re
log = """2024-06-01 10:00:01 INFO  service started
2024-06-01 10:00:05 DEBUG loading config from /etc/app.conf
2024-06-01 10:01:17 WARN  slow response: 1532ms
2024-06-01 10:02:00 ERROR database timeout after 30s
2024-06-01 10:02:30 INFO  retrying
2024-06-01 10:03:00 ERROR database timeout after 30s
2024-06-01 10:04:12 INFO  recovered"""
levels = {}
errors = []
for line in log.splitlines():
    date, time, level, msg = line.split(maxsplit=3)
    levels[level] = levels.get(level, 0) + 1
    if level == "ERROR":
        errors.append((time, msg))
print(levels)
print(errors)
slow = [int(m) for m in re.findall(r"(\d+)ms", log)]
print(slow)
print(re.findall(r"^\S+ (\S+) ERROR", log, re.M))
print({lvl: f"{n / sum(levels.values()):.0%}" for lvl, n in levels.items()})
