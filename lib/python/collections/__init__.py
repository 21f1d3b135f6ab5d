"""collections for mpbox: CPython's API on MicroPython.

The built-in dict keeps insertion order (host/map.c), so defaultdict and
Counter are plain dict subclasses. OrderedDict keeps its order beside the
dict (O(1) per operation) because move_to_end(last=False) and
popitem(last=False) must be O(1) too; its built-in dict, which json.dumps
and dict(x) read, is in insertion order, not move_to_end's.
"""
import sys as _sys

# The built-in C module (namedtuple's fast base).
from _builtin import builtin_module as _builtin_module
_c = _builtin_module('collections')
del _builtin_module

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList', 'defaultdict', 'deque', 'namedtuple']


_absent = object()


def _dict_repr(pairs):
    return '{' + ', '.join([repr(k) + ': ' + repr(v) for k, v in pairs]) + '}'


class _View:
    # keys/values/items of the ordered dicts, in their order
    def __init__(self, d, kind, name):
        self._d = d
        self._kind = kind
        self._name = name

    def __iter__(self):
        d = self._d
        if self._kind == 0:
            return iter(d)
        if self._kind == 1:
            return (d[k] for k in d)
        return ((k, d[k]) for k in d)

    def __reversed__(self):
        d = self._d
        ks = list(d)
        ks.reverse()
        if self._kind == 0:
            return iter(ks)
        if self._kind == 1:
            return (d[k] for k in ks)
        return ((k, d[k]) for k in ks)

    def __len__(self):
        return len(self._d)

    def __contains__(self, x):
        if self._kind == 0:
            return x in self._d
        if self._kind == 1:
            return any(v == x or v is x for v in self)
        k, v = x
        return k in self._d and self._d[k] == v

    def __eq__(self, other):
        if self._kind == 1:
            return self is other
        return set(self) == set(other)

    def __and__(self, other):
        return set(self) & set(other)

    def __or__(self, other):
        return set(self) | set(other)

    def __sub__(self, other):
        return set(self) - set(other)

    def __repr__(self):
        return self._name + ('_keys(', '_values(', '_items(')[self._kind] + repr(list(self)) + ')'


class _dictbase(dict):
    # What every dict subclass here adds to the built-in (ordered) dict:
    # defaultdict and Counter directly, OrderedDict through _odict.
    def __init__(self):
        super().__init__()  # else MicroPython passes the subclass's arguments to dict()

    def __str__(self):  # print() would show the built-in dict otherwise
        return self.__repr__()

    def _pairs(self):
        return list(self.items())

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        from copy import deepcopy
        r = self.copy()
        memo[id(self)] = r
        for k in r:
            r[k] = deepcopy(r[k], memo)
        return r

    def __eq__(self, other):
        if isinstance(other, dict):
            return len(self) == len(other) and all(k in other and other[k] == self[k] for k in self)
        return False

    def __ne__(self, other):
        return not self == other

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        r = self.copy()
        r.update(other)
        return r

    def __ior__(self, other):
        self.update(other)
        return self


