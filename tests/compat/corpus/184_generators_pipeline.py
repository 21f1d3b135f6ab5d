import itertools


def read_lines(text):
    for lineno, line in enumerate(text.splitlines(), start=1):
        yield lineno, line


def strip_comments(lines):
    for n, line in lines:
        line = line.split("#", 1)[0].rstrip()
        if line:
            yield n, line


def parse_kv(lines):
    for n, line in lines:
        if "=" not in line:
            print(f"line {n}: skipping {line!r}")
            continue
        key, _, value = line.partition("=")
        yield key.strip(), value.strip()


def coerce(pairs):
    for k, v in pairs:
        if v.lower() in ("true", "false"):
            yield k, v.lower() == "true"
        elif v.lstrip("-").isdigit():
            yield k, int(v)
        else:
            try:
                yield k, float(v)
            except ValueError:
                yield k, v.strip('"')


CONFIG = """
# server settings
host = "localhost"
port = 8080
debug = True   # turn off in prod
ratio = 0.75
offset = -12
this line is junk
name = "my app"
"""
settings = dict(coerce(parse_kv(strip_comments(read_lines(CONFIG)))))
for k, v in settings.items():
    print(f"{k:>8} : {v!r} ({type(v).__name__})")


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(itertools.islice(fib(), 15)))
print(next(x for x in fib() if x > 1000))
evens = (x for x in fib() if x % 2 == 0)
print([next(evens) for _ in range(6)])


def averager():
    total, count, avg = 0.0, 0, None
    while True:
        value = yield avg
        if value is None:
            return count
        total += value
        count += 1
        avg = total / count


g = averager()
next(g)
for v in (10, 20, 60, 5):
    print("avg so far:", g.send(v))
try:
    g.send(None)
except StopIteration as stop:
    print("count:", stop.value)
gen = (i * i for i in range(3))
print(list(gen), list(gen), sum(i for i in range(101)))
