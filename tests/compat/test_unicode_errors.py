# UnicodeDecodeError / UnicodeEncodeError / UnicodeTranslateError: the
# classes exist, codecs raise them with CPython's attributes and texts, and
# `except UnicodeError` / `except ValueError` still catch them.
def show(label, f):
    try:
        r = f()
    except Exception as e:
        attrs = tuple(getattr(e, a, None) for a in ('encoding', 'object', 'start', 'end', 'reason'))
        print(label, type(e).__name__, '|', e, '|', attrs, len(e.args))
    else:
        print(label, repr(r))


show('utf-8 bad start', lambda: b'\xff\xfeab'.decode('utf-8'))
show('utf-8 truncated', lambda: 'é'.encode()[:1].decode())
show('utf-8 in text', lambda: b'abc\xe2\x82'.decode())
show('ascii decode', lambda: b'caf\xc3\xa9'.decode('ascii'))
show('ascii encode', lambda: 'naïve'.encode('ascii'))
show('ascii encode run', lambda: 'ab\u00e9\u00e8\u20ac'.encode('ascii'))
show('latin-1 encode', lambda: 'x\u20acy'.encode('latin-1'))
show('replace', lambda: b'a\xffb'.decode('utf-8', 'replace'))
show('ignore', lambda: 'a\u00e9'.encode('ascii', 'ignore'))

for exc in (UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError):
    print(exc.__name__, issubclass(exc, UnicodeError), issubclass(exc, ValueError), exc.__mro__[1].__name__)

try:
    b'\xc3'.decode()
except UnicodeError as e:
    print('caught as UnicodeError:', type(e).__name__, e.start, e.end, e.reason)
try:
    'ü'.encode('ascii')
except ValueError as e:
    print('caught as ValueError:', type(e).__name__, e.object, e.encoding)

made = UnicodeDecodeError('utf-8', b'\x00\xff', 1, 2, 'custom reason')
print(made, made.args, repr(made.object))
made = UnicodeEncodeError('ascii', 'a\U0001f600', 1, 2, 'no emoji')
print(made, made.end)
made = UnicodeTranslateError('abc', 0, 2, 'because')
print(made, made.args)
try:
    raise UnicodeDecodeError('utf-8', b'', 0, 1)
except TypeError as e:
    print('TypeError:', e)