class _odict(_dictbase):
    # Insertion order kept beside the dict: _back holds keys in order,
    # _front keys moved before the first (reversed); _pos maps a key to its
    # slot (i >= 0 in _back, -1 - j in _front). Slots of removed keys go
    # stale and are skipped; they are compacted when they pile up.
    _view_name = 'dict'

    def __init__(self):
        super().__init__()
        self._front = []
        self._back = []
        self._pos = {}
        self._head = 0
        self._stale = 0

    def __setitem__(self, k, v):
        pos = self._pos
        if k not in pos:
            pos[k] = len(self._back)
            self._back.append(k)
        super().__setitem__(k, v)

    def _forget(self, k):
        del self._pos[k]
        self._stale += 1
        if self._stale > len(self._pos) + 32:
            keys = list(self)
            self._front = []
            self._back = keys
            self._pos = {k: i for i, k in enumerate(keys)}
            self._head = 0
            self._stale = 0

    def __delitem__(self, k):
        super().__delitem__(k)
        self._forget(k)

    def __iter__(self):
        pos = self._pos
        f = self._front
        for j in range(len(f) - 1, -1, -1):
            k = f[j]
            if pos.get(k) == -1 - j:
                yield k
        b = self._back
        i = self._head
        while i < len(b):
            k = b[i]
            if pos.get(k) == i:
                yield k
            i += 1

    def __reversed__(self):
        ks = list(self)
        ks.reverse()
        return iter(ks)

    def keys(self):
        return _View(self, 0, self._view_name)

    def values(self):
        return _View(self, 1, self._view_name)

    def items(self):
        return _View(self, 2, self._view_name)

    def _pairs(self):
        return [(k, self[k]) for k in self]

    def update(self, other=(), **kw):
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k in kw:
            self[k] = kw[k]

    def setdefault(self, k, default=None):
        if k in self:
            return super().__getitem__(k)
        self[k] = default
        return default

    _none = object()

    def pop(self, k, default=_none):
        if k in self:
            v = super().pop(k)
            self._forget(k)
            return v
        if default is _odict._none:
            raise KeyError(k)
        return default

    def _last_key(self):
        pos, b, f = self._pos, self._back, self._front
        while len(b) > self._head and pos.get(b[-1]) != len(b) - 1:
            b.pop()
        if len(b) > self._head:
            return b[-1]
        for j in range(len(f)):  # only keys moved to the front are left
            if pos.get(f[j]) == -1 - j:
                return f[j]

    def _first_key(self):
        pos, b, f = self._pos, self._back, self._front
        while f and pos.get(f[-1]) != -len(f):
            f.pop()
        if f:
            return f[-1]
        while pos.get(b[self._head]) != self._head:
            self._head += 1
        return b[self._head]

    def popitem(self):
        if not self:
            raise KeyError('popitem(): dictionary is empty')
        k = self._last_key()
        return k, self.pop(k)

    def clear(self):
        super().clear()
        self._front = []
        self._back = []
        self._pos = {}
        self._head = 0
        self._stale = 0


class OrderedDict(_odict):
    _view_name = 'odict'

    def __init__(self, other=(), **kw):
        _odict.__init__(self)
        self.update(other, **kw)

    @classmethod
    def fromkeys(cls, keys, value=None):
        d = cls()
        for k in keys:
            d[k] = value
        return d

    def copy(self):
        return type(self)(self._pairs())

    def __eq__(self, other):  # two OrderedDicts: the order counts too
        if isinstance(other, OrderedDict):
            return _odict.__eq__(self, other) and list(self) == list(other)
        return _odict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def move_to_end(self, key, last=True):
        pos = self._pos
        if key not in pos:
            raise KeyError(key)
        self._stale += 1
        if last:
            pos[key] = len(self._back)
            self._back.append(key)
        else:
            pos[key] = -1 - len(self._front)
            self._front.append(key)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        k = self._last_key() if last else self._first_key()
        return k, self.pop(k)

    def __repr__(self):
        if not self:
            return type(self).__name__ + '()'
        return type(self).__name__ + '(' + repr(self._pairs()) + ')'


class defaultdict(_dictbase):
    def __init__(self, default_factory=None, *args, **kw):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        _dictbase.__init__(self)
        self.default_factory = default_factory
        self.update(*args, **kw)

    def __getitem__(self, k):
        v = self.get(k, _absent)  # the built-in get: faster than super()
        if v is _absent:
            return self.__missing__(k)
        return v

    def __missing__(self, k):
        if self.default_factory is None:
            raise KeyError(k)
        v = self.default_factory()
        self[k] = v
        return v

    def copy(self):
        return type(self)(self.default_factory, self._pairs())

    @classmethod
    def fromkeys(cls, keys, value=None):
        d = cls()
        for k in keys:
            d[k] = value
        return d

    def __repr__(self):
        return '%s(%r, %s)' % (type(self).__name__, self.default_factory, _dict_repr(self._pairs()))


