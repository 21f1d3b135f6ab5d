# __slots__ enforced as CPython does (lib/python/_mpbox_slots.py); output must
# be identical under CPython 3.11 and mpbox.


def t(f):
    try:
        print(repr(f()))
    except AttributeError as e:
        print('AttributeError:', e)


class Point:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
t(lambda: setattr(p, 'z', 3))
p.x = 10
print(p.x, p.y)
t(lambda: p.z)


class Point3(Point):
    __slots__ = ('z',)


q = Point3(1, 2)
q.z = 3
print(q.x, q.y, q.z)
t(lambda: setattr(q, 'w', 4))


class Loose(Point):  # no __slots__: instances have a __dict__
    pass


r = Loose(1, 2)
r.anything = 5
print(r.anything)


class Single:
    __slots__ = 'value'

    def __init__(self):
        self.value = 1


s = Single()
s.value = 2
print(s.value)
t(lambda: setattr(s, 'other', 1))


class WithDict:
    __slots__ = ('a', '__dict__')


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b)


class Temp:
    __slots__ = ('_c',)
    unit = 'C'

    def __init__(self, c):
        self.celsius = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError('below absolute zero')
        self._c = v


tc = Temp(20)
tc.celsius = 25
print(tc.celsius, tc.unit)
t(lambda: setattr(tc, 'unit', 'F'))
t(lambda: setattr(tc, 'kelvin', 300))


class Custom:
    __slots__ = ('a',)

    def __setattr__(self, k, v):
        print('Custom.__setattr__', k)
        object.__setattr__(self, k, v)


c = Custom()
c.a = 1
print(c.a)


class Empty:
    __slots__ = ()


t(lambda: setattr(Empty(), 'x', 1))
