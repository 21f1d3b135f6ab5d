# Generators: yield, yield from, send, return values, close.
def countdown(n):
    print("starting countdown")
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


gen = countdown(3)
print(type(gen).__name__)
print(next(gen), next(gen), next(gen))
try:
    next(gen)
except StopIteration as e:
    print("StopIteration value:", e.value)


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, 4], 5], [[6]]])))


def averager():
    total = count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            break
        total += value
        count += 1
        average = total / count
    return count


avg = averager()
next(avg)
for v in [10, 20, 60]:
    print("avg:", avg.send(v))


def delegator():
    result = yield from averager()
    print("delegate returned", result)
    yield "done"


d = delegator()
next(d)
d.send(4)
d.send(8)
print(d.send(None))


def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


c = closer()
print(next(c))
c.close()
squares = (x * x for x in range(5))
print(sum(squares), sum(squares))
print(type(squares).__name__)
