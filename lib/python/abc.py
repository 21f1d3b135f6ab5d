# abc for mpbox, written from the CPython 3.11 documentation. MicroPython has
# no metaclasses, so: abstractmethod marks a function by wrapping it (the
# wrapper binds like the function it holds); ABC.__new__ refuses classes
# with abstract methods left, with CPython's message; register() records
# virtual subclasses, which isinstance()/issubclass() then honour, as they
# honour a class's own __subclasshook__ (the two builtins are wrapped only
# once something is registered or an ABC defines __subclasshook__).
import builtins

__all__ = ['ABC', 'ABCMeta', 'abstractmethod', 'abstractclassmethod', 'abstractstaticmethod',
           'abstractproperty', 'get_cache_token', 'update_abstractmethods']


class _Abstract:
    """An abstract method: calls go to the function it holds."""
    __isabstractmethod__ = True

    def __init__(self, func):
        self.__func__ = func
        self.__name__ = getattr(func, '__name__', '?')
        self.__doc__ = getattr(func, '__doc__', None)

    def __get__(self, obj, objtype=None):
        f = self.__func__
        if hasattr(f, '__get__'):
            return f.__get__(obj, objtype)
        if obj is None:
            return f
        return lambda *a, **k: f(obj, *a, **k)

    def __call__(self, *a, **k):
        return self.__func__(*a, **k)


def abstractmethod(funcobj):
    if isinstance(funcobj, (property, staticmethod, classmethod)):
        return _AbstractDescriptor(funcobj)
    return _Abstract(funcobj)


class _AbstractDescriptor(_Abstract):
    def __get__(self, obj, objtype=None):
        return self.__func__.__get__(obj, objtype)


def abstractclassmethod(f):
    return _AbstractDescriptor(classmethod(f))


def abstractstaticmethod(f):
    return _AbstractDescriptor(staticmethod(f))


def abstractproperty(f):
    return _AbstractDescriptor(property(f))


def _abstract_names(cls):
    names = []
    seen = set()
    for klass in cls.__mro__:
        d = getattr(klass, '__dict__', {})
        for name in d:
            if name in seen:
                continue
            seen.add(name)
            if getattr(d[name], '__isabstractmethod__', False):
                names.append(name)
    return sorted(names)


_virtual = {}  # ABC -> list of registered classes
_orig_isinstance = builtins.isinstance
_orig_issubclass = builtins.issubclass


def _is_virtual_sub(sub, abc_cls):
    for base in sub.__mro__:
        for target, regs in _virtual.items():
            if regs and base in regs and _orig_issubclass(target, abc_cls):
                return True
    return False


def _issubclass(sub, cls):
    if _orig_isinstance(cls, tuple):
        return any(_issubclass(sub, c) for c in cls)
    if _orig_issubclass(sub, cls):
        return True
    hook = getattr(cls, '__subclasshook__', None)
    if hook is not None and _orig_isinstance(cls, type) and _orig_issubclass(cls, ABC):
        r = hook(sub)
        if r is not NotImplemented:
            return bool(r)
    return _is_virtual_sub(sub, cls)


def _isinstance(obj, cls):
    if _orig_isinstance(obj, cls):
        return True
    if _orig_isinstance(cls, tuple):
        return any(_isinstance(obj, c) for c in cls)
    if not (_orig_isinstance(cls, type) and _orig_issubclass(cls, ABC)):
        return False
    return _issubclass(type(obj), cls)


_hooked = [False]


def _hook():
    global _orig_isinstance, _orig_issubclass
    if not _hooked[0]:
        # the builtins as they are now: another module's wrappers (typing's
        # runtime-checkable protocols) stay in the chain
        _orig_isinstance, _orig_issubclass = builtins.isinstance, builtins.issubclass
        builtins.isinstance = _isinstance
        builtins.issubclass = _issubclass
        _hooked[0] = True


class ABC:
    """Helper class: subclasses with abstract methods left cannot be
    instantiated."""
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        missing = _abstract_names(cls)
        if missing:
            raise TypeError("Can't instantiate abstract class %s with abstract method%s %s"
                            % (cls.__name__, 's' if len(missing) > 1 else '', ', '.join(missing)))
        return object.__new__(cls)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__abstractmethods__ = frozenset(_abstract_names(cls))
        if '__subclasshook__' in cls.__dict__:
            _hook()  # isinstance()/issubclass() now ask it

    @classmethod
    def register(cls, subclass):
        _virtual.setdefault(cls, []).append(subclass)
        _hook()
        return subclass

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented


ABCMeta = type  # no metaclasses here: ABCMeta(...) builds a plain class


def get_cache_token():
    return sum(len(v) for v in _virtual.values())


def update_abstractmethods(cls):
    return cls
