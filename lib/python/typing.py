# typing for mpbox, written from the CPython 3.11 documentation: every
# commonly used name exists, is subscriptable and prints as in CPython, so
# annotated code runs. Nothing is checked. MicroPython does not evaluate
# annotations at all, so `def f(x: list[int])` already works; only runtime
# expressions such as `int | None` fail: use Optional[int] (`list[int]`
# works: lib/python/_mpbox_generic.py).
# Limits: typing aliases are not classes (isinstance(x, List) raises);
# Generic[T] and Protocol are plain bases (MyClass[int] is an alias that
# constructs MyClass);
# class-form NamedTuple and TypedDict read their fields from the class
# source (_classbody: module files, and the program text the host hands
# over); importing typing wraps builtins.__build_class__ for them and for
# class keywords (total=False), which MicroPython's class statement lacks.
import sys

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        mod = getattr(obj, '__module__', 'builtins')
        if mod == 'builtins':
            return obj.__name__
        return mod + '.' + getattr(obj, '__qualname__', obj.__name__)
    if obj is ...:
        return '...'
    if obj is None:
        return 'NoneType'
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    if callable(obj) and not isinstance(obj, (_Alias, _Form, TypeVar)) and hasattr(obj, '__name__'):
        return obj.__name__
    return repr(obj)


class _Alias:
    """A subscripted form: List[int], Union[int, str], ..."""

    def __init__(self, origin, args, name):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name

    def __repr__(self):
        if self._name == 'Callable' and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            return 'typing.Callable[%s, %s]' % (_type_repr(self.__args__[0]), _type_repr(self.__args__[1]))
        if self._name == 'Union' and len(self.__args__) == 2 and type(None) in self.__args__:
            other = [a for a in self.__args__ if a is not type(None)][0]
            return 'typing.Optional[%s]' % _type_repr(other)
        if self._name == 'Tuple' and self.__args__ == ():
            return 'typing.Tuple[()]'
        if self._name == 'Literal':
            return 'typing.Literal[%s]' % ', '.join(repr(a) for a in self.__args__)
        return 'typing.%s[%s]' % (self._name, ', '.join(_type_repr(a) for a in self.__args__))

    @property
    def __name__(self):
        # CPython 3.10+: the form's name; Union[X, None] is 'Optional'
        if self._name == 'Union' and len(self.__args__) == 2 and type(None) in self.__args__:
            return 'Optional'
        return self._name

    def _key(self):
        args = tuple(tuple(a) if isinstance(a, list) else a for a in self.__args__)
        if self._name == 'Union' or self._name == 'Literal':
            return (self._name, frozenset(args))  # their order does not count
        return (self._name, args)

    def __eq__(self, other):
        return isinstance(other, _Alias) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __getitem__(self, params):
        # List[T][int]: substitute type variables
        if not isinstance(params, tuple):
            params = (params,)
        tvars = [a for a in self.__args__ if isinstance(a, TypeVar)]
        sub = dict(zip(tvars, params))
        return _Alias(self.__origin__, tuple(sub.get(a, a) if isinstance(a, TypeVar) else a
                                             for a in self.__args__), self._name)

    def __call__(self, *args, **kwargs):
        o = self.__origin__
        if isinstance(o, type) and self._name not in _NOT_INST:
            return o(*args, **kwargs)
        if isinstance(o, type):
            raise TypeError('Type %s cannot be instantiated; use %s() instead' % (self._name, o.__name__))
        if self._name == 'Any':
            raise TypeError('Any cannot be instantiated')
        raise TypeError('Cannot instantiate typing.' + self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


_NOT_INST = ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type')


class _Form:
    """An unsubscripted name: List, Optional, Any, ..."""

    def __init__(self, name, origin=None, nparams=-1):
        self._name = name
        self.__origin__ = origin
        self._nparams = nparams

    def __repr__(self):
        return 'typing.' + self._name

    @property
    def __name__(self):
        return self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        name = self._name
        if self._nparams == 0:
            raise TypeError('typing.%s is not subscriptable' % name)
        if name == 'Optional':
            if len(params) != 1:
                raise TypeError('typing.Optional requires a single type. Got %r.' % (params,))
            return Union[params[0], None]
        if name == 'Union':
            return _union(params)
        if name == 'Callable' and len(params) == 2 and params[0] is not ...:
            params = (list(params[0]), params[1])
        if name == 'Annotated':
            if len(params) < 2:
                raise TypeError('Annotated[...] should be used with at least two arguments '
                                '(a type and an annotation).')
            a = _Alias(params[0], params, 'Annotated')
            a.__metadata__ = params[1:]
            return a
        if name in ('ClassVar', 'Final', 'Type', 'Required', 'NotRequired') and len(params) != 1:
            raise TypeError('typing.%s accepts only single type.' % name)
        params = tuple(None.__class__ if p is None and name != 'Literal' else p for p in params)
        return _Alias(self.__origin__ if self.__origin__ is not None else self, params, name)

    def __call__(self, *args, **kwargs):
        return _Alias.__call__(self, *args, **kwargs)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


def _union(params):
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _Alias) and p._name == 'Union':
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            if q not in flat:
                flat.append(q)
    if len(flat) == 1:
        return flat[0]
    return _Alias(Union, tuple(flat), 'Union')


