# zlib: crc32/adler32 (with running values), zlib.error, constants, and
# compress/decompress round trips; output must be identical under python3 and
# mpbox (lib/python/zlib.py over the guest's frozen zlib).
import zlib
print(zlib.crc32(b'hello'), zlib.adler32(b''), zlib.adler32(b'hello', 5), zlib.crc32(b'', 7), zlib.adler32(b'x'*100000), zlib.crc32(bytearray(b'abc')), hex(zlib.adler32(b'hello')))
print(zlib.crc32(b'lo', zlib.crc32(b'hel')) == zlib.crc32(b'hello'), zlib.adler32(b'lo', zlib.adler32(b'hel')) == zlib.adler32(b'hello'))
c = zlib.compress(b'a'*100); print(zlib.decompress(c) == b'a'*100, len(c) < 100)
print(zlib.decompress(zlib.compress(b'hello world', 9)), zlib.MAX_WBITS, zlib.Z_BEST_COMPRESSION)
try: zlib.decompress(b'garbage')
except zlib.error as e: print('zlib.error', e)
try: zlib.crc32('text')
except TypeError as e: print('TypeError', e)
