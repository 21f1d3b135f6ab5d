# Extended slices (a step other than 1) of the built-in sequences (guest/slice,
# lib/python/_mpbox_slices.py): output must be identical under CPython 3.11 and mpbox.
print('hello'[::-1], 'héllo wörld'[::-2], 'abc'[5:0:-1], 'abcdef'[::2], 'abc'[-1::-1])
print(b'hello'[::-1], bytearray(b'hello')[::2], (1,2,3,4)[::-1], (1,2,3,4,5)[1::2])
a=list(range(10)); del a[::2]; print(a)
a=list(range(10)); del a[::-3]; print(a)
a=list(range(10)); a[::2]=[0]*5; print(a)
a=[1,2,3]; a[::-1]=[4,5,6]; print(a)
a=list(range(6)); a[::2]=a[1::2]; print(a)
b=bytearray(b'hello'); b[::2]=b'XYZ'; print(b)
import array
print(array.array('i',[1,2,3])[::-1], array.array('d',[1.5,2.5])[::-1], array.array('b')[::-1])
for bad in ["a=[1,2,3]; a[::2]=[1]", "a=[1,2,3]; a[::2]=5", "'abc'[::0]", "b=bytearray(b'abc'); b[::2]=b'x'"]:
    try:
        exec(bad)
    except Exception as e:
        print(type(e).__name__, e)
from collections import namedtuple
P = namedtuple('P', 'x y z'); print(P(1,2,3)[::-1])
class S(str): pass
print(S('abc')[::-1], type(S('abc')[::-1]).__name__)
print(list(range(10))[::3], range(10)[::-2])
# long and non-ASCII strings, every step and bound
s = 'αβγδε-abcdef' * 3
out = []
for step in (-3, -2, -1, 2, 3, 7):
    for lo in (None, -5, 0, 4, 40):
        for hi in (None, -40, 2, 9):
            out.append(s[lo:hi:step])
print(len(out), '|'.join(out))
for step in (2, -2, 3):
    a = list(range(12))
    del a[1::step]
    b = list(range(12))
    b[::step] = [x * 10 for x in b[::step]]
    print(step, a, b)
def rev(x):
    return x[::-1]
print(rev('racecar') == 'racecar', rev([1, 2]), rev((3,)), rev(b''), rev(''))
