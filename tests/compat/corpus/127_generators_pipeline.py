# A lazy data pipeline with generators.
def read(lines):
    for line in lines:
        yield line.rstrip("\n")
def parse(rows):
    for row in rows:
        if row and not row.startswith("#"):
            name, qty = row.split(":")
            yield name.strip(), int(qty)
def running_total(items):
    total = 0
    for name, qty in items:
        total += qty
        yield name, qty, total
data = ["# header\n", "apples: 3\n", "pears: 5\n", "\n", "plums: 2\n"]
for name, qty, total in running_total(parse(read(data))):
    print(f"{name:<7}{qty:>3}{total:>4}")
gen = (x * x for x in range(5))
print(next(gen), next(gen), list(gen))
def countdown(n):
    while n > 0:
        received = yield n
        n = n - 1 if received is None else received
g = countdown(5)
print(next(g), g.send(2), next(g), next(g, "done"))
print(sum(x for x in range(10) if x % 3 == 0), any(x > 8 for x in range(10)), all([]))
