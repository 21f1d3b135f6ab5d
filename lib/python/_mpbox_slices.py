# Extended slices (a step other than 1) of the built-in sequences, as in
# CPython: 'abc'[::-1], b'..'[::2], (1, 2, 3)[::-1], bytearray and array
# with a step, `del a[::2]` and `a[::2] = ...`. The guest's C code raises
# NotImplementedError for these; guest/slice sends each of those raises
# here instead, with action 0 (load), 1 (store, with the value) or 2
# (delete). The hook is handed to the guest while the start-up image is
# built (lib/python/_preload.txt loads this module then).
# Written for mpbox.
import array


def _indices(obj, index):
    if index.step == 0:
        raise ValueError('slice step cannot be zero')
    return range(*index.indices(len(obj)))


def _slice_hook(action, obj, index, value=None):
    r = _indices(obj, index)
    if action == 0:
        if isinstance(obj, str):
            # list(obj) walks the UTF-8 once; indexing would walk it per item
            return ''.join(list(obj)[index])
        if isinstance(obj, tuple):
            return tuple(list(obj)[index])
        if isinstance(obj, bytes):
            return bytes([obj[i] for i in r])
        if isinstance(obj, bytearray):
            return bytearray([obj[i] for i in r])
        if isinstance(obj, array.array):
            # the type code is the one character after "array('"
            return array.array(repr(obj)[7], [obj[i] for i in r])
        raise NotImplementedError("%s slices with a step are not supported" % type(obj).__name__)
    if action == 1:
        if not isinstance(obj, (list, bytearray, array.array)):
            raise TypeError("'%s' object does not support item assignment" % type(obj).__name__)
        try:
            items = list(value)
        except TypeError:
            raise TypeError('must assign iterable to extended slice') from None
        if len(items) != len(r):
            what = 'bytes' if isinstance(obj, bytearray) else 'sequence'
            raise ValueError('attempt to assign %s of size %d to extended slice of size %d'
                             % (what, len(items), len(r)))
        for i, v in zip(r, items):
            obj[i] = v
        return None
    if not isinstance(obj, list):
        raise TypeError("'%s' object does not support item deletion" % type(obj).__name__)
    drop = bytearray(len(obj))
    for i in r:
        drop[i] = 1
    obj[:] = [x for x, d in zip(obj, drop) if not d]
    return None


def _register():
    import js
    js.mpbox_internal('slice_hook', '%d' % id(_slice_hook))


_register()
del _register
