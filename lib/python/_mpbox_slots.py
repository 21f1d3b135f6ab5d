# __slots__ as CPython enforces it: an instance of a class whose every class
# (object aside) names its attributes in __slots__ has only those, and
# `p.z = 3` raises AttributeError: 'P' object has no attribute 'z'.
# MicroPython ignores __slots__. Loading this module (the start-up image
# does, lib/python/_preload.txt) wraps builtins.__build_class__: a class of
# the program (not of this library: its classes keep MicroPython's speed)
# that defines __slots__, inherits __slots__ from every base and has no
# __setattr__ keeps the names its instances may set (its slots, its bases'
# and the data descriptors it has by then) in a tuple in its own dict under
# _KEY. Storing that entry marks the class, and guest/binop
# then checks every attribute store to its instances in the guest, with no
# Python frame for an allowed name; a refused one comes to refused() here
# (through lib/python/_mpbox_binop.py's hook), which raises CPython's
# error. A subclass without __slots__ has a __dict__ in CPython and no
# entry here. In a program that reads docstrings, a class without one also
# gets __doc__ = None.
#
# The same wrapper gives class statements CPython's keywords (MicroPython's
# own __build_class__ takes none): `metaclass=abc.ABCMeta` (which is type
# here: no metaclasses) makes the class an abc.ABC, so that its abstract
# methods are checked and register() works; any other keyword goes to
# __init_subclass__ of the nearest base that defines one, which is called
# for every new class as in CPython (MicroPython never calls it), with
# object's default taking no keywords (guest/compat: super().__init_subclass__).
# Each new class is recorded under its bases for cls.__subclasses__(), and a
# class of the program that defines __eq__ without __hash__ (or sets
# __hash__ = None) reads Cls.__hash__ None, as CPython gives it, and its
# instances are unhashable: the guest hashes an instance whose class has an
# __eq__ and no __hash__ by refusing it ("unhashable type: 'C'"), so the
# class dict keeps no __hash__ entry (which the guest would call).
# A dict subclass of the program that defines __missing__ gets a
# __getitem__ that calls it for a missing key (MicroPython's dict never
# does), and a class that defines __round__ makes round() call it
# (lib/python/_numeric.py's round, as fractions and decimal install it).
# A subclass of int, float, list, dict ... that defines __repr__ and no
# __str__ prints with its __repr__ (CPython's str() of those is repr()).
# Written for mpbox.
import builtins
import sys
from _mpbox_types import subclasses as _subclasses, initialising as _initialising, docstrings as _docstrings, \
    unhashable as _unhashable, slots_key as _KEY

_LIBRARY = '/usr/lib/mpbox/'
_plain_build_class = builtins.__build_class__


def _own(cls, name):
    try:
        return cls.__dict__[name]
    except (KeyError, AttributeError):  # built-in classes may have no __dict__
        return None


def _slot_names(slots):
    return (slots,) if isinstance(slots, str) else tuple(slots)


def _limits(cls):
    # the names instances of cls may set, or None when they have a __dict__
    names = set()
    todo = [cls]
    seen = set()
    while todo:
        c = todo.pop()
        if c is object or c in seen:
            continue
        seen.add(c)
        slots = _own(c, '__slots__')
        if slots is None:
            return None
        slots = _slot_names(slots)
        if '__dict__' in slots:
            return None
        names.update(slots)
        todo.extend(c.__bases__)
    return frozenset(names)


def _lookup(cls, name):
    todo = [cls]
    while todo:
        c = todo.pop(0)
        attr = _own(c, name)
        if attr is not None:
            return attr
        todo.extend(c.__bases__)
    return None


_object_setattr = object.__setattr__


def _is_data_descriptor(attr):
    return isinstance(attr, property) or hasattr(attr, '__set__')


class _Interned:
    pass


def _interned(names):
    # the names as interned strings, which the guest compares by identity:
    # an instance's attribute names are (a name made at run time is not)
    o = _Interned()
    for n in names:
        setattr(o, n, None)
    return tuple(o.__dict__)


def _allowed(cls):
    # the names instances of cls may store, or None when they have a
    # __dict__: the slots, and the data descriptors of the classes (whose
    # stores reach the descriptor)
    names = _limits(cls)
    if names is None:
        return None
    allowed = set(names)
    todo = [cls]
    while todo:
        c = todo.pop()
        for name in getattr(c, '__dict__', ()):
            if name not in allowed and _is_data_descriptor(_lookup(cls, name)):
                allowed.add(name)
        todo.extend(c.__bases__)
    return _interned(allowed)


def refused(obj, name):
    # guest/binop: a store of `name` that the names kept under _KEY do not
    # cover (a descriptor added since, or no such attribute)
    cls = type(obj)
    names = _limits(cls)
    if names is None or name in names:
        return
    attr = _lookup(cls, name)
    if attr is None:
        raise AttributeError("'%s' object has no attribute '%s'" % (cls.__name__, name))
    if not _is_data_descriptor(attr):
        raise AttributeError("'%s' object attribute '%s' is read-only" % (cls.__name__, name))