Any = _Form('Any', None, 0)
NoReturn = _Form('NoReturn', None, 0)
Never = _Form('Never', None, 0)
Self = _Form('Self', None, 0)
LiteralString = _Form('LiteralString', None, 0)
TypeAlias = _Form('TypeAlias', None, 0)
Union = _Form('Union')
Optional = _Form('Optional')
Literal = _Form('Literal')
Final = _Form('Final')
ClassVar = _Form('ClassVar')
Annotated = _Form('Annotated')
TypeGuard = _Form('TypeGuard')
Required = _Form('Required')
NotRequired = _Form('NotRequired')
Unpack = _Form('Unpack')
Concatenate = _Form('Concatenate')


def _import(mod, name):
    try:
        return getattr(__import__(mod), name)
    except (ImportError, AttributeError):
        return None


List = _Form('List', list)
Dict = _Form('Dict', dict)
Set = _Form('Set', set)
FrozenSet = _Form('FrozenSet', frozenset)
Tuple = _Form('Tuple', tuple)
Type = _Form('Type', type)
DefaultDict = _Form('DefaultDict', _import('collections', 'defaultdict'))
OrderedDict = _Form('OrderedDict', _import('collections', 'OrderedDict'))
Counter = _Form('Counter', _import('collections', 'Counter'))
Deque = _Form('Deque', _import('collections', 'deque'))
ChainMap = _Form('ChainMap', _import('collections', 'ChainMap'))
Callable = _Form('Callable')
Text = str
AnyStr = None  # replaced below once TypeVar exists
for _n in ('Iterable', 'Iterator', 'Generator', 'Sequence', 'MutableSequence', 'Mapping',
           'MutableMapping', 'AbstractSet', 'MutableSet', 'Collection', 'Container', 'Hashable',
           'Sized', 'Reversible', 'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator',
           'AsyncGenerator', 'ContextManager', 'AsyncContextManager', 'KeysView', 'ValuesView',
           'ItemsView', 'MappingView', 'Pattern', 'Match', 'IO', 'TextIO', 'BinaryIO',
           'SupportsInt', 'SupportsFloat', 'SupportsComplex', 'SupportsBytes', 'SupportsIndex',
           'SupportsAbs', 'SupportsRound'):
    globals()[_n] = _Form(_n)
del _n


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        return ('+' if self.__covariant__ else '-' if self.__contravariant__ else '~') + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


AnyStr = TypeVar('AnyStr', bytes, str)


class ParamSpec(TypeVar):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        TypeVar.__init__(self, name, bound=bound, covariant=covariant, contravariant=contravariant)
        self.args = _Form(name + '.args', None, 0)
        self.kwargs = _Form(name + '.kwargs', None, 0)


class TypeVarTuple:
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


