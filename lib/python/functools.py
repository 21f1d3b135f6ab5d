"""functools for mpbox: CPython's API on MicroPython.

MicroPython functions take no attributes, so update_wrapper/wraps return,
for a plain function wrapper, a small callable object that carries
__name__, __doc__ and __wrapped__ and binds as a method like a function.
"""

__all__ = ['WRAPPER_ASSIGNMENTS', 'WRAPPER_UPDATES', 'cache', 'cached_property', 'cmp_to_key', 'lru_cache',
           'partial', 'reduce', 'singledispatch', 'total_ordering', 'update_wrapper', 'wraps']

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
WRAPPER_UPDATES = ('__dict__',)

_missing = object()
# read from __wrapped__ when asked, not copied: a function's come from the
# program's source (lib/python/_mpbox_funcattrs.py), which a decorator
# should not make every program read
_LAZY = ('__qualname__', '__annotations__')


def _lazy_attr(self, name):
    # __getattr__ of the wrappers below
    if name not in _LAZY:
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
    wrapped = self.__wrapped__
    if name == '__qualname__':
        return getattr(wrapped, name, None) or getattr(wrapped, '__name__')
    return getattr(wrapped, name)


class _Bound:
    # a wrapper object bound to an instance, as a function becomes a method
    def __init__(self, func, obj):
        self.__func__ = func
        self.__self__ = obj

    def __call__(self, *args, **kwargs):
        return self.__func__(self.__self__, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.__func__, name)

    def __repr__(self):
        return '<bound method %s of %r>' % (getattr(self.__func__, '__name__', '?'), self.__self__)


class _Wrapper:
    # a function wrapper that can carry the attributes of what it wraps
    __doc__ = None  # MicroPython keeps no docstrings

    def __init__(self, func):
        self._func = func

    def __call__(self, *args, **kwargs):
        return self._func(*args, **kwargs)

    def __get__(self, obj, objtype=None):
        return self if obj is None else _Bound(self, obj)

    def __repr__(self):
        return '<function %s>' % getattr(self, '__qualname__', getattr(self, '__name__', '?'))

    __getattr__ = _lazy_attr


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    if getattr(wrapper, '__wrapped__', None) is not wrapped:
        # a function: MicroPython keeps no attributes on it
        wrapper = _Wrapper(wrapper)
        wrapper.__wrapped__ = wrapped
    lazy = isinstance(wrapper, _Wrapper)
    for name in assigned:
        if lazy and name in _LAZY:
            continue
        v = getattr(wrapped, name, _missing)
        if v is _missing and name == '__qualname__':
            v = getattr(wrapped, '__name__', _missing)
        if v is not _missing:
            try:
                setattr(wrapper, name, v)
            except (AttributeError, TypeError):
                pass
    for name in updated:
        src = getattr(wrapped, name, None)
        dst = getattr(wrapper, name, None)
        if isinstance(src, dict) and isinstance(dst, dict):
            for k in src:
                if k not in dst:
                    # an instance's __dict__ is a read-only copy in MicroPython
                    try:
                        setattr(wrapper, k, src[k])
                    except (AttributeError, TypeError):
                        pass
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


class partial:
    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError('the first argument must be callable')
        if isinstance(func, partial):  # flatten, as CPython does
            args = func.args + args
            kw = dict(func.keywords)
            kw.update(keywords)
            keywords = kw
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        if self.keywords:
            kw = dict(self.keywords)
            kw.update(keywords)
            keywords = kw
        return self.func(*(self.args + args), **keywords)

    def __repr__(self):
        parts = [repr(self.func)] + [repr(a) for a in self.args]
        parts += ['%s=%r' % (k, self.keywords[k]) for k in self.keywords]
        return 'functools.partial(' + ', '.join(parts) + ')'


def reduce(function, iterable, *initial):
    if len(initial) > 1:
        raise TypeError('reduce expected at most 3 arguments, got %d' % (2 + len(initial)))
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value') from None
    for x in it:
        value = function(value, x)
    return value


def cmp_to_key(mycmp):
    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


def total_ordering(cls):
    # the missing comparisons from one given one (and __eq__)
    def own(op):
        return getattr(cls, op, None) is not None and getattr(cls, op, None) is not getattr(object, op, None)

    roots = [op for op in ('__lt__', '__le__', '__gt__', '__ge__') if own(op)]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = roots[0]
    f = getattr(cls, root)
    derived = {
        '__lt__': {'__gt__': lambda a, b: _not_or(f(a, b), a == b, True),
                   '__le__': lambda a, b: _or_eq(f(a, b), a, b),
                   '__ge__': lambda a, b: _neg(f(a, b))},
        '__le__': {'__ge__': lambda a, b: _not_or(f(a, b), a == b, False),
                   '__lt__': lambda a, b: _and_ne(f(a, b), a, b),
                   '__gt__': lambda a, b: _neg(f(a, b))},
        '__gt__': {'__lt__': lambda a, b: _not_or(f(a, b), a == b, True),
                   '__ge__': lambda a, b: _or_eq(f(a, b), a, b),
                   '__le__': lambda a, b: _neg(f(a, b))},
        '__ge__': {'__le__': lambda a, b: _not_or(f(a, b), a == b, False),
                   '__gt__': lambda a, b: _and_ne(f(a, b), a, b),
                   '__lt__': lambda a, b: _neg(f(a, b))},
    }[root]
    for op, fn in derived.items():
        if op not in roots:
            setattr(cls, op, fn)
    return cls


