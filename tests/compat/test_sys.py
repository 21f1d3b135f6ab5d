# sys.getrecursionlimit/setrecursionlimit (lib/python/sys.py) and that the
# rest of sys still answers as before.
import sys

print(sys.getrecursionlimit())
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
for bad in ('x', 2.5, 0, -1):
    try:
        sys.setrecursionlimit(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.getrecursionlimit())


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


print(depth(900))
from sys import setrecursionlimit, getrecursionlimit
setrecursionlimit(1234)
print(getrecursionlimit(), sys.getrecursionlimit())
print(sys.maxsize > 2 ** 30, isinstance(sys.path, list), isinstance(sys.argv, list))
print(sys.modules['sys'] is sys, 'sys' in sys.modules)
sys.stdout.write('written\n')
print(sys.byteorder in ('little', 'big'))
try:
    sys.exit(0)
except SystemExit as e:
    print('SystemExit', e.args)

# a missing name: ImportError from `from sys import`, no exception from hasattr
try:
    from sys import no_such_name_here
except ImportError:
    print('ImportError')
print(hasattr(sys, 'no_such_name_here'), hasattr(sys, 'path'))
try:
    sys.no_such_name_here
except AttributeError:
    print('AttributeError')
print(type(sys.__dict__).__name__, sys.__dict__['__name__'])
from sys import maxsize, path
print(maxsize == sys.maxsize, path is sys.path)

# version checks take the Python 3 paths; the named tuples
import sys
print(sys.version_info >= (3, 8), sys.version_info[:2] >= (3, 6), sys.version_info.major, sys.version_info[0])
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info[0])
print(sys.intern('ab'), sys.getdefaultencoding())
