# os and os.path: output must be identical under CPython 3.11 and mpbox.
# Works in a fresh temporary directory and removes what it made.
import os
import os.path
import tempfile
import pathlib

home = os.getcwd()
scratch = tempfile.mkdtemp()
os.chdir(scratch)
base = 'tree'
os.makedirs(base + '/a/b', exist_ok=True)
os.makedirs(base + '/a/b', exist_ok=True)
try: os.makedirs(base + '/a')
except FileExistsError as e: print('exists', e.errno)
for n in ['x.txt', 'a/y.csv', 'a/b/z.json']:
    with open(os.path.join(base, n), 'w') as f: f.write(n * 3)
for root, dirs, files in os.walk(base):
    print(root, sorted(dirs), sorted(files))
for root, dirs, files in os.walk(base, topdown=False):
    print('up', root)
with os.scandir(base) as it:
    for e in sorted(it, key=lambda e: e.name):
        print(e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.stat().st_size if e.is_file() else '-')
st = os.stat(os.path.join(base, 'x.txt'))
print(st.st_size, st.st_mode & 0o170000 == 0o100000, type(st.st_mtime).__name__, len(st), st[6])
print(os.path.getsize(os.path.join(base, 'a/y.csv')), type(os.path.getmtime(base)).__name__)
print(os.path.isdir(base), os.path.isfile(base), os.path.exists(base + '/nope'), os.path.islink(base))
os.replace(os.path.join(base, 'x.txt'), os.path.join(base, 'a/y.csv'))
print(sorted(os.listdir(base)), open(os.path.join(base, 'a/y.csv')).read())
for p in ['a/b/c.txt', '/x/y/', 'noext', '.bashrc', 'a.tar.gz', '/a/.b', '..', '', '//a//b', '///a/../b', 'a/./b/../../..', '/..']:
    print(repr(p), os.path.split(p), os.path.splitext(p), os.path.basename(p), os.path.dirname(p), os.path.normpath(p), os.path.isabs(p))
print(os.path.join('a', 'b', '/c', 'd'), os.path.join('a/', 'b'), os.path.join('', 'x'), os.path.join('a', ''))
print(os.path.relpath('/a/b/c', '/a/x'), os.path.relpath('/a', '/a'), os.path.relpath('b/c', 'b'), os.path.relpath('/', '/a/b'))
print(os.path.commonprefix(['/usr/lib', '/usr/local', '/usr/libx']), os.path.commonpath(['/usr/lib', '/usr/local']), os.path.commonpath(['a/b', 'a/c/d']))
print(os.path.abspath('q') == os.path.join(os.getcwd(), 'q'), os.path.abspath('/a/./b/../c'))
print(os.path.expandvars('$NOPE/x ${ALSO}'), os.getenv('NOPE_X'), os.getenv('NOPE_X', 'dflt'), os.environ.get('NOPE_Y', 1))
print(os.sep, repr(os.linesep), os.curdir, os.pardir, os.pathsep, os.devnull, os.name, len(os.urandom(8)), type(os.cpu_count()).__name__)
print(os.fspath('x'), os.path.exists(base), os.access(base, os.R_OK))
for err in [lambda: os.path.relpath(''), lambda: os.path.commonpath([]), lambda: os.path.commonpath(['/a', 'b']), lambda: os.stat('nope/x')]:
    try: err()
    except (ValueError, OSError) as e: print(type(e).__name__, e)

# clean up bottom-up; removedirs climbs while directories are empty
for root, dirs, files in os.walk(base, topdown=False):
    for f in files:
        os.remove(os.path.join(root, f))
os.removedirs(base + '/a/b')
print(os.listdir('.'))
os.chdir(home)
os.rmdir(scratch)
print(os.path.exists(scratch))

# a path with a NUL is refused before it reaches the host (which would see
# the name up to the NUL), and nothing is made
for bad in [lambda: open('nul\0.txt', 'w'), lambda: os.stat('x\0'), lambda: os.listdir('\0'), lambda: os.rename('a', 'b\0'),
            lambda: os.remove('\0'), lambda: os.makedirs('nul\0dir/x'), lambda: pathlib.Path('nul\0').read_text(),
            lambda: os.mkdir('nul\0dir')]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
print(pathlib.Path('a\0').exists(), os.path.exists('a\0'), os.path.isfile('a\0'), os.path.exists('nul'))
