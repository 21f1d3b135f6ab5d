# dataclasses for mpbox, written from the CPython 3.11 documentation.
# MicroPython keeps no annotations: fields are read from the class source
# (_classbody: the module's file, or the program text the host hands over).
# Without the source only fields with a default are seen, in no particular
# order. The generated methods are closures, not exec'd source, so they cost
# no compilation; their errors read as CPython's. asdict() gives a dict, whose
# printed order in MicroPython is not the field order. slots= and
# weakref_slot= are accepted and ignored.
import sys
from collections import OrderedDict as _OD

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'make_dataclass', 'replace', 'is_dataclass']


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


class _KwOnlyType:
    def __repr__(self):
        return 'KW_ONLY'


KW_ONLY = _KwOnlyType()


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        t = self.type
        return 'dataclasses.InitVar[%s]' % (t.__name__ if isinstance(t, type) else repr(t))


_FIELD = 'field'
_CLASSVAR = 'classvar'
_INITVAR = 'initvar'


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,'
                'compare=%r,metadata=%r,kw_only=%r,_field_type=%s)' % (
                    self.name, self.type, self.default, self.default_factory, self.init, self.repr,
                    self.hash, self.compare, self.metadata, self.kw_only, self._field_type))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _ann_kind(ann):
    a = ann.strip()
    if a[:1] in '"\'':
        a = a[1:]
    for p in ('typing.', 't.', 'dataclasses.'):
        if a.startswith(p):
            a = a[len(p):]
    if a.startswith('ClassVar'):
        return _CLASSVAR
    if a.startswith('InitVar'):
        return _INITVAR
    if a == 'KW_ONLY':
        return 'kw'
    return _FIELD


def _globals_of(cls):
    try:
        m = sys.modules.get(cls.__module__)
        if m is None and cls.__module__ == '__main__':
            import __main__ as m
        return m.__dict__
    except Exception:
        return {}


def _eval_ann(ann, g):
    try:
        return eval(ann, g)
    except Exception:
        return ann


def _own_annotations(cls, body):
    # [(name, annotation text or object)] in definition order; body: the
    # class body from its source, or None
    own = cls.__dict__
    out = []
    if body is not None:
        for name, ann, val in body:
            if ann is not None and val != 'def':
                out.append((name, ann))
        return out
    anns = own.get('__annotations__')
    if anns:
        return list(anns.items())
    # no source: only the fields that have a value, in no particular order
    print('dataclasses: no source text for class %s (defined by exec?); fields without a '
          'default value are not seen' % cls.__name__, file=sys.stderr)
    for name in own:
        if name.startswith('__'):
            continue
        v = own[name]
        if isinstance(v, Field) or not (callable(v) or isinstance(v, (property, classmethod, staticmethod))):
            out.append((name, 'typing.Any'))
    return out


