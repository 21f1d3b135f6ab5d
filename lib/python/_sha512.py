# SHA-512 (FIPS 180-4), for random.seed(str|bytes), which CPython keys with
# the seed's bytes followed by their SHA-512 digest. MicroPython's hashlib
# has no sha512. The round constants and initial hash values are computed
# here as the standard defines them (fractional parts of cube and square
# roots of the first primes) rather than listed.

_M64 = (1 << 64) - 1


def _primes(count):
    found = []
    n = 2
    while len(found) < count:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
        n += 1
    return found


def _iroot(n, k):
    # the integer k-th root of n (floor), by Newton's method
    x = 1 << ((len(bin(n)) - 2) // k + 1)
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            return x
        x = y


_P = _primes(80)
_K = [_iroot(p << 192, 3) & _M64 for p in _P]
_H0 = [_iroot(p << 128, 2) & _M64 for p in _P[:8]]


def _rotr(x, n):
    return ((x >> n) | (x << (64 - n))) & _M64


def _compress(h, block):
    w = [int.from_bytes(block[i:i + 8], 'big') for i in range(0, 128, 8)]
    for t in range(16, 80):
        a = w[t - 15]
        b = w[t - 2]
        s0 = _rotr(a, 1) ^ _rotr(a, 8) ^ (a >> 7)
        s1 = _rotr(b, 19) ^ _rotr(b, 61) ^ (b >> 6)
        w.append((w[t - 16] + s0 + w[t - 7] + s1) & _M64)
    a, b, c, d, e, f, g, hh = h
    for t in range(80):
        t1 = (hh + (_rotr(e, 14) ^ _rotr(e, 18) ^ _rotr(e, 41)) + ((e & f) ^ (~e & g))
              + _K[t] + w[t]) & _M64
        t2 = ((_rotr(a, 28) ^ _rotr(a, 34) ^ _rotr(a, 39)) + ((a & b) ^ (a & c) ^ (b & c))) & _M64
        hh, g, f, e, d, c, b, a = g, f, e, (d + t1) & _M64, c, b, a, (t1 + t2) & _M64
    return [(x + y) & _M64 for x, y in zip(h, (a, b, c, d, e, f, g, hh))]


class sha512:
    digest_size = 64
    block_size = 128
    name = 'sha512'

    def __init__(self, data=b''):
        self._h = list(_H0)
        self._buf = b''
        self._len = 0
        self.update(data)

    def update(self, data):
        data = bytes(data)
        self._len += len(data)
        buf = self._buf + data
        i = 0
        while i + 128 <= len(buf):
            self._h = _compress(self._h, buf[i:i + 128])
            i += 128
        self._buf = buf[i:]

    def digest(self):
        # padding: 0x80, zeros, the message length in bits as 128 bits
        n = self._len
        pad = b'\x80' + b'\x00' * ((111 - n) % 128) + (n * 8).to_bytes(16, 'big')
        h = self._h
        buf = self._buf + pad
        for i in range(0, len(buf), 128):
            h = _compress(h, buf[i:i + 128])
        return b''.join(x.to_bytes(8, 'big') for x in h)

    def hexdigest(self):
        return self.digest().hex()
