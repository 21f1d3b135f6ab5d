# hashlib for mpbox: md5, sha1, sha224, sha256, sha384 and sha512 with
# CPython's interface (update, digest, hexdigest, copy, name, digest_size,
# block_size; new(); pbkdf2_hmac(); file_digest()). This build's own
# hashlib has only sha256, without hexdigest().
#
# The host hashes whole blocks (js.mpbox_internal('hash_blocks'),
# core/internal.c, util/digest.c) and keeps nothing: each object holds its
# chaining value, the bytes of its partial block and its length, and pads
# the message itself (RFC 1321, FIPS 180-4) when a digest is asked for.
# Written for mpbox.
import js
import uctypes

__all__ = ('md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'new', 'algorithms_guaranteed',
           'algorithms_available', 'pbkdf2_hmac', 'file_digest')

# name: (block size, digest size, bytes of the length field, length little-endian)
_SHAPES = {
    'md5': (64, 16, 8, True),
    'sha1': (64, 20, 8, False),
    'sha224': (64, 28, 8, False),
    'sha256': (64, 32, 8, False),
    'sha384': (128, 48, 16, False),
    'sha512': (128, 64, 16, False),
}

algorithms_guaranteed = set(_SHAPES)
algorithms_available = set(_SHAPES)


def _address(data):
    # a bytes object's data pointer: the word after its base, hash and length
    return int.from_bytes(uctypes.bytearray_at(id(data) + 12, 4), 'little')


def _blocks(name, state, data):
    # hash the whole blocks of `data` (bytes, a multiple of the block size)
    answer = js.mpbox_internal('hash_blocks', '%s %s %d %d' % (name, state, _address(data), len(data)))
    if not answer.startswith('["'):
        raise RuntimeError('hashlib: the host refused to hash')
    return answer[2:-2]


def _as_bytes(data):
    if isinstance(data, str):
        raise TypeError('Strings must be encoded before hashing')
    if isinstance(data, bytes):
        return data
    try:
        return bytes(memoryview(data))
    except TypeError:
        raise TypeError("object supporting the buffer API required") from None


class _Hash:
    def __init__(self, name, data=b''):
        self.name = name
        self.block_size, self.digest_size, self._length_size, self._little = _SHAPES[name]
        self._state = '-'
        self._tail = b''
        self._count = 0
        self.update(data)  # None, str, ... refused as CPython does

    def update(self, data):
        data = _as_bytes(data)
        self._count += len(data)
        pending = self._tail + data if self._tail else data
        whole = len(pending) - len(pending) % self.block_size
        if whole:
            self._state = _blocks(self.name, self._state, pending if whole == len(pending) else pending[:whole])
        self._tail = pending[whole:]

    def copy(self):
        other = _Hash(self.name)
        other._state, other._tail, other._count = self._state, self._tail, self._count
        return other

    def digest(self):
        size = self.block_size
        room = size - self._length_size
        padding = b'\x80' + bytes((room - 1 - len(self._tail)) % size)
        bits = (self._count * 8).to_bytes(self._length_size, 'little' if self._little else 'big')
        state = _blocks(self.name, self._state, self._tail + padding + bits)
        return bytes.fromhex(state[:2 * self.digest_size])

    def hexdigest(self):
        return self.digest().hex()

    def __repr__(self):
        return '<%s _hashlib.HASH object @ %s>' % (self.name, hex(id(self)))


def new(name, data=b'', **kwargs):
    key = name.lower().replace('-', '') if isinstance(name, str) else name
    if key not in _SHAPES:
        raise ValueError('unsupported hash type ' + str(name))
    return _Hash(key, data)


def _constructor(name):
    def make(data=b'', *, usedforsecurity=True, string=None):
        return _Hash(name, data if string is None else string)
    return make


md5 = _constructor('md5')
sha1 = _constructor('sha1')
sha224 = _constructor('sha224')
sha256 = _constructor('sha256')
sha384 = _constructor('sha384')
sha512 = _constructor('sha512')


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    """PBKDF2 (RFC 8018) with HMAC of the digest `hash_name`."""
    password = _as_bytes(password)
    salt = _as_bytes(salt)
    if iterations < 1:
        raise ValueError('iteration value must be greater than 0.')
    probe = new(hash_name)
    size = probe.digest_size
    if dklen is None:
        dklen = size
    if dklen < 1:
        raise ValueError('key length must be greater than 0.')
    if len(password) > probe.block_size:
        password = new(hash_name, password).digest()
    password = password + bytes(probe.block_size - len(password))
    inner = new(hash_name, bytes(b ^ 0x36 for b in password))
    outer = new(hash_name, bytes(b ^ 0x5C for b in password))

    def prf(message):
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        return o.digest()

    key = b''
    block = 1
    while len(key) < dklen:
        u = prf(salt + block.to_bytes(4, 'big'))
        acc = int.from_bytes(u, 'big')
        for _ in range(iterations - 1):
            u = prf(u)
            acc ^= int.from_bytes(u, 'big')
        key += acc.to_bytes(size, 'big')
        block += 1
    return key[:dklen]


def file_digest(fileobj, digest, *, _bufsize=65536):
    """Hash a binary file object read to its end (CPython 3.11)."""
    h = new(digest) if isinstance(digest, str) else digest()
    while True:
        chunk = fileobj.read(_bufsize)
        if not chunk:
            break
        h.update(chunk)
    return h
