# Subscripted classes as in CPython: list[int], dict[str, list[float]],
# tuple[int, ...], type[X] (types.GenericAlias), and a class's own
# __class_getitem__ (typing.Generic subclasses: Stack[int]()). The guest
# raises "'type' object isn't subscriptable" for these; guest/typesubscr
# calls the hook here instead. For anything else the hook answers itself,
# and the guest raises its TypeError as before. `del x[i]` and `del x[a:b]`
# of a bytearray or an array.array, which the guest refuses, come here too
# (a third argument) and delete as CPython does. The hook is handed
# to the guest while the start-up image is built (lib/python/_preload.txt
# loads this module then).
# Written for mpbox.
import builtins


def _arg_repr(a):
    if a is Ellipsis:
        return '...'
    if isinstance(a, type):
        try:
            module = a.__dict__.get('__module__')
        except Exception:
            module = None
        if type(module) is str and module != 'builtins':
            return '%s.%s' % (module, a.__dict__.get('__qualname__') or a.__name__)
        return a.__name__
    return repr(a)


class GenericAlias:
    """A class subscripted with type arguments: list[int]. Calling it makes
    an instance of the class; it is not a class (isinstance refuses it)."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if type(args) is tuple else (args,)

    def __repr__(self):
        if self.__args__ == ():
            return '%s[()]' % _arg_repr(self.__origin__)
        return '%s[%s]' % (_arg_repr(self.__origin__), ', '.join(_arg_repr(a) for a in self.__args__))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)


def _generic_classes():
    import collections
    out = [list, dict, tuple, set, frozenset, type, collections.deque, collections.defaultdict,
           collections.OrderedDict, collections.Counter]
    for name in ('enumerate', 'zip', 'map', 'filter', 'reversed'):
        c = getattr(builtins, name, None)
        if isinstance(c, type):
            out.append(c)
    return out


_GENERIC = _generic_classes()


def _own(cls, name):
    # the attribute as the first class that holds it has it, unbound
    # (depth first through __bases__: enough for a lookup of one name)
    todo = [cls]
    while todo:
        c = todo.pop(0)
        try:
            d = c.__dict__
        except AttributeError:
            continue
        if name in d:
            return d[name]
        todo[0:0] = list(getattr(c, '__bases__', ()))
    return None


def _delete_item(base, index):
    # del base[index] for a bytearray or an array, which MicroPython's
    # refuse: the item or the slice replaced by nothing
    name = type(base).__name__
    if not isinstance(base, bytearray):
        try:
            import array
        except ImportError:
            return _subscr_hook
        if not isinstance(base, array.array):
            return _subscr_hook
    empty = base[0:0]  # of the same kind (an array keeps its typecode)
    n = len(base)
    if isinstance(index, slice):
        start, stop, step = index.indices(n)
        if step == 1:
            if start < stop:
                base[start:stop] = empty
        else:
            gone = range(start, stop, step)
            if len(gone):
                keep = [base[k] for k in range(n) if k not in gone]
                base[:] = empty
                base.extend(keep)
        return None
    if isinstance(index, int):
        i = int(index)
    else:
        f = getattr(type(index), '__index__', None)
        if f is None:
            raise TypeError('%s indices must be integers or slices, not %s' % (name, type(index).__name__))
        i = f(index)
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError('bytearray index out of range' if name == 'bytearray' else 'array assignment index out of range')
    base[i:i + 1] = empty
    return None


def _subscr_hook(base, index, deleting=0):
    if deleting:
        return _delete_item(base, index)
    if not isinstance(base, type):
        return _subscr_hook  # not a class: the guest raises as before
    if base in _GENERIC:
        return GenericAlias(base, index)
    f = _own(base, '__class_getitem__')
    if f is None:
        # the guest raises "'type' object is not subscriptable" (raising
        # here would put this frame into the traceback)
        return _subscr_hook
    if isinstance(f, classmethod):
        return getattr(base, '__class_getitem__')(index)
    if isinstance(f, staticmethod):
        return getattr(base, '__class_getitem__')(index)
    # CPython makes __class_getitem__ a class method implicitly
    return f(base, index)


def _register():
    import js
    js.mpbox_internal('subscr_hook', '%d' % id(_subscr_hook))


_register()
del _register
