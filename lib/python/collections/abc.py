# collections.abc for mpbox, written from the CPython 3.11 documentation
# (the "Collections Abstract Base Classes" table: each ABC, what it
# inherits, its abstract methods and its mixin methods).
#
# The classes are abc.ABC subclasses (lib/python/abc.py: no metaclasses in
# MicroPython), so subclasses with abstract methods left refuse
# instantiation with CPython's message. The built-in types are registered
# as CPython registers them (list is a MutableSequence, dict a
# MutableMapping, ...), and the one-method ABCs (Iterable, Sized, Hashable,
# Callable, ...) recognise any class that defines the method, through
# __subclasshook__. Registering hooks isinstance()/issubclass() (abc.py):
# after `import collections.abc` they are Python functions.
#
# One difference: the guest's dict views share one type, so
# d.keys(), d.values() and d.items() are all registered as MappingView
# (and Sized, Iterable, Container), not as KeysView/ItemsView/ValuesView.
from abc import ABC, abstractmethod
from _mpbox_generic import GenericAlias as _GenericAlias, _arg_repr
import sys as _sys
import _mpbox_slots as _slots

__all__ = ['Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'AsyncGenerator',
           'Hashable', 'Iterable', 'Iterator', 'Generator', 'Reversible', 'Sized', 'Container',
           'Callable', 'Collection', 'Set', 'MutableSet', 'Mapping', 'MutableMapping',
           'MappingView', 'KeysView', 'ItemsView', 'ValuesView', 'Sequence', 'MutableSequence',
           'ByteString']

# the guest's built-in types that are not named anywhere else
_unhashable = (list, dict, set, bytearray)


def _check_methods(C, *methods):
    # True when each method is defined by C or a class it inherits from
    # (and not set to None there), else NotImplemented: CPython's rule
    mro = getattr(C, '__mro__', (C,))
    for method in methods:
        if method == '__hash__' and (getattr(C, '__hash__', 0) is None or C in _slots._unhashable):
            return NotImplemented  # __eq__ without __hash__, __hash__ = None: not in C's dict here
        for B in mro:
            if method == '__hash__' and B in _unhashable:
                return NotImplemented
            d = getattr(B, '__dict__', None)
            if d is not None and method in d:
                if d[method] is None:
                    return NotImplemented
                break
            if B is object and method == '__hash__':
                break
        else:
            return NotImplemented
    return True


def _by_methods(*methods):
    # the __subclasshook__ of an ABC that recognises the classes defining
    # methods; it answers for that ABC only, not for its subclasses
    def hook(cls, C):
        if cls.__dict__.get('__subclasshook__') is own:
            return _check_methods(C, *methods)
        return NotImplemented
    own = classmethod(hook)
    return own


def _throw(typ, val=None, tb=None):
    # the default throw(): raise the exception given as a class or instance
    if val is None:
        if tb is None:
            raise typ
        val = typ()
    raise val


def _close(obj, what):
    # the default close(): throw GeneratorExit in, which must end obj
    try:
        obj.throw(GeneratorExit)
    except (GeneratorExit, StopIteration):
        pass
    else:
        raise RuntimeError('%s ignored GeneratorExit' % what)


def _class_getitem(cls, params):
    return _GenericAlias(cls, params)


class Hashable(ABC):
    __slots__ = ()

    @abstractmethod
    def __hash__(self):
        return 0

    __subclasshook__ = _by_methods('__hash__')


class Awaitable(ABC):
    __slots__ = ()

    @abstractmethod
    def __await__(self):
        yield

    __subclasshook__ = _by_methods('__await__')

    __class_getitem__ = classmethod(_class_getitem)


class Coroutine(Awaitable):
    __slots__ = ()

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        _throw(typ, val, tb)

    def close(self):
        _close(self, 'coroutine')

    __subclasshook__ = _by_methods('__await__', 'send', 'throw', 'close')


class AsyncIterable(ABC):
    __slots__ = ()

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()

    __subclasshook__ = _by_methods('__aiter__')

    __class_getitem__ = classmethod(_class_getitem)


class AsyncIterator(AsyncIterable):
    __slots__ = ()

    @abstractmethod
    async def __anext__(self):
        raise StopAsyncIteration

    def __aiter__(self):
        return self

    __subclasshook__ = _by_methods('__anext__', '__aiter__')


