# Bytes, encodings and hex dumps.
data = "Grüße, 世界!".encode("utf-8")
print(data, len(data))
print(data.hex(), data.hex(" ", 4) if True else "")
print(bytes.fromhex("48 65 6c 6c 6f"), bytearray(b"abc").upper())
print(data.decode("utf-8"), data.decode("latin-1", errors="replace")[:8])
print("naïve".encode("ascii", errors="ignore"), "naïve".encode("ascii", errors="replace"))
for i in range(0, len(data), 8):
    chunk = data[i:i + 8]
    print(f"{i:04x}  {chunk.hex(' '):<24}  {''.join(chr(b) if 32 <= b < 127 else '.' for b in chunk)}")
print(b"a,b,,c".split(b","), b"  x ".strip(), b"abc".startswith(b"ab"))
print(int.from_bytes(b"\x00\x10", "big"), list(b"hi"), bytes([104, 105]))
