# Parse web server log lines with regular expressions.
import re
from collections import Counter, defaultdict

LOG = """\
192.168.1.10 - - [10/Oct/2023:13:55:36] "GET /index.html HTTP/1.1" 200 2326
10.0.0.5 - - [10/Oct/2023:13:56:01] "POST /api/login HTTP/1.1" 401 112
192.168.1.10 - - [10/Oct/2023:13:57:12] "GET /images/logo.png HTTP/1.1" 200 10450
172.16.0.3 - - [10/Oct/2023:14:01:44] "GET /missing HTTP/1.1" 404 0
10.0.0.5 - - [10/Oct/2023:14:02:10] "POST /api/login HTTP/1.1" 200 98
192.168.1.22 - - [10/Oct/2023:14:05:00] "GET /api/items?page=2 HTTP/1.1" 200 5120
malformed line here
172.16.0.3 - - [10/Oct/2023:14:09:31] "DELETE /api/items/7 HTTP/1.1" 500 51
"""

PATTERN = re.compile(
    r'(?P<ip>\d+\.\d+\.\d+\.\d+) - - \[(?P<when>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) (?P<size>\d+)'
)

entries = []
for line in LOG.splitlines():
    m = PATTERN.match(line)
    if not m:
        print("skipped:", line)
        continue
    entries.append(m.groupdict())

print(f"parsed {len(entries)} entries")
status = Counter(e["status"] for e in entries)
for code, n in sorted(status.items()):
    print(f"  {code}: {n}")

bytes_by_ip = defaultdict(int)
for e in entries:
    bytes_by_ip[e["ip"]] += int(e["size"])
for ip, total in sorted(bytes_by_ip.items(), key=lambda kv: -kv[1]):
    print(f"  {ip:<15} {total:>7} bytes")

errors = [e for e in entries if e["status"].startswith(("4", "5"))]
print("errors:", [(e["method"], e["path"], e["status"]) for e in errors])
api_paths = re.findall(r'"(?:GET|POST|DELETE) (/api/[\w/]+)', LOG)
print("api paths:", api_paths)
print("hours:", sorted(set(re.findall(r":(\d\d):\d\d:\d\d\]", LOG))))
print(re.sub(r"\d+\.\d+\.\d+\.(\d+)", r"x.x.x.\1", LOG.splitlines()[0]))
print(re.split(r"[\s/]+", "GET /api/items/7 HTTP/1.1"))
