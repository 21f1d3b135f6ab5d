# What CPython's built-in types answer that the guest's lacked: bytearray
# as a mutable sequence, the special methods __repr__/__str__ as
# attributes of the built-in types, io.StringIO/BytesIO .closed, and
# enum member classes printing as their enum.
import io
from enum import Enum, IntEnum, Flag


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


# bytearray.pop / remove / insert / reverse / clear / copy
ba = bytearray(b'abcdef')
print(ba.pop(), ba, ba.pop(0), ba, ba.pop(-2), ba)
ba.remove(ord('c'))
print(ba)
ba.insert(0, 65)
ba.insert(-1, 66)
ba.insert(100, 67)
ba.insert(-100, 68)
print(ba, len(ba))
ba.reverse()
print(ba)
c = ba.copy()
c.append(33)
print(ba, c, c is ba, type(c).__name__)
ba.clear()
print(ba, len(ba))
attempt('pop empty', lambda: bytearray().pop())
attempt('pop range', lambda: bytearray(b'a').pop(3))
attempt('pop negative range', lambda: bytearray(b'ab').pop(-3))
attempt('remove missing', lambda: bytearray(b'a').remove(7))
attempt('remove big', lambda: bytearray(b'a').remove(256))
attempt('insert big', lambda: bytearray(b'a').insert(0, 300))
attempt('insert negative', lambda: bytearray(b'a').insert(0, -1))
attempt('pop str', lambda: bytearray(b'a').pop('0'))
data = bytearray(b'stack')
while data:
    print(chr(data.pop()), end=' ')
print()

# special methods as attributes of the built-ins
print(float('0.1').__repr__(), (2.5).__str__(), float.__repr__(1e100), int.__repr__(7))
print([1, 'a'].__repr__(), 'a'.__repr__(), 'a'.__str__(), None.__repr__(), (1,).__str__())
print({1: 2}.__repr__(), True.__repr__(), (1j).__repr__(), b'x'.__repr__(), {3}.__str__())
print(list(map(float.__repr__, [0.5, 1 / 3])), list(map(str.__str__, ['a'])), range(3).__repr__())
print(hasattr(3, '__repr__'), hasattr(3.0, '__str__'), hasattr([], '__repr__'))

# StringIO / BytesIO .closed
f = io.StringIO('text')
print(f.closed, f.read())
f.close()
print(f.closed)
attempt('read closed', lambda: f.read())
with io.BytesIO(b'x') as b:
    print(b.closed)
print(b.closed)


# enum members' class prints as the enum
class Color(Enum):
    RED = 1
    GREEN = 2


class Level(IntEnum):
    LOW = 1


class Perm(Flag):
    R = 4
    W = 2


print(type(Color.RED), repr(Color), type(Level.LOW), type(Perm.R))
print(str(Color), f'{Color}', type(Color.RED) is type(Color.GREEN))