class AsyncGenerator(AsyncIterator):
    __slots__ = ()

    async def __anext__(self):
        return await self.asend(None)

    @abstractmethod
    async def asend(self, value):
        raise StopAsyncIteration

    @abstractmethod
    async def athrow(self, typ, val=None, tb=None):
        _throw(typ, val, tb)

    async def aclose(self):
        try:
            await self.athrow(GeneratorExit)
        except (GeneratorExit, StopAsyncIteration):
            pass
        else:
            raise RuntimeError('asynchronous generator ignored GeneratorExit')

    __subclasshook__ = _by_methods('__aiter__', '__anext__', 'asend', 'athrow', 'aclose')


class Iterable(ABC):
    __slots__ = ()

    @abstractmethod
    def __iter__(self):
        while False:
            yield None

    __subclasshook__ = _by_methods('__iter__')

    __class_getitem__ = classmethod(_class_getitem)


class Iterator(Iterable):
    __slots__ = ()

    @abstractmethod
    def __next__(self):
        raise StopIteration

    def __iter__(self):
        return self

    __subclasshook__ = _by_methods('__iter__', '__next__')


class Reversible(Iterable):
    __slots__ = ()

    @abstractmethod
    def __reversed__(self):
        while False:
            yield None

    __subclasshook__ = _by_methods('__reversed__', '__iter__')


class Generator(Iterator):
    __slots__ = ()

    def __next__(self):
        return self.send(None)

    @abstractmethod
    def send(self, value):
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        _throw(typ, val, tb)

    def close(self):
        _close(self, 'generator')

    __subclasshook__ = _by_methods('__iter__', '__next__', 'send', 'throw', 'close')


class Sized(ABC):
    __slots__ = ()

    @abstractmethod
    def __len__(self):
        return 0

    __subclasshook__ = _by_methods('__len__')


class Container(ABC):
    __slots__ = ()

    @abstractmethod
    def __contains__(self, x):
        return False

    __subclasshook__ = _by_methods('__contains__')

    __class_getitem__ = classmethod(_class_getitem)


class Collection(Sized, Iterable, Container):
    __slots__ = ()

    __subclasshook__ = _by_methods('__len__', '__iter__', '__contains__')


class _CallableGenericAlias(_GenericAlias):
    # Callable[[int, str], bool]: the parameters print as a list
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(args[0]) is list:
            params = '[' + ', '.join(_arg_repr(a) for a in args[0]) + ']'
            return 'collections.abc.Callable[%s, %s]' % (params, _arg_repr(args[1]))
        return _GenericAlias.__repr__(self)


class Callable(ABC):
    __slots__ = ()

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False

    __subclasshook__ = _by_methods('__call__')

    @classmethod
    def __class_getitem__(cls, params):
        if not (type(params) is tuple and len(params) == 2):
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        if type(args) is list:
            return _CallableGenericAlias(cls, (args, result))
        if args is not Ellipsis:
            raise TypeError('Callable[args, result]: args must be a list. Got %s' % _arg_repr(args))
        return _CallableGenericAlias(cls, (args, result))


class Set(Collection):
    """A finite, iterable container: comparisons and the set operators
    from __contains__, __iter__ and __len__."""
    __slots__ = ()

    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        return cls(it)

    def __and__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not isinstance(other, Iterable):
            return NotImplemented
        return self._from_iterable([e for s in (self, other) for e in s])

    __ror__ = __or__

    def __sub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in self if value not in other)

    def __rsub__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return self._from_iterable(value for value in other if value not in self)

    def __xor__(self, other):
        if not isinstance(other, Set):
            if not isinstance(other, Iterable):
                return NotImplemented
            other = self._from_iterable(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def _hash(self):
        # an order-independent hash of the elements (for hashable
        # subclasses, which set __hash__ = Set._hash)
        h = 1927868237 * (len(self) + 1)
        for x in self:
            hx = hash(x)
            h ^= (hx ^ (hx << 16) ^ 89869747) * 3644798167
        h = h * 69069 + 907133923
        return h & 0x7fffffff

    __hash__ = None


class MutableSet(Set):
    __slots__ = ()

    @abstractmethod
    def add(self, value):
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        raise NotImplementedError

    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in [v for v in self if v not in it]:
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
        else:
            if not isinstance(it, Set):
                it = self._from_iterable(it)
            for value in it:
                if value in self:
                    self.discard(value)
                else:
                    self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
        else:
            for value in it:
                self.discard(value)
        return self


class Mapping(Collection):
    """A read-only mapping: get, keys, items, values, __contains__ and
    __eq__ from __getitem__, __iter__ and __len__."""
    __slots__ = ()

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

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
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __reversed__ = None
    __hash__ = None


class MappingView(Sized):
    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._mapping)

    __class_getitem__ = classmethod(_class_getitem)


