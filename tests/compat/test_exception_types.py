# Built-in exception types MicroPython lacks, as CPython has them: a local
# read or deleted before it is assigned raises UnboundLocalError, a
# NameError (its message differs: CPython's names the variable); deep
# recursion raises RecursionError, a RuntimeError, also through *args;
# the warning categories and the rest exist without an import and can be
# caught, raised and subclassed.


def read_first():
    print(x)
    x = 1


def delete_twice():
    y = 1
    del y
    del y


def in_loop(items):
    for item in items:
        if item > 1:
            found = item
    return found


for f, args in ((read_first, ()), (delete_twice, ()), (in_loop, ([0, 1],))):
    try:
        f(*args)
    except UnboundLocalError as e:
        print(f.__name__, type(e).__name__, isinstance(e, NameError))
try:
    read_first()
except NameError as e:
    print('as NameError:', type(e).__name__)
try:
    undefined_name  # noqa: F821
except UnboundLocalError:
    print('not this one')
except NameError as e:
    print(type(e).__name__, e)
print(UnboundLocalError.__mro__, UnboundLocalError.__bases__, issubclass(UnboundLocalError, NameError))


class Mine(UnboundLocalError):
    pass


try:
    raise Mine('mine')
except NameError as e:
    print(type(e).__name__, e.args, isinstance(e, UnboundLocalError))
print(repr(UnboundLocalError('q')), str(UnboundLocalError('q')), UnboundLocalError)


def deep(n):
    return deep(n + 1)


def deep_args(n, *a, **k):
    x = [1, 2, 3]
    return deep_args(n + 1, *a, **k) + x[0]


for f in (deep, deep_args):
    try:
        f(0)
    except RecursionError as e:
        print(f.__name__, type(e).__name__, isinstance(e, RuntimeError), e)
print(RecursionError.__mro__)
for cls in (ReferenceError, SystemError, BufferError, FloatingPointError, TabError, Warning, UserWarning,
            DeprecationWarning, PendingDeprecationWarning, SyntaxWarning, RuntimeWarning, FutureWarning,
            ImportWarning, UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning):
    try:
        raise cls('boom')
    except Exception as e:
        print(cls.__name__, cls.__bases__[0].__name__, type(e) is cls, e.args, repr(e))


class AppWarning(UserWarning):
    pass


print(issubclass(AppWarning, Warning), AppWarning.__mro__[1:3])
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    warnings.warn('old api', DeprecationWarning)
    warnings.warn('app', AppWarning)
print([(w.category.__name__, str(w.message)) for w in caught])
