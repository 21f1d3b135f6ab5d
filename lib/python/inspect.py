# inspect: looking at live objects, as CPython's module does it for the
# parts agents use: signature() with Parameter, Signature and
# BoundArguments; the is*() predicates; getmembers, getmro, getdoc,
# cleandoc, getmodule, getfile, getsource(lines), unwrap, getfullargspec.
# MicroPython keeps no parameter annotations, qualified names or source
# positions: lib/python/_mpbox_funcattrs.py reads them from the function
# object and the source. Frames do not exist: currentframe() is None (as
# the documentation allows for implementations without them).
# Written for mpbox from the documentation of CPython's inspect module.
import sys
import _mpbox_funcattrs as _fa


class _empty:
    """Marks a parameter without a default or annotation."""


class _void:
    """Marks an argument of replace() that was not given."""


class _ParameterKind:
    def __init__(self, value, name, description):
        self.value = value
        self.name = name
        self.description = description

    def __int__(self):
        return self.value

    def __index__(self):
        return self.value

    def __eq__(self, other):
        return self.value == int(other) if isinstance(other, (int, _ParameterKind)) else NotImplemented

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self.value < int(other)

    def __le__(self, other):
        return self.value <= int(other)

    def __gt__(self, other):
        return self.value > int(other)

    def __ge__(self, other):
        return self.value >= int(other)

    def __hash__(self):
        return hash(self.value)

    def __str__(self):
        return self.name

    def __repr__(self):
        return '<_ParameterKind.%s: %d>' % (self.name, self.value)


_POSITIONAL_ONLY = _ParameterKind(0, 'POSITIONAL_ONLY', 'positional-only')
_POSITIONAL_OR_KEYWORD = _ParameterKind(1, 'POSITIONAL_OR_KEYWORD', 'positional or keyword')
_VAR_POSITIONAL = _ParameterKind(2, 'VAR_POSITIONAL', 'variadic positional')
_KEYWORD_ONLY = _ParameterKind(3, 'KEYWORD_ONLY', 'keyword-only')
_VAR_KEYWORD = _ParameterKind(4, 'VAR_KEYWORD', 'variadic keyword')
_KINDS = (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD, _VAR_POSITIONAL, _KEYWORD_ONLY, _VAR_KEYWORD)


def formatannotation(annotation, base_module=None):
    module = getattr(annotation, '__module__', None)
    if module == 'typing':
        return repr(annotation).replace('typing.', '')
    if type(annotation).__name__ == 'GenericAlias':
        return repr(annotation)
    if isinstance(annotation, type):
        if module in (None, 'builtins', base_module):
            return annotation.__qualname__
        return module + '.' + annotation.__qualname__
    return repr(annotation)


class Parameter:
    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        if isinstance(kind, int) and not isinstance(kind, bool) and 0 <= kind < 5:
            kind = _KINDS[kind]
        if not isinstance(kind, _ParameterKind):
            raise ValueError('value %r is not a valid Parameter.kind' % (kind,))
        if default is not _empty and kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError('%s parameters cannot have default values' % kind.description)
        if not isinstance(name, str):
            raise TypeError('name must be a str, not a %s' % type(name).__name__)
        if not name.isidentifier():
            raise ValueError('%r is not a valid parameter name' % (name,))
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    @property
    def name(self):
        return self._name

    @property
    def kind(self):
        return self._kind

    @property
    def default(self):
        return self._default

    @property
    def annotation(self):
        return self._annotation

    def replace(self, *, name=_void, kind=_void, default=_void, annotation=_void):
        return Parameter(self._name if name is _void else name, self._kind if kind is _void else kind,
                         default=self._default if default is _void else default,
                         annotation=self._annotation if annotation is _void else annotation)

    def __str__(self):
        text = self._name
        if self._annotation is not _empty:
            text += ': ' + formatannotation(self._annotation)
        if self._default is not _empty:
            text += (' = ' if self._annotation is not _empty else '=') + repr(self._default)
        if self._kind is _VAR_POSITIONAL:
            text = '*' + text
        elif self._kind is _VAR_KEYWORD:
            text = '**' + text
        return text

    def __repr__(self):
        return '<%s "%s">' % (type(self).__name__, self)

    def __eq__(self, other):
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind is other._kind and self._default == other._default
                and self._annotation == other._annotation)

    def __hash__(self):
        return hash((self._name, self._kind.value, self._annotation, self._default))


