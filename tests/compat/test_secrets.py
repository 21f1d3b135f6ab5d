# secrets: sizes and alphabets of tokens, ranges of randbelow/randbits/choice,
# compare_digest and its errors (the values themselves are random).
import secrets
import string

for n in (None, 0, 1, 16, 33):
    b = secrets.token_bytes(n)
    h = secrets.token_hex(n)
    u = secrets.token_urlsafe(n)
    print(n, type(b).__name__, len(b), len(h), all(c in string.hexdigits for c in h), len(u),
          all(c in string.ascii_letters + string.digits + '-_' for c in u))
print(len({secrets.token_hex(16) for _ in range(50)}))
print(all(0 <= secrets.randbelow(10) < 10 for _ in range(300)), len({secrets.randbelow(10) for _ in range(300)}))
print(all(0 <= secrets.randbits(5) < 32 for _ in range(200)), secrets.randbits(0), secrets.randbelow(1))
print(secrets.randbits(200).bit_length() <= 200, len({secrets.choice('abc') for _ in range(100)}))
for bad in (0, -3):
    try:
        secrets.randbelow(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    secrets.choice([])
except IndexError as e:
    print('IndexError', e)
try:
    secrets.randbits(-1)
except ValueError as e:
    print('ValueError', e)
print(secrets.compare_digest('abc', 'abc'), secrets.compare_digest('abc', 'abd'), secrets.compare_digest('a', 'ab'),
      secrets.compare_digest(b'\x00\xff', bytearray(b'\x00\xff')), secrets.compare_digest(b'', b''))
for a, b in [('a', b'a'), (b'a', 'a'), (1, 1), ('a', 1), (b'a', 1), ([1], b'a'), ('é', 'é')]:
    try:
        secrets.compare_digest(a, b)
    except TypeError as e:
        print('TypeError', e)
r = secrets.SystemRandom()
print(0 <= r.random() < 1, 1 <= r.randint(1, 6) <= 6, secrets.DEFAULT_ENTROPY)
alphabet = string.ascii_letters + string.digits
pw = ''.join(secrets.choice(alphabet) for i in range(20))
print(len(pw), all(c in alphabet for c in pw))
