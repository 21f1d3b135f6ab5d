import re
from collections import Counter, defaultdict
from datetime import datetime

LOG = """\
2024-03-10 08:15:02,113 INFO  [web-1] GET /api/users 200 35ms
2024-03-10 08:15:05,442 WARN  [web-2] GET /api/orders 429 3ms
2024-03-10 08:16:11,007 ERROR [web-1] POST /api/orders 500 1203ms
2024-03-10 08:16:12,900 INFO  [web-3] GET /api/users/42 200 41ms
2024-03-10 08:17:45,321 INFO  [web-2] DELETE /api/users/42 204 18ms
2024-03-10 08:18:00,000 ERROR [web-3] GET /api/reports 503 5000ms
malformed line here
2024-03-10 08:19:30,555 INFO  [web-1] GET /api/orders 200 77ms
"""

pattern = re.compile(
    r"^(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),(?P<ms>\d{3})\s+"
    r"(?P<level>[A-Z]+)\s+\[(?P<host>[\w-]+)\]\s+"
    r"(?P<method>[A-Z]+)\s+(?P<path>\S+)\s+(?P<status>\d{3})\s+(?P<dur>\d+)ms$"
)

entries = []
bad = 0
for line in LOG.splitlines():
    m = pattern.match(line)
    if not m:
        bad += 1
        continue
    d = m.groupdict()
    d["ts"] = datetime.strptime(d["ts"], "%Y-%m-%d %H:%M:%S")
    d["status"] = int(d["status"])
    d["dur"] = int(d["dur"])
    entries.append(d)

print(f"parsed {len(entries)} entries, {bad} malformed")
levels = Counter(e["level"] for e in entries)
for level, n in levels.most_common():
    print(f"{level:<6}{n:>3}")

by_host = defaultdict(list)
for e in entries:
    by_host[e["host"]].append(e["dur"])
print()
print(f"{'host':<8}{'reqs':>5}{'avg ms':>10}{'max ms':>8}")
for host in sorted(by_host):
    durs = by_host[host]
    print(f"{host:<8}{len(durs):>5}{sum(durs)/len(durs):>10.1f}{max(durs):>8}")

# normalise numeric ids in paths
norm = Counter(re.sub(r"/\d+", "/{id}", e["path"]) for e in entries)
print(norm.most_common(2))

span = entries[-1]["ts"] - entries[0]["ts"]
print("span:", span, "seconds:", span.total_seconds())
errors = [f"{e['ts']:%H:%M:%S} {e['method']} {e['path']} -> {e['status']}" for e in entries if e["status"] >= 500]
print("\n".join(errors))
print(re.findall(r"\[(web-\d)\]", LOG)[:3])
