# Built-in behaviour where MicroPython's C code differed from CPython 3.11
# (guest/errtext and the library): a dict that changes size while it is
# iterated, the texts of unpacking too few values and of a format code the
# type lacks. Output must be identical under CPython 3.11 and mpbox.


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# -- a dict changed while iterated ---------------------------------------
def grow():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1
    return d


def shrink():
    d = {1: 1, 2: 2, 3: 3}
    for k in d:
        if k == 2:
            del d[k]
    return d


def shrink_items():
    d = {'a': 1, 'b': 2}
    for k, v in d.items():
        d.pop('b', None)
    return d


def grow_values():
    d = {'a': 1}
    for v in d.values():
        d['x%d' % v] = v + 1
    return d


def sticky():
    d = {1: 1, 2: 2}
    it = iter(d)
    out = [next(it)]
    d[3] = 3
    for _ in range(2):
        try:
            next(it)
        except RuntimeError as e:
            out.append(str(e))
    return out


def after_iter_before_next():
    d = {1: 1}
    it = iter(d)
    d[2] = 2
    return list(it) if False else sorted(d)


def subclass():
    class M(dict):
        pass
    m = M(a=1)
    for k in m:
        m[k + 'x'] = 1
    return m


attempt('grow', grow)
attempt('shrink', shrink)
attempt('shrink items', shrink_items)
attempt('grow values', grow_values)
attempt('sticky', sticky)
attempt('iter then add', after_iter_before_next)
attempt('subclass', subclass)

# changing values only, or other dicts, is allowed
d = {1: 1, 2: 2, 3: 3}
for k, v in d.items():
    d[k] = v * 10
print(d)
src, dst = {'a': 1, 'b': 2}, {}
for k in src:
    dst[k] = src[k]
    dst[k + k] = 0
print(dst)
for k in list(d):
    del d[k]
print(d, [k for k in {}], list({}.items()))
# a dict is iterated again after the change without complaint
e = {1: 1}
e[2] = 2
print(list(e), list(e.items()), {k: v for k, v in e.items()})

# -- unpacking -------------------------------------------------------------


def unpack3(seq):
    a, b, c = seq
    return a, b, c


def unpack2(seq):
    a, b = seq
    return a, b


def starred(seq):
    a, *b, c = seq
    return a, b, c


def starred2(seq):
    a, b, *c = seq
    return a, b, c


attempt('3 from list of 2', lambda: unpack3([1, 2]))
attempt('3 from tuple of 1', lambda: unpack3((1,)))
attempt('3 from empty', lambda: unpack3([]))
attempt('3 from iterator of 2', lambda: unpack3(iter([1, 2])))
attempt('3 from str', lambda: unpack3('ab'))
attempt('3 from dict', lambda: unpack3({'k': 1}))
attempt('2 from list of 3', lambda: unpack2([1, 2, 3]))
attempt('2 from generator of 5', lambda: unpack2(x for x in range(5)))
attempt('a, *b, c from [1]', lambda: starred([1]))
attempt('a, *b, c from [1, 2]', lambda: starred([1, 2]))
attempt('a, b, *c from (1,)', lambda: starred2((1,)))
attempt('a, b, *c from iter []', lambda: starred2(iter([])))
for k, v in [('x', 1), ('y', 2)]:
    print(k, v)
try:
    for k, v in [('x', 1, 2)]:
        pass
except ValueError as e:
    print(e)
try:
    for k, v, w in {'ab': 1}:
        pass
except ValueError as e:
    print(e)

# -- format codes a type lacks ---------------------------------------------
attempt("'{:d}' of str", lambda: '{:d}'.format('a'))
attempt("'{:x}' of float", lambda: '{:x}'.format(1.5))
attempt("f'{s:f}'", lambda: (lambda s: f'{s:f}')('text'))

# -- a list or dict inside itself -------------------------------------------
l = [1]
l.append(l)
print(l, repr(l), str(l), [l, l], (l,))
d = {'a': 1}
d['self'] = d
print(d, repr(d), {'outer': d})
a = [1]
b = [a, {'back': a}]
a.append(b)
print(a, b)
t = [1, 2]
t.append((t,))
print(t, f'{t}', '%s' % (t,), '{}'.format(t))
v = {}
v[1] = [v]
print(v, list(v.values()))
s = [[1, 2], [3, [4, 5]]]
print(s, [s, s], {'k': [s]})  # the same list twice is no cycle


class Bad:
    def __repr__(self):
        raise ValueError('no repr')


try:
    repr([l, Bad()])
except ValueError as e:
    print('ValueError', e)
print(l, [[l]], d)  # a print that raised leaves nothing behind
print(repr([[l, [l]]]))

# -- round() and __round__, dict subclasses and __missing__ ---------------


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __round__(self, n=None):
        return ('Money.__round__', self.cents, n)


print(round(Money(250)), round(Money(250), 1), round(2.5), round(3.5), round(2.675, 2), round(7), round(True),
      round(-0.5), round(12345, -2))


