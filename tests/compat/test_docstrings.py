"""Docstrings of modules, classes and functions (the rewriter keeps them
for programs that read __doc__)."""
import functools
import traceback

print(__doc__.splitlines()[0])


class Shape:
    """A shape."""

    def area(self):
        """The area."""
        return 0

    @staticmethod
    def unit():
        'A unit shape.'
        return Shape()

    @classmethod
    def named(cls, name):
        r"""Made from a name: \n stays."""
        return cls()

    def bare(self):
        return 1


class Square(Shape):
    '''A square,''' ' of one side.'

    def area(self):
        """Side squared."""
        return 4


class Plain:
    x = 1


def outer():
    """The outer one."""
    def inner():
        """The inner one."""
    return inner


def decorated(fn):
    @functools.wraps(fn)
    def wrapper(*a):
        return fn(*a)
    return wrapper


@decorated
def add(a, b):
    """Add two numbers."""
    return a + b


def nodoc():
    x = """not a docstring"""
    return x


def fails():
    """Raises: the traceback keeps the line."""
    raise ValueError('line kept')


print(Shape.__doc__, Square.__doc__, Shape.area.__doc__, Square.area.__doc__)
print(Shape.unit.__doc__, Shape.named.__doc__, Shape.bare.__doc__)
print(Shape().area.__doc__, Square().area.__doc__, Shape().__doc__)
print(Plain.__doc__, nodoc.__doc__, (lambda: 0).__doc__, Plain().__doc__)


class Sub(Shape):
    pass


print(Sub.__doc__, Sub().__doc__, Sub.unit.__doc__)
print(outer.__doc__, outer().__doc__, add.__doc__, add.__name__, add(1, 2))
m = Square().area
print(m.__func__ is Square.area, type(m.__self__).__name__)
try:
    fails()
except ValueError as e:
    text = ''.join(traceback.format_exception(e))
    print([line.split(', ', 1)[1] for line in text.splitlines() if 'in fails' in line])
print(type(len).__name__, type(print).__name__, type(divmod).__name__, type(fails).__name__)
z = 1j
print(z ** 2, z ** -1, (1 + 2j) ** -3, (0.5 + 0.25j) ** 7, (2 + 0j) ** 100, z ** 0)
z **= 2
print(z)
for e in (lambda: 0j ** -1, lambda: 1e200j ** 2):
    try:
        e()
    except (ZeroDivisionError, OverflowError) as x:
        print(type(x).__name__, x)