class Counter(_dictbase):
    def __init__(self, iterable=None, **kw):
        _dictbase.__init__(self)
        self.update(iterable, **kw)

    def __getitem__(self, k):
        return self.get(k, 0)

    def __missing__(self, k):
        return 0

    def __delitem__(self, k):
        if k in self:
            super().__delitem__(k)

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        # highest count first, equal counts in insertion order: the built-in
        # sort is stable (host/sort.c), as CPython's
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:max(n, 0)]

    def elements(self):
        for k in self:
            c = self[k]
            if c > 0:
                for _ in range(c):
                    yield k

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError('Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, **kw):
        if iterable is not None:
            if isinstance(iterable, dict) or hasattr(iterable, 'keys'):
                for k in iterable.keys():
                    self[k] = self[k] + iterable[k]
            else:  # counted in a plain dict first: far fewer method calls
                counts = {}
                seen = []
                for k in iterable:
                    c = counts.get(k)
                    if c is None:
                        counts[k] = 1
                        seen.append(k)
                    else:
                        counts[k] = c + 1
                for k in seen:
                    self[k] = self.get(k, 0) + counts[k]
        for k in kw:
            self[k] = self[k] + kw[k]

    def subtract(self, iterable=None, **kw):
        if iterable is not None:
            if isinstance(iterable, dict) or hasattr(iterable, 'keys'):
                for k in iterable.keys():
                    self[k] = self[k] - iterable[k]
            else:
                for k in iterable:
                    self[k] = self[k] - 1
        for k in kw:
            self[k] = self[k] - kw[k]

    def copy(self):
        c = type(self)()
        for k in self:
            c[k] = self[k]
        return c

    def __repr__(self):
        if not self:
            return type(self).__name__ + '()'
        try:
            return '%s(%s)' % (type(self).__name__, _dict_repr(self.most_common()))
        except TypeError:  # counts that do not order
            return '%s(%s)' % (type(self).__name__, _dict_repr(self._pairs()))

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return _dictbase.__eq__(self, other)
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return other <= self

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return other < self

    def _combine(self, other, op, keep_other):
        if not isinstance(other, Counter):
            return NotImplemented
        r = Counter()
        for k in self:
            v = op(self[k], other[k])
            if v > 0:
                r[k] = v
        for k in other:
            if k not in self and keep_other:
                v = op(0, other[k])
                if v > 0:
                    r[k] = v
        return r

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b, True)

    def __sub__(self, other):
        return self._combine(other, lambda a, b: a - b, True)

    def __or__(self, other):
        return self._combine(other, lambda a, b: a if a >= b else b, True)

    def __and__(self, other):
        return self._combine(other, lambda a, b: a if a <= b else b, False)

    def __pos__(self):
        r = Counter()
        for k in self:
            if self[k] > 0:
                r[k] = self[k]
        return r

    def __neg__(self):
        r = Counter()
        for k in self:
            if self[k] < 0:
                r[k] = 0 - self[k]
        return r

    def _keep_positive(self):
        for k in [k for k in self if not self[k] > 0]:
            del self[k]
        return self

    def __iadd__(self, other):
        for k in other:
            self[k] = self[k] + other[k]
        return self._keep_positive()

    def __isub__(self, other):
        for k in other:
            self[k] = self[k] - other[k]
        return self._keep_positive()

    def __ior__(self, other):
        for k in other:
            if other[k] > self[k]:
                self[k] = other[k]
        return self._keep_positive()

    def __iand__(self, other):
        for k in list(self):
            if other[k] < self[k]:
                self[k] = other[k]
        return self._keep_positive()


