# f.__code__'s co_* attributes as CPython 3.11 gives them: names and counts
# of parameters, locals in the compiler's order, cells and free variables,
# flags and first lines (lib/python/_mpbox_code.py).
def deco(f):
    return f


def f(a, b=1, /, c=2, *args, d, e=3, **kw):
    x = 1

    def g():
        return x + a
    for i in range(3):
        y = i
    return g


@deco
@deco
def h():
    try:
        pass
    except ValueError as e:
        z = 1
    else:
        w = 2
    return [q for q in range(3)], (n := 5)


def k(x):
    print(y := 3)
    u, *v = x
    import os.path as p, sys
    from os import sep
    total = 0
    total += 1
    del total
    return [t for t in x if (m := t)]


class A:
    def m(self, v):
        return super().__init__, v

    @staticmethod
    def s(p, q=1):
        r = p + q
        return r


def outer():
    a = 1
    b = 2

    def mid():
        def inner():
            return a
        return inner
    return mid


def gen(n):
    for i in range(n):
        yield i


async def co(x):
    return x


lam = lambda u, v=2: u + v


def nested_fn():
    cnt = 0

    def bump():
        nonlocal cnt
        cnt += 1
        return cnt
    return bump


for fn in (f, f(1, d=2), h, k, A.m, A.s, outer, outer(), outer()(), gen, co, lam, nested_fn, nested_fn(), deco):
    c = fn.__code__
    print(c.co_name, c.co_qualname, c.co_firstlineno, c.co_argcount, c.co_posonlyargcount,
          c.co_kwonlyargcount, c.co_varnames, c.co_nlocals, c.co_cellvars, c.co_freevars, c.co_flags)


def scopes():
    g = 0
    items = [1, 2]

    def two():
        def three():
            nonlocal g
            g += 1
            return items
        return three
    sq = (i * i for i in items)
    total = sum(sq)
    global lam
    return two, total


def comps(xs):
    ys = {x: [y for y in range(x)] for x in xs}
    zs = {x for x in xs if x}
    return ys, zs


class Outer:
    class Inner:
        def meth(self, *a, **k):
            return __class__


def plain():
    pass


for fn in (scopes, scopes()[0], scopes()[0](), comps, Outer.Inner.meth, plain):
    c = fn.__code__
    print(c.co_name, c.co_qualname, c.co_firstlineno, c.co_argcount, c.co_varnames, c.co_cellvars,
          c.co_freevars, c.co_flags, c.co_nlocals)
print(type(plain.__code__).__name__, type(f.__code__).__name__)
module_code = compile('x = 1\ny = x + 1\n', '<text>', 'exec')
print(module_code.co_name, module_code.co_varnames, module_code.co_argcount, module_code.co_flags,
      module_code.co_firstlineno, module_code.co_filename, module_code.co_freevars, module_code.co_nlocals)
exec(module_code)
print(y)  # noqa: F821
made = {}
exec('def made_fn(a, b=1, *rest, k=2):\n    return a\n', made)
c = made['made_fn'].__code__
print(c.co_name, c.co_argcount, c.co_kwonlyargcount, c.co_varnames[:2], c.co_flags)
