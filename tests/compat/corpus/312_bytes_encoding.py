"""Binary data handling: struct packing, checksums, base64, hex dumps, text encodings."""
import base64
import binascii
import hashlib
import struct
import zlib


def hexdump(data: bytes, width: int = 8) -> None:
    for off in range(0, len(data), width):
        chunk = data[off:off + width]
        hexpart = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        print(f"{off:04x}  {hexpart:<{width * 3}} |{text}|")


def main():
    header = struct.pack("<4sHHI", b"MPBX", 2, 7, 123456)
    print(header, len(header), struct.calcsize("<4sHHI"), struct.calcsize("@iq"))
    magic, major, minor, size = struct.unpack("<4sHHI", header)
    print(magic.decode(), major, minor, size)
    rec = struct.pack(">hf?", -2, 1.5, True)
    print(rec.hex(), struct.unpack(">hf?", rec), list(struct.iter_unpack("<H", b"\x01\x00\x02\x00")))
    payload = "Grüße, 世界! ✓".encode("utf-8")
    hexdump(header + payload)
    print(len("Grüße, 世界! ✓"), len(payload), payload.decode("utf-8"), payload[:6].decode("utf-8", errors="replace"))
    print("café".encode("latin-1"), "café".encode("ascii", errors="replace"), "café".encode("ascii", "ignore"), b"caf\xe9".decode("latin-1"))
    try:
        b"\xff\xfe".decode("utf-8")
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    try:
        "naïve".encode("ascii")
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e.reason, e.start, e.end)
    b64 = base64.b64encode(payload)
    print(b64, base64.b64decode(b64) == payload, base64.urlsafe_b64encode(b"\xfb\xff"), base64.b16encode(b"hi"), base64.b32encode(b"abc"))
    print(hashlib.sha256(b"hello").hexdigest()[:16], hashlib.md5(b"hello").hexdigest(), hashlib.sha1(b"").hexdigest()[:10])
    h = hashlib.sha256()
    for part in (b"hel", b"lo"):
        h.update(part)
    print(h.hexdigest() == hashlib.sha256(b"hello").hexdigest(), h.digest_size, h.name)
    print(zlib.crc32(b"hello"), hex(zlib.adler32(b"hello")), binascii.hexlify(b"\x00\xab", "-"), bytes.fromhex("de ad be ef"))
    comp = zlib.compress(b"a" * 100)
    print(len(comp) < 100, zlib.decompress(comp)[:5], bytes(range(5)), bytearray(b"abc").upper(), b"a,b".split(b","))
    ba = bytearray(b"hello")
    ba[0] = ord("J")
    ba.extend(b"!!")
    print(ba, ba.decode(), bytes(ba).replace(b"l", b"L"), ba.hex(":"), b"x" * 3 + b"y", b"abc"[1], b"abc"[1:])
    print(int.from_bytes(hashlib.sha256(b"seed").digest()[:4], "big"), memoryview(b"abcd")[1:3].tobytes(), b"%d-%s" % (5, b"x"))


if __name__ == "__main__":
    main()
