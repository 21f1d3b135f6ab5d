# zlib for mpbox: the guest's frozen zlib (compress/decompress over its
# deflate module) plus what CPython's has and it lacks: crc32, adler32,
# zlib.error and the constants. Written from the zlib specification
# (RFC 1950: Adler-32) and the CPython 3.11 documentation.
# Compressed bytes are the guest's deflate's, not zlib's: they decompress
# the same but may differ in length and content from CPython's output.
import sys
from binascii import crc32 as _crc32


def _frozen():
    had = sys.modules.pop('zlib', None)
    path = sys.path[:]
    sys.path[:] = ['.frozen']
    try:
        return __import__('zlib')
    except ImportError:
        return None
    finally:
        sys.path[:] = path
        if had is not None:
            sys.modules['zlib'] = had


_z = _frozen()
del _frozen

MAX_WBITS = 15
DEFLATED = 8
DEF_MEM_LEVEL = 8
DEF_BUF_SIZE = 16384
Z_NO_COMPRESSION = 0
Z_BEST_SPEED = 1
Z_BEST_COMPRESSION = 9
Z_DEFAULT_COMPRESSION = -1
Z_FILTERED = 1
Z_HUFFMAN_ONLY = 2
Z_RLE = 3
Z_FIXED = 4
Z_DEFAULT_STRATEGY = 0
Z_NO_FLUSH = 0
Z_PARTIAL_FLUSH = 1
Z_SYNC_FLUSH = 2
Z_FULL_FLUSH = 3
Z_FINISH = 4
Z_BLOCK = 5
Z_TREES = 6


class error(Exception):
    pass


error.__module__ = 'zlib'


def _buffer(data):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        try:
            data = memoryview(data)
        except TypeError:
            raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__) from None
    return data


def crc32(data, value=0):
    """CRC-32 of data, continuing from value (an unsigned 32-bit result)."""
    return _crc32(_buffer(data), value & 0xFFFFFFFF)


def adler32(data, value=1):
    """Adler-32 checksum of data, continuing from value (RFC 1950)."""
    data = _buffer(data)
    a = value & 0xFFFF
    b = (value >> 16) & 0xFFFF
    n = len(data)
    i = 0
    while i < n:
        # 5552 bytes is the most that cannot overflow before the modulo in
        # the C version; here it only keeps the numbers small
        end = min(n, i + 5552)
        for c in data[i:end]:
            a += c
            b += a
        a %= 65521
        b %= 65521
        i = end
    return (b << 16) | a


def compress(data, level=-1, wbits=MAX_WBITS):
    return _z.compress(_buffer(data), wbits)


def decompress(data, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE):
    data = _buffer(data)
    if 8 <= wbits <= 15 and len(data) >= 2 and ((data[0] & 15) != 8 or (data[0] << 8 | data[1]) % 31):
        raise error('Error -3 while decompressing data: incorrect header check')
    try:
        return _z.decompress(data, wbits)
    except (OSError, ValueError) as e:
        # the guest's inflater does not say why as zlib does
        raise error('Error -3 while decompressing data: %s' % (e,)) from None