class deque:
    """Double-ended queue: two lists back to back (the left one reversed),
    so both ends cost O(1) amortised."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._l = []
        self._r = []
        self._max = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._max

    def __len__(self):
        return len(self._l) + len(self._r)

    def __bool__(self):
        return bool(self._l) or bool(self._r)

    def __iter__(self):
        l = self._l
        for i in range(len(l) - 1, -1, -1):
            yield l[i]
        for x in self._r:
            yield x

    def __reversed__(self):
        r = self._r
        for i in range(len(r) - 1, -1, -1):
            yield r[i]
        for x in self._l:
            yield x

    def append(self, x):
        self._r.append(x)
        if self._max is not None and len(self) > self._max:
            self.popleft()

    def appendleft(self, x):
        self._l.append(x)
        if self._max is not None and len(self) > self._max:
            self.pop()

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def pop(self):
        if not self._r:
            l = self._l
            if not l:
                raise IndexError('pop from an empty deque')
            h = (len(l) + 1) // 2  # move the right half over
            self._r = l[:h][::-1]
            self._l = l[h:]
        return self._r.pop()

    def popleft(self):
        if not self._l:
            r = self._r
            if not r:
                raise IndexError('pop from an empty deque')
            h = (len(r) + 1) // 2
            self._l = r[:h][::-1]
            self._r = r[h:]
        return self._l.pop()

    def _index(self, i):
        n = len(self)
        if not isinstance(i, int):
            raise TypeError('sequence index must be integer, not ' + type(i).__name__)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError('deque index out of range')
        nl = len(self._l)
        return (self._l, nl - 1 - i) if i < nl else (self._r, i - nl)

    def __getitem__(self, i):
        lst, j = self._index(i)
        return lst[j]

    def __setitem__(self, i, x):
        lst, j = self._index(i)
        lst[j] = x

    def __delitem__(self, i):
        lst, j = self._index(i)
        del lst[j]

    def _set(self, items):
        self._l = []
        self._r = items

    def clear(self):
        self._set([])

    def copy(self):
        return deque(self, self._max)

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        d = deque((), self._max)
        memo[id(self)] = d
        d.extend([deepcopy(x, memo) for x in self])
        return d

    def count(self, x):
        return sum(1 for y in self if y is x or y == x)

    def index(self, x, start=0, stop=None):
        items = list(self)
        n = len(items)
        if stop is None:
            stop = n
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop += n
        for i in range(start, min(stop, n)):
            if items[i] is x or items[i] == x:
                return i
        raise ValueError('%r is not in deque' % (x,))

    def insert(self, i, x):
        if self._max is not None and len(self) >= self._max:
            raise IndexError('deque already at its maximum size')
        items = list(self)
        items.insert(i, x)
        self._set(items)

    def remove(self, x):
        items = list(self)
        for i in range(len(items)):
            if items[i] is x or items[i] == x:
                del items[i]
                self._set(items)
                return
        raise ValueError('deque.remove(x): x not in deque')

    def reverse(self):
        self._l, self._r = self._r, self._l

    def rotate(self, n=1):
        size = len(self)
        if size <= 1:
            return
        n %= size
        if n:
            items = list(self)
            self._set(items[-n:] + items[:-n])

    def __contains__(self, x):
        for y in self:
            if y is x or y == x:
                return True
        return False

    def __eq__(self, other):
        return isinstance(other, deque) and list(self) == list(other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return list(self) < list(other)

    def __le__(self, other):
        return list(self) <= list(other)

    def __gt__(self, other):
        return list(self) > list(other)

    def __ge__(self, other):
        return list(self) >= list(other)

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque' % type(other).__name__)
        d = deque(self, self._max)
        d.extend(other)
        return d

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(list(self) * n, self._max)

    def __repr__(self):
        s = 'deque(' + repr(list(self))
        return s + (')' if self._max is None else ', maxlen=%d)' % self._max)

    __hash__ = None


def _is_identifier(s):
    if not s or not (s[0].isalpha() or s[0] == '_'):
        return False
    for ch in s:
        if not (ch.isalpha() or ch.isdigit() or ch == '_'):
            return False
    return True


_keywords = frozenset((
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
    'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
    'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'))


def _nt_setattr(self, name, value):
    # a namedtuple has __slots__ = (): no attribute can be set, unless a
    # subclass without __slots__ (which has a __dict__ in CPython) comes
    # between it and the instance's class
    c = type(self)
    while '_fields' not in c.__dict__:
        if '__slots__' not in c.__dict__:
            object.__setattr__(self, name, value)
            return
        c = c.__bases__[0]
    if name in c._fields:
        raise AttributeError("can't set attribute")
    raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A tuple subclass with named fields (on MicroPython's C namedtuple,
    which gives the attribute access and the repr)."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    names = [str(f) for f in field_names]
    typename = str(typename)
    if rename:
        seen = set()
        for i, n in enumerate(names):
            if not _is_identifier(n) or n in _keywords or n.startswith('_') or n in seen:
                names[i] = '_%d' % i
            seen.add(names[i])
    for n in [typename] + names:
        if not _is_identifier(n):
            raise ValueError('Type names and field names must be valid identifiers: %r' % n)
        if n in _keywords:
            raise ValueError('Type names and field names cannot be a keyword: %r' % n)
    seen = set()
    for n in names:
        if n.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: %r' % n)
        if n in seen:
            raise ValueError('Encountered duplicate field name: %r' % n)
        seen.add(n)
    fields = tuple(names)
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError('Got more default values than field names')
    field_defaults = dict(zip(fields[len(fields) - len(defaults or ()):], defaults or ()))

    def _make(cls, iterable):
        values = tuple(iterable)
        if len(values) != len(fields):
            raise TypeError('Expected %d arguments, got %d' % (len(fields), len(values)))
        return cls(*values)

    def _replace(self, **kw):
        values = [kw.pop(f) if f in kw else self[i] for i, f in enumerate(fields)]
        if kw:
            raise ValueError('Got unexpected field names: %r' % list(kw))
        return type(self)(*values)

    def _asdict(self):
        return {f: self[i] for i, f in enumerate(fields)}

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        '_fields': fields,
        '_field_defaults': field_defaults,
        '_make': classmethod(_make),
        '_replace': _replace,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__setattr__': _nt_setattr,
        '__slots__': (),
        '__module__': module or '__main__',
    }
    if defaults:
        nf = len(fields)

        def __init__(self, *args, **kw):
            if len(args) > nf:
                raise TypeError('%s() takes %d positional arguments but %d were given' % (typename, nf, len(args)))
            values = list(args)
            for f in fields[len(args):]:
                if f in kw:
                    values.append(kw.pop(f))
                elif f in field_defaults:
                    values.append(field_defaults[f])
                else:
                    raise TypeError("%s() missing required argument: '%s'" % (typename, f))
            if kw:
                raise TypeError('%s() got an unexpected keyword argument %r' % (typename, next(iter(kw))))
            super(cls, self).__init__(*values)

        ns['__init__'] = __init__
    cls = type(typename, (_c.namedtuple(typename, fields),), ns)
    return cls


class ChainMap:
    """Several mappings seen as one; writes go to the first."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(self._keys())

    def _keys(self):
        seen = {}
        out = []
        for m in reversed(self.maps):
            for k in m:
                if k not in seen:
                    seen[k] = 1
                    out.append(k)
        return out

    def __iter__(self):
        return iter(self._keys())

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def keys(self):
        return self._keys()

    def values(self):
        return [self[k] for k in self._keys()]

    def items(self):
        return [(k, self[k]) for k in self._keys()]

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__, ', '.join(map(repr, self.maps)))

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return type(self)(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kw):
        if m is None:
            m = kw
        elif kw:
            m.update(kw)
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,))

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError('Key not found in the first mapping: %r' % (key,))

    def clear(self):
        self.maps[0].clear()

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), **kw):
        self.maps[0].update(other, **kw)

    def __eq__(self, other):
        return dict(self.items()) == dict(other.items() if hasattr(other, 'items') else other)


