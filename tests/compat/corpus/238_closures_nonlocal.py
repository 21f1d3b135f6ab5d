# Closures, nonlocal and global.
counter_total = 0


def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        global counter_total
        count += step
        counter_total += step
        return count

    return increment


c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c2(5), c1(10))
print(counter_total)
print(c1.__closure__[0].cell_contents)
print(c1.__code__.co_freevars)


def multipliers():
    return [lambda x: x * i for i in range(4)]


print([m(2) for m in multipliers()])


def multipliers_fixed():
    return [lambda x, i=i: x * i for i in range(4)]


print([m(2) for m in multipliers_fixed()])


def outer():
    x = "outer x"

    def inner():
        print("inner sees:", x)

    x = "changed"
    return inner


outer()()


def broken():
    total = 0

    def add(n):
        total += n

    try:
        add(1)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


broken()


def accumulator():
    items = []

    def add(x):
        items.append(x)
        return items

    return add


acc = accumulator()
acc(1)
print(acc(2))
