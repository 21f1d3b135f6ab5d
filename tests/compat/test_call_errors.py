# The TypeError texts of calls with the wrong arguments, as CPython words
# them: the function's qualified name and the parameters' names (guest/errtext
# asks lib/python/_mpbox_exc.py). Output must be identical under python3 and mpbox.


def f(a, b):
    return a


def g(a, b=2, *, c):
    return a


def h(a, b=1):
    return a


def kw(a, *, x, y=2, z):
    return a


def star(a, *args, key):
    return a


def anything(a, **extra):
    return a


def none():
    return 0


def one(x):
    return x


def gen(n, step):
    yield n


class P:
    def __init__(self, x, y):
        self.x = x

    def m(self, k):
        return k

    @staticmethod
    def s(a, b):
        return a

    @classmethod
    def c(cls, a):
        return a


def outer():
    def inner(p, q=0):
        return p
    return inner


def make_closure():
    v = 1

    def closed(a, b):
        return a + b + v
    return closed


def run(label, thunk):
    try:
        thunk()
        print(label, 'no error')
    except TypeError as e:
        print(label, '|', e)


run('missing one', lambda: f(1))
run('missing two', lambda: f())
run('too many', lambda: f(1, 2, 3))
run('kw-only missing', lambda: g(1))
run('unexpected kw', lambda: g(1, c=2, d=3))
run('multiple values', lambda: g(1, a=2, c=3))
run('default missing', lambda: h())
run('range of counts', lambda: h(1, 2, 3))
run('several kw-only', lambda: kw(1))
run('one of several kw-only', lambda: kw(1, x=1))
run('star missing kw', lambda: star(1, 2, 3))
run('star missing pos', lambda: star(key=1))
run('kwargs multiple', lambda: anything(1, a=2))
run('takes none', lambda: none(1))
run('takes one', lambda: one(1, 2))
run('given one', lambda: h(1, 2, 3, 4) if False else one())
run('generator', lambda: gen(1))
run('init missing', lambda: P(1))
run('init missing two', lambda: P())
run('init too many', lambda: P(1, 2, 3))
run('method missing', lambda: P(1, 2).m())
run('method too many', lambda: P(1, 2).m(1, 2))
run('staticmethod', lambda: P.s(1))
run('classmethod', lambda: P.c())
run('unbound method', lambda: P.m(P(1, 2)))
run('nested', lambda: outer()())
run('nested kw', lambda: outer()(1, r=2))
run('closure', lambda: make_closure()(1))
run('closure too many', lambda: make_closure()(1, 2, 3))
run('keyword for missing', lambda: f(b=1))
run('kw unknown only', lambda: f(1, 2, c=3))
lam = lambda x, y: x  # noqa: E731
run('lambda', lambda: lam(1))
print(f(1, 2), g(1, c=3), kw(1, x=1, z=2), star(1, 2, key=3), anything(1, b=2), P(1, 2).m(3), outer()(5), make_closure()(1, 2))
