# enum for mpbox, written from the CPython 3.11 documentation.
#
# How it works in MicroPython: a class statement cannot name a metaclass, and
# a class whose type is a metaclass cannot be a base. So Enum, IntEnum, ...
# are plain classes, and importing this module wraps builtins.__build_class__:
# a class statement with an enum base is routed to _Hook, which builds the
# class as an instance of EnumType (giving `for c in Color`, `len(Color)`,
# `Color(1)`, `Color['RED']`, `in`). Such an instance wraps a plain "inner"
# class that makes the members and holds the class attributes. Member order
# comes from the class source (_classbody); without it, members go by value.
# Importing enum also wraps isinstance/issubclass (MicroPython's refuse an
# EnumType class) and, while an enum body runs, classmethod (so that a
# classmethod gets the EnumType class, which can be iterated).
# Differences from CPython: type(Color.RED) is the inner class (prints
# <enum 'Color'> as CPython's, but cannot be iterated: use self.__class__
# or the enum's name);
# an enum class without members stays a plain class; int/str-valued members
# fail where MicroPython's C code needs a real int/str ('-'.join, json.dumps,
# format specs, dict keys given as StrEnum members, `2 < Prio.HIGH` with the
# int on the left): use .value there.
import builtins
import sys
from collections import OrderedDict as _OD

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum',
           'auto', 'unique', 'verify', 'member', 'nonmember', 'global_enum', 'property']

_auto_count = [0]


class auto:
    def __init__(self, value=None):
        _auto_count[0] += 1
        self._n = _auto_count[0]
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


# CPython gives auto() its value as soon as the class body assigns it, so
# the body can compute with it (ADMIN = READ | WRITE in a Flag). Here the
# value comes when the class is built: an operation on an auto() gives an
# _AutoExpr, worked out then from the values of the autos it names.
class _AutoExpr:
    def __init__(self, fn, args):
        self._fn = fn
        self._args = args

    def _value(self, resolved):
        return self._fn(*[_resolve(a, resolved) for a in self._args])


def _resolve(v, resolved):
    if isinstance(v, _AutoExpr):
        return v._value(resolved)
    if isinstance(v, auto):
        try:
            return resolved[id(v)]
        except KeyError:
            raise NameError('auto() used before it was given a value') from None
    return v


def _deferred_ops():
    import operator as op
    binary = {'or': op.or_, 'and': op.and_, 'xor': op.xor, 'add': op.add, 'sub': op.sub,
              'mul': op.mul, 'lshift': op.lshift, 'rshift': op.rshift, 'floordiv': op.floordiv,
              'mod': op.mod, 'pow': op.pow, 'truediv': op.truediv}
    for name, fn in binary.items():
        def forward(self, other, fn=fn):
            return _AutoExpr(fn, (self, other))

        def reflected(self, other, fn=fn):
            return _AutoExpr(fn, (other, self))
        for cls in (auto, _AutoExpr):
            setattr(cls, '__%s__' % name, forward)
            setattr(cls, '__r%s__' % name, reflected)
    for name, fn in {'invert': op.invert, 'neg': op.neg, 'pos': op.pos}.items():
        def unary(self, fn=fn):
            return _AutoExpr(fn, (self,))
        for cls in (auto, _AutoExpr):
            setattr(cls, '__%s__' % name, unary)


_deferred_ops()
del _deferred_ops


class nonmember:
    def __init__(self, value):
        self.value = value


class member:
    def __init__(self, value):
        self.value = value


def _is_descriptor(v):
    return callable(v) or isinstance(v, (property, classmethod, staticmethod, type))


