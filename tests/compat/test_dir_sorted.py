# dir() lists names sorted, as CPython's, and a class's without its
# metaclass's (cls.mro, cls.__name__); the types of bound methods,
# closures and generator functions are named as CPython names them.
import math


class Robot:
    species = 'droid'

    class Part:
        pass

    def __init__(self):
        self.power = 2
        self.name = 'R2'

    def move(self):
        return self.name


r = Robot()
print([n for n in dir(r) if not n.startswith('_')])
print([n for n in dir(Robot) if not n.startswith('_')])
names = dir(math)
print(names == sorted(names), 'sqrt' in names)
zeta = 1
alpha = 2
top = dir()
print(top == sorted(top), 'alpha' in top and 'zeta' in top)
try:
    dir(1, 2)
except TypeError as e:
    print(e)


def outer():
    v = 1

    def inner():
        return v
    return inner


def gen():
    yield 1


print(type(r.move).__name__, type(outer()).__name__, type(gen).__name__, type(gen()).__name__,
      type(outer).__name__, type(lambda: 0).__name__)
print(type(r.move) is type(Robot().move))


class Noted:
    size: int = 3
    mro = 'mine'


print([n for n in dir(Noted) if n in ('__bases__', '__name__', 'mro', 'size')])