def _fields_of(cls):
    return getattr(cls, '__dataclass_fields__', None)


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, given=None):
    all_fields = _OD()
    for b in reversed(cls.__bases__):
        bf = _fields_of(b)
        if bf:
            for f in bf.values():
                all_fields[f.name] = f
    own = cls.__dict__
    if given is None:
        from _classbody import describe
        body, q, postponed = describe(cls)  # before the defaults go
        annotations = _own_annotations(cls, body)
    else:
        annotations, q, postponed = given, cls.__name__, False
    g = _globals_of(cls)
    kw_default = kw_only
    anns = _OD()
    for name, ann in annotations:
        kind = _ann_kind(ann) if isinstance(ann, str) else _FIELD
        if kind == 'kw':
            kw_default = True
            continue
        typ = _eval_ann(ann, g) if isinstance(ann, str) and not postponed else ann
        anns[name] = typ
        d = own.get(name, MISSING)
        if isinstance(d, Field):
            f = d
        else:
            if isinstance(d, (list, dict, set)):
                raise ValueError('mutable default %r for field %s is not allowed: use default_factory'
                                 % (type(d), name))
            f = field(default=d)
        f.name = name
        f.type = typ
        f._field_type = kind
        if f.kw_only is MISSING:
            f.kw_only = kw_default
        if kind == _CLASSVAR:
            if f.default_factory is not MISSING:
                raise TypeError('field %s cannot have a default factory' % name)
        if kind == _FIELD and isinstance(f.default, (list, dict, set)):
            raise ValueError('mutable default %r for field %s is not allowed: use default_factory'
                             % (type(f.default), name))
        # the class attribute keeps the default value, or goes when there is none
        if isinstance(d, Field):
            if f.default is MISSING:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass
            else:
                setattr(cls, name, f.default)
        all_fields[name] = f
    if '__annotations__' not in own:
        cls.__annotations__ = anns
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = (init, repr, eq, order, unsafe_hash, frozen)
    flist = [f for f in all_fields.values() if f._field_type == _FIELD]
    name = cls.__name__

    for b in cls.__bases__:
        if _fields_of(b) is not None:
            bfrozen = b.__dataclass_params__[5]
            if bfrozen and not frozen:
                raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
            if frozen and not bfrozen:
                raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    if init and '__init__' not in own:
        cls.__init__ = _make_init(cls, all_fields, frozen, name)
    if repr and '__repr__' not in own:
        cls.__repr__ = _make_repr([f.name for f in flist if f.repr], None if q == name else q, cls)
    cmp = tuple(f.name for f in flist if f.compare)
    if eq and '__eq__' not in own:
        cls.__eq__ = _make_cmp(cmp, None)
        cls.__ne__ = _make_cmp(cmp, 'ne')
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for op in ('lt', 'le', 'gt', 'ge'):
            if '__%s__' % op in own:
                raise TypeError('Cannot overwrite attribute __%s__ in class %s. Consider using '
                                'functools.total_ordering' % (op, name))
            setattr(cls, '__%s__' % op, _make_cmp(cmp, op))
    if frozen:
        names = set(all_fields)

        def __setattr__(self, k, v):
            if type(self) is cls or k in names:
                raise FrozenInstanceError("cannot assign to field '%s'" % k)
            object.__setattr__(self, k, v)

        def __delattr__(self, k):
            if type(self) is cls or k in names:
                raise FrozenInstanceError("cannot delete field '%s'" % k)
            object.__delattr__(self, k)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    has_hash = '__hash__' in own
    hfields = tuple(f.name for f in flist if (f.compare if f.hash is None else f.hash))
    if unsafe_hash:
        if has_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class %s' % name)
        cls.__hash__ = _make_hash(hfields)
    elif eq and frozen:
        if not has_hash:
            cls.__hash__ = _make_hash(hfields)
    elif eq and not has_hash:
        import _mpbox_slots
        _mpbox_slots.unhashable(cls)  # CPython's __hash__ = None
    if match_args and '__match_args__' not in own:
        cls.__match_args__ = tuple(f.name for f in flist if f.init and not f.kw_only)
    return cls


def _plural(n, word):
    return '%d %s%s' % (n, word, '' if n == 1 else 's')


def _quoted(names):
    q = ["'%s'" % n for n in names]
    if len(q) == 1:
        return q[0]
    if len(q) == 2:
        return q[0] + ' and ' + q[1]
    return ', '.join(q[:-1]) + ', and ' + q[-1]


