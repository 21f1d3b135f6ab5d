# What guest/compat's doors give the built-in types (host/compat.c, the
# table in lib/python/_mpbox_types.py): float methods and attributes,
# property.fget/fset/fdel, Class.__mro__, keyword arguments to built-ins
# that take positional arguments only, dict(mapping) for mappings that are
# not dicts.
from collections import Counter, OrderedDict, defaultdict

# float
for x in (0.0, -0.0, 1.5, 2.0, -3.0, 0.1, 1e300, 5e-324, 2.5e-310, 123456.789, -0.75):
    print(repr(x), x.is_integer(), x.as_integer_ratio(), x.hex(), float.fromhex(x.hex()) == x, x.real, x.imag,
          x.conjugate())
for text in ('0x1.8p+0', '-0x1p-2', '0x.8', '0XAp0', '  0x1.999999999999ap-4 ', 'inf', '-nan', '0x1p-1074', '0x1.fffffffffffffp+1023'):
    print(text.strip(), float.fromhex(text))
for bad in ('0x', 'xyz', '0x1.8q3'):
    try:
        float.fromhex(bad)
    except ValueError as e:
        print('ValueError', e)
for bad in (float('inf'), float('nan')):
    try:
        bad.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(float.is_integer(4.0), float.hex(1.0), (1 - 2j).conjugate(), hasattr(1.5, 'is_integer'), hasattr(1.5, 'nope'),
      getattr(2.0, 'missing', 'default'))
try:
    (1.5).nope
except AttributeError as e:
    print('AttributeError', e)


# property
class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        """Degrees Celsius."""
        return self._c

    @celsius.setter
    def celsius(self, value):
        self._c = value

    @property
    def kelvin(self):
        return self._c + 273.15


p = Temperature.celsius
print(p.fget.__name__, p.fset.__name__, p.fdel, Temperature.kelvin.fset is None, p.fget(Temperature()))
t = Temperature()
p.fset(t, 21.5)
print(t.celsius, Temperature.kelvin.fget(t))


# __mro__
class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


print([k.__name__ for k in D.__mro__], [k.__name__ for k in B.__mro__], [k.__name__ for k in bool.__mro__][-1])
print(len(int.__mro__), object.__mro__ == (object,))

# keywords
print('a b  c d'.split(maxsplit=2), 'k=v=w'.split(sep='=', maxsplit=1), 'a,b,c'.rsplit(',', maxsplit=1),
      'x y'.rsplit(sep=' '), b'a b c'.split(maxsplit=1))
print(int('ff', base=16), int('0b101', base=0), int('z', 36), int(base=10, x='7') if False else int('7', base=10))
try:
    int('5', bas=10)
except TypeError as e:
    print('TypeError', e)
print(round(3.14159, ndigits=3), round(2.5, ndigits=None), sum([1, 2, 3], start=10), sum([[1], [2]], start=[]))
print(str(b'caf\xc3\xa9', encoding='utf-8'), bytes('abc', encoding='ascii'), bytearray('hi', encoding='utf-8'))
print('flushed', flush=True)
print('a', 'b', sep='-', end='!\n', flush=False)
print(list(zip('ab', [1, 2], strict=True)), list(zip('abc', [1, 2])))
for bad in (lambda: list(zip('abc', [1, 2], strict=True)), lambda: list(zip('a', [1, 2], strict=True)),
            lambda: list(zip('ab', 'ab', 'a', strict=True))):
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)

# dict(mapping)
c = Counter('abracadabra')
print(dict(c))
d = {'z': 0}
d.update(c)
print(d)
dd = defaultdict(list)
dd['x'].append(1)
print(dict(dd), dict(OrderedDict([('b', 1), ('a', 2)])))


class Config:
    def __init__(self, **kw):
        self._d = kw

    def keys(self):
        return list(self._d)

    def __getitem__(self, k):
        return self._d[k].upper()


print(dict(Config(host='a', port='b')), dict([('k', 1)]), dict(zip('xy', (1, 2))), dict({'q': 1}, r=2))


class Pairs:
    def __iter__(self):
        return iter([('p', 1), ('q', 2)])


print(dict(Pairs()))
try:
    dict([1, 2])
except (TypeError, ValueError) as e:
    print(type(e).__name__)

# bool is an int
print(isinstance(True, int), issubclass(bool, int), isinstance(False, (str, int)), True + 1, isinstance(1, bool))
try:
    raise ValueError('x')
except (TypeError, ValueError) as e:
    print('caught', type(e).__name__)


# special methods as attributes
prices = [3.5, 9.25, 1.0]
print(max(range(len(prices)), key=prices.__getitem__), list.__getitem__(prices, 1), 'abc'.__len__(),
      {'k': 1}.__getitem__('k'), (1, 2).__contains__(2), dict.__contains__({'a': 1}, 'b'))
d = {}
d.__setitem__('x', 1)
print(d, (255).__format__('x'), 'ab'.__format__('>4'), (2.5).__format__('.2f'))
print((7).real, (7).imag, (7).numerator, (7).denominator, (-3).numerator)
