# slice() as a constructor, and the built-ins that need a float (math,
# float(), '%f') taking a float subclass or an object with __float__ or
# __index__ (guest/compat's make_new and float doors).
import math


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


s = slice(1, 8, 3)
print(s, s.start, s.stop, s.step, s.indices(5), s.indices(100))
nums = list(range(10))
print(nums[s], 'abcdefghij'[s], tuple(nums)[s], bytes(range(10))[s])
print(slice(3), slice(None, 2), slice(-3, None), 'abcdef'[slice(None, 2)], [9, 8, 7][slice(2)])
print(nums[slice(None, None, -1)], nums[slice(-2, None)], isinstance(s, slice), type(slice(1)).__name__)
print(slice('a', 'b'), slice(1.5, None, [1]))


class Grid:
    def __getitem__(self, index):
        return index


print(Grid()[slice(1, 2)], Grid()[1:2], Grid()[slice(1, 2), 3])
window = slice(2, 5)
nums[window] = ['x']
print(nums)
del nums[slice(0, 2)]
print(nums)
attempt('no args', lambda: slice())
attempt('four args', lambda: slice(1, 2, 3, 4))
attempt('keyword', lambda: slice(stop=3))


class Meters(float):
    def __add__(self, other):
        return Meters(float(self) + float(other))

    def __repr__(self):
        return '%sm' % float(self)


m = Meters(2.25)
print(repr(m + 2), float(m), type(float(m)).__name__, math.sqrt(m), math.floor(m), math.ceil(m))
print('%.2f' % m, round(m, 1), math.isclose(m, 2.25), math.exp(Meters(0)), math.hypot(m, 3))
print(m * 2, type(m * 2).__name__, m > 2)


class Ratio:
    def __float__(self):
        return 0.25


class Count:
    def __index__(self):
        return 9


print(math.sqrt(Ratio()), math.sqrt(Count()), float(Ratio()), math.log2(Count()), math.atan2(Ratio(), 1))


class Bad:
    def __float__(self):
        return 'x'


attempt('bad __float__', lambda: math.sqrt(Bad()))


# bin(), oct(), hex() take __index__ (not __int__)
class Level:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(bin(Level(3)), oct(Level(8)), hex(Level(255)), bin(Level(-5)), bin(True), bin(2 ** 70))
attempt('bin str', lambda: bin('1'))
attempt('bin float', lambda: bin(1.5))