def _metaclass(meta, bases):
    # the bases that stand for a metaclass this build has no way to apply
    if meta is type:
        abc = sys.modules.get('abc')
        if abc is not None and abc.ABCMeta is type and not any(issubclass(b, abc.ABC) for b in bases):
            return bases + (abc.ABC,)
        return bases
    raise TypeError('metaclass=%s: mpbox has no metaclasses (MicroPython cannot run them); '
                    'abc.ABCMeta works, and __init_subclass__ or a class decorator does what most '
                    'metaclasses do' % getattr(meta, '__name__', meta))


def object_init_subclass(cls, **kwargs):
    # object.__init_subclass__: the end of the chain
    if kwargs:
        raise TypeError('%s.__init_subclass__() takes no keyword arguments' % cls.__name__)


def _init_subclass(cls, kwargs):
    # the nearest base's __init_subclass__, bound to cls as CPython binds it
    # (an implicit class method); object's when no base defines one
    for b in cls.__mro__[1:]:
        if _own(b, '__init_subclass__') is not None:
            _initialising.append(cls)
            try:
                super(cls, cls).__init_subclass__(**kwargs)
            finally:
                _initialising.pop()
            return
    object_init_subclass(cls, **kwargs)


def _drop_qualname(cls):
    # MicroPython's compiler stores the bare name as __qualname__ in the
    # class; without it, Cls.__qualname__ asks guest/compat's door, which
    # reads the source (lib/python/_mpbox_funcattrs.py): 'Outer.Inner',
    # 'f.<locals>.C'. Every class drops it, or a subclass would find its
    # base's.
    if '__qualname__' in cls.__dict__:
        try:
            del cls.__qualname__
        except (AttributeError, TypeError):
            pass


def _drop_qualnames():
    # the classes made before __build_class__ was wrapped (the modules
    # loaded before this one), and the classes inside them
    for m in list(sys.modules.values()):
        for v in list(getattr(m, '__dict__', {}).values()):
            if isinstance(v, type):
                _drop_qualname(v)
                for w in list(v.__dict__.values()):
                    if isinstance(w, type):
                        _drop_qualname(w)


def _identity_eq(self, other):
    return True if self is other else NotImplemented


def _unhashable_hash(self):
    raise TypeError("unhashable type: '%s'" % type(self).__name__)


def unhashable(cls):
    """What `__hash__ = None` in CPython's class dict does: instances that
    refuse hash() ("unhashable type: 'C'") and Cls.__hash__ None."""
    _unhashable.add(cls)
    if '__hash__' in cls.__dict__:
        del cls.__hash__  # the guest would call it
    if getattr(cls, '__eq__', None) is None:
        cls.__eq__ = _identity_eq  # object's equality, for the guest's rule to see
    elif getattr(cls, '__hash__', None) is not None:
        cls.__hash__ = _unhashable_hash  # a base's __hash__, which the guest would call


def _hash_rule(cls):
    own = cls.__dict__
    if '__hash__' in own:
        if own['__hash__'] is None:
            unhashable(cls)
    elif '__eq__' in own:
        unhashable(cls)  # __eq__ without __hash__, as CPython


def _missing_getitem(self, key):
    # dict.__getitem__ as CPython's, for a subclass with __missing__
    try:
        return dict.__getitem__(self, key)
    except KeyError:
        return self.__missing__(key)


# built-in types whose str() is their repr() in CPython: a subclass's
# own __repr__ prints it (MicroPython prints the built-in value)
_STR_IS_REPR = (int, float, complex, list, tuple, dict, set, frozenset)


def _number_rules(cls):
    own = cls.__dict__
    if '__repr__' in own and '__str__' not in own and issubclass(cls, _STR_IS_REPR):
        cls.__str__ = own['__repr__']
    if '__missing__' in own and issubclass(cls, dict) and getattr(cls, '__getitem__', None) in (
            None, dict.__getitem__):
        cls.__getitem__ = _missing_getitem
    if '__round__' in own:
        from _numeric import install_round
        install_round()


def _build_class(func, name, *bases, **kwargs):
    if 'metaclass' in kwargs:
        bases = _metaclass(kwargs.pop('metaclass'), bases)
    cls = _plain_build_class(func, name, *bases)
    _drop_qualname(cls)
    program = not func.__globals__.get('__file__', '').startswith(_LIBRARY)
    if program:
        _hash_rule(cls)
        _number_rules(cls)
    # A program that reads docstrings (lib/python/_mpbox_rewrite.py): a
    # class without one has __doc__ None, not its base's.
    if id(func.__globals__) in _docstrings and '__doc__' not in cls.__dict__:
        cls.__doc__ = None
    for b in cls.__bases__:
        _subclasses.setdefault(b, []).append(cls)
    if bases:
        _init_subclass(cls, kwargs)
    elif kwargs:
        object_init_subclass(cls, **kwargs)
    if (program and _own(cls, '__slots__') is not None
            and getattr(cls, '__setattr__', None) in (None, _object_setattr)):
        allowed = _allowed(cls)
        if allowed is not None:
            setattr(cls, _KEY, allowed)  # marks the class (guest/binop)
    return cls


builtins.__build_class__ = _build_class
_drop_qualnames()
