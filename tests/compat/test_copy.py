# copy: shallow and deep copies of the program's own objects, as CPython
# makes them (by __dict__, with __copy__/__deepcopy__ and the memo honoured).
import copy
from collections import defaultdict, Counter, OrderedDict
from dataclasses import dataclass, field
import datetime


class Node:
    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []

    def __repr__(self):
        return 'Node(%r, %r)' % (self.value, self.children)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
t2 = copy.deepcopy(tree)
t2.children[1].value = 30
t3 = copy.copy(tree)
print(tree, t2, t3.children is tree.children, type(t2).__name__)

shared = [1]
pair = [shared, shared, Node(shared)]
dc = copy.deepcopy(pair)
print(dc[0] is dc[1], dc[2].value is dc[0], dc[0] is shared)


class Tracked:
    def __init__(self, data):
        self.data = data

    def __copy__(self):
        print('__copy__ called')
        return Tracked(self.data)

    def __deepcopy__(self, memo):
        print('__deepcopy__ called', type(memo).__name__)
        return Tracked(copy.deepcopy(self.data, memo))


t = Tracked([1, 2])
c1, c2 = copy.copy(t), copy.deepcopy(t)
print(c1.data is t.data, c2.data is t.data, c2.data == t.data)


class NoInit:
    def __init__(self):
        print('__init__ runs once')
        self.items = {'k': [1]}


n = NoInit()
m = copy.deepcopy(n)
print(m.items, m.items['k'] is n.items['k'])


class State:
    def __init__(self):
        self.a, self.cache = 1, 'big'

    def __getstate__(self):
        return {'a': self.a}

    def __setstate__(self, st):
        self.a = st['a']
        self.cache = None


s = copy.deepcopy(State())
print(s.a, s.cache)


class L(list):
    pass


class D(dict):
    pass


l = L([[1], 2])
l.tag = 'x'
cl, dl = copy.copy(l), copy.deepcopy(l)
print(type(cl).__name__, cl, cl.tag, cl[0] is l[0], dl[0] is l[0], dl == l)
d = D(a=[1])
print(type(copy.deepcopy(d)).__name__, copy.deepcopy(d), copy.deepcopy(d)['a'] is d['a'])
dd = defaultdict(list)
dd['a'].append(1)
e = copy.deepcopy(dd)
e['b'].append(2)
print(e, dd)
print(copy.deepcopy(Counter('aab')), copy.copy(OrderedDict(a=1)))


@dataclass(frozen=True)
class Frozen:
    xs: list = field(default_factory=list)


f = Frozen([1])
print(copy.deepcopy(f), copy.deepcopy(f).xs is f.xs, copy.copy(f).xs is f.xs)


def gen():
    yield 1


try:
    copy.deepcopy(gen())
except TypeError as ex:
    print('TypeError:', ex)
print(copy.deepcopy(Node) is Node, copy.deepcopy(len) is len, copy.copy(print) is print)
print(copy.deepcopy(datetime.date(2020, 1, 1)), copy.copy(datetime.timedelta(1)))
tup = (1, [2])
print(copy.deepcopy(tup), copy.deepcopy(tup)[1] is tup[1], copy.deepcopy((1, 'a')) == (1, 'a'))
print(copy.copy({1, 2}), copy.deepcopy(frozenset({3})), copy.copy(bytearray(b'ab')))
print(issubclass(copy.Error, Exception))


# exceptions: copied as CPython reduces them, cls(*args) and then their attributes
class Stale(DeprecationWarning):
    def __init__(self, m):
        super().__init__(m)
        self.m = m


class Bad(ValueError):
    pass


bad = Bad('a', [1, 2])
bad.note = {'k': [3]}
for x in (NameError('x'), UnboundLocalError('u'), KeyError('k'), Stale('z'), bad):
    a, b = copy.copy(x), copy.deepcopy(x)
    print(type(a).__name__, a.args, type(b).__name__, b.args, getattr(b, 'm', None), getattr(b, 'note', None),
          a is not x, b is not x)
print(copy.deepcopy(bad).args[1] is bad.args[1], copy.copy(bad).args[1] is bad.args[1],
      copy.deepcopy(bad).note is bad.note)
print(copy.deepcopy([ValueError('v'), {'e': KeyError(1)}]))