def _neg(r):
    return r if r is NotImplemented else not r


def _or_eq(r, a, b):
    return r if r is NotImplemented else (r or a == b)


def _and_ne(r, a, b):
    return r if r is NotImplemented else (r and a != b)


def _not_or(r, eq, strict):
    # "not (r or eq)" for a strict root, "not r or eq" for a non-strict one
    if r is NotImplemented:
        return r
    return not (r or eq) if strict else (not r or eq)


class _CacheInfo(tuple):
    _fields = ('hits', 'misses', 'maxsize', 'currsize')

    def __init__(self, hits, misses, maxsize, currsize):
        super().__init__((hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return 'CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)' % tuple(self)

    __str__ = __repr__


class _KwMark:
    pass


_kwmark = (_KwMark,)


class _LRUWrapper:
    # The cache: a dict from the call key to a link [prev, next, key, value]
    # of a circular list, most recently used last (bounded caches only).
    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._func = func
        self._maxsize = maxsize
        self._typed = typed
        for name in WRAPPER_ASSIGNMENTS:
            if name in _LAZY:
                continue
            v = getattr(func, name, _missing)
            if v is not _missing:
                try:
                    setattr(self, name, v)
                except (AttributeError, TypeError):
                    pass
        self.cache_clear()

    def _key(self, args, kwargs):
        key = args
        if kwargs:
            key += _kwmark
            for k in kwargs:
                key += (k, kwargs[k])
        if self._typed:
            key += tuple([type(v) for v in args])
            if kwargs:
                key += tuple([type(v) for v in kwargs.values()])
        elif len(key) == 1 and type(key[0]) in (int, str):
            return key[0]
        return key

    def __call__(self, *args, **kwargs):
        key = self._key(args, kwargs)
        cache = self._cache
        link = cache.get(key, _missing)
        if link is not _missing:
            self._hits += 1
            if self._maxsize is None:
                return link
            root = self._root  # move to the most recent end
            link[0][1] = link[1]
            link[1][0] = link[0]
            last = root[0]
            last[1] = root[0] = link
            link[0] = last
            link[1] = root
            return link[3]
        self._misses += 1
        value = self._func(*args, **kwargs)
        if self._maxsize is None:
            cache[key] = value
        elif self._maxsize > 0 and key not in cache:
            root = self._root
            if len(cache) >= self._maxsize:  # drop the least recently used
                old = root[1]
                root[1] = old[1]
                old[1][0] = root
                del cache[old[2]]
            last = root[0]
            link = [last, root, key, value]
            last[1] = root[0] = link
            cache[key] = link
        return value

    def __get__(self, obj, objtype=None):
        return self if obj is None else _Bound(self, obj)

    def cache_info(self):
        return _CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache = {}
        self._hits = self._misses = 0
        root = []
        root[:] = [root, root, None, None]
        self._root = root

    def cache_parameters(self):
        return {'maxsize': self._maxsize, 'typed': self._typed}

    def __repr__(self):
        return '<functools._lru_cache_wrapper object>'

    __getattr__ = _lazy_attr


def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and isinstance(typed, bool):  # @lru_cache without arguments
        return _LRUWrapper(maxsize, 128, typed)
    if maxsize is not None:
        if not isinstance(maxsize, int):
            raise TypeError('Expected first argument to be an integer, a callable, or None')
        if maxsize < 0:
            maxsize = 0

    def decorator(func):
        return _LRUWrapper(func, maxsize, typed)
    return decorator


def cache(user_function):
    return _LRUWrapper(user_function, None, False)


class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = getattr(func, '__doc__', None)

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError('Cannot assign the same cached_property to two different names (%r and %r).'
                            % (self.attrname, name))

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError('Cannot use cached_property instance without calling __set_name__ on it.')
        value = self.func(instance)
        setattr(instance, self.attrname, value)  # found first from now on
        return value


def _bases_in_order(cls):
    # cls and its bases, nearest first (depth first; enough for dispatch)
    out = []
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c not in out:
            out.append(c)
            todo.extend(getattr(c, '__bases__', ()))
            if c is bool:  # MicroPython reports object as bool's base
                todo.insert(0, int)
    if object not in out:
        out.append(object)
    return out


class _SingleDispatch(_Wrapper):
    def __init__(self, func):
        _Wrapper.__init__(self, func)
        self.registry = {object: func}
        update_wrapper(self, func)

    def dispatch(self, cls):
        reg = self.registry
        for c in _bases_in_order(cls):
            if c in reg:
                return reg[c]
        return reg[object]

    def register(self, cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: self.register(cls, f)
            # @register on a function: the class is its first annotation
            func = cls
            anns = getattr(func, '__annotations__', None) or {}
            first = [(k, v) for k, v in anns.items() if k != 'return'][:1]
            if not first:
                raise TypeError('Invalid first argument to `register()`: %r. Use either `@register(some_class)` '
                                'or plain `@register` on an annotated function.' % (func,))
            name, cls = first[0]
            if isinstance(cls, str):  # from __future__ import annotations
                cls = eval(cls, getattr(func, '__globals__', {}))
            if not isinstance(cls, type):
                raise TypeError('Invalid annotation for %r. %r is not a class.' % (name, cls))
        self.registry[cls] = func
        return func

    def __call__(self, *args, **kwargs):
        if not args:
            raise TypeError('%s requires at least 1 positional argument' % getattr(self, '__name__', 'function'))
        return self.dispatch(type(args[0]))(*args, **kwargs)


def singledispatch(func):
    return _SingleDispatch(func)