class BoundArguments:
    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    @property
    def signature(self):
        return self._signature

    @property
    def args(self):
        out = []
        for p in self._signature.parameters.values():
            if p.kind in (_KEYWORD_ONLY, _VAR_KEYWORD) or p.name not in self.arguments:
                break
            if p.kind is _VAR_POSITIONAL:
                out.extend(self.arguments[p.name])
            else:
                out.append(self.arguments[p.name])
        return tuple(out)

    @property
    def kwargs(self):
        out = {}
        keywords = False
        for p in self._signature.parameters.values():
            if not keywords:
                if p.kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
                    keywords = True
                elif p.name not in self.arguments:
                    keywords = True
                    continue
            if not keywords or p.name not in self.arguments:
                continue
            if p.kind is _VAR_KEYWORD:
                out.update(self.arguments[p.name])
            elif p.kind is not _VAR_POSITIONAL:
                out[p.name] = self.arguments[p.name]
        return out

    def apply_defaults(self):
        done = {}
        for p in self._signature.parameters.values():
            if p.name in self.arguments:
                done[p.name] = self.arguments[p.name]
            elif p.default is not _empty:
                done[p.name] = p.default
            elif p.kind is _VAR_POSITIONAL:
                done[p.name] = ()
            elif p.kind is _VAR_KEYWORD:
                done[p.name] = {}
        self.arguments = done

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self._signature == other._signature and self.arguments == other.arguments

    def __repr__(self):
        return '<%s (%s)>' % (type(self).__name__, ', '.join('%s=%r' % kv for kv in self.arguments.items()))


class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty, __validate_parameters__=True):
        params = {}
        kind = _POSITIONAL_ONLY
        defaulted = False
        for p in parameters or ():
            if __validate_parameters__:
                if p.kind < kind:
                    raise ValueError('wrong parameter order: %s parameter before %s parameter'
                                     % (kind.description, p.kind.description))
                kind = p.kind
                if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                    if p.default is _empty and defaulted:
                        raise ValueError('non-default argument follows default argument')
                    defaulted = defaulted or p.default is not _empty
                if p.name in params:
                    raise ValueError('duplicate parameter name: %r' % (p.name,))
            params[p.name] = p
        self._parameters = params
        self._return_annotation = return_annotation

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return signature(obj, follow_wrapped=follow_wrapped)

    @property
    def parameters(self):
        return dict(self._parameters)

    @property
    def return_annotation(self):
        return self._return_annotation

    def replace(self, *, parameters=_void, return_annotation=_void):
        return type(self)(list(self._parameters.values()) if parameters is _void else parameters,
                          return_annotation=self._return_annotation if return_annotation is _void
                          else return_annotation)

    def _bind(self, args, kwargs, partial):
        arguments = {}
        kwargs = dict(kwargs)
        n = 0
        for p in self._parameters.values():
            kind = p.kind
            if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                if n < len(args):
                    if kind is _POSITIONAL_OR_KEYWORD and p.name in kwargs:
                        raise TypeError('multiple values for argument %r' % (p.name,))
                    arguments[p.name] = args[n]
                    n += 1
                elif kind is _POSITIONAL_OR_KEYWORD and p.name in kwargs:
                    arguments[p.name] = kwargs.pop(p.name)
                elif kind is _POSITIONAL_ONLY and p.name in kwargs and p.default is _empty:
                    raise TypeError('%r parameter is positional only, but was passed as a keyword' % (p.name,))
                elif p.default is _empty and not partial:
                    raise TypeError('missing a required argument: %r' % (p.name,))
            elif kind is _VAR_POSITIONAL:
                if n < len(args):
                    arguments[p.name] = tuple(args[n:])
                    n = len(args)
            elif kind is _KEYWORD_ONLY:
                if p.name in kwargs:
                    arguments[p.name] = kwargs.pop(p.name)
                elif p.default is _empty and not partial:
                    raise TypeError('missing a required argument: %r' % (p.name,))
            elif kwargs:
                arguments[p.name] = kwargs
                kwargs = {}
        if n < len(args):
            raise TypeError('too many positional arguments')
        for name in kwargs:
            p = self._parameters.get(name)
            if p is not None and p.kind is _POSITIONAL_ONLY:
                raise TypeError('%r parameter is positional only, but was passed as a keyword' % (name,))
            raise TypeError('got an unexpected keyword argument %r' % (name,))
        return BoundArguments(self, arguments)

    def bind(self, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, *args, **kwargs):
        return self._bind(args, kwargs, True)

    def __str__(self):
        out = []
        slash = False
        star = False
        for p in self._parameters.values():
            if slash and p.kind is not _POSITIONAL_ONLY:
                out.append('/')
                slash = False
            if p.kind is _POSITIONAL_ONLY:
                slash = True
            elif p.kind is _VAR_POSITIONAL:
                star = True
            elif p.kind is _KEYWORD_ONLY and not star:
                out.append('*')
                star = True
            out.append(str(p))
        if slash:
            out.append('/')
        text = '(%s)' % ', '.join(out)
        if self._return_annotation is not _empty:
            text += ' -> ' + formatannotation(self._return_annotation)
        return text

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, self)

    def __eq__(self, other):
        if not isinstance(other, Signature):
            return NotImplemented
        return (self._return_annotation == other._return_annotation
                and list(self._parameters.values()) == list(other._parameters.values()))


