# Attribute stores to instances of __slots__ classes, as guest/binop checks
# them in mp_store_attr (lib/python/_mpbox_slots.py): allowed names, refused
# names, descriptors and properties, inheritance, names made at run time,
# deletes. Output must be identical under CPython 3.11 and mpbox.


def t(f):
    try:
        r = f()
        print('ok' if r is None else repr(r))
    except AttributeError as e:
        print('AttributeError:', e)


class Upper:
    # a data descriptor: stores reach __set__
    def __set_name__(self, owner, name):
        self.name = '_' + name

    def __get__(self, obj, owner=None):
        return self if obj is None else getattr(obj, self.name)

    def __set__(self, obj, value):
        setattr(obj, self.name, value.upper())


class Shape:
    __slots__ = ('_w', '_label', 'h')
    label = Upper()

    def __init__(self, w, h):
        self.width = w
        self.h = h
        self.label = 'box'

    @property
    def width(self):
        return self._w

    @width.setter
    def width(self, v):
        self._w = v

    @property
    def area(self):
        return self._w * self.h


s = Shape(2, 3)
print(s.width, s.h, s.area, s.label)
s.width = 5
s.label = 'wide'
print(s.area, s.label)
t(lambda: setattr(s, 'area', 1))
t(lambda: setattr(s, 'depth', 1))
t(lambda: delattr(s, 'h'))
t(lambda: s.h)
s.h = 4
print(s.area)


# a property added after the class statement: stores reach it
def _get_scale(self):
    return self._w


def _set_scale(self, v):
    self._w = v * 10


Shape.scale = property(_get_scale, _set_scale)
s.scale = 3
print(s.width)


# names made at run time
class Dyn:
    __slots__ = ['f%d' % i for i in range(4)]


d = Dyn()
for i in range(4):
    setattr(d, 'f%d' % i, i * i)
print([getattr(d, 'f%d' % i) for i in range(4)])
t(lambda: setattr(d, 'f4', 0))
t(lambda: setattr(d, 'f' + '0', 7))
print(d.f0)


# three levels, and a level without __slots__ below them
class A:
    __slots__ = ('a',)


class B(A):
    __slots__ = ()


class C(B):
    __slots__ = ('c',)


class Free(C):
    pass


c = C()
c.a = 1
c.c = 2
print(c.a, c.c)
t(lambda: setattr(c, 'b', 3))
f = Free()
f.a = 1
f.anything = 2
print(f.a, f.anything)


# several bases, one with slots, one empty
class Mixin:
    __slots__ = ()

    def twice(self):
        return self.a * 2


class M(A, Mixin):
    __slots__ = ('m',)


m = M()
m.a = 21
m.m = 1
print(m.twice(), m.m)
t(lambda: setattr(m, 'z', 0))


# a base without __slots__ anywhere: instances have a __dict__
class Plain:
    pass


class OnPlain(Plain):
    __slots__ = ('p',)


o = OnPlain()
o.p = 1
o.q = 2
print(o.p, o.q)


# an exception class: its instances have a __dict__ in CPython
class Err(Exception):
    __slots__ = ('code',)


e = Err('x')
e.code = 3
e.note = 'n'
print(e.code, e.note)

# a class attribute that is not a descriptor is read-only for instances
t(lambda: setattr(c, '__slots__', ()))

# many stores, one refused in the middle
total = 0
p = C()
for i in range(500):
    p.a = i
    p.c = p.a + 1
    total += p.c
    if i == 250:
        t(lambda: setattr(p, 'x', i))
print(total)