class _GenericBase:
    # Stack[int] for `class Stack(Generic[T])`: an alias that constructs
    # a Stack (the guest's subscript of a class calls this,
    # lib/python/_mpbox_generic.py)
    @classmethod
    def __class_getitem__(cls, params):
        import _mpbox_generic
        return _mpbox_generic.GenericAlias(cls, params)


class _GenericForm(_Form):
    def __getitem__(self, params):
        return _GenericBase


Generic = _GenericForm('Generic')


class Protocol:
    """Base of structural types. A class that names Protocol among its
    bases is a protocol: it cannot be instantiated, and isinstance() /
    issubclass() with it work only after @runtime_checkable, by the
    presence of its members (methods and attributes), as CPython's."""

    def __new__(cls, *args, **kwargs):
        if Protocol in cls.__bases__:
            raise TypeError('Protocols cannot be instantiated')
        return object.__new__(cls)

    def __class_getitem__(cls, params):
        # Protocol[T]: a generic protocol is the protocol itself here
        return cls


_NOT_MEMBERS = ('__module__', '__qualname__', '__doc__', '__dict__', '__weakref__', '__init__',
                '__new__', '__slots__', '__annotations__', '__parameters__', '__orig_bases__',
                '__abstractmethods__', '__protocol_attrs__', '__total__', '__class_getitem__',
                '__init_subclass__', '__subclasshook__', '_is_runtime_protocol')
_runtime = {}  # runtime-checkable protocol -> the names an instance must have


def _is_protocol(cls):
    return type(cls) is type and Protocol in getattr(cls, '__bases__', ())


def _members(cls):
    names = set()
    for c in cls.__mro__:
        if c is Protocol or c is object:
            continue
        if c is not cls and not _is_protocol(c):
            continue
        names.update(n for n in c.__dict__ if n not in _NOT_MEMBERS)
    return sorted(names)


def runtime_checkable(cls):
    if not _is_protocol(cls):
        raise TypeError('@runtime_checkable can be only applied to protocol classes, got %r' % cls)
    cls._is_runtime_protocol = True
    _runtime[cls] = _members(cls)
    _wrap_checks()
    return cls


def _protocol_check(cls):
    # None: not a protocol (the plain check decides); else its members
    if type(cls) is not type or not _is_protocol(cls):
        return None
    members = _runtime.get(cls)
    if members is None:
        raise TypeError('Instance and class checks can only be used with @runtime_checkable protocols')
    return members


def _structural(plain, plain_isinstance):
    # isinstance or issubclass (plain) that checks a runtime-checkable
    # protocol by the presence of its members
    def check(x, cls):
        if plain_isinstance(cls, tuple):
            return any(check(x, c) for c in cls)
        members = _protocol_check(cls)
        if members is None or plain(x, cls):
            return plain(x, cls)
        return all(hasattr(x, m) for m in members)
    return check


def _wrap_checks():
    if _wrapped:
        return
    plain_isinstance = _builtins.isinstance
    _builtins.isinstance = _structural(plain_isinstance, plain_isinstance)
    _builtins.issubclass = _structural(_builtins.issubclass, plain_isinstance)
    _wrapped.append(True)


_wrapped = []


def cast(typ, val):
    return val


def assert_type(val, typ):
    return val


def assert_never(arg):
    raise AssertionError('Expected code to be unreachable, but got: %r' % (arg,))


def reveal_type(obj):
    print('Runtime type is %r' % type(obj).__name__, file=sys.stderr)
    return obj


def overload(func):
    return func


def final(f):
    return f


def no_type_check(f):
    return f


def dataclass_transform(**kwargs):
    return lambda f: f


def get_overloads(func):
    return []


class NewType:
    def __init__(self, name, tp):
        self.__name__ = name
        self.__supertype__ = tp

    def __call__(self, x):
        return x

    def __repr__(self):
        return '__main__.' + self.__name__


