# collections: Counter, defaultdict, OrderedDict, deque, namedtuple, ChainMap.
# Prints results; the output must be identical under CPython and mpbox.
from collections import Counter, defaultdict, OrderedDict, deque, namedtuple, ChainMap
import collections


def err(f, *a, **kw):
    try:
        r = f(*a, **kw)
    except Exception as e:
        return type(e).__name__
    return r


print('-- Counter')
words = 'the cat and the dog and the bird saw a cat'.split()
c = Counter(words)
print(c)
print(c.most_common(2), c.most_common(0), len(c.most_common()))
print(c['the'], c['zebra'], 'zebra' in c, len(c))
print(list(c), list(c.values()), list(c.items())[:3])
print(sorted(c.elements())[:6], c.total())
c.update(['cat', 'emu'])
c.update({'dog': 3})
c.update(dog=1)
print(c)
c.subtract(['the', 'the', 'the', 'the'])
c.subtract({'emu': 1})
print(c)
print(+c)
print(-c)
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=4)
print(a + b, a - b, a | b, a & b)
a2 = a.copy()
a2 += b
print(a2)
a2 -= Counter(a=10)
print(a2)
print(Counter('abracadabra').most_common(3))
print(Counter('mississippi'))
print(Counter(), repr(Counter()), Counter() == Counter(a=0))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, Counter(a=1) <= Counter(a=2))
k = Counter('hello')
del k['l']
del k['zz']
print(k, isinstance(k, dict), type(k).__name__)
print(err(Counter.fromkeys, 'abc'))
k['x'] += 5
print(k.most_common(1), k.pop('x'), k.get('h'), k.setdefault('q', 9), k)
print(sorted(Counter('banana').items()), max(Counter('banana'), key=Counter('banana').get))
print(Counter('aabbcc').most_common(), Counter('cbacba').most_common(2))

print('-- defaultdict')
d = defaultdict(list)
for w in words:
    d[len(w)].append(w)
print(d)
print(dict(d.items()) == {3: ['the', 'cat', 'and', 'the', 'dog', 'and', 'the', 'saw', 'cat'], 4: ['bird'], 1: ['a']})
for key, value in d.items():
    print(key, value)
print(isinstance(d, dict), d.default_factory, len(d), 7 in d, d.get(7), 7 in d)
d2 = defaultdict(int)
for ch in 'hello world':
    d2[ch] += 1
print(d2, list(d2.keys()), sorted(d2.values()))
d3 = defaultdict(lambda: 'missing')
print(d3['x'], dict(d3.items()))
d4 = defaultdict(None, {'a': 1})
print(d4, err(lambda: d4['b']))
print(err(defaultdict, 5))
nested = defaultdict(lambda: defaultdict(int))
nested['a']['b'] += 2
nested['c']['d'] += 1
print({k: dict(v.items()) for k, v in nested.items()})
d5 = d2.copy()
d5['zz'] += 1
print(type(d5).__name__, d5.default_factory, 'zz' in d2, d5.pop('zz'), d5.pop('nope', 0))
print(err(d5.pop, 'nope'), d5.setdefault('h', 100), d5.setdefault('new', 100), list(d5)[-1])
d5.clear()
print(d5, len(d5))
print(defaultdict(set, {1: {2}}))

print('-- OrderedDict')
o = OrderedDict()
o['b'] = 1
o['a'] = 2
o['c'] = 3
print(o, list(o), list(o.keys()), list(o.values()))
o.move_to_end('b')
print(list(o))
o.move_to_end('b', last=False)
print(list(o))
o.move_to_end('c', last=False)
print(list(o), o)
print(o.popitem(), o.popitem(last=False), o)
o.update([('x', 1), ('y', 2)], z=3)
print(o, o.keys(), o.items())
print(OrderedDict.fromkeys('abc', 0), OrderedDict(), OrderedDict(a=1) == {'a': 1})
print(err(o.move_to_end, 'nope'), err(OrderedDict().popitem))
big = OrderedDict((i, i * i) for i in range(2000))
for i in range(0, 2000, 2):
    del big[i]
for i in range(10):
    big.move_to_end(i * 2 + 1, last=False)
print(len(big), list(big)[:12], list(big)[-3:], big.popitem(last=False), big.popitem())
lru = OrderedDict()
for i in [1, 2, 3, 1, 4, 5, 2, 6]:
    if i in lru:
        lru.move_to_end(i)
    lru[i] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru), list(reversed(lru)))
