# Generator pipelines: lazy processing of a log.
LOG = """\
2024-01-01 10:00:01 INFO server started
2024-01-01 10:00:05 WARN disk 81% full
2024-01-01 10:01:00 ERROR db timeout after 30s
2024-01-01 10:02:10 INFO request /home 200
2024-01-01 10:02:11 INFO request /api 500
2024-01-01 10:03:00 ERROR db timeout after 30s
2024-01-01 10:04:00 WARN disk 85% full
"""


def read_lines(text):
    for line in text.splitlines():
        print(f"  reading: {line[:19]}")
        yield line


def parse(lines):
    for line in lines:
        date, time, level, msg = line.split(" ", 3)
        yield {"ts": f"{date}T{time}", "level": level, "msg": msg}


def only(levels, records):
    return (r for r in records if r["level"] in levels)


def take(n, iterable):
    for i, item in enumerate(iterable):
        if i >= n:
            return
        yield item


pipeline = take(2, only({"ERROR", "WARN"}, parse(read_lines(LOG))))
print(type(pipeline).__name__)
for rec in pipeline:
    print(rec)

from collections import Counter
levels = Counter(r["level"] for r in parse(LOG.splitlines()))
print(levels)


def chunked(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


print(list(chunked(range(7), 3)))


def running_total():
    total = 0
    while True:
        x = yield total
        total += x


rt = running_total()
next(rt)
print([rt.send(v) for v in [5, 10, 20]])


def gen_with_return():
    yield 1
    return 99


g = gen_with_return()
print(list(g))
print(next(g, "exhausted"))