def get_origin(tp):
    if isinstance(tp, _Alias):
        if tp._name == 'Annotated':
            return Annotated
        o = tp.__origin__
        if o is Union or tp._name in ('Literal', 'ClassVar', 'Final', 'Required', 'NotRequired', 'TypeGuard'):
            return _FORMS.get(tp._name, o)
        if tp._name in ('Callable',):
            return _import('collections.abc', 'Callable') or Callable
        return o
    if tp is Generic:
        return Generic
    return None


_FORMS = {'Union': Union, 'Literal': Literal, 'ClassVar': ClassVar, 'Final': Final,
          'Required': Required, 'NotRequired': NotRequired, 'TypeGuard': TypeGuard}


def get_args(tp):
    if isinstance(tp, _Alias):
        args = tp.__args__
        if tp._name == 'Annotated':
            return args
        return tuple(args)
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for klass in reversed(obj.__mro__):
            d = klass.__dict__.get('__annotations__')
            if d is None and klass is not object:
                # a class of the program: from its source (MicroPython keeps none)
                import _mpbox_funcattrs
                try:
                    d = _mpbox_funcattrs.class_annotations(klass)
                except AttributeError:  # a built-in class
                    d = None
            d = d or {}
            g = globalns if globalns is not None else _module_globals(klass)
            for k, v in d.items():
                hints[k] = _eval(v, g, localns)
        return hints
    d = getattr(obj, '__annotations__', None) or {}
    g = globalns if globalns is not None else getattr(obj, '__globals__', {})
    for k, v in d.items():
        hints[k] = _eval(v, g, localns)
    return hints


def _module_globals(cls):
    m = sys.modules.get(getattr(cls, '__module__', ''), None)
    if m is None and getattr(cls, '__module__', '') == '__main__':
        import __main__ as m
    return getattr(m, '__dict__', {})


def _eval(v, g, l):
    if v is None:
        return type(None)
    if isinstance(v, str):
        try:
            return eval(v, g, l) if l is not None else eval(v, g)
        except Exception:
            return v
    return v


def _fields_from_source(cls, base):
    # [(name, annotation text, has default)] of a class-form NamedTuple/TypedDict
    anns = cls.__dict__.get('__annotations__')
    if anns:
        return [(k, v, k in cls.__dict__) for k, v in anns.items()]
    from _classbody import class_body
    body = class_body(cls)
    if body is None:
        raise TypeError('%s: the fields of a class-form %s need the program source (not available '
                        'here); use the functional form %s(%r, [...])' % (cls.__name__, base, base, cls.__name__))
    return [(n, a, v) for n, a, v in body if a is not None and v != 'def']


class NamedTuple:
    """NamedTuple('P', [('x', int)]) or `class P(NamedTuple): x: int` (the
    class statement is turned into a namedtuple subclass by _build_class)."""

    def __new__(cls, *args, **kwargs):
        return _functional_nt(*args, **kwargs)


def _functional_nt(typename, fields=None, **kwargs):
    if fields is None:
        fields = list(kwargs.items())
    from collections import namedtuple
    nt = namedtuple(typename, [f[0] for f in fields])
    nt.__annotations__ = dict(fields)
    return nt


def _nt_values(qual, names, defaults, args, kwargs):
    if len(args) > len(names):
        raise TypeError('%s takes %d positional arguments but %d were given'
                        % (qual, len(names) + 1, len(args) + 1))
    vals = list(args)
    missing = []
    for n in names[len(args):]:
        if n in kwargs:
            vals.append(kwargs.pop(n))
        elif n in defaults:
            vals.append(defaults[n])
        else:
            missing.append(n)
    for n in names[:len(args)]:
        if n in kwargs:
            raise TypeError("%s got multiple values for argument '%s'" % (qual, n))
    if missing:
        q = ["'%s'" % m for m in missing]
        text = q[0] if len(q) == 1 else ', '.join(q[:-1]) + (',' if len(q) > 2 else '') + ' and ' + q[-1]
        raise TypeError('%s missing %d required positional argument%s: %s'
                        % (qual, len(missing), '' if len(missing) == 1 else 's', text))
    if kwargs:
        raise TypeError("%s got an unexpected keyword argument '%s'" % (qual, list(kwargs)[0]))
    return vals


