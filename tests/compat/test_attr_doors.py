# Attributes MicroPython's built-in types lack, answered by guest/compat's
# door (host/compat.c finds them by binary search in a table sorted by
# name): one of each kind of record, names shared by many types, names at
# both ends of the table, and misses that must stay misses. Output must be
# identical under CPython 3.11 and mpbox.
import io


def show(label, f):
    try:
        print(label, repr(f()))
    except AttributeError as e:
        print(label, 'AttributeError:', e)


show('float.is_integer', lambda: (2.0).is_integer())
show('float.as_integer_ratio', lambda: (0.75).as_integer_ratio())
show('float.hex', lambda: (1.5).hex())
show('float.fromhex', lambda: float.fromhex('0x1.8p1'))
show('float.real imag', lambda: ((2.5).real, (2.5).imag))
show('int.real numerator denominator', lambda: ((7).real, (7).imag, (7).numerator, (7).denominator))
show('complex.conjugate', lambda: (1 + 2j).conjugate())
p = property(lambda self: 1)
show('property.fget fset fdel', lambda: (p.fget is not None, p.fset, p.fdel))
show('type.__mro__', lambda: [c.__name__ for c in bool.__mro__])
for value in (1, 1.5, 'a', b'b', [1], (1,), {1: 2}, {1}, frozenset(), None, range(2), slice(1)):
    show('%s.__repr__ __str__' % type(value).__name__, lambda: (value.__repr__(), value.__str__()))
show('StringIO.closed', lambda: io.StringIO().closed)
show('BytesIO.closed', lambda: io.BytesIO().closed)


def f(a, b=2, *, c=3):
    """doc of f"""
    return a


class K:
    def m(self):
        return 1


show('function.__defaults__ __kwdefaults__', lambda: (f.__defaults__, f.__kwdefaults__))
show('function.__doc__ __module__', lambda: (f.__doc__, f.__module__))
show('bound method.__func__ __self__', lambda: (K().m.__func__ is K.m, type(K().m.__self__).__name__))
show('staticmethod.__func__', lambda: staticmethod(f).__func__ is f)
show('class.__qualname__', lambda: K.__qualname__)


class K2(K):
    pass


show('type.__base__', lambda: K2.__base__.__name__)
# misses stay misses, the door answering nothing
show('float.nothing', lambda: (1.5).nothing)
show('int.zzz', lambda: (1).zzz)
show('K().aaa', lambda: K().aaa)
show('hasattr', lambda: (hasattr(1.5, 'is_integer'), hasattr(1.5, '__get__'), hasattr(K(), '__set__')))