class KeysView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)


class ItemsView(MappingView, Set):
    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value

    def __iter__(self):
        m = self._mapping
        for key in m:
            yield (key, m[key])


class ValuesView(MappingView, Collection):
    __slots__ = ()

    def __contains__(self, value):
        m = self._mapping
        for key in m:
            v = m[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        m = self._mapping
        for key in m:
            yield m[key]


class MutableMapping(Mapping):
    """A mapping that can change: pop, popitem, clear, update and
    setdefault from __setitem__ and __delitem__ (and Mapping's)."""
    __slots__ = ()

    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    _marker = object()

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is self._marker:
                raise
            return default
        del self[key]
        return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), **kwds):
        if isinstance(other, Mapping):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class Sequence(Reversible, Collection):
    """A read-only sequence: __iter__, __contains__, __reversed__, index
    and count from __getitem__ and __len__."""
    __slots__ = ()

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in range(len(self) - 1, -1, -1):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class ByteString(Sequence):
    __slots__ = ()


class MutableSequence(Sequence):
    """A sequence that can change: append, clear, reverse, extend, pop,
    remove and += from __setitem__, __delitem__ and insert."""
    __slots__ = ()

    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        raise IndexError

    def append(self, value):
        self.insert(len(self), value)

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def extend(self, values):
        if values is self:
            values = list(values)
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


# The built-in types, as CPython registers them.
def _register():
    import collections as _c

    def _types(*objs):
        out = []
        for o in objs:
            t = type(o)
            if t not in out:
                out.append(t)
        return out

    async def _co():
        pass

    def _gen():
        yield

    co = _co()
    iterators = _types(iter([]), iter(()), iter(''), iter(b''), iter(range(0)), iter({}),
                       iter(set()), zip(), map(str, ()), filter(None, ()), enumerate(()),
                       reversed([]))
    for t in iterators:
        Iterator.register(t)
    Generator.register(type(_gen()))
    if type(co) is not type(_gen()):  # in this build a coroutine is a generator
        Coroutine.register(type(co))
    co.close()
    for t in (int, float, complex, str, bytes, tuple, frozenset, type, type(None), bool,
              range, type(len), type(_register), type(Ellipsis)):
        Hashable.register(t)
    # the guest's built-in functions have one type per calling convention
    import builtins
    for t in _types(_register, _gen, [].append, str.join,
                    *[v for v in builtins.__dict__.values() if callable(v) and type(v) is not type]):
        Callable.register(t)

    class _M:
        def m(self):
            pass

    def _outer():
        x = 0

        def inner():
            return x
        return inner
    for t in _types(_M().m, _outer(), _M):
        Callable.register(t)
    Set.register(frozenset)
    MutableSet.register(set)
    MutableMapping.register(dict)
    Reversible.register(dict)
    for t in (tuple, str, range, memoryview):
        Sequence.register(t)
    ByteString.register(bytes)
    ByteString.register(bytearray)
    MutableSequence.register(list)
    MutableSequence.register(bytearray)
    MutableSequence.register(_c.deque)
    MutableMapping.register(_c.ChainMap)
    MutableMapping.register(_c.UserDict)
    MutableSequence.register(_c.UserList)
    MappingView.register(type({}.keys()))
    for abc in (Sized, Iterable, Container, Reversible):
        abc.register(type({}.keys()))
    try:
        import array
        MutableSequence.register(array.array)
    except ImportError:
        pass


_register()
del _register

# `import collections; collections.abc` works in CPython: the package holds
# its submodule once imported
setattr(_sys.modules['collections'], 'abc', _sys.modules[__name__])
