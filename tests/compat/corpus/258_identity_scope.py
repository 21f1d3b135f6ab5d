# Identity, equality, global/local scope and id().
a = [1, 2, 3]
b = a
c = list(a)
print(a == c, a is c, a is b, id(a) == id(b), id(a) == id(c))
b.append(4)
print(a, c)
x = None
print(x is None, x == None, type(None).__name__)
print(True is True, (1, 2) == (1, 2), [] is [], "" == str())
small1, small2 = 256, int("256")
print(small1 == small2)
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump(), bump()
print(counter)


def shadow():
    counter = 100
    return counter


print(shadow(), counter)


def show_scopes():
    local_var = 1
    print(sorted(locals()))
    print("counter" in globals(), "local_var" in globals())


show_scopes()


def default_trap(item, bucket=[]):
    bucket.append(item)
    return bucket


print(default_trap(1), default_trap(2))


def default_ok(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


print(default_ok(1), default_ok(2))
print(default_trap.__defaults__)
print(type(globals()).__name__, __name__)
t = (1, [2])
t[1].append(3)
print(t)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
