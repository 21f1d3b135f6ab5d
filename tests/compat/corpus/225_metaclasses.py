# Metaclasses: registries, class creation hooks and type().
class RegistryMeta(type):
    registry = {}

    def __new__(mcls, name, bases, namespace):
        cls = super().__new__(mcls, name, bases, namespace)
        if bases:
            mcls.registry[name.lower()] = cls
        return cls

    def __call__(cls, *args, **kwargs):
        print(f"creating {cls.__name__} with {args}")
        return super().__call__(*args, **kwargs)


class Plugin(metaclass=RegistryMeta):
    def __init__(self, value=None):
        self.value = value


class CsvPlugin(Plugin):
    pass


class JsonPlugin(Plugin):
    pass


print(sorted(RegistryMeta.registry))
p = RegistryMeta.registry["jsonplugin"](42)
print(type(p).__name__, p.value)
print(type(Plugin), type(type), isinstance(CsvPlugin, RegistryMeta))

Point = type("Point", (), {"x": 0, "y": 0, "dist": lambda self: (self.x ** 2 + self.y ** 2) ** 0.5})
pt = Point()
pt.x, pt.y = 3, 4
print(Point.__name__, pt.dist())


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        print("Config initialised")
        self.settings = {}


a = Config()
b = Config()
a.settings["debug"] = True
print(a is b, b.settings)


class UpperAttrs(type):
    def __new__(mcls, name, bases, ns):
        new_ns = {k if k.startswith("__") else k.upper(): v for k, v in ns.items()}
        return super().__new__(mcls, name, bases, new_ns)


class Shout(metaclass=UpperAttrs):
    greeting = "hello"


print(hasattr(Shout, "greeting"), Shout.GREETING)