class EnumType(type):
    def __iter__(cls):
        return iter([cls._member_map_[n] for n in cls._member_names_])

    def __reversed__(cls):
        return iter([cls._member_map_[n] for n in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, value):
        if _isa(value, cls):
            return True
        raise TypeError("unsupported operand type(s) for 'in': '%s' and 'EnumType'"
                        % type(value).__name__)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is not None:
            return _functional(cls, value, names, start, type)
        return cls._lookup(value)

    def __repr__(cls):
        if _subclass(cls, Flag):
            return "<flag '%s'>" % cls.__name__
        return "<enum '%s'>" % cls.__name__

    def __bool__(cls):
        return True

    def __setattr__(cls, name, value):
        if name == '_inner_':
            object.__setattr__(cls, name, value)
            return
        inner = cls._inner_
        if name in inner._member_map_:
            raise AttributeError('cannot reassign member %r' % name)
        setattr(inner, name, value)  # where lookups on cls find it

    def __delattr__(cls, name):
        inner = cls._inner_
        if name in inner._member_map_:
            raise AttributeError('%r cannot delete member %r.' % (cls.__name__, name))
        delattr(inner, name)

    # the wrapper would otherwise find the members' methods of these names
    def __str__(cls):
        return EnumType.__repr__(cls)

    def __format__(cls, spec):
        return format(EnumType.__repr__(cls), spec)

    def __hash__(cls):
        return hash(cls._inner_)

    def __eq__(cls, other):
        return cls is other

    def __ne__(cls, other):
        return cls is not other


EnumMeta = EnumType


def _new_member(cls, args):
    # A plain instance of cls, bypassing EnumType.__call__ and Enum.__new__
    # (MicroPython cannot reach type.__call__ or str.__new__ from Python).
    call = EnumType.__dict__.get('__call__')
    del EnumType.__call__
    news = []
    for c in _NEW_HOLDERS:
        news.append(c.__dict__['__new__'])
        del c.__new__
    try:
        return cls(*args)
    finally:
        EnumType.__call__ = call
        for c, n in zip(_NEW_HOLDERS, news):
            c.__new__ = n


def _mixin(bases):
    for b in bases:
        for t in (int, str, float):
            if issubclass(b, t):
                return t
    return None


class Enum:
    def __new__(cls, *args, **kwargs):
        # Enum('Name', 'A B C'): the functional API on a class without members
        if len(args) >= 2 or 'names' in kwargs:
            return _functional(cls, *args, **kwargs)
        raise TypeError('%s() takes a class name and member names' % cls.__name__)

    def __init__(self, *args, **kwargs):
        pass

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return '<%s.%s: %r>' % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        return '%s.%s' % (type(self).__name__, self._name_)

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        if self._mixin_ is not None:
            return hash(self._value_)
        return hash(self._name_)

    def __lt__(self, other):
        raise TypeError("'<' not supported between instances of '%s' and '%s'"
                        % (type(self).__name__, type(other).__name__))

    def __le__(self, other):
        raise TypeError("'<=' not supported between instances of '%s' and '%s'"
                        % (type(self).__name__, type(other).__name__))

    def __gt__(self, other):
        raise TypeError("'>' not supported between instances of '%s' and '%s'"
                        % (type(self).__name__, type(other).__name__))

    def __ge__(self, other):
        raise TypeError("'>=' not supported between instances of '%s' and '%s'"
                        % (type(self).__name__, type(other).__name__))

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            if isinstance(v, int):
                return v + 1
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    @classmethod
    def _lookup(cls, value):
        if _isa(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        r = getattr(cls, '_wrapper_', cls)._missing_(value)
        if _isa(r, cls):
            return r
        if r is not None:
            raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                            % (cls.__name__, r))
        raise ValueError('%r is not a valid %s' % (value, cls.__name__))


Enum._mixin_ = None


class ReprEnum(Enum):
    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


class IntEnum(int, ReprEnum):
    pass


IntEnum._mixin_ = int


class StrEnum(str, ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


StrEnum._mixin_ = str


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        high = 0
        for v in last_values:
            if isinstance(v, int) and v > high:
                high = v
        if not last_values:
            return start
        n = 1
        while n <= high:
            n <<= 1
        return n

    @classmethod
    def _lookup(cls, value):
        if _isa(value, cls):
            return value
        m = cls._value2member_map_.get(value) if isinstance(value, int) else None
        if m is not None:
            return m
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__name__))
        allbits = cls._all_bits_
        if value < 0:
            value = value & allbits if cls._mixin_ is None else value
        if value & ~allbits and cls._mixin_ is None:
            width = max(len(bin(value)), len(bin(allbits))) - 2
            raise ValueError("<flag '%s'> invalid value %d\n    given 0b0 %s\n  allowed 0b0 %s"
                             % (cls.__name__, value, _bits(value, width), _bits(allbits, width)))
        return _pseudo(cls, value)

    def _members(self):
        v = self._value_
        out = []
        for n in type(self)._member_names_:
            m = type(self)._member_map_[n]
            mv = m._value_
            if mv and mv & (mv - 1) == 0 and v & mv == mv:
                out.append(m)
        return out

    def __iter__(self):
        return iter(self._members())

    def __len__(self):
        return len(self._members())

    def __contains__(self, other):
        if not _isa(other, type(self)):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(other).__name__, type(self).__name__))
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def _other(self, other):
        if _isa(other, type(self)):
            return other._value_
        if self._mixin_ is not None and isinstance(other, int):
            return int(other)
        return None

    def __or__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return type(self)._lookup(self._value_ | o)

    def __and__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return type(self)._lookup(self._value_ & o)

    def __xor__(self, other):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return type(self)._lookup(self._value_ ^ o)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        cls = type(self)
        return cls._lookup(cls._all_bits_ & ~self._value_)

    def __repr__(self):
        if self._name_ is None:
            return '<%s: %r>' % (type(self).__name__, self._value_)
        return '<%s.%s: %r>' % (type(self).__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return '%s(%r)' % (type(self).__name__, self._value_)
        return '%s.%s' % (type(self).__name__, self._name_)


class IntFlag(int, ReprEnum, Flag):
    pass


# int and ReprEnum come before Flag in IntFlag's order: give IntFlag Flag's
# methods, as CPython's EnumType does with the operators of Flag classes
for _k in ('__repr__', '__iter__', '__len__', '__contains__', '__bool__', '__or__', '__and__',
           '__xor__', '__ror__', '__rand__', '__rxor__', '__invert__', '_lookup',
           '_generate_next_value_', '_members', '_other'):
    setattr(IntFlag, _k, Flag.__dict__[_k])
IntFlag.__str__ = ReprEnum.__dict__['__str__']
IntFlag.__format__ = ReprEnum.__dict__['__format__']
del _k
IntFlag._mixin_ = int
_NEW_HOLDERS = [Enum, IntEnum, StrEnum, IntFlag]
for _c in _NEW_HOLDERS[1:]:
    _c.__new__ = Enum.__dict__['__new__']
del _c


def _bits(n, width):
    b = bin(n)[2:]
    return '0' * (width - len(b)) + b


def _pseudo(cls, value):
    # a composite flag value: a member named after its parts
    names = []
    rest = value
    for n in cls._member_names_:
        mv = cls._member_map_[n]._value_
        if mv and mv & (mv - 1) == 0 and value & mv == mv:
            names.append(n)
            rest &= ~mv
    if rest:
        names.append(str(rest))
    m = _new_member(cls, (value,))
    m.__class__ = getattr(cls, '_wrapper_', cls)
    m._name_ = '|'.join(names) if names else None
    m._value_ = value
    if not rest:
        cls._value2member_map_[value] = m
    return m


_ENUM_BASES = (Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag)


def _order(modname, name, ns, members):
    from _classbody import body_of
    body = body_of(modname, name, ns)
    if body is not None:
        seen = [n for n, a, v in body if n in members]
        order = []
        for n in seen:
            if n not in order:
                order.append(n)
        for n in members:
            if n not in order:
                order.append(n)
        return order
    # no source: auto() in creation order, then by value
    autos = [n for n in members if isinstance(ns[n], auto)]
    if len(autos) == len(members):
        return sorted(members, key=lambda n: ns[n]._n)
    try:
        return sorted(members, key=lambda n: ns[n])
    except TypeError:
        return list(members)


def _build(name, bases, ns, order=None):
    for b in bases:
        if isinstance(b, EnumType) and b._member_names_:
            raise TypeError('<enum %r> cannot extend %r' % (name, b))
    members = []
    for k in list(ns):
        if k[:1] == '_' and (k[:2] == '__' or k[-1:] == '_'):
            continue
        v = ns[k]
        if isinstance(v, nonmember):
            ns[k] = v.value
            continue
        if isinstance(v, member):
            ns[k] = v.value
            members.append(k)
            continue
        if isinstance(v, (auto, _AutoExpr)) or not _is_descriptor(v):
            members.append(k)
    ignore = ns.get('_ignore_', ())
    if isinstance(ignore, str):
        ignore = ignore.split()
    for k in ignore:
        if k in members:
            members.remove(k)
        ns.pop(k, None)
    holder = [None]
    _bind_classmethods(ns, bases, holder)
    if not members:
        cls = type(name, bases, ns)
        holder[0] = cls
        return cls
    if order is None:
        order = _order(ns.get('__module__', '__main__'), name, ns, members)
    values = [ns.pop(k) for k in order]
    gen = ns.get('_generate_next_value_')
    if gen is None:
        for b in bases:
            gen = getattr(b, '_generate_next_value_', None)
            if gen is not None:
                break
    elif isinstance(gen, staticmethod):
        gen = gen.__func__
    last = []
    resolved = {}
    for i in range(len(values)):
        v = values[i]
        if isinstance(v, auto):
            if v.value is None:
                v = gen(order[i], 1, i, last[:])
            else:
                v = v.value
            resolved[id(values[i])] = v
        elif isinstance(v, _AutoExpr):
            v = v._value(resolved)
        values[i] = v
        last.append(v)
    mixin = _mixin(bases)
    ns['_mixin_'] = mixin
    if mixin is not None:
        # the native base would shadow what the enum bases define: copy
        # their special methods into the class, then value-based operators
        _copy_specials(bases, ns)
        ops = _OPS.get(mixin)
        if ops is None:
            ops = _OPS[mixin] = _mixin_ops(mixin)
        for k in ops:
            if k not in ns:
                ns[k] = ops[k]
    cls = EnumType(name, bases, ns)
    holder[0] = cls
    # MicroPython: cls is an EnumType instance wrapping a plain class (the
    # "inner" class); instances are made by, and class attributes stored in,
    # the inner class, which the wrapper delegates attribute lookups to.
    inner = None
    is_flag = _subclass(cls, Flag)
    allbits = 0
    names = []
    mmap = _OD()
    v2m = {}
    for k, v in zip(order, values):
        if mixin is str and _subclass(cls, StrEnum) and not isinstance(v, str):
            raise TypeError('%r is not a string' % (v,))
        alias = None
        for m in mmap.values():
            if m._value_ == v:
                alias = m
                break
        if alias is not None and not is_flag:
            mmap[k] = alias
            setattr(inner, k, alias)
            continue
        args = v if isinstance(v, tuple) and mixin is None else (v,)
        m = _new_member(cls if inner is None else inner, args)
        if inner is None:
            inner = type(m)
            inner._member_names_ = names
            inner._member_map_ = mmap
            inner._value2member_map_ = v2m
            cls._inner_ = inner
            inner._wrapper_ = cls
            inner.__mpbox_repr__ = EnumType.__repr__(cls)  # type(member) prints as the enum
        m._name_ = k
        m._value_ = v if mixin is None else mixin(v)
        m.__class__ = cls  # self.__class__ is then the iterable EnumType class
        # a Flag lists (iterates, counts) its one-bit members only, as
        # CPython 3.11: 0 and several-bit values are aliases
        if alias is None and not (is_flag and isinstance(v, int) and (not v or v & (v - 1))):
            names.append(k)
        mmap[k] = m
        try:
            v2m[m._value_] = m
        except TypeError:
            pass
        if is_flag and isinstance(v, int):
            allbits |= v
        setattr(inner, k, m)
    inner._all_bits_ = allbits
    inner.__members__ = dict(mmap)  # keys() etc. print as a dict's, as CPython's mappingproxy
    return cls


def _v(o):
    return getattr(o, '_value_', o)


def _mixin_ops(mixin):
    # MicroPython's int and str subclasses fail in many operations when the
    # instance is the right operand (1 < I.TWO, 'x' + S.A, sorted(...)): do
    # them on the plain value.
    ops = {
        '__lt__': lambda a, b: a._value_ < _v(b),
        '__le__': lambda a, b: a._value_ <= _v(b),
        '__gt__': lambda a, b: a._value_ > _v(b),
        '__ge__': lambda a, b: a._value_ >= _v(b),
        '__eq__': lambda a, b: a._value_ == _v(b),
        '__ne__': lambda a, b: a._value_ != _v(b),
        '__add__': lambda a, b: a._value_ + _v(b),
        '__radd__': lambda a, b: _v(b) + a._value_,
        '__mul__': lambda a, b: a._value_ * _v(b),
        '__rmul__': lambda a, b: _v(b) * a._value_,
        '__mod__': lambda a, b: a._value_ % _v(b),
    }
    if mixin is not str:
        ops.update({
            '__sub__': lambda a, b: a._value_ - _v(b),
            '__rsub__': lambda a, b: _v(b) - a._value_,
            '__truediv__': lambda a, b: a._value_ / _v(b),
            '__rtruediv__': lambda a, b: _v(b) / a._value_,
            '__floordiv__': lambda a, b: a._value_ // _v(b),
            '__rfloordiv__': lambda a, b: _v(b) // a._value_,
            '__rmod__': lambda a, b: _v(b) % a._value_,
            '__pow__': lambda a, b: a._value_ ** _v(b),
            '__rpow__': lambda a, b: _v(b) ** a._value_,
            '__neg__': lambda a: -a._value_,
            '__pos__': lambda a: +a._value_,
            '__abs__': lambda a: abs(a._value_),
            '__float__': lambda a: float(a._value_),
            '__int__': lambda a: int(a._value_),
            '__index__': lambda a: int(a._value_),
        })
    if mixin is int:
        ops.update({
            '__and__': lambda a, b: a._value_ & _v(b),
            '__rand__': lambda a, b: _v(b) & a._value_,
            '__or__': lambda a, b: a._value_ | _v(b),
            '__ror__': lambda a, b: _v(b) | a._value_,
            '__xor__': lambda a, b: a._value_ ^ _v(b),
            '__rxor__': lambda a, b: _v(b) ^ a._value_,
            '__lshift__': lambda a, b: a._value_ << _v(b),
            '__rshift__': lambda a, b: a._value_ >> _v(b),
            '__invert__': lambda a: ~a._value_,
        })
    return ops


_OPS = {}


def _copy_specials(bases, ns):
    for b in bases:
        if b in (int, str, float, object):
            continue
        for k, v in b.__dict__.items():
            if k[:2] == '__' and k[-2:] == '__' and k not in ns and k not in (
                    '__module__', '__qualname__', '__dict__', '__new__', '__init__', '__doc__'):
                if b is Enum and k in ('__lt__', '__le__', '__gt__', '__ge__'):
                    continue
                ns[k] = v
        _copy_specials(b.__bases__, ns)


def _functional(cls, typename, names=None, start=1, type=None, module=None, qualname=None,
                boundary=None):
    if isinstance(names, str):
        names = names.replace(',', ' ').split()
    items = []
    if isinstance(names, dict):
        items = list(names.items())
    else:
        names = list(names)
        if names and isinstance(names[0], str):
            last = []
            for i, n in enumerate(names):
                v = cls._generate_next_value_(n, start, i, last[:])
                last.append(v)
                items.append((n, v))
        else:
            items = [tuple(x) for x in names]
    bases = (type, cls) if type is not None else (cls,)
    ns = {'__module__': module or '__main__', '__qualname__': typename}
    for k, v in items:
        ns[k] = v
    return _build(typename, bases, ns, [k for k, v in items])


class _Hook(type):
    # the metaclass of the marker base put first by _build_class: MicroPython
    # calls it with the class body's namespace
    pass


_Marker = _Hook('_Marker', (), {})


def _hook_new(mcs, name, bases, ns):
    return _build(name, bases[1:], ns)


_Hook.__new__ = staticmethod(_hook_new)  # after the marker exists


def _is_enum_base(b):
    return _isinstance(b, type) and _subclass(b, Enum)


def _isa(obj, cls):
    if _isinstance(cls, EnumType):
        cls = cls._inner_
    return _isinstance(obj, cls)


def _subclass(c, base):
    # issubclass that also takes EnumType classes (MicroPython's refuses them)
    if c is base:
        return True
    for b in getattr(c, '__bases__', ()):
        if _subclass(b, base):
            return True
    return False


def _covers(c, classes, test):
    if isinstance(classes, tuple):
        for k in classes:
            if _covers(c, k, test):
                return True
        return False
    if _isinstance(classes, EnumType):
        classes = classes._inner_
    return test(c, classes)


_isinstance = isinstance  # (a bare name also sees builtins set at run time)
_issubclass = issubclass


def _enum_isinstance(obj, classes):
    if type(classes) is tuple:
        for k in classes:
            if type(k) is EnumType:
                return _covers(obj, classes, _isinstance)
        return _isinstance(obj, classes)
    try:
        return _isinstance(obj, classes)
    except TypeError:
        return _covers(obj, classes, _isinstance)


def _enum_issubclass(c, classes):
    if type(classes) is tuple:
        for k in classes:
            if type(k) is EnumType:
                if _isinstance(c, EnumType):
                    c = c._inner_
                return _covers(c, classes, _issubclass)
    try:
        return _issubclass(c, classes)
    except TypeError:
        if _isinstance(c, EnumType):
            c = c._inner_
        return _covers(c, classes, _issubclass)


_plain_build_class = __build_class__  # another module's hook, if any


class _ClassMethod:
    # stands for classmethod while an enum body runs: MicroPython binds a
    # classmethod to the inner class, which cannot be iterated or indexed
    def __init__(self, f):
        self.f = f


_plain_classmethod = classmethod


def _build_class(func, name, *bases, **kwargs):
    for b in bases:
        if _is_enum_base(b):
            if kwargs:
                kwargs.pop('boundary', None)
            return _with_classmethod(_ClassMethod, func, name, (_Marker,) + bases, kwargs)
    if classmethod is _ClassMethod:  # a plain class inside an enum body
        return _with_classmethod(_plain_classmethod, func, name, bases, kwargs)
    return _plain_build_class(func, name, *bases, **kwargs)


def _with_classmethod(cm, func, name, bases, kwargs):
    saved = classmethod
    builtins.classmethod = cm
    try:
        return _plain_build_class(func, name, *bases, **kwargs)
    finally:
        builtins.classmethod = saved


def _bind_classmethods(ns, bases, holder):
    # the body's classmethods, and those of member-less enum bases, are bound
    # to the class being made (kept as functions for subclasses to rebind)
    raw = {}
    for b in bases:
        for k, f in getattr(b, '_enum_classmethods_', {}).items():
            if k not in raw:
                raw[k] = f
    for k in list(ns):
        v = ns[k]
        if isinstance(v, _ClassMethod):
            raw[k] = v.f
        elif k in raw:
            del raw[k]  # overridden by something else
    for k, f in raw.items():
        if not isinstance(ns.get(k), _ClassMethod) and k in ns:
            continue
        ns[k] = staticmethod(_bound(f, holder))
    ns['_enum_classmethods_'] = raw


def _bound(f, holder):
    return lambda *a, **kw: f(holder[0], *a, **kw)


builtins.__build_class__ = _build_class
# MicroPython's isinstance/issubclass refuse classes whose type is a metaclass
builtins.isinstance = _enum_isinstance
builtins.issubclass = _enum_issubclass


def unique(enumeration):
    dups = []
    for n, m in enumeration._member_map_.items():
        if n != m._name_:
            dups.append((n, m._name_))
    if dups:
        raise ValueError('duplicate values found in %r: %s'
                         % (enumeration, ', '.join('%s -> %s' % d for d in dups)))
    return enumeration


def verify(*checks):
    return lambda e: e


def global_enum(e):
    return e


class EnumCheck:
    pass


UNIQUE = CONTINUOUS = NAMED_FLAGS = None
STRICT = CONFORM = EJECT = KEEP = None
property = property  # enum.property: a plain property here
