# Special attributes of classes, instances and functions.
class Base:
    """Base docstring."""
    x = 1

    def method(self):
        pass


class Child(Base):
    y = 2


c = Child()
print(Child.__name__, Child.__qualname__, Child.__module__, Child.__doc__)
print(Child.__bases__, Child.__base__, Base.__base__)
print([k for k in Child.__dict__ if not k.startswith("__")], "x" in Child.__dict__)
print(c.__class__, c.__class__.__bases__[0].__name__, c.__dict__)
c.z = 3
print(c.__dict__, vars(c))
print(type(Child.__dict__).__name__)


def func(a, b=2, *args, c, d=4, **kw):
    """Docstring of func."""
    return a


print(func.__name__, func.__qualname__, func.__doc__, func.__defaults__, func.__kwdefaults__)
print(func.__code__.co_argcount, func.__code__.co_kwonlyargcount, func.__code__.co_name)
func.custom = "attached"
print(func.custom, func.__dict__)
print(func.__module__, type(func).__name__, func.__annotations__)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


print(type(WithMeta).__name__, WithMeta.__class__.__name__, Meta.__mro__)
print(int.__mro__, bool.__mro__, object.__bases__)
print(issubclass(bool, int), type(True).__mro__[1].__name__)
print(len.__name__, print.__module__, str.upper.__name__, [].append.__name__)
print(Base.method.__name__, Base().method.__name__, Base().method.__func__ is Base.method)
print(object().__class__.__name__, type(type).__name__, type(object).__name__)
print(Base.__dict__["__doc__"], Base.__dict__["x"])
