# Multiple inheritance in CPython's C3 order (guest/mro): attribute lookup,
# super(), __mro__ and mro(), inconsistent bases. Runs under CPython and
# mpbox; the outputs must be identical.


def names(cls):
    return [c.__name__ for c in cls.__mro__]


# ---- a diamond: C before A ------------------------------------------------
class A:
    tag = 'A'

    def who(self):
        return 'A.who'

    def chain(self):
        return ['A']

    def __repr__(self):
        return 'A()'

    def __eq__(self, other):
        return 'A.eq'

    def __len__(self):
        return 1


class B(A):
    def chain(self):
        return ['B'] + super().chain()


class C(A):
    tag = 'C'

    def who(self):
        return 'C.who'

    def chain(self):
        return ['C'] + super().chain()

    def __repr__(self):
        return 'C()'

    def __eq__(self, other):
        return 'C.eq'

    def __len__(self):
        return 3

    def __add__(self, other):
        return 'C.add'


class D(B, C):
    def chain(self):
        return ['D'] + super().chain()


d = D()
print('diamond method', d.who(), D.who(d), D.tag, d.tag)
print('diamond super chain', d.chain())
print('diamond specials', repr(d), d == 1, len(d), d + 1, str(d), [d])
print('diamond mro', names(D))
print('mro() is a list', D.mro() == list(D.__mro__), type(D.mro()).__name__)
print('isinstance', isinstance(d, A), isinstance(d, B), isinstance(d, C), issubclass(D, C), issubclass(C, D))
print('explicit super', super(B, d).who(), super(C, d).who(), super(D, d).who())
print('super(B, d).chain', super(B, d).chain())


# a class below a diamond inherits the order
class E(D):
    pass


class F(E, C):
    def chain(self):
        return ['F'] + super().chain()


print('below', E().who(), E().chain(), names(E))
print('below 2', F().who(), F().chain(), names(F))


# ---- cooperative mixins: super().__init__(**kw) through every class -----
class Base:
    def __init__(self, **kw):
        self.rest = sorted(kw)
        print('  Base.__init__', sorted(kw))


class Named(Base):
    def __init__(self, name=None, **kw):
        self.name = name
        print('  Named.__init__', name)
        super().__init__(**kw)


class Sized(Base):
    def __init__(self, size=0, **kw):
        self.size = size
        print('  Sized.__init__', size)
        super().__init__(**kw)


class LoggingMixin:
    def __init__(self, *args, **kw):
        print('  LoggingMixin.__init__', sorted(kw))
        super().__init__(*args, **kw)

    def describe(self):
        return 'log:' + super().describe()


class Thing(Named, Sized):
    def describe(self):
        return '%s/%s' % (self.name, self.size)


class LoggedThing(LoggingMixin, Thing):
    pass


print('cooperative init')
t = LoggedThing(name='box', size=3, colour='red')
print('  result', t.name, t.size, t.rest, t.describe())
print('  mro', names(LoggedThing))


# a mixin with no base of its own reaches the next class of the instance
class Greeter:
    def greet(self):
        return 'hello from Greeter, then ' + super().greet()


class Person:
    def greet(self):
        return 'Person'


class Polite(Greeter, Person):
    pass


print('mixin super', Polite().greet())


# ---- class and static methods, properties through super() in a diamond ----
class P:
    @classmethod
    def make(cls):
        return ['P.make', cls.__name__]

    @staticmethod
    def util():
        return 'P.util'

    @property
    def value(self):
        return 'P.value'


class Q(P):
    @classmethod
    def make(cls):
        return ['Q.make'] + super().make()

    @property
    def value(self):
        return 'Q.value+' + super().value


class R(P):
    @classmethod
    def make(cls):
        return ['R.make'] + super().make()

    @staticmethod
    def util():
        return 'R.util'

    @property
    def value(self):
        return 'R.value+' + super().value


class S(Q, R):
    @classmethod
    def make(cls):
        return ['S.make'] + super().make()

    @property
    def value(self):
        return 'S.value+' + super().value


s = S()
print('classmethods', S.make(), s.make())
print('staticmethod', S.util(), s.util(), super(Q, s).util())
print('property', s.value)
print('property via super(Q)', super(Q, s).value)


# ---- __init__ and __new__ found in C3 order ---------------------------------
class I0:
    def __init__(self):
        self.by = 'I0'


class I1(I0):
    pass


class I2(I0):
    def __init__(self):
        self.by = 'I2'


class I3(I1, I2):
    pass


print('__init__ from', I3().by)


# ---- built-in bases ------------------------------------------------------
class Tagged:
    def describe(self):
        return 'tagged ' + type(self).__name__

    def get(self, key, default=None):
        return 'Tagged.get'


class TaggedDict(Tagged, dict):
    pass


td = TaggedDict(a=1)
td['b'] = 2
print('dict base', td.describe(), td.get('a'), sorted(td.items()), len(td), names(TaggedDict))


class Plain(dict):
    pass


class PlainTagged(Plain, Tagged):
    pass


pt = PlainTagged(a=1)
print('dict first', pt.get('a'), pt.describe(), names(PlainTagged))


class Detail:
    def detail(self):
        return 'detail of ' + str(self)


class AppError(Detail, ValueError):
    pass


try:
    raise AppError('bad value')
except ValueError as e:
    print('exception base', type(e).__name__, e.detail(), e.args, isinstance(e, Detail))


# ---- type() with several bases ---------------------------------------------
T = type('T', (B, C), {'extra': 1})
print('type()', T().who(), T().chain(), names(T), T.extra)


# ---- inconsistent orders ---------------------------------------------------
def attempt(make):
    try:
        make()
        print('  made')
    except TypeError as e:
        print('  TypeError:', e)


class X:
    pass


class Y:
    pass


class XY(X, Y):
    pass


class YX(Y, X):
    pass


print('inconsistent')
attempt(lambda: type('Bad1', (XY, YX), {}))
attempt(lambda: type('Bad2', (A, B), {}))
attempt(lambda: type('Bad3', (X, X), {}))
attempt(lambda: type('Good', (XY, X), {}))


def bad_statement():
    class Bad4(A, D):
        pass


attempt(bad_statement)


# a failed class does not exist afterwards; the bases still work
print('after', XY().__class__.__name__, names(XY), names(YX))


# ---- class attributes and assignment after creation -------------------------
C.later = 'C.later'
A.later = 'A.later'
print('later', d.later, D.later)
del C.later
print('after del', d.later)
C.who = lambda self: 'C.who v2'
print('rebound', d.who())
