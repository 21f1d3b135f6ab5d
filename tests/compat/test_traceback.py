# traceback: output must be identical under CPython 3.11 and mpbox.
# Frames differ between the two (file names, source lines), so this prints
# the parts that agree: exception lines, frame counts and function names.
import io
import statistics
import traceback


class AppError(Exception):
    pass


def inner(kind):
    if kind == 'value':
        raise ValueError('bad value')
    if kind == 'key':
        return {}['missing']
    if kind == 'app':
        raise AppError('custom failure', 42)
    if kind == 'empty':
        raise ValueError
    if kind == 'stat':
        return statistics.mean([])
    if kind == 'os':
        raise OSError(5, 'Input/output error')
    if kind == 'index':
        raise IndexError('list index out of range')
    return None


def outer(kind):
    return inner(kind)


for kind in ['value', 'key', 'app', 'empty', 'stat', 'os', 'index']:
    try:
        outer(kind)
    except Exception as e:
        lines = traceback.format_exception(e)
        print(kind, repr(lines[0]), repr(lines[-1]), len(lines) >= 3)
        print('  only:', traceback.format_exception_only(e))
        print('  legacy only:', traceback.format_exception_only(type(e), e))
        legacy = traceback.format_exception(type(e), e, getattr(e, '__traceback__', None))
        print('  legacy:', repr(legacy[0]), repr(legacy[-1]))
        buf = io.StringIO()
        traceback.print_exception(e, file=buf)
        text = buf.getvalue()
        print('  printed:', text.startswith('Traceback (most recent call last):\n'),
              repr(text.splitlines()[-1]))
        tb = getattr(e, '__traceback__', e)
        frames = traceback.extract_tb(tb)
        print('  frames:', len(frames), [f.name for f in frames], [type(f.lineno).__name__ for f in frames])
        print('  limit:', [f.name for f in traceback.extract_tb(tb, limit=1)],
              [f.name for f in traceback.extract_tb(tb, limit=-1)])
        te = traceback.TracebackException.from_exception(e)
        print('  te:', str(te), list(te.format_exception_only()), te.exc_type.__name__,
              len(te.stack))
        print('  te.format last:', repr(list(te.format())[-1]))

print(traceback.format_exception_only(ValueError, None))
print(traceback.format_exception_only(None))
e = ValueError('never raised')
print(traceback.format_exception(e))
print(traceback.format_exception_only(KeyError(('a', 1))), traceback.format_exception_only(KeyError()))
print(traceback.format_exception_only(statistics.StatisticsError('x')))
fs = traceback.FrameSummary('file.py', 10, 'func', line='x = 1')
print(fs.filename, fs.lineno, fs.name, fs.line, list(fs), fs[2], repr(fs))
print(fs == ('file.py', 10, 'func', 'x = 1'))
print(traceback.format_list([('a.py', 1, 'f', 'return 1'), ('b.py', 2, 'g', None)]))
ss = traceback.StackSummary.from_list([('a.py', 3, '<module>', 'main()')])
print(ss.format(), len(ss))

# the default stream is sys.stderr, which contextlib.redirect_stderr captures
import contextlib
err = io.StringIO()
with contextlib.redirect_stderr(err):
    try:
        outer('value')
    except ValueError as e:
        traceback.print_exception(e)
        traceback.TracebackException.from_exception(e).print()
text = err.getvalue()
print(text.count('Traceback (most recent call last):'), text.count('ValueError: bad value'))

# hostile chains and messages (the module, not the guest's printer)
class _StrFails(Exception):
    def __str__(self):
        raise RuntimeError('no')


print(''.join(traceback.format_exception(ValueError(_StrFails()))).splitlines()[-1])
print(''.join(traceback.format_exception(_StrFails())).splitlines()[-1])
try:
    raise ValueError(_StrFails())
except ValueError as e:
    lines = traceback.format_exception(e)
    print(lines[0].strip(), lines[-1].strip(), len(lines))
# a cause and a context leading to the same exception, 22 deep: each once
x = KeyError('root')
for i in range(22):
    e = ValueError(i)
    e.__cause__ = x
    e.__context__ = x
    x = e
te = traceback.TracebackException.from_exception(x)
out = list(te.format())
print(len(out), out[0].strip(), out[-1].strip())
# a long chain by hand, and one that loops
prev = None
for i in range(20000):
    e = ValueError(i)
    e.__context__ = prev
    prev = e
out = traceback.format_exception(prev)
print(len(out), out[0].strip(), out[-1].strip())
te = traceback.TracebackException.from_exception(prev)
n = 0
while te is not None:
    n += 1
    te = te.__context__
print(n)
a = ValueError('a')
b = TypeError('b')
a.__context__ = b
b.__context__ = a
print([l.strip() for l in traceback.format_exception(a) if l.strip()])