def _make_init(cls, all_fields, frozen, cname):
    params = [f for f in all_fields.values() if f.init and f._field_type != _CLASSVAR]
    pos = [f for f in params if not f.kw_only]
    kwo = [f for f in params if f.kw_only]
    seen_default = None
    for f in pos:
        if f.default is MISSING and f.default_factory is MISSING:
            if seen_default is not None:
                raise TypeError("non-default argument '%s' follows default argument" % f.name)
        else:
            seen_default = f
    allnames = [f.name for f in params]
    npos = len(pos)
    nreq = len([f for f in pos if f.default is MISSING and f.default_factory is MISSING])
    noinit = [f for f in all_fields.values()
              if not f.init and f._field_type == _FIELD
              and (f.default is not MISSING or f.default_factory is not MISSING)]
    initvars = [f.name for f in params if f._field_type == _INITVAR]
    qual = cname + '.__init__()'
    setter = object.__setattr__ if frozen else setattr

    def __init__(self, *args, **kwargs):
        n = len(args)
        if n > npos:
            if nreq == npos:
                want = _plural(npos + 1, 'positional argument')
            else:
                want = 'from %d to %d positional arguments' % (nreq + 1, npos + 1)
            raise TypeError('%s takes %s but %d %s given' % (qual, want, n + 1, 'was' if n == 0 else 'were'))
        values = {}
        for i in range(n):
            values[pos[i].name] = args[i]
        for k in kwargs:
            if k not in allnames:
                raise TypeError("%s got an unexpected keyword argument '%s'" % (qual, k))
            if k in values:
                raise TypeError("%s got multiple values for argument '%s'" % (qual, k))
            values[k] = kwargs[k]
        for group, what in ((pos, 'positional argument'), (kwo, 'keyword-only argument')):
            missing = []
            for f in group:
                if f.name not in values:
                    if f.default is not MISSING:
                        values[f.name] = f.default
                    elif f.default_factory is not MISSING:
                        values[f.name] = f.default_factory()
                    else:
                        missing.append(f.name)
            if missing:
                raise TypeError('%s missing %s: %s' % (qual, _plural(len(missing), 'required ' + what),
                                                     _quoted(missing)))
        for f in params:
            if f._field_type == _FIELD:
                setter(self, f.name, values[f.name])
        for f in noinit:
            setter(self, f.name, f.default if f.default is not MISSING else f.default_factory())
        post = getattr(self, '__post_init__', None)
        if post is not None:
            post(*[values[k] for k in initvars])
        # a class with many instances gets a compiled __init__ (compiling
        # costs about a millisecond: not worth it for a few instances)
        calls[0] += 1
        if calls[0] == _COMPILE_AFTER and cls.__dict__.get('__init__') is __init__:
            try:
                cls.__init__ = _compiled_init(params, noinit, initvars, frozen, __init__)
            except Exception:
                pass
    calls = [0]
    return __init__


_COMPILE_AFTER = 50


def _compiled_init(params, noinit, initvars, frozen, slow):
    # Straight-line code for the calls that bind without error; anything else
    # (a missing or unexpected argument) goes to the general __init__, which
    # reports it as CPython does.
    g = {'_slow': slow, '_set': object.__setattr__, '_MISSING': MISSING}
    npos = len([f for f in params if not f.kw_only])
    lines = ['def __init__(self, *args, **kwargs):',
             '    n = len(args)',
             '    if n > %d:' % npos,
             '        return _slow(self, *args, **kwargs)',
             '    used = 0']
    i = 0
    for k, f in enumerate(params):
        v = '_v%d' % k
        name = repr(f.name)
        if not f.kw_only:
            lines.append('    if n > %d:' % i)
            lines.append('        %s = args[%d]' % (v, i))
            lines.append('    elif %s in kwargs:' % name)
            i += 1
        else:
            lines.append('    if %s in kwargs:' % name)
        lines.append('        %s = kwargs[%s]' % (v, name))
        lines.append('        used += 1')
        if f.default is not MISSING:
            g['_d%d' % k] = f.default
            lines.append('    else:')
            lines.append('        %s = _d%d' % (v, k))
        elif f.default_factory is not MISSING:
            g['_f%d' % k] = f.default_factory
            lines.append('    else:')
            lines.append('        %s = _f%d()' % (v, k))
        else:
            lines.append('    else:')
            lines.append('        return _slow(self, *args, **kwargs)')
    lines.append('    if used != len(kwargs):')
    lines.append('        return _slow(self, *args, **kwargs)')
    for k, f in enumerate(params):
        if f._field_type == _FIELD:
            if frozen:
                lines.append('    _set(self, %r, _v%d)' % (f.name, k))
            else:
                lines.append('    self.%s = _v%d' % (f.name, k))
    for k, f in enumerate(noinit):
        if f.default is not MISSING:
            g['_n%d' % k] = f.default
            value = '_n%d' % k
        else:
            g['_n%d' % k] = f.default_factory
            value = '_n%d()' % k
        if frozen:
            lines.append('    _set(self, %r, %s)' % (f.name, value))
        else:
            lines.append('    self.%s = %s' % (f.name, value))
    names = [f.name for f in params]
    args = ', '.join('_v%d' % names.index(n) for n in initvars)
    lines.append("    post = getattr(self, '__post_init__', None)")
    lines.append('    if post is not None:')
    lines.append('        post(%s)' % args)
    exec('\n'.join(lines), g)
    return g['__init__']


