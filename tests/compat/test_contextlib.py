# contextlib: output must be identical under CPython 3.11 and mpbox.
import io
import sys
from contextlib import (contextmanager, suppress, closing, nullcontext, redirect_stdout,
                        redirect_stderr, ExitStack, AbstractContextManager, ContextDecorator)

log = []


@contextmanager
def tag(name):
    log.append('<' + name + '>')
    try:
        yield name.upper()
    finally:
        log.append('</' + name + '>')


with tag('a') as t:
    log.append(t)
print(log)
log.clear()
try:
    with tag('b'):
        raise ValueError('inside')
except ValueError as e:
    print('propagated', e, log)


@contextmanager
def swallow(*types):
    try:
        yield
    except types as e:
        print('swallowed', type(e).__name__, e.args)


with swallow(KeyError):
    raise KeyError('k')
print('after swallow')
try:
    with swallow(KeyError):
        raise TypeError('t')
except TypeError as e:
    print('not swallowed', e)


@contextmanager
def transform():
    try:
        yield
    except ZeroDivisionError:
        raise ValueError('converted')


try:
    with transform():
        1 / 0
except ValueError as e:
    print('converted:', e)


@contextmanager
def no_yield(flag=False):
    if flag:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print('RuntimeError', e)


@tag('deco')
def decorated(x):
    log.append('body %d' % x)
    return x * 2


log.clear()
print(decorated(3), decorated(4), log)

with suppress(OSError, KeyError):
    {}['missing']
print('suppressed KeyError')
with suppress(ValueError):
    pass
try:
    with suppress(KeyError):
        [][1]
except IndexError:
    print('IndexError passes through suppress')


class Res:
    def __init__(self, n):
        self.n = n

    def close(self):
        print('closed', self.n)


with closing(Res(1)) as r:
    print('using', r.n)
with nullcontext(42) as v:
    print('nullcontext', v)
with nullcontext() as v:
    print('nullcontext', v)

buf = io.StringIO()
with redirect_stdout(buf) as target:
    print('hello', 'world', sep=', ')
    print('second', end='')
    print('to stdout explicitly', file=sys.stdout)
print('captured:', repr(buf.getvalue()), target is buf)
outer = io.StringIO()
inner = io.StringIO()
with redirect_stdout(outer):
    print('o1')
    with redirect_stdout(inner):
        print('i1')
    print('o2')
print(repr(outer.getvalue()), repr(inner.getvalue()))
err = io.StringIO()
with redirect_stderr(err):
    print('to stderr', file=sys.stderr)
    print('still stdout')
print('stderr captured:', repr(err.getvalue()))
try:
    with redirect_stdout(io.StringIO()):
        raise KeyError('x')
except KeyError:
    print('restored after exception')

with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, 'callback', i)
    res = [stack.enter_context(closing(Res(i))) for i in (10, 11)]
    print('in stack', [r.n for r in res])


def suppressor(*exc):
    print('suppressor got', exc[0].__name__ if exc[0] else None)
    return True


with ExitStack() as stack:
    stack.push(suppressor)
    raise ValueError('gone')
print('exitstack suppressed')

with ExitStack() as stack:
    stack.callback(print, 'never runs here')
    moved = stack.pop_all()
print('moved')
moved.close()

try:
    with ExitStack() as stack:
        stack.callback(print, 'cleanup still runs')
        raise RuntimeError('boom')
except RuntimeError as e:
    print('raised', e)


def failing():
    raise ValueError('from callback')


try:
    with ExitStack() as stack:
        stack.callback(failing)
except ValueError as e:
    print('callback error', e)


class CM(AbstractContextManager):
    def __exit__(self, *a):
        print('CM exit')


with CM() as c:
    print('CM enter gives self', isinstance(c, CM))


class Deco(ContextDecorator):
    def __enter__(self):
        print('enter')
        return self

    def __exit__(self, *exc):
        print('exit')
        return False


@Deco()
def f():
    print('in f')


f()
try:
    ExitStack().enter_context(object())
except TypeError as e:
    print('TypeError')
