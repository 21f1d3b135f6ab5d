# str.encode / bytes.decode / bytearray.decode with CPython's arguments
# (lib/python/_mpbox_types.py): utf-8, ascii and latin-1 and their aliases,
# the error handlers, keywords; MicroPython ignores the encoding.
texts = ['plain', 'café', 'Grüße, 世界!', '€100', '']
for t in texts:
    for enc in ('utf-8', 'UTF8', 'latin-1', 'ascii', 'iso-8859-1', 'us-ascii'):
        for err in ('strict', 'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace'):
            try:
                print('[' + t + ']', enc, err, t.encode(enc, err))
            except UnicodeError as e:
                print('[' + t + ']', enc, err, 'UnicodeError', e)
print('x'.encode(encoding='utf-8'), 'é'.encode(errors='strict'), 'é'.encode('ascii', errors='replace'))
blobs = [b'plain', b'caf\xc3\xa9', b'caf\xe9', b'\xff\xfe', b'\xe2\x82', b'\xed\xa0\x80', b'ok\xf0\x9f\x98\x80', b'\xc0\xaf']
for b in blobs:
    for enc in ('utf-8', 'latin-1', 'ascii'):
        for err in ('strict', 'replace', 'ignore', 'backslashreplace'):
            try:
                print(b, enc, err, '[' + b.decode(enc, err) + ']', '[' + bytearray(b).decode(encoding=enc, errors=err) + ']')
            except UnicodeError as e:
                print(b, enc, err, 'UnicodeError', e)
for bad in (lambda: 'x'.encode('klingon'), lambda: b'x\xff'.decode('utf-8', 'nope'), lambda: 'é'.encode('ascii', 'nope')):
    try:
        bad()
    except LookupError as e:
        print('LookupError', e)
print(b'caf\xc3\xa9'.decode(), 'Grüße'.encode(), bytes('é', 'utf-8').decode('latin-1'))
# bytes.hex with a separator
data = bytes(range(0, 250, 23))
for sep in (None, ':', ' ', b'-'):
    for n in (1, 2, 3, -2, -3, 4):
        print(sep, n, data.hex() if sep is None else data.hex(sep, n), bytearray(data[:5]).hex(sep or ':', n))
print(b''.hex(':'), b'\x01'.hex(':', 5), bytes.fromhex('48 65 6c 6c 6f'), bytes.fromhex('0aff'))
for bad in (lambda: b'ab'.hex('::'), lambda: b'ab'.hex(1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
