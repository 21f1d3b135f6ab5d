# shutil over a tree made here: copyfile/copy/copy2 (into directories too),
# copytree with ignore_patterns and dirs_exist_ok, move (rename, into a
# directory, errors), rmtree (onerror, ignore_errors), disk_usage, which,
# copyfileobj, get_terminal_size, and the errors.
import io
import os
import shutil
import tempfile


def tree(top):
    out = []
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            with open(p) as fh:
                out.append((os.path.relpath(p, top), fh.read()))
    return out


def err(call):
    try:
        r = call()
        print('ok', r if not isinstance(r, str) else os.path.relpath(r, base))
    except (OSError, shutil.Error) as e:
        print(type(e).__name__, str(e).replace(base, 'BASE'))


base = tempfile.mkdtemp()
os.chdir(base)
os.makedirs('proj/src/pkg')
os.makedirs('proj/build')
for p, text in [('proj/README.md', '# hi'), ('proj/src/main.py', 'print(1)'),
                ('proj/src/pkg/mod.py', 'x = 1'), ('proj/src/pkg/mod.pyc', 'bin'),
                ('proj/build/out.o', 'obj'), ('a.txt', 'alpha')]:
    with open(p, 'w') as fh:
        fh.write(text)
print(shutil.copyfile('a.txt', 'b.txt'), open('b.txt').read())
print(shutil.copy('a.txt', 'proj'), shutil.copy2('a.txt', 'c.txt'), os.path.exists('proj/a.txt'))
err(lambda: shutil.copyfile('a.txt', 'a.txt'))
err(lambda: shutil.copyfile('missing.txt', 'x.txt'))
err(lambda: shutil.copyfile('a.txt', 'proj'))
err(lambda: shutil.copymode('a.txt', 'c.txt'))
err(lambda: shutil.copystat('a.txt', 'nope.txt'))
err(lambda: shutil.copymode('a.txt', 'nope.txt'))
err(lambda: shutil.copystat('nope.txt', 'a.txt'))
print(issubclass(shutil.SameFileError, shutil.Error), issubclass(shutil.Error, OSError))
print(shutil.copytree('proj', 'copy1'), tree('copy1'))
print(shutil.copytree('proj', 'copy2', ignore=shutil.ignore_patterns('*.pyc', 'build')), tree('copy2'))
err(lambda: shutil.copytree('proj', 'copy1'))
print(shutil.copytree('proj/src', 'copy1/src', dirs_exist_ok=True), len(tree('copy1')))
seen = []
shutil.copytree('proj', 'copy3', copy_function=lambda s, d: seen.append(os.path.basename(s)) or shutil.copyfile(s, d))
print(sorted(seen))
err(lambda: shutil.copytree('missing', 'copy4'))
print(shutil.move('b.txt', 'moved.txt'), os.path.exists('b.txt'), open('moved.txt').read())
print(shutil.move('moved.txt', 'copy1'), os.listdir('copy1').count('moved.txt'))
print(shutil.move('copy3', 'copy2'), sorted(os.listdir('copy2')))
with open('c2.txt', 'w') as fh:
    fh.write('z')
os.makedirs('dest')
with open('dest/c2.txt', 'w') as fh:
    fh.write('old')
err(lambda: shutil.move('c2.txt', 'dest'))
err(lambda: shutil.move('missing.txt', 'dest'))
shutil.rmtree('copy1')
print(os.path.exists('copy1'))
err(lambda: shutil.rmtree('copy1'))
err(lambda: shutil.rmtree('a.txt'))
shutil.rmtree('copy1', ignore_errors=True)
calls = []
shutil.rmtree('nothing', onerror=lambda f, p, info: calls.append((p, info[0].__name__)))
print(calls)
u = shutil.disk_usage('/')
print(u.total > 0, u.used >= 0, u.free >= 0, u.total >= u.free, len(u), u._fields)
print(shutil.which('python3') is None or True, shutil.which('no-such-program-xyz'))
src, dst = io.StringIO('x' * 100), io.StringIO()
shutil.copyfileobj(src, dst, 7)
print(len(dst.getvalue()))
src, dst = io.BytesIO(b'abc'), io.BytesIO()
shutil.copyfileobj(src, dst)
print(dst.getvalue())
os.environ['COLUMNS'] = '120'
os.environ['LINES'] = '40'
ts = shutil.get_terminal_size()
print(ts.columns, ts.lines, tuple(ts))
print(sorted(os.listdir('.')))
