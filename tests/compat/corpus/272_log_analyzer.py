"""Parse web server access logs with regex and report status codes and slow endpoints."""
import re
from collections import Counter, defaultdict
from statistics import mean, median

LOG = """\
192.168.1.10 - - [10/Oct/2024:13:55:36 +0000] "GET /api/users HTTP/1.1" 200 2326 0.120
192.168.1.11 - - [10/Oct/2024:13:55:40 +0000] "POST /api/login HTTP/1.1" 401 512 0.045
10.0.0.5 - - [10/Oct/2024:13:56:01 +0000] "GET /api/users/42 HTTP/1.1" 200 1290 0.310
10.0.0.5 - - [10/Oct/2024:13:56:12 +0000] "GET /static/app.js HTTP/1.1" 304 0 0.002
192.168.1.10 - - [10/Oct/2024:13:57:00 +0000] "DELETE /api/users/42 HTTP/1.1" 403 128 0.015
172.16.0.3 - - [10/Oct/2024:13:58:44 +0000] "GET /api/orders HTTP/1.1" 500 64 1.502
172.16.0.3 - - [10/Oct/2024:13:59:02 +0000] "GET /api/orders HTTP/1.1" 200 8812 0.874
192.168.1.11 - - [10/Oct/2024:14:00:13 +0000] "POST /api/login HTTP/1.1" 200 733 0.051
garbage line that does not match
10.0.0.7 - - [10/Oct/2024:14:01:30 +0000] "GET /api/users HTTP/1.1" 200 2310 0.098
"""

PATTERN = re.compile(
    r'(?P<ip>\d+\.\d+\.\d+\.\d+) - - \[(?P<ts>[^\]]+)\] '
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) (?P<size>\d+) (?P<secs>[\d.]+)'
)


def normalize(path: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/{id}", path)


def main():
    entries, bad = [], 0
    for line in LOG.splitlines():
        m = PATTERN.match(line)
        if not m:
            bad += 1
            continue
        d = m.groupdict()
        d["status"] = int(d["status"])
        d["size"] = int(d["size"])
        d["secs"] = float(d["secs"])
        entries.append(d)
    print(f"parsed={len(entries)} skipped={bad}")
    statuses = Counter(e["status"] for e in entries)
    for code, n in sorted(statuses.items()):
        print(f"  {code}: {n:2d} {'*' * n}")
    classes = Counter(f"{e['status'] // 100}xx" for e in entries)
    print("classes:", dict(sorted(classes.items())))
    timings = defaultdict(list)
    for e in entries:
        timings[(e["method"], normalize(e["path"]))].append(e["secs"])
    print(f"{'endpoint':<28}{'n':>3}{'mean':>8}{'median':>8}{'max':>8}")
    for (method, path), ts in sorted(timings.items(), key=lambda kv: -max(kv[1])):
        print(f"{method + ' ' + path:<28}{len(ts):>3}{mean(ts):>8.3f}{median(ts):>8.3f}{max(ts):>8.3f}")
    per_ip = Counter(e["ip"] for e in entries)
    print("top clients:", per_ip.most_common(2))
    errors = [e for e in entries if e["status"] >= 400]
    print("error rate: {:.1%}".format(len(errors) / len(entries)))
    total_kb = sum(e["size"] for e in entries) / 1024
    print(f"bytes served: {total_kb:.1f} KiB")
    hours = Counter(re.search(r":(\d{2}):", e["ts"]).group(1) for e in entries)
    print("by hour:", sorted(hours.items()))


if __name__ == "__main__":
    main()
