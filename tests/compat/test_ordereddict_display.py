# OrderedDict({...}) with a dict display as its one argument: MicroPython's
# compiler reads it as a call without arguments plus stores into the
# result; the rewriter (lib/python/_mpbox_rewrite.py) keeps it a call.
from collections import OrderedDict
import collections

a = OrderedDict({'b': 2, 'a': 1})
print(a, list(a), a['a'])
b = OrderedDict( {
    'x': [1, 2],   # a comment
    'y': {'nested': (3, 4)},
} )
print(b, len(b))
c = collections.OrderedDict({'k': 0})
print(c)
d = OrderedDict({**a, 'c': 3})
print(d)
e = OrderedDict({})
print(e, bool(e))


def inner():
    from collections import OrderedDict
    return OrderedDict({1: 'one', 2: 'two'})


print(inner(), inner().popitem(last=False))
print(f'{a["a"]=}')
