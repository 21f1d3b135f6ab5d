# tempfile: named files, directories removed with their contents.
import os
import tempfile


def bool_isdir(p):
    # (MicroPython's os.path.isdir returns the mode bits: not what is tested here)
    return bool(os.path.isdir(p))



d = tempfile.gettempdir()
print(d, bool_isdir(d))
with tempfile.TemporaryDirectory() as td:
    print(td.startswith(d + '/tmp'), bool_isdir(td))
    os.mkdir(td + '/sub')
    with open(td + '/sub/a.txt', 'w') as f:
        f.write('x')
    with open(td + '/b.txt', 'w') as f:
        f.write('y')
    print(sorted(os.listdir(td)))
print(os.path.exists(td))
with tempfile.NamedTemporaryFile('w+', suffix='.csv', prefix='data_') as t:
    t.write('a,b\n1,2\n')
    t.seek(0)
    print(t.read().splitlines(), os.path.basename(t.name).startswith('data_'), t.name.endswith('.csv'))
    name = t.name
print(os.path.exists(name))
t = tempfile.NamedTemporaryFile('w', delete=False)
t.write('kept')
t.close()
print(open(t.name).read(), os.path.exists(t.name))
os.remove(t.name)
p = tempfile.mkdtemp(suffix='_x')
print(bool_isdir(p), p.endswith('_x'))
os.rmdir(p)
td = tempfile.TemporaryDirectory()
td.cleanup()
td.cleanup()
print(os.path.exists(td.name))
