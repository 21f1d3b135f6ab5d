"""operator for mpbox: the operators as functions, itemgetter, attrgetter
(dotted names) and methodcaller, as in CPython."""

__all__ = ['abs', 'add', 'and_', 'attrgetter', 'call', 'concat', 'contains', 'countOf', 'delitem', 'eq',
           'floordiv', 'ge', 'getitem', 'gt', 'iadd', 'iand', 'iconcat', 'ifloordiv', 'ilshift', 'imatmul',
           'imod', 'imul', 'index', 'indexOf', 'inv', 'invert', 'ior', 'ipow', 'irshift', 'is_', 'is_not',
           'isub', 'itemgetter', 'itruediv', 'ixor', 'le', 'length_hint', 'lshift', 'lt', 'matmul',
           'methodcaller', 'mod', 'mul', 'ne', 'neg', 'not_', 'or_', 'pos', 'pow', 'rshift', 'setitem', 'sub',
           'truediv', 'truth', 'xor']

_abs = abs
_pow = pow


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def ge(a, b):
    return a >= b


def gt(a, b):
    return a > b


def not_(a):
    return not a


def truth(a):
    return bool(a)


def is_(a, b):
    return a is b


def is_not(a, b):
    return a is not b


def abs(a):
    return _abs(a)


def add(a, b):
    return a + b


def and_(a, b):
    return a & b


def floordiv(a, b):
    return a // b


def index(a):
    if isinstance(a, int):
        return a
    m = getattr(type(a), '__index__', None)
    if m is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(a).__name__)
    return m(a)


def inv(a):
    return ~a


invert = inv


def lshift(a, b):
    return a << b


def mod(a, b):
    return a % b


def mul(a, b):
    return a * b


def matmul(a, b):
    return a @ b


def neg(a):
    return -a


def or_(a, b):
    return a | b


def pos(a):
    return +a


def pow(a, b):
    return a ** b


def rshift(a, b):
    return a >> b


def sub(a, b):
    return a - b


def truediv(a, b):
    return a / b


def xor(a, b):
    return a ^ b


def _is_sequence(a):
    # built-in types show no __getitem__ in MicroPython
    if isinstance(a, (str, bytes, bytearray, list, tuple)):
        return True
    return not isinstance(a, dict) and hasattr(type(a), '__getitem__')


def concat(a, b):
    if not _is_sequence(a):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)
    return a + b


def contains(a, b):
    return b in a


def countOf(a, b):
    return sum(1 for x in a if x is b or x == b)


def indexOf(a, b):
    for i, x in enumerate(a):
        if x is b or x == b:
            return i
    raise ValueError('sequence.index(x): x not in sequence')


def getitem(a, b):
    return a[b]


def setitem(a, b, c):
    a[b] = c


def delitem(a, b):
    del a[b]


def length_hint(obj, default=0):
    try:
        return len(obj)
    except TypeError:
        return default


def call(obj, *args, **kwargs):
    return obj(*args, **kwargs)


# In-place forms: they return the result (the caller assigns it).
def iadd(a, b):
    a += b
    return a


def iand(a, b):
    a &= b
    return a


def iconcat(a, b):
    if not _is_sequence(a):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)
    a += b
    return a


def ifloordiv(a, b):
    a //= b
    return a


def ilshift(a, b):
    a <<= b
    return a


def imod(a, b):
    a %= b
    return a


def imul(a, b):
    a *= b
    return a


def imatmul(a, b):
    a @= b
    return a


def ior(a, b):
    a |= b
    return a


def ipow(a, b):
    a **= b
    return a


def irshift(a, b):
    a >>= b
    return a


def isub(a, b):
    a -= b
    return a


def itruediv(a, b):
    a /= b
    return a


def ixor(a, b):
    a ^= b
    return a


class itemgetter:
    def __init__(self, item, *items):
        self._items = (item,) + items
        self._one = not items

    def __call__(self, obj):
        if self._one:
            return obj[self._items[0]]
        return tuple([obj[i] for i in self._items])

    def __repr__(self):
        return 'operator.itemgetter(%s)' % ', '.join(map(repr, self._items))


class attrgetter:
    def __init__(self, attr, *attrs):
        names = (attr,) + attrs
        for n in names:
            if not isinstance(n, str):
                raise TypeError('attribute name must be a string')
        self._names = names
        self._paths = [n.split('.') for n in names]

    @staticmethod
    def _get(obj, path):
        for part in path:
            obj = getattr(obj, part)
        return obj

    def __call__(self, obj):
        if len(self._paths) == 1:
            return self._get(obj, self._paths[0])
        return tuple([self._get(obj, p) for p in self._paths])

    def __repr__(self):
        return 'operator.attrgetter(%s)' % ', '.join(map(repr, self._names))


class methodcaller:
    def __init__(self, name, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError('method name must be a string')
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        args = [repr(self._name)] + [repr(a) for a in self._args]
        args += ['%s=%r' % kv for kv in self._kwargs.items()]
        return 'operator.methodcaller(%s)' % ', '.join(args)


# the dunder aliases
__lt__, __le__, __eq__, __ne__, __ge__, __gt__ = lt, le, eq, ne, ge, gt
__not__, __abs__, __add__, __and__, __floordiv__, __index__ = not_, abs, add, and_, floordiv, index
__inv__ = __invert__ = inv
__lshift__, __mod__, __mul__, __matmul__, __neg__, __or__, __pos__, __pow__ = (
    lshift, mod, mul, matmul, neg, or_, pos, pow)
__rshift__, __sub__, __truediv__, __xor__, __concat__, __contains__ = rshift, sub, truediv, xor, concat, contains
__getitem__, __setitem__, __delitem__, __call__ = getitem, setitem, delitem, call
__iadd__, __iand__, __iconcat__, __ifloordiv__, __ilshift__, __imod__, __imul__ = (
    iadd, iand, iconcat, ifloordiv, ilshift, imod, imul)
__imatmul__, __ior__, __ipow__, __irshift__, __isub__, __itruediv__, __ixor__ = (
    imatmul, ior, ipow, irshift, isub, itruediv, ixor)
