import traceback
a = ValueError('a'); b = TypeError('b')
a.__context__ = b; b.__context__ = a; b.__cause__ = b
x = a
for i in range(30):
    e = KeyError(i); e.__cause__ = x; e.__context__ = x; x = e
print(len(traceback.format_exception(x)))
raise x