class Tally(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0


t = Tally()
for w in 'a b a c a'.split():
    t[w] += 1
print(t, t['zz'], len(t), t.get('nope'), 'nope' in t)


class SubTally(Tally):
    pass


st = SubTally(x=1)
st['y'] += 5
print(st, st['x'])


class Twice(dict):
    def __missing__(self, key):
        return key * 2


tw = Twice(a=1)
print(tw['b'], tw['a'], tw.get('b'), tw)


class Strict(dict):
    def __missing__(self, key):
        raise KeyError('no such key: ' + key)


attempt('Strict missing', lambda: Strict()['x'])
attempt('plain subclass missing', lambda: type('P', (dict,), {})()['zz'])

# -- str.format: fills that are alignment characters, field indices --------
print('{:=>4}|{:>>5}|{:<<5}|{:^^5}|{:=^9}'.format(5, 1, 2, 3, 'mid'))
print(f"{'x':=<6}|{3.5:=>8}|{42:=^8}|{-7:==6}|{'s':<^5}")
print(format(5, '=>4'), format('ab', '=^6'), format(2.5, '>>7.2f'))
print('{:*^7}|{:0=8}|{:<05}|{:->10}|{:=+8}'.format('ab', -5, 3, 'r', 5))
print('{0:=>{1}}|{:}'.format(7, 5) if False else '{0:=>{1}}'.format(7, 5))
attempt("'{} {}'.format(1)", lambda: '{} {}'.format(1))
attempt("'{0} {3}'.format(1, 2)", lambda: '{0} {3}'.format(1, 2))
attempt("'{}'.format()", lambda: '{}'.format())
attempt("'{x}'.format(y=1)", lambda: '{x}'.format(y=1))
attempt("'{0}{}'.format(1, 2)", lambda: '{0}{}'.format(1, 2))
attempt("'{}{0}'.format(1, 2)", lambda: '{}{0}'.format(1, 2))
attempt("'}'.format(1)", lambda: '}'.format(1))
print('{} {}'.format(1, 2), '{1}{0}'.format('a', 'b'), '{{}} {}'.format(3), '{k}'.format(k=4))

# -- powers: negative bases with fractional exponents, complex powers --------
print((-8) ** (1 / 3), pow(-8, 1 / 3), (-8.0) ** (1 / 3), (-1) ** 0.5, (-2.0) ** 0.5, (-8) ** (-1 / 3))
print((1 + 1j) ** 0.5, (1 + 2j) ** (1 + 1j), (2j) ** 2.0, (1j) ** 2, (3 + 4j) ** -0.5, (1 + 1j) ** complex(2, 0))
print(2 ** 0.5, (-8) ** 2, (-8.0) ** 3.0, (-2.0) ** -2, 8 ** (1 / 3), 2.0 ** 10, (-0.0) ** 0.5, 0j ** 0, 0j ** 2.5)
print((-8.5) ** 1.5, (-1e10) ** 0.5, abs((-8) ** (1 / 3)), ((-8) ** (1 / 3)).real)
x = -27.0
x **= 1 / 3
print(x)
attempt('0j ** -1', lambda: 0j ** -1)
attempt('0j ** 1j', lambda: 0j ** 1j)
attempt('(10+10j) ** 1000.5', lambda: (10 + 10j) ** 1000.5)


class RPow:
    def __rpow__(self, other):
        return 'RPow.__rpow__'


print((-2.0) ** RPow(), (1j) ** RPow(), 2 ** RPow())

# -- deleting from a bytearray or an array; memoryview's conversions -------
import array

ba = bytearray(b'abcdef')
del ba[0]
del ba[1:3]
del ba[-1]
print(ba)
ba = bytearray(b'abcdefgh')
del ba[::2]
del ba[10:]
del ba[2:1]
print(ba)
attempt('del ba[10]', lambda: exec('del ba[10]', {'ba': ba}))
attempt("del ba['x']", lambda: exec("del ba['x']", {'ba': ba}))
ar = array.array('i', [1, 2, 3, 4, 5])
del ar[1]
del ar[::2]
print(ar, ar.typecode if hasattr(ar, 'typecode') else 'i')
attempt('del (1, 2)[0]', lambda: exec('t = (1, 2)\ndel t[0]'))
attempt("del 'abc'[0]", lambda: exec("s = 'abc'\ndel s[0]"))
mv = memoryview(b'abc')
print(mv.tobytes(), mv.tolist(), mv.hex(), memoryview(bytearray(b'xy')).tobytes(), bytes(mv[1:]))

# -- subclasses of built-ins with their own __repr__ -------------------------


class Temp(float):
    def __repr__(self):
        return 'Temp(%s)' % float.__repr__(self)


class Count(int):
    def __repr__(self):
        return 'Count(%s)' % int.__repr__(self)


class Bag(list):
    def __repr__(self):
        return 'Bag(%s)' % list.__repr__(self)


class Table(dict):
    def __repr__(self):
        return 'Table(%s)' % dict.__repr__(self)


class Name(str):
    def __repr__(self):
        return 'Name(%s)' % str.__repr__(self)


print(Temp(1.5), [Temp(2.5)], str(Temp(3.5)), f'{Temp(4.5)}', '%s' % Temp(5.5))
print(Count(3), [Count(4)], str(Count(5)), int.__repr__(Count(6)))
print(Name('a'), [Name('b')], str(Name('c')), str.__repr__(Name('d')))
print(Bag([1]), [Bag([2])], str(Bag([3])), Table(a=1), [Table(b=2)], str(Table(c=3)))
print(Temp(1.5) + 1, Temp(2.0) > 1, round(Temp(2.5) * 2, 1), type(Temp(1.0) + 1.0).__name__)
