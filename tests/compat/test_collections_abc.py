# collections.abc: isinstance/issubclass of built-in and user classes, the
# mixin methods of each ABC, abstract-method checks, subscripting.
import collections.abc
from collections.abc import Iterable, Mapping, Callable, Sequence, MutableMapping, Hashable, Sized, Iterator, Generator, Set, MutableSet, MutableSequence, Container, Collection, Reversible
from collections import abc
import collections
print(abc is collections.abc, abc.Mapping)
for v in [[], (), '', b'', {}, set(), frozenset(), 1, 1.5, None, range(3), iter([]), (x for x in []), len, lambda: 0, bytearray(), collections.deque(), collections.OrderedDict(), collections.Counter()]:
    print(repr(v)[:12] if type(v).__name__ not in ('list_iterator','iterator','generator','function','builtin_function_or_method') else 'obj', [c.__name__ for c in (Iterable, Mapping, Callable, Sequence, MutableMapping, Hashable, Sized, Iterator, Generator, Set, MutableSet, MutableSequence, Container, Collection, Reversible) if isinstance(v, c)])
print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(int, Hashable), issubclass(list, Hashable))
class A:
    def __iter__(self): return iter([1])
    def __len__(self): return 1
print(isinstance(A(), Iterable), isinstance(A(), Sized), isinstance(A(), Collection), isinstance(A(), Hashable))
class B:
    def __eq__(self, o): return True
print(isinstance(B(), Hashable))
class D(Mapping):
    def __init__(self, **kw): self._d = kw
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
d = D(a=1, b=2)
print(d['a'], d.get('z', 9), 'a' in d, list(d.keys()), list(d.items()), list(d.values()), d == {'a': 1, 'b': 2}, len(d))
print(repr(d.keys()).split('(')[0], isinstance(d, Mapping), isinstance(d, MutableMapping))
class MM(MutableMapping):
    def __init__(self): self._d = {}
    def __getitem__(self, k): return self._d[k.lower()]
    def __setitem__(self, k, v): self._d[k.lower()] = v
    def __delitem__(self, k): del self._d[k.lower()]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
m = MM(); m['A'] = 1; m.update({'B': 2}, C=3); m.setdefault('d', 4)
print(dict(m), m.pop('a'), m.popitem(), len(m)); m.clear(); print(len(m))
try:
    MM.__abstractmethods__
    class Bad(Mapping): pass
    Bad()
except TypeError as e:
    print('TypeError', e)
class S(Sequence):
    def __init__(self, *a): self._a = a
    def __getitem__(self, i): return self._a[i]
    def __len__(self): return len(self._a)
s = S(3, 1, 3)
print(list(s), 3 in s, 5 in s, list(reversed(s)), s.index(1), s.count(3))
class L(MutableSequence):
    def __init__(self): self._a = []
    def __getitem__(self, i): return self._a[i]
    def __setitem__(self, i, v): self._a[i] = v
    def __delitem__(self, i): del self._a[i]
    def __len__(self): return len(self._a)
    def insert(self, i, v): self._a.insert(i, v)
l = L(); l.append(1); l.extend([2, 3]); l += [4]; l.reverse(); print(list(l), l.pop(), l.pop(0)); l.remove(3); print(list(l))
class St(Set):
    def __init__(self, it=()): self._s = list(dict.fromkeys(it))
    def __contains__(self, x): return x in self._s
    def __iter__(self): return iter(self._s)
    def __len__(self): return len(self._s)
a, b = St([1, 2, 3]), St([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= b, St([2]) < a, a == St([3, 2, 1]), a.isdisjoint([9]))
print(Callable[[int, str], bool], Iterable[int], Mapping[str, int], Callable[..., int])
def gen(): yield 1
print(isinstance(gen(), Generator), isinstance(gen, Callable), isinstance(print, Callable), isinstance(A, Callable), isinstance(A(), Callable))
print(sorted(collections.abc.__all__))
class Reg:
    pass
Sequence.register(Reg)
print(isinstance(Reg(), Sequence), isinstance(Reg(), Iterable), issubclass(Reg, MutableSequence))
print(Iterable, MutableMapping.__name__)
print([isinstance(x, (Mapping, Sequence)) for x in ({}, [], 1, 'a')])
print(isinstance(collections.ChainMap(), MutableMapping), isinstance(collections.UserList(), MutableSequence))



class Countdown(Generator):
    def __init__(self, n):
        self.n = n

    def send(self, value):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

    def throw(self, typ, val=None, tb=None):
        raise typ if val is None else val


c = Countdown(3)
print(next(c), list(c), isinstance(c, Iterator), c.close())
try:
    Countdown(1).throw(ValueError, ValueError('boom'))
except ValueError as e:
    print('ValueError', e)


class Stubborn(Generator):
    def send(self, value):
        return 1

    def throw(self, typ, val=None, tb=None):
        return 2


try:
    Stubborn().close()
except RuntimeError as e:
    print('RuntimeError', e)
print(issubclass(Countdown, Generator), issubclass(Countdown, Iterable), issubclass(Stubborn, Sized))


# Hashable follows __hash__ = None however a class gets it
class HashedBase:
    def __eq__(self, o): return True
    def __hash__(self): return 1
class EqAgain(HashedBase):
    def __eq__(self, o): return False
class NoneHash:
    __hash__ = None
print([isinstance(c(), Hashable) for c in (HashedBase, EqAgain, NoneHash, B)])
