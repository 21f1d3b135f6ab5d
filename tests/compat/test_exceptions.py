# str() and repr() of exceptions (guest/excprint) and the OSError subclasses
# open() and os raise (lib/python/_mpbox_exc.py): output must be identical
# under CPython 3.11 and mpbox.
import os

print(str(KeyError('b')), repr(KeyError('b')), str(KeyError()), str(KeyError('a', 'b')), repr(KeyError(1)))
print(str(KeyError(('t', 1))), repr(KeyError(None)), str(KeyError("it's")))
print(repr(ValueError('x')), repr(ValueError()), repr(ValueError('x', 2)), str(ValueError('x', 2)))
print(repr(IndexError('é')), repr(RuntimeError(['l'])), str(TypeError('t')))


class AppError(Exception):
    pass


class MissingKey(KeyError):
    pass


print(repr(AppError('bad')), repr(AppError()), repr(AppError('a', 1)), str(AppError('bad')))
print(str(MissingKey('k')), repr(MissingKey('k')))
d = {'a': 1}
for key in ('b', 3, (1, 2)):
    try:
        d[key]
    except KeyError as e:
        print('KeyError', e, repr(e), e.args)
try:
    raise AppError('404')
except AppError as e:
    print('giving up: %r' % e, [e])

# OSError subclasses
print(issubclass(FileNotFoundError, OSError), issubclass(ConnectionResetError, ConnectionError),
      issubclass(ConnectionError, OSError), FileNotFoundError.__name__)
for f in (lambda: open('/no/such/file.txt'), lambda: os.remove('/missing'), lambda: os.listdir('/missing'),
          lambda: os.rename('/missing', '/other')):
    try:
        f()
    except FileNotFoundError as e:
        print(type(e).__name__, e, e.errno, e.strerror, e.filename, repr(e), isinstance(e, OSError))
try:
    os.mkdir('/tmp')  # the sandbox starts without /tmp
except FileExistsError:
    pass
with open('/tmp/plain.txt', 'w') as fh:
    fh.write('x')
try:
    os.listdir('/tmp/plain.txt')
except NotADirectoryError as e:
    print(type(e).__name__, e)
try:
    os.rmdir('/tmp/dir_exc_missing')
except OSError as e:
    print(type(e).__name__, e)
try:
    raise FileNotFoundError(2, 'No such file or directory', 'cfg.ini')
except OSError as e:
    print(e, e.errno, e.strerror)
print(str(PermissionError('plain message')), str(TimeoutError()), repr(TimeoutError('t')))

# ZeroDivisionError's texts (guest/div0)
import math
big = 10 ** 30
cases = [lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: divmod(7, 0), lambda: 1.0 / 0, lambda: 1 / 0.0,
         lambda: 1.5 // 0, lambda: 1.5 % 0, lambda: divmod(1.5, 0), lambda: 0.0 ** -1, lambda: 0 ** -1,
         lambda: big / 0, lambda: big // 0, lambda: big % 0, lambda: divmod(big, 0), lambda: math.log(2, 1),
         lambda: 5 // (big - big)]
for f in cases:
    try:
        f()
    except ZeroDivisionError as e:
        print('ZeroDivisionError:', e)
for op in ('/=', '//=', '%='):
    x = 7
    try:
        exec('x ' + op + ' 0')
    except ZeroDivisionError as e:
        print(op, e)
