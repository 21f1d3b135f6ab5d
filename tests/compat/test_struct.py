# struct: CPython's codes ('?', 'c', 'p', 'e', 'n', 'N', 'P'), native sizes and
# alignment of 64-bit CPython, range checks and struct.error texts, Struct,
# iter_unpack, pack_into/unpack_from; output must be identical under python3
# and mpbox (lib/python/struct.py over the C module).
import struct
for f,v in [('b',200),('B',-1),('h',70000),('H',-1),('i',2**31),('I',-1),('I',2**32),('l',2**31),('L',2**32),('q',2**63),('Q',-1),('n',2**63),('N',-1),('@i',2**31),('@l',2**63),('>h',1.5),('c',b'ab'),('?',[]),('e',1e6),('f',1e39),('s',5),('p','x'),('P',-1),('h', True)]:
    try: print(f, struct.pack(f if f[0] in '@<>' else '<'+f if f not in 'nNP' else f, v))
    except Exception as e: print(f, type(e).__name__, e)
for a in [('<hh', 1), ]:
    try: struct.pack(*a)
    except Exception as e: print(e)
try: struct.unpack('<hh', b'123')
except Exception as e: print(e)
try: struct.calcsize('<z')
except Exception as e: print(e)
try: list(struct.iter_unpack('<h', b'123'))
except Exception as e: print(e)
try: struct.unpack_from('<i', b'12', 1)
except Exception as e: print(e)
try: struct.pack_into('<i', bytearray(2), 0, 1)
except Exception as e: print(e)
print(repr(struct.Struct('hi').format), struct.Struct('<hi').size, struct.error.__mro__, struct.error.__name__)
print(struct.pack('<2p', b'abc'), struct.pack('<5p', b'ab'), struct.unpack('<5p', b'\x09abcd'), struct.pack('@bi', 1, 2), struct.calcsize('@bq'), struct.calcsize('@qb'), struct.calcsize('@b0q'))
print(struct.pack('<?', 2), struct.unpack('<?', b'\x05'), struct.pack('<c', b'\xff'), struct.unpack('<2c', b'ab'), struct.pack('<e', 65504.0), struct.pack('<e', 1.5))
try: struct.pack('<e', 65520.0)
except Exception as e: print(type(e).__name__, e)
print(struct.pack('< 2h i', 1, 2, 3), struct.calcsize('3s2x'), struct.pack('<0s', b'zz'), struct.pack('3s', b'abcdef'), struct.pack('5s', b'a'))
print(struct.calcsize('@iq'), struct.calcsize('@l'), struct.calcsize('=l'), struct.pack('@hl', 1, 2), struct.unpack('@hl', struct.pack('@hl', -1, -2)))
print(struct.pack('>hf?', -2, 1.5, True).hex(), struct.unpack('>hf?', bytes.fromhex('fffe3fc0000001')), list(struct.iter_unpack('<H', b'\x01\x00\x02\x00')))
s = struct.Struct('!I2s')
buf = bytearray(10)
s.pack_into(buf, 2, 7, b'ok')
print(buf, s.unpack_from(buf, 2), s.unpack(bytes(buf[2:8])), list(s.iter_unpack(bytes(12))))
print(struct.pack('<d', 1), struct.pack('<f', 0.1), struct.unpack('<f', struct.pack('<f', 0.1)), struct.pack('<q', -1), struct.unpack('<Q', b'\xff'*8))
import math
print(math.sqrt(2), struct.pack(b'<h', 5))
