# Lazy pipelines with generators.
import itertools

LOG = """\
INFO start job=17
DEBUG cache warm
WARN slow query ms=1200 table=users
INFO done job=17 rows=5000
ERROR timeout ms=30000 table=orders
WARN slow query ms=900 table=orders
INFO start job=18
ERROR disk full
INFO done job=18 rows=120"""

def read_lines(text):
    for line in text.splitlines():
        yield line

def parse(lines):
    for line in lines:
        level, _, rest = line.partition(" ")
        fields = dict(part.split("=", 1) for part in rest.split() if "=" in part)
        yield {"level": level, "msg": rest, **fields}

def only(levels, records):
    return (r for r in records if r["level"] in levels)

problems = list(only({"WARN", "ERROR"}, parse(read_lines(LOG))))
for p in problems:
    print(p["level"], p["msg"])
slow = [int(r["ms"]) for r in parse(read_lines(LOG)) if "ms" in r]
print("ms values:", slow, "max:", max(slow))

def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

print(list(itertools.islice(fibonacci(), 12)))
print(next(x for x in fibonacci() if x > 1000))

def chunks(iterable, size):
    it = iter(iterable)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk

print(list(chunks(range(11), 4)))

def flatten(nested):
    for item in nested:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item

print(list(flatten([1, [2, [3, (4, 5)], []], 6])))

def running_average():
    total, count, avg = 0.0, 0, None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count

gen = running_average()
next(gen)
print([gen.send(v) for v in [10, 20, 60, 10]])
squares = (n * n for n in range(10))
print(sum(squares), sum(squares))
rows = ({"job": r["job"], "rows": int(r["rows"])} for r in parse(read_lines(LOG)) if "rows" in r)
print(list(rows))
