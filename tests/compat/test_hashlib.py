# hashlib (and hmac over it): output must be identical under CPython 3.11 and mpbox.
import hashlib
import hmac
import io

# every length around the block and length-field boundaries, in one update
# and in pieces
for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']:
    for n in [0, 1, 3, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000]:
        data = bytes((i * 7 + n) & 255 for i in range(n))
        whole = hashlib.new(name, data)
        pieces = getattr(hashlib, name)()
        for i in range(0, n, 17):
            pieces.update(data[i:i + 17])
        print(name, n, whole.hexdigest(), pieces.digest() == whole.digest())
    h = hashlib.new(name)
    print(h.name, h.digest_size, h.block_size)

# copy() forks the state; digest() does not end it
h = hashlib.sha256(b'abc')
c = h.copy()
c.update(b'd')
print(h.hexdigest(), c.hexdigest(), h.hexdigest() == hashlib.sha256(b'abc').hexdigest())
h.update(b'more')
print(h.hexdigest())

# what agents hash: text encoded, bytearray, memoryview, a big buffer
print(hashlib.md5('héllo wörld'.encode()).hexdigest())
print(hashlib.sha1(bytearray(b'xyz')).hexdigest(), hashlib.sha1(memoryview(b'xyz')).hexdigest())
print(hashlib.sha256(b'x' * 1000003).hexdigest())
print(hashlib.new('SHA256', b'case').hexdigest(), hashlib.sha512(string=b'kw').hexdigest()[:16])
print(hashlib.file_digest(io.BytesIO(b'abc' * 1000), 'sha1').hexdigest())
print(hashlib.file_digest(io.BytesIO(b'abc'), hashlib.md5).hexdigest())
print(sorted(hashlib.algorithms_guaranteed & {'md5', 'sha1', 'sha256', 'sha512'}))

# key derivation and MACs
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 1000).hex())
print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 2, 32).hex())
print(hashlib.pbkdf2_hmac('sha512', b'p' * 200, b'salt', 3, 100).hex())
print(hmac.new(b'key', b'msg', hashlib.sha256).hexdigest())
print(hmac.new(b'key', b'msg', 'md5').hexdigest())
print(hmac.new(b'k' * 100, b'msg', hashlib.sha512).hexdigest())

# errors
for bad in [lambda: hashlib.md5('text'), lambda: hashlib.new('nope'), lambda: hashlib.sha1(12),
            lambda: hashlib.pbkdf2_hmac('sha1', b'p', b's', 0), lambda: hashlib.sha256(None),
            lambda: hashlib.new('md5', None), lambda: hashlib.sha512([1, 2])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# a memoryview of a bytearray changed between updates hashes what it holds then
ba = bytearray(b'x' * 1000)
h = hashlib.sha256(memoryview(ba))
ba[0] = 0
h.update(memoryview(ba)[10:500])
print(h.hexdigest(), hashlib.sha1(bytearray(300)).hexdigest())
