# Stores and deletes of the chain's attributes that CPython refuses with a
# TypeError, and `raise e from e` (host/exc.c, lib/python/_mpbox_exc.py).
# Output must be identical under CPython 3.11 and mpbox.
import traceback


class AppError(Exception):
    pass


def attempt(label, fn):
    try:
        fn()
        print(label, 'ok')
    except Exception as err:
        print(label, type(err).__name__, err)


# (on native exceptions: on instances of Python classes these stores are
# kept as plain attributes, docs/compatibility.md)
for make in (ValueError, KeyError):
    name = make.__name__
    e = make('x')
    attempt(name + ' cause=1', lambda: setattr(e, '__cause__', 1))
    attempt(name + ' cause=class', lambda: setattr(e, '__cause__', KeyError))
    attempt(name + ' context=str', lambda: setattr(e, '__context__', 'text'))
    attempt(name + ' suppress=1', lambda: setattr(e, '__suppress_context__', 1))
    attempt(name + ' del cause', lambda: delattr(e, '__cause__'))
    attempt(name + ' del context', lambda: delattr(e, '__context__'))
    attempt(name + ' del suppress', lambda: delattr(e, '__suppress_context__'))
    # what is refused leaves the exception as it was
    print(name, e.__cause__, e.__context__, e.__suppress_context__)
    # what is allowed still works
    e.__cause__ = KeyError('k')
    e.__context__ = None
    e.__suppress_context__ = False
    print(name, repr(e.__cause__), e.__context__, e.__suppress_context__)
    e.__cause__ = None
    print(name, e.__cause__, e.__suppress_context__)

# raise e from e: the exception is its own cause
a = ValueError('self')
try:
    raise a from a
except ValueError as err:
    print('self cause:', err.__cause__ is err, err.__suppress_context__)
    print(''.join(traceback.format_exception_only(err)), end='')
    print(len(traceback.format_exception(err)) > 0)

# a cause that is not an exception
try:
    raise KeyError('k') from 5
except TypeError as err:
    print('from 5:', err)

# a class as cause is instantiated; one whose constructor raises raises that
try:
    raise KeyError('k') from ValueError
except KeyError as err:
    print('from class:', repr(err.__cause__))


class Unmakeable(Exception):
    def __init__(self):
        raise LookupError('no instance')


try:
    raise KeyError('k') from Unmakeable
except LookupError as err:
    print('from a class that raises:', repr(err))

# a Python class raised from another: the chain is kept and printed
try:
    try:
        raise AppError('first')
    except AppError as first:
        raise AppError('second') from first
except AppError as err:
    print(repr(err.__cause__), err.__suppress_context__)
    print(traceback.format_exception(err)[-1], end='')

# empty messages end the line with the name alone
for e in (ValueError(), ValueError(''), AppError(), AppError(''), KeyError(''), OSError()):
    print(repr(traceback.format_exception_only(e)))
