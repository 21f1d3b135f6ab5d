# uuid: output must be identical under CPython 3.11 and mpbox.
import uuid

u = uuid.UUID('12345678-1234-5678-1234-567812345678')
print(u, repr(u), u.hex, u.int, u.urn)
print(u.bytes, u.bytes_le, u.fields)
print(u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low,
      u.node, u.time, u.clock_seq, u.variant, u.version)
for s in ['{12345678-1234-5678-1234-567812345678}', '12345678123456781234567812345678',
          'urn:uuid:12345678-1234-5678-1234-567812345678']:
    print(uuid.UUID(s) == u, uuid.UUID(s))
print(uuid.UUID(bytes=u.bytes) == u, uuid.UUID(bytes_le=u.bytes_le) == u,
      uuid.UUID(fields=u.fields) == u, uuid.UUID(int=u.int) == u)
print(uuid.UUID(int=0), uuid.UUID(int=(1 << 128) - 1), uuid.UUID(int=5, version=4))
for v in range(1, 6):
    x = uuid.UUID(int=0x0123456789abcdef0123456789abcdef, version=v)
    print(v, x, x.version, x.variant)
print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)
for name in ['python.org', 'example.com', '', 'a' * 100, '\u00e9l\u00e8ve', 'x' * 55, 'y' * 56, 'z' * 64]:
    print(len(name), uuid.uuid3(uuid.NAMESPACE_DNS, name), uuid.uuid5(uuid.NAMESPACE_DNS, name))
print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/page'),
      uuid.uuid3(uuid.NAMESPACE_OID, '1.2.3'), uuid.uuid5(uuid.NAMESPACE_X500, 'cn=x'))
try:
    uuid.uuid5(uuid.NAMESPACE_X500, b'cn=x')
except TypeError as e:
    print('TypeError', e)

r = uuid.uuid4()
print(type(r).__name__, r.version, r.variant, len(str(r)), str(r)[14], str(r)[19] in '89ab',
      uuid.UUID(str(r)) == r, r != uuid.uuid4())
t = uuid.uuid1()
print(t.version, t.variant, len(t.hex), t.node == uuid.uuid1().node)
print(uuid.uuid1(node=0x123456789abc, clock_seq=0x1234).node == 0x123456789abc,
      uuid.uuid1(clock_seq=0x1234).clock_seq)
print(sorted([uuid.UUID(int=3), uuid.UUID(int=1), uuid.UUID(int=2)]))
print(uuid.UUID(int=1) < uuid.UUID(int=2), uuid.UUID(int=2) >= uuid.UUID(int=2),
      hash(uuid.UUID(int=7)) == hash(uuid.UUID(int=7)), int(uuid.UUID(int=9)),
      uuid.UUID(int=1) == 1, len({uuid.UUID(int=1), uuid.UUID(int=1)}))
print(uuid.UUID(int=0).variant, uuid.UUID(int=0xc << 60).variant,
      uuid.UUID(int=0xe << 60).variant, uuid.UUID(int=0x8 << 60).variant, uuid.UUID(int=0).version)
for bad in [lambda: uuid.UUID('not-a-uuid'), lambda: uuid.UUID('UUID:12345678-1234-5678-1234-567812345678'), lambda: uuid.UUID('1234'),
            lambda: uuid.UUID('g2345678123456781234567812345678'),
            lambda: uuid.UUID(bytes=b'short'), lambda: uuid.UUID(bytes_le=b'x' * 17),
            lambda: uuid.UUID(fields=(1, 2, 3)), lambda: uuid.UUID(fields=(1 << 32, 0, 0, 0, 0, 0)),
            lambda: uuid.UUID(fields=(0, 0, 0, 0, 256, 0)),
            lambda: uuid.UUID(int=-1), lambda: uuid.UUID(int=1 << 128),
            lambda: uuid.UUID(int=1, version=6), lambda: uuid.UUID(),
            lambda: uuid.UUID('12345678123456781234567812345678', int=5)]:
    try:
        bad()
        print('no error')
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    u.int = 5
except TypeError as e:
    print('TypeError', e)