def _annotations(fields, g):
    # {name: annotation} of a class body's [(name, text, ...)] as CPython
    # makes them: evaluated in the module's globals, unless the module has
    # `from __future__ import annotations` (texts then); a text that does
    # not evaluate stays a text
    future = sys.modules.get('__future__')
    if future is not None and g.get('annotations') is getattr(future, 'annotations', None):
        return {f[0]: f[1] for f in fields}
    return {f[0]: _eval(f[1], g, None) if isinstance(f[1], str) else f[1] for f in fields}


def _nt_class(cls, g):
    # the class statement's class -> a namedtuple subclass with its methods
    from collections import namedtuple
    fields = _fields_from_source(cls, 'NamedTuple')
    names = [f[0] for f in fields]
    own = cls.__dict__
    defaults = {n: own[n] for n, a, v in fields if v}
    name = cls.__name__
    ns = {}
    for k in own:
        if k not in defaults and k not in ('__dict__', '__qualname__'):
            ns[k] = own[k]
    ns['_field_defaults'] = defaults
    ns['__annotations__'] = _annotations(fields, g)
    ns.setdefault('__slots__', ())  # instances take no attributes, as CPython's
    qual = name + '.__new__()'
    holder = []

    def __init__(self, *args, **kwargs):
        super(holder[0], self).__init__(*_nt_values(qual, names, defaults, args, kwargs))
    ns['__init__'] = __init__
    real = type(name, (namedtuple(name, names),), ns)
    holder.append(real)
    return real


class TypedDict(dict):
    """TypedDict('Movie', {'title': str}) or `class Movie(TypedDict): ...`;
    calling the class gives a plain dict, as in CPython. A dict subclass,
    as CPython's TypedDict classes are: issubclass(Movie, dict) is True."""

    def __new__(cls, *args, **kwargs):
        if cls is TypedDict:
            return _functional_td(*args, **kwargs)
        return dict(*args, **kwargs)


def _functional_td(typename, fields=None, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    td = type(typename, (TypedDict,), {})
    td.__annotations__ = dict(fields)
    td.__total__ = total
    return td



# MicroPython's class statement takes no keywords: `class C(TypedDict,
# total=False)` would fail, so the keyword is taken off here.
import builtins as _builtins

_next_build_class = __build_class__  # a bare name sees another module's hook


def _td_class(cls, total, g):
    # a class-form TypedDict: its annotations (the bases' first), totality
    # and required/optional keys, as CPython's TypedDict metaclass sets them
    anns = {}
    required = set()
    optional = set()
    for b in reversed(cls.__mro__[1:]):
        if isinstance(b, type) and issubclass(b, TypedDict) and b is not TypedDict:
            anns.update(b.__dict__.get('__annotations__') or {})
            required |= b.__dict__.get('__required_keys__', frozenset())
            optional |= b.__dict__.get('__optional_keys__', frozenset())
    try:
        own = [(n, a) for n, a, v in _fields_from_source(cls, 'TypedDict')]
    except TypeError:
        own = []
    for n, a in _annotations(own, g).items():
        anns[n] = a
        (required if total else optional).add(n)
    cls.__annotations__ = anns
    cls.__total__ = total
    cls.__required_keys__ = frozenset(required)
    cls.__optional_keys__ = frozenset(optional)
    return cls


def _build_class(func, name, *bases, **kwargs):
    if NamedTuple in bases:
        return _nt_class(_next_build_class(func, name, *bases, **kwargs), func.__globals__)
    if any(isinstance(b, type) and issubclass(b, TypedDict) for b in bases):
        total = kwargs.pop('total', True)
        return _td_class(_next_build_class(func, name, *bases, **kwargs), total, func.__globals__)
    if kwargs:
        for b in bases:
            if isinstance(b, type) and (b is Protocol or b is _GenericBase):
                total = kwargs.pop('total', True)
                cls = _next_build_class(func, name, *bases, **kwargs)
                cls.__total__ = total
                return cls
    return _next_build_class(func, name, *bases, **kwargs)


_builtins.__build_class__ = _build_class