def _function_signature(f):
    params = []
    ret = _empty
    for name, kind, default, annotation in _fa.parameters(f):
        default = _empty if default is _fa.EMPTY else default
        annotation = _empty if annotation is _fa.EMPTY else annotation
        if kind is None:
            ret = annotation
        else:
            params.append(Parameter(name, _KINDS[kind], default=default, annotation=annotation))
    return Signature(params, return_annotation=ret, __validate_parameters__=False)


def _drop_first(sig):
    params = list(sig.parameters.values())
    if not params or params[0].kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
        raise ValueError('invalid method signature')
    if params[0].kind is not _VAR_POSITIONAL:
        params = params[1:]
    return sig.replace(parameters=params)


def _partial_signature(p):
    sig = signature(p.func)
    params = list(sig.parameters.values())
    out = []
    n = len(p.args)
    keyword_only = False
    for q in params:
        if n and q.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            n -= 1
            continue
        if q.name in p.keywords:
            if q.kind is _POSITIONAL_ONLY:
                continue
            q = q.replace(default=p.keywords[q.name], kind=_KEYWORD_ONLY)
            keyword_only = True
        elif keyword_only and q.kind is _POSITIONAL_OR_KEYWORD:
            q = q.replace(kind=_KEYWORD_ONLY)
        out.append(q)
    return sig.replace(parameters=out)


def unwrap(func, *, stop=None):
    seen = {id(func)}
    f = func
    while hasattr(f, '__wrapped__') and not (stop is not None and stop(f)):
        f = f.__wrapped__
        if id(f) in seen:
            raise ValueError('wrapper loop when unwrapping %r' % (func,))
        seen.add(id(f))
    return f


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    if not callable(obj):
        raise TypeError('%r is not a callable object' % (obj,))
    if ismethod(obj) or (hasattr(obj, '__func__') and hasattr(obj, '__self__')):
        return _drop_first(signature(obj.__func__, follow_wrapped=follow_wrapped))
    if follow_wrapped:
        obj = unwrap(obj, stop=lambda f: hasattr(f, '__signature__'))
    sig = getattr(obj, '__signature__', None)
    if sig is not None:
        if not isinstance(sig, Signature):
            raise TypeError('unexpected object %r in __signature__ attribute' % (sig,))
        return sig
    if isfunction(obj):
        return _function_signature(obj)
    if isinstance(obj, (staticmethod, classmethod)):
        return signature(obj.__func__, follow_wrapped=follow_wrapped)
    functools = sys.modules.get('functools')
    if functools is not None and isinstance(obj, functools.partial):
        return _partial_signature(obj)
    if isclass(obj):
        for c in getmro(obj):
            for name in ('__init__', '__new__'):
                f = c.__dict__.get(name) if hasattr(c, '__dict__') else None
                if isinstance(f, staticmethod):
                    f = f.__func__
                if isfunction(f):
                    return _drop_first(signature(f, follow_wrapped=follow_wrapped))
            if c is not object and not _is_python_class(c):
                raise ValueError('no signature found for builtin type %r' % (obj,))
        return Signature()
    if isbuiltin(obj):
        raise ValueError('no signature found for builtin %r' % (obj,))
    call = getattr(type(obj), '__call__', None)
    if isfunction(call):
        return _drop_first(signature(call, follow_wrapped=follow_wrapped))
    raise ValueError('callable %r is not supported by signature' % (obj,))


def _is_python_class(cls):
    return hasattr(cls, '__dict__') and type(cls.__dict__.get('__module__')) is str


def getfullargspec(func):
    sig = signature(func, follow_wrapped=False)
    args, kwonly = [], []
    anns = {} if sig.return_annotation is _empty else {'return': sig.return_annotation}
    varargs = varkw = None
    defaults, kwdefaults = [], {}
    for p in sig.parameters.values():
        if p.annotation is not _empty:
            anns[p.name] = p.annotation
        if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            args.append(p.name)
            if p.default is not _empty:
                defaults.append(p.default)
        elif p.kind is _VAR_POSITIONAL:
            varargs = p.name
        elif p.kind is _KEYWORD_ONLY:
            kwonly.append(p.name)
            if p.default is not _empty:
                kwdefaults[p.name] = p.default
        else:
            varkw = p.name
    return FullArgSpec(args, varargs, varkw, tuple(defaults) or None, kwonly, kwdefaults or None, anns)


