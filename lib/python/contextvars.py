# contextvars for mpbox, written from the CPython 3.11 documentation:
# ContextVar (get, set, reset with tokens), Token, Context (a read-only
# mapping of variables to values) and copy_context(); Context.run() runs a
# function in a context, so that the variables it sets stay there.
# The sandbox has no threads, and MicroPython's asyncio tasks do not copy
# the context when they are created (CPython's do): tasks share the
# context of the code that runs the event loop.

__all__ = ['Context', 'ContextVar', 'Token', 'copy_context']

_missing = object()


class _Missing:
    def __repr__(self):
        return '<Token.MISSING>'


class Context:
    """A mapping of ContextVars to their values."""
    __module__ = '_contextvars'  # as CPython's classes print

    def __init__(self):
        self._data = {}
        self._entered = False

    def run(self, callable, *args, **kwargs):
        """Call callable(*args, **kwargs) with this context as the current
        one; what it sets stays in this context."""
        if self._entered:
            raise RuntimeError('cannot enter context: %r is already entered' % (self,))
        self._entered = True
        _stack.append(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _stack.pop()
            self._entered = False

    def copy(self):
        """A shallow copy of this context."""
        new = Context()
        new._data = dict(self._data)
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError('a ContextVar key was expected, got %r' % (var,))
        return self._data[var]

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError('a ContextVar key was expected, got %r' % (var,))
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError('a ContextVar key was expected, got %r' % (var,))
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None

    def __repr__(self):
        return '<_contextvars.Context object at 0x%x>' % id(self)


_stack = [Context()]


def copy_context():
    """A copy of the current context."""
    return _stack[-1].copy()


class Token:
    """What ContextVar.set() returns: reset(token) restores the value the
    variable had before."""
    __module__ = '_contextvars'  # as CPython's classes print
    MISSING = _Missing()

    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return Token.MISSING if self._old is _missing else self._old

    def __repr__(self):
        return '<Token%s var=%r at 0x%x>' % (' used' if self._used else '', self._var, id(self))

    @classmethod
    def __class_getitem__(cls, params):
        from _mpbox_generic import GenericAlias
        return GenericAlias(cls, params)


class ContextVar:
    """A context variable: its value depends on the current Context."""
    __module__ = '_contextvars'  # as CPython's classes print

    def __init__(self, name, *, default=_missing):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, *default):
        """The value in the current context, else default (the argument,
        then the variable's own); LookupError when there is none."""
        data = _stack[-1]._data
        if self in data:
            return data[self]
        if default:
            return default[0]
        if self._default is not _missing:
            return self._default
        raise LookupError(self)

    def set(self, value):
        """Set the value in the current context; returns a Token for reset()."""
        ctx = _stack[-1]
        token = Token(ctx, self, ctx._data.get(self, _missing))
        ctx._data[self] = value
        return token

    def reset(self, token):
        """Restore the value the variable had before set() made token."""
        if not isinstance(token, Token):
            raise TypeError('expected an instance of Token, got %r' % (token,))
        if token._used:
            raise RuntimeError('%r has already been used once' % (token,))
        if token._var is not self:
            raise ValueError('%r was created by a different ContextVar' % (token,))
        ctx = _stack[-1]
        if token._context is not ctx:
            raise ValueError('%r was created in a different Context' % (token,))
        token._used = True
        if token._old is _missing:
            ctx._data.pop(self, None)
        else:
            ctx._data[self] = token._old

    def __hash__(self):
        return id(self) >> 4

    def __repr__(self):
        d = '' if self._default is _missing else ' default=%r' % (self._default,)
        return '<ContextVar name=%r%s at 0x%x>' % (self._name, d, id(self))

    @classmethod
    def __class_getitem__(cls, params):
        from _mpbox_generic import GenericAlias
        return GenericAlias(cls, params)