_repr_running = set()


def _make_repr(names, qual, cls):
    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            return '%s(%s)' % (qual if qual and type(self) is cls else type(self).__name__,
                               ', '.join('%s=%r' % (n, getattr(self, n)) for n in names))
        finally:
            _repr_running.discard(key)
    return __repr__


_SYMBOLS = {'lt': '<', 'le': '<=', 'gt': '>', 'ge': '>='}


def _make_cmp(names, op):
    def key(o):
        return tuple(getattr(o, n) for n in names)
    if op is None:
        def cmp(self, other):
            if other.__class__ is self.__class__:
                return key(self) == key(other)
            return NotImplemented
    elif op == 'ne':
        def cmp(self, other):
            if other.__class__ is self.__class__:
                return key(self) != key(other)
            return NotImplemented
    else:
        sym = _SYMBOLS[op]

        def cmp(self, other):
            if other.__class__ is self.__class__:
                a = key(self)
                b = key(other)
                if op == 'lt':
                    return a < b
                if op == 'le':
                    return a <= b
                if op == 'gt':
                    return a > b
                return a >= b
            raise TypeError("'%s' not supported between instances of '%s' and '%s'"
                            % (sym, type(self).__name__, type(other).__name__))
    return cmp


def _make_hash(names):
    def __hash__(self):
        return hash(tuple(getattr(self, n) for n in names))
    return __hash__


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    f = _fields_of(class_or_instance)
    if f is None:
        raise TypeError('must be called with a dataclass type or instance')
    return tuple(x for x in f.values() if x._field_type == _FIELD)


def is_dataclass(obj):
    return _fields_of(obj if isinstance(obj, type) else type(obj)) is not None


def _is_instance(obj):
    return not isinstance(obj, type) and _fields_of(type(obj)) is not None


def _copy(v):
    try:
        import copy
        return copy.deepcopy(v)
    except Exception:
        return v


def _asdict(obj, factory):
    if _is_instance(obj):
        return factory([(f.name, _asdict(getattr(obj, f.name), factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict(k, factory), _asdict(v, factory)) for k, v in obj.items())
    return _copy(obj)


def asdict(obj, *, dict_factory=dict):
    if not _is_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict(obj, dict_factory)


def _astuple(obj, factory):
    if _is_instance(obj):
        return factory([_astuple(getattr(obj, f.name), factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple(v, factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple(v, factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple(k, factory), _astuple(v, factory)) for k, v in obj.items())
    return _copy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple(obj, tuple_factory)


def replace(obj, **changes):
    if not _is_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type == _CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError('field %s is declared with init=False, it cannot be specified with '
                                 'replace()' % f.name)
            continue
        if f.name not in changes:
            if f._field_type == _INITVAR and f.default is MISSING:
                raise ValueError("InitVar '%s' must be specified with replace()" % f.name)
            if f._field_type == _FIELD:
                changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True, repr=True, eq=True,
                   order=False, unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
                   slots=False, weakref_slot=False):
    ns = dict(namespace or {})
    anns = []
    for item in fields:
        if isinstance(item, str):
            anns.append((item, 'typing.Any'))
        else:
            anns.append((item[0], item[1]))
            if len(item) > 2:
                ns[item[0]] = item[2]
    cls = type(cls_name, tuple(bases), ns)
    return _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, anns)
