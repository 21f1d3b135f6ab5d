# repr() and str() of classes: <class '__main__.Foo'> for the program's
# classes, the library's with their module, built-in types unchanged
# (guest/typerepr, lib/python/_mpbox_typerepr.py).
import collections
import dataclasses
import datetime
import decimal
import fractions


class Foo:
    pass


class Outer:
    class Inner:
        pass


def make_local():
    class Local:
        pass
    return Local


class AppError(Exception):
    pass


class Child(Foo):
    pass


@dataclasses.dataclass
class Point:
    x: int
    y: int


print(type(Foo()), Foo, repr(Foo), str(Foo))
print(Outer.Inner, make_local())
print(AppError, Child, type(Child()))
print(Point, type(Point(1, 2)))
print([Foo, int, str], {'cls': Foo})
print(f'{Foo}', '%s' % Foo, '{}'.format(Foo), '%r' % (Foo,))
print(int, str, float, list, dict, tuple, set, type, object, bool, bytes, type(None))
print(ValueError, KeyError, Exception, type(ValueError()))
print(collections.OrderedDict, collections.Counter, collections.deque, collections.defaultdict)
print(decimal.Decimal, fractions.Fraction, datetime.date, datetime.datetime, datetime.timedelta)


class Odd:
    __module__ = 'pct%sd'


print(Odd)

try:
    raise AppError('bad')
except Exception as e:
    print(type(e), type(e).__name__)

# the text is computed once per class; printing many times stays the same
print(''.join(repr(Foo) for _ in range(3)))

# the class inside a super object prints without its module, as in CPython
class Base:
    def who(self):
        return 'base'


class Child(Base):
    def show(self):
        return str(super())[:22]


print(Child().show())
print(str(super(Child, Child()))[:22], Child, super(Child, Child()).who())
