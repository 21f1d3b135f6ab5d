# Truthiness: __bool__, __len__ and the default.
class Empty:
    pass


class Box:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)


class Switch:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        print("  __bool__ called")
        return self.on


print(bool(Empty()))
print(bool(Box([])), bool(Box([1])))
print(bool(Switch(True)))
if not Switch(False):
    print("switch is off")
print(Switch(False) or "fallback")
values = [0, 0.0, 0j, "", [], (), {}, set(), None, False, "0", [0], -1, 0.1]
print([bool(v) for v in values])
print(any(values), all(values[10:]))
print(len("héllo"), len(b"h\xc3\xa9llo"), len(range(0, 10, 3)), len({1: 2}))


class BadLen:
    def __len__(self):
        return -1


try:
    len(BadLen())
except ValueError as e:
    print("ValueError:", e)


class BadBool:
    def __bool__(self):
        return 1


try:
    bool(BadBool())
except TypeError as e:
    print("TypeError:", e)
print(True + True, True * 10, int(False), str(True), True == 1)
