# __slots__, __getattr__, __getattribute__, __setattr__ and __delattr__.
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y, Point.__slots__, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)


class Config:
    def __init__(self, **values):
        self._values = values

    def __getattr__(self, name):
        print(f"  __getattr__({name!r})")
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}") from None


cfg = Config(debug=True, level=3)
print(cfg.debug, cfg.level)
print(getattr(cfg, "missing", "default"))
try:
    cfg.other
except AttributeError as e:
    print("AttributeError:", e)


class Audited:
    def __init__(self):
        self.log = []

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(f"set {name}={value!r}")
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self.log.append(f"del {name}")
        super().__delattr__(name)


a = Audited()
a.x = 1
a.x = 2
del a.x
print(a.log, hasattr(a, "x"))


class Upper:
    def __init__(self):
        self.name = "widget"

    def __getattribute__(self, name):
        value = object.__getattribute__(self, name)
        return value.upper() if isinstance(value, str) else value


print(Upper().name)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


pr = Proxy([3, 1, 2])
pr.sort()
print(pr._target, pr.count(1), pr.index(3))
