# glob over a tree made here: *, ?, [..], ** with recursive=True, hidden
# files, root_dir=, trailing '/', escape(), iglob. Results are sorted
# (the order of a directory listing is the file system's, in both).
import glob
import os
import tempfile

top = tempfile.mkdtemp()
os.chdir(top)
for d in ['src', 'src/pkg', 'src/pkg/sub', 'docs', '.hidden', 'data[1]']:
    os.makedirs(d, exist_ok=True)
for f in ['a.py', 'b.py', 'c.txt', 'src/main.py', 'src/util.py', 'src/pkg/__init__.py',
          'src/pkg/sub/deep.py', 'src/pkg/notes.md', 'docs/index.md', '.hidden/secret.py',
          '.env', 'data[1]/x.csv', 'file1.log', 'file2.log', 'file10.log']:
    with open(f, 'w') as fh:
        fh.write('x')

patterns = ['*.py', '*', '?.py', 'file?.log', 'file[0-9].log', 'file[!1]*.log', 'src/*.py',
            'src/*/*.py', '*/*.md', '**/*.py', 'src/**/*.py', '**', 'src/**', '**/', 'nothing*',
            'a.py', 'missing.py', 'src/', 'src', '*/', '.*', 'data[1]/*', glob.escape('data[1]') + '/*',
            '.hidden/*.py', '[ab].py', '*.[pt][yx]*']
for p in patterns:
    print(repr(p), sorted(glob.glob(p)), sorted(glob.glob(p, recursive=True)))
print(sorted(glob.glob('**/*.py', recursive=True, include_hidden=True)))
print(sorted(glob.glob('*', include_hidden=True)))
print(sorted(glob.glob('*.py', root_dir='src')), sorted(glob.glob('**/*.md', root_dir=top, recursive=True)))
print(sorted(os.path.relpath(p, top) for p in glob.glob(os.path.join(top, 'src', '*.py'))))
print(sorted(os.path.relpath(p, top) for p in glob.glob(top + '/**/*.md', recursive=True)))
it = glob.iglob('*.log')
print(type(it).__name__ != 'list', sorted(it))
print(glob.escape('a*b?c[d].txt'), glob.escape('plain/path'), glob.escape(b'x*'), glob.has_magic('a[b'), glob.has_magic('ab'))
print(glob.glob(''), glob.glob('', recursive=True))
