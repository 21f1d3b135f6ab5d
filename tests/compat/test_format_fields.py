# str.format fields that reach into their value ({0.x}, {p[k]}): the Python
# formatter answers them whatever the arguments (host/numfmt.c routes the
# call when the template has such a field).
from collections import namedtuple
P = namedtuple('P', 'x y')
print("x={0.x}, y={0.y}".format(P(3, 4)))
print("first={0[0]}, key={1[k]}".format([9, 8], {"k": "v"}))
print("{p[a]} {p[b]:>5}|".format(p={'a': 1, 'b': 'z'}))
print("{0.real} {0.imag:.1f}".format(3+4j), "{.real}".format(2.5))
print("{0:{1}} {{0.x}}".format(3, 5), "{:.2f}".format(3.14159), "{a.__class__.__name__}".format(a=1))
c = 5
print(f"{c}")
try:
    "{0.nope}".format(1)
except AttributeError as e:
    print('AttributeError', e)
try:
    "{0[5]}".format([1])
except IndexError as e:
    print('IndexError', e)
