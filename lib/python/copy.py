# copy: shallow and deep copies, as CPython's copy module documents them.
# Written for mpbox from the module's documentation (the guest's frozen copy
# refuses instances of the program's own classes, which CPython copies by
# their __dict__).
#
# An object's own __copy__() / __deepcopy__(memo) wins. Immutable atoms
# (numbers, strings, None, functions, classes, ranges ...) are their own
# copies. Built-in containers are copied by type; an instance of a Python
# class is made with object.__new__ (no __init__ runs, as in CPython) and
# gets its __dict__ (and, for a subclass of list, dict or set, its items)
# copied; __getstate__/__setstate__ are honoured when the class defines them.
# deepcopy's memo (id -> copy) makes shared and cyclic structures come out
# shared and cyclic.


class Error(Exception):
    pass


error = Error



def _closure():
    x = 0
    return lambda: x


_ATOMIC = {type(None), int, float, bool, complex, str, bytes, type, range, type(Ellipsis),
           type(NotImplemented), type(len), type(_closure), type(_closure()), type([].append),
           type(__import__('builtins')), frozenset, slice, property}


def _is_atomic(x, cls):
    # (built-in functions are of several types, all named
    # 'builtin_function_or_method': lib/python/_mpbox_types.py)
    return cls in _ATOMIC or isinstance(x, type) or cls.__name__ in ('function', 'builtin_function_or_method',
                                                                     'method')


def _refuse(cls):
    name = cls.__name__
    if name in ('generator', 'generator_object'):
        name = 'generator'
    raise TypeError("cannot pickle '%s' object" % name)


def _state(x):
    get = getattr(type(x), '__getstate__', None)
    if get is not None:
        return get(x), True
    try:
        return x.__dict__, False
    except AttributeError:
        return None, False


def _set_state(new, state, custom):
    if state is None:
        return
    setter = getattr(type(new), '__setstate__', None)
    if setter is not None:
        setter(new, state)
    elif state:
        if custom and not isinstance(state, dict):
            raise TypeError('state is not a dictionary')
        try:
            new.__dict__.update(state)
        except TypeError:  # the fixed __dict__ of a subclass of a built-in type
            for k, v in state.items():
                object.__setattr__(new, k, v)


def _instance(x, cls):
    # a new, uninitialised instance of x's Python class
    if not hasattr(x, '__dict__') and not isinstance(x, (list, dict, set)):
        _refuse(cls)
    new = object.__new__(cls)
    for base in (list, dict, set):
        if isinstance(x, base):
            # the built-in part, which __init__ would have made
            mro = cls.__mro__
            super(mro[mro.index(base) - 1], new).__init__()
    return new


def _exception(x, cls, item):
    # an exception is copied as CPython reduces it: cls(*args), then its
    # attributes (MicroPython's exceptions cannot be made uninitialised)
    new = cls(*[item(a) for a in x.args])
    try:
        attrs = x.__dict__
    except AttributeError:
        return new
    for k, v in attrs.items():
        setattr(new, k, item(v))
    return new


def _fill(new, x, item):
    # the items of a list, dict or set base, added as CPython does
    if isinstance(x, list):
        for v in list(x):
            new.append(item(v))
    elif isinstance(x, dict):
        for k, v in list(x.items()):
            new[item(k)] = item(v)
    elif isinstance(x, set):
        new.update([item(v) for v in x])


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if _is_atomic(x, cls) or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls is bytearray:
        return bytearray(x)
    method = getattr(cls, '__copy__', None)
    if method is not None:
        return method(x)
    if isinstance(x, BaseException):
        return _exception(x, cls, lambda v: v)
    new = _instance(x, cls)
    state, custom = _state(x)
    _set_state(new, dict(state) if type(state) is dict else state, custom)
    _fill(new, x, lambda v: v)
    return new


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x: containers and instances copied all the way down;
    memo maps id(original) to its copy."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x, cls):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for v in x:
            y.append(deepcopy(v, memo))
    elif cls is tuple:
        items = [deepcopy(v, memo) for v in x]
        if d in memo:  # a cycle through the tuple
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for v in x:
            y.add(deepcopy(v, memo))
    elif cls is bytearray:
        y = bytearray(x)
    else:
        method = getattr(cls, '__deepcopy__', None)
        if method is not None:
            y = method(x, memo)
        elif isinstance(x, BaseException):
            y = _exception(x, cls, lambda v: deepcopy(v, memo))
        else:
            y = _instance(x, cls)
            memo[d] = y
            state, custom = _state(x)
            if state is not None:
                state = deepcopy(state, memo)
            _set_state(y, state, custom)
            _fill(y, x, lambda v: deepcopy(v, memo))
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # the originals stay alive while the memo lives, so that no id in it is
    # reused by a new object during the copy
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]

