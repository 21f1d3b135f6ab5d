# What CPython does when an operand's type does not answer an operator:
# guest/binop sends mp_binary_op's "unsupported types" raise here for
# < > <= >= and *, with the operator's number (py/runtime0.h), the two
# operands and the operator mp_binary_op was called with (*= for `a *= n`).
# - a < b tries the reflected b.__gt__(a) (<= and >= likewise);
# - bytearray and array repeat with * and *= (in place), and a sequence
#   repeats by any object with __index__;
# - a dict's keys() and items() views take | ^ & - with any iterable on
#   either side, giving a set (MicroPython's views have no set operators).
# Returning the hook itself means "not mine": the guest raises its error,
# in CPython's words (guest/errtext: "'<' not supported between instances
# of 'A' and 'B'", "can't multiply sequence by non-int of type 'float'").
# The same hook hears of an attribute store or delete that no type accepted
# (guest/binop, in mp_store_attr: the "operator" _STORE_ATTR, the object,
# the name, and whether it was a delete): a property without a setter or
# deleter raises CPython's AttributeError; else the guest raises its
# "'C' object has no attribute 'x'".
# It hears of a store that __slots__ refuses (guest/binop, at mp_store_attr's
# entry: the "operator" _SLOTS, the object and the name), which
# lib/python/_mpbox_slots.py answers.
# And it hears of a result of __bool__, __len__ or __hash__ that is not
# what the guest can use (the "operator" _UNARY_RESULT, the result, the
# unary operator's number, the object): CPython's error, or the value to
# use (a bool's length, a big int's hash).
# The hook is handed to the guest while the start-up image is built
# (lib/python/_preload.txt loads this module then).
# Written for mpbox.
import array

# operator number: reflected method
_COMPARE = {0: '__gt__', 1: '__lt__', 3: '__ge__', 4: '__le__'}
_INPLACE_MULTIPLY = 16
_MULTIPLY = 29
_SET_OPS = {22: lambda a, b: a | b, 23: lambda a, b: a ^ b, 24: lambda a, b: a & b,
            28: lambda a, b: a - b}
_STORE_ATTR = 100
_UNARY_RESULT = 101
_SLOTS = 102
_BOOL, _LEN, _HASH = 4, 5, 6
_VIEW = type({}.keys())
_SEQUENCES = (str, bytes, bytearray, list, tuple, array.array)


def _compare(op, a, b):
    method = getattr(type(b), _COMPARE[op], None)
    if method is not None:
        r = method(b, a)
        if r is not NotImplemented:
            return r
    return _binop_hook


def _count(n):
    # the repeat count of seq * n, or None when n is no integer
    if type(n) is int or type(n) is bool:
        return n
    index = getattr(type(n), '__index__', None)
    return None if index is None else index(n)


def _array_code(a):
    # the type code is the one character after "array('"
    return repr(a)[7]


def _repeat(seq, n, in_place):
    if isinstance(seq, bytearray):
        if not in_place:
            return bytearray(bytes(seq) * n)
        seq[:] = bytes(seq) * n
        return seq
    if isinstance(seq, array.array):
        if not in_place:
            return array.array(_array_code(seq), list(seq) * n)
        seq[:] = array.array(_array_code(seq), list(seq) * n)
        return seq
    if in_place and isinstance(seq, list):
        seq[:] = list(seq) * n
        return seq
    return seq * n


def _set_like_view(x):
    # keys() and items() views act as sets in CPython; values() views do not
    return type(x) is _VIEW and not repr(x).startswith('dict_values')


def _view_op(op, a, b):
    left = _set_like_view(a)
    if left:
        view, other = a, b
    elif _set_like_view(b):
        view, other = b, a
    else:
        return _binop_hook
    try:
        other = set(other)
    except TypeError:  # not iterable: the guest's unsupported-operand error
        return _binop_hook
    view = set(view)  # an items() view with an unhashable value raises here
    return _SET_OPS[op](view, other) if left else _SET_OPS[op](other, view)


def _store_failed(obj, name, deleting):
    cls = type(obj)
    for c in getattr(cls, '__mro__', (cls,)):
        try:
            own = c.__dict__
        except AttributeError:
            continue
        if name in own:
            if isinstance(own[name], property):
                import _mpbox_typerepr
                qual = _mpbox_typerepr.qualname(cls)
                raise AttributeError("property %r of %r object has no %s"
                                     % (name, qual, 'deleter' if deleting else 'setter'))
            return


def _unary_result(r, op, obj):
    if type(r) is bool and op != _HASH:
        return r if op == _BOOL else int(r)
    if op == _BOOL:
        raise TypeError('__bool__ should return bool, returned %s' % type(r).__name__)
    if not isinstance(r, int):
        index = getattr(type(r), '__index__', None)
        if op == _HASH or index is None:
            raise TypeError('__hash__ method should return an integer' if op == _HASH else
                            "'%s' object cannot be interpreted as an integer" % type(r).__name__)
        r = index(r)
    r = int(r)
    if op == _HASH:
        return hash(r)
    if r < 0:
        raise ValueError('__len__() should return >= 0')
    if r > 0x3fffffff:  # no small int: the guest's lengths are small ints
        raise OverflowError("cannot fit 'int' into an index-sized integer")
    return r


def _binop_hook(op, a, b, called_op):
    if op == _UNARY_RESULT:
        return _unary_result(a, b, called_op)
    if op == _STORE_ATTR:
        _store_failed(a, b, called_op)
        return _binop_hook
    if op == _SLOTS:
        from _mpbox_slots import refused
        refused(a, b)
        return _binop_hook
    if op in _COMPARE:
        return _compare(op, a, b)
    if op in _SET_OPS:
        return _view_op(op, a, b)
    seq, n = a, b
    if not isinstance(seq, _SEQUENCES):
        if not isinstance(b, _SEQUENCES):
            return _binop_hook
        seq, n = b, a
    n = _count(n)
    if n is None:
        return _binop_hook
    return _repeat(seq, n, called_op == _INPLACE_MULTIPLY and seq is a)


def _register():
    import js
    js.mpbox_internal('binop_hook', '%d' % id(_binop_hook))


_register()
del _register
