# open() and the os functions take path objects (pathlib.Path, os.DirEntry,
# a class with __fspath__) as CPython's do; errors name the path as text.
# Output must be identical under python3 and mpbox.
import os
import shutil
import tempfile
from pathlib import Path


class Custom:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


root = Path(tempfile.mkdtemp())
try:
    f = root / 'a.txt'
    with open(f, 'w') as fh:
        fh.write('one\ntwo\n')
    with open(f) as fh:
        print(fh.read().split())
    with open(Custom(str(f)), 'a') as fh:
        fh.write('three\n')
    print(open(f).read().count('\n'), os.stat(f).st_size, os.path.getsize(f), os.path.exists(f))
    os.mkdir(root / 'sub')
    print(sorted(os.listdir(root)), sorted(e.name for e in os.scandir(root)))
    for entry in os.scandir(root):
        if entry.is_file():
            with open(entry) as fh:
                print(entry.name, len(fh.readlines()))
    os.rename(f, root / 'b.txt')
    shutil.copy(root / 'b.txt', root / 'sub' / 'c.txt')
    print(sorted(os.listdir(root)), sorted(os.listdir(root / 'sub')))
    os.remove(root / 'b.txt')
    os.unlink(Custom(str(root / 'sub' / 'c.txt')))
    os.rmdir(root / 'sub')
    print(os.listdir(root))
    for call in (lambda: open(root / 'missing.txt'), lambda: os.listdir(root / 'nope'), lambda: os.remove(root / 'gone'),
                 lambda: os.rename(root / 'x', root / 'y')):
        try:
            call()
        except OSError as e:
            print(type(e).__name__, e.errno, type(e.filename).__name__, os.path.basename(e.filename))
    try:
        open(3.5)
    except TypeError as e:
        print('TypeError')
finally:
    shutil.rmtree(root)
print(root.exists())
