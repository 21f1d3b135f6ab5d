# Introspection that helper code relies on.
class Base:
    """A base class."""
    def greet(self):
        """Say hello."""
        return "hi"

class Child(Base):
    @property
    def size(self):
        return 3

print(Child.__mro__)
print([c.__name__ for c in Child.__mro__])
print(Base.__doc__, Base.greet.__doc__)
print(Child.__name__, Child.__bases__, Child.__qualname__)
print(isinstance(True, int), issubclass(bool, int), type(True).__name__)
print(int.__name__, str.__name__, list.__name__, type(None).__name__, type(len).__name__)
print(type(Child.size).__name__, Child.size.fget(Child()))
def f(a, b=2, *args, **kwargs):
    return a
print(f.__name__, f.__defaults__ if hasattr(f, "__defaults__") else None)
print(callable(f), callable(3), hasattr(Child(), "greet"), getattr(Child(), "nope", "dflt"))
print(Child().__class__.__name__, Base.__module__)