o2 = o.copy()
o2['new'] = 1
print(type(o2).__name__, 'new' in o, o2)
ab, ba = OrderedDict([('a', 1), ('b', 2)]), OrderedDict([('b', 2), ('a', 1)])
print(ab == ba, ab != ba, ab == dict(ba.items()), ab == OrderedDict(ab.items()))

print('-- deque')
q = deque()
q.append(1)
q.append(2)
q.appendleft(0)
q.extend([3, 4])
q.extendleft([-1, -2])
print(q, len(q), q[0], q[-1], q[3], list(q), list(reversed(q)))
print(q.pop(), q.popleft(), q)
q.rotate(2)
print(q)
q.rotate(-3)
print(q)
print(q.index(2), q.count(1), 2 in q, 99 in q)
q.remove(2)
q.insert(1, 'x')
q.reverse()
print(q)
q[0] = 'first'
del q[1]
print(q, q == deque(q), q != deque([]), bool(q), bool(deque()))
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10)
m.appendleft(6)
print(m, deque(maxlen=0))
print(err(deque().pop), err(deque().popleft), err(lambda: deque([1])[5]), err(deque, [], -1))
print(err(deque([1]).remove, 2), err(deque([1]).index, 2))
bfs = deque([(0, 0)])
seen = {(0, 0)}
steps = 0
while bfs:
    x, y = bfs.popleft()
    steps += 1
    for nx, ny in ((x + 1, y), (x, y + 1)):
        if nx < 20 and ny < 20 and (nx, ny) not in seen:
            seen.add((nx, ny))
            bfs.append((nx, ny))
print(steps, len(seen))
alt = deque(range(100))
out = []
while alt:
    out.append(alt.pop())
    if alt:
        out.append(alt.popleft())
print(out[:6], len(out))
print(deque('abc') + deque('de'), deque([1, 2]) * 2, deque([1, 2]) < deque([1, 3]))

print('-- namedtuple')
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p[1], p._fields, sorted(p._asdict().items()), p._replace(y=5), Point._make([7, 8]))
print(isinstance(p, tuple), p == (1, 2), tuple(p), len(p), sum(p), Point(x=3, y=4))
x, y = p
print(x, y, p + (3,), hash(p) == hash((1, 2)), sorted([Point(2, 1), Point(1, 5)]))
P3 = namedtuple('P3', 'a b c', defaults=[0, 9])
print(P3(1), P3(1, 2), P3(1, c=3), sorted(P3._field_defaults.items()), P3._fields)
print(err(P3), err(P3, 1, 2, 3, 4), err(p._replace, z=1))
R = namedtuple('R', 'a, def, a, _x', rename=True)
print(R._fields)
print(err(namedtuple, 'Bad', ['x', 'x']), err(namedtuple, 'Bad', ['1x']), err(namedtuple, 'Bad', ['_x']))
print(err(namedtuple, 'Bad', ['class']), type(p).__name__, Point.__name__)
Emp = namedtuple('Emp', 'name dept salary')
staff = [Emp('ann', 'eng', 120), Emp('bob', 'ops', 90), Emp('cy', 'eng', 100)]
print(max(staff, key=lambda e: e.salary).name, [e.name for e in sorted(staff, key=lambda e: e.salary)])

print('-- ChainMap')
base = {'color': 'red', 'size': 'm'}
over = {'color': 'blue'}
cm = ChainMap(over, base)
print(cm['color'], cm['size'], len(cm), sorted(cm), 'size' in cm, cm.get('nope', 0))
cm['new'] = 1
print(over, base == {'color': 'red', 'size': 'm'})
child = cm.new_child()
child['color'] = 'green'
print(child['color'], cm['color'], child.parents['color'], len(child.maps))
del cm['new']
print(err(cm.__delitem__, 'size'), sorted(cm.items()), dict(cm.items()) == {'color': 'blue', 'size': 'm'})
print(ChainMap({'a': 1}, {'b': 2}))
print(collections.OrderedDict is OrderedDict, collections.deque is deque)

print('-- copies')
import copy
dd = defaultdict(list, [(1, [2])])
deep = copy.deepcopy(dd)
deep[1].append(3)
shallow = copy.copy(dd)
shallow[1].append(4)
print(dd, deep, type(deep).__name__, deep.default_factory)
print(copy.deepcopy(Counter('aab')), copy.copy(OrderedDict(a=[1])), copy.deepcopy(deque([[1]], 4)))

print('-- large')
big = Counter()
for i in range(60000):
    big['w%d' % (i * 7919 % 5000)] += 1
print(len(big), big.most_common(3), big.total(), len(big.most_common()))
ranked = Counter({i: i % 7 for i in range(3000)})
print(ranked.most_common(4), len(list(ranked.elements())))
