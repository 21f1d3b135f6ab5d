# typing_extensions for mpbox: the names of typing, plus the few newer ones
# code imports from here (override, deprecated, TypeIs, ReadOnly, ...).
# Nothing is checked at run time. Written for mpbox.
import typing as _t

for _k in dir(_t):
    if not _k.startswith('_') and _k != 'sys':
        globals()[_k] = getattr(_t, _k)
del _k

TypeIs = _t._Form('TypeIs')
ReadOnly = _t._Form('ReadOnly')
NoDefault = _t._Form('NoDefault', None, 0)


def override(method):
    try:
        method.__override__ = True
    except (AttributeError, TypeError):
        pass
    return method


class deprecated:
    def __init__(self, message, *, category=None, stacklevel=1):
        self.message = message

    def __call__(self, obj):
        return obj


def get_original_bases(cls):
    return getattr(cls, '__orig_bases__', cls.__bases__)