class MutableMapping:
    """Mixin: the dict methods from __getitem__, __setitem__, __delitem__,
    __iter__ and __len__ (as the module this one replaces offered)."""

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def pop(self, key, *default):
        try:
            v = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return v

    def popitem(self):
        for k in self:
            v = self[k]
            del self[k]
            return k, v
        raise KeyError

    def clear(self):
        for k in list(self):
            del self[k]

    def update(self, other=(), **kw):
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class UserDict(MutableMapping):
    def __init__(self, other=None, **kw):
        self.data = {}
        if other is not None:
            self.update(other)
        if kw:
            self.update(kw)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(type(self), '__missing__'):
            return self.__missing__(key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def copy(self):
        return type(self)(self.data)


class UserList:
    def __init__(self, initlist=None):
        self.data = list(initlist) if initlist is not None else []

    def __repr__(self):
        return repr(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i]

    def __setitem__(self, i, v):
        self.data[i] = v

    def __delitem__(self, i):
        del self.data[i]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, x):
        return x in self.data

    def __eq__(self, other):
        return self.data == (other.data if isinstance(other, UserList) else other)

    def append(self, x):
        self.data.append(x)

    def extend(self, xs):
        self.data.extend(xs)

    def insert(self, i, x):
        self.data.insert(i, x)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, x):
        self.data.remove(x)

    def sort(self, *a, **kw):
        self.data.sort(*a, **kw)

    def reverse(self):
        self.data.reverse()

    def index(self, x, *a):
        return self.data.index(x, *a)

    def count(self, x):
        return self.data.count(x)
