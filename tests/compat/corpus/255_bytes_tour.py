# bytes, bytearray and memoryview.
b = b"Hello\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], list(b[:3]))
print(bytes(3), bytes([65, 66, 67]), bytes("é", "utf-8"), bytes(range(5)))
print(b"abc".hex(), bytes.fromhex("de ad be ef"), b"\x01\x02".hex(":"))
print(b"a,b,c".split(b","), b"  pad ".strip(), b"abc".upper(), b"x".join([b"1", b"2"]))
print(b"hello".replace(b"l", b"L"), b"hello".find(b"ll"), b"hello".startswith(b"he"), b"ab" * 2)
print(b"abc" == "abc", b"abc" + b"def", b"a" in b"cat", 97 in b"cat")
ba = bytearray(b"spam")
ba[0] = ord("S")
ba.extend(b" eggs")
ba.append(33)
print(ba, len(ba), bytes(ba))
ba[1:3] = b"PA"
print(ba.decode(), ba.pop(), ba)
del ba[0]
print(ba, ba.count(b"g"), ba.index(b"e"))
mv = memoryview(b"abcdef")
print(mv[0], mv[1:4].tobytes(), bytes(mv[::2]), len(mv), mv.nbytes, mv.readonly)
buf = bytearray(b"000000")
view = memoryview(buf)
view[2:4] = b"XY"
print(buf, view.tolist()[:3])
print("naïve café".encode("utf-8"), "naïve".encode("latin-1"), "x€".encode("utf-8", errors="replace"))
print(b"caf\xc3\xa9".decode("utf-8"), b"\xff".decode("utf-8", errors="replace"), b"\xff".decode("latin-1"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(4, "little"), bytes([0x41]) * 3)
print(b"%s=%d" % (b"n", 5), repr(bytearray()), bytes(bytearray(b"z")), b"A\n\t\\")
