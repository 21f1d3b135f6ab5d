# pprint: output must be identical under CPython 3.11 and mpbox.
import io
import pprint

data = {
    'name': 'mpbox',
    'versions': [1, 2, 3, 10, 20, 30, 100, 200, 300, 1000, 2000, 3000, 10000, 20000],
    'nested': {'a': {'b': {'c': {'d': [1, 2, {'e': 'deep'}]}}}, 'z': (1, 2, 3)},
    'tuple1': (42,),
    'empty': [[], {}, (), set(), ''],
    'flags': [True, False, None],
    'matrix': [[i * j for j in range(8)] for i in range(6)],
    'text': 'The quick brown fox jumps over the lazy dog. ' * 4,
    'multi': 'first line\nsecond line that is rather long and keeps on going on and on\n\nlast',
    'numbers': {3: 'three', 1: 'one', 2: 'two', -5: 'minus five'},
    'set': {5, 3, 1, 4, 2},
    'fs': frozenset({10, 20, 30}),
    'bytes': b'\x00\x01binary data that goes on for quite a while, longer than the width' * 2,
    'floats': [0.5, 1.25, -2.0, 1e100, 3.0],
}

pprint.pprint(data)
for w in (20, 40, 60, 120):
    print('-- width', w)
    print(pprint.pformat(data, width=w))
print(pprint.pformat(data, indent=4, width=50))
print(pprint.pformat(data, depth=2))
print(pprint.pformat(data, depth=1))
print(pprint.pformat(data, width=30, compact=True))
print(pprint.pformat(list(range(60)), compact=True))
print(pprint.pformat(list(range(60)), width=40))
print(pprint.pformat([list(range(12))] * 4, compact=True, width=35))
print(pprint.pformat({'k': 123456789012, 'n': -98765432}, underscore_numbers=True, width=20))
print(pprint.pformat(12345678, underscore_numbers=True))

s = 'word ' * 40
pprint.pprint(s)
pprint.pprint([s])
pprint.pprint({'key': s, 'other': 'short'})
pprint.pprint(('a' * 100,))
pprint.pprint('a' * 100)
pprint.pprint('line one\nline two\n' * 5)
pprint.pprint(b'abc')
pprint.pprint(b'abcdefgh' * 20)
pprint.pprint([b'0123456789' * 12])
pprint.pprint(set(range(40)))
pprint.pprint(frozenset(range(40)))
pprint.pprint(tuple(range(40)))
pprint.pprint((1,))
pprint.pprint([])
pprint.pprint({})
pprint.pprint(())
pprint.pprint(set())

records = [{'id': i, 'name': 'user%d' % i, 'tags': ['t%d' % k for k in range(i)],
            'score': i * 2.5} for i in range(5)]
pprint.pprint(records)
pprint.pprint(records, width=100)
pprint.pprint(records, width=40, indent=2)
pprint.pp({'b': 1, 'a': 2} if False else [3, 2, 1])

out = io.StringIO()
pprint.pprint(data['nested'], stream=out, width=30)
print(repr(out.getvalue()))
pp = pprint.PrettyPrinter(indent=2, width=40, depth=3)
print(pp.pformat(data['nested']))
pp.pprint(data['matrix'])
print(pprint.saferepr(data['nested']), pprint.isreadable(data['nested']),
      pprint.isrecursive(data['nested']))

rec = [1, 2]
rec.append(rec)
print(pprint.isrecursive(rec), pprint.isreadable(rec), pprint.isreadable(object()))
mixed = {1: 'int', 'a': 'str', (1, 2): 'tuple'}
print(sorted(pprint.pformat(mixed, width=10).split('\n')))

for bad in (dict(indent=-1), dict(depth=0), dict(width=0)):
    try:
        pprint.PrettyPrinter(**bad)
    except ValueError as e:
        print('ValueError', e)

# collections types and dataclasses
from collections import Counter, OrderedDict, defaultdict, deque, ChainMap
from dataclasses import dataclass, field

words = ('alpha beta gamma delta alpha beta alpha epsilon zeta eta theta iota kappa lambda '
         'mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega alpha').split()
cnt = Counter(words)
pprint.pprint(cnt)
pprint.pprint(cnt, width=200)
pprint.pprint(Counter())
od = OrderedDict((w, len(w)) for w in words[:12])
pprint.pprint(od)
pprint.pprint(od, width=300)
dd = defaultdict(list)
for w in words:
    dd[w[0]].append(w)
pprint.pprint(dd)
pprint.pprint(defaultdict(int))
dq = deque(range(40))
pprint.pprint(dq)
pprint.pprint(deque(range(40), maxlen=50))
pprint.pprint(deque())
cm = ChainMap({'a' * 30: 1, 'b' * 30: 2}, {'c' * 30: 3})
pprint.pprint(cm)


@dataclass
class Point:
    x: int
    y: int
    label: str = 'origin'
    tags: list = field(default_factory=list)


@dataclass
class Shape:
    name: str
    points: list


pts = [Point(i, i * i, 'p%d' % i, ['t'] * i) for i in range(4)]
pprint.pprint(Shape('polygon', pts))
pprint.pprint(Shape('tiny', [Point(0, 0)]))
pprint.pprint(Shape('narrow', pts[:2]), width=30)
pprint.pprint([Point(1, 2)] * 6)


@dataclass
class Custom:
    a: int

    def __repr__(self):
        return 'Custom<%d>' % self.a


pprint.pprint([Custom(i) for i in range(30)])

# generated structures under random settings
seed = 17


def rnd(m):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 8) % m


WORDS = ['a', 'bb', 'hello world', 'x' * 30, 'multi\nline text here', '', 'tab\there',
         'quote\'s', 'spaces   inside   words and more words to wrap around', b'bytes!' * 3]


def gen(d):
    k = rnd(9 if d < 3 else 4)
    if k == 0:
        return rnd(100000) - 500
    if k == 1:
        return WORDS[rnd(len(WORDS))]
    if k == 2:
        return [rnd(50) for _ in range(rnd(12))]
    if k == 3:
        return (rnd(10) - 5) / 4
    if k == 4:
        return [gen(d + 1) for _ in range(rnd(6))]
    if k == 5:
        return pairs('k%d' % rnd(40), d, rnd(6))
    if k == 6:
        return tuple(gen(d + 1) for _ in range(rnd(4)))
    if k == 7:
        return {rnd(30) for _ in range(rnd(8))}
    return pairs(None, d, rnd(5))


def pairs(unused, d, n):
    # keys and values drawn in a fixed order (comprehension order may differ)
    out = {}
    for _ in range(n):
        key = rnd(20) if unused is None else 'k%d' % rnd(40)
        out[key] = gen(d + 1)
    return out


for k in range(60):
    obj = gen(0)
    kw = {'width': 10 + rnd(70), 'indent': 1 + rnd(4), 'compact': rnd(2) == 1}
    if rnd(4) == 0:
        kw['depth'] = 1 + rnd(3)
    print(k, sorted(kw.items()))
    print(pprint.pformat(obj, **kw))
