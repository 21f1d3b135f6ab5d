# vars(obj): the object's __dict__ (the start-up image adds vars()).
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
# (MicroPython's __dict__ of an instance is a read-only copy: not tested)
print(sorted(vars(p).items()), vars(p) == p.__dict__)
import math
print('pi' in vars(math))
for bad in [3, 'text', None]:
    try:
        vars(bad)
    except TypeError as e:
        print('TypeError', e)
try:
    vars(p, p)
except TypeError as e:
    print('TypeError', e)
