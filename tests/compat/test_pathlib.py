# pathlib: output must be identical under CPython 3.11 and mpbox.
# File-system cases work in a fresh temporary directory and clean up.
import os
import tempfile
from pathlib import Path, PurePath, PurePosixPath, PosixPath

# pure paths
for s in ['a/b/c.tar.gz', '/x/y/', 'noext', '.bashrc', 'a.', '/', '.', '', '//srv/x', '///a', 'a//b/./c',
          '../up', 'dir/.hidden.txt']:
    p = PurePath(s)
    print(repr(s), str(p), repr(p), p.parts, p.name, p.suffix, p.suffixes, p.stem, str(p.parent),
          p.is_absolute(), p.root, p.anchor, p.drive)
print([str(x) for x in PurePath('/a/b/c').parents], [str(x) for x in PurePath('a/b').parents])
print(PurePath('a') / 'b' / 'c', 'x' / PurePath('y'), PurePath('a', 'b', '/c', 'd'), PurePath('a').joinpath('b', 'c'))
print(PurePath('a/b') == PurePath('a//b/'), PurePath('a') == 'a', hash(PurePath('a/b')) == hash(PurePath('a/b')))
print(sorted([PurePath('b'), PurePath('a/c'), PurePath('a')]), PurePath('a') < PurePath('b'))
print(PurePath('x/y.txt').with_name('z.md'), PurePath('x/y.txt').with_suffix('.csv'), PurePath('x/y.txt').with_suffix(''),
      PurePath('x/y.tar.gz').with_stem('w'))
print(PurePath('/a/b/c').relative_to('/a'), PurePath('/a/b').relative_to('/a/b'), PurePath('/a/b').is_relative_to('/a'),
      PurePath('/a/b').is_relative_to('/c'))
print(PurePath('a/b.py').match('*.py'), PurePath('/a/b/c.py').match('b/*.py'), PurePath('a/b.py').match('/*.py'),
      PurePath('a/b.py').match('a/*.txt'))
print(PurePath('/etc/x').as_posix(), PurePath('/etc/x').as_uri(), type(PurePath('a')).__name__,
      type(PurePosixPath('a')).__name__, type(Path('a')).__name__, isinstance(Path('a'), PurePath))
for bad in [lambda: PurePath('a').relative_to('b'), lambda: PurePath('').with_name('x'),
            lambda: PurePath('a').with_suffix('txt'), lambda: PurePath('a').as_uri(), lambda: PurePath(3)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__)

# the file system
home = os.getcwd()
d = Path(tempfile.mkdtemp())
os.chdir(str(d))
root = Path('tree')
(root / 'a' / 'b').mkdir(parents=True)
(root / 'a' / 'b').mkdir(parents=True, exist_ok=True)
try:
    (root / 'a').mkdir()
except FileExistsError:
    print('FileExistsError')
for name, text in [('x.txt', 'one\ntwo\n'), ('a/y.csv', 'h,v\n1,2\n'), ('a/b/z.txt', ''), ('a/.hid.txt', '.')]:
    print((root / name).write_text(text))
print((root / 'bin.dat').write_bytes(b'\x00\xff'), (root / 'bin.dat').read_bytes())
p = root / 'x.txt'
print(p.exists(), p.is_file(), p.is_dir(), root.is_dir(), (root / 'nope').exists(), p.stat().st_size)
print(p.read_text().splitlines(), p.open().readline())
print(sorted(str(x) for x in root.iterdir()))
print(sorted(str(x) for x in root.glob('*.txt')), sorted(str(x) for x in root.glob('a/*')))
print(sorted(str(x) for x in root.rglob('*.txt')), sorted(str(x) for x in root.glob('**/*.csv')))
print(sorted(str(x) for x in root.glob('**')))
print(Path.cwd() == d or str(Path.cwd()) == str(d), root.absolute() == d / 'tree', root.resolve().is_absolute())
(root / 'new.txt').touch()
print((root / 'new.txt').exists(), (root / 'new.txt').stat().st_size)
q = (root / 'new.txt').rename(root / 'renamed.txt')
print(q, q.exists(), (root / 'new.txt').exists())
(root / 'gone.txt').unlink(missing_ok=True)
try:
    (root / 'gone.txt').unlink()
except FileNotFoundError:
    print('FileNotFoundError')
with (root / 'x.txt').open('a') as f:
    f.write('three\n')
print((root / 'x.txt').read_text().count('\n'))
for x in sorted(root.rglob('*'), key=lambda x: -len(x.parts)):
    x.rmdir() if x.is_dir() else x.unlink()
root.rmdir()
os.chdir(home)
d.rmdir()
print(d.exists())
