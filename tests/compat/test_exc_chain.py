# Exception chaining (guest/excchain, host/exc.c): __cause__, __context__,
# __suppress_context__, __traceback__ and the chain traceback.format_exception
# prints. Output must be identical under CPython 3.11 and mpbox.
import gc
import traceback


class SettingsError(Exception):
    pass


def parse_port(value):
    try:
        return int(value)
    except ValueError as exc:
        raise SettingsError('bad port %r' % value) from exc


try:
    parse_port("80x")
except SettingsError as err:
    print('cause:', type(err.__cause__).__name__, err.__cause__)
    print('context is cause:', err.__context__ is err.__cause__, 'suppress:', err.__suppress_context__)

# the context of an exception raised while another is handled
try:
    try:
        {}['missing']
    except KeyError:
        raise RuntimeError('while handling')
except RuntimeError as err:
    print('context:', repr(err.__context__), 'cause:', err.__cause__, err.__suppress_context__)

# raised by the guest itself (not a raise statement), in a nested handler
try:
    try:
        [][1]
    except IndexError:
        try:
            pass
        finally:
            x = 1
        1 / 0
except ZeroDivisionError as err:
    print('builtin context:', type(err.__context__).__name__, err.__context__)

# from None; bare raise keeps the exception as it is
try:
    try:
        {}['k']
    except KeyError:
        raise ValueError('outer') from None
except ValueError as err:
    print('from None:', err.__cause__, err.__suppress_context__, type(err.__context__).__name__)

try:
    try:
        raise TypeError('t')
    except TypeError:
        raise
except TypeError as err:
    print('re-raised:', err.__context__, err.__cause__)


# raised in a function called from an except block
def fail():
    raise LookupError('deep')


try:
    try:
        raise OSError('first')
    except OSError:
        fail()
except LookupError as err:
    print('through a call:', repr(err.__context__))

# a fresh exception has none of them
e = ValueError('fresh')
print('fresh:', e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__)

# setting __cause__ and __suppress_context__
e.__cause__ = KeyError('set')
print('set cause:', repr(e.__cause__), e.__suppress_context__)
e.__cause__ = None
e.__suppress_context__ = False
print('unset:', e.__cause__, e.__suppress_context__)

# a raised exception has a traceback
try:
    raise ValueError('tb')
except ValueError as err:
    print('has traceback:', err.__traceback__ is not None)

# the chain survives collections while the exception is alive
def chained():
    try:
        try:
            raise KeyError('inner%d' % 7)
        except KeyError as inner:
            raise ValueError('middle') from inner
    except ValueError:
        raise RuntimeError('outer')


try:
    chained()
except RuntimeError as err:
    kept = err
junk = [[i] * 10 for i in range(2000)]
del junk
gc.collect()
print('after gc:', repr(kept.__context__), repr(kept.__context__.__cause__),
      kept.__context__.__cause__.__context__)

# a context chain that would loop is cut
try:
    try:
        raise KeyError('a')
    except KeyError as a:
        try:
            raise ValueError('b')
        except ValueError:
            raise a
except KeyError as err:
    print('cycle cut:', repr(err.__context__), err.__context__.__context__)

# traceback prints the chain, oldest first
try:
    chained()
except RuntimeError as err:
    lines = traceback.format_exception(err)
    text = ''.join(lines)
    print([l for l in text.split('\n') if l and not l.startswith(' ')])
    print(traceback.format_exception_only(err))
    lines = traceback.format_exception(err, chain=False)
    print([l for l in ''.join(lines).split('\n') if l and not l.startswith(' ')])

# TracebackException follows the chain
te = traceback.TracebackException.from_exception(kept)
print(type(te.__context__).__name__, str(te.__context__), str(te.__context__.__cause__),
      te.__context__.__cause__.__context__, te.__suppress_context__)
print([l for l in ''.join(te.format()).split('\n') if l and not l.startswith(' ')])

# a chain set by hand that loops
a, b = KeyError('a'), ValueError('b')
a.__context__ = b
b.__context__ = a
print([l for l in ''.join(traceback.format_exception(a)).split('\n') if l and not l.startswith(' ')])
te = traceback.TracebackException.from_exception(a)
print(str(te.__context__), te.__context__.__context__)


# raised and caught inside a function called from an except block: the
# context is the exception the caller handles
def parse_int(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError('bad number') from e


def load_all():
    try:
        {}['k']
    except KeyError:
        return parse_int('x')


try:
    load_all()
except RuntimeError as err:
    print('nested:', repr(err.__cause__), repr(err.__cause__.__context__))
    print([l for l in traceback.format_exc().split('\n') if l and not l.startswith(' ')])

# sys.exc_info, sys.exception and traceback.format_exc
import sys

print('outside:', sys.exc_info(), sys.exception(), repr(traceback.format_exc()))
try:
    [][0]
except IndexError:
    t, v, tb = sys.exc_info()
    print('inside:', t.__name__, repr(v), tb is not None, sys.exception() is v)

    def handled():
        return sys.exc_info()[1]

    print('from a call:', repr(handled()))
    try:
        raise KeyError('inner')
    except KeyError:
        print('nested handler:', repr(sys.exc_info()[1]))
    print('back:', repr(sys.exc_info()[1]))
    print([l for l in traceback.format_exc().split('\n') if l and not l.startswith(' ')])
print('after:', sys.exc_info())


def gen():
    try:
        raise ValueError('in generator')
    except ValueError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]


g = gen()
print('generator:', repr(next(g)), sys.exc_info()[1], repr(next(g)))