def _full_arg_spec():
    from collections import namedtuple
    return namedtuple('FullArgSpec', 'args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults, annotations')


FullArgSpec = _full_arg_spec()


# ---- what kind of object ------------------------------------------------------
def _gen():
    yield


class _Sample:
    def method(self):
        pass


_FUNCTIONS = (type(_gen), type(_fa._sample_closure()), type(unwrap))
_METHOD = type(_Sample().method)
# MicroPython has a type per way of taking arguments
_BUILTINS = []
for _f in (len, abs, print, sorted, getattr, divmod, globals, min, hash, id, repr, chr, isinstance):
    if type(_f).__name__ == 'builtin_function_or_method' and type(_f) not in _BUILTINS:
        _BUILTINS.append(type(_f))
_BUILTINS = tuple(_BUILTINS)
del _f
_GENERATOR = type(_gen())
_MODULE = type(_fa)


def ismodule(obj):
    return isinstance(obj, _MODULE) or obj is sys.modules.get('sys')


def isclass(obj):
    return isinstance(obj, type)


def ismethod(obj):
    # a built-in type's method bound to an object is a bound method here
    return type(obj) is _METHOD and not type(obj.__func__) in _BUILTINS


def isfunction(obj):
    return type(obj) in _FUNCTIONS


def isbuiltin(obj):
    return type(obj) in _BUILTINS or (type(obj) is _METHOD and type(obj.__func__) in _BUILTINS)


def isroutine(obj):
    return isbuiltin(obj) or isfunction(obj) or ismethod(obj)


def isgeneratorfunction(obj):
    return isfunction(obj) and _fa.is_generator_function(obj) and not _fa.is_async(obj)


def iscoroutinefunction(obj):
    return isfunction(obj) and _fa.is_generator_function(obj) and _fa.is_async(obj)


def isgenerator(obj):
    return type(obj) is _GENERATOR


def iscoroutine(obj):
    # MicroPython runs a coroutine as a generator: both are this type
    return type(obj) is _GENERATOR


def isawaitable(obj):
    return iscoroutine(obj) or hasattr(type(obj), '__await__')


def isabstract(obj):
    return isclass(obj) and bool(getattr(obj, '__abstractmethods__', None))


# what a class reads from its metaclass, which CPython's dir(cls) leaves out
# (the guest's dir() lists every name an attribute lookup answers)
_METACLASS_ONLY = ('mro', '__mro__')


def getmembers(obj, predicate=None):
    out = []
    for name in dir(obj):
        if name in _METACLASS_ONLY and isinstance(obj, type):
            continue
        try:
            value = getattr(obj, name)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            out.append((name, value))
    out.sort(key=lambda kv: kv[0])
    return out


def getmro(cls):
    return cls.__mro__


def cleandoc(doc):
    lines = doc.expandtabs().split('\n')
    margin = None
    for line in lines[1:]:
        text = line.lstrip()
        if text:
            indent = len(line) - len(text)
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def getdoc(obj):
    try:
        doc = obj.__doc__
    except AttributeError:
        return None
    return cleandoc(doc) if isinstance(doc, str) else None


def getmodule(obj, _filename=None):
    if ismodule(obj):
        return obj
    name = getattr(obj, '__module__', None)
    if name is None and isfunction(obj):
        name = obj.__globals__.get('__name__')
    if name is None:
        return None
    m = sys.modules.get(name)
    if m is None and name == '__main__':
        import __main__ as m
    return m


def getfile(obj):
    m = getmodule(obj)
    if m is None:
        raise TypeError('module, class, method, function, traceback, frame, or code object was expected, '
                        'got %s' % type(obj).__name__)
    f = getattr(m, '__file__', None)
    if f is None:
        if getattr(m, '__name__', None) == '__main__':
            return '<stdin>'
        raise TypeError('%r is a built-in %s' % (obj, 'module' if ismodule(obj) else 'class'))
    return f


getsourcefile = getfile


def getsourcelines(obj):
    obj = unwrap(obj)
    if ismethod(obj):
        obj = obj.__func__
    found = _fa.source_lines(obj) if isfunction(obj) or isclass(obj) else None
    if found is None:
        raise OSError('could not get source code')
    return found


def getsource(obj):
    return ''.join(getsourcelines(obj)[0])


def currentframe():
    return None
